"""Thông tin đơn vị: the office's letterhead, signatories, recipients, province and default unit.

The details live in the database (the local ``Office`` record) so they travel with the file;
saving changes them in one session, which writes their change history.
"""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from ...domain.money import MoneyUnit
from ...i18n import tr
from ...storage.database import Database
from .. import errors
from ..context import AppContext

TEXT_FIELDS = (
    ("parent_body", "Cơ quan chủ quản"),
    ("name", "Tên đơn vị"),
    ("province", "Tỉnh"),
    ("place_name", "Địa danh ghi trên văn bản"),
    ("number_suffix", "Ký hiệu văn bản"),
    ("address", "Địa chỉ"),
    ("phone", "Điện thoại"),
    ("email", "Thư điện tử"),
    ("head_capacity", "Thẩm quyền ký (KT., TL., …)"),
    ("head_position", "Chức vụ người ký"),
    ("head_name", "Họ tên người ký"),
    ("preparer_name", "Người lập biểu"),
    ("accountant_name", "Kế toán"),
)


class OfficeMissing(LookupError):
    def __init__(self):
        super().__init__(tr("Tệp này chưa có thông tin đơn vị."))


def load_office(db: Database) -> dict[str, str]:
    """The local office's details as plain text (no ORM object leaves the session)."""
    with db.session() as session:
        office = db.local_office(session)
        if office is None:
            raise OfficeMissing()
        return {name: getattr(office, name) or "" for name in [f for f, _ in TEXT_FIELDS] + ["recipients", "default_unit"]}


def save_office(db: Database, values: dict[str, str]) -> list[str]:
    """Write the changed details in one transaction (history included); the names of changed fields."""
    with db.session() as session:
        office = db.local_office(session)
        if office is None:
            raise OfficeMissing()
        changed = [name for name, value in values.items() if (getattr(office, name) or "") != value]
        for name in changed:
            setattr(office, name, values[name])
    return changed


class OfficeDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(tr("Thông tin đơn vị"))
        self.setMinimumWidth(620)
        values = load_office(context.db)
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for name, label in TEXT_FIELDS:
            edit = QLineEdit(values[name])
            self.fields[name] = edit
            form.addRow(tr(label), edit)
        self.recipients = QPlainTextEdit(values["recipients"])
        self.recipients.setPlaceholderText(tr("Mỗi nơi nhận một dòng, ví dụ: Sở Công Thương;"))
        self.recipients.setFixedHeight(90)
        form.addRow(tr("Nơi nhận"), self.recipients)
        self.unit = QComboBox()
        for unit in MoneyUnit:
            self.unit.addItem(tr(unit.label), unit.name)
        self.unit.setCurrentIndex(max(0, self.unit.findData(values["default_unit"])))
        form.addRow(tr("Đơn vị tiền mặc định"), self.unit)
        buttons = QDialogButtonBox()
        buttons.addButton(tr("Lưu"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        values = {name: edit.text().strip() for name, edit in self.fields.items()}
        values["recipients"] = self.recipients.toPlainText().strip()
        values["default_unit"] = self.unit.currentData()
        return values

    def accept(self) -> None:
        try:
            changed = save_office(self.context.db, self.values())
        except Exception as exc:  # a known failure keeps the dialog open with the officer's text
            errors.report(exc, self)
            return
        if changed:
            self.context.data_changed.emit("office")
        super().accept()
