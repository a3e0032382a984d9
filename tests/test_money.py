"""Money: units in headers, Vietnamese number reading, exact conversion to đồng and display."""
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khuyencong_desktop.domain.money import (
    MoneyParseError,
    MoneyUnit,
    format_amount,
    format_number,
    format_percent,
    format_ratio,
    parse_number,
    round_half_up,
    strip_unit,
    to_dong,
    unit_from_text,
)


@pytest.mark.parametrize(
    ("unit", "factor", "label"),
    [
        (MoneyUnit.DONG, 1, "đồng"),
        (MoneyUnit.NGHIN, 1_000, "nghìn đồng"),
        (MoneyUnit.TRIEU, 1_000_000, "triệu đồng"),
        (MoneyUnit.TY, 1_000_000_000, "tỷ đồng"),
    ],
)
def test_units(unit, factor, label):
    assert unit.factor == factor
    assert unit.label == label
    assert MoneyUnit(factor) is unit


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Kinh phí (đồng)", MoneyUnit.DONG),
        ("Số tiền (VNĐ)", MoneyUnit.DONG),
        ("VND", MoneyUnit.DONG),
        ("Kinh phí VND", MoneyUnit.DONG),
        ("(đ)", MoneyUnit.DONG),
        ("Số tiền (đồng Việt Nam)", MoneyUnit.DONG),
        ("Đơn vị: đồng", MoneyUnit.DONG),
        ("Kinh phí (nghìn đồng)", MoneyUnit.NGHIN),
        ("Kinh phí (ngàn đồng)", MoneyUnit.NGHIN),
        ("Kinh phí (1000đ)", MoneyUnit.NGHIN),
        ("Kinh phí (1.000 đồng)", MoneyUnit.NGHIN),
        ("Kinh phí hỗ trợ (triệu đồng)", MoneyUnit.TRIEU),
        ("Vốn đối ứng (trđ)", MoneyUnit.TRIEU),
        ("Vốn đối ứng (tr.đ)", MoneyUnit.TRIEU),
        ("Vốn đối ứng (Tr.đồng)", MoneyUnit.TRIEU),
        ("KINH PHÍ (TRIỆU ĐỒNG)", MoneyUnit.TRIEU),
        ("Kinh phi ho tro (trieu dong)", MoneyUnit.TRIEU),
        ("Kinh phí (KC) (Triệu VNĐ)", MoneyUnit.TRIEU),
        ("Kinh phí [triệu đồng]", MoneyUnit.TRIEU),
        ("Tổng kinh phí 2.350 triệu đồng", MoneyUnit.TRIEU),
        ("ĐVT: triệu đồng", MoneyUnit.TRIEU),
        ("(ĐVT: nghìn đồng)", MoneyUnit.NGHIN),
        ("Tổng vốn (tỷ đồng)", MoneyUnit.TY),
        ("Đơn vị tính: Tỷ đồng", MoneyUnit.TY),
        ("Tỷ đồng", MoneyUnit.TY),
        ("Đơn vị tính: tỷ", MoneyUnit.TY),
    ],
)
def test_unit_from_text(text, unit):
    assert unit_from_text(text) is unit


