"""The history dialog (lịch sử thay đổi): who changed what in a record, and when."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout

from ..domain.money import MoneyUnit
from ..i18n import tr
from ..operations.editing import HistoryEntry, record_history
from ..operations.field_labels import field_labels, format_value, format_when, snapshot_fields


def _part(entity: str) -> str:
    return {"project_beneficiary": tr("Cơ sở thụ hưởng"), "plan_line": tr("Kế hoạch vốn"),
            "target": tr("Chỉ tiêu")}.get(entity, "")


def describe(entry: HistoryEntry, labels: dict[str, str]) -> str:
    part = _part(entry.entity)
    what = {"create": tr("Tạo mới"), "delete": tr("Xóa"), "restore": tr("Khôi phục")}.get(entry.op)
    if what is None:
        what = labels.get(entry.field, entry.field or "")
    return f"{part}: {what}" if part else what


def entry_rows(entry: HistoryEntry, labels: dict[str, str], unit: MoneyUnit) -> list[tuple[str, str, str]]:
    """One entry as (what, old value, new value) rows: an edit is one row, a creation one row per filled-in field."""
    what = describe(entry, labels)
    if entry.op == "update":
        return [(what, format_value(entry.field, entry.old, unit), format_value(entry.field, entry.new, unit))]
    if entry.op == "create":
        fields = snapshot_fields(entry.entity, entry.new, unit)
        if fields:
            return [(f"{what} — {name}", "", value) for name, value in fields]
    return [(what, "", "")]


class HistoryDialog(QDialog):
    """Lịch sử thay đổi of one record and its parts, newest last; what a created record held, field by field."""

    COLUMNS = 5

    def __init__(self, db, record_id: str, title: str, unit: MoneyUnit = MoneyUnit.TRIEU, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Lịch sử thay đổi — {title}", title=title))
        labels = field_labels()
        entries = [e for e in record_history(db, record_id) if not (e.op == "update" and e.field is None)]
        rows = [(format_when(entry.at), entry.actor, *row) for entry in entries for row in entry_rows(entry, labels, unit)]
        self.table = QTableWidget(len(rows), self.COLUMNS, self)
        self.table.setHorizontalHeaderLabels([tr("Thời điểm"), tr("Người sửa"), tr("Nội dung"),
                                              tr("Giá trị cũ"), tr("Giá trị mới")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        for column in (3, 4):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        # long values (a project's name) wrap whole within the width their column now has
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Đóng"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(900, 480)

    def rows(self) -> list[list[str]]:
        return [[self.table.item(r, c).text() for c in range(self.COLUMNS)] for r in range(self.table.rowCount())]
