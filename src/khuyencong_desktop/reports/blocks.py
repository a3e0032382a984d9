"""Building blocks of every printed document: header, title and signature (Decree 30/2020)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from khuyencong_desktop.domain.dates import document_date_line
from khuyencong_desktop.reports.page import PORTRAIT, text_width
from khuyencong_desktop.reports.styles import document_styles
from khuyencong_desktop.reports.tables import Column, money_table

__all__ = [
    "CentredRule", "Column", "Letterhead", "balanced_lines", "document_number", "header_block",
    "money_table", "signature_block", "signature_parts", "title_block",
]

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
LEFT_COLUMN_SHARE = 0.45
"""Share of the text width taken by the left column of the header and the signature."""
COLUMN_GAP = 2 * mm
SIGNATURE_SPACE = 26 * mm
"""Room for the hand signature and the seal (chữ ký, dấu)."""
_NUMBER_BLANK = "\u00a0" * 10


def document_number(number: int | None, kind: str, suffix: str = "TTKC") -> str:
    """The số, ký hiệu of a document: ``05/BC-TTKC``, or blanks to fill in by hand when None.

    Numbers below 10 get a leading zero; ``kind`` is the type's abbreviation (BC, ĐA, KH …).
    """
    if number is None:
        return f"{_NUMBER_BLANK}/{kind}-{suffix}"
    if number < 1:
        raise ValueError(f"a document number starts at 1, not {number}")
    return f"{number:02d}/{kind}-{suffix}"


@dataclass(frozen=True)
class Letterhead:
    """What the header and the signature of one document say, as plain values.

    ``number_text`` is what follows "Số:" (see ``document_number``); ``recipients`` are the
    nơi nhận, the last one "Lưu: VT, …". Setting ``preparer_name`` (người lập biểu) or
    ``accountant_name`` (kế toán) adds their signature columns beside the head's.
    """

    parent_body: str
    issuing_body: str
    number_text: str
    place: str
    date: date
    signer_capacity: str
    signer_position: str
    signer_name: str
    recipients: Sequence[str] = ()
    preparer_name: str | None = None
    accountant_name: str | None = None


def balanced_lines(text: str, style: ParagraphStyle, width: float) -> list[str]:
    """``text`` broken into as few lines as fit ``width``, made as even as possible.

    Line breaks typed by the user are kept. "TRUNG TÂM KHUYẾN CÔNG VÀ / XÚC TIẾN THƯƠNG MẠI"
    rather than a long first line and an orphaned last word.
    """
    def split(part: str, at: float) -> list[str]:
        return simpleSplit(part, style.fontName, style.fontSize, at)

    lines: list[str] = []
    for part in text.split("\n"):
        count, narrow, wide = len(split(part, width)), 0.0, width
        while wide - narrow > 0.5:  # points; the narrowest width keeping the line count
            middle = (narrow + wide) / 2
            narrow, wide = (narrow, middle) if len(split(part, middle)) <= count else (middle, wide)
        lines += split(part, wide)
    return lines


def _lines_para(lines: Sequence[str], style: ParagraphStyle) -> Paragraph:
    return Paragraph("<br/>".join(escape(line) for line in lines), style)


class CentredRule(Flowable):
    """A horizontal rule (đường kẻ ngang, nét liền) centred under the text above it."""

    def __init__(self, length: float) -> None:
        super().__init__()
        self.length = length

    @classmethod
    def under(cls, lines: Sequence[str], style: ParagraphStyle, fraction: float) -> CentredRule:
        """A rule ``fraction`` as long as the widest of ``lines``."""
        widest = max(stringWidth(line, style.fontName, style.fontSize) for line in lines)
        return cls(widest * fraction)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, 5.0

    def draw(self) -> None:
        # Drawn 4 pt under the text so that it reads as a rule, not as underlined words.
        self.canv.setLineWidth(0.6)
        start = (self.width - self.length) / 2
        self.canv.line(start, 1.0, start + self.length, 1.0)


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _layout_commands() -> list[tuple]:
    """An invisible layout table: no padding, top-aligned, in the document font."""
    font = document_styles().face()
    return [
        # A table sets its cells' font even when they hold paragraphs: not Helvetica, which
        # would stay in the file unembedded.
        ("FONT", (0, 0), (-1, -1), font),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]


def _two_columns(rows: list[list], width: float, row_gap: float = 0) -> Table:
    left_width = width * LEFT_COLUMN_SHARE
    table = Table(rows, colWidths=[left_width, width - left_width])
    table.setStyle(TableStyle([
        *_layout_commands(),
        ("RIGHTPADDING", (0, 0), (0, -1), COLUMN_GAP),
        ("TOPPADDING", (0, 1), (-1, -1), row_gap),
    ]))
    return table


def header_block(letterhead: Letterhead, width: float | None = None) -> Flowable:
    """The two-column header of page 1 (quốc hiệu, tiêu ngữ, cơ quan ban hành, số, địa danh).

    The number and the place-and-date line share a row, so they sit on one baseline.
    """
    s = document_styles()
    width = width or text_width(PORTRAIT)
    left_width = width * LEFT_COLUMN_SHARE - COLUMN_GAP
    parent = balanced_lines(letterhead.parent_body.upper(), s.parent_body, left_width)
    issuer = balanced_lines(letterhead.issuing_body.upper(), s.issuing_body, left_width)
    left = [
        _lines_para(parent, s.parent_body),
        _lines_para(issuer, s.issuing_body),
        CentredRule.under(issuer, s.issuing_body, 0.4),
    ]
    right = [
        _para(NATIONAL_TITLE, s.national_title),
        _para(MOTTO, s.motto),
        CentredRule.under([MOTTO], s.motto, 1.0),
    ]
    second_row = [
        _para(f"Số: {letterhead.number_text}", s.number),
        _para(document_date_line(letterhead.place, letterhead.date), s.place_date),
    ]
    return _two_columns([[left, right], second_row], width, row_gap=4)


def title_block(doc_type: str, subject: str, width: float | None = None) -> list[Flowable]:
    """Tên loại văn bản (capitals) and trích yếu nội dung, centred, with the short rule under."""
    s = document_styles()
    lines = balanced_lines(subject, s.subject, width or text_width(PORTRAIT))
    return [
        _para(doc_type.upper(), s.doc_type),
        _lines_para(lines, s.subject),
        CentredRule.under(lines, s.subject, 0.4),
        Spacer(0, 12),
    ]


def _recipients(recipients: Sequence[str]) -> list[Flowable]:
    s = document_styles()
    if not recipients:
        return []
    entries = [entry.strip().rstrip(";.").rstrip() for entry in recipients]
    lines = [f"- {entry};" for entry in entries[:-1]] + [f"- {entries[-1]}."]
    return [_para("Nơi nhận:", s.recipients_title), *(_para(line, s.recipient) for line in lines)]


def _signers(letterhead: Letterhead) -> list[tuple[list[str], str]]:
    """(title lines, name) per signature column, left to right; the head signs rightmost."""
    columns = []
    if letterhead.preparer_name is not None:
        columns.append((["NGƯỜI LẬP BIỂU"], letterhead.preparer_name))
    if letterhead.accountant_name is not None:
        columns.append((["KẾ TOÁN"], letterhead.accountant_name))
    head = [line for line in (letterhead.signer_capacity, letterhead.signer_position) if line]
    columns.append(([line.upper() for line in head], letterhead.signer_name))
    return columns


def signature_parts(letterhead: Letterhead, width: float | None = None,
                    keep_with: Sequence[Flowable] = ()) -> list[Flowable]:
    """Nơi nhận on the left, the signatures on the right, to be kept together on one page.

    With a preparer or an accountant the signatures share the whole width and the nơi nhận
    follow under them. ``keep_with`` (the document's last paragraph) goes on the same page, so
    the signatures never stand alone (ReportLab's KeepTogether cannot be nested).
    """
    s = document_styles()
    width = width or text_width(PORTRAIT)
    signers = _signers(letterhead)
    recipients = _recipients(letterhead.recipients)
    side_by_side = len(signers) == 1
    if side_by_side:
        left_width = width * LEFT_COLUMN_SHARE
        widths = [left_width, width - left_width]
    else:
        widths = [width / len(signers)] * len(signers)
    titles = [[_para(line, s.signer_title) for line in lines] for lines, _name in signers]
    names = [_para(name, s.signer_name) for _lines, name in signers]
    rows = [titles, [""] * len(signers), names]
    commands = _layout_commands()
    if side_by_side:
        rows = [[recipients if i == 0 else ""] + row for i, row in enumerate(rows)]
        commands.append(("SPAN", (0, 0), (0, -1)))
    table = Table(rows, colWidths=widths, rowHeights=[None, SIGNATURE_SPACE, None])
    table.setStyle(TableStyle(commands))
    parts: list[Flowable] = [*keep_with, Spacer(0, 12), table]
    if recipients and not side_by_side:
        parts += [Spacer(0, 12), _two_columns([[recipients, []]], width)]
    return parts


def signature_block(letterhead: Letterhead, width: float | None = None,
                    keep_with: Sequence[Flowable] = ()) -> Flowable:
    """The signature parts (``signature_parts``) kept together on one page."""
    return KeepTogether(signature_parts(letterhead, width, keep_with))
