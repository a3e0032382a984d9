"""The one workbook layout import and export share: sheets, their columns and accepted header names."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..domain.money import strip_unit
from ..domain.text import fold_key


class Kind(Enum):
    """How a column's cells are read and written."""

    TEXT = "text"
    CODE = "code"
    """Text that may arrive as a number (a code, a tax code)."""
    AMOUNT = "amount"
    """Money with a unit from the header or an "ĐVT:" note."""
    INTEGER = "integer"
    YEAR = "year"
    DATE = "date"


@dataclass(frozen=True)
class Column:
    """One column: its key in parsed rows, the header export writes, and the names import accepts."""

    key: str
    header: str
    alternatives: tuple[str, ...] = ()
    required: bool = False
    kind: Kind = Kind.TEXT
    width: int = 14

    def names(self) -> set[str]:
        return {fold_key(name) for name in (self.header, *self.alternatives)}


@dataclass(frozen=True)
class SheetLayout:
    """A sheet (bảng tính) found by name, ignoring case, diacritics and spaces."""

    key: str
    name: str
    columns: tuple[Column, ...]
    title: str
    """The title export prints above the header."""

    def column_for(self, header: object) -> Column | None:
        """The column a header cell names ("Kinh phí hỗ trợ (triệu đồng)" → support), or None."""
        if not isinstance(header, str):
            return None
        key = fold_key(strip_unit(header))
        return next((column for column in self.columns if key and key in column.names()), None)

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if column.required)

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


PROJECTS = SheetLayout("projects", "Đề án", (
    Column("code", "Mã đề án", ("Mã", "Mã số"), True, Kind.CODE, 16),
    Column("name", "Tên đề án", ("Tên", "Tên đề án/nhiệm vụ"), True, width=48),
    Column("year", "Năm", ("Năm thực hiện", "Năm kế hoạch"), True, Kind.YEAR, 7),
    Column("level", "Nguồn kinh phí", ("Cấp", "Loại kinh phí"), True, width=10),
    Column("activity", "Nội dung", ("Loại đề án", "Nội dung hỗ trợ", "Lĩnh vực"), True, Kind.CODE, 9),
    Column("status", "Trạng thái", width=15),
    Column("beneficiaries", "Cơ sở thụ hưởng", ("Đơn vị thụ hưởng", "Đối tượng thụ hưởng"), width=36),
    Column("tax_codes", "Mã số thuế", ("MST",), kind=Kind.CODE, width=14),
    Column("place", "Địa bàn", ("Huyện", "Xã", "Địa điểm"), width=22),
    Column("support", "Kinh phí khuyến công", ("Kinh phí hỗ trợ", "Kinh phí KC", "Kinh phí NSNN hỗ trợ"), True,
           Kind.AMOUNT, 15),
    Column("counterpart", "Vốn đối ứng", ("Kinh phí đối ứng", "Vốn của cơ sở", "Kinh phí thu hút"),
           kind=Kind.AMOUNT, width=15),
    Column("other", "Kinh phí khác", kind=Kind.AMOUNT, width=13),
    Column("total", "Tổng kinh phí", kind=Kind.AMOUNT, width=15),
    Column("jobs", "Lao động", ("Việc làm", "Số lao động", "Lao động thu hút", "Việc làm tạo mới"),
           kind=Kind.INTEGER, width=9),
    Column("participations", "Lượt tham gia hội chợ", ("Lượt cơ sở tham gia",), kind=Kind.INTEGER, width=10),
    Column("events", "Số kỳ hội chợ", ("Số hội chợ",), kind=Kind.INTEGER, width=9),
    Column("notes", "Ghi chú", width=30),
), "DANH SÁCH ĐỀ ÁN KHUYẾN CÔNG")

BENEFICIARIES = SheetLayout("beneficiaries", "Cơ sở", (
    Column("name", "Tên cơ sở", ("Tên", "Tên đơn vị"), True, width=44),
    Column("kind", "Loại hình", width=10),
    Column("tax_code", "Mã số thuế", ("MST",), kind=Kind.CODE, width=14),
    Column("representative", "Người đại diện", width=22),
    Column("phone", "Điện thoại", kind=Kind.CODE, width=13),
    Column("address", "Địa chỉ", width=30),
    Column("commune", "Xã", ("Phường", "Xã, phường"), width=16),
    Column("district", "Huyện", width=16),
    Column("province", "Tỉnh", width=14),
    Column("trade", "Ngành nghề", width=24),
    Column("employees", "Số lao động", kind=Kind.INTEGER, width=9),
), "DANH SÁCH CƠ SỞ CÔNG NGHIỆP NÔNG THÔN")

PROGRAMMES = SheetLayout("programmes", "Chương trình", (
    Column("code", "Mã chương trình", ("Mã",), True, Kind.CODE, 16),
    Column("name", "Tên chương trình", ("Tên",), True, width=50),
    Column("province", "Tỉnh", width=14),
    Column("from_year", "Từ năm", (), True, Kind.YEAR, 8),
    Column("to_year", "Đến năm", (), True, Kind.YEAR, 8),
    Column("decision_no", "Số quyết định", width=18),
    Column("decision_date", "Ngày quyết định", kind=Kind.DATE, width=14),
    Column("total", "Tổng kinh phí", kind=Kind.AMOUNT, width=16),
), "DANH SÁCH CHƯƠNG TRÌNH KHUYẾN CÔNG")

PLAN = SheetLayout("plan", "Kế hoạch vốn", (
    Column("programme", "Mã chương trình", ("Mã",), True, Kind.CODE, 16),
    Column("year", "Năm", kind=Kind.YEAR, width=8),
    Column("source", "Nguồn", ("Nguồn vốn",), width=14),
    Column("amount", "Kinh phí", ("Số tiền",), True, Kind.AMOUNT, 16),
), "KẾ HOẠCH VỐN CHƯƠNG TRÌNH KHUYẾN CÔNG")

TARGETS = SheetLayout("targets", "Chỉ tiêu", (
    Column("programme", "Mã chương trình", ("Mã",), True, Kind.CODE, 16),
    Column("activity", "Nội dung", (), True, Kind.CODE, 10),
    Column("description", "Chỉ tiêu", (), True, width=50),
    Column("unit", "Đơn vị tính", ("ĐVT",), width=12),
    Column("planned", "Kế hoạch", ("Số lượng",), True, Kind.INTEGER, 10),
), "CHỈ TIÊU CHƯƠNG TRÌNH KHUYẾN CÔNG")

LAYOUTS = (BENEFICIARIES, PROGRAMMES, PLAN, TARGETS, PROJECTS)
"""Every sheet, in the order import applies them (a project names beneficiaries and programmes)."""
EXPORT_ORDER = (PROJECTS, BENEFICIARIES, PROGRAMMES, PLAN, TARGETS)


def layout_for_sheet(title: str) -> SheetLayout | None:
    """The layout a sheet's name names ("DE AN", "đề án", "Đề  án" → projects), or None."""
    key = fold_key(title)
    return next((layout for layout in LAYOUTS if fold_key(layout.name) == key), None)
