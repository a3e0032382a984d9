"""The one way to run long work (chạy nền) without freezing the window.

Modelled on Anki's ``CollectionOp``::

    Operation(self, period_summary, db, 2017, 2021)
        .with_progress(tr("Đang tính…"), cancellable=True)
        .success(self.show_summary)
        .failure(self.show_failure)
        .run()

``fn`` runs on a worker thread of the global QThreadPool. It receives plain arguments (a
``Database``, numbers, paths) and opens its own sessions, so no ORM object ever crosses threads;
its result must be plain data too. With ``with_progress`` it is also called with the keywords
``progress(done, total, text)`` and ``cancelled()``; cancelling (the Hủy button) makes
``cancelled()`` true, and ``fn`` stops by raising :class:`Cancelled` or by returning. The result
comes back to the main thread by a queued signal. Errors go to the failure callback if given,
else to the one handler in :mod:`.errors`. ``finished`` is emitted last, whatever happened.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..i18n import tr
from . import errors


class Cancelled(Exception):
    """Raised by a long function that noticed ``cancelled()``: the operation ends quietly."""


class _Relay(QObject):
    """Carries the worker's news to the main thread (queued across threads)."""

    progressed = Signal(int, int, str)
    done = Signal(object, object)  # (result, exception or None)


def _emit(signal, *args) -> None:
    try:
        signal.emit(*args)
    except RuntimeError:
        pass  # the window that asked is gone (closed while the work ran): nobody is left to tell


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict, relay: _Relay):
        super().__init__()
        self.setAutoDelete(True)
        self.fn, self.args, self.kwargs, self.relay = fn, args, kwargs, relay

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:  # every failure goes back to the main thread's handler
            _emit(self.relay.done, None, exc)
        else:
            _emit(self.relay.done, result, None)


class Operation(QObject):
    """One piece of long work: build it, chain the callbacks, ``run()``."""

    finished = Signal()
    succeeded = Signal(object)
    failed = Signal(object)
    was_cancelled = Signal()

    def __init__(self, parent: QWidget | QObject, fn: Callable[..., Any], *args: Any):
        super().__init__(parent)
        self._parent_widget = parent if isinstance(parent, QWidget) else None
        self._fn, self._args = fn, args
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._title: str | None = None
        self._cancellable = False
        self._cancel_event = threading.Event()
        self._dialog: QProgressDialog | None = None
        self._relay = _Relay()
        self._relay.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self._relay.done.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        # Closing the window that owns the operation stops the work (the lambda holds no widget).
        cancel_event = self._cancel_event
        self.destroyed.connect(lambda *_: cancel_event.set())

    def with_progress(self, title: str, cancellable: bool = True) -> Operation:
        self._title, self._cancellable = title, cancellable
        return self

    def success(self, callback: Callable[[Any], None]) -> Operation:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Operation:
        self._on_failure = callback
        return self

    @property
    def dialog(self) -> QProgressDialog | None:
        return self._dialog

    def cancel(self) -> None:
        """What the Hủy button does: ask the worker to stop; its result will be discarded."""
        self._cancel_event.set()

    def is_cancelled(self) -> bool:
        return self._cancel_event.is_set()

    def run(self) -> Operation:
        kwargs: dict[str, Any] = {}
        if self._title is not None:
            relay = self._relay
            kwargs = {"progress": lambda done, total, text="": _emit(relay.progressed, done, total, text),
                      "cancelled": self._cancel_event.is_set}
            self._dialog = QProgressDialog(self._title, tr("Hủy") if self._cancellable else "", 0, 0,
                                           self._parent_widget)
            self._dialog.setWindowTitle(tr("KhuyenCong"))
            self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self._dialog.setMinimumDuration(400)
            self._dialog.setAutoClose(False)
            self._dialog.setAutoReset(False)
            if not self._cancellable:
                self._dialog.setCancelButton(None)
            self._dialog.canceled.connect(self.cancel)
        QThreadPool.globalInstance().start(_Job(self._fn, self._args, kwargs, self._relay))
        return self

    def _show_progress(self, done: int, total: int, text: str) -> None:
        if self._dialog is None or self.is_cancelled():
            return
        self._dialog.setMaximum(max(total, 0))
        self._dialog.setValue(min(done, total) if total > 0 else 0)
        if text:
            self._dialog.setLabelText(text)

    def _finish(self, result: Any, exc: BaseException | None) -> None:
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        try:
            if self.is_cancelled() or isinstance(exc, Cancelled):
                self.was_cancelled.emit()
            elif exc is not None:
                self.failed.emit(exc)
                if self._on_failure is not None:
                    self._on_failure(exc)
                else:
                    errors.report(exc, self._parent_widget)
            else:
                self.succeeded.emit(result)
                if self._on_success is not None:
                    self._on_success(result)
        finally:
            self.finished.emit()
            self.deleteLater()
