"""Merging a package (nhận gói): new records, new history entries and the values they decide, in one transaction.

Only entries this file does not hold are applied; every register they touch is decided again
from all the entries both offices hold (see decide.py), so merging is idempotent and two offices
that have merged each other's packages hold the same values and the same open conflicts.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import backups_dir
from ..storage.base import utc_now
from ..storage.database import Database
from ..storage.exchange_models import parse_parents
from ..i18n import tr
from ..storage.history import derived_inputs, derived_values
from .codes import clashing, placeholder
from .collisions import composite_indexes, lift, settle
from .decide import Decision, Entry, decide_record
from .duplicates import find_duplicates
from .decisions import merge_decisions
from .package import ENTRY_COLUMNS, SHARED, Package, read_package
from .report import describe_conflicts, record_title, title_of
from .records import LocalIndex, Refusal, foreign_keys, insert_new_rows, label, nfc, unique_columns

PAUSE_ENV = "KHUYENCONG_MERGE_PAUSE"
"""Seconds to wait inside the merge transaction after writing: lets a test kill a merge half-way."""
ACTOR_LENGTH = 120
"""The history's Người sửa column holds at most this many characters."""


@dataclass
class MergeResult:
    """What a merge did (or, dry run, would do)."""

    office: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    joined: list[dict] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    backup: str | None = None
    dry_run: bool = False

    def as_json(self) -> dict:
        return {"office": self.office, "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                "conflicts": len(self.conflicts), "duplicates_suspected": len(self.duplicates),
                "refused": [r.as_json() for r in self.refused], "links_joined": len(self.joined),
                "backup": self.backup, "dry_run": self.dry_run,
                "conflict_list": self.conflicts, "duplicate_list": self.duplicates, "joined_links": self.joined}


def merge_package(db: Database, path: str | Path, *, dry_run: bool = False) -> MergeResult:
    """Merge the package at ``path`` into ``db``; a dry run reports and writes nothing.

    The package is verified before anything is written, and the database is backed up first.
    """
    package = read_package(path)
    backup = None if dry_run else db.backup(backups_dir(), "before-merge")
    with db.session(record_history=False) as session:
        raw = session.connection().connection.driver_connection
        if not raw.in_transaction:
            # sqlite3 opens a transaction only before a write: without this, dropping a unique index
            # (collisions.lift) would be committed at once, and a dry run or an interrupted merge would lose it.
            raw.execute("BEGIN")
        result = _Merge(raw, package, merge_actor(db.actor, package.office_name)).run()
        if dry_run:
            session.rollback()
        elif os.environ.get(PAUSE_ENV):
            print("merge: written, not committed", flush=True)
            time.sleep(float(os.environ[PAUSE_ENV]))
    result.backup, result.dry_run = (str(backup) if backup else None), dry_run
    return result


def merge_actor(officer: str, office: str) -> str:
    """Người sửa of the edits a merge makes itself (links made one): who received the package, and from whom.

    The package's own entries keep the actor the sending office recorded.
    """
    if officer:
        return tr("{officer} (nhận gói từ {office})", officer=officer, office=office)[:ACTOR_LENGTH]
    return tr("Nhận gói từ {office}", office=office)[:ACTOR_LENGTH]


