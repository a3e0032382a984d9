"""The Báo cáo menu makes each document in the background, previews its pages, saves and prints it."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QThreadPool

from PySide6.QtPrintSupport import QPrinter

from khuyencong_desktop.gui import messages, pdf_preview
from khuyencong_desktop.gui.report_actions import RequestDialog, ReportRequest
from khuyencong_desktop.reports.letterhead_from_office import DocumentOptions

from pdf_checks import pdf_pages_text, pdf_text, squeeze


def test_menu_has_the_four_documents(window):
    texts = [a.text() for a in window.menus["reports"].actions()]
    for text in ("Đề án (PDF)…", "Báo cáo kết quả thực hiện đề án…", "Báo cáo tổng kết giai đoạn…",
                 "Danh mục đề án năm…"):
        assert text in texts


def test_request_dialog_reads_the_parameters(qtbot):
    dialog = RequestDialog("proposal", [("LS-QG-2020-01", "Bản lề cửa"), ("LS-DP-2021-DT01", "Đào tạo")])
    qtbot.addWidget(dialog)
    dialog.project.setCurrentIndex(1)
    dialog.number.setValue(7)
    dialog.day.setDate(date(2021, 1, 5))
    assert dialog.request() == ReportRequest("proposal", "LS-DP-2021-DT01", dialog.from_year.value(),
                                             dialog.to_year.value(), dialog.year.value(),
                                             DocumentOptions(number=7, day=date(2021, 1, 5)))
    dialog.number.setValue(0)
    assert dialog.number.text() == "(để trống, điền tay)" and dialog.request().options.number is None


@pytest.mark.parametrize("request_", [
    ReportRequest("summary", from_year=2017, to_year=2021, options=DocumentOptions(5, date(2021, 1, 5))),
    ReportRequest("plan", year=2020, options=DocumentOptions(5, date(2021, 1, 5))),
])
def test_generate_preview_save_and_print(window, qtbot, shown, tmp_path, monkeypatch, request_):
    actions = window.report_actions
    actions.generate(request_)
    qtbot.waitUntil(lambda: actions.preview is not None, timeout=60000)
    preview = actions.preview
    assert preview.pdf.name == request_.file_name() and preview.pdf.read_bytes().startswith(b"%PDF-")
    pages = len(pdf_pages_text(preview.pdf))
    assert preview.page_count == pages and preview.page_label.text() == f"Trang 1/{pages}"
    assert preview.picture.pixmap() is not None and preview.picture.pixmap().width() > 700
    preview.grab().save(str(tmp_path / f"preview-{request_.kind}.png"))
    target = tmp_path / "lưu" / "văn bản.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(messages, "ask_pdf_save_path", lambda parent, title, start: target)
    assert preview.save() == target
    expected = "5,15 đồng" if request_.kind == "summary" else "DANH MỤC ĐỀ ÁN KHUYẾN CÔNG NĂM 2020"
    assert expected in squeeze(pdf_text(target))
    printed = tmp_path / "in.pdf"

    def pdf_printer(parent):
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    monkeypatch.setattr(pdf_preview, "choose_printer", pdf_printer)
    with qtbot.waitSignal(preview.print_document().succeeded, timeout=60000):
        pass
    assert len(pdf_pages_text(printed)) == pages
    preview.close()
    QThreadPool.globalInstance().waitForDone()


def test_save_to_a_missing_folder_says_so(window, qtbot, shown, tmp_path, monkeypatch):
    actions = window.report_actions
    actions.generate(ReportRequest("plan", year=2019))
    qtbot.waitUntil(lambda: actions.preview is not None, timeout=60000)
    missing = tmp_path / "không có" / "x.pdf"
    monkeypatch.setattr(messages, "ask_pdf_save_path", lambda parent, title, start: missing)
    assert actions.preview.save() is None
    assert shown.errors == [f"Không ghi được tệp «{missing}»: thư mục không tồn tại."]
    actions.preview.close()
