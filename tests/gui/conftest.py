"""Window fixtures: the real application started offscreen, and message boxes recorded, not shown."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QThreadPool


OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"
"""The offscreen platform's note that it ignores a top-level window's size hints; not our bug."""


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.parent.name == "gui":
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


class Messages:
    """Stands in for gui.messages: records what the officer would have read and answers questions."""

    def __init__(self):
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.bugs: list[str] = []
        self.questions: list[str] = []
        self.answer = False
        self.open_path = None
        self.save_path = None

    def install(self, monkeypatch) -> Messages:
        from khuyencong_desktop.gui import messages

        monkeypatch.setattr(messages, "error", lambda parent, text: self.errors.append(text))
        monkeypatch.setattr(messages, "info", lambda parent, text: self.infos.append(text))
        monkeypatch.setattr(messages, "bug", lambda parent, summary, log: self.bugs.append(summary))
        monkeypatch.setattr(messages, "question", self._question)
        monkeypatch.setattr(messages, "ask_open_path", lambda *args: self.open_path)
        monkeypatch.setattr(messages, "ask_save_path", lambda *args: self.save_path)
        return self

    def _question(self, parent, text, yes, no) -> bool:
        self.questions.append(text)
        return self.answer


@pytest.fixture(autouse=True)
def vietnamese_again():
    """A test that switched the window to English leaves no English translator installed behind it."""
    yield
    from khuyencong_desktop.gui.translator import apply_language

    apply_language("vi")


@pytest.fixture
def shown(monkeypatch):
    """The messages the window shows, recorded (no modal dialog blocks the test)."""
    return Messages().install(monkeypatch)


def start_window(qtbot, *args: str):
    """Start the application as ``khuyencong-desktop *args``; return its window once the file is open."""
    from khuyencong_desktop.gui import app

    window = app.startup(["khuyencong-desktop", *args])
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=30000):
        pass  # the file opens after the first paint, from the event loop this block runs
    return window


def wait_dashboard(qtbot, dashboard):
    """Wait until the dashboard's background computation has come back and been drawn."""
    qtbot.waitUntil(lambda: dashboard.data is not None and dashboard._running is None, timeout=30000)


@pytest.fixture
def window(qtbot, shown, demo_template):
    """The application started on the demo file in the user's data folder (copied, to save time)."""
    from khuyencong_desktop import paths

    shutil.copy(demo_template, paths.default_database_path())
    win = start_window(qtbot)
    yield win
    win.close()
    QThreadPool.globalInstance().waitForDone()
