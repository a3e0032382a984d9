"""The printed documents' typeface: Times New Roman if installed, else bundled Liberation Serif."""
from __future__ import annotations

import functools
import logging
import os
import string
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from khuyencong_desktop.paths import resource_path

log = logging.getLogger(__name__)

_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền, hỏi, ngã, sắc, nặng


def _vietnamese_letters() -> str:
    lower = [
        unicodedata.normalize("NFC", vowel + tone) for vowel in _VOWELS for tone in _TONES
    ]
    lower = [letter for letter in lower if not letter.isascii()] + ["đ"]
    return "".join(lower) + "".join(letter.upper() for letter in lower)


VIETNAMESE_LETTERS = _vietnamese_letters()
"""The 134 precomposed Vietnamese letters beyond ASCII (67 lowercase, 67 uppercase, with đ Đ)."""

REQUIRED_CHARACTERS = (
    VIETNAMESE_LETTERS + string.ascii_letters + string.digits + string.punctuation + " –…"
)
"""What every document font must draw; ReportLab silently draws empty boxes for the rest."""

STYLES = ("regular", "bold", "italic", "bold_italic")


class FontCoverageError(RuntimeError):
    """A font lacks glyphs that Vietnamese documents need."""


@dataclass(frozen=True)
class FontFamily:
    """Four TrueType files registered under ``name`` (bold is ``name-Bold`` and so on)."""

    name: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def face_name(self, style: str) -> str:
        suffix = {"regular": "", "bold": "-Bold", "italic": "-Italic", "bold_italic": "-BoldItalic"}
        return self.name + suffix[style]

    def files(self) -> dict[str, Path]:
        return {style: getattr(self, style) for style in STYLES}


_BUNDLED = FontFamily(
    "LiberationSerif",
    resource_path("fonts", "LiberationSerif-Regular.ttf"),
    resource_path("fonts", "LiberationSerif-Bold.ttf"),
    resource_path("fonts", "LiberationSerif-Italic.ttf"),
    resource_path("fonts", "LiberationSerif-BoldItalic.ttf"),
)

# File names as Windows ships them and as msttcorefonts/macOS name them, lower case without
# spaces, underscores or hyphens.
_TIMES_FILE_NAMES = {
    "regular": ("times.ttf", "timesnewroman.ttf"),
    "bold": ("timesbd.ttf", "timesnewromanbold.ttf"),
    "italic": ("timesi.ttf", "timesnewromanitalic.ttf"),
    "bold_italic": ("timesbi.ttf", "timesnewromanbolditalic.ttf"),
}


def font_search_dirs() -> list[Path]:
    """Where this machine keeps system and per-user fonts."""
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts/Supplemental"), Path("/Library/Fonts"),
                Path.home() / "Library" / "Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
            Path.home() / ".local" / "share" / "fonts", Path.home() / ".fonts"]


def find_times_new_roman(search_dirs: Iterable[Path] | None = None) -> FontFamily | None:
    """The four Times New Roman files under ``search_dirs`` (recursively), or None."""
    wanted = {name: style for style, names in _TIMES_FILE_NAMES.items() for name in names}
    found: dict[str, Path] = {}
    for folder in search_dirs if search_dirs is not None else font_search_dirs():
        for root, _dirs, files in os.walk(folder):
            for file_name in files:
                key = file_name.lower().replace(" ", "").replace("_", "").replace("-", "")
                style = wanted.get(key)
                if style and style not in found:
                    found[style] = Path(root) / file_name
    if len(found) < len(STYLES):
        return None
    return FontFamily("TimesNewRoman", **found)


@functools.lru_cache(maxsize=None)
def _covered_code_points(path: str) -> frozenset[int]:
    cmap = TTFontFile(path).charToGlyph
    return frozenset(code for code, glyph in cmap.items() if glyph)


def missing_glyphs(font_path_or_name: str | os.PathLike[str], text: str) -> set[str]:
    """The characters of ``text`` (NFC) that the font cannot draw.

    Takes a TrueType file or the name of a registered font; a registered non-TrueType font
    (ReportLab's base-14) draws only Windows-1252 characters.
    """
    characters = set(unicodedata.normalize("NFC", text)) - set("\n\r\t")
    path = Path(font_path_or_name)
    if font_path_or_name not in pdfmetrics.getRegisteredFontNames() and path.is_file():
        covered = _covered_code_points(str(path.resolve()))
        return {char for char in characters if ord(char) not in covered}
    font = pdfmetrics.getFont(str(font_path_or_name))
    if isinstance(font, TTFont):
        return {char for char in characters if not font.face.charToGlyph.get(ord(char))}
    return {char for char in characters if not _encodable(char, "cp1252")}


def _encodable(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def register_family(family: FontFamily) -> str:
    """Register the four faces and their bold/italic mapping; refuse a font without Vietnamese."""
    for style, path in family.files().items():
        missing = missing_glyphs(path, REQUIRED_CHARACTERS)
        if missing:
            raise FontCoverageError(
                f"{path} ({style}) cannot draw {len(missing)} characters needed for Vietnamese "
                f"documents: {''.join(sorted(missing))}"
            )
    registered = set(pdfmetrics.getRegisteredFontNames())
    for style, path in family.files().items():
        if family.face_name(style) not in registered:
            pdfmetrics.registerFont(TTFont(family.face_name(style), str(path)))
    pdfmetrics.registerFontFamily(
        family.name,
        normal=family.face_name("regular"),
        bold=family.face_name("bold"),
        italic=family.face_name("italic"),
        boldItalic=family.face_name("bold_italic"),
    )
    return family.name


@functools.cache
def register_fonts() -> str:
    """Register the documents' font family once and return its name.

    Times New Roman when installed (it is what offices expect); the bundled Liberation Serif,
    which has the same metrics, otherwise or when the installed Times lacks Vietnamese.
    """
    times = find_times_new_roman()
    if times is not None:
        try:
            return register_family(times)
        except FontCoverageError as error:
            log.warning("Not using the installed Times New Roman: %s", error)
    return register_family(_BUNDLED)
