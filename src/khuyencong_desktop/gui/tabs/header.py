"""The lists' column header: a long title goes onto two lines, so a column is only as wide as its contents need."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyleOptionHeader, QWidget


def two_lines(text: str, metrics: QFontMetrics) -> str:
    """``text`` broken between two of its words where the longer line is shortest; one word stays as it is."""
    words = text.split()
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    if not splits:
        return text
    first, second = min(splits, key=lambda lines: max(metrics.horizontalAdvance(line) for line in lines))
    return f"{first}\n{second}"


def bold(font: QFont) -> QFont:
    """Qt measures header titles in bold (a highlighted section is drawn so); so do we."""
    font = QFont(font)
    font.setBold(True)
    return font


class WrappingHeader(QHeaderView):
    """Tiêu đề cột: every title whole, on one line when the column is wide enough, else on two ("NSNN / hỗ trợ")."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)

    def _title(self, logical_index: int) -> str:
        return (self.model().headerData(logical_index, self.orientation()) or "") if self.model() else ""

    def initStyleOptionForIndex(self, option: QStyleOptionHeader, logical_index: int) -> None:  # noqa: N802 (Qt's)
        super().initStyleOptionForIndex(option, logical_index)
        if self.sectionSize(logical_index) < super().sectionSizeFromContents(logical_index).width():
            option.text = two_lines(option.text, QFontMetrics(bold(self.font())))

    def sectionSizeFromContents(self, logical_index: int) -> QSize:  # noqa: N802 (Qt's name)
        """Qt's size for the title on one line, as narrow as the title on two lines and one line taller."""
        size = super().sectionSizeFromContents(logical_index)
        title = self._title(logical_index)
        if not title:
            return size
        metrics = QFontMetrics(bold(self.font()))
        narrowest = max(metrics.horizontalAdvance(line) for line in two_lines(title, metrics).split("\n"))
        return QSize(size.width() - metrics.horizontalAdvance(title) + narrowest, size.height() + metrics.lineSpacing())
