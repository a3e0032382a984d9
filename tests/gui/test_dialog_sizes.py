"""The edit forms and settings dialogs on a 1366×768 office laptop: within the screen, nothing cut short."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QTableView
from sqlalchemy import select

from khuyencong_desktop.gui.context import AppContext
from khuyencong_desktop.gui.dialogs.office import OfficeDialog
from khuyencong_desktop.gui.dialogs.settings_dialog import SettingsDialog
from khuyencong_desktop.gui.forms.beneficiary import BeneficiaryForm
from khuyencong_desktop.gui.forms.project import ProjectForm
from khuyencong_desktop.gui.forms.sizing import FRAME_ALLOWANCE
from khuyencong_desktop.gui.settings import Settings
from khuyencong_desktop.storage.models import Beneficiary, Project

ROOM = QRect(0, 0, 1366, 728).size() - FRAME_ALLOWANCE
"""The client area a dialog has on a 1366×768 screen above a 40-pixel taskbar."""


@pytest.fixture
def context(demo_db, qtbot):
    ctx = AppContext(demo_db)
    yield ctx
    ctx.undo_stack.clear()


def cut_short(dialog) -> list[str]:
    """What the officer would see cut: a header, a one-line label or a button narrower than its text."""
    problems = []
    for view in dialog.findChildren(QTableView):
        header = view.horizontalHeader()
        for column in range(header.count()):
            if view.isVisible() and header.sectionSize(column) < header.sectionSizeFromContents(column).width():
                problems.append(f"header {view.model().headerData(column, header.orientation())}")
    for label in dialog.findChildren(QLabel):
        if label.isVisible() and label.text() and not label.wordWrap() and label.width() < label.sizeHint().width():
            problems.append(f"label {label.text()}")
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisible() and button.text() and button.width() < button.sizeHint().width():
            problems.append(f"button {button.text()}")
    return problems


def assert_whole_on_a_laptop(qtbot, dialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= ROOM.width() and dialog.height() <= ROOM.height(), dialog.size()
    assert cut_short(dialog) == []


def test_every_page_of_the_project_form(qtbot, context):
    with context.db.session() as session:
        project_id = session.scalar(select(Project.id).where(Project.code == "LS-DP-2021-MM05"))
    form = ProjectForm(context, project_id)
    for page in range(form.tabs.count()):
        form.tabs.setCurrentIndex(page)
        assert_whole_on_a_laptop(qtbot, form)
    assert form.picker.results.count() > 0


def test_the_beneficiary_form(qtbot, context):
    with context.db.session() as session:
        beneficiary_id = session.scalar(select(Beneficiary.id).where(Beneficiary.name == "HTX chế biến nông sản Lụa Vy"))
    assert_whole_on_a_laptop(qtbot, BeneficiaryForm(context, beneficiary_id))


def test_the_office_and_settings_dialogs(qtbot, context, tmp_path):
    assert_whole_on_a_laptop(qtbot, OfficeDialog(context))
    assert_whole_on_a_laptop(qtbot, SettingsDialog(Settings(tmp_path / "settings.ini"), context))
