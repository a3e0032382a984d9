"""Undo and redo (hoàn tác / làm lại) of committed edits, as commands on the context's undo stack.

Every edit is committed when it is made; its command holds what applies it back. Undoing is
itself a recorded edit through operations.editing, and hands back what redo applies again.
"""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from ..operations.editing import Saved, revert, set_deleted
from ..storage.errors import StorageError
from ..operations.editing_rules import ValidationError
from . import messages

CHILD_TABLES = {"project": ("project", "project_beneficiary"), "programme": ("programme", "plan_line", "target"),
                "beneficiary": ("beneficiary",)}


class _Committed(QUndoCommand):
    """A command for an edit already in the file: the first redo (on push) does nothing."""

    def __init__(self, context, text: str, entity: str, record_id: str):
        super().__init__(text)
        self.context = context
        self.entity = entity
        self.record_id = record_id
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._run(self.apply_redo)

    def undo(self) -> None:
        self._run(self.apply_undo)

    def _run(self, action) -> None:
        try:
            action()
        except (StorageError, ValidationError, LookupError) as exc:
            # The record changed since (another edit, a merge): this step can no longer be replayed.
            messages.error(None, getattr(exc, "message", str(exc)))
            self.setObsolete(True)
        for table in CHILD_TABLES[self.entity]:
            self.context.data_changed.emit(table)

    def apply_undo(self) -> None:
        raise NotImplementedError

    def apply_redo(self) -> None:
        raise NotImplementedError


class ChangeCommand(_Committed):
    """Fields (and parts: links, plan, targets) changed; undo and redo swap the stored values."""

    def __init__(self, context, text: str, entity: str, record_id: str, previous: dict):
        super().__init__(context, text, entity, record_id)
        self.previous = previous

    def _swap(self) -> None:
        self.previous = revert(self.context.db, self.entity, self.record_id, self.previous).previous

    apply_undo = apply_redo = _swap


class DeletionCommand(_Committed):
    """A record created or deleted (``deleted`` says which state the edit left it in)."""

    def __init__(self, context, text: str, entity: str, record_id: str, deleted: bool):
        super().__init__(context, text, entity, record_id)
        self.deleted = deleted

    def apply_undo(self) -> None:
        set_deleted(self.context.db, self.entity, self.record_id, not self.deleted)

    def apply_redo(self) -> None:
        set_deleted(self.context.db, self.entity, self.record_id, self.deleted)


def push_saved(context, text: str, entity: str, saved: Saved) -> None:
    """Put a form save on the undo stack: undo of a creation deletes, of an update applies old values."""
    if saved.created:
        command = DeletionCommand(context, text, entity, saved.id, deleted=False)
    else:
        command = ChangeCommand(context, text, entity, saved.id, saved.previous)
    context.undo_stack.push(command)
    for table in CHILD_TABLES[entity]:
        context.data_changed.emit(table)


def push_fields(context, text: str, entity: str, record_id: str, previous_values: dict) -> None:
    """Put a change of some fields (status, unlock, acknowledgement) on the undo stack."""
    context.undo_stack.push(ChangeCommand(context, text, entity, record_id, {"values": previous_values}))
    for table in CHILD_TABLES[entity]:
        context.data_changed.emit(table)


def push_deletion(context, text: str, entity: str, record_id: str, deleted: bool) -> None:
    """Put a deletion (or restoration) on the undo stack."""
    context.undo_stack.push(DeletionCommand(context, text, entity, record_id, deleted))
    for table in CHILD_TABLES[entity]:
        context.data_changed.emit(table)
