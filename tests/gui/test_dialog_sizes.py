"""The forms, dialogs and windows on a 1366×768 office laptop: within the screen, nothing cut short."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMainWindow, QTableView
from sqlalchemy import select

from exchange_offices import district_copy
from khuyencong_desktop.exchange.merge import merge_package
from khuyencong_desktop.exchange.package import write_package
from khuyencong_desktop.gui import exchange, pdf_preview
from khuyencong_desktop.gui.context import AppContext
from khuyencong_desktop.gui.dialogs.office import OfficeDialog
from khuyencong_desktop.gui.dialogs.settings_dialog import SettingsDialog
from khuyencong_desktop.gui.forms.beneficiary import BeneficiaryForm
from khuyencong_desktop.gui.forms.project import ProjectForm
from khuyencong_desktop.gui.main_window import FIRST_SIZE, MainWindow
from khuyencong_desktop.gui.settings import Settings
from khuyencong_desktop.gui.sizing import FRAME_ALLOWANCE, fit_to_screen
from khuyencong_desktop.operations.reports import write_year_plan_pdf
from khuyencong_desktop.reports.letterhead_from_office import DocumentOptions
from khuyencong_desktop.storage.models import Beneficiary, Project

LAPTOP = QRect(0, 0, 1366, 728)
ROOM = LAPTOP.size() - FRAME_ALLOWANCE
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


def within(window, available: QRect) -> bool:
    """The window and its frame lie inside the screen's free area ``available``."""
    frame = QRect(window.pos(), window.size() + FRAME_ALLOWANCE)
    return available.contains(frame)


def test_the_pdf_preview_fits_the_screen_and_shows_its_buttons(qtbot, demo_db, tmp_path):
    pdf = write_year_plan_pdf(demo_db, 2021, tmp_path / "danh-muc-2021.pdf", DocumentOptions(3, date(2021, 1, 5)))
    dialog = pdf_preview.PdfPreviewDialog(pdf)
    qtbot.addWidget(dialog)
    screen = QApplication.primaryScreen().availableGeometry()
    assert dialog.height() <= screen.height() - FRAME_ALLOWANCE.height(), (dialog.size(), screen)
    fit_to_screen(dialog, LAPTOP, pdf_preview.WANTED_SIZE)
    assert_whole_on_a_laptop(qtbot, dialog)
    assert (dialog.width(), dialog.height()) == (960, ROOM.height())
    assert dialog.scroll.viewport().height() > 500
    dialog.grab().save(str(tmp_path / "pdf-preview-1366x768.png"))
    dialog.accept()


def test_the_merge_preview_fits_the_screen(qtbot, demo_db, tmp_path):
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    try:
        for db, jobs in ((demo_db, 30), (district, 45)):
            with db.session() as s:
                s.scalar(select(Project).where(Project.code == "LS-QG-2020-01")).jobs = jobs
        result = merge_package(demo_db, write_package(district, tmp_path / "huyen.kcx"), dry_run=True)
    finally:
        district.close()
    dialog = exchange.preview.MergePreview(result)
    screen = QApplication.primaryScreen().availableGeometry()
    assert dialog.height() <= screen.height() - FRAME_ALLOWANCE.height(), (dialog.size(), screen)
    fit_to_screen(dialog, LAPTOP, exchange.preview.WANTED_SIZE)
    assert_whole_on_a_laptop(qtbot, dialog)
    assert dialog.conflicts.count() == 1 and dialog.conflicts.isVisible()
    dialog.grab().save(str(tmp_path / "merge-preview-1366x768.png"))


def test_the_main_window_opens_within_the_screen_the_first_time(qtbot, tmp_path):
    window = MainWindow(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    screen = QApplication.primaryScreen().availableGeometry()
    assert within(window, screen), (window.pos(), window.size(), screen)
    window.restore_size(b"", LAPTOP)
    assert window.size() == FIRST_SIZE.boundedTo(ROOM) and window.height() == ROOM.height()
    window.show()
    qtbot.waitExposed(window)
    assert window.statusBar().geometry().bottom() < window.height()


def test_a_window_saved_on_a_big_monitor_opens_within_the_laptop_screen(qtbot, tmp_path):
    big = QMainWindow()
    qtbot.addWidget(big)
    big.setGeometry(1500, 900, 1900, 1150)
    settings = Settings(tmp_path / "settings.ini")
    settings.window_geometry = bytes(big.saveGeometry().data())
    window = MainWindow(settings)
    qtbot.addWidget(window)
    screen = QApplication.primaryScreen().availableGeometry()
    assert within(window, screen), (window.pos(), window.size(), screen)
