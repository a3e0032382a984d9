"""Charts of the printed documents (ReportLab graphics, embedded as vector drawings)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from khuyencong_desktop.domain.codes import Source
from khuyencong_desktop.domain.money import MoneyUnit, format_number
from khuyencong_desktop.reports.styles import document_styles

CHART_FONT_SIZE = 10
SOURCE_COLOURS = {
    Source.NSTW: colors.HexColor("#1f4e79"),
    Source.NSDP: colors.HexColor("#5b9bd5"),
    Source.NSNN: colors.HexColor("#9dc3e6"),
    Source.DOI_UNG: colors.HexColor("#c55a11"),
    Source.KHAC: colors.HexColor("#a9a9a9"),
}
"""Dark to light blues for state money, orange for the beneficiaries' own: distinct in grey print too."""


def funds_by_year_chart(by_year_and_source: Mapping[int, Mapping[str, int]], unit: MoneyUnit,
                        width: float, height: float = 200) -> Drawing:
    """Stacked bars of the money of each year by source (kinh phí theo năm và nguồn vốn).

    Only the sources with money in some year are drawn; amounts are shown in ``unit``.
    """
    s = document_styles()
    font = s.face()
    years = sorted(by_year_and_source)
    sources = [source for source in Source
               if any(by_year_and_source[y].get(source.value, 0) for y in years)]
    drawing = Drawing(width, height)
    # The renderer otherwise starts every drawing in Helvetica, left unembedded in the file.
    drawing.initialFontName, drawing.initialFontSize = font, CHART_FONT_SIZE
    legend_height = 16 * ((len(sources) + 2) // 3)
    chart = VerticalBarChart()
    chart.x, chart.y = 55, 24 + legend_height
    chart.width, chart.height = width - 70, height - chart.y - 22
    chart.data = [[_in_unit(by_year_and_source[y].get(source.value, 0), unit) for y in years]
                  for source in sources] or [[0.0 for _ in years]]
    chart.categoryAxis.categoryNames = [str(y) for y in years]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = CHART_FONT_SIZE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = CHART_FONT_SIZE
    chart.valueAxis.labelTextFormat = lambda value: format_number(Decimal(str(value)), None)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.lightgrey
    chart.barWidth = 12
    chart.groupSpacing = 12
    for index, source in enumerate(sources):
        chart.bars[index].fillColor = SOURCE_COLOURS[source]
        chart.bars[index].strokeColor = colors.white
        chart.bars[index].strokeWidth = 0.3
    drawing.add(chart)
    drawing.add(String(chart.x - 50, height - 12, unit.label[:1].upper() + unit.label[1:],
                       fontName=font, fontSize=CHART_FONT_SIZE))
    drawing.add(_legend(sources, font, width, legend_height))
    return drawing


def _in_unit(dong: int, unit: MoneyUnit) -> float:
    # A chart bar is a picture: plotting is the one place an amount becomes a float.
    return dong / unit.factor


def _legend(sources: Sequence[Source], font: str, width: float, height: float) -> Legend:
    legend = Legend()
    legend.x, legend.y = 55, height + 2
    legend.fontName = font
    legend.fontSize = CHART_FONT_SIZE
    legend.alignment = "right"
    legend.columnMaximum = max(1, -(-len(sources) // 3))
    legend.dx = legend.dy = 8
    legend.deltax = (width - 70) / 3
    legend.dxTextSpace = 4
    legend.boxAnchor = "nw"
    legend.colorNamePairs = [(SOURCE_COLOURS[s], s.label) for s in sources]
    legend.strokeWidth = 0
    return legend
