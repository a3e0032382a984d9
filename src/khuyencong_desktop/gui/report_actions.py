"""The Báo cáo menu's printed documents: ask, generate in the background, then preview, save, print."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget

from .. import paths
from ..i18n import tr
from ..operations.reports import project_choices, write_report
from ..reports.letterhead_from_office import DocumentOptions
from . import errors
from .background import Operation
from .pdf_preview import PdfPreviewDialog

MENU_TEXTS = {
    "proposal": "Đề án (PDF)…",
    "completion": "Báo cáo kết quả thực hiện đề án…",
    "summary": "Báo cáo tổng kết giai đoạn…",
    "plan": "Danh mục đề án năm…",
}


@dataclass(frozen=True)
class ReportRequest:
    """What the officer asked for: the kind, its parameters, the number and date of the document."""

    kind: str
    project: str = ""
    from_year: int = 0
    to_year: int = 0
    year: int = 0
    options: DocumentOptions = field(default_factory=DocumentOptions)

    def file_name(self) -> str:
        stem = {"proposal": f"de-an-{self.project}", "completion": f"bao-cao-ket-qua-{self.project}",
                "summary": f"tong-ket-{self.from_year}-{self.to_year}", "plan": f"danh-muc-{self.year}"}
        return stem[self.kind] + ".pdf"


class RequestDialog(QDialog):
    """The parameters of one document: project or years, then the number and the date."""

    def __init__(self, kind: str, projects: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(tr(MENU_TEXTS[kind]).rstrip("…"))
        form = QFormLayout(self)
        this_year = date.today().year
        self.project = QComboBox()
        for code, name in projects:
            self.project.addItem(f"{code} — {name}", code)
        self.from_year, self.to_year, self.year = (self._year_box(this_year - 4), self._year_box(this_year),
                                                   self._year_box(this_year))
        if kind in ("proposal", "completion"):
            form.addRow(tr("Đề án:"), self.project)
        elif kind == "summary":
            form.addRow(tr("Từ năm:"), self.from_year)
            form.addRow(tr("Đến năm:"), self.to_year)
        else:
            form.addRow(tr("Năm:"), self.year)
        self.number = QSpinBox()
        self.number.setRange(0, 9999)
        self.number.setSpecialValueText(tr("(để trống, điền tay)"))
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        form.addRow(tr("Số văn bản:"), self.number)
        form.addRow(tr("Ngày văn bản:"), self.day)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Tạo văn bản"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Hủy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @staticmethod
    def _year_box(value: int) -> QSpinBox:
        box = QSpinBox()
        box.setRange(1990, 2100)
        box.setValue(value)
        return box

    def request(self) -> ReportRequest:
        options = DocumentOptions(number=self.number.value() or None, day=self.day.date().toPython())
        return ReportRequest(self.kind, self.project.currentData() or "", self.from_year.value(),
                             self.to_year.value(), self.year.value(), options)


class ReportActions(QObject):
    """The four menu actions of ``window.menus["reports"]`` and the documents they make."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.preview: PdfPreviewDialog | None = None
        menu = window.menus["reports"]
        menu.addSeparator()
        self.actions: dict[str, QAction] = {}
        for kind, text in MENU_TEXTS.items():
            action = QAction(tr(text), window)
            action.triggered.connect(lambda _=False, k=kind: self.ask(k))
            menu.addAction(action)
            self.actions[kind] = action

    def ask(self, kind: str) -> None:
        db = self.window.context.db
        dialog = RequestDialog(kind, project_choices(db) if kind in ("proposal", "completion") else [],
                               self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.generate(dialog.request())

    def generate(self, request: ReportRequest) -> Operation:
        """Write the document in the background into the user's ``printed`` folder, then preview it."""
        folder = paths.user_data_dir() / "printed"
        folder.mkdir(parents=True, exist_ok=True)
        out = folder / request.file_name()
        operation = Operation(self.window, _write, self.window.context.db, request, out)
        return (operation.with_progress(tr("Đang tạo văn bản…"), cancellable=False)
                .success(self.show_preview).failure(lambda exc: errors.report(exc, self.window)).run())

    def show_preview(self, pdf: Path) -> None:
        self.preview = PdfPreviewDialog(pdf, self.window)
        self.preview.show()


def _write(db, request: ReportRequest, out: Path, progress, cancelled) -> Path:
    """The worker's part: one document, written whole or not at all (it cannot stop half-way)."""
    progress(0, 0, tr("Đang tạo văn bản…"))
    return write_report(db, request.kind, out, request.options, project=request.project,
                        from_year=request.from_year, to_year=request.to_year, year=request.year)


def install(window) -> ReportActions:
    """Add the documents to the Báo cáo menu of ``window`` (which has ``menus`` and ``context``)."""
    window.report_actions = ReportActions(window)
    return window.report_actions
