"""Self-test step "cửa sổ chính": the window opens offscreen as on a first start, and its picture is taken."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from ..i18n import tr
from .checks import CheckFailed, require

WINDOW_TIMEOUT_S = 120
SETTLE_MS = 300
"""Events the window handles after its data arrived and before its picture is taken."""
LAUNCHED_AT_ENV = "KHUYENCONG_LAUNCHED_AT"
"""Seconds since the epoch, set by whoever launches the process: the check then reports the start-up time."""


def open_window(picture: Path) -> str:
    """A first start of the window: it creates the demo file in the (temporary) data folder."""
    require("khuyencong_desktop.gui.app")
    from PySide6.QtCore import QEventLoop, QThreadPool, QTimer

    from ..gui import app
    from ..gui.main_window import FIRST_SIZE

    errors: list[BaseException] = []
    previous_hook = sys.excepthook
    app.application([sys.argv[0]])
    loop = QEventLoop()
    sys.excepthook = lambda _type, error, _tb: (errors.append(error), loop.quit())
    try:
        window = app.startup([sys.argv[0]])
        # The offscreen platform's screen is 800×600, smaller than any officer's, and the window keeps
        # within it: the picture is taken at the size a first start opens at on a screen with room.
        window.resize(FIRST_SIZE)
        window.ready.connect(loop.quit)
        QTimer.singleShot(WINDOW_TIMEOUT_S * 1000, loop.quit)
        loop.exec()
        ready_at = time.time()
        # Let background loads (the dashboard's figures and charts) finish and reach the window.
        pool = QThreadPool.globalInstance()
        for _round in range(10):
            pool.waitForDone()
            QTimer.singleShot(0, loop.quit)
            loop.exec()
            if pool.activeThreadCount() == 0:
                break
        # The charts lay out their axes and legends a few events after their data arrives.
        QTimer.singleShot(SETTLE_MS, loop.quit)
        loop.exec()
    finally:
        sys.excepthook = previous_hook
    if errors:
        raise CheckFailed(tr("lỗi khi mở cửa sổ: {error}", error=errors[0]))
    if window.tabs.count() == 0:
        raise CheckFailed(tr("cửa sổ không sẵn sàng sau {seconds} giây", seconds=WINDOW_TIMEOUT_S))
    if not window.grab().save(str(picture)):
        raise CheckFailed(tr("không chụp được cửa sổ"))
    tabs = window.tabs.count()
    window.close()
    detail = tr("{tabs} thẻ, ảnh {picture}", tabs=tabs, picture=picture)
    launched = os.environ.get(LAUNCHED_AT_ENV)
    if launched:
        detail += "; " + tr("khởi động đến khi cửa sổ sẵn sàng: {seconds:.2f} giây",
                            seconds=ready_at - float(launched))
    return detail
