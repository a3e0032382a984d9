"""The programme form on an office laptop's screen (1366×768): whole on screen, whole headers, every row shown."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from sqlalchemy import select

from khuyencong_desktop.gui.context import AppContext
from khuyencong_desktop.gui.forms.programme import ProgrammeForm
from khuyencong_desktop.gui.sizing import FRAME_ALLOWANCE, fit_to_screen
from khuyencong_desktop.storage.models import Programme

LAPTOP = QRect(0, 0, 1366, 728)
"""A 1366×768 screen's free area above a 40-pixel taskbar."""


@pytest.fixture
def context(demo_db, qtbot):
    ctx = AppContext(demo_db)
    yield ctx
    ctx.undo_stack.clear()


def open_on_laptop(qtbot, context, code: str) -> ProgrammeForm:
    with context.db.session() as session:
        programme_id = session.scalar(select(Programme.id).where(Programme.code == code))
    form = ProgrammeForm(context, programme_id)
    qtbot.addWidget(form)
    fit_to_screen(form, LAPTOP)
    form.show()
    qtbot.waitExposed(form)
    return form


def assert_fits(form) -> None:
    room = LAPTOP.size() - FRAME_ALLOWANCE
    assert form.width() <= room.width() and form.height() <= room.height(), form.size()
    assert form.minimumSizeHint().width() <= room.width() and form.minimumSizeHint().height() <= room.height()


def assert_headers_whole(table) -> None:
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        text = table.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= header.sectionSizeFromContents(column).width(), text
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= header.viewport().width(), text


def rows_on_screen(table) -> list[int]:
    """The rows a user sees whole in the table's viewport, without scrolling."""
    viewport = table.viewport().rect()
    return [row for row in range(table.rowCount())
            if viewport.contains(table.visualRect(table.model().index(row, 0)))]


def test_lai_chau_programme_opens_whole_on_a_1366_by_768_screen(qtbot, context, tmp_path):
    form = open_on_laptop(qtbot, context, "LC-2021-2025")
    form.grab().save(str(tmp_path / "programme-form-1366x768.png"))

    assert_fits(form)
    assert "(không ghi nguồn)" in [form.grid.horizontalHeaderItem(c).text() for c in range(form.grid.columnCount())]
    assert_headers_whole(form.grid)
    assert_headers_whole(form.targets)
    years = [form.grid.verticalHeaderItem(r).text() for r in rows_on_screen(form.grid)]
    assert years == ["2021", "2022", "2023", "2024", "2025", "(không ghi năm)", "Cộng"]
    assert not form.grid.verticalScrollBar().isVisible()
    assert [form.targets.item(r, 0).text() for r in rows_on_screen(form.targets)] == ["CCN", "MT", "MH", "MM"]
    assert not form.targets.verticalScrollBar().isVisible()
    assert form.check_label.text().startswith("Kế hoạch khớp")


def test_a_ten_year_plan_with_eight_targets_still_fits_and_scrolls_the_rest(qtbot, context):
    form = open_on_laptop(qtbot, context, "LC-2021-2025")
    form.to_year.setText("2030")
    form.to_year.editingFinished.emit()
    for number in range(4):
        form.add_target({"activity_code": "DT", "description": f"Đào tạo nghề, truyền nghề khóa {number + 1}",
                         "unit": "khóa", "planned": 2})
    fit_to_screen(form, LAPTOP)
    qtbot.waitUntil(lambda: form.grid.verticalScrollBar().isVisible())

    assert_fits(form)
    assert form.grid.rowCount() == 12
    assert len(rows_on_screen(form.grid)) >= 7
    assert_headers_whole(form.grid)
    assert_headers_whole(form.targets)
    assert len(rows_on_screen(form.targets)) >= 5
    form.targets.scrollToBottom()
    qtbot.waitUntil(lambda: 7 in rows_on_screen(form.targets))
