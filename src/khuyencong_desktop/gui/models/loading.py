"""Reading a list off the main thread (background.Operation), shown at once when it was quick."""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from shiboken6 import isValid

from ..background import Operation

GRACE_S = 0.04
"""How long the main thread waits for a read before leaving it to the background: a read of the
demo file or a small office file is shown in the same turn (no flash of an empty list), while the
national file's reads arrive later without the window ever stopping for more than this."""


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
                       deliver: Callable[[Any], None], fail: Callable[[BaseException], None],
                       grace: float = GRACE_S) -> Operation:
    """Run ``fn(*args)`` on a worker thread; ``deliver(result)`` once, on the main thread.

    ``deliver`` runs before this returns when ``fn`` finished within ``grace`` seconds, else when the
    result comes back through the event loop. ``fail`` receives an exception ``fn`` raised. Callers
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
    if outcome.finished.wait(grace) and outcome.ok:
        once(outcome.result)
    return operation
