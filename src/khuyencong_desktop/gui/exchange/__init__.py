"""File → Trao đổi dữ liệu: export a package, preview and merge one, conflicts, duplicates, restore the backup."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from ...exchange.merge import MergeResult, merge_package
from ...exchange.package import write_package
from ...exchange.report import refusal_line
from ...i18n import tr
from ...paths import backups_dir
from ...storage.database import Database
from .. import messages
from ..background import Operation
from .conflicts import ConflictsDialog
from .duplicates import DuplicatesDialog
from .preview import MergePreview

PACKAGE_FILTER = tr("Gói trao đổi dữ liệu KhuyenCong (*.kcx)")


def _export(db: Database, path: Path, **_progress) -> Path:
    return write_package(db, path)


def _merge(db: Database, path: Path, dry_run: bool, **_progress) -> MergeResult:
    return merge_package(db, path, dry_run=dry_run)


def latest_backup(db: Database) -> Path | None:
    """The newest backup made before a merge into this file."""
    found = sorted(backups_dir().glob(f"{db.path.stem}-before-merge-*.kcdb"),
                   key=lambda p: (p.stat().st_mtime_ns, p.name))
    return found[-1] if found else None


class ExchangeActions:
    """The submenu's actions, bound to the window's open file."""

    def __init__(self, window):
        self.window = window
        menu = window.menus["file"].addMenu(tr("Trao đổi dữ liệu"))
        menu.addAction(tr("Xuất gói dữ liệu…"), self.export)
        menu.addAction(tr("Nhận gói dữ liệu…"), self.receive)
        menu.addAction(tr("Xung đột cần xem xét…"), self.show_conflicts)
        menu.addAction(tr("Cơ sở có thể trùng…"), self.show_duplicates)
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
        self.preview = MergePreview(result, self.window, self.window.context.money_unit)
        self.preview.accepted.connect(lambda: self._apply(path))
        self.preview.open()

    def _apply(self, path: Path) -> Operation:
        return (Operation(self.window, _merge, self.db, path, False)
                .with_progress(tr("Đang nhận gói dữ liệu…"), cancellable=False)
                .success(self._merged).run())

    def _merged(self, result: MergeResult) -> None:
        self.window.context.data_changed.emit("*")
        text = tr("Đã nhận gói dữ liệu: tạo mới {created}, cập nhật {updated}, xung đột {conflicts}. "
                  "Bản sao lưu trước khi nhận: {backup}", created=result.created, updated=result.updated,
                  conflicts=len(result.conflicts), backup=result.backup)
        if result.refused:
            # Refused edits stay unapplied and are reported again at each merge until their code is free.
            text += "\n" + tr("Không nhận (giữ nguyên bản ghi của đơn vị này): {n}", n=len(result.refused))
            text += "".join(f"\n  {refusal_line(r)}" for r in result.refused)
        messages.info(self.window, text)

    def show_conflicts(self) -> ConflictsDialog:
        self.conflicts = ConflictsDialog(self.db, self.window.context.money_unit, self.window)
        self.conflicts.finished.connect(lambda *_: self.window.context.data_changed.emit("*"))
        self.conflicts.open()
        return self.conflicts

    def show_duplicates(self) -> DuplicatesDialog:
        self.duplicates = DuplicatesDialog(self.db, self.window.context.money_unit, self.window)
        self.duplicates.finished.connect(lambda *_: self.window.context.data_changed.emit("*"))
        self.duplicates.open()
        return self.duplicates

    def restore(self) -> Path | None:
        """Put back the file as it was before the last merge; the current file is backed up first (undoable)."""
        backup = latest_backup(self.db)
        if backup is None:
            messages.info(self.window, tr("Chưa có bản sao lưu nào được tạo trước khi nhận gói."))
            return None
        if not messages.question(self.window, tr("Khôi phục tệp về bản sao lưu {path}? Những gì đã nhận sau đó sẽ mất.",
                                                 path=backup.name), tr("Khôi phục bản sao lưu"), tr("Không")):
            return None
        current = self.db
        saved = current.backup(backups_dir(), "before-restore")
        copy = Database.open(backup)
        try:
            staged = copy.snapshot_to(current.path.with_name(current.path.name + ".restoring"))
        finally:
            copy.close()
        # The file keeps its lock; only its connections close, so the window switches once, to the restored file.
        current.close()
        os.replace(staged, current.path)
        restored = Database.open(current.path)
        restored.actor = current.actor
        self.window.context.set_database(restored)
        messages.info(self.window, tr("Đã khôi phục tệp về bản sao lưu {backup}. Tệp trước khi khôi phục được lưu tại "
                                      "{saved}.", backup=backup.name, saved=saved))
        return saved


def install(window) -> ExchangeActions:
    """Add File → Trao đổi dữ liệu to ``window`` (it has ``menus["file"]`` and ``context``)."""
    window.exchange_actions = ExchangeActions(window)
    return window.exchange_actions
