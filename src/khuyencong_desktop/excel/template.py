"""The empty workbook officers fill in: every sheet's header, drop-down lists, and instructions."""
from __future__ import annotations

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..domain.codes import FundingLevel, Status
from .layout import EXPORT_ORDER, LAYOUTS, SheetLayout
from .printable import EXPORT_UNIT, HEADER_ROW, PrintableSheet
from .writer import KIND_TEXT, SOURCE_TEXT

TEMPLATE_ROWS = 2000
"""Rows below the header that carry the drop-down lists."""
INSTRUCTIONS_SHEET = "Hướng dẫn"


def _lists(activity_codes: list[str]) -> dict[tuple[str, str], list[str]]:
    """(sheet key, column key) → the values its drop-down list offers."""
    return {
        ("projects", "level"): [level.label for level in FundingLevel],
        ("projects", "activity"): activity_codes,
        ("projects", "status"): [status.label for status in Status],
        ("beneficiaries", "kind"): list(KIND_TEXT.values()),
        ("plan", "source"): list(SOURCE_TEXT.values()),
        ("targets", "activity"): activity_codes,
    }


def _validate(sheet: PrintableSheet, layout: SheetLayout, lists: dict) -> None:
    for index, column in enumerate(layout.columns, start=1):
        values = lists.get((layout.key, column.key))
        if not values:
            continue
        letter = get_column_letter(index)
        rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
                              showErrorMessage=True, errorTitle=column.header,
                              error=f"Chọn một giá trị trong danh sách: {', '.join(values)}")
        rule.add(f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + TEMPLATE_ROWS}")
        sheet.ws.data_validations.append(rule)


def _instructions(activities: list[tuple[str, str]]) -> list[str]:
    lines = [
        "HƯỚNG DẪN ĐIỀN SỔ TÍNH KHUYẾN CÔNG",
        "",
        "1. Mỗi trang là một loại dữ liệu: " + ", ".join(f"«{layout.name}»" for layout in LAYOUTS)
        + ". Giữ nguyên tên trang và dòng tiêu đề; có thể thêm cột khác (sẽ được bỏ qua).",
        "2. Mỗi dòng là một bản ghi. Dòng có ô đầu tiên là «Tổng cộng», «Cộng» hoặc «Tổng» là dòng tổng: "
        "không được nhập, chỉ dùng để đối chiếu.",
        f"3. Số tiền ghi theo đơn vị trong tiêu đề cột (mẫu này dùng {EXPORT_UNIT.label}). Có thể đổi đơn vị "
        "bằng cách sửa tiêu đề, ví dụ «(đồng)», «(nghìn đồng)», «(tỷ đồng)», hoặc ghi ô «ĐVT: …» phía trên dòng tiêu đề.",
        "4. Số viết kiểu Việt Nam: dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần thập phân (2.350,5).",
        "5. Trang «Đề án»: Mã đề án không trùng nhau; mã đã có trong tệp thì đề án đó được cập nhật. "
        "Nhiều cơ sở thụ hưởng ghi cách nhau bằng dấu «;», mã số thuế ghi theo cùng thứ tự.",
        "6. Nguồn kinh phí: KCQG (khuyến công quốc gia) hoặc KCĐP (khuyến công địa phương). Trạng thái bỏ trống "
        "là «Đã phê duyệt».",
        "7. Cơ sở thụ hưởng được nhận ra theo mã số thuế trước, sau đó theo tên và xã; tên chưa có sẽ được tạo mới.",
        "8. Trang «Kế hoạch vốn»: Năm hoặc Nguồn có thể để trống (kế hoạch theo năm, hoặc theo nguồn).",
        "9. Khi nhập, nếu có bất kỳ dòng nào sai thì không có gì được ghi; danh sách lỗi nêu trang, dòng và cột cần sửa.",
        "",
        "MÃ NỘI DUNG HOẠT ĐỘNG",
    ]
    return lines + [f"{code}: {name}" for code, name in activities]


def write_template(workbook, activities: list[tuple[str, str]]) -> None:
    """Fill the write-only ``workbook`` with the empty sheets and the instructions sheet."""
    lists = _lists([code for code, _ in activities])
    for layout in EXPORT_ORDER:
        _validate(PrintableSheet(workbook, layout), layout, lists)
    guide = workbook.create_sheet(INSTRUCTIONS_SHEET)
    guide.column_dimensions["A"].width = 120
    for number, line in enumerate(_instructions(activities)):
        cell = WriteOnlyCell(guide, value=line)
        cell.font = Font(name="Times New Roman", size=12, bold=number == 0 or line.isupper())
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        guide.append([cell])
