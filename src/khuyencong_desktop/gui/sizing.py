"""Sizing windows, dialogs and the forms' tables to what they show: whole headers, every row, within the screen."""
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


def fit_to_screen(window: QWidget, available: QRect | None = None, wanted: QSize | None = None) -> None:
    """Open ``window`` at the ``wanted`` size (by default what its contents ask for), never beyond the screen.

    ``available`` is the screen's free area (without the taskbar); by default that of the screen the
    window will open on.
    """
    if available is None:
        available = window.screen().availableGeometry()
    if wanted is None:
        wanted = window.sizeHint().expandedTo(window.minimumSizeHint())
    window.resize(wanted.boundedTo(available.size() - FRAME_ALLOWANCE))


def keep_on_screen(window: QWidget, available: QRect | None = None) -> None:
    """Bring a window back within the screen's free area: no larger than it, its frame's corner inside it.

    For a geometry restored from an earlier session, perhaps on a bigger screen (a laptop unplugged
    from an office monitor). A maximised or full-screen window is left as the screen shows it.
    """
    if window.isMaximized() or window.isFullScreen():
        return
    if available is None:
        available = window.screen().availableGeometry()
    fit_to_screen(window, available, window.size())
    frame = window.size() + FRAME_ALLOWANCE
    x = min(max(window.x(), available.left()), available.right() + 1 - frame.width())
    y = min(max(window.y(), available.top()), available.bottom() + 1 - frame.height())
    window.move(x, y)
