"""File → Trao đổi dữ liệu: export a package, preview and merge one, restore the backup, resolve conflicts."""
from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from ..exchange.conflicts import Conflict, list_conflicts, parse_value, resolve
from ..exchange.merge import MergeResult, merge_package
from ..exchange.package import write_package
from ..i18n import tr
from ..paths import backups_dir
from ..storage.database import Database
from . import messages
from .background import Operation

PACKAGE_FILTER = tr("Gói trao đổi dữ liệu KhuyenCong (*.kcx)")


def _export(db: Database, path: Path, **_progress) -> Path:
    return write_package(db, path)


def _merge(db: Database, path: Path, dry_run: bool, **_progress) -> MergeResult:
    return merge_package(db, path, dry_run=dry_run)


def _shown(value: object) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False).strip('"')


class MergePreview(QDialog):
    """Xem trước: what merging the package would do, before anything is written."""

    def __init__(self, result: MergeResult, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Nhận gói dữ liệu của {office}", office=result.office))
        self.resize(620, 520)
        layout = QVBoxLayout(self)
        self.summary = QLabel(tr("Tạo mới: {created}; cập nhật: {updated}; không đổi: {unchanged}",
                                 created=result.created, updated=result.updated, unchanged=result.unchanged))
        layout.addWidget(self.summary)
        self.conflicts = self._list(layout, tr("Xung đột cần xem xét: {n}", n=len(result.conflicts)),
                                    [f"{c['record']}: {c['field']}" for c in result.conflicts])
        self.duplicates = self._list(layout, tr("Cơ sở nghi trùng: {n}", n=len(result.duplicates)),
                                     [f"{d['first']} ↔ {d['second']}" for d in result.duplicates])
        self.refused = self._list(layout, tr("Từ chối: {n}", n=len(result.refused)),
                                  [f"{r.label}: {r.reason}" for r in result.refused])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = buttons.addButton(tr("Nhận dữ liệu"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def _list(layout: QVBoxLayout, title: str, lines: list[str]) -> QListWidget:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        widget = QListWidget()
        widget.addItems(lines)
        inner.addWidget(widget)
        layout.addWidget(box)
        return widget


class ConflictsDialog(QDialog):
    """Xung đột: every open conflict with its competing values side by side; choosing one is a recorded edit."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(tr("Xung đột cần xem xét"))
        self.resize(820, 420)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([tr("Bản ghi"), tr("Trường")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.currentCellChanged.connect(lambda *_: self._show_options())
        layout.addWidget(self.table)
        self.options_box = QGroupBox(tr("Các giá trị"))
        self.options = QGridLayout(self.options_box)
        layout.addWidget(self.options_box)
        own = QHBoxLayout()
        self.own_value = QLineEdit()
        self.own_value.setPlaceholderText(tr("hoặc nhập giá trị khác"))
        self.save_own = QPushButton(tr("Lưu giá trị này"))
        self.save_own.clicked.connect(self._save_own)
        own.addWidget(self.own_value)
        own.addWidget(self.save_own)
        layout.addLayout(own)
        self.reload()

    def reload(self) -> None:
        self.conflicts: list[Conflict] = list_conflicts(self.db)
        self.table.setRowCount(len(self.conflicts))
        for row, conflict in enumerate(self.conflicts):
            field = tr("đã xóa / còn dùng") if conflict.is_deletion else conflict.field
            self.table.setItem(row, 0, QTableWidgetItem(f"{conflict.entity} {conflict.record}"))
            self.table.setItem(row, 1, QTableWidgetItem(field))
        self.table.resizeColumnToContents(0)
        if self.conflicts:
            self.table.setCurrentCell(0, 0)
        self._show_options()

    def current(self) -> Conflict | None:
        row = self.table.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show_options(self) -> None:
        while self.options.count():
            widget = self.options.takeAt(0).widget()
            widget.setParent(None)
            widget.deleteLater()
        conflict = self.current()
        self.save_own.setEnabled(conflict is not None and not conflict.is_deletion)
        if conflict is None:
            return
        for column, option in enumerate(conflict.options):
            if conflict.is_deletion:
                value, choice = (tr("Xóa bản ghi"), True) if option.op == "delete" else (
                    tr("Giữ bản ghi ({field} = {value})", field=option.op, value=_shown(option.value)), False)
            else:
                value, choice = _shown(option.value), option.value
            shown = tr(" (đang hiển thị)") if option.entry_id == conflict.shown_entry_id else ""
            self.options.addWidget(QLabel(f"<b>{value}</b>{shown}"), 0, column)
            self.options.addWidget(QLabel(f"{option.office}<br>{option.actor}<br>{option.at[:16].replace('T', ' ')}"),
                                   1, column)
            button = QPushButton(tr("Chọn giá trị này"))
            button.clicked.connect(lambda _=False, c=conflict, v=choice: self._choose(c, v))
            self.options.addWidget(button, 2, column)

    def _choose(self, conflict: Conflict, value: object) -> None:
        resolve(self.db, conflict.record_id, conflict.field, value)
        self.reload()

    def _save_own(self) -> None:
        conflict = self.current()
        try:
            value = parse_value(conflict.entity, conflict.field, self.own_value.text())
        except ValueError as exc:
            messages.error(self, str(exc))
            return
        self.own_value.clear()
        self._choose(conflict, value)


def latest_backup(db: Database) -> Path | None:
    found = sorted(backups_dir().glob(f"{db.path.stem}-before-merge-*.kcdb"), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


class ExchangeActions:
    """The submenu's actions, bound to the window's open file."""

    def __init__(self, window):
        self.window = window
        menu = window.menus["file"].addMenu(tr("Trao đổi dữ liệu"))
        menu.addAction(tr("Xuất gói dữ liệu…"), self.export)
        menu.addAction(tr("Nhận gói dữ liệu…"), self.receive)
        menu.addAction(tr("Xung đột cần xem xét…"), self.show_conflicts)
        menu.addAction(tr("Khôi phục bản sao lưu trước khi nhận…"), self.restore)
        self.menu = menu

    @property
    def db(self) -> Database:
        return self.window.context.db

    def export(self, path: Path | None = None) -> Operation | None:
        path = path or Path(QFileDialog.getSaveFileName(self.window, tr("Xuất gói dữ liệu"), "", PACKAGE_FILTER)[0])
        if not path.name:
            return None
        done = tr("Đã ghi gói trao đổi dữ liệu {path} ({size} KB).")
        return (Operation(self.window, _export, self.db, path.with_suffix(".kcx"))
                .with_progress(tr("Đang ghi gói dữ liệu…"), cancellable=False)
                .success(lambda out: messages.info(self.window, done.format(path=out, size=round(
                    out.stat().st_size / 1024)))).run())

    def receive(self, path: Path | None = None) -> Operation | None:
        path = path or Path(QFileDialog.getOpenFileName(self.window, tr("Nhận gói dữ liệu"), "", PACKAGE_FILTER)[0])
        if not path.name:
            return None
        return (Operation(self.window, _merge, self.db, path, True)
                .with_progress(tr("Đang đọc gói dữ liệu…"), cancellable=False)
                .success(lambda result: self._preview(path, result)).run())

    def _preview(self, path: Path, result: MergeResult) -> None:
        self.preview = MergePreview(result, self.window)
        self.preview.accepted.connect(lambda: self._apply(path))
        self.preview.open()

    def _apply(self, path: Path) -> Operation:
        return (Operation(self.window, _merge, self.db, path, False)
                .with_progress(tr("Đang nhận gói dữ liệu…"), cancellable=False)
                .success(self._merged).run())

    def _merged(self, result: MergeResult) -> None:
        self.window.context.data_changed.emit("*")
        messages.info(self.window, tr("Đã nhận gói dữ liệu: tạo mới {created}, cập nhật {updated}, xung đột {conflicts}. "
                                      "Bản sao lưu trước khi nhận: {backup}", created=result.created,
                                      updated=result.updated, conflicts=len(result.conflicts), backup=result.backup))

    def show_conflicts(self) -> ConflictsDialog:
        self.conflicts = ConflictsDialog(self.db, self.window)
        self.conflicts.finished.connect(lambda *_: self.window.context.data_changed.emit("*"))
        self.conflicts.open()
        return self.conflicts

    def restore(self) -> None:
        backup = latest_backup(self.db)
        if backup is None:
            messages.info(self.window, tr("Chưa có bản sao lưu nào được tạo trước khi nhận gói."))
            return
        if not messages.question(self.window, tr("Khôi phục tệp về bản sao lưu {path}? Những gì đã nhận sau đó sẽ mất.",
                                                 path=backup.name), tr("Khôi phục"), tr("Không")):
            return
        path = self.db.path
        copy = Database.open(backup)
        try:
            staged = copy.snapshot_to(path.with_name(path.name + ".restoring"))
        finally:
            copy.close()
        self.window.context.set_database(None)
        os.replace(staged, path)
        self.window.context.set_database(Database.open(path))


def install(window) -> ExchangeActions:
    """Add File → Trao đổi dữ liệu to ``window`` (it has ``menus["file"]`` and ``context``)."""
    window.exchange_actions = ExchangeActions(window)
    return window.exchange_actions
