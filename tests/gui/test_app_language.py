"""Language and settings: English chosen in Cài đặt rebuilds the window in English and is remembered."""
from __future__ import annotations

from khuyencong_desktop.gui import app
from khuyencong_desktop.gui.dialogs.settings_dialog import SettingsDialog
from khuyencong_desktop.gui.settings import MAX_RECENT_FILES, Settings
from khuyencong_desktop.gui.translator import CatalogueTranslator
from PySide6.QtCore import QCoreApplication

from conftest import start_window


def test_choosing_english_in_settings_shows_english_menus(window, qtbot):
    dialog = SettingsDialog(window.settings, window.context, window)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.actor.setText("Tran Thi Mai")
    dialog.accept()
    english = app.current_window()
    qtbot.addWidget(english)
    assert english is not window
    assert [m.title() for m in english.menus.values()] == ["&File", "&Edit", "&View", "&Reports", "&Help"]
    assert [english.tabs.tabText(i) for i in range(4)] == ["Overview", "Programme", "Projects", "Beneficiaries"]
    assert english.context.db.actor == "Tran Thi Mai"
    assert english.opener.window is english
    stored = Settings()
    assert (stored.language, stored.actor) == ("en", "Tran Thi Mai")
    english.close()


def test_qt_translations_read_the_same_catalogue(qtbot, shown):
    window = start_window(qtbot, "--lang", "en")
    assert QCoreApplication.translate("MainWindow", "Tổng quan") == "Overview"
    assert CatalogueTranslator("en").translate("X", "Cơ sở thụ hưởng") == "Beneficiaries"
    assert CatalogueTranslator("en").translate("X", "a text nobody translated") == ""
    window.close()


def test_settings_keep_types_defaults_and_eight_recent_files(tmp_path):
    settings = Settings()
    assert (settings.language, settings.money_unit, settings.recent_files, settings.window_geometry) == (
        "vi", "", [], b"")
    for number in range(10):
        settings.add_recent(tmp_path / f"tep-{number}.kcdb")
    settings.add_recent(tmp_path / "tep-5.kcdb")
    settings.window_geometry = b"\x01\x02geometry"
    settings.sync()
    again = Settings()
    assert len(again.recent_files) == MAX_RECENT_FILES
    assert again.recent_files[:3] == [str(tmp_path / f"tep-{n}.kcdb") for n in (5, 9, 8)]
    assert again.last_file == str(tmp_path / "tep-5.kcdb")
    assert again.window_geometry == b"\x01\x02geometry"
    assert settings.path.parent.name == "userdata"
