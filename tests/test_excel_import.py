"""Importing officers' workbooks: layouts, units, numbers, total rows, legacy text, matching, all-or-nothing."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from excel_files import counts, digest, write_workbook
from khuyencong_desktop.domain.codes import FundingLevel, Source, Status
from khuyencong_desktop.operations.excel_import import import_workbook
from khuyencong_desktop.storage.models import Beneficiary, ChangeLog, PlanLine, Programme, Project, Target

OFFICER_HEADER = ["STT", "Mã số", "Tên đề án/nhiệm vụ", "Năm thực hiện", "Cấp", "Lĩnh vực", "Đơn vị thụ hưởng",
                  "MST", "Huyện", "Kinh phí hỗ trợ", "Vốn của cơ sở", "Việc làm"]


def officer_sheet(rows: list[list]) -> list[list]:
    """The layout of a provincial sheet: a title, a blank row, "ĐVT: triệu đồng", the header on row 4."""
    return [["DANH SÁCH ĐỀ ÁN KHUYẾN CÔNG NĂM 2022"], [], [None, None, None, None, None, None, "ĐVT: triệu đồng"],
            OFFICER_HEADER, *rows]


def project(session, code) -> Project:
    return session.scalars(select(Project).where(Project.code == code)).one()


def test_officer_layout_with_unit_note_floats_text_numbers_total_row_tcvn3_and_two_beneficiaries(empty_db, tmp_path):
    path = write_workbook(tmp_path / "lao-cai.xlsx", {"ĐỀ ÁN": officer_sheet([
        [1, "LCI-2022-01", "Hỗ trợ máy sấy chè", 2022, "Quốc gia", "MM", "HTX chè Bảo Thắng; Hộ kinh doanh Lò Văn Sơn",
         "0101234567; ", "Bảo Thắng", 46236.68, "2.350,5", 12],
        [2, "LCI-2022-02", "Hç trî m¸y sÊy chÌ", 2022, "KCĐP", "Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ",
         "Hé kinh doanh Lß V¨n S¬n", None, "B¶o Th¾ng", "150", 0, "3"],
        ["Tổng cộng", None, None, None, None, None, None, None, None, 46386.68, "2.350,5", 15],
    ])})
    report = import_workbook(empty_db, path)

    assert report.problems == [] and report.warnings == [] and report.written
    sheet = report.sheets[0]
    assert (sheet.sheet, sheet.header_row, sheet.rows) == ("ĐỀ ÁN", 4, 2)
    assert (sheet.counts.created, sheet.counts.updated, sheet.counts.unchanged) == (2, 0, 0)
    assert sheet.ignored_columns == ["STT"]
    assert sheet.total_rows == [7]
    assert sheet.converted_rows == {6: "TCVN3"}
    with empty_db.session() as session:
        first = project(session, "LCI-2022-01")
        assert (first.level, first.activity_code, first.status) == (FundingLevel.KCQG, "MM", Status.DA_PHE_DUYET)
        assert first.approved_nstw == 46_236_680_000 and first.approved_nsdp == 0
        assert first.approved_counterpart == 2_350_500_000 and first.jobs == 12 and first.place == "Bảo Thắng"
        linked = sorted((link.beneficiary.name, link.beneficiary.tax_code) for link in first.links)
        assert linked == [("HTX chè Bảo Thắng", "0101234567"), ("Hộ kinh doanh Lò Văn Sơn", None)]
        second = project(session, "LCI-2022-02")
        assert second.name == "Hỗ trợ máy sấy chè" and second.place == "Bảo Thắng"
        assert second.approved_nsdp == 150_000_000 and second.level == FundingLevel.KCDP and second.jobs == 3
        # The same household named in both rows (once in TCVN3) is one beneficiary.
        assert [link.beneficiary for link in second.links] == [
            next(link.beneficiary for link in first.links if link.beneficiary.tax_code is None)]
        assert session.scalar(select(Beneficiary).where(Beneficiary.name == "HTX chè Bảo Thắng")).search_text


def test_units_in_headers_and_a_total_row_that_disagrees(empty_db, tmp_path):
    header = ["Mã đề án", "Tên đề án", "Năm", "Nguồn kinh phí", "Nội dung", "Kinh phí KC (trđ)",
              "Kinh phí đối ứng (VNĐ)", "Kinh phí khác (nghìn đồng)", "Tổng kinh phí (tr.đ)", "Ghi chú"]
    path = write_workbook(tmp_path / "units.xlsx", {"De an": [header,
        ["A-1", "Đào tạo nghề mây tre đan", 2023, "NSĐP", "DT", "200,5", 1_000_000, "1.500", 203, "lớp 30 học viên"],
        ["A-2", "Hội chợ", "2023", "KCĐP", "HC", 95, "0", None, 95, None],
        ["Cộng", None, None, None, None, 300, 1_000_000, 1500, 297]]})
    report = import_workbook(empty_db, path)

    assert report.problems == []
    assert report.warnings == ["De an!R4 Kinh phí KC: dòng tổng ghi 300 nhưng cộng các dòng phía trên được 295,5 "
                               "(triệu đồng)",
                               "De an!R4 Tổng kinh phí: dòng tổng ghi 297 nhưng cộng các dòng phía trên được 298 "
                               "(triệu đồng)"]
    with empty_db.session() as session:
        a1 = project(session, "A-1")
        assert (a1.approved_nsdp, a1.approved_counterpart, a1.approved_other) == (200_500_000, 1_000_000, 1_500_000)
        assert a1.notes == "lớp 30 học viên"


def test_every_problem_is_listed_and_nothing_is_written(demo_db, tmp_path):
    before = counts(demo_db)
    path = write_workbook(tmp_path / "bad.xlsx", {"Đề án": [
        ["Mã đề án", "Tên đề án", "Năm", "Nguồn kinh phí", "Nội dung", "Kinh phí khuyến công (triệu đồng)", "Vốn đối ứng",
         "Mã số thuế", "Cơ sở thụ hưởng"],
        ["N-1", "Đề án mới đúng", 2024, "KCQG", "MM", 100, None, None, None],
        ["N-2", "Sai số", 2024, "KCQG", "MM", "2.35O", None, None, None],
        ["N-3", "Sai nội dung", 20245, "KCX", "Nuôi cá", 10, None, "12345", "Cơ sở A"],
        ["N-1", None, 2024, "KCQG", "MM", 5, None, None, None],
    ], "Kế hoạch vốn": [["Mã chương trình", "Năm", "Nguồn", "Kinh phí (tỷ đồng)"], ["KHONG-CO", 2024, "NSTW", 1]]})
    report = import_workbook(demo_db, path)

    assert report.problems == [
        "Đề án!R1 Vốn đối ứng: không có đơn vị tính; hãy ghi đơn vị trong tiêu đề, ví dụ «(triệu đồng)», "
        "hoặc một ô «ĐVT: triệu đồng» phía trên dòng tiêu đề",
        "Đề án!R3 Kinh phí khuyến công: không đọc được số «2.35O»",
        "Đề án!R4 Năm: năm «20245» không hợp lệ",
        "Đề án!R4 Nguồn kinh phí: «KCX» không phải nguồn kinh phí đã biết (KCQG hoặc KCĐP)",
        "Đề án!R4 Nội dung: không có nội dung hoạt động «Nuôi cá» trong danh mục",
        "Đề án!R4 Mã số thuế: Mã số thuế «12345» có 5 chữ số; cần 10 chữ số, 10 chữ số kèm “-” và 3 chữ số "
        "(đơn vị phụ thuộc), hoặc 12 chữ số (số định danh cá nhân).",
        "Đề án!R5 Tên đề án: ô này không được để trống",
        "Kế hoạch vốn!R2 Mã chương trình: không có chương trình mã «KHONG-CO» trong tệp hay trong trang Chương trình",
    ]
    assert not report.written
    assert counts(demo_db) == before


def test_a_failed_import_leaves_the_file_byte_for_byte(demo_path, tmp_path):
    from khuyencong_desktop.storage.database import Database

    path = write_workbook(tmp_path / "bad.xlsx", {"Đề án": [
        ["Mã đề án", "Tên đề án", "Năm", "Nguồn kinh phí", "Nội dung", "Kinh phí khuyến công (đồng)"],
        ["LS-DP-2021-DT01", "Đổi tên hợp lệ", 2021, "KCĐP", "DT", 180_000_000],
        ["LS-QG-2018-01", "Đề án đã quyết toán", 2018, "KCQG", "MH", 500_000_000],
        ["N-9", "Sai", 2018, "KCQG", "MH", "năm trăm"]]})
    before = digest(demo_path)
    db = Database.open(demo_path)
    try:
        report = import_workbook(db, path)
    finally:
        db.close()
    assert report.problems == [
        "Đề án!R4 Kinh phí khuyến công: không đọc được số «năm trăm»",
        "Đề án!R3 Mã đề án: đề án «LS-QG-2018-01» đã quyết toán nên bị khóa; hãy mở khóa trong ứng dụng trước khi sửa"]
    assert digest(demo_path) == before


def test_reimport_changes_nothing_and_a_changed_cell_is_history(empty_db, tmp_path):
    rows = [["Mã đề án", "Tên đề án", "Năm", "Nguồn kinh phí", "Nội dung", "Kinh phí khuyến công (triệu đồng)",
             "Cơ sở thụ hưởng", "Mã số thuế"],
            ["B-1", "Máy dệt thổ cẩm", 2024, "KCĐP", "MM", 120, "HTX dệt Tân Uyên", "6200123456"],
            ["B-2", "Máy xay xát", 2024, "KCĐP", "MM", 80, None, None]]
    path = write_workbook(tmp_path / "b.xlsx", {"Đề án": rows})
    import_workbook(empty_db, path)
    _, history = counts(empty_db)

    again = import_workbook(empty_db, path)
    assert (again.sheets[0].counts.created, again.sheets[0].counts.updated, again.sheets[0].counts.unchanged) == (0, 0, 2)
    assert counts(empty_db)[1] == history

    rows[1][5] = "125,5"
    changed = import_workbook(empty_db, write_workbook(tmp_path / "b2.xlsx", {"Đề án": rows}))
    assert (changed.sheets[0].counts.updated, changed.sheets[0].counts.unchanged) == (1, 1)
    with empty_db.session() as session:
        b1 = project(session, "B-1")
        assert b1.approved_nsdp == 125_500_000
        entry = session.scalars(select(ChangeLog).where(ChangeLog.record_id == b1.id, ChangeLog.op == "update")).one()
        assert (entry.field, json.loads(entry.old_value), json.loads(entry.new_value)) == (
            "approved_nsdp", 120_000_000, 125_500_000)


def test_beneficiaries_are_matched_by_tax_code_before_name(empty_db, tmp_path):
    with empty_db.session() as session:
        session.add(Beneficiary(name="Công ty TNHH Hoàng Long", tax_code="4900123456", commune="Hoàng Văn Thụ"))
        session.add(Beneficiary(name="Hộ kinh doanh Vi Văn Tám", commune="Chi Lăng"))
    path = write_workbook(tmp_path / "m.xlsx", {"Đề án": [
        ["Mã đề án", "Tên đề án", "Năm", "Nguồn kinh phí", "Nội dung", "Kinh phí khuyến công (triệu đồng)",
         "Cơ sở thụ hưởng", "Mã số thuế"],
        ["M-1", "Máy cắt", 2024, "KCĐP", "MM", 100, "Cty Hoàng Long; HỘ KINH DOANH VI VĂN TÁM", "4900123456;"],
        ["M-2", "Máy sấy", 2024, "KCĐP", "MM", 100, "Hộ kinh doanh Mới", "4900999999"]]})
    report = import_workbook(empty_db, path)
    assert report.problems == []
    with empty_db.session() as session:
        assert session.scalar(select(func_count(Beneficiary))) == 3
        names = sorted(link.beneficiary.name for link in project(session, "M-1").links)
        assert names == ["Công ty TNHH Hoàng Long", "Hộ kinh doanh Vi Văn Tám"]
        assert [link.beneficiary.tax_code for link in project(session, "M-2").links] == ["4900999999"]


def func_count(model):
    from sqlalchemy import func

    return select(func.count()).select_from(model).scalar_subquery()


def test_beneficiary_and_programme_sheets(empty_db, tmp_path):
    path = write_workbook(tmp_path / "p.xlsx", {
        "Co so": [["Tên cơ sở", "Loại hình", "Mã số thuế", "Xã", "Huyện", "Tỉnh", "Ngành nghề", "Số lao động"],
                  ["HTX Mây tre Phú Vinh", "HTX", 500123456, "Phú Nghĩa", "Chương Mỹ", "Hà Nội", "mây tre đan", 45]],
        "Chương trình": [["Mã chương trình", "Tên chương trình", "Tỉnh", "Từ năm", "Đến năm", "Số quyết định",
                          "Ngày quyết định", "Tổng kinh phí (tỷ đồng)"],
                         ["HN-2026-2030", "Chương trình khuyến công Hà Nội", "Hà Nội", 2026, 2030, "12/QĐ-UBND",
                          "05/01/2026", "75,3"]],
        "Kế hoạch vốn": [["ĐVT: tỷ đồng"], ["Mã chương trình", "Năm", "Nguồn", "Kinh phí"],
                         ["HN-2026-2030", 2026, None, 10.814], ["HN-2026-2030", None, "Đối ứng", "48,4"]],
        "Chỉ tiêu": [["Mã chương trình", "Nội dung", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch"],
                     ["HN-2026-2030", "MH", "Mô hình trình diễn kỹ thuật", "mô hình", 5]],
    })
    report = import_workbook(empty_db, path)
    assert report.problems == []
    assert [(s.layout, s.counts.created) for s in report.sheets] == [
        ("beneficiaries", 1), ("programmes", 1), ("plan", 2), ("targets", 1)]
    with empty_db.session() as session:
        htx = session.scalars(select(Beneficiary)).one()
        assert (htx.tax_code, htx.kind.value, htx.commune, htx.employees) == ("0500123456", "HTX", "Phú Nghĩa", 45)
        programme = session.scalars(select(Programme)).one()
        assert programme.total == 75_300_000_000 and str(programme.decision_date) == "2026-01-05"
        lines = sorted((line.year or 0, line.source.value if line.source else "", line.amount)
                       for line in session.scalars(select(PlanLine)))
        assert lines == [(0, Source.DOI_UNG.value, 48_400_000_000), (2026, "", 10_814_000_000)]
        assert session.scalars(select(Target)).one().planned == 5


def test_dry_run_counts_without_writing(empty_db, tmp_path):
    path = write_workbook(tmp_path / "d.xlsx", {"Đề án": [
        ["Mã đề án", "Tên đề án", "Năm", "Nguồn kinh phí", "Nội dung", "Kinh phí khuyến công (triệu đồng)"],
        ["D-1", "Đề án thử", 2025, "KCQG", "TT", 10]]})
    before = counts(empty_db)
    report = import_workbook(empty_db, path, dry_run=True)
    assert report.sheets[0].counts.created == 1 and not report.written
    assert counts(empty_db) == before


def _history(session, record_id) -> list[tuple]:
    entries = session.scalars(select(ChangeLog).where(ChangeLog.record_id == record_id).order_by(ChangeLog.seq))
    return [(entry.op, entry.field) for entry in entries]


def test_reimport_removes_restores_links_gives_a_tax_code_and_respects_a_settled_project(empty_db, tmp_path):
    header = ["Mã đề án", "Tên đề án", "Năm", "Nguồn kinh phí", "Nội dung", "Kinh phí khuyến công (triệu đồng)",
              "Cơ sở thụ hưởng", "Mã số thuế", "Trạng thái"]
    both = ["L-1", "Máy dệt", 2024, "KCĐP", "MM", 100, "HTX Tân Uyên; Hộ kinh doanh Lò Văn Sáng", None, "Đã phê duyệt"]
    settled = ["L-2", "Máy xay", 2023, "KCĐP", "MM", 80, None, None, "Đã quyết toán"]
    import_workbook(empty_db, write_workbook(tmp_path / "1.xlsx", {"Đề án": [header, both, settled]}))

    one = [*both[:6], "HTX Tân Uyên", "6200123456", both[8]]
    report = import_workbook(empty_db, write_workbook(tmp_path / "2.xlsx", {"Đề án": [header, one, settled]}))
    assert report.problems == [] and report.sheets[0].counts.updated == 1
    with empty_db.session() as session:
        l1 = project(session, "L-1")
        live = {link.beneficiary.name: link for link in l1.links if link.deleted_at is None}
        assert list(live) == ["HTX Tân Uyên"] and live["HTX Tân Uyên"].beneficiary.tax_code == "6200123456"
        gone = next(link for link in l1.links if link.deleted_at is not None)
        assert gone.beneficiary.name == "Hộ kinh doanh Lò Văn Sáng"
        assert _history(session, gone.id) == [("create", None), ("delete", None)]
        assert _history(session, live["HTX Tân Uyên"].beneficiary.id) == [("create", None), ("update", "tax_code")]

    report = import_workbook(empty_db, write_workbook(tmp_path / "3.xlsx", {"Đề án": [header, both, settled]}))
    assert (report.sheets[0].counts.updated, report.sheets[0].counts.unchanged) == (1, 1)
    with empty_db.session() as session:
        assert all(link.deleted_at is None for link in project(session, "L-1").links)
        assert _history(session, gone.id) == [("create", None), ("delete", None), ("restore", None)]

    _, history = counts(empty_db)
    changed_settled = [*settled[:5], 90, *settled[6:]]
    report = import_workbook(empty_db, write_workbook(tmp_path / "4.xlsx", {"Đề án": [header, both, changed_settled]}))
    assert report.problems == ["Đề án!R3 Mã đề án: đề án «L-2» đã quyết toán nên bị khóa; hãy mở khóa trong "
                               "ứng dụng trước khi sửa"]
    assert not report.written and counts(empty_db)[1] == history


@pytest.mark.parametrize(("first", "total"), [
    ("Tổng cộng", True), ("TỔNG CỘNG:", True), (" Cộng ", True), ("(Tổng)", True), ("Tong", True),
    ("P-2021-01", False), ("Tổng 2021", False), ("Cộng đồng", False), ("Tổng kết", False), ("TC-01", False),
])
def test_a_total_row_is_told_by_its_first_text_cell(first, total):
    from khuyencong_desktop.excel.sheets import is_total_row

    assert is_total_row((None, first, "Hỗ trợ máy sấy chè", 150)) is total


def test_the_garbage_collector_is_as_it_was_after_an_import(empty_db, tmp_path):
    import gc

    good = write_workbook(tmp_path / "good.xlsx", {"Đề án": officer_sheet([
        [1, "LCI-2022-01", "Hỗ trợ máy sấy chè", 2022, "KCQG", "MM", "HTX chè Bảo Thắng", None, "Bảo Thắng", 100, 0, 1]])})
    bad = write_workbook(tmp_path / "bad.xlsx", {"Đề án": officer_sheet([
        [1, "LCI-2022-02", "Hỗ trợ máy sấy chè", 2022, "KCQG", "MM", "HTX chè Bảo Thắng", "123", "Bảo Thắng", 100, 0, 1]])})
    assert gc.isenabled()
    assert import_workbook(empty_db, good).written and gc.isenabled()
    assert import_workbook(empty_db, bad).problems and gc.isenabled()
    gc.disable()
    try:
        assert not import_workbook(empty_db, bad).written and not gc.isenabled()
    finally:
        gc.enable()


def test_an_amount_in_dong_under_a_million_header_is_refused_with_the_unit_to_check(demo_db, tmp_path):
    """46.236.680.000 đồng typed in a "triệu đồng" column is a million times too big: refused, nothing written."""
    before = counts(demo_db)
    path = write_workbook(tmp_path / "don-vi.xlsx", {"Đề án": [
        ["Mã đề án", "Tên đề án", "Năm", "Nguồn kinh phí", "Nội dung", "Kinh phí khuyến công (triệu đồng)",
         "Vốn đối ứng (triệu đồng)"],
        ["N-1", "Đúng đơn vị", 2024, "KCĐP", "MM", 99_999_000, 150],
        ["N-2", "Nhầm đơn vị", 2024, "KCĐP", "MM", 150, 46_236_680_000],
        ["N-3", "Nhầm đơn vị, dạng chữ", 2024, "KCĐP", "MM", "100.000.000", 150]]})
    report = import_workbook(demo_db, path)
    assert report.problems == [
        "Đề án!R3 Vốn đối ứng: số tiền «46236680000» quá lớn (tối đa 99.999 tỷ đồng): "
        "hãy kiểm tra đơn vị tính của cột",
        "Đề án!R4 Kinh phí khuyến công: số tiền «100.000.000» quá lớn (tối đa 99.999 tỷ đồng): "
        "hãy kiểm tra đơn vị tính của cột"]
    assert not report.written and counts(demo_db) == before
