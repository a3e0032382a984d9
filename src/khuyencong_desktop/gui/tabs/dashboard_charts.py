"""The dashboard's three charts (biểu đồ), built with QtCharts from plain figures.

Amounts are drawn in the unit the officer chose; a chart bar is a picture, so the conversion to a
float happens only here, never in a stored or printed figure.
"""
from __future__ import annotations

from PySide6.QtCharts import (QBarCategoryAxis, QBarSeries, QBarSet, QCategoryAxis, QChart, QChartView,
                              QHorizontalBarSeries, QStackedBarSeries, QValueAxis)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from ...domain.codes import Source
from ...domain.money import MoneyUnit, format_number
from ...i18n import tr, tr_label
from ...operations.programme import ProgrammeReport
from ...operations.summary import PeriodSummary

SOURCE_COLOURS = {Source.NSTW: "#1f5fa8", Source.NSDP: "#3c9a5f", Source.NSNN: "#7a5fb0",
                  Source.DOI_UNG: "#e0a030", Source.KHAC: "#9a9a9a"}
SOURCE_NAMES = {Source.NSTW: "NSTW", Source.NSDP: "NSĐP", Source.NSNN: "NSNN", Source.DOI_UNG: "Đối ứng",
                Source.KHAC: "Khác"}


def new_view(title: str) -> QChartView:
    chart = QChart()
    chart.setTitle(title)
    title_font = QFont(chart.titleFont())
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(0, 0, 18, 0))  # room for the last axis label ("8.000")
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(320)
    return view


def _in_unit(dong: int, unit: MoneyUnit) -> float:
    return dong / unit.factor


def _reset(view: QChartView) -> QChart:
    chart = view.chart()
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
    return chart


def _value_axis(maximum: float, title: str = "") -> QCategoryAxis:
    """A value axis from 0 with Qt's nice ticks, labelled the Vietnamese way ("15.000", "2,5")."""
    nice = QValueAxis()
    nice.setRange(0, maximum * 1.05 if maximum > 0 else 1)
    nice.applyNiceNumbers()
    low, high, ticks = nice.min(), nice.max(), nice.tickCount()
    step = (high - low) / (ticks - 1)
    decimals = 0 if step >= 1 else len(f"{step:.6f}".rstrip("0").split(".")[1])
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setRange(low, high)
    axis.setStartValue(low)
    for tick in range(ticks):
        axis.append(format_number(round(low + tick * step, decimals), decimals), low + tick * step)
    axis.setTitleText(title)
    return axis


def _attach(chart: QChart, series, categories: list[str], values_axis: QCategoryAxis, horizontal: bool = False) -> None:
    chart.addSeries(series)
    category_axis = QBarCategoryAxis()
    category_axis.append(categories)
    chart.addAxis(category_axis, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values_axis, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(category_axis)
    series.attachAxis(values_axis)


def show_funds_by_year(view: QChartView, summary: PeriodSummary, unit: MoneyUnit) -> None:
    """Kinh phí theo năm, stacked by source (only sources with money in the period)."""
    chart = _reset(view)
    years = list(range(summary.from_year, summary.to_year + 1))
    series = QStackedBarSeries()
    for source in Source:
        amounts = [summary.by_year_and_source.get(year, {}).get(source.value, 0) for year in years]
        if not any(amounts):
            continue
        bar_set = QBarSet(tr(SOURCE_NAMES[source]))
        bar_set.setColor(QColor(SOURCE_COLOURS[source]))
        bar_set.append([_in_unit(a, unit) for a in amounts])
        series.append(bar_set)
    totals = [sum(summary.by_year_and_source.get(year, {}).values()) for year in years]
    _attach(chart, series, [str(y) for y in years], _value_axis(_in_unit(max(totals, default=0), unit), tr_label(unit)))


def show_by_activity(view: QChartView, summary: PeriodSummary, unit: MoneyUnit) -> None:
    """Đề án và kinh phí hỗ trợ theo nội dung: one bar per activity, its project count in the label."""
    chart = _reset(view)
    activities = sorted(summary.projects_by_activity, key=lambda code: summary.support_by_activity.get(code, 0))
    bar_set = QBarSet(tr("Kinh phí NSNN hỗ trợ ({unit})", unit=tr_label(unit)))
    bar_set.setColor(QColor(SOURCE_COLOURS[Source.NSDP]))
    bar_set.append([_in_unit(summary.support_by_activity.get(code, 0), unit) for code in activities])
    series = QHorizontalBarSeries()
    series.append(bar_set)
    labels = [tr("{code} ({n} đề án)", code=code, n=summary.projects_by_activity[code]) for code in activities]
    maximum = max((summary.support_by_activity.get(c, 0) for c in activities), default=0)
    _attach(chart, series, labels, _value_axis(_in_unit(maximum, unit)), horizontal=True)


def show_targets(view: QChartView, programmes: list[ProgrammeReport]) -> None:
    """Chỉ tiêu: planned against achieved for each target of the programmes shown."""
    chart = _reset(view)
    several = len(programmes) > 1
    labels, planned, achieved = [], [], []
    for report in programmes:
        for target in report.targets:
            labels.append(f"{report.code} · {target.activity}" if several else target.activity)
            planned.append(target.planned)
            achieved.append(target.achieved)
    series = QBarSeries()
    for name, values, colour in ((tr("Kế hoạch"), planned, "#9fb7d6"), (tr("Đã đạt"), achieved, "#1f5fa8")):
        bar_set = QBarSet(name)
        bar_set.setColor(QColor(colour))
        bar_set.append([float(v) for v in values])
        series.append(bar_set)
    series.setLabelsVisible(True)
    title = tr("Chỉ tiêu: kế hoạch và đã đạt")
    if len(programmes) == 1:
        title = tr("Chỉ tiêu {code}: kế hoạch và đã đạt", code=programmes[0].code)
    elif not labels:
        title = tr("Chỉ tiêu: không có chương trình nào trong giai đoạn")
    chart.setTitle(title)
    _attach(chart, series, labels, _value_axis(float(max(planned + achieved, default=0)), tr("số lượng")))
