"""Unique codes at the end of a merge (mã không trùng): which code changes and new records a package can take.

Only the end state of the whole package counts: codes exchanged or rotated among records pass,
and so does a new record taking a code that the same package moves away from another record.
"""
from __future__ import annotations

from collections import defaultdict


def clashing(owners: dict[object, str], moving: dict[str, object]) -> set[str]:
    """The records of ``moving`` to refuse so that no two records end with one value.

    ``owners`` maps each value held now to its record; ``moving`` maps each record whose value
    changes (a new record that holds nothing yet included) to the value it would take. A refused
    record keeps what it holds now (a new one: nothing), which may refuse another move in turn.
    """
    refused: set[str] = set()
    while True:
        holders: dict[object, list[str]] = defaultdict(list)
        for value, owner in owners.items():
            if owner not in moving or owner in refused:
                holders[value].append(owner)
        for record_id, value in moving.items():
            if record_id not in refused:
                holders[value].append(record_id)
        clash = {record_id for ids in holders.values() if len(ids) > 1 for record_id in ids
                 if record_id in moving and record_id not in refused}
        if not clash:
            return refused
        refused |= clash


def placeholder(record_id: str) -> str:
    """The value a record holds between the two phases of a code change: its own, unique by its id."""
    return f"~{record_id}"
