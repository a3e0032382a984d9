"""Widths of table texts in the document font: the one measure of columns sized to what they hold."""
from __future__ import annotations

from collections.abc import Iterable

from reportlab.pdfbase.pdfmetrics import stringWidth

CELL_AIR = 7
"""Points added to a measured text: the cell's left and right padding (3 + 3) and a little air."""


def widest(texts: Iterable[str], font: str) -> float:
    """Width of the widest of ``texts`` in 1 pt type (a text's width grows in step with its size)."""
    return max((stringWidth(text, font, 1) for text in set(texts)), default=0.0)


def widest_word(texts: Iterable[str], font: str) -> float:
    """Width in 1 pt type of the widest word of ``texts``: a wrapping cell is never narrower."""
    return widest((word for text in texts for word in text.split()), font)


def two_line_extent(title: str, font: str) -> float:
    """Width in 1 pt type that sets ``title`` on two lines at most, broken between words.

    "Kinh phí KC hỗ trợ" → the wider of "Kinh phí KC" and "hỗ trợ", the narrowest such break.
    """
    words = title.split()
    if len(words) < 2:
        return widest(words, font)
    return min(max(stringWidth(" ".join(words[:cut]), font, 1), stringWidth(" ".join(words[cut:]), font, 1))
               for cut in range(1, len(words)))


def unwrapped_extent(title: str, cells: Iterable[str], total: str | None, regular: str, bold: str,
                     *, two_line_title: bool = False) -> float:
    """Width in 1 pt type of a column whose entries never wrap (amounts, counts, codes).

    The cells in ``regular``, the total in ``bold``, the header in ``bold`` broken between words
    (on two lines at most when ``two_line_title``).
    """
    header = two_line_extent(title, bold) if two_line_title else widest_word([title], bold)
    return max(widest(cells, regular), widest([total] if total else [], bold), header)
