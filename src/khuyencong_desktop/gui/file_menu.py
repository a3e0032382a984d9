"""The Tệp (File) menu: new, open, recent files, save a copy, back up, office details, settings, quit."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from .. import paths
from ..i18n import tr
from . import messages
from .forms.base import run_dialog
from .opening import FileOpener


class FileMenu(QObject):
    """Fills ``window.menus["file"]`` and turns each action into a call on the FileOpener."""

    def __init__(self, window: QMainWindow, opener: FileOpener):
        super().__init__(window)
        self.window, self.opener = window, opener
        menu = window.menus["file"]
        self.new_action = self._add(tr("&Mới…"), self.new_file, QKeySequence.StandardKey.New)
        self.open_action = self._add(tr("&Mở…"), self.open_file, QKeySequence.StandardKey.Open)
        self.recent_menu = menu.addMenu(tr("Mở &gần đây"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        menu.addSeparator()
        self.save_copy_action = self._add(tr("Lưu &bản sao…"), self.save_copy, QKeySequence("Ctrl+Shift+S"))
        self.backup_action = self._add(tr("Sao lưu &ngay"), self.backup_now)
        self.write_back_action = self._add(tr("Ghi lại vào tệp &gốc"), self.write_back)
        menu.addSeparator()
        self.office_action = self._add(tr("Thông tin đơn &vị…"), self.edit_office)
        self.settings_action = self._add(tr("&Cài đặt…"), self.edit_settings)
        menu.addSeparator()
        self.quit_action = self._add(tr("T&hoát"), window.close, QKeySequence("Ctrl+Q"))
        opener.opened.connect(self._file_opened)
        self._file_opened()

    def _add(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _=False: slot())
        self.window.menus["file"].addAction(action)
        return action

    def _file_opened(self, _path: Path | None = None) -> None:
        self.write_back_action.setVisible(self.opener.original is not None)

    def _start_folder(self) -> str:
        return str(self.opener.path.parent if self.opener.path else paths.user_data_dir())

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.opener.settings.recent_files
        for number, file in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {file}")
            action.triggered.connect(lambda _=False, f=file: self.opener.open(f))
        if not recent:
            self.recent_menu.addAction(tr("(chưa có)")).setEnabled(False)

    def new_file(self) -> None:
        """Ask whose file it is (office, parent body, province), then where to save it; make it and open it."""
        from .dialogs.new_file import NewFileDialog

        dialog = NewFileDialog(self.opener.current_province(), self.window)
        if not run_dialog(dialog):
            return
        path = messages.ask_save_path(self.window, tr("Tạo tệp mới"), self._start_folder())
        if path is not None:
            self.opener.create(path, dialog.values())

    def open_file(self) -> None:
        path = messages.ask_open_path(self.window, tr("Mở tệp"), self._start_folder())
        if path is not None:
            self.opener.open(path)

    def save_copy(self) -> None:
        path = messages.ask_save_path(self.window, tr("Lưu bản sao"), self._start_folder())
        if path is not None and self.opener.save_copy(path) is not None:
            messages.info(self.window, tr("Đã lưu bản sao vào «{path}».", path=path))

    def backup_now(self) -> None:
        target = self.opener.backup_now()
        if target is not None:
            messages.info(self.window, tr("Đã sao lưu vào «{path}».", path=target))

    def write_back(self) -> None:
        if self.opener.write_back():
            messages.info(self.window, tr("Đã ghi lại vào tệp gốc «{path}».", path=self.opener.original))

    def edit_office(self) -> None:
        from .dialogs.office import OfficeDialog

        OfficeDialog(self.opener.context, self.window).exec()

    def edit_settings(self) -> None:
        from .dialogs.settings_dialog import SettingsDialog

        SettingsDialog(self.opener.settings, self.opener.context, self.window).exec()
