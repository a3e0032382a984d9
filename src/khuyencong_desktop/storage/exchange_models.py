"""Lineage of change-history entries, open merge conflicts and suspected duplicate beneficiaries.

Every entry names the entries it replaced (its ``parents``): an update names the current heads of
its record's field, a deletion or restoration names every head of the record. Two entries of one
field that do not descend from each other were made without knowing of each other: a conflict.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, add_mapped_attribute, mapped_column

from .base import Base
from .models import ChangeLog

add_mapped_attribute(ChangeLog, "parents", mapped_column("parents", Text, nullable=True))
"""JSON list of the ids of the entries this entry replaced (``[]`` for a creation)."""

DELETION = "deleted_at"
"""The register of deletions and restorations of a record, kept beside its fields' registers."""


def register(op: str, field: str | None) -> str | None:
    """The register an entry writes: its field, :data:`DELETION`, or None for a creation."""
    if op in ("delete", "restore"):
        return DELETION
    return field if op == "update" else None


def parse_parents(text: str | None) -> list[str]:
    return json.loads(text) if text else []


def heads(entries: Iterable[tuple[str, str, str | None, list[str]]]) -> dict[str, list[str]]:
    """The heads of every register: its entries that no later entry of that register replaced.

    ``entries`` are ``(id, op, field, parents)`` of one record; creations are no register's head.
    """
    members: dict[str, list[str]] = defaultdict(list)
    replaced: dict[str, set[str]] = defaultdict(set)
    for entry_id, op, field, parents in entries:
        key = register(op, field)
        if key is None:
            continue
        members[key].append(entry_id)
        replaced[key].update(parents)
    return {key: sorted(i for i in ids if i not in replaced[key]) for key, ids in members.items()}


def parents_for(op: str, field: str | None, current: dict[str, list[str]], create_id: str | None) -> list[str]:
    """What a new entry replaces: the heads of its field (a deletion: every head), else the creation.

    An update also names the deletion heads it saw, so an edit of a record its author knew was
    deleted is not taken for an edit that crossed the deletion.
    """
    if op == "update":
        found = current.get(field, []) or ([create_id] if create_id else [])
        return found + current.get(DELETION, [])
    found = sorted({i for ids in current.values() for i in ids})
    return found or ([create_id] if create_id else [])


class ExchangeConflict(Base):
    """Xung đột: a field (or the deletion) of a record holding concurrent, different values.

    Open until an officer, or any later edit of that field, replaces all its heads.
    """

    __tablename__ = "exchange_conflict"
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    field: Mapped[str] = mapped_column(String(60), primary_key=True)
    entity: Mapped[str] = mapped_column(String(40))
    heads: Mapped[str] = mapped_column(Text)
    """JSON list of the competing entry ids, sorted."""
    shown_entry_id: Mapped[str] = mapped_column(String(36))
    """The entry whose value the record shows until resolved (latest ``at``, then largest id)."""
    detected_at: Mapped[str] = mapped_column(String(27))


class SuspectedDuplicate(Base):
    """Nghi trùng: two beneficiaries created in different offices that are probably one cơ sở."""

    __tablename__ = "suspected_duplicate"
    first_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    second_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    reason: Mapped[str] = mapped_column(String(20))
    """``tax_code`` (same MST) or ``name_commune`` (same normalised name and commune)."""
    status: Mapped[str] = mapped_column(String(10), default="open")
    """``open``, ``linked`` (confirmed the same) or ``dismissed`` (confirmed different)."""
    detected_at: Mapped[str] = mapped_column(String(27))


class DuplicateDecision(Base):
    """Quyết định về cặp nghi trùng: one office's decision on a suspected pair; travels in packages.

    Each office writes only its own row, so merging keeps, per office, the later decision: every
    file holding the same rows shows the same status (the latest decision's) and the same open
    "opposite survivors" conflict.
    """

    __tablename__ = "duplicate_decision"
    first_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    second_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    office_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    reason: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10))
    """``linked`` (kept_id survives), ``dismissed`` (different cơ sở) or ``resolved`` (survivor chosen in a conflict)."""
    kept_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    decided_at: Mapped[str] = mapped_column(String(27))
