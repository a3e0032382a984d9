"""The window's language: one catalogue for ``i18n.tr`` and for Qt's own ``tr()`` lookups.

Choice: Vietnamese is the source language written in the code, and English lives in
``resources/translations/en.json``, the same catalogue the command line uses (and that
``tests/test_translations.py`` checks). Rather than compiling a second ``.qm`` catalogue with
``lupdate``/``lrelease`` (two catalogues drifting apart), the window installs
:class:`CatalogueTranslator`, a ``QTranslator`` whose ``translate()`` looks up that JSON file, so a
string passed to ``i18n.tr`` and one passed to a widget's ``self.tr`` read the same entry. The
language is chosen at start-up (``--lang`` or the settings); changing it in the settings dialog
rebuilds the window, which re-reads every label.

Qt's own texts (the OK / Cancel buttons of its dialogs, the Undo / Cut / Copy / Paste menu of a
text box) are English in its source. Qt ships no Vietnamese catalogue, so in Vietnamese the same
translator answers them from ``resources/translations/qt-vi.json``.
"""
from __future__ import annotations

import json
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QTranslator

from .. import i18n
from ..paths import resource_path


@lru_cache(maxsize=None)
def qt_strings(language: str) -> dict[str, str]:
    """Qt's own English texts in ``language`` (``qt-<language>.json``; none for English)."""
    path = resource_path("translations", f"qt-{language}.json")
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


class CatalogueTranslator(QTranslator):
    """A QTranslator backed by ``resources/translations/<language>.json`` and ``qt-<language>.json``."""

    def __init__(self, language: str, parent=None):
        super().__init__(parent)
        self.language = language
        self.entries = {**i18n.catalogue(language), **qt_strings(language)}

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        # None (a null QString) tells Qt "not translated here": it then shows the source text. An
        # empty string would be taken as the translation: Qt's own OK / Cancel buttons went blank.
        return self.entries.get(source)

    def isEmpty(self) -> bool:
        return not self.entries


_installed: CatalogueTranslator | None = None


def apply_language(language: str) -> None:
    """Use ``language`` ("vi" or "en") for ``i18n.tr`` and for Qt's translations from now on."""
    global _installed
    i18n.set_language(language)
    app = QCoreApplication.instance()
    if app is None:
        return
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    _installed = CatalogueTranslator(language, app)
    app.installTranslator(_installed)
