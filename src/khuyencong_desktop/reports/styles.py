"""Paragraph styles of the printed documents, all in the registered document font family."""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm

from khuyencong_desktop.reports.fonts import register_fonts

BODY_SIZE = 13
TABLE_SIZE = 12
LINE_SPACING = 1.2
FIRST_LINE_INDENT = 1.27 * cm
PARAGRAPH_SPACE = 6
TABLE_STYLE_NAMES = ("table_header", "table_text", "table_text_centred", "table_number", "table_total_text",
                     "table_total_number", "unit_line")
"""The styles of a table's cells and its unit line, which a wide table may set smaller."""


@dataclass(frozen=True)
class Styles:
    """The named styles; ``family`` is the registered font family."""

    family: str
    body: ParagraphStyle
    heading1: ParagraphStyle
    heading2: ParagraphStyle
    heading3: ParagraphStyle
    doc_type: ParagraphStyle
    subject: ParagraphStyle
    parent_body: ParagraphStyle
    issuing_body: ParagraphStyle
    number: ParagraphStyle
    national_title: ParagraphStyle
    motto: ParagraphStyle
    place_date: ParagraphStyle
    table_header: ParagraphStyle
    table_text: ParagraphStyle
    table_text_centred: ParagraphStyle
    table_number: ParagraphStyle
    table_total_text: ParagraphStyle
    table_total_number: ParagraphStyle
    unit_line: ParagraphStyle
    words_line: ParagraphStyle
    recipients_title: ParagraphStyle
    recipient: ParagraphStyle
    signer_title: ParagraphStyle
    signer_name: ParagraphStyle

    def face(self, bold: bool = False, italic: bool = False) -> str:
        return tt2ps(self.family, int(bold), int(italic))


def _style(name: str, face: str, size: float, alignment: int = TA_LEFT, **extra) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=face, fontSize=size, leading=round(size * LINE_SPACING, 1),
                          alignment=alignment, **extra)


@functools.cache
def document_styles() -> Styles:
    family = register_fonts()
    regular, bold = tt2ps(family, 0, 0), tt2ps(family, 1, 0)
    italic, bold_italic = tt2ps(family, 0, 1), tt2ps(family, 1, 1)
    paragraph = {"firstLineIndent": FIRST_LINE_INDENT, "spaceAfter": PARAGRAPH_SPACE}
    heading = {**paragraph, "spaceBefore": PARAGRAPH_SPACE, "keepWithNext": 1}
    return Styles(
        family=family,
        body=_style("Body", regular, BODY_SIZE, TA_JUSTIFY, **paragraph),
        heading1=_style("Heading1", bold, BODY_SIZE, TA_JUSTIFY, **heading),
        heading2=_style("Heading2", bold, BODY_SIZE, TA_JUSTIFY, **heading),
        heading3=_style("Heading3", bold_italic, BODY_SIZE, TA_JUSTIFY, **heading),
        doc_type=_style("DocType", bold, 14, TA_CENTER, spaceBefore=18),
        subject=_style("Subject", bold, 14, TA_CENTER),
        parent_body=_style("ParentBody", regular, 12, TA_CENTER),
        issuing_body=_style("IssuingBody", bold, 12, TA_CENTER),
        number=_style("Number", regular, 13, TA_CENTER),
        national_title=_style("NationalTitle", bold, 12, TA_CENTER),
        motto=_style("Motto", bold, 13, TA_CENTER),
        place_date=_style("PlaceDate", italic, 13, TA_CENTER),
        table_header=_style("TableHeader", bold, TABLE_SIZE, TA_CENTER),
        table_text=_style("TableText", regular, TABLE_SIZE, TA_LEFT),
        table_text_centred=_style("TableTextCentred", regular, TABLE_SIZE, TA_CENTER),
        table_number=_style("TableNumber", regular, TABLE_SIZE, TA_RIGHT),
        table_total_text=_style("TableTotalText", bold, TABLE_SIZE, TA_CENTER),
        table_total_number=_style("TableTotalNumber", bold, TABLE_SIZE, TA_RIGHT),
        unit_line=_style("UnitLine", italic, TABLE_SIZE, TA_RIGHT),
        words_line=_style("WordsLine", italic, BODY_SIZE, TA_JUSTIFY, **paragraph,
                          spaceBefore=PARAGRAPH_SPACE),
        recipients_title=_style("RecipientsTitle", bold_italic, 12),
        recipient=_style("Recipient", regular, 11),
        signer_title=_style("SignerTitle", bold, 13, TA_CENTER),
        signer_name=_style("SignerName", bold, 13, TA_CENTER),
    )


@functools.cache
def table_styles(size: float) -> Styles:
    """The document styles with table cells and unit line in ``size`` points (cỡ chữ bảng rộng)."""
    styles = document_styles()
    return dataclasses.replace(styles, **{
        name: ParagraphStyle(f"{getattr(styles, name).name}{size:g}", parent=getattr(styles, name),
                             fontSize=size, leading=round(size * LINE_SPACING, 1))
        for name in TABLE_STYLE_NAMES})
