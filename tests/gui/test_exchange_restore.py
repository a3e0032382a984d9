"""Khôi phục bản sao lưu trước khi nhận: a merge undone from the window, and the restore itself undoable."""
from __future__ import annotations

from sqlalchemy import select

from exchange_offices import district_copy, state
from khuyencong_desktop.exchange.merge import merge_package
from khuyencong_desktop.exchange.package import write_package
from khuyencong_desktop.storage.database import Database
from khuyencong_desktop.storage.models import Beneficiary, Project

CODE = "LS-QG-2020-01"


def _district_package(db, tmp_path):
    district = district_copy(db, tmp_path / "district.kcdb")
    try:
        with district.session() as s:
            s.scalar(select(Project).where(Project.code == CODE)).jobs = 45
            s.add(Beneficiary(name="HTX Chè Bảo Lâm", tax_code="4900123456", commune="Bảo Lâm"))
        return write_package(district, tmp_path / "huyen.kcx")
    finally:
        district.close()


def _restore_action(window):
    [action] = [a for a in window.exchange_actions.menu.actions()
                if a.text() == "Khôi phục bản sao lưu trước khi nhận…"]
    return action


def test_restore_brings_back_the_file_as_it_was_before_the_merge(window, shown, tmp_path, user_folders):
    before = state(window.context.db)
    merge_package(window.context.db, _district_package(window.context.db, tmp_path))
    merged = state(window.context.db)
    assert merged != before
    shown.answer = True
    _restore_action(window).trigger()
    [backup] = (user_folders / "backups").glob("khuyencong-demo-before-merge-*.kcdb")
    assert shown.questions == [f"Khôi phục tệp về bản sao lưu {backup.name}? Những gì đã nhận sau đó sẽ mất."]
    db = window.context.db
    assert state(db) == before and db.path.name == "khuyencong-demo.kcdb"
    with db.session() as s:
        assert s.scalar(select(Project.jobs).where(Project.code == CODE)) != 45
        assert s.scalar(select(Beneficiary).where(Beneficiary.tax_code == "4900123456")) is None
    [saved] = (user_folders / "backups").glob("khuyencong-demo-before-restore-*.kcdb")
    assert shown.infos == [f"Đã khôi phục tệp về bản sao lưu {backup.name}. "
                           f"Tệp trước khi khôi phục được lưu tại {saved}."]
    undo = Database.open(saved)
    try:
        assert state(undo) == merged
    finally:
        undo.close()


def test_restore_asks_first_and_does_nothing_when_refused(window, shown, tmp_path, user_folders):
    _restore_action(window).trigger()
    assert shown.infos == ["Chưa có bản sao lưu nào được tạo trước khi nhận gói."]
    merge_package(window.context.db, _district_package(window.context.db, tmp_path))
    merged = state(window.context.db)
    shown.answer = False
    _restore_action(window).trigger()
    assert len(shown.questions) == 1 and state(window.context.db) == merged
    assert not list((user_folders / "backups").glob("*before-restore*"))
