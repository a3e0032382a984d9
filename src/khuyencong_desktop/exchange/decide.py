"""Deciding a record's values from its change history: one head wins, several different heads conflict.

A pure function of the set of entries, so every office that holds the same entries shows the
same values and the same open conflicts, whatever order the packages arrived in.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from ..storage.exchange_models import DELETION, heads, register


@dataclass(frozen=True)
class Entry:
    """One change-history entry as merging needs it."""

    id: str
    entity: str
    record_id: str
    op: str
    field: str | None
    new_value: str | None
    at: str
    parents: tuple[str, ...]

    @property
    def key(self) -> str | None:
        return register(self.op, self.field)


@dataclass(frozen=True)
class Decision:
    """The value a register shows and, when its heads disagree, the competing entries."""

    value: object
    conflict: tuple[str, ...] = ()
    shown: str | None = None


def shown_entry(entries: list[Entry]) -> Entry:
    """The deterministic rule: the latest edit, then the largest entry id."""
    return max(entries, key=lambda e: (e.at, e.id))


def _deleted_at(entry: Entry) -> str | None:
    if entry.op == "restore":
        return None
    value = json.loads(entry.new_value) if entry.new_value else None
    return value or entry.at


def decide_field(head_entries: list[Entry]) -> Decision:
    values = {json.dumps(json.loads(e.new_value) if e.new_value else None, sort_keys=True) for e in head_entries}
    shown = shown_entry(head_entries)
    value = json.loads(shown.new_value) if shown.new_value else None
    if len(values) == 1:
        return Decision(value)
    return Decision(value, tuple(sorted(e.id for e in head_entries)), shown.id)


def _deletion_line(by_id: dict[str, Entry], start) -> set[str]:
    """The deletion entries among ``start`` and all their deletion ancestors."""
    seen, todo = set(), list(start)
    while todo:
        entry = by_id.get(todo.pop())
        if entry is None or entry.key != DELETION or entry.id in seen:
            continue
        seen.add(entry.id)
        todo.extend(entry.parents)
    return seen


def decide_deletion(by_id: dict[str, Entry], current: dict[str, list[str]]) -> Decision:
    """Deleted or not, and the conflict when a deletion did not know of an edit (or of a restoration)."""
    head_entries = [by_id[i] for i in current[DELETION]]
    shown = shown_entry(head_entries)
    value = _deleted_at(shown)
    competing = set()
    if len({_deleted_at(e) is None for e in head_entries}) > 1:
        competing.update(e.id for e in head_entries)
    if value is not None:
        known = {p for i in _deletion_line(by_id, [shown.id]) for p in by_id[i].parents}
        unknown = {i for key, ids in current.items() if key != DELETION for i in ids
                   if i not in known and shown.id not in _deletion_line(by_id, by_id[i].parents)}
        if unknown:
            competing.update(unknown | {shown.id})
    if competing:
        return Decision(value, tuple(sorted(competing)), shown.id)
    return Decision(value)


def decide_record(entries: list[Entry], touched: set[str]) -> dict[str, Decision]:
    """The decision for every ``touched`` register of one record (and its deletion, if it has one)."""
    by_id = {e.id: e for e in entries}
    current = heads((e.id, e.op, e.field, e.parents) for e in entries)
    decisions = {}
    for key in touched | ({DELETION} & current.keys()):
        if key == DELETION:
            decisions[key] = decide_deletion(by_id, current)
        elif key in current:
            decisions[key] = decide_field([by_id[i] for i in current[key]])
    return decisions
