"""Amounts in words ("Bằng chữ: … đồng") follow the rules of domain.md."""
import pytest

from khuyencong_desktop.domain.words import amount_in_words

TABLE = [
    (0, "Không đồng"),
    (1, "Một đồng"),
    (5, "Năm đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi bốn đồng"),
    (25, "Hai mươi lăm đồng"),
    (30, "Ba mươi đồng"),
    (55, "Năm mươi lăm đồng"),
    (99, "Chín mươi chín đồng"),
    (100, "Một trăm đồng"),
    (101, "Một trăm linh một đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (111, "Một trăm mười một đồng"),
    (115, "Một trăm mười lăm đồng"),
    (121, "Một trăm hai mươi mốt đồng"),
    (125, "Một trăm hai mươi lăm đồng"),
    (205, "Hai trăm linh năm đồng"),
    (1_000, "Một nghìn đồng"),
    (1_001, "Một nghìn không trăm linh một đồng"),
    (1_005, "Một nghìn không trăm linh năm đồng"),
    (1_010, "Một nghìn không trăm mười đồng"),
    (1_015, "Một nghìn không trăm mười lăm đồng"),
    (1_021, "Một nghìn không trăm hai mươi mốt đồng"),
    (1_100, "Một nghìn một trăm đồng"),
    (10_000, "Mười nghìn đồng"),
    (15_000, "Mười lăm nghìn đồng"),
    (21_000, "Hai mươi mốt nghìn đồng"),
    (100_000, "Một trăm nghìn đồng"),
    (1_000_000, "Một triệu đồng"),
    (1_000_005, "Một triệu không trăm linh năm đồng"),
    (1_000_100, "Một triệu một trăm đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (1_000_000_000, "Một tỷ đồng"),
    (1_000_001_000, "Một tỷ không trăm linh một nghìn đồng"),
    (2_350_000_000, "Hai tỷ ba trăm năm mươi triệu đồng"),
    (6_256_800_000, "Sáu tỷ hai trăm năm mươi sáu triệu tám trăm nghìn đồng"),
    (8_974_000_000, "Tám tỷ chín trăm bảy mươi bốn triệu đồng"),
    (46_236_680_000, "Bốn mươi sáu tỷ hai trăm ba mươi sáu triệu sáu trăm tám mươi nghìn đồng"),
    (75_300_000_000, "Bảy mươi lăm tỷ ba trăm triệu đồng"),
    (10_814_000_000, "Mười tỷ tám trăm mười bốn triệu đồng"),
    (1_000_000_000_000, "Một nghìn tỷ đồng"),
    (1_000_001_000_000, "Một nghìn tỷ không trăm linh một triệu đồng"),
    (1_002_000_000_000, "Một nghìn không trăm linh hai tỷ đồng"),
    (5_000_000_000_000_000, "Năm triệu tỷ đồng"),
    (123_456_789, "Một trăm hai mươi ba triệu bốn trăm năm mươi sáu nghìn bảy trăm tám mươi chín đồng"),
    (-1_500_000, "Âm một triệu năm trăm nghìn đồng"),
    (-21, "Âm hai mươi mốt đồng"),
]


@pytest.mark.parametrize(("dong", "words"), TABLE)
def test_amount_in_words(dong, words):
    assert amount_in_words(dong) == words


@pytest.mark.parametrize("value", [1.5, "1000", None, True])
def test_only_whole_dong(value):
    with pytest.raises(TypeError):
        amount_in_words(value)
