"""Reading a list off the main thread (background.Operation); a small file's read is awaited."""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from shiboken6 import isValid

from ...operations.listing import stored_records
from ..background import Operation

SMALL_FILE = 1_000
"""A file with at most this many projects and beneficiaries is small (the demo, a young office's
file): its lists are read in a few milliseconds, and the window waits for them so a list never flashes empty."""
SMALL_WAIT_S = 1.0
"""The longest the window waits for a small file's read (a file locked by another process makes a
read wait for SQLite's timeout); past it the result arrives in the background like any other."""


def is_small(db) -> bool:
    """Whether the main thread may wait for reads of ``db`` (see ``SMALL_FILE``)."""
    return stored_records(db) <= SMALL_FILE


class _Outcome:
    """What the worker computed, and whether it has finished (successfully or not)."""

    def __init__(self, fn: Callable[..., Any], args: tuple):
        self.fn, self.args = fn, args
        self.finished = threading.Event()
        self.ok = False
        self.result: Any = None

    def __call__(self) -> Any:
        try:
            self.result = self.fn(*self.args)
            self.ok = True
            return self.result
        finally:
            self.finished.set()


def read_in_background(parent: QObject, fn: Callable[..., Any], *args: Any,
                       wait: bool, deliver: Callable[[Any], None], fail: Callable[[BaseException], None]
                       ) -> Operation:
    """Run ``fn(*args)`` on a worker thread; ``deliver(result)`` once, on the main thread.

    With ``wait`` (a small file) ``deliver`` runs before this returns, unless the read takes more
    than ``SMALL_WAIT_S``; otherwise it runs when the result comes back through the event loop. ``fail`` receives an exception ``fn`` raised. Callers
    drop results that are no longer wanted (the filter changed meanwhile) in ``deliver`` and ``fail``.
    Neither runs once ``parent`` is gone. The operation belongs to the application, not to
    ``parent``: a read is never cut off half-way by its list being closed, and its thread hands the
    result back to a live object.
    """
    outcome = _Outcome(fn, args)
    delivered = threading.Event()

    def once(result: Any) -> None:
        if not delivered.is_set() and isValid(parent):
            delivered.set()
            deliver(result)

    def failed(exc: BaseException) -> None:
        if isValid(parent):
            fail(exc)

    operation = Operation(QCoreApplication.instance(), outcome).success(once).failure(failed).run()
    if wait and outcome.finished.wait(SMALL_WAIT_S) and outcome.ok:
        once(outcome.result)
    return operation
