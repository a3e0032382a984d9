"""Preview, save and print a produced PDF in the window (xem trước, lưu, in), its pages drawn by PDFium."""
from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pypdfium2
from PySide6.QtCore import QEvent, QMarginsF, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from ..i18n import tr
from ..operations.reports import OutputNotWritable, write_atomically
from ..storage.errors import StorageError
from . import messages
from .background import Cancelled, Operation
from .sizing import fit_to_screen

PDFIUM = threading.Lock()
"""PDFium is not thread-safe: every call into it holds this lock (preview here, printing on a worker)."""
POINTS_PER_INCH = 72
MAX_PRINT_DPI = 300
"""Pages are printed as pictures of at most this resolution: sharp text, 35 MB per A4 picture."""
PAGE_GAP = 24
"""Pixels left beside a page shown at the width of the window."""
WANTED_SIZE = QSize(960, 1040)
"""An A4 page at a readable width, whole in height on a big screen; a laptop gets its free area."""


class PrinterNotReady(StorageError):
    """The printer refused to start the job (offline, out of paper, no permission): nothing was printed."""

    def __init__(self, printer: QPrinter):
        name = printer.printerName() or printer.outputFileName()
        super().__init__(tr("Không bắt đầu in được trên máy in «{name}». "
                            "Hãy kiểm tra máy in rồi in lại.", name=name))


class PdfPages:
    """An open PDF file whose pages are drawn as pictures (QImage) on demand.

    ``sizes`` holds each page's (width, height) in points.
    """

    def __init__(self, path: Path):
        with PDFIUM:
            self._document = pypdfium2.PdfDocument(str(path))
            self.sizes = [self._document[i].get_size() for i in range(len(self._document))]

    def __len__(self) -> int:
        return len(self.sizes)

    def is_landscape(self, index: int) -> bool:
        width, height = self.sizes[index]
        return width > height

    def image(self, index: int, scale: float) -> QImage:
        """Page ``index`` drawn ``scale`` pixels per point, on white."""
        with PDFIUM:
            bitmap = self._document[index].render(scale=scale, prefer_bgrx=True)
            try:
                # BGRx bytes are Qt's RGB32 on the little-endian machines PDFium runs on.
                return QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                              QImage.Format.Format_RGB32).copy()
            finally:
                bitmap.close()

    def close(self) -> None:
        with PDFIUM:
            self._document.close()


def print_pdf(pdf: Path, printer: QPrinter, progress: Callable[[int, int, str], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> int:
    """Print every page of ``pdf`` on ``printer``, each on A4 in its own orientation; return the pages printed.

    Each page is drawn as a picture at the printer's resolution (at most MAX_PRINT_DPI) over the
    whole sheet: the document's own margins are kept, the printer's are not added. Runs on a
    worker thread too (Qt paints on a QPrinter from any thread).
    """
    pages = PdfPages(pdf)
    painter = QPainter()
    try:
        printer.setFullPage(True)
        for index in range(len(pages)):
            if cancelled is not None and cancelled():
                if painter.isActive():
                    printer.abort()
                raise Cancelled
            if progress is not None:
                progress(index, len(pages), tr("Đang in trang {page}/{count}…", page=index + 1, count=len(pages)))
            orientation = (QPageLayout.Orientation.Landscape if pages.is_landscape(index)
                           else QPageLayout.Orientation.Portrait)
            printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF()))
            if index == 0:
                if not painter.begin(printer):
                    raise PrinterNotReady(printer)
            else:
                printer.newPage()
            dpi = min(printer.resolution(), MAX_PRINT_DPI)
            sheet = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
            painter.drawImage(sheet, pages.image(index, dpi / POINTS_PER_INCH))
        return len(pages)
    finally:
        if painter.isActive():
            painter.end()
        pages.close()


def choose_printer(parent: QWidget | None) -> QPrinter | None:
    """The printer the officer picks in the system's print dialog (tests replace this seam), or None."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("In văn bản"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


class PdfPreviewDialog(QDialog):
    """Every page of a document at the width of the window, with page buttons, Lưu… and In…."""

    def __init__(self, pdf: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.pdf = pdf
        self.pages = PdfPages(pdf)
        self.current = 0
        self.printing: Operation | None = None
        self.setWindowTitle(tr("Xem trước: {name}", name=pdf.name))
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.picture)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.viewport().installEventFilter(self)
        keys = QKeySequence.StandardKey
        self.previous_button = self._button(tr("◀ Trang trước"), self.previous_page, keys.MoveToPreviousPage)
        self.next_button = self._button(tr("Trang sau ▶"), self.next_page, keys.MoveToNextPage)
        self.page_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.previous_button)
        row.addWidget(self.page_label)
        row.addWidget(self.next_button)
        row.addStretch(1)
        for text, slot in ((tr("Lưu…"), self.save), (tr("In…"), self.print_document), (tr("Đóng"), self.accept)):
            row.addWidget(self._button(text, slot))
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.scroll, 1)
        self.finished.connect(self._release)
        fit_to_screen(self, wanted=WANTED_SIZE)
        self.show_page(0)

    def _release(self) -> None:
        self.scroll.viewport().removeEventFilter(self)
        self.pages.close()

    def _button(self, text: str, slot, shortcut: QKeySequence.StandardKey | None = None) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        if shortcut is not None:
            button.setShortcut(QKeySequence(shortcut))
        return button

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def show_page(self, index: int) -> None:
        """Show page ``index`` (0-based) at the width of the window."""
        self.current = max(0, min(index, self.page_count - 1))
        self.page_label.setText(tr("Trang {page}/{count}", page=self.current + 1, count=self.page_count))
        self.previous_button.setEnabled(self.current > 0)
        self.next_button.setEnabled(self.current < self.page_count - 1)
        self._draw()

    def _draw(self) -> None:
        width_points = self.pages.sizes[self.current][0]
        ratio = self.devicePixelRatioF()
        available = max(self.scroll.viewport().width() - PAGE_GAP, 200)
        image = self.pages.image(self.current, available * ratio / width_points)
        image.setDevicePixelRatio(ratio)
        self.picture.setPixmap(QPixmap.fromImage(image))
        self.scroll.verticalScrollBar().setValue(0)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        # The page follows the width of the scroll area's viewport, known once the layout has run.
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._draw()
        return super().eventFilter(watched, event)

    def next_page(self) -> None:
        self.show_page(self.current + 1)

    def previous_page(self) -> None:
        self.show_page(self.current - 1)

    def save(self) -> Path | None:
        """Copy the document where the officer chooses (Lưu…); None when cancelled or refused."""
        target = messages.ask_pdf_save_path(self, tr("Lưu văn bản PDF"), str(Path.home() / self.pdf.name))
        if target is None:
            return None
        try:
            return write_atomically(target, lambda temporary: shutil.copyfile(self.pdf, temporary))
        except OutputNotWritable as error:
            messages.error(self, error.message)
            return None

    def print_document(self) -> Operation | None:
        """Ask for the printer, then print every page in the background (In…)."""
        printer = choose_printer(self)
        if printer is None:
            return None
        self.printing = (Operation(self, print_pdf, self.pdf, printer)
                         .with_progress(tr("Đang in…"), cancellable=True)
                         .run())
        return self.printing
