"""Cài đặt: language, money display unit and the name written into the change history."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from ...domain.money import MoneyUnit
from ...i18n import tr
from ..context import AppContext
from ..settings import Settings

LANGUAGE_NAMES = (("vi", "Tiếng Việt"), ("en", "English"))


class SettingsDialog(QDialog):
    """Saving applies at once: the unit redraws every list, a new language rebuilds the window."""

    def __init__(self, settings: Settings, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings, self.context = settings, context
        self.setWindowTitle(tr("Cài đặt"))
        self.setMinimumWidth(420)
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.unit = QComboBox()
        for unit in MoneyUnit:
            self.unit.addItem(tr(unit.label), unit.name)
        self.unit.setCurrentIndex(max(0, self.unit.findData(settings.money_unit)))
        self.actor = QLineEdit(settings.actor)
        self.actor.setPlaceholderText(tr("Họ tên cán bộ"))
        form = QFormLayout()
        form.addRow(tr("Ngôn ngữ"), self.language)
        form.addRow(tr("Hiển thị số tiền theo"), self.unit)
        form.addRow(tr("Người sửa (ghi vào lịch sử)"), self.actor)
        buttons = QDialogButtonBox()
        buttons.addButton(tr("Lưu"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        s = self.settings
        language, unit, actor = self.language.currentData(), self.unit.currentData(), self.actor.text().strip()
        language_changed = language != s.language
        unit_changed = unit != s.money_unit
        s.language, s.money_unit, s.actor = language, unit, actor
        s.sync()
        if self.context.has_db:
            self.context.db.actor = actor
        super().accept()
        if unit_changed:
            self.context.set_money_unit(MoneyUnit[unit])
        if language_changed:
            from ..app import switch_language

            switch_language(language)
