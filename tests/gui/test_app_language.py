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
    assert [english.tabs.tabText(i) for i in range(4)] == ["Overview", "Programmes", "Projects", "Beneficiaries"]
    assert english.context.db.actor == "Tran Thi Mai"
    assert english.opener.window is english
    stored = Settings()
    assert (stored.language, stored.actor) == ("en", "Tran Thi Mai")
    english.close()


def test_qt_translations_read_the_same_catalogue(qtbot, shown):
    window = start_window(qtbot, "--lang", "en")
    assert QCoreApplication.translate("MainWindow", "Tổng quan") == "Overview"
    assert CatalogueTranslator("en").translate("X", "Cơ sở thụ hưởng") == "Beneficiaries"
    assert CatalogueTranslator("en").translate("X", "a text nobody translated") is None  # Qt shows the source
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


def _qt_own_texts(qtbot) -> tuple[list[str], list[str]]:
    """The texts Qt itself gives a dialog's standard buttons and a text box's right-click menu."""
    from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box = QLineEdit()
    qtbot.addWidget(buttons)
    qtbot.addWidget(box)
    menu = box.createStandardContextMenu()
    texts = [b.text() for b in buttons.buttons()], [a.text().split("\t")[0] for a in menu.actions()
                                                       if not a.isSeparator()]
    menu.deleteLater()
    return texts


def test_qts_own_buttons_and_menus_speak_the_chosen_language(qtbot):
    from khuyencong_desktop.gui.translator import apply_language

    apply_language("vi")
    buttons, menu = _qt_own_texts(qtbot)
    assert sorted(buttons) == ["Hủy", "Đồng ý"]
    assert {"&Hoàn tác", "&Làm lại", "Cắ&t", "&Sao chép", "&Dán", "Xóa", "Chọn tất cả"} <= set(menu)
    apply_language("en")
    buttons, menu = _qt_own_texts(qtbot)  # English: Qt's own words, never blank
    assert sorted(buttons) == ["Cancel", "OK"]
    assert {"&Undo", "&Copy", "&Paste", "Select All"} <= set(menu)


def test_the_project_form_in_english_shows_codes_and_units_in_english(qtbot, demo_db):
    from PySide6.QtWidgets import QComboBox, QLabel
    from sqlalchemy import select

    from khuyencong_desktop.gui.context import AppContext
    from khuyencong_desktop.gui.forms.project import ProjectForm
    from khuyencong_desktop.gui.translator import apply_language
    from khuyencong_desktop.storage.models import Project

    apply_language("en")
    with demo_db.session() as session:
        record_id = session.scalar(select(Project.id).where(Project.code == "LS-QG-2021-MM45"))
    form = ProjectForm(AppContext(demo_db), record_id, None)
    qtbot.addWidget(form)
    combos = [c.currentText() for c in form.findChildren(QComboBox)]
    labels = {label.text() for label in form.findChildren(QLabel)}
    assert "In progress" in combos
    assert {"Central budget", "Counterpart funds", "Source (million đồng)"} <= labels
