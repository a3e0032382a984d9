"""Where things live: bundled resources (source or frozen run) and the user's data folder.

The one place that knows about PyInstaller's layout and about portable mode, so no other module
checks ``sys.frozen`` or ``sys._MEIPASS``.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "KhuyenCong"
PORTABLE_MARKER = "portable.txt"
"""A file of this name beside the executable keeps all data beside it (running from a USB stick)."""

_ENV_DATA_DIR = "KHUYENCONG_DATA_DIR"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def resource_root() -> Path:
    """The folder holding ``resources/`` contents: fonts, translations, icons."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """A bundled resource, e.g. ``resource_path("fonts", "LiberationSerif-Regular.ttf")``."""
    return resource_root().joinpath(*parts)


def executable_dir() -> Path:
    return Path(sys.executable).resolve().parent


def is_portable() -> bool:
    return is_frozen() and (executable_dir() / PORTABLE_MARKER).exists()


def user_data_dir() -> Path:
    """The per-user data folder (database, backups, logs, settings), created on first use.

    ``KHUYENCONG_DATA_DIR`` overrides it (tests, scripted use); portable mode puts it beside the
    executable; otherwise %APPDATA%\\KhuyenCong on Windows and ~/.local/share/KhuyenCong elsewhere.
    """
    override = os.environ.get(_ENV_DATA_DIR)
    if override:
        base = Path(override)
    elif is_portable():
        base = executable_dir() / "data"
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / APP_NAME
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        base = (Path(xdg) if xdg else Path.home() / ".local" / "share") / APP_NAME
    base.mkdir(parents=True, exist_ok=True)
    return base


def backups_dir() -> Path:
    path = user_data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def logs_dir() -> Path:
    path = user_data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    """The database the window opens the very first time (a demo file)."""
    return user_data_dir() / "khuyencong-demo.kcdb"
