"""Opening, creating and copying the file the window works on (tệp đang mở), safely.

Every way a file gets opened goes through :meth:`FileOpener.open`: lock it (a second window or
process is refused), offer a local copy when it sits on a USB stick or a network share, open it
(a newer, damaged or foreign file raises a StorageError whose message is shown), and only then
switch the window to it, so a failure leaves the previous file open and untouched.
"""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from .. import paths
from ..i18n import tr
from ..storage.database import Database
from ..storage.errors import StorageError
from ..storage.models import Office
from . import errors, messages
from .context import AppContext
from .file_safety import LOCAL, NETWORK, FileLock, drive_kind
from .settings import Settings

LOCAL_COPIES = "local-copies"


class FileOpener(QObject):
    """The open file, its lock and, when working on a local copy, the original it came from."""

    opened = Signal(Path)

    def __init__(self, context: AppContext, settings: Settings, parent: QWidget):
        super().__init__(parent)
        self.context = context
        self.settings = settings
        self.window = parent
        self.path: Path | None = None
        self.original: Path | None = None
        """The file on the USB stick or share while the officer works on a local copy of it."""
        self._locks: list[FileLock] = []

    # -- opening ------------------------------------------------------------------------------
    def open(self, path: str | Path, *, ask_local_copy: bool = True) -> bool:
        """Open ``path`` in the window; on any known failure say why and keep the current file."""
        path = Path(path).expanduser().resolve()
        if self.path is not None and path == self.path:
            return True
        locks: list[FileLock] = []
        try:
            locks.append(FileLock(path).acquire())
            original = None
            kind = drive_kind(path)
            if ask_local_copy and kind != LOCAL and self._wants_local_copy(path, kind):
                original, path = path, self._make_local_copy(path)
                locks.append(FileLock(path).acquire())
            db = Database.open(path, backup_dir=paths.backups_dir())
        except StorageError as exc:
            for lock in locks:
                lock.release()
            errors.report(exc, self.window)
            return False
        except BaseException:
            for lock in locks:
                lock.release()
            raise
        self._switch(db, locks, original)
        return True

    def _switch(self, db: Database, locks: list[FileLock], original: Path | None) -> None:
        db.actor = self.settings.actor
        previous = self._locks
        self.context.set_database(db)
        for lock in previous:
            lock.release()
        self._locks, self.path, self.original = locks, db.path, original
        self.settings.add_recent(original or db.path)
        self.opened.emit(db.path)

    def _wants_local_copy(self, path: Path, kind: str) -> bool:
        where = tr("ổ mạng") if kind == NETWORK else tr("ổ đĩa rời (USB)")
        return messages.question(
            self.window,
            tr("Tệp «{path}» nằm trên {where}. Làm việc trực tiếp trên đó có thể làm hỏng dữ liệu nếu ổ bị rút "
               "hoặc mất kết nối.\n\nLàm việc trên một bản sao trong máy và ghi lại vào tệp gốc sau "
               "(Tệp → Ghi lại vào tệp gốc)?", path=path, where=where),
            yes=tr("Dùng bản sao trong máy"), no=tr("Mở trực tiếp"))

    def _make_local_copy(self, original: Path) -> Path:
        folder = paths.user_data_dir() / LOCAL_COPIES
        earlier = folder / original.name
        if earlier.exists():
            # A copy from an earlier session may hold work never written back: keep it in backups.
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            os.replace(earlier, paths.backups_dir() / f"{original.stem}-local-copy-{stamp}.kcdb")
        source = Database.open(original, backup_dir=paths.backups_dir())
        try:
            return source.snapshot_to(folder / original.name)
        finally:
            source.close()

    def open_startup_file(self, requested: Path | None) -> bool:
        """At start: the file asked for, else the last file, else the demo file (created the first time)."""
        if requested is not None:
            if self.open(requested):
                return True
        elif self.settings.last_file and Path(self.settings.last_file).exists():
            if self.open(self.settings.last_file):
                return True
        demo = paths.default_database_path()
        if not demo.exists():
            from ..operations.demo import create_demo_database

            create_demo_database(demo).close()
        return self.open(demo)

    # -- other file actions ---------------------------------------------------------------------
    def current_province(self) -> str:
        """The open file's province (what a new file most likely shares), "" without one."""
        if not self.context.has_db:
            return ""
        with self.context.db.session() as session:
            office = self.context.db.local_office(session)
            return office.province if office else ""

    def create(self, path: Path, office: dict[str, str]) -> bool:
        """A new empty file for the office named in ``office`` (name, parent_body, province), then open it.

        The province is also the place name of its documents' date line; the rest of the
        letterhead is filled in later (Thông tin đơn vị).
        """
        from ..operations.create import create_database

        try:
            create_database(path, Office(name=office["name"], parent_body=office["parent_body"],
                                         province=office["province"], place_name=office["province"])).close()
        except StorageError as exc:
            errors.report(exc, self.window)
            return False
        return self.open(path, ask_local_copy=False)

    def save_copy(self, target: Path) -> Path | None:
        """Lưu bản sao: a consistent snapshot (VACUUM INTO) of the open file."""
        if self.path is not None and Path(target).expanduser().resolve() == self.path:
            messages.error(self.window, tr("Không thể lưu bản sao đè lên chính tệp đang mở."))
            return None
        try:
            return self.context.db.snapshot_to(target)
        except StorageError as exc:
            errors.report(exc, self.window)
            return None

    def backup_now(self) -> Path | None:
        """Sao lưu ngay: a timestamped snapshot in the backups folder."""
        try:
            return self.context.db.backup(paths.backups_dir(), "manual")
        except StorageError as exc:
            errors.report(exc, self.window)
            return None

    def write_back(self) -> bool:
        """Ghi lại vào tệp gốc: the local copy replaces the original on the USB stick or share.

        The snapshot is written beside the original under a temporary name and then renamed over
        it, so a stick pulled out half-way leaves the original as it was.
        """
        if self.original is None:
            return False
        partial = self.original.with_name(self.original.name + ".writing")
        try:
            self.context.db.snapshot_to(partial)
            os.replace(partial, self.original)
        except StorageError as exc:
            partial.unlink(missing_ok=True)
            errors.report(exc, self.window)
            return False
        except OSError as exc:
            partial.unlink(missing_ok=True)
            messages.error(self.window, tr("Không ghi lại được vào «{path}»: {reason}", path=self.original,
                                           reason=exc.strerror or exc))
            return False
        return True

    def close(self) -> None:
        """Close the file and give up its locks (the window is closing)."""
        if self.context.has_db:
            self.context.db.close()
        for lock in self._locks:
            lock.release()
        self._locks = []
