"""Thông tin đơn vị: the office's letterhead, signatories, recipients, province and default unit.

The details live in the database (the local ``Office`` record) so they travel with the file;
saving changes them in one session, which writes their change history.
"""
from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ...i18n import tr
from ...storage.database import Database
from .. import errors
from ..context import AppContext
from .form_dialog import FormDialog, unit_combo

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


class OfficeDialog(FormDialog):
    """Thông tin đơn vị; its default unit is what amounts are shown in unless the officer chose one (Cài đặt)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(tr("Thông tin đơn vị"), 620, parent)
        self.context = context
        values = load_office(context.db)
        self.fields: dict[str, QLineEdit] = {}
        for name, label in TEXT_FIELDS:
            edit = QLineEdit(values[name])
            self.fields[name] = edit
            self.form.addRow(tr(label), edit)
        self.recipients = QPlainTextEdit(values["recipients"])
        self.recipients.setPlaceholderText(tr("Mỗi nơi nhận một dòng, ví dụ: Sở Công Thương;"))
        self.recipients.setFixedHeight(90)
        self.form.addRow(tr("Nơi nhận"), self.recipients)
        self.unit = unit_combo(values["default_unit"])
        self.form.addRow(tr("Đơn vị tiền mặc định"), self.unit)

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
