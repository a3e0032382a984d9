"""The document frame and blocks: fonts, margins, header, money table, signature (Decree 30)."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
import reportlab
from reportlab.lib.fonts import tt2ps
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph

from khuyencong_desktop.domain.money import MoneyUnit, format_amount, format_number
from khuyencong_desktop.domain.words import amount_in_words
from khuyencong_desktop.paths import resource_path
from khuyencong_desktop.reports.blocks import (
    Column, Letterhead, balanced_lines, document_number, header_block, money_table,
    signature_block, title_block,
)
from khuyencong_desktop.reports.fonts import (
    VIETNAMESE_LETTERS, FontCoverageError, FontFamily, find_times_new_roman, missing_glyphs,
    register_family, register_fonts,
)
from khuyencong_desktop.reports.page import LANDSCAPE, ReportDocument
from khuyencong_desktop.reports.styles import document_styles
from khuyencong_desktop.reports.tables import exact_decimals

from pdf_checks import (
    BAD_GLYPHS, BASE14_FONTS, MM, find_chars, page_chars, page_margins, pdf_fonts,
    pdf_pages_text, pdf_text, render_png, squeeze,
)

LIBERATION = {style: resource_path("fonts", f"LiberationSerif-{face}.ttf") for style, face in (
    ("regular", "Regular"), ("bold", "Bold"), ("italic", "Italic"), ("bold_italic", "BoldItalic"))}
VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"

LETTERHEAD = Letterhead(
    parent_body="Sở Công Thương tỉnh Lạng Sơn",
    issuing_body="Trung tâm Khuyến công và Xúc tiến thương mại",
    number_text=document_number(5, "BC"),
    place="Lạng Sơn",
    date=date(2021, 1, 5),
    signer_capacity="KT. Giám đốc",
    signer_position="Phó Giám đốc",
    signer_name="Hoàng Thị Thủy",
    recipients=["Sở Công Thương (b/c)", "UBND các huyện, thành phố", "Lưu: VT, KHTH"],
    preparer_name="Nguyễn Đức Mạnh",
    accountant_name="Lý Thị Ngọc Ánh",
)
TITLE = ("Báo cáo", "Kết quả thực hiện chương trình khuyến công tỉnh Lạng Sơn giai đoạn 2016-2020")
PARAGRAPHS = [
    "Thực hiện Quyết định số 1288/QĐ-TTg ngày 01 tháng 10 năm 2018 của Thủ tướng Chính phủ phê "
    "duyệt Chương trình khuyến công quốc gia, Trung tâm Khuyến công và Xúc tiến thương mại báo "
    "cáo kết quả thực hiện chương trình khuyến công giai đoạn 2016-2020 như sau:",
    "Giai đoạn 2016-2020, toàn tỉnh đã triển khai 120 đề án khuyến công với tổng kinh phí hỗ trợ "
    "từ nguồn ngân sách nhà nước; trung bình cứ 01 đồng vốn ngân sách nhà nước thu hút được "
    "khoảng 5,15 đồng vốn đầu tư của các cơ sở công nghiệp nông thôn.",
    "Các đề án tập trung hỗ trợ ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ, đào "
    "tạo nghề, nâng cao năng lực quản lý và xây dựng mô hình trình diễn kỹ thuật; góp phần tạo "
    "việc làm ổn định cho hàng nghìn lao động ở khu vực nông thôn, miền núi của tỉnh.",
    "Ưu tiên hỗ trợ sản phẩm chủ lực: hồi, quế, thạch đen, chè Shan tuyết, rượu men lá, miến "
    "dong Bình Gia; đẩy mạnh xúc tiến thương mại, hội chợ, triển lãm hàng công nghiệp nông thôn "
    "tiêu biểu để mở rộng thị trường tiêu thụ trong và ngoài nước.",
]
COLUMNS = [
    Column("STT", "text", 12, centred=True),
    Column("Tên đề án", "text"),
    Column("Số lao động", "int", 24),
    Column("Kinh phí khuyến công", "money", 34),
]
ROWS = [
    [str(i), f"Ứng dụng máy móc thiết bị cho cơ sở số {i}"
     + (", thôn Nà Sla, xã Đại Đồng, huyện Tràng Định" if i % 7 == 0 else ""),
     (i * 37) % 90 + 5, (i * 37_123_457) % 900_000_000 // 10_000 * 10_000 + 50_000_000]
    for i in range(1, 121)
]
TOTAL = sum(row[3] for row in ROWS)


def build_sample(path: Path) -> None:
    s = document_styles()
    story = [header_block(LETTERHEAD), *title_block(*TITLE)]
    story.append(Paragraph("I. KẾT QUẢ THỰC HIỆN", s.heading1))
    story += [Paragraph(text, s.body) for text in PARAGRAPHS]
    story += money_table(COLUMNS, ROWS, unit=MoneyUnit.TRIEU)
    story.append(signature_block(LETTERHEAD))
    ReportDocument(str(path), title=" ".join(TITLE), author=LETTERHEAD.issuing_body).build(story)


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "sample.pdf"
    build_sample(path)
    return path


# Fonts

def test_vietnamese_letters_are_the_134_precomposed_letters():
    assert len(VIETNAMESE_LETTERS) == len(set(VIETNAMESE_LETTERS)) == 134
    assert {"đ", "Đ", "ắ", "Ặ", "ự", "Ỹ"} <= set(VIETNAMESE_LETTERS)
    assert VIETNAMESE_LETTERS.isalpha() and not any(c.isascii() for c in VIETNAMESE_LETTERS)


@pytest.mark.parametrize("style", list(LIBERATION))
def test_bundled_fonts_cover_vietnamese(style):
    assert missing_glyphs(LIBERATION[style], VIETNAMESE_LETTERS) == set()
    assert (resource_path("fonts", "LICENSE-LiberationSerif.txt").read_text()
            .count("SIL OPEN FONT LICENSE Version 1.1") == 1)


def test_chosen_family_covers_vietnamese_in_every_face():
    family = register_fonts()
    assert register_fonts() == family
    for bold in (0, 1):
        for italic in (0, 1):
            assert missing_glyphs(tt2ps(family, bold, italic), VIETNAMESE_LETTERS) == set()


def test_coverage_check_catches_fonts_without_vietnamese():
    assert len(missing_glyphs(VERA, VIETNAMESE_LETTERS)) > 90
    assert "ạ" in missing_glyphs("Helvetica", "Hạnh phúc")
    vera = FontFamily("VeraCheck", VERA, VERA, VERA, VERA)
    with pytest.raises(FontCoverageError, match="Vietnamese"):
        register_family(vera)


@pytest.mark.parametrize("names", [
    ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"),
    ("Times_New_Roman.ttf", "Times_New_Roman_Bold.ttf", "Times_New_Roman_Italic.ttf",
     "Times_New_Roman_Bold_Italic.ttf"),
])
def test_times_new_roman_is_found_by_its_file_names(tmp_path, names):
    folder = tmp_path / "truetype" / "msttcorefonts"
    folder.mkdir(parents=True)
    assert find_times_new_roman([tmp_path]) is None
    for name, source in zip(names, LIBERATION.values()):
        shutil.copy(source, folder / name)
    found = find_times_new_roman([tmp_path])
    assert found is not None
    assert [p.name for p in found.files().values()] == list(names)


def test_installed_times_is_used_and_a_times_without_vietnamese_is_skipped(monkeypatch, caplog):
    from khuyencong_desktop.reports import fonts
    times_like = FontFamily("TimesLikeCheck", *LIBERATION.values())
    monkeypatch.setattr(fonts, "find_times_new_roman", lambda: times_like)
    assert fonts.register_fonts.__wrapped__() == "TimesLikeCheck"
    monkeypatch.setattr(fonts, "find_times_new_roman", lambda: FontFamily("OldTimes", *[VERA] * 4))
    assert fonts.register_fonts.__wrapped__() == "LiberationSerif"
    assert "Not using the installed Times New Roman" in caplog.text


# Blocks built from plain values

def test_balanced_lines():
    style = document_styles().issuing_body
    text = "TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI"
    lines = balanced_lines(text, style, 72 * MM)
    assert len(lines) == 2 and " ".join(lines) == text
    widths = [stringWidth(line, style.fontName, style.fontSize) for line in lines]
    assert max(widths) <= 72 * MM and max(widths) - min(widths) < 15 * MM
    assert balanced_lines("TRUNG TÂM KHUYẾN CÔNG VÀ\nXÚC TIẾN", style, 150 * MM) == [
        "TRUNG TÂM KHUYẾN CÔNG VÀ", "XÚC TIẾN"]
    assert balanced_lines("UBND TỈNH LẠNG SƠN", style, 72 * MM) == ["UBND TỈNH LẠNG SƠN"]


def test_document_number():
    assert document_number(5, "BC") == "05/BC-TTKC"
    assert document_number(12, "ĐA") == "12/ĐA-TTKC"
    assert document_number(3, "KH", "SCT") == "03/KH-SCT"
    assert squeeze(document_number(None, "BC")) == "/BC-TTKC"
    assert document_number(None, "BC").startswith("\u00a0" * 6)
    with pytest.raises(ValueError):
        document_number(0, "BC")


def test_amounts_get_the_fewest_exact_decimals():
    assert exact_decimals([2_350_000_000, 6_256_800_000], MoneyUnit.TRIEU) == 1
    assert exact_decimals([87_120_000, 5_000_000], MoneyUnit.TRIEU) == 2
    assert exact_decimals([87_123_457], MoneyUnit.TRIEU) == 6
    assert exact_decimals([75_300_000_000], MoneyUnit.TY) == 1
    assert exact_decimals([], MoneyUnit.TRIEU) == 0
    assert exact_decimals([1_234], MoneyUnit.DONG) == 0


def test_money_table_rejects_bad_rows():
    with pytest.raises(ValueError, match="cells"):
        money_table(COLUMNS, [["1", "x", 3]], unit=MoneyUnit.TRIEU)
    with pytest.raises(TypeError, match="money"):
        money_table(COLUMNS, [["1", "x", 3, "5.000"]], unit=MoneyUnit.TRIEU)
    two_sums = [*COLUMNS, Column("Vốn đối ứng", "money", 30)]
    with pytest.raises(ValueError, match="words"):
        money_table(two_sums, [["1", "x", 3, 5, 6]], unit=MoneyUnit.TRIEU)
    table = money_table(two_sums, [["1", "x", 3, 5, 6]], unit=MoneyUnit.TRIEU, words_column=4)[0]
    assert len(table.head) == 2 and len(table.body) == 1 and len(table.tail) == 1


# The sample document

def test_text_is_the_data(sample):
    text = pdf_text(sample)
    for bad in BAD_GLYPHS:
        assert bad not in text
    flat = squeeze(text)
    expected = [
        "SỞ CÔNG THƯƠNG TỈNH LẠNG SƠN", "TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI",
        "Số: 05/BC-TTKC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Lạng Sơn, ngày 05 tháng 01 năm 2021", "BÁO CÁO", TITLE[1], "I. KẾT QUẢ THỰC HIỆN",
        *PARAGRAPHS, "ĐVT: triệu đồng", "Nơi nhận:", "- Sở Công Thương (b/c);",
        "- UBND các huyện, thành phố;", "- Lưu: VT, KHTH.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
        "Hoàng Thị Thủy", "NGƯỜI LẬP BIỂU", "Nguyễn Đức Mạnh", "KẾ TOÁN", "Lý Thị Ngọc Ánh",
    ]
    for string in expected:
        assert string in flat, string


def test_fonts_are_embedded_and_in_the_family(sample):
    rows = pdf_fonts(sample)
    assert rows
    family = register_fonts()
    faces = {tt2ps(family, b, i) for b in (0, 1) for i in (0, 1)}
    for row in rows:
        assert row.embedded and row.unicode, row
        assert row.base_name not in BASE14_FONTS
    postscript_names = {row.base_name for row in rows}
    assert len(postscript_names) == len(faces) == 4


def test_metadata_and_compression(sample):
    with pdfplumber.open(sample) as pdf:
        info = pdf.metadata
    assert info["Title"] == " ".join(TITLE)
    assert info["Author"] == LETTERHEAD.issuing_body
    assert info["Creator"].startswith("KhuyenCong Desktop")
    raw = sample.read_bytes()
    assert b"FlateDecode" in raw and b" Tf" not in raw


def test_page_numbers_from_page_two(sample):
    pages = page_chars(sample)
    assert len(pages) >= 3
    for number, chars in enumerate(pages, start=1):
        in_top_margin = [c for c in chars if c["bottom"] < 20 * MM]
        if number == 1:
            assert in_top_margin == []
            continue
        assert "".join(c["text"] for c in in_top_margin) == str(number)
        assert {round(c["size"]) for c in in_top_margin} == {13}
        centre = (in_top_margin[0]["x0"] + in_top_margin[-1]["x1"]) / 2 / MM
        assert abs(centre - (30 + 165 / 2)) < 0.5
        assert all(c["top"] > 5 * MM for c in in_top_margin)


def _within(value: float, low: float, high: float) -> bool:
    return low - 0.01 <= value <= high + 0.01  # mm; PDF coordinates carry float noise


def _horizontal_rules_mm(path: Path) -> list[list[float]]:
    """Distinct heights (mm from the top) of the horizontal rules on each page."""
    with pdfplumber.open(path) as pdf:
        return [sorted({round(line["top"] / MM, 2) for line in page.lines
                        if abs(line["top"] - line["bottom"]) < 1}) for page in pdf.pages]


def test_margins(sample):
    margins = page_margins(sample, skip_top_mm=15)
    for number, m in enumerate(margins, start=1):
        assert _within(m.top, 20, 25), (number, m)
        assert _within(m.left, 30, 35), (number, m)
        assert _within(m.right, 15, 20), (number, m)
        assert _within(m.bottom, 20, 297), (number, m)
    # A page ends less than 20-25 mm from the bottom only when the next table row did not fit:
    # rows are never split, so the room left must be smaller than the row carried over.
    rules = _horizontal_rules_mm(sample)
    for number, (this, following) in enumerate(zip(rules, rules[1:]), start=1):
        room_left = 297 - 20 - this[-1]
        carried_row = following[2] - following[1]
        assert 0 <= room_left < carried_row, (number, room_left, carried_row)
        assert margins[number - 1].bottom <= 25 or room_left > 4, (number, margins[number - 1])


def test_total_row_and_words(sample):
    lines = pdf_text(sample).splitlines()
    totals = [line for line in lines if line.startswith("Tổng cộng")]
    jobs = sum(row[2] for row in ROWS)
    assert totals == [
        f"Tổng cộng {format_number(jobs)} {format_amount(TOTAL, MoneyUnit.TRIEU, 2)}"
    ]
    assert f"Bằng chữ: {amount_in_words(TOTAL)}" in squeeze(pdf_text(sample))
    chars = page_chars(sample)
    last_table_page = next(c for c in reversed(chars) if find_chars(c, "Tổng cộng"))
    assert all("Bold" in c["fontname"] for c in find_chars(last_table_page, "Tổng cộng"))
    words = find_chars(last_table_page, "Bằng chữ:")
    assert words and all("Italic" in c["fontname"] for c in words)


def test_table_header_on_every_page_and_rows_whole(sample):
    pages = [squeeze(text) for text in pdf_pages_text(sample)]
    for number, name, jobs, amount in ROWS:
        whole_row = (f" {number} {name} {format_number(jobs)} "
                     f"{format_amount(amount, MoneyUnit.TRIEU, 2)} ")
        assert len([text for text in pages if whole_row in f" {text} "]) == 1, whole_row
    table_pages = [text for text in pages if "cho cơ sở số" in text]
    assert len(table_pages) >= 2
    for text in table_pages:
        for header in ["ĐVT: triệu đồng", *(column.title for column in COLUMNS)]:
            assert header in text


def test_signature_block_on_one_page_with_decree_fonts(sample):
    last = page_chars(sample)[-1]
    for string in ("Nơi nhận:", "Lưu: VT, KHTH.", "NGƯỜI LẬP BIỂU", "KẾ TOÁN", "KT. GIÁM ĐỐC",
                   "PHÓ GIÁM ĐỐC", "Hoàng Thị Thủy"):
        assert find_chars(last, string), string
    heading = find_chars(last, "Nơi nhận:")
    assert {("BoldItalic" in c["fontname"], round(c["size"])) for c in heading} == {(True, 12)}
    assert {round(c["size"]) for c in find_chars(last, "- Lưu: VT, KHTH.")} == {11}
    assert all("Bold" in c["fontname"] for c in find_chars(last, "Hoàng Thị Thủy"))
    titles = [find_chars(last, t)[0]["top"] for t in ("NGƯỜI LẬP BIỂU", "KẾ TOÁN", "KT. GIÁM ĐỐC")]
    assert max(titles) - min(titles) < 0.5


def test_header_fonts_and_rules(sample):
    first = page_chars(sample)[0]
    with pdfplumber.open(sample) as pdf:
        rules = [line for line in pdf.pages[0].lines if abs(line["top"] - line["bottom"]) < 1]

    def style(text):
        chars = find_chars(first, text)
        assert chars, text
        return {(("Bold" in c["fontname"]), ("Italic" in c["fontname"]), round(c["size"]))
                for c in chars}

    assert style("SỞ CÔNG THƯƠNG TỈNH LẠNG SƠN") == {(False, False, 12)}
    assert style("TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI") == {(True, False, 12)}
    assert style("Số: 05/BC-TTKC") == {(False, False, 13)}
    assert style("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == {(True, False, 12)}
    assert style("Độc lập - Tự do - Hạnh phúc") == {(True, False, 13)}
    assert style("Lạng Sơn, ngày 05 tháng 01 năm 2021") == {(False, True, 13)}
    assert style("BÁO CÁO") == {(True, False, 14)}
    assert style(PARAGRAPHS[0][:40]) == {(False, False, 13)}

    def rule_under(text):
        chars = find_chars(first, text)
        bottom = max(c["bottom"] for c in chars)
        rule = min((r for r in rules if r["top"] > bottom), key=lambda r: r["top"])
        assert rule["top"] - bottom < 4 * MM
        lines: dict[int, list[dict]] = {}
        for c in chars:
            lines.setdefault(round(c["bottom"]), []).append(c)
        spans = [(min(c["x0"] for c in line), max(c["x1"] for c in line))
                 for line in lines.values()]
        widest = max(right - left for left, right in spans)
        for left, right in spans:  # every line is centred over the rule
            assert abs((rule["x0"] + rule["x1"]) / 2 - (left + right) / 2) < 1
        return (rule["x1"] - rule["x0"]) / widest

    assert 0.98 < rule_under("Độc lập - Tự do - Hạnh phúc") < 1.02
    assert 1 / 3 <= rule_under("TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI") <= 1 / 2


def test_landscape_pages(tmp_path):
    s = document_styles()
    path = tmp_path / "landscape.pdf"
    story = [Paragraph(PARAGRAPHS[1], s.body), NextPageTemplate(LANDSCAPE), PageBreak(),
             Paragraph(" ".join(PARAGRAPHS), s.body)]
    ReportDocument(str(path), title="Danh mục", author="Trung tâm").build(story)
    with pdfplumber.open(path) as pdf:
        sizes = [(round(p.width / MM), round(p.height / MM)) for p in pdf.pages]
    assert sizes == [(210, 297), (297, 210)]
    landscape_page = page_margins(path, skip_top_mm=15)[1]
    assert _within(landscape_page.top, 20, 25) and _within(landscape_page.left, 30, 35)
    assert _within(landscape_page.right, 15, 20)
    number = [c for c in page_chars(path)[1] if c["bottom"] < 20 * MM]
    assert [c["text"] for c in number] == ["2"]
    assert abs((number[0]["x0"] + number[0]["x1"]) / 2 / MM - (30 + 252 / 2)) < 0.5


def test_pages_render(sample, tmp_path):
    for page in (1, 2):
        picture = render_png(sample, page, tmp_path)
        assert picture.stat().st_size > 10_000
