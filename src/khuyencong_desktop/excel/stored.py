"""Records already in the file, read once per import as plain column values and changed through the ORM.

Comparing a sheet row with what the file holds needs only column values, so an import reads
them with one plain query per table instead of building an ORM object per record. A record is
loaded as an ORM object only when a row changes it, so its history is written by the ORM hook
as for any other edit.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from ..storage.bulk import NewRecord


class StoredRecord:
    """A record of ``model`` as it is in the file (or as this import has changed it so far)."""

    def __init__(self, model, values: dict):
        self.__dict__.update(values)
        self.model = model


def stored(session: Session, model, query) -> list[StoredRecord]:
    """The records of ``model`` that ``query`` (a select of the model's table) gives, column values typed."""
    return [StoredRecord(model, row._asdict()) for row in session.execute(query)]


def change(session: Session, record: StoredRecord | NewRecord, values: dict) -> bool:
    """Give ``record`` the ``values`` that differ; whether anything changed.

    A stored record's ORM object gets the same values, so the flush writes them and their history;
    a new record (still waiting in a BulkCreator) only changes its pending values.
    """
    changed = {key: value for key, value in values.items() if getattr(record, key) != value}
    if not changed:
        return False
    if isinstance(record, StoredRecord):
        obj = session.get(record.model, record.id)
        for key, value in changed.items():
            setattr(obj, key, value)
    record.__dict__.update(changed)
    return True
