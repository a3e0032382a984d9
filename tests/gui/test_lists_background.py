"""The lists on a generated 3.000-project file read in the background; edits and units redraw in place."""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QThreadPool, QTimer

from khuyencong_desktop.domain.codes import FundingLevel
from khuyencong_desktop.domain.money import MoneyUnit, format_amount, format_number
from khuyencong_desktop.gui.context import AppContext
from khuyencong_desktop.gui.models.projects import ProjectsModel
from khuyencong_desktop.gui.tabs.projects import ProjectsTab
from khuyencong_desktop.gui.undo import push_fields
from khuyencong_desktop.operations.listing import ListFilter, ProjectQuery
from khuyencong_desktop.storage.database import Database
from khuyencong_desktop.storage.models import Project

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

STATE = ("CASE WHEN status = 'DA_QUYET_TOAN' THEN coalesce(settled_{f}, approved_{f}) ELSE approved_{f} END")
PLAIN_TOTALS = (f"SELECT count(*), sum({' + '.join(STATE.format(f=f) for f in ('nstw', 'nsdp', 'nsnn'))}), "
                f"sum({STATE.format(f='counterpart')}) FROM project WHERE deleted_at IS NULL")


@pytest.fixture(scope="module")
def big_path(tmp_path_factory) -> Path:
    from generate import generate

    path = tmp_path_factory.mktemp("lists") / "three-thousand.kcdb"
    generate(path, projects=3000, beneficiaries=1500, years=5, provinces=2, processes=1)
    return path


@pytest.fixture
def big_context(big_path, qtbot):
    db = Database.open(big_path)
    context = AppContext(db)
    yield context
    context.undo_stack.clear()
    QThreadPool.globalInstance().waitForDone()  # no read is left running on the file being closed
    db.close()


def _heartbeat(qtbot):
    ticks: list[int] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    return timer, ticks


def _expected_totals_line(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        count, state, counterpart = conn.execute(PLAIN_TOTALS).fetchone()
    return (f"{format_number(count)} đề án — NSNN hỗ trợ {format_amount(state)} triệu đồng — "
            f"đối ứng {format_amount(counterpart)} triệu đồng")


def test_the_list_is_read_in_the_background_and_shows_the_right_totals(qtbot, big_context, big_path):
    timer, ticks = _heartbeat(qtbot)
    tab = ProjectsTab(big_context)
    qtbot.addWidget(tab)
    # The constructor returned before the file was read: the window was never held.
    assert tab.model.loading and tab.model.rowCount() == 0
    assert tab.totals.text() == "Đang đọc danh sách…"
    qtbot.waitUntil(lambda: not tab.model.loading, timeout=20000)
    timer.stop()
    assert ticks, "the main thread's timer never fired while the list was read"
    assert tab.model.total_rows == 3000
    assert tab.model.rowCount() == ProjectsModel.PAGE
    assert tab.totals.text().startswith(_expected_totals_line(big_path))
    years = [tab.model.row_item(row).year for row in range(tab.model.rowCount())]
    assert years == sorted(years, reverse=True)


def test_a_filter_read_while_another_process_writes_keeps_the_window_running(qtbot, big_context, big_path):
    tab = ProjectsTab(big_context)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: not tab.model.loading and tab.combos["year"].count() > 1, timeout=20000)
    blocker = sqlite3.connect(big_path, timeout=0, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another process is writing: every read of the file waits
    try:
        timer, ticks = _heartbeat(qtbot)
        tab.combos["level"].setCurrentIndex(tab.combos["level"].findData(FundingLevel.KCQG))
        assert tab.model.loading and tab.totals.text() == "Đang đọc danh sách…"
        qtbot.waitUntil(lambda: len(ticks) >= 20, timeout=5000)  # 100 ms and more of a responsive window
        assert tab.model.loading
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    with qtbot.waitSignal(tab.filter_applied, timeout=20000):
        pass
    timer.stop()
    with sqlite3.connect(big_path) as conn:
        (kcqg,) = conn.execute("SELECT count(*) FROM project WHERE deleted_at IS NULL AND level = 'KCQG'").fetchone()
    assert 0 < tab.model.total_rows == kcqg < 3000
    assert tab.totals.text().startswith(f"{format_number(kcqg)} đề án")
    assert {tab.model.row_item(r).level for r in range(tab.model.rowCount())} == {FundingLevel.KCQG}


def test_a_result_for_a_filter_changed_meanwhile_is_never_shown(qtbot, big_context):
    model = ProjectsModel(big_context.db)
    qtbot.waitUntil(lambda: not model.loading, timeout=20000)
    shown: list[tuple] = []
    model.loaded.connect(lambda: shown.append((model.filter, model.total_rows)))
    model.set_filter(ListFilter(level=FundingLevel.KCQG))
    model.set_filter(ListFilter(level=FundingLevel.KCDP))
    qtbot.waitUntil(lambda: not model.loading, timeout=20000)
    qtbot.wait(200)  # the superseded KCQG read has come back meanwhile, and was dropped
    assert [f.level for f, _ in shown] == [FundingLevel.KCDP]
    assert {model.row_item(r).level for r in range(model.rowCount())} == {FundingLevel.KCDP}


def test_an_edit_redraws_its_row_in_place_and_undo_too(qtbot, big_context):
    tab = ProjectsTab(big_context)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: not tab.model.loading, timeout=20000)
    row = 3
    record_id = tab.model.row_item(row).id
    resets: list[int] = []
    changed: list[tuple[int, int]] = []
    tab.model.modelReset.connect(lambda: resets.append(1))
    tab.model.dataChanged.connect(lambda first, last, *_: changed.append((first.row(), last.row())))
    jobs_total = tab.model.totals.jobs
    db = big_context.db
    with db.session() as session:
        project = session.get(Project, record_id)
        before, project.jobs = project.jobs, 4321
    push_fields(big_context, "Sửa lao động", "project", record_id, {"jobs": before})
    assert tab.model.index(row, ProjectsModel.JOBS).data() == "4.321"
    assert (row, row) in changed and not resets
    qtbot.waitUntil(lambda: tab.model.totals.jobs == jobs_total - before + 4321, timeout=20000)

    big_context.undo_stack.undo()
    assert tab.model.index(row, ProjectsModel.JOBS).data() == format_number(before)
    assert not resets
    qtbot.waitUntil(lambda: tab.model.totals.jobs == jobs_total, timeout=20000)


