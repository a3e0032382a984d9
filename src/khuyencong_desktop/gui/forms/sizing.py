"""Sizing the forms' tables and dialogs to what they show: whole headers, every row, within the screen."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QTableWidget, QWidget

FRAME_ALLOWANCE = QSize(16, 40)
"""Room the window frame and title bar take around a dialog's client area (Windows 10/11 at 100 %)."""
STRETCHED_WIDTH = 420
"""The most a stretched text column (a target's description) asks for; longer text wraps."""


def content_width(table: QTableWidget, column: int) -> int:
    """The width ``column`` needs for its whole header text and its widest cell."""
    header = table.horizontalHeader()
    return max(header.sectionSizeFromContents(column).width(), table.sizeHintForColumn(column))


def keep_columns_whole(table: QTableWidget, stretched: int | None = None, scrolls: bool = False) -> None:
    """Never narrower than needs every column whole (``scrolls``: beside its vertical scroll bar).

    Without ``stretched`` all sections stretch equally, so each gets the widest one's width; with it,
    the other sections are sized to their contents and column ``stretched`` takes what is left.
    """
    widths = [content_width(table, c) for c in range(table.columnCount())]
    if stretched is None:
        needed = max(widths, default=0) * len(widths)
    else:
        needed = sum(widths) - widths[stretched] + min(widths[stretched], STRETCHED_WIDTH)
    vertical = 0 if table.verticalHeader().isHidden() else table.verticalHeader().sizeHint().width()
    bar = table.verticalScrollBar().sizeHint().width() if scrolls else 0
    table.setMinimumWidth(vertical + needed + bar + 2 * table.frameWidth())


def rows_height(table: QTableWidget, rows: int) -> int:
    """The height the table needs to show its header and its first ``rows`` rows without scrolling.

    Rows the table has count at their own height (a wrapped description is taller); rows beyond them
    (room kept for rows still to be added) count at the default height.
    """
    header = 0 if table.horizontalHeader().isHidden() else table.horizontalHeader().sizeHint().height()
    present = min(rows, table.rowCount())
    heights = sum(table.rowHeight(r) for r in range(present))
    heights += (rows - present) * table.verticalHeader().defaultSectionSize()
    return header + heights + 2 * table.frameWidth()


def fit_to_screen(dialog: QWidget, available: QRect | None = None) -> None:
    """Open ``dialog`` at the size its contents ask for, never beyond the screen's free area.

    ``available`` is the screen's free area (without the taskbar); by default that of the screen the
    dialog will open on.
    """
    if available is None:
        available = dialog.screen().availableGeometry()
    room = available.size() - FRAME_ALLOWANCE
    wanted = dialog.sizeHint().expandedTo(dialog.minimumSizeHint())
    dialog.resize(wanted.boundedTo(room))