class _Merge:
    def __init__(self, raw: sqlite3.Connection, package: Package, actor: str):
        self.raw, self.package, self.actor = raw, package, actor
        self.now = utc_now()
        self.result = MergeResult(office=package.office_name)
        self.index = LocalIndex(raw)

    def run(self) -> MergeResult:
        known = {r[0] for r in self.raw.execute("SELECT id FROM change_log")}
        new_entries = self.package.entries.except_ids(known)
        del known
        incoming = [Entry(e[0], e[1], e[2], e[3], e[4], nfc(e[6]), e[7], tuple(parse_parents(e[10])))
                    for e in new_entries]
        rows_by_id = {e[0]: e for e in new_entries}
        lifted = lift(self.raw, self._reaching(incoming))
        inserted = insert_new_rows(self.raw, self.package.rows, self.index,
                                   lambda table, column: self._moves(incoming, table, column))
        self.result.refused.extend(inserted.refused)
        created = {i for ids in inserted.created.values() for i in ids}
        skipped = inserted.same | {r.record_id for r in inserted.refused}
        incoming = [e for e in incoming if e.record_id not in skipped and e.record_id in self.index.table_ids(e.entity)]
        by_record: dict[str, list[Entry]] = defaultdict(list)
        for entry in incoming:
            by_record[entry.record_id].append(entry)
        dropped = self._apply(by_record, created, inserted.claimed)
        self.raw.executemany(f"INSERT INTO change_log ({', '.join(ENTRY_COLUMNS)}) VALUES ({', '.join('?' * 11)})",
                             [[*rows_by_id[e.id][:6], e.new_value, *rows_by_id[e.id][7:]]
                              for e in sorted(incoming, key=lambda e: (e.at, e.id)) if e.id not in dropped])
        office = self.raw.execute("SELECT value FROM setting WHERE key = 'local_office_id'").fetchone()
        self.result.joined = settle(self.raw, lifted, self.now, office[0] if office else None, self.actor)
        self.result.created = len(created)
        total = sum(len(lines) for lines in self.package.rows.values())
        self.result.unchanged = total - self.result.created - self.result.updated - len(inserted.refused)
        new_beneficiaries = inserted.created.get("beneficiary", set())
        self.result.duplicates = find_duplicates(self.raw, new_beneficiaries, self.now) if new_beneficiaries else []
        if SHARED in self.package.shared:
            decisions = self.package.shared[SHARED]
            self.result.conflicts.extend(merge_decisions(self.raw, decisions.columns, decisions.lines, self.now))
        describe_conflicts(self.raw, self.result.conflicts)
        for joined in self.result.joined:
            joined["title"] = title_of(self.raw, joined["entity"], joined["kept"])
        return self.result

    def _reaching(self, incoming: list[Entry]) -> set[str]:
        """The tables with a composite unique rule whose rows this package inserts or edits."""
        ruled = {table for table, _name, _columns in composite_indexes()}
        edited = {e.entity for e in incoming} & ruled
        return edited | {table for table in ruled - edited if table in self.package.rows
                         and self.package.rows[table].except_ids(self.index.table_ids(table))}

    def _local_entries(self, record_ids: list[str]) -> dict[str, list[Entry]]:
        found: dict[str, list[Entry]] = defaultdict(list)
        for start in range(0, len(record_ids), 500):
            chunk = record_ids[start:start + 500]
            for r in self.raw.execute(
                    "SELECT id, entity, record_id, op, field, new_value, at, parents FROM change_log "
                    f"WHERE record_id IN ({', '.join('?' * len(chunk))})", chunk):
                found[r[2]].append(Entry(*r[:7], tuple(parse_parents(r[7]))))
        return found

    def _current_rows(self, table: str, record_ids: list[str]) -> dict[str, dict]:
        rows = {}
        for start in range(0, len(record_ids), 500):
            chunk = record_ids[start:start + 500]
            cursor = self.raw.execute(f"SELECT * FROM {table} WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
            names = [d[0] for d in cursor.description]
            rows.update((row["id"], row) for row in (dict(zip(names, r)) for r in cursor))
        return rows

    def _moves(self, incoming: list[Entry], table: str, column: str) -> dict[str, object]:
        """The values of ``column`` the package gives to the records this file holds (before any is written)."""
        changing = {e.record_id for e in incoming if e.entity == table and e.key == column}
        rows = self._current_rows(table, sorted(changing))
        local = self._local_entries(list(rows))
        for entry in incoming:
            if entry.record_id in rows:
                local[entry.record_id].append(entry)
        moves = {}
        for record_id, row in rows.items():
            decision = decide_record(local[record_id], {column}).get(column)
            value = nfc(decision.value) if decision else None
            if value is not None and value != row[column]:
                moves[record_id] = value
        return moves

    def _apply(self, by_record: dict[str, list[Entry]], created: set[str],
               claimed: dict[str, dict[str, dict[str, object]]]) -> set[str]:
        """Decide and write every touched register; returns the ids of entries refused with their field.

        ``claimed``: new records inserted under a placeholder, with the codes they take (records.insert_new_rows).
        """
        local = self._local_entries(list(by_record))
        dropped: set[str] = set()
        by_table: dict[str, list[str]] = defaultdict(list)
        for record_id, entries in by_record.items():
            by_table[entries[0].entity].append(record_id)
        for table, records in claimed.items():
            by_table[table].extend(record_id for record_id in records if record_id not in by_record)
        for table, record_ids in by_table.items():
            rows = self._current_rows(table, record_ids)
            planned: dict[str, tuple[dict[str, Decision], dict]] = {}
            for record_id in record_ids:
                entries = by_record[record_id]
                decisions = decide_record(local[record_id] + entries, {e.key for e in entries if e.key})
                changes = self._changes(table, rows[record_id], decisions, entries, dropped)
                planned[record_id] = decisions, {**changes, **claimed.get(table, {}).get(record_id, {})}
            released = self._keep_unique(table, rows, planned, by_record, dropped)
            updates: dict[tuple[str, ...], list[list]] = defaultdict(list)
            for record_id in record_ids:
                decisions, changes = planned[record_id]
                row = rows[record_id]
                if changes:
                    changes["updated_at"] = max(row["updated_at"] or "", *(e.at for e in by_record[record_id]))
                    if derived_inputs(table) & changes.keys():
                        changes.update(derived_values(table, {**row, **changes}))
                    updates[tuple(changes)].append([*changes.values(), record_id])
                    if record_id not in created:
                        self.result.updated += 1
                self._record_conflicts(table, row, decisions)
            for column, record_ids_moving in released.items():
                # First phase of a code change: every moving record lets go of its code, so codes
                # exchanged between records (A takes B's, B takes A's) never meet the unique rule half-way.
                self.raw.executemany(f'UPDATE {table} SET "{column}" = ? WHERE id = ?',
                                     [(placeholder(record_id), record_id) for record_id in record_ids_moving])
            for columns, params in updates.items():
                assignments = ", ".join(f'"{c}" = ?' for c in columns)
                self.raw.executemany(f"UPDATE {table} SET {assignments} WHERE id = ?", params)
        return dropped

    def _changes(self, table: str, row: dict, decisions: dict[str, Decision], entries: list[Entry],
                 dropped: set[str]) -> dict:
        """The decided values that differ from the row; an edit naming a record this file lacks is refused."""
        changes, refused = {}, set()
        references = dict(foreign_keys(table))
        for key, decision in decisions.items():
            value = nfc(decision.value)
            if key not in row or row[key] == value:
                continue
            if key in references and value is not None and value not in self.index.table_ids(references[key]):
                self._refuse(table, row, key, entries, dropped,
                             tr("tham chiếu tới bản ghi không có trong tệp này ({column})", column=key))
                refused.add(key)
                continue
            changes[key] = value
        for key in refused:
            del decisions[key]
        return changes

    def _keep_unique(self, table: str, rows: dict[str, dict], planned: dict[str, tuple[dict, dict]],
                     by_record: dict[str, list[Entry]], dropped: set[str]) -> dict[str, list[str]]:
        """Refuse the code changes that would leave two records with one code once the whole package is applied.

        Only the end state counts (see codes.clashing), so codes exchanged or rotated among records
        pass, and a new record takes the code the package frees (insert_new_rows let it in under a
        placeholder only when it does). Returns, per unique column, the records whose value changes
        (written in two phases).
        """
        released = {}
        for column in unique_columns(table):
            moving = {rid: changes[column] for rid, (_d, changes) in planned.items()
                      if changes.get(column) is not None}
            if not moving:
                continue
            owners = self.index.owners(table, column)
            refused = clashing(owners, moving)
            for rid in sorted(refused):
                decisions, changes = planned[rid]
                self._refuse(table, rows[rid], column, by_record[rid], dropped, tr(
                    "mã «{code}» đã dùng cho một bản ghi khác của đơn vị này; không ghi đè", code=changes.pop(column)))
                del decisions[column]
            accepted = sorted(rid for rid in moving if rid not in refused)
            for rid in accepted:
                if owners.get(rows[rid][column]) == rid:
                    del owners[rows[rid][column]]
            owners.update((moving[rid], rid) for rid in accepted)
            if accepted:
                released[column] = accepted
        return released

    def _refuse(self, table: str, row: dict, key: str, entries: list[Entry], dropped: set[str], reason: str) -> None:
        """An edit left unapplied (its entries too, so the next merge tries it again), reported with its reason."""
        self.result.refused.append(Refusal(table, row["id"], label(row), reason, key,
                                           record_title(self.raw, table, row)))
        dropped.update(e.id for e in entries if e.key == key)

    def _record_conflicts(self, table: str, row: dict, decisions: dict[str, Decision]) -> None:
        for key, decision in decisions.items():
            if not decision.conflict:
                self.raw.execute("DELETE FROM exchange_conflict WHERE record_id = ? AND field = ?", (row["id"], key))
                continue
            heads = json.dumps(list(decision.conflict))
            before = self.raw.execute("SELECT heads FROM exchange_conflict WHERE record_id = ? AND field = ?",
                                      (row["id"], key)).fetchone()
            if before and before[0] == heads:
                continue
            self.raw.execute(
                "INSERT INTO exchange_conflict (record_id, field, entity, heads, shown_entry_id, detected_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (record_id, field) DO UPDATE SET heads = excluded.heads, "
                "shown_entry_id = excluded.shown_entry_id",
                (row["id"], key, table, heads, decision.shown, self.now))
            self.result.conflicts.append({"entity": table, "record_id": row["id"], "record": label(row),
                                          "title": record_title(self.raw, table, row), "field": key,
                                          "heads": list(decision.conflict), "shown_entry_id": decision.shown})
