"""The beneficiary form (cơ sở thụ hưởng): identity, tax code, representative, contacts, place, trade."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit

from ...domain.codes import BeneficiaryKind
from ...i18n import tr, tr_label
from ...operations.editing import record_values, save_beneficiary
from ..undo import push_saved
from .base import RecordForm
from .widgets import NumberEdit


class BeneficiaryForm(RecordForm):
    """Thêm / sửa cơ sở thụ hưởng. ``record_id`` None creates one; ``name`` prefills a new one."""

    TEXT_FIELDS = ("name", "tax_code", "representative", "phone", "address", "commune", "district", "province",
                   "trade")

    def __init__(self, context, record_id: str | None = None, parent=None, name: str = ""):
        super().__init__(context, parent)
        self.record_id = record_id
        self.setWindowTitle(tr("Cơ sở thụ hưởng") if record_id else tr("Thêm cơ sở thụ hưởng"))
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        labels = {"name": tr("Tên cơ sở"), "tax_code": tr("Mã số thuế"), "representative": tr("Người đại diện"),
                  "phone": tr("Điện thoại"), "address": tr("Địa chỉ"), "commune": tr("Xã/phường"),
                  "district": tr("Huyện (trước 1/7/2025)"), "province": tr("Tỉnh"), "trade": tr("Ngành nghề")}
        for key in self.TEXT_FIELDS[:1]:
            self.fields[key] = self.add_field(form, key, labels[key], QLineEdit())
        self.kind = self.add_field(form, "kind", tr("Loại hình"), QComboBox())
        self.kind.addItem(tr("(chưa rõ)"), None)
        for kind in BeneficiaryKind:
            self.kind.addItem(tr_label(kind), kind.value)
        for key in self.TEXT_FIELDS[1:]:
            self.fields[key] = self.add_field(form, key, labels[key], QLineEdit())
        self.fields["tax_code"].setPlaceholderText(tr("10 chữ số, 10 chữ số-3 chữ số, hoặc 12 chữ số"))
        self.fields["district"].setToolTip(tr("Cấp huyện đã bỏ từ 1/7/2025; chỉ ghi để tra cứu hồ sơ cũ."))
        self.employees = self.add_field(form, "employees", tr("Số lao động"), NumberEdit())
        self.notes = self.add_field(form, "notes", tr("Ghi chú"), QPlainTextEdit())
        self.notes.setMaximumHeight(70)
        self.layout_.addLayout(form)
        self.finish_layout()
        self.resize(520, self.sizeHint().height())
        if record_id:
            self._load(record_values(context.db, "beneficiary", record_id))
        else:
            self.fields["name"].setText(name)

    def _load(self, values: dict) -> None:
        for key, widget in self.fields.items():
            widget.setText(values.get(key) or "")
        kind = values.get("kind")
        self.kind.setCurrentIndex(max(self.kind.findData(kind.value if kind else None), 0))
        self.employees.set_number(values.get("employees"))
        self.notes.setPlainText(values.get("notes") or "")

    def values(self) -> dict:
        values = {key: widget.text() for key, widget in self.fields.items()}
        values["tax_code"] = values["tax_code"].strip() or None
        values["kind"] = BeneficiaryKind(self.kind.currentData()) if self.kind.currentData() else None
        values["employees"] = self.read("employees", self.employees.number)
        values["notes"] = self.notes.toPlainText()
        return self.collected(values)

    def commit(self) -> None:
        saved = save_beneficiary(self.context.db, self.record_id, self.values())
        self.saved_id = saved.id
        text = tr("Sửa cơ sở {name}", name=self.fields["name"].text().strip()) if self.record_id \
            else tr("Thêm cơ sở {name}", name=self.fields["name"].text().strip())
        push_saved(self.context, text, "beneficiary", saved)
