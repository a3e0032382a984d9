"""Rows for bulk insertion, each with what the ORM history hook would have written beside it."""
from __future__ import annotations

import json
import random
import unicodedata
import uuid

from khuyencong_desktop.storage.history import content_columns, derived_values
from khuyencong_desktop.storage.models import ChangeLog
from khuyencong_desktop.storage.values import dump, to_plain

NO_PARENTS = json.dumps([])
"""The lineage of a ``create`` entry: it replaces nothing."""


def _defaults(model) -> dict[str, object]:
    return {c.key: c.default.arg if c.default is not None and c.default.is_scalar else None
            for c in model.__table__.columns}


class RowWriter:
    """Collects full rows per model and one ``create`` history entry per row.

    The hook's work is reproduced with its own functions: text in NFC, ``derived_values`` for the
    search and sort columns, ``content_columns`` and ``dump`` for the history snapshot. Ids come
    from the seeded generator, so the same seed gives the same records.
    """

    def __init__(self, rng: random.Random, at: str, actors: dict[str, str]):
        self.rng = rng
        self.at = at
        self.actors = actors
        """Office id → the officer whose name the history entries carry."""
        self.tables: dict[type, list[dict]] = {}
        self.history: list[dict] = []
        self._defaults: dict[type, dict] = {}
        self._content: dict[type, list[str]] = {}

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, model, origin: str, *, derive: bool = True, **values) -> dict:
        """A full row of ``model`` created at office ``origin``, with its history entry.

        With ``derive`` False the search and sort columns are left for :meth:`derive` later.
        """
        if model not in self._defaults:
            self._defaults[model] = _defaults(model)
            self._content[model] = content_columns(model)
        row = {**self._defaults[model], **values}
        for key, value in row.items():
            if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
                row[key] = unicodedata.normalize("NFC", value)
        row["id"] = row["id"] or self.new_id()
        row.update(created_at=self.at, updated_at=self.at, origin_office_id=origin, deleted_at=None)
        if derive:
            row.update(derived_values(model.__tablename__, row))
        self.tables.setdefault(model, []).append(row)
        self.history.append({
            **self._history_defaults(), "id": self.new_id(), "entity": model.__tablename__, "record_id": row["id"],
            "op": "create", "at": self.at, "actor": self.actors.get(origin, ""), "office_id": origin,
            "parents": NO_PARENTS, "new_value": dump({k: to_plain(row[k]) for k in self._content[model]})})
        return row

    def _history_defaults(self) -> dict:
        if ChangeLog not in self._defaults:
            self._defaults[ChangeLog] = {k: v for k, v in _defaults(ChangeLog).items() if k != "seq"}
        return self._defaults[ChangeLog]


def derive_texts(job: tuple[str, list[dict]]) -> list[dict[str, str]]:
    """The derived columns of ``rows`` of ``table``, for ``job = (table, rows)`` (run in a worker process)."""
    table, rows = job
    return [derived_values(table, row) for row in rows]


def text_columns(row: dict) -> dict:
    """The part of a row ``derived_values`` reads, small enough to send to a worker cheaply."""
    return {k: v for k, v in row.items() if isinstance(v, str)}
