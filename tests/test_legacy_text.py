"""Old TCVN3 and VNI text from Excel files is recognised and converted; Unicode text never is."""
import unicodedata

import pytest

from khuyencong_desktop.domain.legacy_text import (
    UNICODE_TO_TCVN3,
    UNICODE_TO_VNI,
    decode,
    detect_legacy,
    is_vietnamese_syllable,
    to_unicode,
)

# An encoder written independently of the module, from the published code charts:
# each lower-case letter, its TCVN3 (ABC) character and its VNI-Windows characters.
_CHART = """
à µ aø|á ¸ aù|ả ¶ aû|ã · aõ|ạ ¹ aï
ă ¨ aê|ằ » aè|ắ ¾ aé|ẳ ¼ aú|ẵ ½ aü|ặ Æ aë
â © aâ|ầ Ç aà|ấ Ê aá|ẩ È aå|ẫ É aã|ậ Ë aä
đ ® ñ
è Ì eø|é Ð eù|ẻ Î eû|ẽ Ï eõ|ẹ Ñ eï
ê ª eâ|ề Ò eà|ế Õ eá|ể Ó eå|ễ Ô eã|ệ Ö eä
ì × ì|í Ý í|ỉ Ø æ|ĩ Ü ó|ị Þ ò
ò ß oø|ó ã où|ỏ á oû|õ â oõ|ọ ä oï
ô « oâ|ồ å oà|ố è oá|ổ æ oå|ỗ ç oã|ộ é oä
ơ ¬ ô|ờ ê ôø|ớ í ôù|ở ë ôû|ỡ ì ôõ|ợ î ôï
ù ï uø|ú ó uù|ủ ñ uû|ũ ò uõ|ụ ô uï
ư \xad ö|ừ õ öø|ứ ø öù|ử ö öû|ữ ÷ öõ|ự ù öï
ỳ ú yø|ý ý yù|ỷ û yû|ỹ ü yõ|ỵ þ î
"""
_ROWS = [entry.split(" ") for entry in _CHART.replace("\n", "|").split("|") if entry]
TCVN3_OF = {letter: tcvn3 for letter, tcvn3, _ in _ROWS}
VNI_OF = {letter: vni for letter, _, vni in _ROWS}
# TCVN3 has capitals only for these; a capital with a tone is written with the lower-case code.
TCVN3_OF.update({"Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"})


def encode_tcvn3(text: str) -> str:
    return "".join(TCVN3_OF.get(ch, TCVN3_OF.get(ch.lower(), ch)) for ch in text)


def encode_vni(text: str) -> str:
    return "".join(VNI_OF[ch.lower()].upper() if ch.lower() in VNI_OF and ch.isupper()
                   else VNI_OF.get(ch, ch) for ch in text)


NAMES = [
    "Trung tâm Khuyến công Lạng Sơn",
    "Hợp tác xã chế biến nông sản Lụa Vy",
    "Nguyễn Thị Thủy",
    "Phường Đông Kinh",
    "ĐẮK LẮK",
    "Bảo Thắng",
    "Lai Châu",
    "Sở Công Thương tỉnh Lai Châu",
    "Công ty TNHH Một thành viên Chè Tam Đường",
    "Hộ kinh doanh Hoàng Văn Dũng",
    "Xã Mường Khương, huyện Bát Xát",
    "Cơ sở sản xuất mây tre đan Phú Vinh",
    "Làng nghề gốm Bát Tràng",
    "Đề án hỗ trợ máy móc thiết bị tiên tiến",
    "Quyết định số 1881/QĐ-TTg",
    "Kinh phí khuyến công địa phương",
    "Trần Quốc Tuấn",
    "Phạm Thị Hường",
    "Lê Văn Khuê",
    "Đỗ Thị Thuỷ",
    "Vũ Đức Huỳnh",
    "Huyện Than Uyên",
    "TỈNH LAI CHÂU",
    "HỢP TÁC XÃ NÔNG NGHIỆP DỊCH VỤ",
    "Người đại diện: Lường Văn Xuân",
    "Sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh năm 2023",
    "Bà Lò Thị Ngoan",
    "Ông Ngô Quý",
    "Thị trấn Phong Thổ",
    "Giấy chứng nhận đăng ký kinh doanh",
]


def test_chart_covers_all_134_letters():
    assert len(_ROWS) == 67
    assert len(UNICODE_TO_TCVN3) == len(UNICODE_TO_VNI) == 134


@pytest.mark.parametrize("letter", [row[0] for row in _ROWS])
def test_module_tables_agree_with_published_chart(letter):
    assert UNICODE_TO_TCVN3[letter] == TCVN3_OF[letter]
    assert UNICODE_TO_VNI[letter] == VNI_OF[letter]
    assert UNICODE_TO_VNI[letter.upper()] == VNI_OF[letter].upper()


