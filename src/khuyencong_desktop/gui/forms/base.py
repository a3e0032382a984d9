"""What every edit form shares: labelled fields with their messages, saving, and the test seams."""
from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QInputDialog, QVBoxLayout, QWidget)

from ...i18n import tr
from ...operations.editing_rules import ValidationError
from ...storage.errors import StorageError
from .. import messages
from .widgets import FieldMessage, InputError


def run_dialog(dialog: QDialog) -> bool:
    """Show ``dialog`` modally; True when accepted. Tests replace this to drive the dialog instead."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_text(parent: QWidget, title: str, label: str) -> str | None:
    """Ask for a reason (lý do); None when cancelled. Tests replace this."""
    text, ok = QInputDialog.getMultiLineText(parent, title, label)
    return text if ok else None


class RecordForm(QDialog):
    """A dialog whose fields each carry a message line; ``save`` commits at once and closes.

    Subclasses build their widgets with ``add_field`` and implement ``commit`` (collect values,
    call operations.editing, push the undo command). A ValidationError is shown at its fields.
    """

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.unit = context.money_unit
        self.messages: dict[str, FieldMessage] = {}
        self.saved_id: str | None = None
        self.layout_ = QVBoxLayout(self)
        self.general = FieldMessage(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Lưu"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Hủy"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.general)
        self.layout_.addWidget(self.buttons)

    def add_field(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> QWidget:
        """Add ``widget`` under ``label`` with its message line; ``name`` is the field validation reports."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        message = FieldMessage(box)
        column.addWidget(message)
        self.messages[name] = message
        form.addRow(label, box)
        return widget

    def read(self, name: str, getter):
        """``getter()``, recording an InputError as the field's message (re-raised once all are read)."""
        try:
            return getter()
        except InputError as exc:
            self._input_problems[name] = str(exc)
            return None

    def show_problems(self, problems: dict[str, str]) -> None:
        unplaced = []
        for name, message in self.messages.items():
            message.show_message(problems.get(name))
        for name, text in problems.items():
            if name not in self.messages:
                unplaced.append(text)
        self.general.show_message("\n".join(unplaced))

    def save(self) -> None:
        self._input_problems: dict[str, str] = {}
        try:
            self.commit()
        except ValidationError as exc:
            self.show_problems(exc.field_problems)
            return
        except StorageError as exc:
            messages.error(self, exc.message)
            return
        self.accept()

    def collected(self, values: dict) -> dict:
        """``values`` when every field could be read; else show what could not (ValidationError)."""
        if self._input_problems:
            raise ValidationError(self._input_problems)
        return values

    def commit(self) -> None:
        raise NotImplementedError
