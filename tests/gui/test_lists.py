"""The three list tabs on the demo file, driven as an officer would: search, filter, sort, totals."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from khuyencong_desktop.gui.context import AppContext
from khuyencong_desktop.gui.models.base import IdRole, RawValueRole
from khuyencong_desktop.gui.models.beneficiaries import BeneficiariesModel
from khuyencong_desktop.gui.models.programmes import ProgrammesModel
from khuyencong_desktop.gui.models.projects import ProjectsModel
from khuyencong_desktop.gui.tabs.beneficiaries import BeneficiariesTab
from khuyencong_desktop.gui.tabs.programmes import ProgrammesTab
from khuyencong_desktop.gui.tabs.projects import ProjectsTab


@pytest.fixture
def context(demo_db, qtbot):
    ctx = AppContext(demo_db)
    yield ctx
    ctx.undo_stack.clear()


def _column_texts(model, column):
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _choose(combo, text):
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not offered"
    combo.setCurrentIndex(index)


@pytest.mark.parametrize("model_class", [ProjectsModel, BeneficiariesModel, ProgrammesModel])
def test_every_list_model_passes_the_model_tester(qtmodeltester, demo_db, model_class):
    model = model_class(demo_db)
    qtmodeltester.check(model, force_py=True)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_projects_tab_opens_with_every_project_and_the_totals_line(qtbot, context):
    tab = ProjectsTab(context)
    qtbot.addWidget(tab)
    assert tab.model.total_rows == 62
    assert tab.totals.text().startswith("62 đề án — NSNN hỗ trợ 10.144 triệu đồng")
    assert "2 đề án đề xuất, bị từ chối hoặc ngừng" in tab.totals.text()
    years = [tab.model.index(row, ProjectsModel.YEAR).data(RawValueRole) for row in range(tab.model.rowCount())]
    assert years == sorted(years, reverse=True)


def test_search_lai_chau_without_diacritics_finds_the_lai_chau_projects(qtbot, context):
    tab = ProjectsTab(context)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.filter_applied, timeout=2000):
        qtbot.keyClicks(tab.search, "lai chau")
    places = _column_texts(tab.model, ProjectsModel.PLACE)
    assert places and all("Lai Châu" in place for place in places)
    assert tab.totals.text().startswith(f"{len(places)} đề án")


def test_filters_kcqg_2017_2021_give_the_article_figures(qtbot, context):
    tab = ProjectsTab(context)
    qtbot.addWidget(tab)
    _choose(tab.combos["level"], "KCQG")
    assert tab.totals.text() == "6 đề án — NSNN hỗ trợ 2.350 triệu đồng — đối ứng 11.811,91 triệu đồng"
    assert set(_column_texts(tab.model, ProjectsModel.LEVEL)) == {"KCQG"}
    _choose(tab.combos["year"], "2019")
    assert tab.model.total_rows == 2
    assert tab.totals.text().startswith("2 đề án — NSNN hỗ trợ 750 triệu đồng")


def test_money_is_right_aligned_with_vietnamese_separators(qtbot, context):
    tab = ProjectsTab(context)
    qtbot.addWidget(tab)
    _choose(tab.combos["level"], "KCQG")
    tab.model.sort(ProjectsModel.COUNTERPART, Qt.SortOrder.DescendingOrder)
    top = tab.model.index(0, ProjectsModel.COUNTERPART)
    assert top.data() == "2.400"
    assert top.data(RawValueRole) == 2_400_000_000
    assert top.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert tab.model.index(0, 0).data(IdRole)


def test_beneficiaries_sort_in_vietnamese_order_and_d_finds_dj(qtbot, context):
    tab = BeneficiariesTab(context)
    qtbot.addWidget(tab)
    tab.table.sortByColumn(BeneficiariesModel.NAME, Qt.SortOrder.AscendingOrder)
    names = _column_texts(tab.model, BeneficiariesModel.NAME)
    from khuyencong_desktop.domain.text import sort_key
    assert names == sorted(names, key=sort_key)
    with qtbot.waitSignal(tab.filter_applied, timeout=2000):
        qtbot.keyClicks(tab.search, "dinh thi")
    assert "Hộ kinh doanh Đinh Thị Hằng" in _column_texts(tab.model, BeneficiariesModel.NAME)


def test_beneficiaries_totals_say_when_workers_are_not_entered(qtbot, context):
    """The demo's beneficiaries have no number of workers: the line says so instead of "0 lao động"."""
    tab = BeneficiariesTab(context)
    qtbot.addWidget(tab)
    assert tab.totals.text() == "48 cơ sở — chưa nhập số lao động"
    from sqlalchemy import select

    from khuyencong_desktop.storage.models import Beneficiary
    with context.db.session() as session:
        first, second = session.scalars(select(Beneficiary).order_by(Beneficiary.name).limit(2))
        first.employees, second.employees = 25, 12
    again = BeneficiariesTab(context)
    qtbot.addWidget(again)
    assert again.totals.text() == "48 cơ sở — 37 lao động (theo số liệu của 2 cơ sở)"


def test_programmes_tab_lists_lai_chau(qtbot, context):
    tab = ProgrammesTab(context)
    qtbot.addWidget(tab)
    assert _column_texts(tab.model, ProgrammesModel.CODE) == ["LC-2021-2025"]
    assert tab.model.index(0, ProgrammesModel.TOTAL).data() == "75.300"
    assert tab.totals.text().startswith("1 chương trình — tổng kinh phí 75.300 triệu đồng")
