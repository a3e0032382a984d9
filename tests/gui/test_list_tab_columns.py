"""The list tabs' columns on an office laptop: the name gets the most room, the others their contents, titles whole."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetrics

from khuyencong_desktop.domain.text import sort_key
from khuyencong_desktop.gui.context import AppContext
from khuyencong_desktop.gui.models.beneficiaries import BeneficiariesModel
from khuyencong_desktop.gui.models.programmes import ProgrammesModel
from khuyencong_desktop.gui.models.projects import ProjectsModel
from khuyencong_desktop.gui.tabs.beneficiaries import BeneficiariesTab
from khuyencong_desktop.gui.tabs.programmes import ProgrammesTab
from khuyencong_desktop.gui.tabs.list_tab import ListTab
from khuyencong_desktop.gui.tabs.projects import ProjectsTab

TAB_SIZE = (1264, 600)
"""The room a list tab has in the main window on a 1366×768 laptop (1280×688 less menus and status bar)."""
NAME_ROOM = 320
"""The least a name column gets on such a screen: about 50 characters of a project's name."""


@pytest.fixture
def context(demo_db, qtbot):
    ctx = AppContext(demo_db)
    yield ctx
    ctx.undo_stack.clear()


def open_tab(qtbot, tab_class, context) -> ListTab:
    tab = tab_class(context)
    qtbot.addWidget(tab)
    tab.resize(*TAB_SIZE)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


@pytest.mark.parametrize(("tab_class", "name"), [(ProjectsTab, ProjectsModel.NAME),
                                                 (BeneficiariesTab, BeneficiariesModel.NAME),
                                                 (ProgrammesTab, ProgrammesModel.NAME)])
def test_the_name_has_the_most_room_and_every_title_is_whole(qtbot, context, tab_class, name, tmp_path):
    tab = open_tab(qtbot, tab_class, context)
    tab.grab().save(str(tmp_path / f"{tab_class.__name__}-1366x768.png"))
    table, header = tab.table, tab.table.horizontalHeader()
    widths = {tab.model.headerData(c, Qt.Orientation.Horizontal): header.sectionSize(c) for c in range(header.count())}
    title = tab.model.headerData(name, Qt.Orientation.Horizontal)
    assert widths[title] >= NAME_ROOM and widths[title] == max(widths.values()), widths
    assert header.length() <= table.viewport().width(), widths
    for column in range(header.count()):
        if column != name:
            assert header.sectionSize(column) >= min(table.sizeHintForColumn(column), 260), column
        assert header.sectionSize(column) >= header.sectionSizeFromContents(column).width(), column


def test_a_title_too_long_for_its_column_is_on_two_lines_and_the_header_holds_them(qtbot, context):
    tab = open_tab(qtbot, ProjectsTab, context)
    header = tab.table.horizontalHeader()
    assert header.height() >= 2 * header.fontMetrics().lineSpacing()
    bold = header.font()
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    for title in ("NSNN hỗ trợ", "Vốn đối ứng", "Chương trình"):
        column = next(c for c in range(header.count()) if tab.model.headerData(c, Qt.Orientation.Horizontal) == title)
        assert max(metrics.horizontalAdvance(word) for word in title.split()) < header.sectionSize(column)
        assert header.sectionSize(column) < metrics.horizontalAdvance(title), title


def test_clicking_the_name_title_sorts_by_name(qtbot, context):
    tab = open_tab(qtbot, ProjectsTab, context)
    header = tab.table.horizontalHeader()
    centre = QPoint(header.sectionViewportPosition(ProjectsModel.NAME) + header.sectionSize(ProjectsModel.NAME) // 2,
                    header.height() // 2)
    with qtbot.waitSignal(tab.model.loaded, timeout=5000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert header.sortIndicatorSection() == ProjectsModel.NAME
    names = [tab.model.index(row, ProjectsModel.NAME).data() for row in range(tab.model.rowCount())]
    assert len(names) == 62 and names == sorted(names, key=sort_key)
