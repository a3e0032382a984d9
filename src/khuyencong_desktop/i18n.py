"""User-visible text in Vietnamese (the source language) with an English catalogue.

Messages are written in Vietnamese in the code and looked up in
``resources/translations/en.json`` when English is chosen. The Qt window installs a translator
backed by the same catalogue, so the command line and the window say the same thing.
"""
from __future__ import annotations

import json
from functools import lru_cache

from .paths import resource_path

LANGUAGES = ("vi", "en")
_language = "vi"


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _language = language


def language() -> str:
    return _language


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    if lang == "vi":
        return {}
    path = resource_path("translations", f"{lang}.json")
    return json.loads(path.read_text(encoding="utf-8"))


def tr(message: str, **values: object) -> str:
    """``message`` in the current language, with ``{name}`` fields filled from ``values``."""
    text = catalogue(_language).get(message, message)
    return text.format(**values) if values else text


def tr_label(item) -> str:
    """The Vietnamese ``label`` of a money unit or a code (kind, status, source) in the current language."""
    return tr(item.label)


def tr_as(context: str, message: str) -> str:
    """``message`` as ``context`` names it: the catalogue's ``"context|message"`` entry if there is
    one, else ``tr(message)``. One Vietnamese word may need two English ones: the tab "Chương
    trình" lists programmes, a column "Chương trình" names one."""
    entry = catalogue(_language).get(f"{context}|{message}")
    return entry if entry is not None else tr(message)
