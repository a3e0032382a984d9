"""Cài đặt: language, money display unit and the name written into the change history."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from ...i18n import tr
from ..context import AppContext
from ..settings import Settings
from .form_dialog import FormDialog, unit_combo

LANGUAGE_NAMES = (("vi", "Tiếng Việt"), ("en", "English"))


class SettingsDialog(FormDialog):
    """Saving applies at once: the unit redraws every list, a new language rebuilds the window."""

    def __init__(self, settings: Settings, context: AppContext, parent: QWidget | None = None):
        super().__init__(tr("Cài đặt"), 420, parent)
        self.settings, self.context = settings, context
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.unit = unit_combo(settings.money_unit, (tr("Theo thông tin đơn vị"), ""))
        self.actor = QLineEdit(settings.actor)
        self.actor.setPlaceholderText(tr("Họ tên cán bộ"))
        self.form.addRow(tr("Ngôn ngữ"), self.language)
        self.form.addRow(tr("Hiển thị số tiền theo"), self.unit)
        self.form.addRow(tr("Người sửa (ghi vào lịch sử)"), self.actor)

    def accept(self) -> None:
        s = self.settings
        language, unit, actor = self.language.currentData(), self.unit.currentData(), self.actor.text().strip()
        language_changed = language != s.language
        s.language, s.money_unit, s.actor = language, unit, actor
        s.sync()
        if self.context.has_db:
            self.context.db.actor = actor
        super().accept()
        self.context.choose_money_unit(unit)
        if language_changed:
            from ..app import switch_language

            switch_language(language)
