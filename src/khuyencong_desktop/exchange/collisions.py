"""Composite unique rules during a merge (liên kết trùng): lifted while rows arrive, then settled as recorded edits.

Two offices can each make a live link of one project to one cơ sở (one adds it, the other
re-points a link there when linking two duplicate records). The merge lifts the rule's index,
applies everything, then keeps the live row with the smallest id, adds the others' shares into
it and turns them into tombstones, each change a history entry of this office, so the next
package carries the settlement and both files converge. Nothing is lost: every row and its
history stay, and the link's share holds both offices' amounts (as linking two records does).
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from ..storage.base import new_id
from ..storage.exchange_models import heads, parents_for, parse_parents
from ..storage.history import entry_row
from ..storage.models import MODEL_BY_TABLE
from ..storage.values import dump
from .package import ENTRY_COLUMNS

COMBINED = {"project_beneficiary": ("share",)}
"""Amount columns the surviving row takes as the sum of the colliding rows' values."""


@dataclass(frozen=True)
class Lifted:
    """A composite unique index dropped for the merge, and the statement that builds it again."""

    table: str
    columns: tuple[str, ...]
    sql: str


def composite_indexes() -> list[tuple[str, str, tuple[str, ...]]]:
    """(table, index name, columns) of every unique index over more than one column."""
    return [(table, index.name, tuple(c.name for c in index.columns))
            for table, model in MODEL_BY_TABLE.items() for index in model.__table__.indexes
            if index.unique and len(index.columns) > 1]


def lift(raw: sqlite3.Connection, tables: set[str]) -> list[Lifted]:
    """Drop the composite unique indexes of ``tables`` (inside the merge's transaction)."""
    lifted = []
    for table, name, columns in composite_indexes():
        row = raw.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)).fetchone()
        if table in tables and row:
            raw.execute(f'DROP INDEX "{name}"')
            lifted.append(Lifted(table, columns, row[0]))
    return lifted


def _entries(raw: sqlite3.Connection, record_id: str) -> tuple[dict[str, list[str]], str | None]:
    rows = raw.execute("SELECT id, op, field, parents FROM change_log WHERE record_id = ?", (record_id,)).fetchall()
    create_id = next((r[0] for r in rows if r[1] == "create"), None)
    return heads((r[0], r[1], r[2], parse_parents(r[3])) for r in rows), create_id


def settle(raw: sqlite3.Connection, lifted: list[Lifted], now: str, office_id: str | None, actor: str) -> list[dict]:
    """Make every lifted rule hold again with recorded edits by ``actor``, rebuild its index; returns what was joined."""
    joined = []
    for rule in lifted:
        names = ", ".join(f'"{c}"' for c in rule.columns)
        combined = COMBINED.get(rule.table, ())
        groups: dict[tuple, list[tuple]] = defaultdict(list)
        for row in raw.execute(f"SELECT id, {', '.join((*rule.columns, *combined))} FROM {rule.table} "
                               f"WHERE deleted_at IS NULL AND ({names}) IN (SELECT {names} FROM {rule.table} "
                               f"WHERE deleted_at IS NULL GROUP BY {names} HAVING count(*) > 1) ORDER BY id"):
            groups[row[1:1 + len(rule.columns)]].append(row)
        for rows in groups.values():
            survivor, others = rows[0], rows[1:]
            for offset, column in enumerate(combined, start=1 + len(rule.columns)):
                amounts = [r[offset] for r in rows if r[offset] is not None]
                total = sum(amounts) if amounts else None
                if total != survivor[offset]:
                    raw.execute(f'UPDATE {rule.table} SET "{column}" = ?, updated_at = ? WHERE id = ?',
                                (total, now, survivor[0]))
                    _entry(raw, rule.table, survivor[0], "update", column, survivor[offset], total, now, office_id,
                           actor)
            for other in others:
                raw.execute(f"UPDATE {rule.table} SET deleted_at = ?, updated_at = ? WHERE id = ?",
                            (now, now, other[0]))
                _entry(raw, rule.table, other[0], "delete", None, None, now, now, office_id, actor)
            joined.append({"entity": rule.table, "kept": survivor[0], "removed": [r[0] for r in others]})
        raw.execute(rule.sql)
    return joined


def _entry(raw: sqlite3.Connection, table: str, record_id: str, op: str, field: str | None, old, new, at: str,
           office_id: str | None, actor: str) -> None:
    current, create_id = _entries(raw, record_id)
    row = entry_row(new_id(), table, record_id, op, field, dump(old), dump(new), at, actor, office_id,
                    parents_for(op, field, current, create_id))
    raw.execute(f"INSERT INTO change_log ({', '.join(ENTRY_COLUMNS)}) VALUES ({', '.join('?' * len(ENTRY_COLUMNS))})",
                [row[c] for c in ENTRY_COLUMNS])
