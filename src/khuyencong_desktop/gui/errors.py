"""One handler for every error: known failures get their message, bugs a dialog and the log.

Known failures are ``StorageError`` subclasses (locked, read-only, disk full, damaged, not our
file, newer schema, file in use): their Vietnamese message is shown and nothing is lost, because
every write is one transaction that was rolled back. Anything else is a bug: it is written to
``logs/khuyencong.log`` (rotating) and a dialog points to that file. ``sys.excepthook`` routes
uncaught exceptions from slots and event handlers here too (as Vorta's ``__main__.py`` does).
"""
from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from .. import paths
from . import messages

LOG_NAME = "khuyencong.log"
log = logging.getLogger("khuyencong")


def log_file() -> Path:
    return paths.logs_dir() / LOG_NAME


def setup_logging() -> Path:
    """Log to ``logs/khuyencong.log`` (1 MB, 3 old files kept); idempotent."""
    target = log_file()
    if not any(isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == target for h in log.handlers):
        for old in [h for h in log.handlers if isinstance(h, RotatingFileHandler)]:
            log.removeHandler(old)
            old.close()
        handler = RotatingFileHandler(target, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return target


def is_known(exc: BaseException) -> bool:
    from ..storage.errors import StorageError

    return isinstance(exc, StorageError)


def user_message(exc: BaseException) -> str:
    return getattr(exc, "message", None) or str(exc)


def report(exc: BaseException, parent: QWidget | None = None) -> None:
    """Show ``exc`` to the officer: its own message when it is known, the bug dialog otherwise."""
    if is_known(exc):
        log.warning("%s: %s", type(exc).__name__, user_message(exc))
        messages.error(parent, user_message(exc))
        return
    setup_logging()
    log.error("unexpected error\n%s", "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    summary = f"{type(exc).__name__}: {exc}"
    messages.bug(parent, summary, log_file())


def excepthook(exc_type, exc, tb) -> None:
    """``sys.excepthook`` of the window: log and show instead of dying silently."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    report(exc, QApplication.activeWindow())


def install_excepthook() -> None:
    setup_logging()
    sys.excepthook = excepthook