@pytest.mark.parametrize(
    ("legacy", "unicode_text", "encoding"),
    [
        ("B¶o Th¾ng", "Bảo Thắng", "TCVN3"),
        ("Lai Ch©u", "Lai Châu", "TCVN3"),
        ("Baûo Thaéng", "Bảo Thắng", "VNI"),
        ("Laïng Sôn", "Lạng Sơn", "VNI"),
        ("M­êng Kh­¬ng", "Mường Khương", "TCVN3"),
        ("Ninh B×nh", "Ninh Bình", "TCVN3"),
        ("Xin chaøo caùc baïn", "Xin chào các bạn", "VNI"),
        ("§¾K L¾K", "ĐẮK LẮK", "TCVN3"),
        ("UBND TØNH Hµ GIANG", "UBND TỈNH HÀ GIANG", "TCVN3"),
    ],
)
def test_known_samples(legacy, unicode_text, encoding):
    assert detect_legacy(legacy) == encoding
    assert to_unicode(legacy) == (unicode_text, encoding)


@pytest.mark.parametrize("name", NAMES)
def test_tcvn3_round_trip(name):
    legacy = encode_tcvn3(name)
    assert legacy != name
    assert to_unicode(legacy) == (name, "TCVN3")


@pytest.mark.parametrize("name", NAMES)
def test_vni_round_trip(name):
    legacy = encode_vni(name)
    assert legacy != name
    assert to_unicode(legacy) == (name, "VNI")


def test_tcvn3_capital_with_tone_in_mixed_case_stays_as_the_old_font_showed_it():
    # ".VnTime" cannot show "Ủ"; the cell read "ủy ban", and so does the conversion.
    assert to_unicode(encode_tcvn3("Ủy ban nhân dân tỉnh")) == ("ủy ban nhân dân tỉnh", "TCVN3")


def test_decode_forces_an_encoding():
    assert decode("Hîp t¸c x·", "TCVN3") == "Hợp tác xã"
    assert decode("Hôïp taùc xaõ", "VNI") == "Hợp tác xã"


@pytest.mark.parametrize(
    "text",
    [
        *NAMES,
        "Công ty A&B",
        "Tô Hoài",
        "Cà Mau",
        "Hòa Bình",
        "Hoà Bình",
        "Tây Ninh",
        "Hóc Môn",
        "Gò Công",
        "Tân Châu",
        "Lái Thiêu",
        "Chí Linh",
        "Thuý Kiều",
        "Ủy ban nhân dân tỉnh",
        "Ông",
        "Ô tô",
        "Nguyễn",
        "",
        "ABC Company Ltd.",
        "Report 2021 - final",
        "Müller GmbH",
        "Café de Paris",
        "naïve résumé",
        "São Paulo",
        "Crème brûlée",
        "Zürich Straße",
        "España",
        "© 2021 ABC®",
        "Price: 5 £",
        "25°C, ½ kg",
        "«Tên»",
        "Nhãn hiệu ABC®",
        unicodedata.normalize("NFD", "Trung tâm Khuyến công"),
    ],
)
def test_unicode_and_foreign_text_is_never_converted(text):
    assert detect_legacy(text) is None
    assert to_unicode(text) == (unicodedata.normalize("NFC", text), None)


@pytest.mark.parametrize(
    "word",
    ["Nguyễn", "Khuyến", "Trường", "quá", "giữ", "hoạch", "Thuỷ", "Thủy", "Hòa", "Hoà", "ĐẮK", "người",
     "khuỷu", "Xuân", "chiêng", "ngoài", "Yên", "Huế", "thuở"],
)
def test_vietnamese_syllables(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["Laùng", "Mỹller", "Sociộtộ", "Coõng", "aâ", "ằ", "Baõ", "Zürich", "ôtô"])
def test_not_vietnamese_syllables(word):
    assert not is_vietnamese_syllable(word)


def test_windows_punctuation_does_not_hide_legacy_text():
    assert to_unicode("Lao ®éng – viÖc lµm…") == ("Lao động – việc làm…", "TCVN3")


def test_a_column_decides_what_single_cells_cannot():
    cells = ["Tænh", "Löu", "thuû"]  # each also reads as TCVN3 ("Tổnh", "Lửu", "thuỷ") on its own
    assert [detect_legacy(cell) for cell in cells] == [None, None, None]
    assert detect_legacy("\n".join([*cells, "Ñoäi tröôûng"])) == "VNI"
    assert [decode(cell, "VNI") for cell in cells] == ["Tỉnh", "Lưu", "thủ"]
