"""Checks on a produced PDF as an office would see it: extracted text, fonts, margins, pictures."""
from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

MM = 72 / 25.4
BASE14_FONTS = frozenset({
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique",
    "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique",
    "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats",
})
BAD_GLYPHS = ("\ufffd", "■", "□")
"""Replacement character and the boxes that stand for glyphs a font lacks."""


def pdf_text(path: Path, page: int | None = None) -> str:
    """``pdftotext -raw`` of the document (or of one 1-based page), in NFC."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", *pages, str(path), "-"],
                            check=True, capture_output=True, text=True, encoding="utf-8")
    return unicodedata.normalize("NFC", result.stdout)


def pdf_pages_text(path: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with form feeds)."""
    return pdf_text(path).split("\f")[:-1]


def squeeze(text: str) -> str:
    """Whitespace runs (line breaks of wrapped cells and paragraphs) as single spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


@dataclass(frozen=True)
class FontRow:
    name: str
    type: str
    embedded: bool
    subset: bool
    unicode: bool

    @property
    def base_name(self) -> str:
        """The name without the subset tag (``ABCDEF+LiberationSerif`` → ``LiberationSerif``)."""
        return re.sub(r"^[A-Z]{6}\+", "", self.name)


def pdf_fonts(path: Path) -> list[FontRow]:
    """The rows of ``pdffonts``, cut at the column positions its dashed line gives."""
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                         text=True).stdout.splitlines()
    spans = [m.span() for m in re.finditer(r"-+", out[1])]
    header = [out[0][a:b if i < len(spans) - 1 else None].strip()
              for i, (a, b) in enumerate(spans)]
    rows = []
    for line in out[2:]:
        cells = dict(zip(header, (line[a:b].strip() for a, b in spans)))
        rows.append(FontRow(cells["name"], cells["type"], cells["emb"] == "yes",
                            cells["sub"] == "yes", cells["uni"] == "yes"))
    return rows


@dataclass(frozen=True)
class PageMargins:
    """Distances in mm from each page edge to the nearest drawn character."""

    top: float
    bottom: float
    left: float
    right: float


def page_chars(path: Path) -> list[list[dict]]:
    """pdfplumber's characters per page, blanks left out."""
    with pdfplumber.open(path) as pdf:
        return [[c for c in page.chars if c["text"].strip()] for page in pdf.pages]


def page_margins(path: Path, skip_top_mm: float = 0.0) -> list[PageMargins]:
    """Measured margins of each page from character boxes.

    ``skip_top_mm`` leaves out characters lying wholly above that distance from the top edge
    (the page number in the top margin).
    """
    margins = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars
                     if c["text"].strip() and c["bottom"] > skip_top_mm * MM]
            margins.append(PageMargins(
                top=min(c["top"] for c in chars) / MM,
                bottom=(page.height - max(c["bottom"] for c in chars)) / MM,
                left=min(c["x0"] for c in chars) / MM,
                right=(page.width - max(c["x1"] for c in chars)) / MM,
            ))
    return margins


def find_chars(chars: list[dict], text: str) -> list[dict]:
    """The characters drawing ``text`` (blanks ignored), first occurrence, or []."""
    wanted = "".join(text.split())
    drawn = unicodedata.normalize("NFC", "".join(c["text"] for c in chars))
    if len(drawn) != len(chars):
        raise AssertionError("characters are not precomposed; cannot locate text")
    start = drawn.find(wanted)
    return chars[start:start + len(wanted)] if start >= 0 else []


def render_png(path: Path, page: int, out_dir: Path, dpi: int = 80) -> Path:
    """A picture of one 1-based page, made with ``pdftoppm``."""
    stem = out_dir / f"{path.stem}-p{page}"
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(path), str(stem)], check=True)
    return stem.with_suffix(".png")


def chars_across_rules(path: Path, slack: float = 0.3) -> list[tuple[int, str]]:
    """(page, text) of every character drawn across a vertical table rule: text overflowing its cell."""
    crossing = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            rules = [e for e in page.edges if e["orientation"] == "v"]
            for c in page.chars:
                middle = (c["top"] + c["bottom"]) / 2
                if c["text"].strip() and any(r["top"] <= middle <= r["bottom"]
                                             and c["x0"] + slack < r["x0"] < c["x1"] - slack for r in rules):
                    crossing.append((number, c["text"]))
    return crossing
