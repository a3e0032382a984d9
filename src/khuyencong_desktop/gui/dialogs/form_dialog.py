"""What the small settings dialogs share: a titled form, a money-unit choice, and Lưu / Hủy."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from ...domain.money import MoneyUnit
from ...i18n import tr, tr_label


class FormDialog(QDialog):
    """A form (``self.form``) over Lưu and Hủy; subclasses add rows and save in ``accept``."""

    def __init__(self, title: str, min_width: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(min_width)
        self.form = QFormLayout()
        buttons = QDialogButtonBox()
        buttons.addButton(tr("Lưu"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(buttons)


def unit_combo(selected: str, first: tuple[str, str] | None = None) -> QComboBox:
    """The money units by name (``MoneyUnit`` member names as data), ``selected`` chosen; ``first``
    (text, data) is an extra choice put before them."""
    combo = QComboBox()
    if first is not None:
        combo.addItem(*first)
    for unit in MoneyUnit:
        combo.addItem(tr_label(unit), unit.name)
    combo.setCurrentIndex(max(0, combo.findData(selected)))
    return combo