@pytest.mark.parametrize(
    "text",
    [None, "", "Kinh phí", "Tên công ty", "Công ty Đông Á", "Phường Đông Kinh", "Đông", "Tên đề án (nhiệm vụ)",
     "Số lao động (người)", "Năm thực hiện"],
)
def test_no_unit_is_none_never_a_guess(text):
    assert unit_from_text(text) is None


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Kinh phí hỗ trợ (triệu đồng)", "Kinh phí hỗ trợ"),
        ("  Vốn  đối ứng [Tr.đ] ", "Vốn đối ứng"),
        ("Kinh phí (KC) (VNĐ)", "Kinh phí (KC)"),
        ("Tên đề án (nhiệm vụ)", "Tên đề án (nhiệm vụ)"),
        ("Kinh phí khác", "Kinh phí khác"),
    ],
)
def test_strip_unit(header, expected):
    assert strip_unit(header) == expected


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("2.350,5", Decimal("2350.5")),
        ("2.350", Decimal("2350")),
        ("46.236,68", Decimal("46236.68")),
        ("1.000.000", Decimal("1000000")),
        ("75,3", Decimal("75.3")),
        (" 1 200 ", Decimal("1200")),
        ("1 200 000,25", Decimal("1200000.25")),
        ("1\u00a0200", Decimal("1200")),
        ("-1.234", Decimal("-1234")),
        ("-46.236,68", Decimal("-46236.68")),
        ("0,5", Decimal("0.5")),
        ("2350", Decimal("2350")),
        ("2350.5", Decimal("2350.5")),
        ("1.25", Decimal("1.25")),
        ("0.500", Decimal("0.5")),
        ("8.974", Decimal("8974")),
    ],
)
def test_parse_number(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize(
    "text", ["abc", "", "  ", "2,350.5", "1.2.3", "1.23.456", "1234.567", "12 34", "1.000 000", ",5", "75,", "1e5",
             "2.350 triệu", "--5", "1,2,3"],
)
def test_parse_number_rejects(text):
    with pytest.raises(MoneyParseError) as error:
        parse_number(text)
    assert str(error.value) == f"Không đọc được số «{text.strip()}»"


def test_parse_error_is_a_value_error():
    assert issubclass(MoneyParseError, ValueError)


@pytest.mark.parametrize(
    ("value", "unit", "dong"),
    [
        (46236.68, MoneyUnit.TRIEU, 46_236_680_000),
        (6256.8, MoneyUnit.TRIEU, 6_256_800_000),
        (75.3, MoneyUnit.TY, 75_300_000_000),
        (10.814, MoneyUnit.TY, 10_814_000_000),
        (0.1 + 0.2, MoneyUnit.TY, 300_000_000),
        (2350, MoneyUnit.TRIEU, 2_350_000_000),
        (Decimal("8974"), MoneyUnit.TRIEU, 8_974_000_000),
        ("2.350,5", MoneyUnit.TRIEU, 2_350_500_000),
        ("46.236,68", MoneyUnit.TRIEU, 46_236_680_000),
        ("1.000.000", MoneyUnit.DONG, 1_000_000),
        (1.5, MoneyUnit.DONG, 2),
        (2.5, MoneyUnit.DONG, 3),
        (Decimal("0.4999"), MoneyUnit.DONG, 0),
        (Decimal("1.2345678"), MoneyUnit.NGHIN, 1235),
        (-1.5, MoneyUnit.DONG, -2),
        ("-75,3", MoneyUnit.TY, -75_300_000_000),
    ],
)
def test_to_dong_is_exact(value, unit, dong):
    result = to_dong(value, unit)
    assert result == dong
    assert type(result) is int


def test_to_dong_rejects_bad_values():
    with pytest.raises(MoneyParseError):
        to_dong("abc", MoneyUnit.TRIEU)
    with pytest.raises(MoneyParseError):
        to_dong(float("nan"), MoneyUnit.TRIEU)
    with pytest.raises(TypeError):
        to_dong(True, MoneyUnit.DONG)
    with pytest.raises(TypeError):
        to_dong(None, MoneyUnit.DONG)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("5.1523"), 2, Decimal("5.15")),
        (Decimal("5.155"), 2, Decimal("5.16")),
        (Decimal("2.5"), 0, Decimal("3")),
        (Decimal("-2.5"), 0, Decimal("-3")),
        (Decimal("64.25"), 1, Decimal("64.3")),
        (7, 0, Decimal("7")),
        (7, 2, Decimal("7.00")),
    ],
)
def test_round_half_up(value, places, expected):
    result = round_half_up(value, places)
    assert result == expected
    assert str(result) == str(expected)


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (2350, 0, "2.350"),
        (0, 0, "0"),
        (999, 0, "999"),
        (1_000_000, 0, "1.000.000"),
        (-1234, 0, "-1.234"),
        (Decimal("6256.8"), None, "6.256,8"),
        (Decimal("6256.80"), None, "6.256,8"),
        (Decimal("2350.000"), None, "2.350"),
        (Decimal("46236.68"), 2, "46.236,68"),
        (Decimal("2350"), 2, "2.350,00"),
        (Decimal("46236.5"), 0, "46.237"),
        (Decimal("-0.4"), 0, "0"),
        (Decimal("-1234.5"), 1, "-1.234,5"),
        (Decimal("0.05"), None, "0,05"),
        (Decimal("1E+3"), None, "1.000"),
    ],
)
def test_format_number(value, decimals, text):
    assert format_number(value, decimals) == text


