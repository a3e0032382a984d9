"""The four printed documents made from the demo file, checked as an office would read them."""
from __future__ import annotations

import shutil
import unicodedata
from datetime import date

import pdfplumber
import pytest

from khuyencong_desktop.domain.money import MoneyUnit, format_amount
from khuyencong_desktop.domain.words import amount_in_words
from khuyencong_desktop.operations.reports import (
    write_completion_pdf, write_period_summary_pdf, write_proposal_pdf, write_year_plan_pdf, year_plan_rows,
)
from khuyencong_desktop.operations.summary import period_summary
from khuyencong_desktop.reports.letterhead_from_office import DocumentOptions
from khuyencong_desktop.storage.database import Database

from pdf_checks import (
    BAD_GLYPHS, BASE14_FONTS, MM, chars_across_rules, page_chars, page_margins, pdf_fonts, pdf_pages_text, pdf_text,
    squeeze,
)

OPTIONS = DocumentOptions(number=5, day=date(2021, 1, 5))
HEADER = ["SỞ CÔNG THƯƠNG TỈNH LẠNG SƠN", "TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI",
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Lạng Sơn, ngày 05 tháng 01 năm 2021"]
SIGNATURE = ["Nơi nhận:", "- Sở Công Thương (b/c);", "- Lưu: VT, KC.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hoàng Văn Minh"]


@pytest.fixture(scope="module")
def documents(demo_template, tmp_path_factory):
    folder = tmp_path_factory.mktemp("documents")
    shutil.copy(demo_template, folder / "demo.kcdb")
    db = Database.open(folder / "demo.kcdb")
    try:
        made = {
            "proposal": write_proposal_pdf(db, "LS-QG-2020-01", folder / "proposal.pdf", OPTIONS),
            "completion": write_completion_pdf(db, "LS-QG-2018-01", folder / "completion.pdf", OPTIONS),
            "summary": write_period_summary_pdf(db, 2017, 2021, folder / "summary.pdf", OPTIONS),
            "plan": write_year_plan_pdf(db, 2021, folder / "plan.pdf", OPTIONS),
        }
        made["summary_figures"] = period_summary(db, 2017, 2021)
        made["plan_rows"] = year_plan_rows(db, 2021)
    finally:
        db.close()
    return made


KINDS = ("proposal", "completion", "summary", "plan")
NUMBERS = {"proposal": "Số: 05/ĐA-TTKC&XTTM", "completion": "Số: 05/BC-TTKC&XTTM",
           "summary": "Số: 05/BC-TTKC&XTTM", "plan": "Số: 05/DM-TTKC&XTTM"}
TITLES = {"proposal": "ĐỀ ÁN", "completion": "BÁO CÁO", "summary": "BÁO CÁO",
          "plan": "DANH MỤC ĐỀ ÁN KHUYẾN CÔNG NĂM 2021"}


@pytest.mark.parametrize("kind", KINDS)
def test_header_title_and_signature(documents, kind):
    text = pdf_text(documents[kind])
    assert text == unicodedata.normalize("NFC", text)
    for bad in BAD_GLYPHS:
        assert bad not in text
    first_page = squeeze(pdf_pages_text(documents[kind])[0])
    for line in [*HEADER, NUMBERS[kind], TITLES[kind]]:
        assert line in first_page, line
    last_page = squeeze(pdf_pages_text(documents[kind])[-1])
    for line in SIGNATURE:
        assert line in last_page, line


@pytest.mark.parametrize("kind", KINDS)
def test_fonts_embedded_and_margins(documents, kind):
    rows = pdf_fonts(documents[kind])
    assert rows and all(row.embedded and row.base_name not in BASE14_FONTS for row in rows)
    with pdfplumber.open(documents[kind]) as pdf:
        assert not any(page.images for page in pdf.pages)  # charts are vector drawings
    margins = page_margins(documents[kind], skip_top_mm=15)
    for number, m in enumerate(margins, start=1):
        assert 19.99 <= m.top <= 25.01, (number, m)
        # A page of short lines ends further from the right edge; no text enters any margin.
        assert m.left >= 29.99 and m.right >= 14.99, (number, m)
        # Rows never split, so a full page may end up to one row short.
        assert m.bottom >= 19.99, (number, m)
    assert 29.99 <= min(m.left for m in margins) <= 35.01
    assert 14.99 <= min(m.right for m in margins) <= 20.01
    assert 19.99 <= min(m.bottom for m in margins[:-1]) <= 45


@pytest.mark.parametrize("kind", KINDS)
def test_page_numbers_from_page_two(documents, kind):
    pages = page_chars(documents[kind])
    assert len(pages) >= 2
    for number, chars in enumerate(pages, start=1):
        in_top_margin = "".join(c["text"] for c in chars if c["bottom"] < 20 * MM)
        assert in_top_margin == ("" if number == 1 else str(number))


def test_proposal_holds_the_project(documents):
    flat = squeeze(pdf_text(documents["proposal"]))
    for expected in [
        "Trình diễn kỹ thuật, giới thiệu mô hình sản xuất bản lề cửa",
        "2. Mã đề án: LS-QG-2020-01", "Xây dựng mô hình trình diễn kỹ thuật; cấp kinh phí: KCQG",
        "- Công ty Cổ phần Đầu tư xây dựng và phát triển Việt Bắc (Doanh nghiệp); MST: (chưa nhập); "
        "địa chỉ: TP. Lạng Sơn, Lạng Sơn",
        "7. Thời gian thực hiện: năm 2020", "II. SỰ CẦN THIẾT CỦA ĐỀ ÁN (chưa nhập) III. MỤC TIÊU",
        "1 Ngân sách trung ương 500 17,2%", "4 Vốn đối ứng 2.400 82,8%", "Tổng cộng 2.900",
        f"Bằng chữ: {amount_in_words(2_900_000_000)}", "- Số lao động có việc làm: 25 người.",
    ]:
        assert expected in flat, expected
    assert amount_in_words(2_900_000_000) == "Hai tỷ chín trăm triệu đồng"


def test_completion_compares_plan_and_settlement(documents):
    flat = squeeze(pdf_text(documents["completion"]))
    for expected in [
        "Kết quả thực hiện đề án xây dựng mô hình trình diễn kỹ thuật chế biến tinh dầu hồi",
        "Kế hoạch được phê duyệt", "Thực hiện (quyết toán)", "Chênh lệch",
        "1 Ngân sách trung ương 500 500 0", "4 Vốn đối ứng 2.150 2.150 0", "Tổng cộng 2.650 2.650 0",
        f"Bằng chữ: {amount_in_words(2_650_000_000)}", "III. KẾT QUẢ ĐẠT ĐƯỢC",
        "- Số lao động có việc làm: 25 người.", "IV. NGHIỆM THU", "V. NHẬN XÉT, KIẾN NGHỊ",
        "NGƯỜI LẬP BIỂU", "KẾ TOÁN", "Nguyễn Thị Thu", "Lê Thị Hạnh",
    ]:
        assert expected in flat, expected


def test_summary_reports_the_lang_son_figures(documents):
    flat = squeeze(pdf_text(documents["summary"]))
    figures = documents["summary_figures"]
    for expected in [
        "Tổng kết hoạt động khuyến công giai đoạn 2017 - 2021",
        "đã triển khai thực hiện 58 đề án khuyến công",
        "1 Khuyến công quốc gia (KCQG) 6 2.350", "2 Khuyến công địa phương (KCĐP) 52 6.624", "Tổng cộng 58 8.974",
        "3 Xây dựng mô hình trình diễn kỹ thuật 3 0 3 1.500,0 70",
        "4 Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ 3 42 45 6.256,8 449",
        "Tổng cộng 6 52 58 8.974,0 519",
        "4 Vốn đối ứng 46.236,68", "Tổng cộng 55.210,68",
        "trong đó kinh phí ngân sách nhà nước hỗ trợ 8.974 triệu đồng (ngân sách trung ương 2.350 triệu đồng; "
        "ngân sách địa phương 6.624 triệu đồng), vốn đối ứng của các cơ sở 46.236,68 triệu đồng",
        "trung bình cứ 01 đồng vốn ngân sách nhà nước thu hút được khoảng 5,15 đồng vốn đầu tư của các cơ sở "
        "công nghiệp nông thôn",
        "Các đề án đã tạo việc làm cho 519 lao động; hỗ trợ 72 lượt cơ sở công nghiệp nông thôn tham gia 7 hội chợ",
        f"Bằng chữ: {amount_in_words(figures.state_support)}",
        f"Bằng chữ: {amount_in_words(figures.total_mobilised)}",
        "Hình 1. Kinh phí thực hiện các đề án theo năm và nguồn vốn",
        "Chương trình khuyến công tỉnh Lai Châu giai đoạn 2021 - 2025 (LC-2021-2025)",
        "4 Cơ sở CN - TTCN ứng dụng máy móc tiên tiến vào sản xuất cơ sở 30",
        "III. CÁC ĐỀ ÁN KHÔNG TỔNG HỢP", "LS-DP-2019-MM98 Hỗ trợ máy sấy hoa hồi 2019 Bị từ chối",
        "LS-DP-2021-MM99 Đề xuất hỗ trợ máy ép viên nén mùn cưa 2021 Đề xuất",
    ]:
        assert expected in flat, expected
    for year, amounts in figures.by_year_and_source.items():
        assert f"{year} " + format_amount(amounts["NSTW"], MoneyUnit.TRIEU, 2) in flat
    with pdfplumber.open(documents["summary"]) as pdf:
        chart_page = next(p for p in pdf.pages if "Hình 1." in (p.extract_text() or ""))
        bars = [r for r in chart_page.rects if r["non_stroking_color"] not in (None, (1,), (1, 1, 1))]
    assert len(bars) >= 10  # five years of stacked bars, drawn as vector rectangles


def test_year_plan_is_a_landscape_table_with_whole_rows(documents):
    rows = documents["plan_rows"]
    assert rows and all(row.code.startswith(("LS-", "LC-")) for row in rows)
    with pdfplumber.open(documents["plan"]) as pdf:
        assert all(round(p.width / MM) == 297 and round(p.height / MM) == 210 for p in pdf.pages)
    pages = [squeeze(text) for text in pdf_pages_text(documents["plan"])]
    table_pages = [text for text in pages if "LS-" in text]
    assert len(table_pages) >= 2
    for text in table_pages:
        for header in ("ĐVT: triệu đồng", "STT", "Mã đề án", "Tên đề án", "Đơn vị thụ hưởng", "Tổng kinh phí"):
            assert header in text
    for row in rows:  # a row's code and its total stand on the same page, once
        holding = [text for text in pages if f" {row.code} " in f" {text} "]
        assert len(holding) == 1, row.code
        assert format_amount(row.total, MoneyUnit.TRIEU, 2) in holding[0]
    total = sum(row.total for row in rows)
    flat = " ".join(pages)
    assert f"Tổng cộng {format_amount(sum(r.support for r in rows), MoneyUnit.TRIEU, 2)}" in flat
    assert f"{format_amount(total, MoneyUnit.TRIEU, 2)}" in flat
    assert f"Bằng chữ: {amount_in_words(total)}" in flat
    assert "LS-DP-2021-MM99" not in flat  # a mere proposal is not on the list


def test_office_settings_can_be_overridden_per_document(demo_db, tmp_path):
    options = DocumentOptions(number=12, day=date(2024, 3, 15), signer_capacity="", signer_position="Giám đốc",
                              signer_name="Nông Thị Hà", recipients=["UBND tỉnh (b/c)", "Lưu: VT"])
    path = write_year_plan_pdf(demo_db, 2019, tmp_path / "plan.pdf", options)
    flat = squeeze(pdf_text(path))
    for expected in ("Số: 12/DM-TTKC&XTTM", "Lạng Sơn, ngày 15 tháng 3 năm 2024", "GIÁM ĐỐC Nông Thị Hà",
                     "- UBND tỉnh (b/c);", "- Lưu: VT."):
        assert expected in flat, expected
    assert "KT. GIÁM ĐỐC" not in flat and "Hoàng Văn Minh" not in flat


def test_empty_year_and_blank_number(demo_db, tmp_path):
    path = write_year_plan_pdf(demo_db, 1999, tmp_path / "empty.pdf", DocumentOptions(day=date(2021, 1, 5)))
    flat = squeeze(pdf_text(path))
    assert "Chưa có đề án khuyến công nào của năm 1999 được phê duyệt." in flat
    assert "Số: /DM-TTKC&XTTM" in flat  # left blank for the number written by hand


LAST_BODY = {"proposal": "Số lao động có việc làm", "completion": "NHẬN XÉT, KIẾN NGHỊ",
             "summary": "LS-DP-2021-MM99", "plan": "Bằng chữ:"}
"""What the body of each demo document ends with, to be found above the signature on the last page."""


@pytest.mark.parametrize("kind", KINDS)
def test_signature_never_stands_alone_on_the_last_page(documents, kind):
    last = squeeze(pdf_pages_text(documents[kind])[-1])
    assert LAST_BODY[kind] in last and last.index(LAST_BODY[kind]) < last.index("Hoàng Văn Minh")
    if kind == "plan":  # with the table's last row and its total
        last_row = documents["plan_rows"][-1]
        assert last.index(last_row.code) < last.index("Tổng cộng") < last.index("Bằng chữ:")


@pytest.mark.parametrize("kind", KINDS)
def test_no_text_runs_across_a_table_rule(documents, kind):
    assert chars_across_rules(documents[kind]) == []
