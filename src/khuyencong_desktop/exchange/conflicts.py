"""Open conflicts (xung đột) after a merge: listing both values, and resolving one as a recorded edit.

Besides a field or a deletion, a conflict can be a pair of duplicate cơ sở linked with opposite
survivors (field :data:`SURVIVOR`): the officer chooses which one remains.
"""
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
from ..operations.field_labels import field_labels
from ..storage.exchange_models import DELETION, ExchangeConflict, SuspectedDuplicate
from ..storage.history import record_edit
from ..storage.models import MODEL_BY_TABLE, Beneficiary, ChangeLog, Office
from ..storage.values import from_plain, to_plain
from .collisions import composite_indexes
from .decisions import SURVIVOR, record_decision, settle_pair, survivor_choices
from .duplicate_actions import move_links
from .report import pair_title, title_of


@dataclass(frozen=True)
class Option:
    """One competing value: what was written, where, by whom and when."""

    entry_id: str
    value: object
    office: str
    actor: str
    at: str
    op: str
    field: str | None = None
    """The field the entry edited (a deletion conflict's edit), None for a deletion or a survivor."""


@dataclass(frozen=True)
class Conflict:
    entity: str
    record_id: str
    record: str
    """The record as the merge report names it (report.record_title: code and name, a link's two ends)."""
    field: str
    shown_entry_id: str
    options: tuple[Option, ...]

    @property
    def is_deletion(self) -> bool:
        return self.field == DELETION

    @property
    def is_survivor(self) -> bool:
        """Two duplicate cơ sở linked with opposite survivors: an option's ``entry_id`` is the one it keeps."""
        return self.field == SURVIVOR

    @property
    def accepts_typed_value(self) -> bool:
        return not (self.is_deletion or self.is_survivor)


def list_conflicts(db: Database) -> list[Conflict]:
    """Every open conflict, by record then field, with its competing values."""
    found = []
    with db.session() as s:
        raw = s.connection().connection.driver_connection
        offices = dict(s.execute(select(Office.id, Office.name)).all())
        for row in s.scalars(select(ExchangeConflict).order_by(ExchangeConflict.entity, ExchangeConflict.record_id,
                                                               ExchangeConflict.field)):
            if row.field == SURVIVOR:
                found.append(_survivor_conflict(s, row, offices))
                continue
            entries = s.scalars(select(ChangeLog).where(ChangeLog.id.in_(json.loads(row.heads)))
                                .order_by(ChangeLog.at, ChangeLog.id)).all()
            options = tuple(Option(e.id, json.loads(e.new_value) if e.new_value else None,
                                   offices.get(e.office_id, e.office_id or ""), e.actor, e.at, e.op, e.field)
                            for e in entries)
            found.append(Conflict(row.entity, row.record_id, title_of(raw, row.entity, row.record_id), row.field,
                                  row.shown_entry_id, options))
    return found


def _survivor_conflict(s, row: ExchangeConflict, offices: dict[str, str]) -> Conflict:
    pair = tuple(json.loads(row.heads))
    names = {b.id: b.name for b in s.scalars(select(Beneficiary).where(Beneficiary.id.in_(pair)))}
    options = tuple(Option(kept, names.get(kept, kept), offices.get(d.office_id, d.office_id), "", d.decided_at, "link")
                    for kept, d in sorted(survivor_choices(s, pair).items(), key=lambda i: (i[1].decided_at, i[0])))
    return Conflict(row.entity, row.record_id, pair_title(option.value for option in options), row.field,
                    row.shown_entry_id, options)


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
        raise ValueError(tr("«{text}» không phải giá trị hợp lệ cho trường «{field}».", text=text,
                            field=field_labels().get(field, field))) from exc
    return text


def resolve(db: Database, record_id: str, field: str, value: object) -> None:
    """Settle a conflict with ``value`` (plain form); for a deletion, True keeps it deleted, False restores;
    for a survivor conflict, the id of the cơ sở that remains. ValueError (nothing written) when a
    restoration would make a second live link of one project and cơ sở.

    The choice is a new history entry that replaces every competing one, so it travels to the
    other offices and settles the conflict there too.
    """
    with db.session() as s:
        row = s.get(ExchangeConflict, (record_id, field))
        if row is None:
            raise LookupError(tr("Xung đột này đã được giải quyết."))
        if field == SURVIVOR:
            _keep_survivor(s, db, row, value)
            return
        obj = s.get(MODEL_BY_TABLE[row.entity], record_id)
        if field == DELETION:
            if not value and obj.is_deleted and _live_twin(s, obj):
                raise ValueError(tr("Không giữ lại được: đề án đã có một liên kết khác còn dùng tới cùng cơ sở này. "
                                    "Hãy chọn xóa rồi sửa phần hỗ trợ ở liên kết còn lại."))
            obj.deleted_at = utc_now() if value else None
            return
        column = inspect(type(obj)).columns[field]
        new = from_plain(column, value)
        old = getattr(obj, field)
        if to_plain(old) == to_plain(new):
            record_edit(s, obj, field, old, new)
        else:
            setattr(obj, field, new)


def _live_twin(s, obj) -> bool:
    """Whether a live record holds the same values as ``obj`` under one of its table's composite unique rules."""
    table = type(obj).__tablename__
    for rule_table, _name, columns in composite_indexes():
        if rule_table == table and s.scalar(select(type(obj).id).where(
                type(obj).deleted_at.is_(None), type(obj).id != obj.id,
                *(getattr(type(obj), c) == getattr(obj, c) for c in columns)).limit(1)):
            return True
    return False


def _keep_survivor(s, db: Database, row: ExchangeConflict, kept_id: object) -> None:
    """The chosen cơ sở is restored and takes the other's live project links; the other stays deleted."""
    pair = tuple(json.loads(row.heads))
    if kept_id not in pair:
        raise LookupError(tr("Cơ sở được chọn không thuộc cặp nghi trùng này."))
    keep, other = s.get(Beneficiary, kept_id), s.get(Beneficiary, next(i for i in pair if i != kept_id))
    now = utc_now()
    keep.deleted_at = None
    if other.deleted_at is None:
        other.deleted_at = now
    s.flush()
    move_links(s, keep, other, now)
    suspicion = s.get(SuspectedDuplicate, pair)
    record_decision(s, suspicion or (*pair, "officer"), "resolved", kept_id, db.local_office_id_cached(s), now)
    s.flush()
    settle_pair(s.connection().connection.driver_connection, pair, now)
