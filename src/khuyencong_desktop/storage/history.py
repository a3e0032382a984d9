"""Change history (lịch sử thay đổi): every edit of a tracked record, written in the same flush.

Also the single place where stored text is normalised to NFC and where the derived search and
sort columns are refreshed, so no way in can skip them.
"""
from __future__ import annotations

import json
import unicodedata
from functools import lru_cache

from sqlalchemy import String, Text, delete, event, inspect, select
from sqlalchemy.orm import Session

from ..domain.text import fold, sort_key
from .base import Tracked, new_id, utc_now
from .exchange_models import DELETION, ExchangeConflict, heads, parents_for, parse_parents
from .models import Beneficiary, ChangeLog, Project
from .values import dump, to_plain

DERIVED = frozenset({"search_text", "name_key"})
"""Columns computed from others: never edited, never in history."""

_SEARCHED = {
    Project.__tablename__: ("code", "name", "place", "commune", "district", "province", "implementing_unit"),
    Beneficiary.__tablename__: ("name", "tax_code", "representative", "commune", "district", "province", "trade"),
}


def derived_values(table: str, values: dict) -> dict[str, str]:
    """The derived columns of a ``table`` row from its content ``values`` (empty for other tables)."""
    fields = _SEARCHED.get(table)
    if not fields:
        return {}
    return {"search_text": " ".join(fold(values.get(f) or "") for f in fields),
            "name_key": sort_key(values.get("name") or "")}


def derived_rows(table: str, rows: list[dict]) -> list[dict[str, str]]:
    """``derived_values`` of each of many ``rows`` of ``table``, each distinct text folded once.

    Rows created together repeat their communes, districts, provinces and empty cells; the texts
    are folded and keyed once per call, column by column.
    """
    fields = _SEARCHED.get(table)
    if not fields:
        return [{} for _ in rows]
    folded, keyed = _Memo(fold), _Memo(sort_key)
    columns = [[folded[row.get(f) or ""] for row in rows] for f in fields]
    keys = [keyed[row.get("name") or ""] for row in rows]
    return [{"search_text": text, "name_key": key} for text, key in zip(map(" ".join, zip(*columns)), keys)]


class _Memo(dict):
    """``function(text)`` by text, computed the first time a text is asked for."""

    def __init__(self, function):
        super().__init__()
        self.function = function

    def __missing__(self, text: str) -> str:
        value = self[text] = self.function(text)
        return value


def derived_inputs(table: str) -> frozenset[str]:
    """The columns the derived columns of ``table`` are computed from (empty for other tables)."""
    fields = _SEARCHED.get(table)
    return frozenset((*fields, "name")) if fields else frozenset()


@lru_cache(maxsize=None)
def content_columns(model) -> tuple[str, ...]:
    """The columns whose edits are history: everything but bookkeeping and derived columns."""
    return tuple(c.key for c in inspect(model).column_attrs
                 if c.key not in Tracked.BOOKKEEPING and c.key not in DERIVED and c.key != "deleted_at")


@lru_cache(maxsize=None)
def text_columns(model) -> tuple[str, ...]:
    """The columns holding text: stored in NFC."""
    return tuple(attr.key for attr in inspect(model).column_attrs if isinstance(attr.columns[0].type, (String, Text)))


@lru_cache(maxsize=None)
def column_defaults(model) -> dict[str, object]:
    """Content columns with a fixed default: what the INSERT stores when the record leaves them unset."""
    columns = {attr.key: attr.columns[0] for attr in inspect(model).column_attrs}
    return {key: columns[key].default.arg for key in content_columns(model)
            if columns[key].default is not None and columns[key].default.is_scalar}


def snapshot(obj: Tracked) -> dict[str, object]:
    return {key: to_plain(getattr(obj, key)) for key in content_columns(type(obj))}


def _normalise_text(obj) -> None:
    for key in text_columns(type(obj)):
        value = getattr(obj, key)
        if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
            setattr(obj, key, unicodedata.normalize("NFC", value))


def _fill_defaults(obj) -> None:
    """Unset columns take their defaults now, so the create entry holds the values stored."""
    for key, default in column_defaults(type(obj)).items():
        if getattr(obj, key) is None:
            setattr(obj, key, default)


def _refresh_derived(obj) -> None:
    table = type(obj).__tablename__
    if table in _SEARCHED:
        for key, value in derived_values(table, {f: getattr(obj, f) for f in (*_SEARCHED[table], "name")}).items():
            setattr(obj, key, value)