def test_an_edit_of_the_sorted_year_shows_at_once_and_the_totals_follow(qtbot, big_context):
    """Sorted by year on a large file: the edited row shows its new year and jobs where it stands
    (the list is not re-read, so the officer stays where they were) and the totals line follows."""
    tab = ProjectsTab(big_context)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: not tab.model.loading, timeout=20000)
    assert not tab.model.reads_inline  # 3.000 projects: read in the background like the national file
    row = 5
    item = tab.model.row_item(row)
    resets: list[int] = []
    tab.model.modelReset.connect(lambda: resets.append(1))
    jobs_total = tab.model.totals.jobs
    with big_context.db.session() as session:
        project = session.get(Project, item.id)
        project.year, project.jobs = 2001, item.jobs + 1000
    push_fields(big_context, "Sửa năm", "project", item.id, {"year": item.year, "jobs": item.jobs})
    assert tab.model.index(row, ProjectsModel.YEAR).data() == "2001"
    assert tab.model.index(row, ProjectsModel.JOBS).data() == format_number(item.jobs + 1000)
    assert tab.model.row_item(row).id == item.id and not resets
    expected = format_number(3000)
    qtbot.waitUntil(lambda: tab.model.totals.jobs == jobs_total + 1000, timeout=20000)
    assert tab.totals.text().startswith(f"{expected} đề án — NSNN hỗ trợ")

    qtbot.waitUntil(lambda: tab.combos["year"].findData(2001) > 0, timeout=20000)  # a new year to choose
    tab.combos["year"].setCurrentIndex(tab.combos["year"].findData(2001))
    qtbot.waitUntil(lambda: not tab.model.loading and tab.model.total_rows == 1, timeout=20000)
    big_context.undo_stack.undo()  # back to its old year: it leaves the 2001 list
    assert tab.model.index(0, ProjectsModel.YEAR).data() == str(item.year)
    qtbot.waitUntil(lambda: not tab.model.loading and tab.model.total_rows == 0, timeout=20000)
    assert tab.totals.text().startswith("0 đề án")


