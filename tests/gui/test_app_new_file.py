"""Tệp → Mới…: the office, parent body and province are asked and checked first, then the file is made."""
from __future__ import annotations

from khuyencong_desktop.gui import file_menu
from khuyencong_desktop.storage.database import Database
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog


def _type(edit, text):
    """Type as an input method does (QTest cannot send Vietnamese letters)."""
    edit.clear()
    edit.insert(text)


def _drive(monkeypatch, qtbot, fill):
    shown = []

    def run(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        shown.append(dialog)
        fill(dialog)
        return dialog.result() == QDialog.DialogCode.Accepted
    monkeypatch.setattr(file_menu, "run_dialog", run)
    return shown


def test_a_new_file_carries_the_office_typed_in_the_dialog(window, shown, qtbot, monkeypatch, tmp_path):
    seen = {}

    def fill(dialog):
        assert dialog.fields["province"].text() == "Lạng Sơn"  # the open file's province, offered
        _type(dialog.fields["name"], "")
        _type(dialog.fields["province"], "   ")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        seen["first"] = {name: m.text() for name, m in dialog.messages.items() if m.isVisible()}
        assert dialog.result() != QDialog.DialogCode.Accepted
        _type(dialog.fields["name"], "TRUNG TÂM KHUYẾN CÔNG VÀ TƯ VẤN PHÁT TRIỂN CÔNG NGHIỆP")
        _type(dialog.fields["parent_body"], "SỞ CÔNG THƯƠNG TỈNH CAO BẰNG")
        _type(dialog.fields["province"], "Cao  Bằng ")
        dialog.resize(620, dialog.sizeHint().height())
        dialog.grab().save("/tmp/new_file_dialog.png")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    _drive(monkeypatch, qtbot, fill)
    target = tmp_path / "cao-bang.kcdb"
    shown.save_path = target
    with qtbot.waitSignal(window.opener.opened, timeout=10000):
        window.file_menu.new_action.trigger()
    assert seen["first"] == {"name": "Chưa nhập tên đơn vị.", "province": "Chưa nhập tỉnh, thành phố."}
    assert window.opener.path == target.resolve()
    window.close()
    db = Database.open(target)
    try:
        with db.session() as session:
            office = db.local_office(session)
            assert (office.name, office.parent_body, office.province, office.place_name) == (
                "TRUNG TÂM KHUYẾN CÔNG VÀ TƯ VẤN PHÁT TRIỂN CÔNG NGHIỆP", "SỞ CÔNG THƯƠNG TỈNH CAO BẰNG",
                "Cao Bằng", "Cao Bằng")
    finally:
        db.close()


def test_cancelling_the_dialog_makes_no_file(window, shown, qtbot, monkeypatch, tmp_path):
    _drive(monkeypatch, qtbot, lambda dialog: dialog.reject())
    shown.save_path = tmp_path / "never.kcdb"
    before = window.opener.path
    window.file_menu.new_action.trigger()
    assert not (tmp_path / "never.kcdb").exists()
    assert window.opener.path == before


def test_a_too_long_province_is_refused_at_its_field(window, shown, qtbot, monkeypatch, tmp_path):
    seen = {}

    def fill(dialog):
        _type(dialog.fields["province"], "Lạng Sơn " * 20)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        seen.update({name: m.text() for name, m in dialog.messages.items() if m.isVisible()})
        dialog.reject()

    _drive(monkeypatch, qtbot, fill)
    shown.save_path = tmp_path / "never.kcdb"
    window.file_menu.new_action.trigger()
    assert seen == {"province": "Dài quá 100 ký tự."}
    assert not (tmp_path / "never.kcdb").exists()
