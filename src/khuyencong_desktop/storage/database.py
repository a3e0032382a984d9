"""Opening, creating, migrating, snapshotting and backing up a KhuyenCong SQLite file."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from . import history, migrate
from .errors import DamagedFile, DatabaseLocked, DiskFull, FileMissing, NotOurFile, ReadOnlyFile, StorageError
from .models import Office, Setting

APPLICATION_ID = 0x4B43444B
"""``PRAGMA application_id`` of our files ("KCDK"): tells our databases from any other SQLite file."""
SQLITE_HEADER = b"SQLite format 3\x00"
LOCAL_OFFICE_KEY = "local_office_id"


def _looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(16) == SQLITE_HEADER


def translate_error(exc: BaseException, path: Path) -> StorageError | None:
    """The known failure behind a database exception, or None for a bug."""
    message = str(getattr(exc, "orig", exc)).lower()
    if "locked" in message or "busy" in message:
        return DatabaseLocked(path)
    if "readonly" in message or "read-only" in message:
        return ReadOnlyFile(path)
    if "disk is full" in message or "database or disk is full" in message:
        return DiskFull(path)
    if "malformed" in message or "not a database" in message or "disk i/o" in message:
        return DamagedFile(path)
    return None


class Database:
    """One open KhuyenCong file. Sessions from :meth:`session` are single transactions."""

    def __init__(self, path: Path, engine: Engine):
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        history.install(self._sessions)
        self.actor = ""

    # -- opening --------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, create: bool = False, backup_dir: Path | None = None) -> Database:
        """Open ``path``; with ``create``, make a new empty file when there is none.

        A file from an older schema is backed up (to ``backup_dir``, else beside it) and migrated;
        a file from a newer schema, a damaged file or a foreign file raises a StorageError.
        """
        path = Path(path).expanduser().resolve()
        existed = path.exists() and path.stat().st_size > 0
        if not existed and not create:
            raise FileMissing(path)
        if existed and not _looks_like_sqlite(path):
            raise NotOurFile(path)
        if not existed:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 5})
        event.listen(engine, "connect", _configure_connection)
        try:
            with engine.connect() as conn:
                app_id = conn.execute(text("PRAGMA application_id")).scalar()
                tables = conn.execute(text("SELECT count(*) FROM sqlite_master WHERE type='table'")).scalar()
            if existed and app_id != APPLICATION_ID and (tables or not create):
                raise NotOurFile(path)
            migrate.bring_up_to_date(engine, path, backup_dir=backup_dir, fresh=not existed or not tables)
        except (OperationalError, DatabaseError, sqlite3.DatabaseError) as exc:
            engine.dispose()
            known = translate_error(exc, path)
            if known is None:
                raise
            raise known from exc
        except BaseException:
            engine.dispose()
            raise
        return cls(path, engine)

    def close(self) -> None:
        self.engine.dispose()

    # -- transactions ---------------------------------------------------------------------
    @contextmanager
    def session(self, *, record_history: bool = True) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back entirely on any error."""
        session = self._sessions()
        session.info.update(actor=self.actor, office_id=self.local_office_id_cached(session),
                            record_history=record_history)
        try:
            yield session
            session.commit()
        except (OperationalError, DatabaseError) as exc:
            session.rollback()
            known = translate_error(exc, self.path)
            if known is None:
                raise
            raise known from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    _local_office_id: str | None = None

    def local_office_id_cached(self, session: Session) -> str | None:
        if self._local_office_id is None:
            setting = session.get(Setting, LOCAL_OFFICE_KEY)
            self._local_office_id = setting.value if setting else None
        return self._local_office_id

    def local_office(self, session: Session) -> Office | None:
        office_id = self.local_office_id_cached(session)
        return session.get(Office, office_id) if office_id else None

    def set_local_office(self, session: Session, office: Office) -> None:
        session.merge(Setting(key=LOCAL_OFFICE_KEY, value=office.id))
        self._local_office_id = office.id
        session.info["office_id"] = office.id

    # -- copies ---------------------------------------------------------------------------
    def snapshot_to(self, target: str | Path) -> Path:
        """A consistent copy of the live file (``VACUUM INTO``), never a raw file copy."""
        target = Path(target).expanduser().resolve()
        if target.exists():
            target.unlink()
        target.parent.mkdir(parents=True, exist_ok=True)
        with self.engine.connect() as conn:
            conn.exec_driver_sql("VACUUM INTO ?", (str(target),))
        return target

    def backup(self, folder: Path, reason: str) -> Path:
        """A timestamped consistent copy in ``folder``, e.g. before a merge or a migration.

        Named to the microsecond, with a counter when that name is taken: a backup never
        replaces another one, even two made in the same instant by two processes.
        """
        from .base import utc_now

        folder = Path(folder).expanduser().resolve()
        folder.mkdir(parents=True, exist_ok=True)
        stamp = utc_now().replace(":", "").replace("-", "").replace(".", "").rstrip("Z")
        base, counter = f"{self.path.stem}-{reason}-{stamp}", 1
        while True:
            target = folder / (f"{base}.kcdb" if counter == 1 else f"{base}-{counter}.kcdb")
            counter += 1
            if target.exists():
                continue
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("VACUUM INTO ?", (str(target),))
            except OperationalError as exc:
                if "exists" in str(exc.orig).lower():
                    continue  # another process took this name between the check and the copy
                raise
            return target


def _configure_connection(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # A rollback journal, not WAL: files live on USB sticks and network shares where WAL breaks.
    cursor.execute("PRAGMA journal_mode=DELETE")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()
