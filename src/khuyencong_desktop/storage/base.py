"""The declarative base and the identity every exchanged record carries."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


def utc_now() -> str:
    """A sortable UTC timestamp with microseconds, as stored in every ``*_at`` column."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Tracked:
    """Columns of every record that travels between offices.

    The UUID survives copying the file to another office; ``origin_office_id`` names the office
    that created it; deletion is soft (``deleted_at``), so a deletion can travel as a tombstone.
    Every change to a tracked record is written to ``change_log`` in the same transaction.
    """

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[str] = mapped_column(String(27), default=utc_now)
    updated_at: Mapped[str] = mapped_column(String(27), default=utc_now)
    origin_office_id: Mapped[str | None] = mapped_column(String(36))
    deleted_at: Mapped[str | None] = mapped_column(String(27))

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    # Columns that describe the record's bookkeeping, not its content: never in change history.
    BOOKKEEPING = frozenset({"id", "created_at", "updated_at", "origin_office_id"})
