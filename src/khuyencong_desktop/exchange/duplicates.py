"""Suspected duplicate beneficiaries (nghi trùng): probably one cơ sở, created in two offices.

Same tax code (MST), or same folded name and commune. They are listed and stored for an officer
to link or dismiss, never merged silently.
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict

from ..domain.text import fold


def _tax_key(tax_code: str | None) -> str | None:
    digits = "".join(ch for ch in tax_code or "" if ch.isalnum())
    return digits or None


def _name_key(name: str | None, commune: str | None) -> tuple[str, str] | None:
    if not name or not commune:
        return None
    return " ".join(fold(name).split()), " ".join(fold(commune).split())


def find_duplicates(raw: sqlite3.Connection, new_ids: set[str], now: str) -> list[dict]:
    """Store (and return) the pairs of live beneficiaries of different offices involving one of ``new_ids``."""
    rows = raw.execute("SELECT id, name, commune, tax_code, origin_office_id FROM beneficiary "
                       "WHERE deleted_at IS NULL").fetchall()
    groups: dict[tuple, list[tuple]] = defaultdict(list)
    for row in rows:
        tax = _tax_key(row[3])
        if tax:
            groups[("tax_code", tax)].append(row)
        name = _name_key(row[1], row[2])
        if name:
            groups[("name_commune", name)].append(row)
    found: dict[tuple[str, str], dict] = {}
    for (reason, _key), members in groups.items():
        if len(members) < 2 or not any(m[0] in new_ids for m in members):
            continue
        for i, first in enumerate(members):
            for second in members[i + 1:]:
                if first[4] == second[4] or (first[0] not in new_ids and second[0] not in new_ids):
                    continue
                a, b = sorted((first, second), key=lambda m: m[0])
                found.setdefault((a[0], b[0]), {"first_id": a[0], "second_id": b[0], "reason": reason,
                                                "first": a[1], "second": b[1], "tax_code": a[3] or b[3] or ""})
    raw.executemany("INSERT OR IGNORE INTO suspected_duplicate (first_id, second_id, reason, status, detected_at) "
                    "VALUES (?, ?, ?, 'open', ?)", [(p["first_id"], p["second_id"], p["reason"], now)
                                                    for p in found.values()])
    return list(found.values())
