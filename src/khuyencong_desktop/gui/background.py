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

import itertools
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from ..i18n import tr
from . import errors


class Cancelled(Exception):
    """Raised by a long function that noticed ``cancelled()``: the operation ends quietly."""


class _Relay(QObject):
    """The one messenger from the workers to the main thread, for every operation.

    It lives on the main thread as long as the application, and it keeps each running operation
    until its end is handled there. A worker holds nothing that could be the last reference to a Qt
    object: what is released on a worker thread is destroyed there, and a Qt object destroyed off
    its thread crashes the window (CI saw it). So a worker carries only the operation's number,
    lets go of the function and its arguments before it reports the end, and the operation lets go
    of them on the main thread after that.
    """

    progressed = Signal(int, int, int, str)  # (operation number, done, total, text)
    done = Signal(int, object, object)  # (operation number, result, exception or None)

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.running: dict[int, Operation] = {}
        self.numbers = itertools.count(1)
        self.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.done.connect(self._done, Qt.ConnectionType.QueuedConnection)

    def _progressed(self, number: int, done: int, total: int, text: str) -> None:
        operation = self.running.get(number)
        if operation is not None and isValid(operation):
            operation._show_progress(done, total, text)

    def _done(self, number: int, result: Any, exc: BaseException | None) -> None:
        operation = self.running.pop(number, None)
        if operation is not None and isValid(operation):
            operation._finish(result, exc)


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    """The application's relay, made on the main thread by the first operation."""
    global _relay
    if _relay is None or not isValid(_relay):
        _relay = _Relay(QCoreApplication.instance())
    return _relay


def _emit(signal, *args) -> None:
    try:
        signal.emit(*args)
    except RuntimeError:
        pass  # the application is shutting down: nobody is left to tell


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict, relay: _Relay, number: int):
        super().__init__()
        self.setAutoDelete(True)
        self.fn, self.args, self.kwargs, self.relay, self.number = fn, args, kwargs, relay, number

    def run(self) -> None:
        fn, args, kwargs = self.fn, self.args, self.kwargs
        self.fn = self.args = self.kwargs = None
        try:
            outcome = (fn(*args, **kwargs), None)
        except BaseException as exc:  # every failure goes back to the main thread's handler
            outcome = (None, exc)
        del fn, args, kwargs  # let go here, while the operation still holds them on the main thread
        _emit(self.relay.done, self.number, *outcome)


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
        relay = _the_relay()
        number = next(relay.numbers)
        kwargs: dict[str, Any] = {}
        if self._title is not None:
            kwargs = {"progress": lambda done, total, text="": _emit(relay.progressed, number, done, total, text),
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
        relay.running[number] = self
        QThreadPool.globalInstance().start(_Job(self._fn, self._args, kwargs, relay, number))
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
            # What the work and its callbacks hold is let go here, on the main thread.
            self._fn = self._args = self._on_success = self._on_failure = None
            self.finished.emit()
            self.deleteLater()
