"""Open conflicts (xung đột) after a merge: listing both values, and resolving one as a recorded edit."""
from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import BigInteger, Boolean, Date, Integer, inspect, select
from sqlalchemy import Enum as SAEnum

from ..domain.dates import parse_date
from ..domain.money import parse_number
from ..i18n import tr
from ..storage.base import utc_now
from ..storage.database import Database
from ..storage.exchange_models import DELETION, ExchangeConflict
from ..storage.history import record_edit
from ..storage.models import MODEL_BY_TABLE, ChangeLog, Office
from ..storage.values import from_plain, to_plain


@dataclass(frozen=True)
class Option:
    """One competing value: what was written, where, by whom and when."""

    entry_id: str
    value: object
    office: str
    actor: str
    at: str
    op: str


@dataclass(frozen=True)
class Conflict:
    entity: str
    record_id: str
    record: str
    field: str
    shown_entry_id: str
    options: tuple[Option, ...]

    @property
    def is_deletion(self) -> bool:
        return self.field == DELETION


def _label(obj) -> str:
    return str(getattr(obj, "code", None) or getattr(obj, "name", None) or obj.id)


def list_conflicts(db: Database) -> list[Conflict]:
    """Every open conflict, by record then field, with its competing values."""
    found = []
    with db.session() as s:
        offices = dict(s.execute(select(Office.id, Office.name)).all())
        for row in s.scalars(select(ExchangeConflict).order_by(ExchangeConflict.entity, ExchangeConflict.record_id,
                                                               ExchangeConflict.field)):
            obj = s.get(MODEL_BY_TABLE[row.entity], row.record_id)
            entries = s.scalars(select(ChangeLog).where(ChangeLog.id.in_(json.loads(row.heads)))
                                .order_by(ChangeLog.at, ChangeLog.id)).all()
            options = tuple(Option(e.id, json.loads(e.new_value) if e.new_value else None,
                                   offices.get(e.office_id, e.office_id or ""), e.actor, e.at, e.op) for e in entries)
            found.append(Conflict(row.entity, row.record_id, _label(obj), row.field, row.shown_entry_id, options))
    return found


def parse_value(entity: str, field: str, text: str) -> object:
    """A value typed by the officer for ``field``, in the plain form history keeps; ValueError if unusable."""
    column = inspect(MODEL_BY_TABLE[entity]).columns[field]
    kind, text = column.type, text.strip()
    numeric = isinstance(kind, (Integer, BigInteger, Date, Boolean))
    try:
        if text == "":
            if column.nullable:
                return None
            if numeric:
                raise ValueError(field)
            return ""
        if isinstance(kind, Boolean):
            return text.lower() in ("1", "có", "co", "true", "yes")
        if isinstance(kind, (Integer, BigInteger)):
            number = parse_number(text)
            if number != int(number):
                raise ValueError(field)
            return int(number)
        if isinstance(kind, Date):
            return parse_date(text).isoformat()
        if isinstance(kind, SAEnum) and kind.enum_class is not None:
            member = kind.enum_class.parse(text) if hasattr(kind.enum_class, "parse") else kind.enum_class(text)
            if member is None:
                raise ValueError(field)
            return to_plain(member)
    except ValueError as exc:
        raise ValueError(tr("«{text}» không phải giá trị hợp lệ cho trường {field}.", text=text, field=field)) from exc
    return text


def resolve(db: Database, record_id: str, field: str, value: object) -> None:
    """Settle a conflict with ``value`` (plain form); for a deletion, True keeps it deleted, False restores.

    The choice is a new history entry that replaces every competing one, so it travels to the
    other offices and settles the conflict there too.
    """
    with db.session() as s:
        row = s.get(ExchangeConflict, (record_id, field))
        if row is None:
            raise LookupError(tr("Xung đột này đã được giải quyết."))
        obj = s.get(MODEL_BY_TABLE[row.entity], record_id)
        if field == DELETION:
            obj.deleted_at = utc_now() if value else None
            return
        column = inspect(type(obj)).columns[field]
        new = from_plain(column, value)
        old = getattr(obj, field)
        if to_plain(old) == to_plain(new):
            record_edit(s, obj, field, old, new)
        else:
            setattr(obj, field, new)

