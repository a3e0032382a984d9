"""The streaming reader gives, for real .xlsx files, exactly the values openpyxl's read-only pass gives."""
from __future__ import annotations

import zipfile
from datetime import date, datetime, time, timedelta

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from khuyencong_desktop.excel.reader import StreamedWorkbook
from khuyencong_desktop.excel.workbook import WorkbookError, load_for_reading
from khuyencong_desktop.operations.excel_import import import_workbook


def openpyxl_rows(path) -> dict[str, list[tuple]]:
    """Each sheet's rows as openpyxl's read-only mode reads them, trailing empty cells dropped."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        return {sheet.title: [_trimmed(row) for row in sheet.iter_rows(values_only=True)]
                for sheet in workbook.worksheets}
    finally:
        workbook.close()


def streamed_rows(path) -> dict[str, list[tuple]]:
    with StreamedWorkbook(path) as workbook:
        return {sheet.title: [_trimmed(row) for row in sheet.rows()] for sheet in workbook.worksheets}


def _trimmed(row: tuple) -> tuple:
    row = list(row)
    while row and row[-1] is None:
        row.pop()
    return tuple(row)


def test_values_of_every_kind_equal_openpyxls(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đề án"
    sheet.append(["Mã đề án", "Tên đề án", "Kinh phí (triệu đồng)", None, "Ngày"])
    sheet.append([])
    sheet.append(["P-01", "Hỗ trợ máy móc thiết bị", 46236.68, 12, datetime(2021, 3, 5, 8, 30)])
    sheet.append(["0101234567", "  khoảng trắng  ", -0.1, 10**15, date(2024, 12, 31)])
    sheet.append([True, False, 1e-7, 2.5e20, time(13, 45)])
    sheet.append([None, "=1+1", 3.0, 0, timedelta(hours=30)])
    sheet["F3"] = "cột xa"
    sheet["B8"] = CellRichText(["Cơ sở ", TextBlock(InlineFont(b=True), "Hòa Bình")])
    sheet["C9"] = 45000
    sheet["C9"].number_format = "dd/mm/yyyy"
    second = workbook.create_sheet("Cơ sở")
    second["C5"] = "chỉ một ô"
    workbook.create_sheet("Trống")
    path = tmp_path / "moi-kieu.xlsx"
    workbook.save(path)

    ours = streamed_rows(path)
    assert ours == openpyxl_rows(path)
    assert list(ours) == ["Đề án", "Cơ sở", "Trống"]
    assert ours["Đề án"][2] == ("P-01", "Hỗ trợ máy móc thiết bị", 46236.68, 12, datetime(2021, 3, 5, 8, 30), "cột xa")
    assert ours["Đề án"][7] == (None, "Cơ sở Hòa Bình")
    assert ours["Đề án"][8] == (None, None, datetime(2023, 3, 15))
    assert ours["Cơ sở"] == [(), (), (), (), (None, None, "chỉ một ô")]


SHEET = """<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D4"/><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="inlineStr"><is><t>Trực tiếp</t></is></c></row>
<row r="3"><c t="str"><f>A1&amp;"x"</f><v>Mã x</v></c><c t="e"><f>1/0</f><v>#DIV/0!</v></c><c s="1"><v>1</v></c>
<c t="n"><f>SUM(1,2)</f><v>3</v></c></row>
<row r="4"><c r="B4"><f>A1</f></c><c r="C4" t="b"><v>1</v></c></row>
</sheetData></worksheet>"""
STRINGS = """<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">
<si><t>Mã</t><rPh sb="0" eb="1"><t>ma</t></rPh></si><si><r><t>Tên </t></r><r><rPr><b/></rPr><t xml:space="preserve">đề án </t></r></si></sst>"""
STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""
BOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/>
<sheets><sheet name="Đề án" sheetId="1" r:id="rId1"/></sheets></workbook>"""
BOOK_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""


def hand_written(path, sheet: str = SHEET):
    """A workbook as Excel itself writes one: shared strings with phonetic guides, cached formula values, 1904 dates."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in (("[Content_Types].xml", TYPES), ("_rels/.rels", ROOT_RELS), ("xl/workbook.xml", BOOK),
                           ("xl/_rels/workbook.xml.rels", BOOK_RELS), ("xl/sharedStrings.xml", STRINGS),
                           ("xl/styles.xml", STYLES), ("xl/worksheets/sheet1.xml", sheet)):
            archive.writestr(name, text)
    return path


def test_excel_written_parts_equal_openpyxls(tmp_path):
    path = hand_written(tmp_path / "excel.xlsx")
    ours = streamed_rows(path)
    assert ours == openpyxl_rows(path)
    assert ours["Đề án"] == [("Mã", "Tên đề án ", None, "Trực tiếp"), (),
                             ("Mã x", "#DIV/0!", datetime(1904, 1, 2), 3), (None, None, True)]


def test_a_damaged_sheet_is_one_clear_sentence(empty_db, tmp_path):
    path = hand_written(tmp_path / "hong.xlsx", SHEET[:SHEET.index("<row r=\"4\">") + 20])
    with load_for_reading(path) as workbook:
        with pytest.raises(WorkbookError) as caught:
            list(workbook.worksheets[0].rows())
    assert caught.value.message == "Tệp «hong.xlsx» bị hỏng, Excel không đọc được (ParseError)."
    with pytest.raises(WorkbookError) as caught:
        import_workbook(empty_db, path)
    assert caught.value.message == "Tệp «hong.xlsx» bị hỏng, Excel không đọc được (ParseError)."
