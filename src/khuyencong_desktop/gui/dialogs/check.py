"""Kiểm tra tệp: the file's integrity and consistency problems, computed in the background."""
from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from ...i18n import tr
from ...operations.check import CheckReport, check_file
from ...storage.database import Database
from ..background import Operation

SEVERITY = {"error": "Lỗi", "warning": "Cảnh báo"}


class CheckDialog(QDialog):
    def __init__(self, report: CheckReport, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Kết quả kiểm tra tệp"))
        self.resize(900, 480)
        if report.ok and not report.problems:
            verdict = tr("Tệp toàn vẹn, không phát hiện vấn đề nào.")
        elif report.integrity != "ok":
            verdict = tr("Tệp bị hỏng: {detail}. Hãy dùng bản sao lưu gần nhất.", detail=report.integrity)
        else:
            errors = sum(p.severity == "error" for p in report.problems)
            verdict = tr("Tệp toàn vẹn; {errors} lỗi và {warnings} cảnh báo về số liệu.", errors=errors,
                         warnings=len(report.problems) - errors)
        self.verdict = QLabel(verdict)
        self.verdict.setWordWrap(True)
        self.table = QTableWidget(len(report.problems), 3)
        self.table.setHorizontalHeaderLabels([tr("Mức"), tr("Bản ghi"), tr("Nội dung")])
        for row, problem in enumerate(report.problems):
            for column, text in enumerate((tr(SEVERITY[problem.severity]), problem.record, problem.message)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        buttons = QDialogButtonBox()
        buttons.addButton(tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table)
        layout.addWidget(buttons)


def run_check(parent: QWidget, db: Database) -> Operation:
    """Run the check off the main thread, then show the dialog."""
    return (Operation(parent, check_file, db)
            .success(lambda report: CheckDialog(report, parent).open())
            .run())
