"""The user's own settings (cài đặt), declared once with types and defaults, kept in an INI file.

Each setting is a :class:`ConfigVar` on :class:`Settings` (the pattern of Electrum's
``simple_config.ConfigVar`` and Picard's ``config.py``): the key, the type and the default live
in one line, and reading or writing goes through ``settings.<name>``. Values are stored per user
with QSettings in INI format under the user data folder, so a test (which sets
``KHUYENCONG_DATA_DIR``) never sees the officer's real settings. The office's own details
(letterhead, signatories) are not here: they live in the database and travel with the file.
"""
from __future__ import annotations

import base64
import getpass
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QSettings

from .. import paths

T = TypeVar("T")
MAX_RECENT_FILES = 8


def _to_text(value: Any) -> str:
    return "" if value is None else str(value)


def _list_to_text(value: list[str]) -> str:
    return json.dumps(list(value), ensure_ascii=False)


def _list_from_text(text: str) -> list[str]:
    loaded = json.loads(text) if text else []
    return [str(item) for item in loaded] if isinstance(loaded, list) else []


def _bytes_to_text(value: bytes) -> str:
    return base64.b64encode(bytes(value)).decode("ascii")


def _bytes_from_text(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii")) if text else b""


class ConfigVar(Generic[T]):
    """One setting: its INI key, default and how it is written as text (every value is text in the INI)."""

    def __init__(self, key: str, default: T | Callable[[], T], *, load: Callable[[str], T] = str,
                 dump: Callable[[T], str] = _to_text):
        self.key = key
        self._default = default
        self._load = load
        self._dump = dump

    def default(self) -> T:
        return self._default() if callable(self._default) else self._default

    def __get__(self, settings: Settings | None, owner: type) -> T | ConfigVar[T]:
        if settings is None:
            return self
        stored = settings.store.value(self.key)
        if stored is None or stored == "":
            return self.default()
        try:
            return self._load(str(stored))
        except (ValueError, TypeError):
            return self.default()

    def __set__(self, settings: Settings, value: T) -> None:
        settings.store.setValue(self.key, self._dump(value))


class Settings:
    """Cài đặt của người dùng: last file, recent files, language, money unit, window, actor."""

    last_file = ConfigVar("files/last", "")
    recent_files = ConfigVar("files/recent", list, load=_list_from_text, dump=_list_to_text)
    language = ConfigVar("ui/language", "vi")
    money_unit = ConfigVar("ui/money_unit", "")
    """The name of a ``MoneyUnit`` amounts are shown in; "" (the default) follows the office's default unit."""
    window_geometry = ConfigVar("ui/window_geometry", b"", load=_bytes_from_text, dump=_bytes_to_text)
    actor = ConfigVar("user/actor", lambda: getpass.getuser())
    """Who edits (người sửa): written into the change history of every edit."""

    def __init__(self, path: Path | None = None):
        self.path = path or paths.user_data_dir() / "settings.ini"
        self.store = QSettings(str(self.path), QSettings.Format.IniFormat)

    def add_recent(self, file: str | Path) -> None:
        """Put ``file`` first in the recent files (at most eight, no repeats) and make it the last file."""
        text = str(Path(file))
        self.recent_files = [text, *[f for f in self.recent_files if f != text]][:MAX_RECENT_FILES]
        self.last_file = text

    def sync(self) -> None:
        self.store.sync()
