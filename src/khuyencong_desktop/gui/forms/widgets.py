"""Inputs the forms share: money in the chosen unit, dd/mm/yyyy dates, whole numbers, field messages."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from ...domain.dates import format_date, parse_date
from ...domain.money import MoneyParseError, MoneyUnit, format_amount, parse_number, to_dong
from ...i18n import tr, tr_label


class InputError(ValueError):
    """What the officer typed cannot be read; the message is shown at the field."""


class MoneyEdit(QLineEdit):
    """An amount typed the Vietnamese way ("2.350,5") in ``unit``, read as whole đồng."""

    def __init__(self, unit: MoneyUnit, parent=None):
        super().__init__(parent)
        self.unit = unit
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText(tr_label(unit))

    def dong(self) -> int | None:
        """The amount in đồng; None when empty. Raises InputError for text that is not an amount."""
        text = self.text().strip()
        if not text:
            return None
        try:
            number = parse_number(text)
        except MoneyParseError as exc:
            raise InputError(str(exc)) from exc
        if number < 0:
            raise InputError(tr("Số tiền không được âm."))
        return to_dong(number, self.unit)

    def set_dong(self, value: int | None) -> None:
        self.setText("" if value is None else format_amount(value, self.unit))


class DateEdit(QLineEdit):
    """A date typed dd/mm/yyyy; empty means no date."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setPlaceholderText(tr("ngày/tháng/năm"))
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance(self.placeholderText()) + 24)
        self.setMinimumWidth(self.maximumWidth())

    def day(self) -> date | None:
        text = self.text().strip()
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError as exc:
            raise InputError(str(exc)) from exc

    def set_day(self, value: date | None) -> None:
        self.setText(format_date(value) if value else "")


class NumberEdit(QLineEdit):
    """A whole number (years, jobs, counts); empty means none."""

    def __init__(self, parent=None, width: int = 110):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaximumWidth(width)

    def number(self) -> int | None:
        text = self.text().strip().replace(".", "")
        if not text:
            return None
        if not text.lstrip("-").isdigit():
            raise InputError(tr("«{text}» không phải là số nguyên.", text=self.text().strip()))
        return int(text)

    def set_number(self, value: int | None) -> None:
        self.setText("" if value is None else str(value))


class FieldMessage(QLabel):
    """The red message under a field that cannot be saved as it is."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.hide()

    def show_message(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))
