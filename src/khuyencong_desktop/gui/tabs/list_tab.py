"""What the three list tabs share: search box, filter combos, the table, the totals line, the buttons."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from ...domain.codes import FundingLevel, Status
from ...i18n import tr
from ...operations.listing import FilterChoices, ListFilter, filter_choices
from ..models.base import IdRole

SEARCH_DELAY_MS = 250
"""Typing pauses this long before the list is queried again."""


class ListTab(QWidget):
    """A list of records with search, filters, totals and the edit buttons.

    Subclasses give ``TABLES`` (the tables whose edits change this list), ``FILTERS`` (which
    combos to show), ``make_model`` and ``totals_text``, and the record actions.
    """

    TABLES: tuple[str, ...] = ()
    FILTERS: tuple[str, ...] = ()
    DEFAULT_SORT = (1, Qt.SortOrder.AscendingOrder)
    """The column and order the list opens with."""
    filter_applied = Signal()
    """The list was re-read for a new search or filter (tests and the status bar wait for it)."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.model = self.make_model(context.db if context.has_db else None)
        self.search = QLineEdit(placeholderText=tr("Tìm kiếm (không cần gõ dấu)…"), clearButtonEnabled=True)
        self.search.setMinimumWidth(220)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.combos: dict[str, QComboBox] = {name: QComboBox() for name in self.FILTERS}
        for combo in self.combos.values():
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self.apply_filter)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        column, order = self.DEFAULT_SORT
        self.table.horizontalHeader().setSortIndicator(column, order)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.totals = QLabel()
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QHBoxLayout()
        self._build_layout()
        self._fill_combos()
        self._size_columns()
        self._show_totals()
        context.data_changed.connect(self._on_data_changed)
        context.database_changed.connect(self._on_database_changed)

    # -- subclass hooks ---------------------------------------------------------------------
    def make_model(self, db):
        raise NotImplementedError

    def totals_text(self, totals) -> str:
        raise NotImplementedError

    def stretch_column(self) -> int:
        """The column that takes the spare width (the name)."""
        return 1

    # -- layout -----------------------------------------------------------------------------
    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for combo in self.combos.values():
            filters.addWidget(combo)
        filters.addStretch(1)
        top = QVBoxLayout(self)
        top.addLayout(filters)
        top.addLayout(self.buttons)
        top.addWidget(self.table, 1)
        top.addWidget(self.totals)

    def add_button(self, text: str, slot, tooltip: str = "") -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tooltip)
        button.clicked.connect(slot)
        if self.buttons.count() and self.buttons.itemAt(self.buttons.count() - 1).spacerItem():
            self.buttons.insertWidget(self.buttons.count() - 1, button)
        else:
            self.buttons.addWidget(button)
            self.buttons.addStretch(1)
        return button

    def _size_columns(self) -> None:
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        stretch = self.stretch_column()
        header.resizeSection(stretch, max(header.sectionSize(stretch), 320))
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        for column in range(self.model.columnCount()):
            if column != stretch:
                header.resizeSection(column, min(header.sectionSize(column), 260))

    # -- filters ----------------------------------------------------------------------------
    def _fill_combos(self) -> None:
        choices = filter_choices(self.context.db) if self.context.has_db else FilterChoices()
        options = {
            "year": [(tr("Mọi năm"), None)] + [(str(y), y) for y in choices.years],
            "level": [(tr("Mọi cấp"), None)] + [(level.label, level) for level in FundingLevel],
            "activity": [(tr("Mọi nội dung"), None)] + [(f"{code} — {name}", code) for code, name in choices.activities],
            "status": [(tr("Mọi trạng thái"), None)] + [(status.label, status) for status in Status],
            "place": [(tr("Mọi địa bàn"), None)] + [(place, place) for place in choices.places],
            "programme": [(tr("Mọi chương trình"), None)] + [(code, pid) for pid, code in choices.programmes],
        }
        options.update(self.extra_filter_options())
        for name, combo in self.combos.items():
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, value in options[name]:
                combo.addItem(text, value)
            found = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    def extra_filter_options(self) -> dict[str, list[tuple[str, object]]]:
        return {}

    def current_filter(self) -> ListFilter:
        values = {name: combo.currentData() for name, combo in self.combos.items()}
        if "programme" in values:
            values["programme_id"] = values.pop("programme")
        return ListFilter(text=self.search.text(), **values)

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())
        self._show_totals()
        self.filter_applied.emit()

    def _show_totals(self) -> None:
        self.totals.setText(self.totals_text(self.model.totals) if self.model.totals is not None else "")

    # -- selection --------------------------------------------------------------------------
    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def select_record(self, record_id: str) -> bool:
        row = self.model.row_of(record_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    # -- keeping current --------------------------------------------------------------------
    def _on_data_changed(self, table: str) -> None:
        if table == "*" or table in self.TABLES:
            selected = self.selected_id()
            self._fill_combos()
            self.model.reload()
            self._show_totals()
            if selected:
                self.select_record(selected)

    def _on_database_changed(self) -> None:
        self.model.set_database(self.context.db if self.context.has_db else None)
        self._fill_combos()
        self._show_totals()
