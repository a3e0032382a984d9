"""Tệp → Mới…: who the new file belongs to (office, parent body, province), checked before it is made."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...domain.text import nfc
from ...i18n import tr
from ..forms.widgets import FieldMessage

LIMITS = {"name": 300, "parent_body": 300, "province": 100}
"""The longest text each field can hold (the office table's column sizes)."""


def office_problems(values: dict[str, str]) -> dict[str, str]:
    """What keeps these details from making a file: field name → the message shown at it."""
    missing = {"name": tr("Chưa nhập tên đơn vị."), "parent_body": tr("Chưa nhập cơ quan chủ quản."),
               "province": tr("Chưa nhập tỉnh, thành phố.")}
    problems = {}
    for name, limit in LIMITS.items():
        text = values.get(name, "")
        if not text:
            problems[name] = missing[name]
        elif len(text) > limit:
            problems[name] = tr("Dài quá {limit} ký tự.", limit=limit)
    return problems


class NewFileDialog(QDialog):
    """Ask the office's name, parent body and province; accepted only when all three are right.

    ``values()`` gives them (trimmed, in NFC) for ``FileOpener.create``; the rest of the letterhead
    is filled in later under Tệp → Thông tin đơn vị.
    """

    def __init__(self, province: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Tạo tệp mới"))
        self.fields = {"name": QLineEdit("TRUNG TÂM KHUYẾN CÔNG"), "parent_body": QLineEdit("SỞ CÔNG THƯƠNG"),
                       "province": QLineEdit(province)}
        self.fields["name"].setPlaceholderText(tr("VD: TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI"))
        self.fields["parent_body"].setPlaceholderText(tr("VD: SỞ CÔNG THƯƠNG TỈNH LẠNG SƠN"))
        self.fields["province"].setPlaceholderText(tr("VD: Lạng Sơn"))
        self.messages = {name: FieldMessage(self) for name in self.fields}
        for name, edit in self.fields.items():
            edit.textChanged.connect(lambda _text, message=self.messages[name]: message.show_message(None))
        form = QFormLayout()
        for name, label in (("name", tr("Tên đơn vị")), ("parent_body", tr("Cơ quan chủ quản")),
                            ("province", tr("Tỉnh, thành phố"))):
            self.fields[name].setMinimumWidth(380)
            form.addRow(label, self.fields[name])
            form.addRow("", self.messages[name])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("Chọn nơi lưu tệp…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Hủy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Tệp mới thuộc về đơn vị nào? Các thông tin khác (người ký, nơi nhận…) "
                                   "có thể bổ sung sau ở Tệp → Thông tin đơn vị.")))
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        return {name: nfc(" ".join(edit.text().split())) for name, edit in self.fields.items()}

    def accept(self) -> None:
        problems = office_problems(self.values())
        for name, message in self.messages.items():
            message.show_message(problems.get(name))
        if problems:
            self.fields[next(iter(problems))].setFocus()
            return
        super().accept()