class _Lineage:
    """The heads of one record's registers, loaded once per flush, advanced as entries are written."""

    def __init__(self):
        self.current: dict[str, list[str]] | None = None
        self.create_id: str | None = None

    def advance(self, session: Session, record_id: str, op: str, field: str | None, entry_id: str) -> list[str]:
        if self.current is None:
            rows = session.execute(select(ChangeLog.id, ChangeLog.op, ChangeLog.field, ChangeLog.parents)
                                   .where(ChangeLog.record_id == record_id)).all()
            self.create_id = next((r.id for r in rows if r.op == "create"), None)
            self.current = heads((r.id, r.op, r.field, parse_parents(r.parents)) for r in rows)
        parents = parents_for(op, field, self.current, self.create_id)
        key = DELETION if op in ("delete", "restore") else field
        if len(self.current.get(key, [])) > 1 or key == DELETION:
            session.execute(delete(ExchangeConflict).where(ExchangeConflict.record_id == record_id,
                                                           ExchangeConflict.field == key))
        self.current[key] = [entry_id]
        return parents


_NO_PARENTS = json.dumps([])
"""The parents column of an entry replacing nothing (every create entry): written once, not per entry."""


def entry_row(entry_id: str, entity: str, record_id: str, op: str, field: str | None, old: str | None,
              new: str | None, at: str, actor: str, office_id: str | None, parents: list[str]) -> dict:
    """One ChangeLog row as plain values, every column but ``seq``."""
    return dict(id=entry_id, entity=entity, record_id=record_id, op=op, field=field, old_value=old, new_value=new,
                at=at, actor=actor, office_id=office_id, parents=json.dumps(parents) if parents else _NO_PARENTS)


def _entry(session: Session, obj: Tracked, op: str, field: str | None, old: str | None, new: str | None, at: str,
           lineage: _Lineage | None = None) -> dict:
    """One ChangeLog row of a flush; the caller inserts a flush's rows in one statement."""
    entry_id = new_id()
    parents = lineage.advance(session, obj.id, op, field, entry_id) if lineage else []
    return entry_row(entry_id, type(obj).__tablename__, obj.id, op, field, old, new, at,
                     session.info.get("actor", ""), session.info.get("office_id"), parents)


def insert_rows(session: Session, table: str, rows: list[dict]) -> None:
    """Insert plain rows (every dict with the same keys, values as SQLite stores them) in one executemany."""
    if rows:
        names = list(rows[0])
        columns = ", ".join(f'"{name}"' for name in names)
        session.connection().exec_driver_sql(f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(names))})",
                                             [tuple(row.values()) for row in rows])


def insert_entries(session: Session, entries: list[dict]) -> None:
    """Insert ChangeLog rows (from :func:`entry_row`) in one statement."""
    insert_rows(session, ChangeLog.__tablename__, entries)


def record_edit(session: Session, obj: Tracked, field: str, old: object, new: object) -> None:
    """Write an update entry even when the value did not change (an officer confirming one value)."""
    session.flush()
    insert_entries(session, [_entry(session, obj, "update", field, dump(old), dump(new), utc_now(), _Lineage())])


def _record(session: Session, flush_context, instances) -> None:
    recording = session.info.get("record_history", True)
    at = utc_now()
    entries: list[dict] = []
    for obj in list(session.new):
        if not isinstance(obj, Tracked):
            continue
        _fill_defaults(obj)
        _normalise_text(obj)
        _refresh_derived(obj)
        if obj.id is None:
            obj.id = new_id()
        if recording:
            if obj.origin_office_id is None:
                obj.origin_office_id = session.info.get("office_id")
            obj.created_at = obj.updated_at = at
            entries.append(_entry(session, obj, "create", None, None, dump(snapshot(obj)), at))
    for obj in list(session.dirty):
        if not isinstance(obj, Tracked) or not session.is_modified(obj, include_collections=False):
            continue
        _normalise_text(obj)
        _refresh_derived(obj)
        if not recording:
            continue
        state = inspect(obj)
        changed = False
        lineage = _Lineage()
        for key in content_columns(type(obj)):
            hist = state.attrs[key].history
            if not hist.has_changes():
                continue
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if to_plain(old) == to_plain(new):
                continue
            entries.append(_entry(session, obj, "update", key, dump(old), dump(new), at, lineage))
            changed = True
        deletion = state.attrs["deleted_at"].history
        if deletion.has_changes():
            entries.append(_entry(session, obj, "delete" if obj.deleted_at else "restore", None,
                                  dump(deletion.deleted[0] if deletion.deleted else None), dump(obj.deleted_at), at,
                                  lineage))
            changed = True
        if changed:
            obj.updated_at = at
    for obj in session.deleted:
        if isinstance(obj, Tracked):
            raise RuntimeError(f"{type(obj).__name__} rows are never deleted; set deleted_at instead")
    insert_entries(session, entries)


def install(session_factory) -> None:
    """Record history for every session made by ``session_factory``."""
    event.listen(session_factory, "before_flush", _record)
