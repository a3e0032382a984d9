"""The dashboard's figures equal ``khuyencong summary`` on the same file, and follow period and programme."""
from __future__ import annotations

import re

from khuyencong_desktop.cli.main import main as cli_main
from khuyencong_desktop.domain.money import MoneyUnit
from PySide6.QtCore import Qt

from conftest import start_window, wait_dashboard


def cards(dashboard) -> dict[str, tuple[str, str]]:
    return {key: (card.value.text(), card.note.text()) for key, card in dashboard.cards.items()}


def test_figures_equal_the_command_line_summary(qtbot, shown, demo_path, capsys):
    assert cli_main(["--db", str(demo_path), "summary", "--from", "2017", "--to", "2021"]) == 0
    printed = capsys.readouterr().out
    window = start_window(qtbot, str(demo_path))
    dashboard = window.tab(0)
    wait_dashboard(qtbot, dashboard)
    assert (dashboard.from_year.value(), dashboard.to_year.value()) == (2017, 2021)
    shown_cards = cards(dashboard)
    assert shown_cards == {
        "projects": ("58", "KCQG: 6 · KCĐP: 52"),
        "support": ("8.974", "triệu đồng · KCQG: 2.350 · KCĐP: 6.624"),
        "counterpart": ("46.236,68", "triệu đồng · tổng huy động: 55.210,68"),
        "leverage": ("5,15 lần", "vốn cơ sở trên 1 đồng NSNN"),
        "jobs": ("519", "46 cơ sở thụ hưởng"),
    }
    # The same figures, as the command line printed them for the same file.
    assert re.search(r"Số đề án: 58 \(KCQG: 6; KCĐP: 52\)", printed)
    assert "Kinh phí NSNN hỗ trợ: 8.974 triệu đồng (KCQG: 2.350 triệu đồng; KCĐP: 6.624 triệu đồng)" in printed
    assert "Vốn đối ứng của các cơ sở: 46.236,68 triệu đồng" in printed
    assert "Tổng nguồn vốn huy động: 55.210,68 triệu đồng" in printed
    assert "khoảng 5,15 đồng" in printed
    assert "Lao động: 519; cơ sở thụ hưởng: 46" in printed
    assert dashboard.excluded.text().endswith("Đề xuất: 1; Bị từ chối: 1")
    window.close()


def test_charts_show_the_period_by_year_activity_and_target(window, qtbot):
    dashboard = window.tab(0)
    wait_dashboard(qtbot, dashboard)
    year_series = dashboard.year_chart.chart().series()[0]
    assert [s.label() for s in year_series.barSets()] == ["NSTW", "NSĐP", "Đối ứng"]
    totals = [sum(s.at(i) for s in year_series.barSets()) for i in range(5)]
    assert round(sum(totals), 2) == 55210.68  # triệu đồng, the period's total mobilised
    activity_axis = dashboard.activity_chart.chart().axes()[0]
    assert "MM (45 đề án)" in activity_axis.categories()
    targets = dashboard.target_chart.chart().series()[0]
    assert [s.label() for s in targets.barSets()] == ["Kế hoạch", "Đã đạt"]
    assert [targets.barSets()[0].at(i) for i in range(4)] == [1.0, 3.0, 5.0, 30.0]


def test_period_programme_and_unit_change_the_figures(window, qtbot):
    dashboard = window.tab(0)
    wait_dashboard(qtbot, dashboard)
    dashboard.from_year.setValue(2019)
    dashboard.to_year.setValue(2019)
    with qtbot.waitSignal(dashboard.refreshed, timeout=10000):
        qtbot.mouseClick(dashboard.refresh_button, Qt.MouseButton.LeftButton)
    assert dashboard.data.summary.from_year == 2019
    assert dashboard.cards["projects"].value.text() == str(dashboard.data.summary.projects)
    assert int(dashboard.cards["projects"].value.text()) < 58
    index = dashboard.programme.findText("LC-2021-2025", flags=Qt.MatchFlag.MatchStartsWith)
    assert index > 0
    dashboard.from_year.setValue(2021)
    dashboard.to_year.setValue(2025)
    dashboard.programme.setCurrentIndex(index)
    with qtbot.waitSignal(dashboard.refreshed, timeout=10000):
        dashboard.refresh()
    assert dashboard.target_chart.chart().title() == "Chỉ tiêu LC-2021-2025: kế hoạch và đã đạt"
    with qtbot.waitSignal(dashboard.refreshed, timeout=10000):
        window.context.set_money_unit(MoneyUnit.TY)
    assert dashboard.cards["support"].note.text().startswith("tỷ đồng")
