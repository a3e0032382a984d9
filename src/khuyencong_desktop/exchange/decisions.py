"""Officers' decisions on suspected duplicates (quyết định về cặp nghi trùng): kept per office, travelling in packages.

Each office writes only its own row per pair (linked with a survivor, dismissed, or resolved),
so a merge keeps, per office, the later decision; the pair's status is then a function of the
rows alone, the same in every file that holds them. Decisions made before the latest
resolution no longer count. Two that keep different survivors (each office deleted the record
the other kept) are a conflict the officer settles by choosing the survivor.
"""
from __future__ import annotations

import json
import sqlite3

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..storage.exchange_models import DuplicateDecision, SuspectedDuplicate

SURVIVOR = "survivor"
"""The conflict register of a pair linked with opposite survivors (record: the pair's first id)."""
COLUMNS = ("first_id", "second_id", "office_id", "reason", "status", "kept_id", "decided_at")
KEEPING = ("linked", "resolved")


def record_decision(session: Session, pair: SuspectedDuplicate | tuple[str, str, str], status: str,
                    kept_id: str | None, office_id: str | None, now: str) -> None:
    """This office's decision on a pair (replacing its earlier one); ``pair`` is a suspicion or (first, second, reason)."""
    first, second, reason = ((pair.first_id, pair.second_id, pair.reason) if isinstance(pair, SuspectedDuplicate)
                             else pair)
    row = session.get(DuplicateDecision, (first, second, office_id or ""))
    if row is None:
        row = DuplicateDecision(first_id=first, second_id=second, office_id=office_id or "", reason=reason)
        session.add(row)
    row.status, row.kept_id, row.decided_at = status, kept_id, now


def current(rows: list[tuple]) -> list[tuple]:
    """The decisions (COLUMNS order) that still count: the latest resolution and everything after it."""
    ordered = sorted(rows, key=lambda r: (r[6], r[2]))
    resolved = [i for i, r in enumerate(ordered) if r[4] == "resolved"]
    return ordered[resolved[-1]:] if resolved else ordered


def _kept(rows: list[tuple]) -> list[str]:
    return sorted({r[5] for r in current(rows) if r[4] in KEEPING and r[5]})


def merge_decisions(raw: sqlite3.Connection, columns: list[str], values: list[list], now: str) -> list[dict]:
    """Take the package's decisions that are later than this file's, then settle the pairs they touch.

    Returns the opposite-survivor conflicts newly found.
    """
    local_ids = {r[0] for r in raw.execute("SELECT id FROM beneficiary")}
    held = {tuple(r[:3]): r[3] for r in raw.execute(
        "SELECT first_id, second_id, office_id, decided_at FROM duplicate_decision")}
    touched = set()
    for line in values:
        row = dict(zip(columns, line))
        key = (row["first_id"], row["second_id"], row["office_id"])
        if key[0] not in local_ids or key[1] not in local_ids or held.get(key, "") >= row["decided_at"]:
            continue
        raw.execute(f"INSERT OR REPLACE INTO duplicate_decision ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [row[c] for c in COLUMNS])
        touched.add(key[:2])
    return [found for pair in sorted(touched) for found in settle_pair(raw, pair, now)]


def settle_pair(raw: sqlite3.Connection, pair: tuple[str, str], now: str) -> list[dict]:
    """The pair's suspicion status and its survivor conflict from its decisions; the conflict if newly opened."""
    rows = raw.execute(f"SELECT {', '.join(COLUMNS)} FROM duplicate_decision WHERE first_id = ? AND second_id = ?",
                       pair).fetchall()
    if not rows:
        return []
    kept = _kept(rows)
    status = "linked" if kept else "dismissed"
    raw.execute("INSERT INTO suspected_duplicate (first_id, second_id, reason, status, detected_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (first_id, second_id) DO UPDATE SET status = excluded.status "
                "WHERE status != excluded.status", (*pair, rows[0][3], status, now))
    before = raw.execute("SELECT heads, shown_entry_id FROM exchange_conflict WHERE record_id = ? AND field = ?",
                         (pair[0], SURVIVOR)).fetchone()
    if len(kept) < 2:
        if before:
            raw.execute("DELETE FROM exchange_conflict WHERE record_id = ? AND field = ?", (pair[0], SURVIVOR))
        return []
    shown = [r[5] for r in current(rows) if r[4] in KEEPING and r[5]][-1]
    heads = json.dumps(kept)
    if before == (heads, shown):
        return []
    raw.execute("INSERT INTO exchange_conflict (record_id, field, entity, heads, shown_entry_id, detected_at) "
                "VALUES (?, ?, 'beneficiary', ?, ?, ?) ON CONFLICT (record_id, field) DO UPDATE SET "
                "heads = excluded.heads, shown_entry_id = excluded.shown_entry_id", (pair[0], SURVIVOR, heads, shown, now))
    names = dict(raw.execute("SELECT id, name FROM beneficiary WHERE id IN (?, ?)", pair).fetchall())
    return [{"entity": "beneficiary", "record_id": pair[0], "record": " / ".join(names.get(i, i) for i in kept),
             "field": SURVIVOR,
             "heads": kept, "shown_entry_id": shown}]


def survivor_choices(session: Session, pair: tuple[str, str]) -> dict[str, DuplicateDecision]:
    """For each survivor the counting decisions keep, the latest decision keeping it."""
    rows = session.scalars(select(DuplicateDecision).where(DuplicateDecision.first_id == pair[0],
                                                           DuplicateDecision.second_id == pair[1])).all()
    by_key = {(r.first_id, r.second_id, r.office_id): r for r in rows}
    counted = current([tuple(getattr(r, c) for c in COLUMNS) for r in rows])
    return {r[5]: by_key[r[:3]] for r in counted if r[4] in KEEPING and r[5]}
