"""Rows for bulk insertion, each with what the ORM history hook would have written beside it."""
from __future__ import annotations

import random
import uuid

from khuyencong_desktop.storage.bulk import complete_row, create_entry
from khuyencong_desktop.storage.history import derived_values


class RowWriter:
    """Collects full rows per model and one ``create`` history entry per row.

    Rows and entries are made by ``storage.bulk`` (the application's own bulk path: defaults,
    NFC text, derived columns, the hook's snapshot). Ids come from the seeded generator, so the
    same seed gives the same records.
    """

    def __init__(self, rng: random.Random, at: str, actors: dict[str, str]):
        self.rng = rng
        self.at = at
        self.actors = actors
        """Office id → the officer whose name the history entries carry."""
        self.tables: dict[type, list[dict]] = {}
        self.history: list[dict] = []

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, model, origin: str, *, derive: bool = True, **values) -> dict:
        """A full row of ``model`` created at office ``origin``, with its history entry.

        With ``derive`` False the search and sort columns are left for the caller (see :func:`derive_texts`).
        """
        row = complete_row(model, {**values, "id": values.get("id") or self.new_id()}, at=self.at, origin=origin,
                           derive=derive)
        self.tables.setdefault(model, []).append(row)
        self.history.append(create_entry(model, row, actor=self.actors.get(origin, ""), office_id=origin,
                                         entry_id=self.new_id()))
        return row


def derive_texts(job: tuple[str, list[dict]]) -> list[dict[str, str]]:
    """The derived columns of ``rows`` of ``table``, for ``job = (table, rows)`` (run in a worker process)."""
    table, rows = job
    return [derived_values(table, row) for row in rows]


def text_columns(row: dict) -> dict:
    """The part of a row ``derived_values`` reads, small enough to send to a worker cheaply."""
    return {k: v for k, v in row.items() if isinstance(v, str)}
