"""Cycles are collected on the main thread while the window runs, never on a worker (a Qt object
destroyed from a worker thread crashed the process in CI)."""
from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, QThreadPool

from khuyencong_desktop.gui.app import application
from khuyencong_desktop.gui.background import Operation
from khuyencong_desktop.gui.collector import MainThreadCollector, collect_on_main_thread


class _Cycle:
    def __init__(self, seen: list[str]):
        self.me, self.seen = self, seen

    def __del__(self):
        self.seen.append(threading.current_thread().name)


def test_the_application_collects_on_its_own_thread_only(qtbot):
    app = application(["khuyencong-desktop"])
    collector = collect_on_main_thread(app)
    assert collector is app.findChild(MainThreadCollector, "main-thread-collector")  # one, not one per call
    assert not gc.isenabled()

    seen: list[str] = []

    def make_garbage() -> list:
        for _ in range(50):
            _Cycle(seen)
        # Far past every threshold (automatic collection would run here), and kept alive by the result
        # so the counts stay past the thresholds until the main thread's timer looks.
        return [[i] for i in range(200_000)]

    done: list[list] = []
    Operation(app, make_garbage).success(done.append).run()
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    QThreadPool.globalInstance().waitForDone()
    assert seen == []  # nothing collected on the worker
    qtbot.waitUntil(lambda: len(seen) == 50, timeout=5000)  # the timer collected them, here
    assert set(seen) == {threading.main_thread().name}


def test_a_collection_is_due_only_past_pythons_thresholds(qtbot):
    collector = collect_on_main_thread(application(["khuyencong-desktop"]))
    gc.collect()
    assert collector.check() is None
    keep = [QObject() for _ in range(collector.threshold[0] + 10)]
    assert collector.check() == 0
    del keep
