"""Creating many new records at once with SQLAlchemy Core, writing what the ORM history hook would have written.

A record made here is stored exactly as one added through the ORM: column defaults, text in
NFC, the derived search and sort columns, id, origin office, created and updated times, and one
``create`` change-log entry holding the same snapshot with no parents. Only the per-object ORM
bookkeeping is skipped, which is what makes importing thousands of rows fast.
"""
from __future__ import annotations

import json
import os
import unicodedata
from functools import lru_cache
from operator import itemgetter
from json.encoder import encode_basestring

from sqlalchemy import Date, DateTime, Enum
from sqlalchemy.orm import Session

from .base import new_id, utc_now
from .history import (column_defaults, content_columns, derived_rows, derived_values, entry_row, insert_entries,
                      insert_rows, text_columns)
from .models import TRACKED_MODELS
from .values import to_plain

ID_BATCH = 1000
"""Ids made at a time for new records."""
FLUSH_CHUNK = 2000
"""Records whose rows and history entries are made and inserted together."""


_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


def new_ids(count: int) -> list[str]:
    """``count`` new ids like ``new_id``'s (random UUIDs, version 4), from one read of random bytes."""
    hexed = os.urandom(16 * count).hex()
    return [f"{hexed[i:i + 8]}-{hexed[i + 8:i + 12]}-4{hexed[i + 13:i + 16]}-{_VARIANT[hexed[i + 16]]}"
            f"{hexed[i + 17:i + 20]}-{hexed[i + 20:i + 32]}" for i in range(0, 32 * count, 32)]


@lru_cache(maxsize=None)
def _blank_row(model) -> dict[str, object]:
    """Every column of ``model``'s table, in table order, holding its fixed default or None."""
    defaults = column_defaults(model)
    return {column.key: defaults.get(column.key) for column in model.__table__.columns}


@lru_cache(maxsize=None)
def _text_getter(model) -> itemgetter:
    """The text columns' values of a row of ``model`` as one tuple, fetched in C (the id makes it a tuple always)."""
    return itemgetter(*text_columns(model), "id")


def _all_nfc(values: tuple) -> bool:
    """Whether every text in ``values`` is NFC already, judged in one call: NUL composes with nothing."""
    try:
        return unicodedata.is_normalized("NFC", "\0".join(filter(None, values)))
    except TypeError:  # not all text: judged column by column
        return False


def complete_row(model, values: dict, *, at: str, origin: str | None, derive: bool = True) -> dict:
    """The full row of a new ``model`` record from its ``values`` (an id is made unless given).

    With ``derive`` False the search and sort columns are left for the caller to fill.
    """
    row = {**_blank_row(model), **values}
    if not _all_nfc(_text_getter(model)(row)):
        for key in text_columns(model):
            value = row[key]
            if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
                row[key] = unicodedata.normalize("NFC", value)
    row["id"] = row["id"] or new_id()
    row.update(created_at=at, updated_at=at, origin_office_id=origin, deleted_at=None)
    if derive:
        row.update(derived_values(model.__tablename__, row))
    return row


@lru_cache(maxsize=None)
def _converted_columns(model) -> tuple[str, ...]:
    """The columns whose Python values (enums, dates) differ from what SQLite and the history store."""
    return tuple(column.key for column in model.__table__.columns
                 if isinstance(column.type, (Enum, Date, DateTime)))


_encode = json.JSONEncoder(ensure_ascii=False).encode
"""``values.dump`` of a snapshot of plain values, bound once (the same text, without the per-call setup)."""

_WRITE = {str: encode_basestring, int: int.__repr__, bool: {True: "true", False: "false"}.__getitem__,
          type(None): {None: "null"}.__getitem__}
"""The JSON text of a plain value by its exact class, as ``_encode`` writes it (the values a column holds)."""


@lru_cache(maxsize=None)
def _snapshot_template(model) -> tuple[str, tuple[tuple[str, bool], ...]]:
    """The snapshot text with a ``%s`` per content column ('{"code": %s, ...}'), and per column its key and
    whether its values are converted (enums, dates)."""
    converted = _converted_columns(model)
    columns = content_columns(model)
    text = "{" + ", ".join(encode_basestring(key) + ": %s" for key in columns) + "}"
    return text, tuple((key, key in converted) for key in columns)


