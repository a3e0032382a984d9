"""The window's language: one catalogue for ``i18n.tr`` and for Qt's own ``tr()`` lookups.

Choice: Vietnamese is the source language written in the code, and English lives in
``resources/translations/en.json``, the same catalogue the command line uses (and that
``tests/test_translations.py`` checks). Rather than compiling a second ``.qm`` catalogue with
``lupdate``/``lrelease`` (two catalogues drifting apart), the window installs
:class:`CatalogueTranslator`, a ``QTranslator`` whose ``translate()`` looks up that JSON file, so a
string passed to ``i18n.tr`` and one passed to a widget's ``self.tr`` read the same entry. The
language is chosen at start-up (``--lang`` or the settings); changing it in the settings dialog
rebuilds the window, which re-reads every label.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from .. import i18n


class CatalogueTranslator(QTranslator):
    """A QTranslator backed by ``resources/translations/<language>.json``."""

    def __init__(self, language: str, parent=None):
        super().__init__(parent)
        self.language = language

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        # An empty answer tells Qt "not translated here": it then shows the source text.
        return i18n.catalogue(self.language).get(source, "")

    def isEmpty(self) -> bool:
        return not i18n.catalogue(self.language)


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
    if language != "vi":
        _installed = CatalogueTranslator(language, app)
        app.installTranslator(_installed)
