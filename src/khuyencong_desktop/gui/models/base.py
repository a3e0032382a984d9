"""The lazily paged table model every list shares: columns, roles, sorting through the query."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ...domain.codes import LabelledEnum
from ...domain.money import MoneyUnit, format_amount, format_number
from ...i18n import tr_label
from ...operations.listing import ListFilter
from .. import errors
from .loading import is_small, read_in_background

SortRole = Qt.ItemDataRole.UserRole + 1
"""The value a column sorts by (the raw value; text sorts by the query's Vietnamese key)."""
RawValueRole = Qt.ItemDataRole.UserRole + 2
"""The stored value: whole đồng for money, the enum member for codes."""
IdRole = Qt.ItemDataRole.UserRole + 3
"""The record's UUID."""

TEXT, MONEY, NUMBER, YEAR, CODE = "text", "money", "number", "year", "code"

_DISPLAY, _TOOLTIP, _ALIGNMENT = (int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole),
                                  int(Qt.ItemDataRole.TextAlignmentRole))
_ID = int(IdRole)
_ANSWERED = frozenset((_DISPLAY, _TOOLTIP, _ALIGNMENT, int(RawValueRole), int(SortRole), _ID))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ALIGN = {MONEY: _RIGHT, NUMBER: _RIGHT, YEAR: int(Qt.AlignmentFlag.AlignCenter), CODE: int(Qt.AlignmentFlag.AlignCenter),
          TEXT: _LEFT}


@dataclass(frozen=True)
class Column:
    """One list column: the row attribute it shows, its header, how it is shown, its sort key."""

    key: str
    header: str
    kind: str = TEXT
    sort: str | None = None
    """The query's sort name; None when the column cannot be sorted."""


