"""The history dialog (lịch sử thay đổi): who changed what in a record, and when."""
from __future__ import annotations

from datetime import date, datetime, timezone
from enum import Enum

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout

from ..domain.codes import LabelledEnum
from ..domain.dates import format_date
from ..domain.money import MoneyUnit, format_amount
from ..i18n import tr
from ..operations.editing import HistoryEntry, record_history

MONEY_FIELDS = frozenset({"total", "amount", "share", "max_amount"} | {
    f"{prefix}_{source}" for prefix in ("approved", "settled")
    for source in ("nstw", "nsdp", "nsnn", "counterpart", "other")})


def field_labels() -> dict[str, str]:
    """Vietnamese names of the fields officers see in history."""
    return {
        "code": tr("Mã"), "name": tr("Tên"), "year": tr("Năm"), "level": tr("Cấp kinh phí"),
        "activity_code": tr("Nội dung hoạt động"), "status": tr("Trạng thái"), "programme_id": tr("Chương trình"),
        "place": tr("Địa bàn"), "commune": tr("Xã/phường"), "district": tr("Huyện (trước 1/7/2025)"),
        "province": tr("Tỉnh"), "jobs": tr("Lao động, việc làm"), "notes": tr("Ghi chú nội bộ"),
        "remarks": tr("Ghi chú trên báo cáo"), "unlocked": tr("Mở khóa"),
        "norm_ack_reason": tr("Lý do chấp nhận vượt định mức"),
        "approved_nstw": tr("NSTW phê duyệt"), "approved_nsdp": tr("NSĐP phê duyệt"),
        "approved_nsnn": tr("NSNN phê duyệt"), "approved_counterpart": tr("Vốn đối ứng phê duyệt"),
        "approved_other": tr("Nguồn khác phê duyệt"), "settled_nstw": tr("NSTW quyết toán"),
        "settled_nsdp": tr("NSĐP quyết toán"), "settled_nsnn": tr("NSNN quyết toán"),
        "settled_counterpart": tr("Vốn đối ứng quyết toán"), "settled_other": tr("Nguồn khác quyết toán"),
        "tax_code": tr("Mã số thuế"), "kind": tr("Loại hình"), "representative": tr("Người đại diện"),
        "employees": tr("Số lao động"), "trade": tr("Ngành nghề"), "total": tr("Tổng kinh phí"),
        "from_year": tr("Từ năm"), "to_year": tr("Đến năm"), "amount": tr("Kinh phí"), "source": tr("Nguồn"),
        "share": tr("Phần hỗ trợ"), "beneficiary_id": tr("Cơ sở thụ hưởng"), "planned": tr("Chỉ tiêu kế hoạch"),
    }


def _part(entity: str) -> str:
    return {"project_beneficiary": tr("Cơ sở thụ hưởng"), "plan_line": tr("Kế hoạch vốn"),
            "target": tr("Chỉ tiêu")}.get(entity, "")


def format_value(field: str | None, value, unit: MoneyUnit) -> str:
    if value is None:
        return ""
    if field in MONEY_FIELDS and isinstance(value, int):
        return f"{format_amount(value, unit)} {unit.label}"
    if isinstance(value, LabelledEnum):
        return value.label
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return tr("có") if value else tr("không")
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def format_when(at: str) -> str:
    moment = datetime.strptime(at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc).astimezone()
    return moment.strftime("%d/%m/%Y %H:%M")


def describe(entry: HistoryEntry, labels: dict[str, str]) -> str:
    part = _part(entry.entity)
    what = {"create": tr("Tạo mới"), "delete": tr("Xóa"), "restore": tr("Khôi phục")}.get(entry.op)
    if what is None:
        what = labels.get(entry.field, entry.field or "")
    return f"{part}: {what}" if part else what


class HistoryDialog(QDialog):
    """Lịch sử thay đổi of one record and its parts, newest last."""

    COLUMNS = 5

    def __init__(self, db, record_id: str, title: str, unit: MoneyUnit = MoneyUnit.TRIEU, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Lịch sử thay đổi — {title}", title=title))
        labels = field_labels()
        entries = [e for e in record_history(db, record_id) if not (e.op == "update" and e.field is None)]
        self.table = QTableWidget(len(entries), self.COLUMNS, self)
        self.table.setHorizontalHeaderLabels([tr("Thời điểm"), tr("Người sửa"), tr("Nội dung"),
                                              tr("Giá trị cũ"), tr("Giá trị mới")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, entry in enumerate(entries):
            cells = (format_when(entry.at), entry.actor, describe(entry, labels),
                     "" if entry.op != "update" else format_value(entry.field, entry.old, unit),
                     "" if entry.op != "update" else format_value(entry.field, entry.new, unit))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        for column in (3, 4):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Đóng"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(900, 480)

    def rows(self) -> list[list[str]]:
        return [[self.table.item(r, c).text() for c in range(self.COLUMNS)] for r in range(self.table.rowCount())]
