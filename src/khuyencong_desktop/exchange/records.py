"""Rows of a package that this file does not hold yet: checked, then inserted as they are.

A record whose unique code is already used by a different local record, or that refers to a
record neither side holds, is refused (never overwritten). A catalogue entry both files were
seeded with (same activity code and name, same norm) is the same entry, not a collision.
"""
from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from ..i18n import tr
from ..storage.history import derived_values
from ..storage.models import MODEL_BY_TABLE
from .codes import clashing, placeholder
from .report import record_title

if TYPE_CHECKING:
    from .package import Lines

SAME_BY_CONTENT = {"activity": ("code", "name"), "support_norm": None}
"""Catalogue tables where an identical local entry means "the same entry": by these columns (None: all content)."""
Moves = Callable[[str, str], dict[str, object]]
"""(table, unique column) → the value the package gives to each local record whose value it changes."""
BOOKKEEPING = ("id", "created_at", "updated_at", "origin_office_id", "deleted_at")


def quoted(columns) -> str:
    """Column names for SQL (``group`` is a keyword)."""
    return ", ".join(f'"{c}"' for c in columns)


def nfc(value):
    if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
        return unicodedata.normalize("NFC", value)
    return value


def unique_columns(table: str) -> list[str]:
    return [c.name for c in MODEL_BY_TABLE[table].__table__.columns if c.unique]


def foreign_keys(table: str) -> list[tuple[str, str]]:
    return [(c.name, fk.column.table.name) for c in MODEL_BY_TABLE[table].__table__.columns for fk in c.foreign_keys]


@dataclass
class Refusal:
    entity: str
    record_id: str
    label: str
    reason: str
    field: str | None = None
    title: str = ""
    """The record as an officer names it (code and name, see report.record_title)."""

    def as_json(self) -> dict:
        return {"entity": self.entity, "record_id": self.record_id, "record": self.label, "title": self.title,
                "field": self.field, "reason": self.reason}


@dataclass
class Inserted:
    """What happened to the package's new rows."""

    created: dict[str, set[str]] = field(default_factory=dict)
    same: set[str] = field(default_factory=set)
    refused: list[Refusal] = field(default_factory=list)
    claimed: dict[str, dict[str, dict[str, object]]] = field(default_factory=dict)
    """Per table, the new records inserted under a placeholder and the codes they take once the package's
    code changes are written (see merge._keep_unique)."""


def label(row: dict) -> str:
    return str(row.get("code") or row.get("name") or row.get("activity_code") or row["id"])


class LocalIndex:
    """Ids and unique values of the local tables, kept current while rows are inserted."""

    def __init__(self, raw: sqlite3.Connection):
        self.raw = raw
        self.ids: dict[str, set[str]] = {}
        self.unique: dict[tuple[str, str], dict[object, str]] = {}

    def table_ids(self, table: str) -> set[str]:
        if table not in self.ids:
            self.ids[table] = {r[0] for r in self.raw.execute(f"SELECT id FROM {table}")}
        return self.ids[table]

    def owners(self, table: str, column: str) -> dict[object, str]:
        if (table, column) not in self.unique:
            self.unique[(table, column)] = dict(self.raw.execute(f'SELECT "{column}", id FROM {table}').fetchall())
        return self.unique[(table, column)]


def _same_content(raw: sqlite3.Connection, table: str, columns: list[str], row: dict) -> bool:
    compared = SAME_BY_CONTENT[table] or [c for c in columns if c not in BOOKKEEPING]
    where = " AND ".join(f'"{c}" IS ?' for c in compared)
    return raw.execute(f"SELECT 1 FROM {table} WHERE {where} AND deleted_at IS NULL LIMIT 1",
                       [row[c] for c in compared]).fetchone() is not None


def insert_new_rows(raw: sqlite3.Connection, rows: dict[str, Lines], index: LocalIndex, moves: Moves) -> Inserted:
    """Insert the rows of ``rows`` whose ids are not local, table by table in reference order.

    A row whose code a local record holds waits until the table's other rows are in: it is taken
    when ``moves`` (the codes the package gives to local records) frees that code in the end state.
    """
    result = Inserted()
    for table, data in rows.items():
        local_columns = [r[1] for r in raw.execute(f"PRAGMA table_info({table})")]
        columns = [c for c in data.columns if c in local_columns]
        ids = index.table_ids(table)
        checks = [(c, index.owners(table, c)) for c in unique_columns(table)]
        references = foreign_keys(table)
        batch, waiting = [], []

        def take(row: dict) -> None:
            missing = [c for c, target in references if row.get(c) is not None and row[c] not in index.table_ids(target)]
            if missing:
                result.refused.append(Refusal(table, row["id"], label(row), tr(
                    "tham chiếu tới bản ghi không có trong tệp này ({column})", column=missing[0]),
                    title=record_title(raw, table, row)))
                return
            row.update(derived_values(table, row))
            batch.append(row)
            ids.add(row["id"])
            for column, owners in checks:
                if row.get(column) is not None:
                    owners[row[column]] = row["id"]

        for values in data.except_ids(ids):
            row = {c: nfc(v) for c, v in zip(data.columns, values) if c in local_columns}
            taken = [c for c, owners in checks if row.get(c) is not None and row[c] in owners]
            if table in SAME_BY_CONTENT and (taken or table == "support_norm") and _same_content(raw, table, columns, row):
                result.same.add(row["id"])
            elif taken:
                waiting.append((row, taken))
            else:
                take(row)
        freed = _freed(table, waiting, index, moves) if waiting else set()
        for row, taken in waiting:
            if row["id"] not in freed:
                result.refused.append(Refusal(table, row["id"], label(row), tr(
                    "mã «{code}» đã dùng cho một bản ghi khác của đơn vị này; không ghi đè", code=row[taken[0]]),
                    title=record_title(raw, table, row)))
                continue
            claimed = {c: row[c] for c in taken}
            row.update((c, placeholder(row["id"])) for c in taken)
            take(row)
            if row["id"] in ids:
                result.claimed.setdefault(table, {})[row["id"]] = claimed
        if batch:
            names = list(batch[0].keys())
            raw.executemany(f"INSERT INTO {table} ({quoted(names)}) VALUES ({', '.join('?' * len(names))})",
                            [[r[n] for n in names] for r in batch])
            result.created[table] = {r["id"] for r in batch}
    return result


def _freed(table: str, waiting: list[tuple[dict, list[str]]], index: LocalIndex, moves: Moves) -> set[str]:
    """The waiting new rows whose every taken code the package frees: no other record holds it at the end."""
    refused: set[str] = set()
    for column in sorted({c for _row, taken in waiting for c in taken}):
        claims = {row["id"]: row[column] for row, taken in waiting if column in taken}
        refused |= clashing(index.owners(table, column), {**moves(table, column), **claims}) & claims.keys()
    return {row["id"] for row, _taken in waiting} - refused
