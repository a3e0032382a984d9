"""The preview pages through every page of a document, prints each page on A4 and saves a copy."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph

from khuyencong_desktop.gui import messages, pdf_preview
from khuyencong_desktop.gui.pdf_preview import PdfPages, PdfPreviewDialog
from khuyencong_desktop.operations.reports import write_year_plan_pdf
from khuyencong_desktop.reports.letterhead_from_office import DocumentOptions
from khuyencong_desktop.reports.page import LANDSCAPE, PORTRAIT, ReportDocument
from khuyencong_desktop.reports.styles import document_styles

from pdf_checks import MM, pdf_text, squeeze

ORIENTATIONS = [PORTRAIT, LANDSCAPE, LANDSCAPE, PORTRAIT]


@pytest.fixture
def plan_pdf(demo_db, tmp_path) -> Path:
    return write_year_plan_pdf(demo_db, 2021, tmp_path / "danh-muc-2021.pdf", DocumentOptions(3, date(2021, 1, 5)))


@pytest.fixture
def mixed_pdf(tmp_path) -> Path:
    """Four pages, portrait and landscape, each saying which page it is."""
    body = document_styles().body
    story = []
    for number, orientation in enumerate(ORIENTATIONS, start=1):
        if number > 1:
            story += [NextPageTemplate(orientation), PageBreak()]
        story.append(Paragraph(f"Trang số {number}: Độc lập - Tự do - Hạnh phúc " * 12, body))
    path = tmp_path / "trang.pdf"
    ReportDocument(str(path), title="Trang", author="Trung tâm Khuyến công").build(story)
    return path


def _ink(image: QImage) -> list[int]:
    """A 60×85 grey thumbnail's pixels, to compare two drawings of one page."""
    small = image.convertToFormat(QImage.Format.Format_Grayscale8).scaled(60, 85)
    return [small.pixelColor(x, y).value() for y in range(85) for x in range(60)]


def test_preview_pages_through_every_page_at_the_window_width(qtbot, plan_pdf, tmp_path):
    dialog = PdfPreviewDialog(plan_pdf)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    with pdfplumber.open(plan_pdf) as pdf:
        count = len(pdf.pages)
    assert count >= 2 and dialog.page_count == count
    assert dialog.page_label.text() == f"Trang 1/{count}" and not dialog.previous_button.isEnabled()
    seen = []
    for number in range(1, count + 1):
        pixmap = dialog.picture.pixmap()
        viewport = dialog.scroll.viewport().width()
        assert viewport - pdf_preview.PAGE_GAP - 2 <= pixmap.width() / pixmap.devicePixelRatio() <= viewport
        assert abs(pixmap.height() / pixmap.width() - 210 / 297) < 0.01  # landscape A4
        assert dialog.page_label.text() == f"Trang {number}/{count}"
        seen.append(pixmap.toImage())
        if number == 1:
            dialog.grab().save(str(tmp_path / "preview.png"))
        dialog.next_button.click()
    assert not dialog.next_button.isEnabled() and dialog.current == count - 1
    assert len({image.cacheKey() for image in seen}) == count and _ink(seen[0]) != _ink(seen[1])
    dialog.previous_button.click()
    assert dialog.page_label.text() == f"Trang {count - 1}/{count}"
    dialog.resize(700, 900)
    narrower = dialog.picture.pixmap()
    assert narrower.width() / narrower.devicePixelRatio() <= dialog.scroll.viewport().width()
    dialog.close()


def test_printing_puts_each_page_on_a4_in_its_orientation(qtbot, mixed_pdf, tmp_path, monkeypatch):
    printed = tmp_path / "in ra.pdf"

    def pdf_printer(parent):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    monkeypatch.setattr(pdf_preview, "choose_printer", pdf_printer)
    dialog = PdfPreviewDialog(mixed_pdf)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.print_document().finished, timeout=60000):
        pass
    with pdfplumber.open(printed) as pdf:
        sizes = [(round(page.width / MM), round(page.height / MM)) for page in pdf.pages]
    assert sizes == [(210, 297) if o == PORTRAIT else (297, 210) for o in ORIENTATIONS]
    source, copy = PdfPages(mixed_pdf), PdfPages(printed)
    try:
        for index in range(len(ORIENTATIONS)):
            original, on_paper = _ink(source.image(index, 0.5)), _ink(copy.image(index, 0.5))
            assert min(original) < 128  # the page has text on it
            assert sum(abs(a - b) for a, b in zip(original, on_paper)) / len(original) < 3, index
        assert _ink(copy.image(0, 0.5)) != _ink(copy.image(3, 0.5))
    finally:
        source.close()
        copy.close()
    dialog.close()


def test_cancelling_the_print_dialog_prints_nothing(qtbot, mixed_pdf, monkeypatch):
    monkeypatch.setattr(pdf_preview, "choose_printer", lambda parent: None)
    dialog = PdfPreviewDialog(mixed_pdf)
    qtbot.addWidget(dialog)
    assert dialog.print_document() is None and dialog.printing is None
    dialog.close()


def test_save_copies_the_document(qtbot, plan_pdf, tmp_path, monkeypatch, shown):
    target = tmp_path / "lưu" / "danh mục.pdf"
    target.parent.mkdir()
    asked = []
    monkeypatch.setattr(messages, "ask_pdf_save_path", lambda parent, title, start: asked.append(start) or target)
    dialog = PdfPreviewDialog(plan_pdf)
    qtbot.addWidget(dialog)
    assert dialog.save() == target and target.read_bytes() == plan_pdf.read_bytes()
    assert asked[0].endswith("danh-muc-2021.pdf")
    assert "DANH MỤC ĐỀ ÁN KHUYẾN CÔNG NĂM 2021" in squeeze(pdf_text(target))
    missing = tmp_path / "không có" / "x.pdf"
    monkeypatch.setattr(messages, "ask_pdf_save_path", lambda parent, title, start: missing)
    assert dialog.save() is None and not missing.parent.exists()
    assert shown.errors == [f"Không ghi được tệp «{missing}»: thư mục không tồn tại."]
    dialog.close()


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_a_printer_that_cannot_start_says_so(qtbot, mixed_pdf, tmp_path, monkeypatch, shown):
    nowhere = tmp_path / "không có" / "in.pdf"

    def broken_printer(parent):
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(nowhere))
        return printer

    monkeypatch.setattr(pdf_preview, "choose_printer", broken_printer)
    dialog = PdfPreviewDialog(mixed_pdf)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.print_document().failed, timeout=60000):
        pass
    assert shown.errors == [f"Không bắt đầu in được trên máy in «{nowhere}». Hãy kiểm tra máy in rồi in lại."]
    assert not nowhere.parent.exists()
    dialog.close()
