"""Vietnamese text: NFC, folding for search, matching and Vietnamese sort order."""
import sqlite3
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khuyencong_desktop.domain.text import fold, fold_key, matches, nfc, nfc_multiline, sort_key

DECOMPOSED = unicodedata.normalize("NFD", "Lạng Sơn")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", ""),
        ("  Lai   Châu \n", "Lai Châu"),
        (DECOMPOSED, "Lạng Sơn"),
        ("Hợp tác xã\u00a0Lụa\tVy", "Hợp tác xã Lụa Vy"),
    ],
)
def test_nfc(value, expected):
    assert nfc(value) == expected


def test_nfc_result_is_composed():
    assert nfc(DECOMPOSED) == unicodedata.normalize("NFC", "Lạng Sơn")
    assert len(nfc(DECOMPOSED)) == len("Lạng Sơn")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("Dòng một   \nDòng hai\t\n\nDòng bốn  ", "Dòng một\nDòng hai\n\nDòng bốn"),
        ("Ghi chú\r\nthứ hai", "Ghi chú\nthứ hai"),
        (unicodedata.normalize("NFD", "Đề án  số 1\n  thụt lề"), "Đề án  số 1\n  thụt lề"),
    ],
)
def test_nfc_multiline_keeps_lines(value, expected):
    assert nfc_multiline(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Lai Châu", "lai chau"),
        ("Đề án", "de an"),
        ("ĐẮK LẮK", "dak lak"),
        ("  Nguyễn   Thị Thủy ", "nguyen thi thuy"),
        (DECOMPOSED, "lang son"),
        ("Ðồng Tháp", "dong thap"),
        ("Trường", "truong"),
        (None, ""),
        ("", ""),
    ],
)
def test_fold(value, expected):
    assert fold(value) == expected


@pytest.mark.parametrize("value", ["Kế hoạch vốn", "kehoachvon", "KE HOACH  VON", "Kế-hoạch_vốn", " kế hoạch vốn. "])
def test_fold_key_matches_sheet_names(value):
    assert fold_key(value) == "kehoachvon"


def test_fold_key_keeps_digits():
    assert fold_key("Mã số (MST) 2021") == "masomst2021"


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("lai chau", "Trung tâm Khuyến công Lai Châu", True),
        ("chau lai", "Trung tâm Khuyến công Lai Châu", True),
        ("dong kinh", "Phường Đông Kinh", True),
        ("ĐÔNG", "phường đông kinh", True),
        ("đ", "Bảo Dung", True),
        ("lai son", "Lai Châu", False),
        ("", "bất kỳ", True),
        ("a", None, False),
        ("hop tac", "Hợp tác xã Lụa Vy", True),
    ],
)
def test_matches(query, text, expected):
    assert matches(query, text) is expected


def test_sort_order_from_spec():
    names = ["Đức", "Dung", "An", "Ân", "Ăn", "Bảo", "Ba", "Bà", "Bá"]
    assert sorted(names, key=sort_key) == ["An", "Ăn", "Ân", "Ba", "Bà", "Bá", "Bảo", "Dung", "Đức"]


def test_tones_break_ties_in_order():
    assert sorted(["Bạ", "Bá", "Bã", "Bả", "Bà", "Ba"], key=sort_key) == ["Ba", "Bà", "Bả", "Bã", "Bá", "Bạ"]


def test_letters_before_tones():
    # "Bà" < "Ba" would be wrong only if tones came first; letters decide before any tone.
    assert sorted(["Bạc", "Bác", "Bac", "Bàn"], key=sort_key) == ["Bac", "Bác", "Bạc", "Bàn"]


@pytest.mark.parametrize(
    "ordered",
    [
        ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
         "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"],
        ["An", "An Bình", "Anh"],
        ["Nguyễn Văn An", "Nguyễn Văn Ánh", "Nguyễn Văn Bình", "Nguyễn Văn Đạt"],
        ["Cổ Loa", "Công", "Cơ sở"],
        ["Đề án 1", "Đề án 2", "Đề án A"],
        ["Thu", "Thuận", "Thủy", "Thư", "Thứ", "Thực"],
    ],
)
def test_sorted_lists(ordered):
    assert sorted(reversed(ordered), key=sort_key) == ordered


def test_case_only_breaks_ties():
    assert sorted(["LAI CHÂU B", "lai châu"], key=sort_key) == ["lai châu", "LAI CHÂU B"]
    assert sorted(["lai châu b", "LAI CHÂU"], key=sort_key) == ["LAI CHÂU", "lai châu b"]
    assert sorted(["Bảo", "bảo", "BA", "Ba"], key=sort_key) == ["Ba", "BA", "bảo", "Bảo"]


def test_sort_ignores_composition_and_spacing():
    assert sort_key(DECOMPOSED) == sort_key("Lạng Sơn") == sort_key("  Lạng   Sơn ")


def test_sort_key_is_ascii_and_sorts_the_same_in_sqlite():
    names = ["Đức", "Dung", "An", "Ân", "Ăn", "Bảo", "Ba", "Bà", "Bá", "Ông", "Ơn", "Ưng", "Uyên", "Zê", "Ý"]
    assert all(sort_key(name).isascii() for name in names)
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE person (name TEXT, name_key TEXT)")
    connection.executemany("INSERT INTO person VALUES (?, ?)", [(name, sort_key(name)) for name in names])
    in_sqlite = [row[0] for row in connection.execute("SELECT name FROM person ORDER BY name_key")]
    connection.close()
    assert in_sqlite == sorted(names, key=sort_key)
    assert in_sqlite[:5] == ["An", "Ăn", "Ân", "Ba", "Bà"]


def test_sort_key_of_nothing():
    assert sort_key(None) == sort_key("") < sort_key("a")


@given(st.text(alphabet="aăâbdđeêioôơuưyAĂĐÊƠàảãáạẰẲẴẮẶềểễếệðÐ 09-(\t\n\u00a0\u0301\u0323", max_size=30))
def test_sort_key_is_the_key_of_each_character_in_turn(value):
    """The key built word by word is the one built character by character over the collapsed text."""
    from khuyencong_desktop.domain.text import _char_key

    text = " ".join(unicodedata.normalize("NFC", value).split())
    keys = [_char_key(ch) for ch in text]
    assert sort_key(value) == " ".join("".join(key[part] for key in keys) for part in range(3))


def _fold_by_definition(value: str) -> str:
    """``fold`` as the module docstring defines it, without the ASCII shortcut: NFC, lower case, marks off, đ → d."""
    lowered = unicodedata.normalize("NFC", value).lower().replace("đ", "d").replace("ð", "d")
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(ch))
    return " ".join(stripped.split())


@given(st.text(alphabet=st.sampled_from(list("aAzZ09 -_.()\t\n") + list("ĐđðÂấỹ\u0301\u0323ß²")), max_size=20))
def test_fold_and_fold_key_are_the_same_on_ascii_and_vietnamese_text(value):
    assert fold(value) == _fold_by_definition(value)
    assert fold_key(value) == "".join(ch for ch in _fold_by_definition(value) if ch.isalnum())


def test_ascii_text_is_folded_like_any_other():
    assert fold("  P-2021  KC_01 ") == "p-2021 kc_01" and fold_key("  P-2021  KC_01 ") == "p2021kc01"
