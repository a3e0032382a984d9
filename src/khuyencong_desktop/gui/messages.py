"""Every message box and file chooser the window shows, in one place (thông báo).

The rest of the window calls these functions through the module (``messages.error(...)``), so a
test replaces them with recorders instead of blocking on a modal dialog; nothing else in the
window creates a QMessageBox or QFileDialog.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..i18n import tr

FILE_FILTER = "KhuyenCong (*.kcdb);;SQLite (*.sqlite *.db)"
PDF_FILTER = "PDF (*.pdf)"


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return box


def error(parent: QWidget | None, text: str) -> None:
    """A known failure explained to the officer (locked, read-only, damaged, foreign file…)."""
    box = _box(parent, QMessageBox.Icon.Warning, tr("KhuyenCong"), text)
    box.addButton(tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def info(parent: QWidget | None, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Information, tr("KhuyenCong"), text)
    box.addButton(tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def question(parent: QWidget | None, text: str, yes: str, no: str) -> bool:
    """Ask and return True for ``yes``; the buttons carry their own words, never a bare Yes/No."""
    box = _box(parent, QMessageBox.Icon.Question, tr("KhuyenCong"), text)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
    box.addButton(no, QMessageBox.ButtonRole.NoRole)
    box.exec()
    return box.clickedButton() is yes_button


def bug(parent: QWidget | None, summary: str, log_file: Path) -> None:
    """An unexpected error (a bug): say that nothing was saved by it and where the log is."""
    text = tr("Đã xảy ra lỗi không lường trước: {summary}\n\nThao tác vừa rồi không được ghi. "
              "Chi tiết đã được ghi vào nhật ký:\n{log}\nHãy gửi tệp này cho bộ phận hỗ trợ.",
              summary=summary, log=log_file)
    box = _box(parent, QMessageBox.Icon.Critical, tr("Lỗi chương trình"), text)
    box.addButton(tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def ask_open_path(parent: QWidget | None, title: str, start: str = "") -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, start, FILE_FILTER)
    return Path(path) if path else None


def ask_save_path(parent: QWidget | None, title: str, start: str = "") -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, start, FILE_FILTER)
    if not path:
        return None
    chosen = Path(path)
    return chosen if chosen.suffix else chosen.with_suffix(".kcdb")


def ask_pdf_save_path(parent: QWidget | None, title: str, start: str = "") -> Path | None:
    """Where to save a printed document; ``.pdf`` is added when the officer typed no extension."""
    path, _ = QFileDialog.getSaveFileName(parent, title, start, PDF_FILTER)
    if not path:
        return None
    chosen = Path(path)
    return chosen if chosen.suffix else chosen.with_suffix(".pdf")