def test_choosing_another_unit_redraws_the_amounts_and_the_totals(qtbot, demo_db):
    context = AppContext(demo_db)
    tab = ProjectsTab(context)
    qtbot.addWidget(tab)
    tab.combos["level"].setCurrentIndex(tab.combos["level"].findData(FundingLevel.KCQG))
    assert tab.totals.text() == "6 đề án — NSNN hỗ trợ 2.350 triệu đồng — đối ứng 11.811,91 triệu đồng"
    states = {tab.model.index(r, ProjectsModel.STATE).data() for r in range(tab.model.rowCount())}
    assert "500" in states
    context.set_money_unit(MoneyUnit.TY)
    assert tab.totals.text() == "6 đề án — NSNN hỗ trợ 2,35 tỷ đồng — đối ứng 11,81191 tỷ đồng"
    states = {tab.model.index(r, ProjectsModel.STATE).data() for r in range(tab.model.rowCount())}
    assert "0,5" in states and "500" not in states
    context.set_money_unit(MoneyUnit.DONG)
    assert tab.totals.text().startswith("6 đề án — NSNN hỗ trợ 2.350.000.000 đồng")



def test_a_new_project_is_selected_once_the_big_list_is_read_again(qtbot, big_path, tmp_path, monkeypatch):
    import shutil

    from khuyencong_desktop.gui.tabs import list_tab

    copy = shutil.copy(big_path, tmp_path / "copy.kcdb")  # this test adds a project: the shared file stays as made
    db = Database.open(copy)
    context = AppContext(db)
    tab = ProjectsTab(context)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: not tab.model.loading, timeout=20000)

    def run(form):
        qtbot.addWidget(form)
        form.lines["code"].insert("ZZ-NEW-2026-01")
        form.lines["name"].insert("Hỗ trợ máy sấy nông sản")
        form.numbers["year"].insert("2026")
        form.level.setCurrentIndex(form.level.findText("KCĐP"))
        form.activity.setCurrentIndex(form.activity.findData("MM"))
        form.status.setCurrentIndex(form.status.findText("Đề xuất"))
        form.money["approved_nsdp"].insert("120")
        form.save()
        return form.result() == form.DialogCode.Accepted
    monkeypatch.setattr(list_tab, "run_dialog", run)
    tab.add_record()
    assert tab.model.loading  # the 3.001 projects are being read again, off the main thread
    qtbot.waitUntil(lambda: not tab.model.loading and tab.selected_id() is not None, timeout=20000)
    assert tab.model.total_rows == 3001
    assert tab.model.row_item(tab.table.currentIndex().row()).code == "ZZ-NEW-2026-01"
    context.undo_stack.clear()
    QThreadPool.globalInstance().waitForDone()
    db.close()


def test_scrolling_down_reads_pages_that_grow_and_keeps_the_list_order(qtbot, big_context, qtmodeltester):
    """Each page read as the view reaches the end is as large as what is loaded (200 to 600 rows):
    the 3.000 projects arrive in six reads instead of fourteen, in list order, each row once."""
    tab = ProjectsTab(big_context)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    qtbot.waitUntil(lambda: not tab.model.loading, timeout=20000)
    inserted: list[int] = []
    tab.model.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))
    qtmodeltester.check(tab.model, force_py=True)  # it fetches too, stays connected and checks every insertion
    bar = tab.table.verticalScrollBar()
    qtbot.waitUntil(lambda: (bar.setValue(bar.maximum()), not tab.model.canFetchMore())[1], timeout=20000)
    assert ProjectsModel.PAGE == 200 and ProjectsModel.MAX_PAGE == 600
    assert inserted == [200, 400, 600, 600, 600, 400]
    expected = ProjectQuery(big_context.db, ListFilter(), "year", descending=True).ids()
    assert [tab.model.row_item(row).id for row in range(tab.model.rowCount())] == expected
    tab.table.scrollToBottom()
    bottom = tab.table.viewport().rect().bottomLeft() + QPoint(2, -4)
    qtbot.waitUntil(lambda: tab.table.indexAt(bottom).row() == 2999, timeout=5000)
    assert tab.table.indexAt(bottom).data() == tab.model.row_item(2999).code