def _column_texts(values: list) -> list[str] | None:
    """The JSON text of each of one column's ``values``; None when one is not text, a whole number, a boolean
    or None."""
    kinds = set(map(type, values))
    if len(kinds) == 1:
        write = _WRITE.get(kinds.pop())
        return None if write is None else list(map(write, values))
    if not kinds <= _WRITE.keys():
        return None
    return [_WRITE[value.__class__](value) for value in values]


def snapshot_texts(model, rows: list[dict]) -> list[str]:
    """The JSON text of the content snapshot of each of ``rows``: exactly ``_encode`` of it.

    Built column by column (each column's values are written by one C function when they share a
    class) and put together with one text template per model. Rows holding anything else (a float,
    say) are left to the encoder whole.
    """
    template, columns = _snapshot_template(model)
    texts = []
    for key, convert in columns:
        values = list(map(itemgetter(key), rows))
        column = _column_texts(list(map(to_plain, values)) if convert else values)
        if column is None:
            return [_encode({key: to_plain(row[key]) if convert else row[key] for key, convert in columns})
                    for row in rows]
        texts.append(column)
    return list(map(template.__mod__, zip(*texts)))


def snapshot_json(model, row: dict) -> str:
    """The JSON text of the content snapshot of one ``row`` (see :func:`snapshot_texts`)."""
    return snapshot_texts(model, [row])[0]


def create_entries(model, rows: list[dict], *, actor: str, office_id: str | None, entry_ids: list[str]) -> list[dict]:
    """The ``create`` change-log entries of new ``rows``: each its content snapshot, replacing nothing."""
    fixed = entry_row("", model.__tablename__, "", "create", None, None, None, "", actor, office_id, [])
    return [{**fixed, "id": entry_id, "record_id": row["id"], "new_value": text, "at": row["created_at"]}
            for row, text, entry_id in zip(rows, snapshot_texts(model, rows), entry_ids)]


def create_entry(model, row: dict, *, actor: str, office_id: str | None, entry_id: str | None = None) -> dict:
    """The ``create`` change-log entry of one new ``row`` (see :func:`create_entries`)."""
    return create_entries(model, [row], actor=actor, office_id=office_id, entry_ids=[entry_id or new_id()])[0]


class NewRecord:
    """A record waiting in a :class:`BulkCreator`: the values it was given as attributes, ``id`` included.

    The columns it was not given read as their defaults, kept once per model rather than per record.
    """

    __slots__ = ("_defaults", "__dict__")

    def __init__(self, defaults: dict, values: dict):
        self._defaults = defaults
        self.__dict__.update(values)

    def __getattr__(self, key: str):
        try:
            return self._defaults[key]
        except KeyError:
            raise AttributeError(key) from None


class BulkCreator:
    """New records made during one session and inserted together by :meth:`flush`, each with its history.

    Records are inserted table by table in reference order, so a record may name another new
    record (a link naming a new project and a new beneficiary). The session's actor and office
    are the ones the ORM hook would have written.
    """

    def __init__(self, session: Session):
        self.session = session
        self.pending: dict[type, list[NewRecord]] = {}
        self._ids: list[str] = []

    def new(self, model, **values) -> NewRecord:
        if not self._ids:
            self._ids = new_ids(ID_BATCH)
        record = NewRecord(_blank_row(model), {**values, "id": values.get("id") or self._ids.pop()})
        self.pending.setdefault(model, []).append(record)
        return record

    def flush(self) -> int:
        """Insert every pending record and its ``create`` entry; how many records were inserted.

        Rows and entries are made and inserted :data:`FLUSH_CHUNK` records at a time, so their
        memory does not grow with the number of records.
        """
        info = self.session.info
        office, actor = info.get("office_id"), info.get("actor", "")
        at = utc_now()
        count = 0
        for model in TRACKED_MODELS:
            records = self.pending.pop(model, [])
            converted = _converted_columns(model)
            for start in range(0, len(records), FLUSH_CHUNK):
                rows = [complete_row(model, vars(record), at=at, origin=record.origin_office_id or office,
                                     derive=False) for record in records[start:start + FLUSH_CHUNK]]
                for row, derived in zip(rows, derived_rows(model.__tablename__, rows)):
                    row.update(derived)
                    for key in converted:
                        row[key] = to_plain(row[key])
                insert_rows(self.session, model.__tablename__, rows)
                insert_entries(self.session, create_entries(model, rows, actor=actor, office_id=office,
                                                            entry_ids=new_ids(len(rows))))
                count += len(rows)
        return count
