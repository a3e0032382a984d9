"""Document dates, dd/mm/yyyy dates and tax code (MST) formats."""
from datetime import date, datetime

import pytest

from khuyencong_desktop.domain.dates import document_date_line, format_date, parse_date
from khuyencong_desktop.domain.tax_code import normalise_tax_code, tax_code_problem


@pytest.mark.parametrize(
    ("place", "day", "line"),
    [
        ("Lạng Sơn", date(2021, 1, 5), "Lạng Sơn, ngày 05 tháng 01 năm 2021"),
        ("Lai Châu", date(2024, 3, 15), "Lai Châu, ngày 15 tháng 3 năm 2024"),
        ("Lạng Sơn", date(2021, 2, 5), "Lạng Sơn, ngày 05 tháng 02 năm 2021"),
        ("Hà Nội", date(2020, 11, 20), "Hà Nội, ngày 20 tháng 11 năm 2020"),
        ("Lai Châu", date(2025, 12, 1), "Lai Châu, ngày 01 tháng 12 năm 2025"),
        ("Lai Châu", date(2025, 10, 9), "Lai Châu, ngày 09 tháng 10 năm 2025"),
        ("  Lạng   Sơn ", date(2021, 1, 31), "Lạng Sơn, ngày 31 tháng 01 năm 2021"),
    ],
)
def test_document_date_line(place, day, line):
    assert document_date_line(place, day) == line


@pytest.mark.parametrize(
    ("day", "text"),
    [(date(2021, 1, 5), "05/01/2021"), (date(2020, 11, 20), "20/11/2020"), (datetime(2024, 3, 15, 8, 30), "15/03/2024")],
)
def test_format_date(day, text):
    assert format_date(day) == text


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("05/01/2021", date(2021, 1, 5)),
        ("5/1/2021", date(2021, 1, 5)),
        (" 5/1/2021 ", date(2021, 1, 5)),
        ("2021-01-05", date(2021, 1, 5)),
        ("20/11/2020", date(2020, 11, 20)),
        ("29/02/2024", date(2024, 2, 29)),
        ("05-01-2021", date(2021, 1, 5)),
        ("05.01.2021", date(2021, 1, 5)),
    ],
)
def test_parse_date(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["", "abc", "5/1/21", "2021/01/05", "01/2021", "5 tháng 1 năm 2021"])
def test_parse_date_rejects_unreadable(text):
    with pytest.raises(ValueError, match="Không đọc được ngày"):
        parse_date(text)


@pytest.mark.parametrize("text", ["31/02/2021", "29/02/2023", "00/01/2021", "05/13/2021"])
def test_parse_date_rejects_impossible_dates(text):
    with pytest.raises(ValueError) as error:
        parse_date(text)
    assert str(error.value) == f"Ngày «{text}» không tồn tại"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("0101234567", "0101234567"),
        (" 0101 234 567 ", "0101234567"),
        ("0101234567 - 001", "0101234567-001"),
        ("0101234567–001", "0101234567-001"),
        ("\uff10101234567", "\uff10101234567"),
    ],
)
def test_normalise_tax_code(text, code):
    assert normalise_tax_code(text) == code


@pytest.mark.parametrize(
    "text", [None, "", "0101234567", "0101234567-001", "001085012345", " 4900 123 456 ", "0100109106",
             "0100109107"],  # the last one fails the check digit and is still accepted
)
def test_valid_tax_codes(text):
    assert tax_code_problem(text) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("01012345", "Mã số thuế «01012345» có 8 chữ số; cần 10 chữ số, 10 chữ số kèm “-” và 3 chữ số "
                     "(đơn vị phụ thuộc), hoặc 12 chữ số (số định danh cá nhân)."),
        ("01012345678", "Mã số thuế «01012345678» có 11 chữ số; cần 10 chữ số, 10 chữ số kèm “-” và 3 chữ số "
                        "(đơn vị phụ thuộc), hoặc 12 chữ số (số định danh cá nhân)."),
        ("0101234567-01", "Mã số thuế «0101234567-01» không đúng định dạng: cần 10 chữ số, 10 chữ số kèm “-” "
                          "và 3 chữ số (đơn vị phụ thuộc), hoặc 12 chữ số (số định danh cá nhân)."),
        ("MST0101234567", "Mã số thuế «MST0101234567» không đúng định dạng: cần 10 chữ số, 10 chữ số kèm “-” "
                          "và 3 chữ số (đơn vị phụ thuộc), hoặc 12 chữ số (số định danh cá nhân)."),
    ],
)
def test_tax_code_problems(text, message):
    assert tax_code_problem(text) == message


@pytest.mark.parametrize("text", ["010123456A", "0101234567/001", "0101234567-0011", "\uff10101234567"])
def test_tax_code_format_errors(text):
    assert tax_code_problem(text) is not None
