"""Assembling a document: header, title, body, and the signature kept with the last paragraph."""
from __future__ import annotations

from collections.abc import Sequence
from typing import IO
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from khuyencong_desktop.reports.blocks import Letterhead, header_block, signature_parts, title_block
from khuyencong_desktop.reports.page import PORTRAIT, ReportDocument, text_width
from khuyencong_desktop.reports.paged_table import PagedTable
from khuyencong_desktop.reports.styles import document_styles

NOT_ENTERED = "(chưa nhập)"
"""What an empty text section of a document reads, always the same words, in italics."""


def paragraphs(text: str, *, indent: bool = True) -> list[Paragraph]:
    """Each line the officer typed as a justified body paragraph; an empty text reads NOT_ENTERED."""
    s = document_styles()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return [Paragraph(f"<i>{escape(NOT_ENTERED)}</i>", s.body)]
    style = s.body if indent else s.table_text
    return [Paragraph(escape(line), style) for line in lines]


def para(text: str, *, style_name: str = "body") -> Paragraph:
    """One paragraph of plain text (escaped) in a named document style."""
    return Paragraph(escape(text), getattr(document_styles(), style_name))


def labelled(label: str, value: str) -> Paragraph:
    """A "label: value" line of general information; an empty value reads NOT_ENTERED."""
    shown = escape(value) if value.strip() else f"<i>{escape(NOT_ENTERED)}</i>"
    return Paragraph(f"{escape(label)}: {shown}", document_styles().body)


def heading(text: str, level: int = 1) -> Paragraph:
    """A section heading (I., 1., a)) kept with what follows."""
    s = document_styles()
    return Paragraph(escape(text), {1: s.heading1, 2: s.heading2}.get(level, s.heading3))


def write_document(target: str | IO[bytes], letterhead: Letterhead, doc_type: str, subject: str,
                   body: Sequence[Flowable], *, orientation: str = PORTRAIT) -> None:
    """Build the whole document into ``target``.

    The signature block is kept on one page with the body's last flowable (a paragraph or the
    "Bằng chữ" line), and with the last rows of a table just before it, so it never stands alone
    on the last page.
    """
    width = text_width(orientation)
    story: list[Flowable] = [header_block(letterhead, width), *title_block(doc_type, subject, width)]
    story += list(body[:-1])
    closing = signature_parts(letterhead, width, keep_with=[body[-1]] if body else [])
    if isinstance(story[-1], PagedTable):
        story[-1] = story[-1].kept_with(closing)
    story.append(KeepTogether(closing))
    ReportDocument(target, title=f"{doc_type.upper()} {subject}", author=letterhead.issuing_body,
                   subject=subject, orientation=orientation).build(story)
