"""The dashboard's funding-level filter equals ``khuyencong summary --level``; axes and statuses read right."""
from __future__ import annotations

from khuyencong_desktop.cli.main import main as cli_main
from khuyencong_desktop.domain.codes import FundingLevel

from conftest import wait_dashboard


def _choose_level(qtbot, dashboard, level):
    index = dashboard.level.findData(level)
    assert index >= 0
    with qtbot.waitSignal(dashboard.refreshed, timeout=10000):
        dashboard.level.setCurrentIndex(index)
        dashboard.level.activated.emit(index)


def test_the_kcqg_level_shows_what_summary_level_kcqg_prints(window, qtbot, capsys):
    dashboard = window.tab(0)
    wait_dashboard(qtbot, dashboard)
    assert [dashboard.level.itemText(i) for i in range(dashboard.level.count())] == ["Tất cả", "KCQG", "KCĐP"]
    assert cli_main(["--db", str(window.context.db.path), "summary", "--from", "2017", "--to", "2021",
                     "--level", "KCQG"]) == 0
    printed = capsys.readouterr().out
    assert "Số đề án: 6 (KCQG: 6; KCĐP: 0)" in printed
    assert "Kinh phí NSNN hỗ trợ: 2.350 triệu đồng" in printed
    assert "Vốn đối ứng của các cơ sở: 11.811,91 triệu đồng" in printed
    assert "khoảng 5,03 đồng" in printed

    _choose_level(qtbot, dashboard, FundingLevel.KCQG)
    cards = {key: (card.value.text(), card.note.text()) for key, card in dashboard.cards.items()}
    assert cards["projects"] == ("6", "KCQG: 6 · KCĐP: 0")
    assert cards["support"] == ("2.350", "triệu đồng · KCQG: 2.350 · KCĐP: 0")
    assert cards["counterpart"] == ("11.811,91", "triệu đồng · tổng huy động: 14.161,91")
    assert cards["leverage"][0] == "5,03 lần"
    activity_axis = dashboard.activity_chart.chart().axes()[0]
    assert sorted(activity_axis.categories()) == ["MH (3 đề án)", "MM (3 đề án)"]

    _choose_level(qtbot, dashboard, None)
    assert dashboard.cards["projects"].value.text() == "58"


def test_money_axes_are_written_the_vietnamese_way(window, qtbot):
    dashboard = window.tab(0)
    wait_dashboard(qtbot, dashboard)
    year_axis = next(axis for axis in dashboard.year_chart.chart().axes() if hasattr(axis, "categoriesLabels")
                     and axis.titleText() == "triệu đồng")
    labels = year_axis.categoriesLabels()
    assert labels[0] == "0" and "15.000" in labels
    assert all("," not in label for label in labels)
    dashboard.resize(1400, 700)
    dashboard.grab().save("/tmp/dashboard_level.png")


def test_the_not_counted_line_names_statuses_in_english(window, qtbot):
    from khuyencong_desktop.gui.translator import apply_language

    dashboard = window.tab(0)
    wait_dashboard(qtbot, dashboard)
    assert dashboard.excluded.text().endswith("Đề xuất: 1; Bị từ chối: 1")
    apply_language("en")
    with qtbot.waitSignal(dashboard.refreshed, timeout=10000):
        dashboard.refresh()
    assert dashboard.excluded.text().endswith("Proposed: 1; Refused: 1")
