"""Export in the import layout: a printable sheet, a round trip that changes nothing, formulas never injected."""
from __future__ import annotations

import zipfile

from openpyxl import load_workbook
from sqlalchemy import select

from excel_files import counts
from khuyencong_desktop.domain.codes import FundingLevel
from khuyencong_desktop.operations.excel_export import export_template, export_workbook
from khuyencong_desktop.operations.excel_import import import_workbook
from khuyencong_desktop.operations.programme import programme_report
from khuyencong_desktop.operations.summary import period_summary
from khuyencong_desktop.storage.models import Beneficiary, Project, ProjectBeneficiary


def test_demo_round_trip_changes_nothing_and_a_fresh_file_gets_the_same_figures(demo_db, empty_db, tmp_path):
    path = tmp_path / "lang-son.xlsx"
    report = export_workbook(demo_db, path)
    assert report.rows == {"Đề án": 62, "Cơ sở": 48, "Chương trình": 1, "Kế hoạch vốn": 7, "Chỉ tiêu": 4}
    before = counts(demo_db)

    same = import_workbook(demo_db, path)
    assert same.problems == [] and same.warnings == []
    assert [(s.sheet, s.counts.created, s.counts.updated, s.counts.unchanged) for s in same.sheets] == [
        ("Cơ sở", 0, 0, 48), ("Chương trình", 0, 0, 1), ("Kế hoạch vốn", 0, 0, 7), ("Chỉ tiêu", 0, 0, 4),
        ("Đề án", 0, 0, 62)]
    assert counts(demo_db) == before

    fresh = import_workbook(empty_db, path)
    assert fresh.problems == [] and fresh.written
    for level in (None, FundingLevel.KCQG, FundingLevel.KCDP):
        assert period_summary(empty_db, 2015, 2025, level).as_json() == period_summary(demo_db, 2015, 2025, level).as_json()
    assert programme_report(empty_db, "LC-2021-2025").as_json() == programme_report(demo_db, "LC-2021-2025").as_json()


def test_the_exported_sheet_is_printable(demo_db, tmp_path):
    path = tmp_path / "in.xlsx"
    export_workbook(demo_db, path)
    sheet = load_workbook(path)["Đề án"]
    assert sheet["A1"].value == "DANH SÁCH ĐỀ ÁN KHUYẾN CÔNG" and sheet["A1"].font.b
    header = [cell.value for cell in sheet[3]]
    assert header[:6] == ["Mã đề án", "Tên đề án", "Năm", "Nguồn kinh phí", "Nội dung", "Trạng thái"]
    assert "Kinh phí khuyến công (triệu đồng)" in header
    assert sheet["A3"].font.b and sheet["A3"].fill.fgColor.rgb == "00DDEBF7"
    assert sheet.freeze_panes == "A4" and sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.column_dimensions["B"].width == 48
    support = header.index("Kinh phí khuyến công (triệu đồng)") + 1
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=4)}
    qg = rows["LS-QG-2018-01"]
    assert qg[support - 1].value == 500 and qg[support - 1].number_format == "#,##0.00"
    total = rows["Tổng cộng"]
    letter = total[support - 1].column_letter
    assert total[support - 1].value == f"=SUM({letter}4:{letter}65)" and total[support - 1].data_type == "f"
    counterpart = header.index("Vốn đối ứng (triệu đồng)")
    assert round(sum(row[counterpart].value for code, row in rows.items() if code.startswith("LS-")), 2) == 46736.68


def test_text_that_looks_like_a_formula_is_written_as_text(empty_db, tmp_path):
    with empty_db.session() as session:
        project = Project(code="F-1", name="=SUM(A1)", year=2024, level=FundingLevel.KCDP, activity_code="TT",
                          approved_nsdp=10_000_000, notes="+84 912 345 678")
        household = Beneficiary(name="-Hộ kinh doanh", commune="@Xã")
        session.add_all([project, household, ProjectBeneficiary(project=project, beneficiary=household)])
    path = tmp_path / "f.xlsx"
    export_workbook(empty_db, path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>SUM(A1)</f>" not in xml and xml.count("<f>") == 7  # only the total row's SUM formulas
    row = next(load_workbook(path)["Đề án"].iter_rows(min_row=4, max_row=4))
    by_header = {cell.value: value for cell, value in zip(next(load_workbook(path)["Đề án"].iter_rows(min_row=3)), row)}
    assert by_header["Tên đề án"].value == "=SUM(A1)" and by_header["Tên đề án"].data_type == "s"
    assert by_header["Cơ sở thụ hưởng"].value == "-Hộ kinh doanh"
    again = import_workbook(empty_db, path)
    assert again.problems == [] and [s.counts.unchanged for s in again.sheets] == [1, 0, 0, 0, 1]
    with empty_db.session() as session:
        assert session.scalars(select(Project.name)).one() == "=SUM(A1)"


def test_template_has_headers_drop_downs_and_instructions(demo_db, empty_db, tmp_path):
    path = tmp_path / "mau.xlsx"
    export_template(path, demo_db)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Đề án", "Cơ sở", "Chương trình", "Kế hoạch vốn", "Chỉ tiêu", "Hướng dẫn"]
    lists = {str(rule.sqref).replace("2003", "") + rule.formula1
             for rule in workbook["Đề án"].data_validations.dataValidation}
    assert lists == {'D4:D"KCQG,KCĐP"', 'E4:E"DT,QL,MH,MM,SXSH,MT,SP,HC,TH,LK,CCN,TV,TT,NL,KN,KHAC"',
                     'F4:F"Đề xuất,Đã thẩm định,Đã phê duyệt,Đang thực hiện,Đã nghiệm thu,Đã quyết toán,'
                     'Bị từ chối,Ngừng thực hiện"'}
    assert workbook["Kế hoạch vốn"].data_validations.dataValidation[0].formula1 == '"NSTW,NSĐP,NSNN,Đối ứng,Khác"'
    guide = [row[0] for row in workbook["Hướng dẫn"].iter_rows(values_only=True)]
    assert guide[0] == "HƯỚNG DẪN ĐIỀN SỔ TÍNH KHUYẾN CÔNG" and "MM: Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ" in guide
    report = import_workbook(empty_db, path)
    assert report.problems == [] and report.ignored_sheets == ["Hướng dẫn"] and all(s.rows == 0 for s in report.sheets)
