"""Python's cycle collector (bộ thu gom rác) runs on the main thread only, while the window lives.

Python collects reference cycles whenever allocations pass a threshold, on whichever thread is
allocating at that moment. When that thread is a worker reading a list and the garbage holds a Qt
object (a closed dialog, a model kept in a cycle by a lambda), Qt destroys it from the worker while
the main thread paints, and the process dies: CI saw a segmentation fault in a list test this way.
So while the window runs, automatic collection is off and a timer on the main thread collects with
Python's own thresholds, the way pyqtgraph's ``GarbageCollector`` and GitFourchette do it.
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 500
"""How often the main thread looks at the allocation counts (a collection only when one is due)."""


class MainThreadCollector(QObject):
    """Turns automatic collection off and collects from a main-thread timer instead."""

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.setObjectName("main-thread-collector")
        self.threshold = gc.get_threshold()
        self.was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> int | None:
        """Collect the oldest generation whose count passed its threshold; the generation or None."""
        counts = gc.get_count()
        due = None
        for generation in range(3):
            if counts[generation] > self.threshold[generation]:
                due = generation
        if due is not None:
            gc.collect(due)
        return due

    def stop(self) -> None:
        """Automatic collection as it was before (the tests' teardown; the window's end)."""
        self.timer.stop()
        if self.was_enabled:
            gc.enable()
        self.setParent(None)


def _running(app: QCoreApplication | None) -> MainThreadCollector | None:
    return app.findChild(MainThreadCollector, "main-thread-collector") if app is not None else None


def collect_on_main_thread(app: QCoreApplication | None = None) -> MainThreadCollector:
    """The application's collector, started once (later calls return the running one)."""
    app = app or QCoreApplication.instance()
    return _running(app) or MainThreadCollector(app)


def stop_collecting(app: QCoreApplication | None = None) -> None:
    """Stop the application's collector, if one runs: automatic collection as before. Call it with
    no worker running, so that the next automatic collection happens on this thread."""
    running = _running(app or QCoreApplication.instance())
    if running is not None:
        running.stop()
