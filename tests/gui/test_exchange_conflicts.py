"""The conflicts view reads like the rest of the window: field names, money in the unit, labels, local times."""
from __future__ import annotations

import time
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from exchange_offices import district_copy
from khuyencong_desktop import i18n
from khuyencong_desktop.domain.codes import Status
from khuyencong_desktop.domain.money import MoneyUnit
from khuyencong_desktop.exchange.conflicts import list_conflicts
from khuyencong_desktop.exchange.merge import merge_package
from khuyencong_desktop.exchange.package import write_package
from khuyencong_desktop.gui.exchange.conflicts import ConflictsModel
from khuyencong_desktop.exchange.report import conflict_line
from khuyencong_desktop.storage.models import Project, ProjectBeneficiary

CODE = "LS-QG-2020-01"
TITLE = f"{CODE} «Trình diễn kỹ thuật, giới thiệu mô hình sản xuất bản lề cửa»"
PROJECT = f"Đề án {TITLE}"
LINK = f"Cơ sở thụ hưởng của đề án {CODE} – «Công ty Cổ phần Đầu tư xây dựng và phát triển Việt Bắc»"


@pytest.fixture
def hanoi_time(monkeypatch):
    """The computer's clock set to Vietnam (UTC+7), as on an office laptop."""
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _edit(db, **values):
    with db.session() as s:
        project = s.scalar(select(Project).where(Project.code == CODE))
        for key, value in values.items():
            setattr(project, key, value)


def _conflicting_edits(db, tmp_path):
    """The district and the province both changed the counterpart, the status and the approval date."""
    district = district_copy(db, tmp_path / "district.kcdb")
    try:
        _edit(district, approved_counterpart=200_000_000, status=Status.NGUNG, approval_date=date(2020, 3, 10))
        _edit(db, approved_counterpart=150_000_000, status=Status.DANG_THUC_HIEN, approval_date=date(2020, 3, 5))
        merge_package(db, write_package(district, tmp_path / "huyen.kcx"))
    finally:
        district.close()


def rows(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_conflicts_model_passes_the_model_tester(qtmodeltester, demo_db, tmp_path):
    _conflicting_edits(demo_db, tmp_path)
    model = ConflictsModel(MoneyUnit.TRIEU)
    qtmodeltester.check(model, force_py=True)
    model.load(list_conflicts(demo_db))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Bản ghi", "Trường", "Giá trị đang hiển thị"]


def test_values_are_shown_as_officers_write_them(window, qtbot, shown, tmp_path, hanoi_time):
    db = window.context.db
    _conflicting_edits(db, tmp_path)
    dialog = window.exchange_actions.show_conflicts()
    qtbot.waitExposed(dialog)
    # The province edited last, so its values are shown until someone chooses.
    assert sorted(rows(dialog.model)) == [[PROJECT, "Ngày phê duyệt", "05/03/2020"],
                                          [PROJECT, "Trạng thái", "Đang thực hiện"],
                                          [PROJECT, "Vốn đối ứng phê duyệt", "150 triệu đồng"]]
    row = next(r for r, values in enumerate(rows(dialog.model)) if values[1] == "Vốn đối ứng phê duyệt")
    dialog.table.selectRow(row)
    labels = dialog.options_box.findChildren(QLabel)
    qtbot.waitUntil(lambda: all(label.isVisible() for label in labels))
    dialog.grab().save(str(tmp_path / "conflicts-money.png"))
    texts = [label.text() for label in labels]
    assert "<b>150 triệu đồng</b> (đang hiển thị)" in texts and "<b>200 triệu đồng</b>" in texts
    conflict = dialog.current()
    for option in conflict.options:
        utc = datetime.strptime(option.at, "%Y-%m-%dT%H:%M:%S.%fZ")
        assert any(text.endswith((utc + timedelta(hours=7)).strftime("%d/%m/%Y %H:%M")) for text in texts)
    assert dialog.own_value.placeholderText() == "hoặc nhập giá trị khác (triệu đồng)"
    qtbot.keyClicks(dialog.own_value, "175,5")
    qtbot.mouseClick(dialog.save_own, Qt.MouseButton.LeftButton)
    assert shown.errors == [] and dialog.model.rowCount() == 2
    with db.session() as s:
        assert s.scalar(select(Project.approved_counterpart).where(Project.code == CODE)) == 175_500_000


def test_money_follows_the_chosen_unit(window, qtbot, tmp_path):
    window.context.set_money_unit(MoneyUnit.NGHIN)
    _conflicting_edits(window.context.db, tmp_path)
    dialog = window.exchange_actions.show_conflicts()
    qtbot.waitExposed(dialog)
    assert [PROJECT, "Vốn đối ứng phê duyệt", "150.000 nghìn đồng"] in rows(dialog.model)


def _edit_link_share(db, share: int) -> None:
    with db.session() as s:
        project_id = s.scalar(select(Project.id).where(Project.code == CODE))
        s.scalar(select(ProjectBeneficiary).where(ProjectBeneficiary.project_id == project_id)).share = share


def _link_and_jobs_conflicts(db, tmp_path) -> list[dict]:
    """Both offices changed the share of the project's link and the project's jobs; the merge's conflicts."""
    district = district_copy(db, tmp_path / "district.kcdb")
    try:
        _edit_link_share(district, 40_000_000)
        _edit_link_share(db, 30_000_000)
        _edit(district, jobs=40)
        _edit(db, jobs=45)
        return merge_package(db, write_package(district, tmp_path / "huyen.kcx")).conflicts
    finally:
        district.close()


def test_a_link_is_named_by_both_ends_as_in_the_merge_report(window, qtbot, tmp_path):
    conflicts = _link_and_jobs_conflicts(window.context.db, tmp_path)
    dialog = window.exchange_actions.show_conflicts()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(tmp_path / "conflicts-link.png"))
    assert sorted(rows(dialog.model)) == [[LINK, "Phần hỗ trợ", "30 triệu đồng"],
                                          [PROJECT, "Lao động, việc làm", "45"]]
    record = dialog.model.index(0, ConflictsModel.RECORD)
    assert record.data(Qt.ItemDataRole.ToolTipRole) == record.data()
    # The command line's merge report names each record in the same words.
    lines = [conflict_line(c) for c in conflicts]
    assert sorted(line.split(": hai đơn vị")[0] for line in lines) == [
        f"{LINK}, trường «Phần hỗ trợ»", f"{PROJECT}, trường «Lao động, việc làm»"]


def test_in_english_a_record_kind_is_singular(demo_db, tmp_path):
    _link_and_jobs_conflicts(demo_db, tmp_path)
    i18n.set_language("en")
    model = ConflictsModel(MoneyUnit.TRIEU)
    model.load(list_conflicts(demo_db))
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["Record", "Field", "Value shown"]
    assert sorted(row[:2] for row in rows(model)) == [
        [f"Beneficiary of project {CODE} – «Công ty Cổ phần Đầu tư xây dựng và phát triển Việt Bắc»", "Share"],
        [f"Project {TITLE}", "Jobs"]]
