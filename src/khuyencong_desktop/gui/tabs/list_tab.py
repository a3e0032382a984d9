"""What the three list tabs share: search box, filter combos, the table, the totals line, the buttons."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from ...domain.codes import FundingLevel, Status
from ...i18n import tr, tr_label
from ...operations.editing import set_deleted
from ...operations.filter_choices import FilterChoices, filter_choices
from ...operations.listing import ListFilter
from ...storage.errors import StorageError
from .. import errors, messages
from ..forms.base import run_dialog
from ..history_view import HistoryDialog
from ..models.base import IdRole
from ..models.loading import read_in_background
from ..undo import CHILD_TABLES, ChangeCommand, DeletionCommand, push_deletion
from .header import WrappingHeader

SEARCH_DELAY_MS = 250
"""Typing pauses this long before the list is queried again."""
SIZE_SAMPLE_ROWS = 30
"""Columns are sized to the contents of this many rows (measuring a whole page stalls the window)."""


class ListTab(QWidget):
    """A list of records with search, filters, totals and the edit buttons.

    Subclasses give ``ENTITY`` (the table edited), ``TABLES`` (the tables whose edits change this
    list), ``FILTERS`` (which combos to show), ``make_model``, ``make_form`` and ``totals_text``.
    """

    ENTITY = ""

    TABLES: tuple[str, ...] = ()
    FILTERS: tuple[str, ...] = ()
    DEFAULT_SORT = (1, Qt.SortOrder.AscendingOrder)
    """The column and order the list opens with."""
    filter_applied = Signal()
    """The list was re-read for a new search or filter and is shown (tests and the status bar wait for it)."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.model = self.make_model(None)  # the file is read once the widgets exist (end of __init__)
        self.model.set_unit(context.money_unit)
        self._choices_asked = 0
        self._sized = False
        self._filtering = False
        self._reselect: str | None = None
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
        self.table.setHorizontalHeader(WrappingHeader(self.table))
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
        self.add_button(tr("Thêm"), self.add_record)
        self.edit_button = self.add_button(tr("Sửa"), self.edit_record)
        self.delete_button = self.add_button(tr("Xóa"), self.delete_record)
        self.history_button = self.add_button(tr("Lịch sử"), self.show_history)
        self.table.doubleClicked.connect(lambda _index: self.edit_record())
        self._build_layout()
        self.model.loaded.connect(self._on_loaded)
        self.model.totals_changed.connect(self._show_totals)
        self._on_database_changed()
        context.data_changed.connect(self._on_data_changed)
        context.database_changed.connect(self._on_database_changed)
        context.money_unit_changed.connect(lambda: self.model.set_unit(context.money_unit))

    # -- subclass hooks ---------------------------------------------------------------------
    def make_model(self, db):
        raise NotImplementedError

    def totals_text(self, totals) -> str:
        raise NotImplementedError

    def initial_sort(self) -> tuple[int, bool]:
        """The model's first sort, matching the header's indicator, so the list is read once on opening."""
        column, order = self.DEFAULT_SORT
        return column, order == Qt.SortOrder.DescendingOrder

    def make_form(self, record_id: str | None):
        raise NotImplementedError

    def record_title(self, record_id: str) -> str:
        """How the record is named in messages and window titles (its code, else its name)."""
        row = self.model.row_item(self.model.row_of(record_id))
        return getattr(row, "code", None) or row.name

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
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(SIZE_SAMPLE_ROWS)
        self.table.resizeColumnsToContents()
        stretch = self.stretch_column()
        header.resizeSection(stretch, max(header.sectionSize(stretch), 320))
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        for column in range(self.model.columnCount()):
            if column != stretch:
                header.resizeSection(column, min(header.sectionSize(column), 260))

    # -- filters ----------------------------------------------------------------------------
    def _fill_combos(self) -> None:
        """Offer the file's years, activities, places and programmes (read in the background)."""
        self._choices_asked += 1
        asked = self._choices_asked
        if not self.context.has_db:
            self._set_choices(asked, FilterChoices())
            return
        read_in_background(self, filter_choices, self.context.db, wait=self.model.reads_inline,
                           deliver=lambda choices: self._set_choices(asked, choices),
                           fail=lambda exc: errors.report(exc, self) if asked == self._choices_asked else None)

    def _set_choices(self, asked: int, choices: FilterChoices) -> None:
        if asked != self._choices_asked:
            return
        options = {
            "year": [(tr("Mọi năm"), None)] + [(str(y), y) for y in choices.years],
            "level": [(tr("Mọi cấp"), None)] + [(tr_label(level), level) for level in FundingLevel],
            "activity": [(tr("Mọi nội dung"), None)] + [(f"{code} — {name}", code) for code, name in choices.activities],
            "status": [(tr("Mọi trạng thái"), None)] + [(tr_label(status), status) for status in Status],
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
        self._filtering = True
        self.model.set_filter(self.current_filter())
        self._show_totals()

    def _on_loaded(self) -> None:
        if not self._sized and self.model.rowCount():
            self._sized = True
            self._size_columns()
        if self._reselect:
            self.select_record(self._reselect)
            self._reselect = None
        if self._filtering:
            self._filtering = False
            self.filter_applied.emit()

    def _show_totals(self) -> None:
        if self.model.loading:
            self.totals.setText(tr("Đang đọc danh sách…"))
        else:
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

    # -- record actions -------------------------------------------------------------------------
    def add_record(self) -> None:
        form = self.make_form(None)
        if run_dialog(form) and form.saved_id and not self.select_record(form.saved_id):
            self._reselect = form.saved_id  # selected once the list being re-read in the background is shown

    def edit_record(self) -> None:
        record_id = self.selected_id()
        if record_id:
            run_dialog(self.make_form(record_id))

    def delete_record(self) -> None:
        record_id = self.selected_id()
        if not record_id:
            return
        title = self.record_title(record_id)
        if not messages.question(self, tr("Xóa «{title}»? Có thể hoàn tác bằng Sửa → Hoàn tác.", title=title),
                                 tr("Xóa"), tr("Không xóa")):
            return
        try:
            set_deleted(self.context.db, self.ENTITY, record_id, True)
        except StorageError as exc:
            messages.error(self, exc.message)
            return
        push_deletion(self.context, tr("Xóa {title}", title=title), self.ENTITY, record_id, True)

    def show_history(self) -> None:
        record_id = self.selected_id()
        if record_id:
            run_dialog(HistoryDialog(self.context.db, record_id, self.record_title(record_id), self.model.unit, self))

    # -- keeping current --------------------------------------------------------------------
    def _on_data_changed(self, table: str) -> None:
        """Follow an edit: the edited rows of this list are refreshed in place, anything else re-read.

        An edit announces every table of ``CHILD_TABLES[entity]``, the record's own table first; the
        rest of that burst is skipped when this list already follows its first table.
        """
        leader = next((tables[0] for tables in CHILD_TABLES.values() if table in tables), table)
        if table != "*" and (table not in self.TABLES or (leader != table and leader in self.TABLES)):
            return
        self._fill_combos()
        edited = self._edited_records() if table == self.ENTITY else None
        if edited is None or not all(self.model.refresh_record(record_id) for record_id in edited):
            self._reselect = self.selected_id()
            self.model.reload()

    def _edited_records(self) -> set[str] | None:
        """Records of this list whose fields the undo step being applied changed; None when rows may
        have come or gone (a creation, deletion or restoration) or the step is not one of ours.

        The step is the one just pushed or being undone (below the stack's index) or being redone
        (at the index): both candidates are refreshed, which costs one read by id each.
        """
        stack = self.context.undo_stack
        steps = [stack.command(i) for i in (stack.index() - 1, stack.index()) if 0 <= i < stack.count()]
        if any(isinstance(step, DeletionCommand) and step.entity == self.ENTITY for step in steps):
            return None
        edited = {step.record_id for step in steps if isinstance(step, ChangeCommand) and step.entity == self.ENTITY}
        return edited or None

    def _on_database_changed(self) -> None:
        self.model.set_database(self.context.db if self.context.has_db else None)
        self._fill_combos()
        self._show_totals()
