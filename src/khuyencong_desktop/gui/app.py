"""Start-up (khởi động): the window paints first, then the heavy parts load and the file opens.

``run`` is what ``khuyencong-desktop`` calls. Only QtWidgets, the settings and the translator are
imported before the window shows; SQLAlchemy, Alembic, the operations and QtCharts are imported
after its first paint (``MainWindow.first_painted``), so an officer sees the window at once even
with a large file. Then the file opens: the one named on the command line, else the last file,
else the demo file in the user's data folder (created the first time).
"""
from __future__ import annotations

import argparse
import gc
from pathlib import Path

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from .. import __version__, i18n, paths
from .collector import collect_on_main_thread
from .main_window import MainWindow
from .settings import Settings
from .translator import apply_language

PACKAGE_SUFFIX = ".kcx"
_window: MainWindow | None = None


def parse_args(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="khuyencong-desktop")
    parser.add_argument("file", nargs="?", help="a .kcdb file to open, or a .kcx exchange package")
    parser.add_argument("--lang", choices=i18n.LANGUAGES)
    return parser.parse_args(args)


def application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv[:1])
    app.setOrganizationName("KhuyenCong")
    app.setApplicationName("KhuyenCong Desktop")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(paths.resource_path("icons", "khuyencong.png"))))
    collect_on_main_thread(app)  # never on a worker thread while Qt objects live (see collector.py)
    return app


def startup(argv: list[str]) -> MainWindow:
    """Create the application and show the window; the file opens after the first paint."""
    global _window
    args = parse_args(argv[1:])
    application(argv)
    settings = Settings()
    if args.lang:
        settings.language = args.lang
    apply_language(settings.language)
    requested = Path(args.file) if args.file else None
    window = MainWindow(settings)
    if requested is not None and requested.suffix.lower() == PACKAGE_SUFFIX:
        # An exchange package opened from Explorer: kept for the merge action; the current file opens.
        window.pending_package = requested
        requested = None
    window.first_painted.connect(lambda: QTimer.singleShot(0, lambda: load(window, requested)))
    window.show()
    _window = window
    return window


def load(window: MainWindow, requested: Path | None) -> None:
    """The heavy half of start-up: the context, the file actions, the file and the tabs."""
    from .context import AppContext
    from .opening import FileOpener

    context = AppContext()
    context.unit_choice = window.settings.money_unit
    opener = FileOpener(context, window.settings, QApplication.instance())
    opener.window = window
    window.attach(context, opener)
    if opener.open_startup_file(requested):
        window.build_tabs()
    else:
        window.file_label.setText(i18n.tr("Chưa mở tệp nào. Hãy mở hoặc tạo một tệp (menu Tệp)."))
        opener.opened.connect(lambda _path: window.tabs.count() or window.build_tabs())


def switch_language(language: str) -> MainWindow:
    """Change the language now: a new window with every label re-read replaces the current one."""
    global _window
    old = _window
    apply_language(language)
    window = MainWindow(old.settings)
    window.setGeometry(old.geometry())
    opener = old.opener
    old.opener = None
    opener.window = window
    window.attach(old.context, opener)
    window.build_tabs()
    window.tabs.setCurrentIndex(old.tabs.currentIndex())
    window.show()
    old.close()
    old.deleteLater()
    _window = window
    return window


def current_window() -> MainWindow | None:
    return _window


def run(argv: list[str]) -> int:
    """The ``khuyencong-desktop`` entry point: the window until it closes, then the exit code."""
    from .errors import install_excepthook

    install_excepthook()
    app = application(argv)
    startup(argv)
    # Everything loaded at start-up lives as long as the window: keep the collector from walking it
    # again and again, which stalled scrolling big lists for ~0,1 s at a time.
    gc.freeze()
    code = app.exec()
    QThreadPool.globalInstance().waitForDone()
    return code