@pytest.mark.parametrize(
    ("dong", "unit", "decimals", "text"),
    [
        (2_350_000_000, MoneyUnit.TRIEU, None, "2.350"),
        (6_256_800_000, MoneyUnit.TRIEU, None, "6.256,8"),
        (46_236_680_000, MoneyUnit.TRIEU, None, "46.236,68"),
        (8_974_000_000, MoneyUnit.TRIEU, None, "8.974"),
        (75_300_000_000, MoneyUnit.TY, None, "75,3"),
        (48_400_000_000, MoneyUnit.TY, None, "48,4"),
        (10_814_000_000, MoneyUnit.TY, None, "10,814"),
        (46_236_680_000, MoneyUnit.TRIEU, 2, "46.236,68"),
        (46_236_680_000, MoneyUnit.TRIEU, 0, "46.237"),
        (2_350_500_000, MoneyUnit.TRIEU, 0, "2.351"),
        (75_300_000_000, MoneyUnit.TY, 2, "75,30"),
        (1_234_567, MoneyUnit.DONG, None, "1.234.567"),
        (1_234_567, MoneyUnit.NGHIN, None, "1.234,567"),
        (-2_350_000_000, MoneyUnit.TRIEU, None, "-2.350"),
        (1, MoneyUnit.TY, None, "0,000000001"),
    ],
)
def test_format_amount(dong, unit, decimals, text):
    assert format_amount(dong, unit, decimals) == text


def test_format_amount_defaults_to_trieu():
    assert format_amount(2_350_000_000) == "2.350"


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [(Decimal("64.3"), 1, "64,3%"), (Decimal("35.7"), 1, "35,7%"), (Decimal("100"), 1, "100,0%"),
     (Decimal("64.25"), 1, "64,3%"), (Decimal("12.345"), 2, "12,35%")],
)
def test_format_percent(value, decimals, text):
    assert format_percent(value, decimals) == text


def test_format_percent_default_one_decimal():
    assert format_percent(Decimal("64.28")) == "64,3%"


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("46236.68") / Decimal("8974"), "5,15"), (Decimal("5.1523"), "5,15"), (Decimal("5.155"), "5,16"),
     (Decimal("5.1"), "5,10")],
)
def test_format_ratio(value, text):
    assert format_ratio(value) == text


def _exact_dong(value: float, unit: MoneyUnit) -> int:
    """The reference: the float's shortest repr as a Decimal, scaled and rounded half up."""
    return int(round_half_up(Decimal(repr(value)).scaleb(unit.exponent)))


_cell_numbers = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e13, max_value=1e13),
    # What officers type: a few decimals, and the halves where rounding half up decides.
    st.builds(lambda whole, digits, places: float(f"{whole}.{digits:0{places}d}"),
              st.integers(-10**9, 10**9), st.integers(0, 9999), st.integers(1, 4)),
    st.builds(lambda whole, places: float(f"{whole}.{'0' * places}5"), st.integers(-10**7, 10**7),
              st.integers(0, 9)),
)


@settings(max_examples=3000, deadline=None)
@given(_cell_numbers, st.sampled_from(list(MoneyUnit)))
def test_to_dong_float_fast_path_equals_decimal_path(value, unit):
    assert to_dong(value, unit) == _exact_dong(value, unit)


@pytest.mark.parametrize("value", [0.0005, 0.0015, 2.5e-7, 1.0000005, 4503599627370495.5, 1e16 + 2, 2.675])
@pytest.mark.parametrize("unit", list(MoneyUnit))
def test_to_dong_float_halves_round_up_exactly(value, unit):
    assert to_dong(value, unit) == _exact_dong(value, unit)
    assert to_dong(-value, unit) == -_exact_dong(value, unit)


def test_to_dong_int_is_multiplied_exactly():
    assert to_dong(10**20 + 1, MoneyUnit.TY) == (10**20 + 1) * 10**9
