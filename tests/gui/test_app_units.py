"""The money unit: the office's default unit (Thông tin đơn vị) unless the officer chose one (Cài đặt)."""
from __future__ import annotations

from khuyencong_desktop.gui.dialogs.office import OfficeDialog
from khuyencong_desktop.gui.dialogs.settings_dialog import SettingsDialog
from khuyencong_desktop.gui.models.projects import ProjectsModel
from khuyencong_desktop.gui.settings import Settings

from conftest import wait_dashboard


def _amounts(tab) -> set[str]:
    return {tab.model.index(r, ProjectsModel.STATE).data() for r in range(tab.model.rowCount())}


def test_the_office_default_unit_changes_the_lists_and_the_dashboard_until_the_officer_chooses(window, qtbot):
    projects, dashboard = window.tab(2), window.tab(0)
    wait_dashboard(qtbot, dashboard)
    assert "500" in _amounts(projects) and "triệu đồng" in projects.totals.text()

    office = OfficeDialog(window.context, window)
    qtbot.addWidget(office)
    office.unit.setCurrentIndex(office.unit.findData("TY"))
    with qtbot.waitSignal(dashboard.refreshed, timeout=10000):
        office.accept()
    assert "0,5" in _amounts(projects) and "500" not in _amounts(projects)
    assert "tỷ đồng" in projects.totals.text() and dashboard.cards["support"].note.text().startswith("tỷ đồng")

    settings = SettingsDialog(window.settings, window.context, window)
    qtbot.addWidget(settings)
    assert settings.unit.currentText() == "Theo thông tin đơn vị"
    settings.unit.setCurrentIndex(settings.unit.findData("TRIEU"))
    settings.accept()
    assert "500" in _amounts(projects) and "triệu đồng" in projects.totals.text()
    assert Settings().money_unit == "TRIEU"

    again = SettingsDialog(window.settings, window.context, window)
    qtbot.addWidget(again)
    again.unit.setCurrentIndex(0)  # back to the office's unit
    again.accept()
    assert "0,5" in _amounts(projects) and Settings().money_unit == ""
