"""The A4 page frame of Decree 30/2020 (Annex I): margins, page numbers, PDF metadata."""
from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from khuyencong_desktop import __version__
from khuyencong_desktop.reports.fonts import register_fonts

CREATOR = "KhuyenCong Desktop"
PAGE_NUMBER_SIZE = 13
PORTRAIT = "portrait"
LANDSCAPE = "landscape"
"""Page template ids; switch mid-document with ``NextPageTemplate(LANDSCAPE)``."""


@dataclass(frozen=True)
class Margins:
    """Page margins in points; Decree 30 allows top/bottom 20-25 mm, left 30-35, right 15-20."""

    top: float = 20 * mm
    bottom: float = 20 * mm
    left: float = 30 * mm
    right: float = 15 * mm


MARGINS = Margins()
"""The margins of every page, portrait or landscape (the left edge is bound either way)."""


def page_size(orientation: str = PORTRAIT) -> tuple[float, float]:
    return landscape(A4) if orientation == LANDSCAPE else A4


def text_width(orientation: str = PORTRAIT) -> float:
    """Width of the text frame in points (165 mm portrait, 252 mm landscape)."""
    return page_size(orientation)[0] - MARGINS.left - MARGINS.right


def _page_template(orientation: str, font_name: str) -> PageTemplate:
    width, height = page_size(orientation)
    frame = Frame(
        MARGINS.left, MARGINS.bottom, text_width(orientation),
        height - MARGINS.top - MARGINS.bottom,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=f"{orientation}-body",
    )

    def draw_page_number(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        # Decree 30: Arabic numerals, centred in the top margin, from page 2 on.
        number = canvas.getPageNumber()
        if number == 1:
            return
        canvas.saveState()
        canvas.setFont(font_name, PAGE_NUMBER_SIZE)
        baseline = height - MARGINS.top / 2 - PAGE_NUMBER_SIZE * 0.33
        canvas.drawCentredString(MARGINS.left + text_width(orientation) / 2, baseline, str(number))
        canvas.restoreState()

    return PageTemplate(id=orientation, frames=[frame], onPage=draw_page_number,
                        pagesize=(width, height))


class ReportDocument(BaseDocTemplate):
    """An A4 document (văn bản hành chính) ready for ``build(story)``.

    ``author`` is the issuing body (cơ quan ban hành). Fonts are registered and embedded,
    streams compressed, and the first page template follows ``orientation``.
    """

    def __init__(
        self,
        target: str | IO[bytes],
        *,
        title: str,
        author: str,
        subject: str = "",
        orientation: str = PORTRAIT,
    ) -> None:
        if orientation not in (PORTRAIT, LANDSCAPE):
            raise ValueError(f"orientation must be {PORTRAIT!r} or {LANDSCAPE!r}")
        font_name = register_fonts()
        super().__init__(
            target,
            pagesize=page_size(orientation),
            leftMargin=MARGINS.left,
            rightMargin=MARGINS.right,
            topMargin=MARGINS.top,
            bottomMargin=MARGINS.bottom,
            title=title,
            author=author,
            subject=subject,
            creator=f"{CREATOR} {__version__}",
            pageCompression=1,
            lang="vi-VN",
            displayDocTitle=1,
            # ReportLab otherwise declares an unembedded Helvetica on every page.
            initialFontName=font_name,
        )
        others = [LANDSCAPE if orientation == PORTRAIT else PORTRAIT]
        self.addPageTemplates([_page_template(o, font_name) for o in [orientation, *others]])
