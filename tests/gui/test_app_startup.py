"""Start-up: the demo file the first time, the last file afterwards, menus, shortcuts, status bar."""
from __future__ import annotations

from khuyencong_desktop import paths
from khuyencong_desktop.gui.settings import Settings
from PySide6.QtGui import QKeySequence

from conftest import start_window


def test_first_start_creates_and_opens_the_demo_file(qtbot, shown, user_folders):
    demo = user_folders / "khuyencong-demo.kcdb"
    assert not demo.exists()
    window = start_window(qtbot)
    assert demo.exists()
    assert window.context.db.path == demo.resolve()
    assert window.file_label.text() == "Tệp: khuyencong-demo.kcdb"
    qtbot.waitUntil(lambda: window.counts_label.text() == "1 chương trình · 62 đề án · 48 cơ sở thụ hưởng")
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Tổng quan", "Chương trình", "Đề án", "Cơ sở thụ hưởng"]
    assert Settings().last_file == str(demo.resolve())
    window.close()


def test_menus_and_shortcuts(window):
    titles = {key: menu.title() for key, menu in window.menus.items()}
    assert titles == {"file": "&Tệp", "edit": "&Sửa", "view": "&Xem", "reports": "&Báo cáo", "help": "Trợ &giúp"}
    file_actions = [a.text() for a in window.menus["file"].actions() if not a.isSeparator()]
    for text in ("&Mới…", "&Mở…", "Mở &gần đây", "Lưu &bản sao…", "Sao lưu &ngay", "Thông tin đơn &vị…",
                 "&Cài đặt…", "T&hoát"):
        assert text in file_actions
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert QKeySequence("Ctrl+Y") in window.redo_action.shortcuts()
    assert QKeySequence("Ctrl+Shift+Z") in window.redo_action.shortcuts()
    assert [a.shortcut().toString() for a in window.tab_actions] == ["Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4"]
    assert window.refresh_action.shortcut().toString() == "F5"
    window.tab_actions[2].trigger()
    assert window.tabs.currentIndex() == 2
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)


def test_ctrl_f_puts_the_cursor_in_the_search_box(window, qtbot):
    from PySide6.QtCore import Qt

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    projects = window.tab(2)
    assert window.tabs.currentWidget() is projects
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(projects.search.hasFocus)
    with qtbot.waitSignal(projects.filter_applied, timeout=10000):
        qtbot.keyClicks(projects.search, "lai chau")
    assert projects.model.total_rows == 2 and projects.totals.text().startswith("2 đề án")


def test_undo_and_redo_follow_the_stack(window):
    from PySide6.QtGui import QUndoCommand

    assert not window.undo_action.isEnabled()
    command = QUndoCommand("sửa tên")
    window.context.undo_stack.push(command)
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Hoàn tác: sửa tên"
    window.undo_action.trigger()
    assert window.redo_action.isEnabled() and not window.undo_action.isEnabled()


def test_second_start_opens_the_last_file(qtbot, shown, demo_path):
    settings = Settings()
    settings.last_file = str(demo_path)
    settings.sync()
    window = start_window(qtbot)
    assert window.context.db.path == demo_path.resolve()
    assert not paths.default_database_path().exists()
    window.close()


def test_file_named_on_the_command_line_and_english(qtbot, shown, demo_path):
    window = start_window(qtbot, str(demo_path), "--lang", "en")
    assert window.context.db.path == demo_path.resolve()
    assert [menu.title() for menu in window.menus.values()] == ["&File", "&Edit", "&View", "&Reports", "&Help"]
    assert window.tabs.tabText(3) == "Beneficiaries"
    qtbot.waitUntil(lambda: window.counts_label.text() == "1 programme(s) · 62 project(s) · 48 beneficiary(ies)")
    window.tabs.setCurrentIndex(2)
    projects = window.tabs.currentWidget()
    qtbot.waitUntil(lambda: projects.totals.text().startswith(
        "62 project(s) — state support 10.144 million đồng — counterpart 46.736,68 million đồng"))
    window.close()


def test_a_package_on_the_command_line_keeps_the_current_file(qtbot, shown, tmp_path):
    package = tmp_path / "lai-chau.kcx"
    window = start_window(qtbot, str(package))
    assert window.pending_package == package
    assert window.context.db.path == paths.default_database_path().resolve()
    window.close()