class ListModel(QAbstractTableModel):
    """Rows of one list query, fetched a page at a time as the view scrolls (``PAGE`` growing to ``MAX_PAGE``).

    Subclasses define ``columns()`` (headers are translated when the model is made) and
    ``make_query``. A reload (filter, sort, file) reads the sorted ids, the totals and the first
    page on a worker thread and resets the model when they arrive; a result for a filter that has
    changed meanwhile is dropped. An edit of one record refreshes its row in place
    (``refresh_record``) and its totals in the background.
    """

    PAGE = 200
    """Rows of the first page, read with the ids and totals."""
    MAX_PAGE = 600
    """The largest page ``fetchMore`` reads. Each fetch reads as many rows as are loaded, from
    ``PAGE`` up to this: scrolling far down reads and paints a few dozen pages instead of a hundred
    (a repaint, ≈ 20 ms, costs the same for any page size). A page of 600 is read in ≈ 10 ms on the
    national file; pages of 1.000 scrolled as fast but paused the window up to 120 ms on a loaded
    machine, past the 100 ms budget (bench/README.md, bench_lists.py)."""
    loaded = Signal()
    """The ids, totals and first page of the current filter and sort are shown."""
    totals_changed = Signal()
    """``totals`` was replaced (after a reload or an edit)."""

    def __init__(self, db, parent=None, sort_column: int | None = None, descending: bool = False):
        super().__init__(parent)
        self.COLUMNS: tuple[Column, ...] = self.columns()
        self._db = db
        self.reads_inline = db is not None and is_small(db)
        """A small file's reads are awaited (see ``loading.SMALL_FILE``); decided once per file, so a
        file locked by another process never holds the window while the size is looked up."""
        self._filter = ListFilter()
        self._sort: str | None = self.COLUMNS[sort_column].sort if sort_column is not None else None
        self._descending = descending
        self._ids: list[str] = []
        self._rows: list = []
        self._next = 0
        self._shown_query = None
        self._asked = self._shown = self._totals_asked = 0
        self._inserting = False
        self.totals = None
        self.unit = MoneyUnit.TRIEU
        self.reload()

    def columns(self) -> tuple[Column, ...]:
        raise NotImplementedError

    def make_query(self, db, filter: ListFilter, sort: str | None, descending: bool):
        raise NotImplementedError

    # -- loading --------------------------------------------------------------------------
    @property
    def query(self):
        return self.make_query(self._db, self._filter, self._sort, self._descending)

    @property
    def loading(self) -> bool:
        """A reload was asked for and its rows are not shown yet."""
        return self._shown != self._asked

    def reload(self) -> None:
        """Re-read ids, totals and the first page for the current filter and sort, off the main thread."""
        self._asked += 1
        asked = self._asked
        if self._db is None:
            self._show(asked, (None, [], None, []))
            return
        read_in_background(self, _snapshot, self.query, self.PAGE, wait=self.reads_inline,
                           deliver=lambda snapshot: self._show(asked, snapshot),
                           fail=lambda exc: self._failed(asked, exc))

    def _show(self, asked: int, snapshot) -> None:
        if asked != self._asked:
            return  # the filter or sort changed while this was read: a newer reload is on its way
        query, ids, totals, first_page = snapshot
        self.beginResetModel()
        # One sorted snapshot of the ids; pages are then read by id, so scrolling never re-sorts.
        self._shown_query, self._ids, self._rows, self._next = query, ids, list(first_page), min(self.PAGE, len(ids))
        self._shown = asked
        self._totals_asked += 1
        self.totals = totals
        self.endResetModel()
        self.loaded.emit()
        self.totals_changed.emit()

    def _failed(self, asked: int, exc: BaseException) -> None:
        if asked == self._asked:
            self._shown = asked
            errors.report(exc, None)

    def set_database(self, db) -> None:
        self._db = db
        self.reads_inline = db is not None and is_small(db)
        self.reload()

    def set_filter(self, filter: ListFilter) -> None:
        self._filter = filter
        self.reload()

    @property
    def filter(self) -> ListFilter:
        return self._filter

    def set_unit(self, unit: MoneyUnit) -> None:
        """Show amounts in ``unit`` (money columns are redrawn; nothing is read again)."""
        self.unit = unit
        money = [i for i, column in enumerate(self.COLUMNS) if column.kind == MONEY]
        if self._rows and money:
            self.dataChanged.emit(self.index(0, min(money)), self.index(len(self._rows) - 1, max(money)),
                                  [Qt.ItemDataRole.DisplayRole])
        self.totals_changed.emit()

    @property
    def total_rows(self) -> int:
        """Rows the filter selects, loaded or not."""
        return len(self._ids)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and not self._inserting and self._next < len(self._ids)

    def fetchMore(self, parent=QModelIndex()) -> None:
        # The view asks for more from inside its own rowsInserted handling when it sits at the
        # bottom; a nested insertion would reach the signal's later receivers (the item model
        # tester, selection) with more rows than the signal announced. The view asks again later.
        if parent.isValid() or not self.canFetchMore():
            return
        page = min(self.MAX_PAGE, max(self.PAGE, len(self._rows)))
        chunk = self._ids[self._next:self._next + page]
        self._next += len(chunk)
        more = self._shown_query.fetch_ids(chunk)
        if not more:
            return
        self._inserting = True
        try:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()
        finally:
            self._inserting = False

    def refresh_record(self, record_id: str) -> bool:
        """Show the current values of one record at once, in place (a targeted ``dataChanged``), and
        re-read the totals in the background.

        On a large file the row keeps its place in the sort until the list is read again (F5,
        another filter or sort): re-reading 100.000 ids would drop the officer back to the top. A
        small file is read again at once when the sorted value changed, so the row moves. False
        (the caller reads the list again) when the record is gone, left the filter or must move.
        """
        row = self.row_of(record_id)
        if row is None or self._db is None:
            return False
        query = self.query
        fresh = query.get(record_id)
        if fresh is None:
            return False
        sort_key = next((c.key for c in self.COLUMNS if c.sort == self._sort and c.sort is not None), None)
        moved = sort_key is not None and getattr(fresh, sort_key) != getattr(self._rows[row], sort_key)
        self._rows[row] = fresh
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))
        if (moved and self.reads_inline) or not query.includes(record_id):
            return False
        self._totals_asked += 1
        asked = self._totals_asked
        read_in_background(self, query.totals, wait=self.reads_inline, deliver=lambda totals: self._show_totals(asked, totals),
                           fail=lambda exc: self._failed(self._asked, exc))
        return True

    def _show_totals(self, asked: int, totals) -> None:
        if asked == self._totals_asked:
            self.totals = totals
            self.totals_changed.emit()

    # -- reading --------------------------------------------------------------------------
    def row_item(self, row: int):
        return self._rows[row]

    def row_of(self, record_id: str) -> int | None:
        return next((row for row, item in enumerate(self._rows) if item.id == record_id), None)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def display(self, column: Column, value) -> str:
        if value is None:
            return ""
        if column.kind == MONEY:
            return format_amount(value, self.unit)
        if column.kind == NUMBER:
            return format_number(value)
        if isinstance(value, LabelledEnum):
            return tr_label(value)
        if isinstance(value, Enum):
            return str(value.value)
        return str(value)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # Called for every role of every painted or measured cell: plain int comparisons only.
        role = int(role)
        if role not in _ANSWERED or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if row >= len(self._rows) or col >= len(self.COLUMNS):
            return None
        column = self.COLUMNS[col]
        item = self._rows[row]
        if role == _ALIGNMENT:
            return _ALIGN[column.kind]
        if role == _ID:
            return item.id
        value = getattr(item, column.key)
        if role == _DISPLAY:
            return self.display(column, value)
        if role == _TOOLTIP:
            return (self.display(column, value) or None) if column.kind == TEXT else None
        return value.value if isinstance(value, Enum) else value  # RawValueRole, SortRole

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        column = self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the query's: Vietnamese order by the stored key for names, native for numbers."""
        if not 0 <= column < len(self.COLUMNS) or self.COLUMNS[column].sort is None:
            return
        sort, descending = self.COLUMNS[column].sort, order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = sort, descending
        self.reload()


def _snapshot(query, page: int):
    """On the worker: (query, every matching id in list order, totals, rows of the first page)."""
    ids = query.ids()
    return query, ids, query.totals(), query.fetch_ids(ids[:page])
