"""Xung đột: the open conflicts after merges, their competing values side by side; a choice is a recorded edit."""
from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (QDialog, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from ...domain.money import MoneyUnit, to_dong
from ...exchange.conflicts import Conflict, Option, list_conflicts, parse_value, resolve
from ...i18n import tr, tr_label
from ...exchange.report import record_name
from ...operations.field_labels import MONEY_FIELDS, field_labels, format_plain, format_when
from .. import messages

ConflictRole = Qt.ItemDataRole.UserRole + 1
"""The row's :class:`Conflict`."""


class ConflictsModel(QAbstractTableModel):
    """One row per open conflict: the record (kind and title, as the merge report names it), field and the value
    shown until it is settled."""

    RECORD, FIELD, SHOWN = range(3)

    def __init__(self, unit: MoneyUnit = MoneyUnit.TRIEU, parent=None):
        super().__init__(parent)
        self.unit = unit
        self.conflicts: list[Conflict] = []
        self.headers = (tr("Bản ghi"), tr("Trường"), tr("Giá trị đang hiển thị"))
        self._fields = field_labels()

    def load(self, conflicts: list[Conflict]) -> None:
        self.beginResetModel()
        self.conflicts = list(conflicts)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.conflicts)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.conflicts):
            return None
        conflict = self.conflicts[index.row()]
        if role == ConflictRole:
            return conflict
        column = index.column()
        if column == self.RECORD and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return record_name(conflict.entity, conflict.record)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.FIELD:
            return self.field_label(conflict)
        shown = next((o for o in conflict.options if o.entry_id == conflict.shown_entry_id), None)
        return self.option_text(conflict, shown) if shown else ""

    def field_label(self, conflict: Conflict) -> str:
        if conflict.is_survivor:
            return tr("Cơ sở giữ lại khi gộp trùng")
        return self._fields.get(conflict.field, conflict.field)

    def option_text(self, conflict: Conflict, option: Option) -> str:
        """An option's value as the officer reads it (a deletion conflict: delete or keep; a survivor: which one)."""
        if conflict.is_survivor:
            return tr("Giữ «{name}»", name=option.value)
        if not conflict.is_deletion:
            return format_plain(conflict.entity, conflict.field, option.value, self.unit)
        if option.op == "delete":
            return tr("Xóa bản ghi")
        if option.op == "restore":
            return tr("Giữ bản ghi (đã khôi phục)")
        return tr("Giữ bản ghi (đã sửa {field}: {value})", field=self._fields.get(option.field, option.field or ""),
                  value=format_plain(conflict.entity, option.field or "", option.value, self.unit))


class ConflictsDialog(QDialog):
    """Every open conflict in a table; the selected one's values side by side, to pick one or type another."""

    def __init__(self, db, unit: MoneyUnit = MoneyUnit.TRIEU, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(tr("Xung đột cần xem xét"))
        self.resize(860, 460)
        layout = QVBoxLayout(self)
        self.model = ConflictsModel(unit, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # A record's code and name can be long: it takes the room left and wraps, whole in its tooltip too.
        header.setSectionResizeMode(ConflictsModel.RECORD, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_options())
        layout.addWidget(self.table)
        self.options_box = QGroupBox(tr("Các giá trị"))
        self.options = QGridLayout(self.options_box)
        layout.addWidget(self.options_box)
        own = QHBoxLayout()
        self.own_value = QLineEdit()
        self.save_own = QPushButton(tr("Lưu giá trị này"))
        self.save_own.clicked.connect(self._save_own)
        own.addWidget(self.own_value)
        own.addWidget(self.save_own)
        layout.addLayout(own)
        self.reload()

    def reload(self) -> None:
        self.model.load(list_conflicts(self.db))
        if self.model.rowCount():
            self.table.selectRow(0)
        self._show_options()

    def current(self) -> Conflict | None:
        index = self.table.currentIndex()
        return index.data(ConflictRole) if index.isValid() else None

    def _show_options(self) -> None:
        while self.options.count():
            widget = self.options.takeAt(0).widget()
            widget.setParent(None)
            widget.deleteLater()
        conflict = self.current()
        typed = conflict is not None and conflict.accepts_typed_value
        self.save_own.setEnabled(typed)
        self.own_value.setEnabled(typed)
        money = typed and conflict.field in MONEY_FIELDS
        self.own_value.setPlaceholderText(tr("hoặc nhập giá trị khác ({unit})", unit=tr_label(self.model.unit)) if money
                                          else tr("hoặc nhập giá trị khác"))
        if conflict is None:
            return
        for column, option in enumerate(conflict.options):
            choice = (option.op == "delete" if conflict.is_deletion else
                      option.entry_id if conflict.is_survivor else option.value)
            shown = tr(" (đang hiển thị)") if option.entry_id == conflict.shown_entry_id else ""
            value = QLabel(f"<b>{html.escape(self.model.option_text(conflict, option))}</b>{shown}")
            value.setTextFormat(Qt.TextFormat.RichText)
            self.options.addWidget(value, 0, column)
            who = QLabel("\n".join(filter(None, (option.office, option.actor, format_when(option.at)))))
            who.setTextFormat(Qt.TextFormat.PlainText)
            self.options.addWidget(who, 1, column)
            button = QPushButton(tr("Chọn giá trị này"))
            button.clicked.connect(lambda _=False, c=conflict, v=choice: self._choose(c, v))
            self.options.addWidget(button, 2, column)

    def _choose(self, conflict: Conflict, value: object) -> None:
        try:
            resolve(self.db, conflict.record_id, conflict.field, value)
        except (LookupError, ValueError) as exc:
            messages.error(self, str(exc))
        self.reload()

    def _save_own(self) -> None:
        conflict = self.current()
        text = self.own_value.text()
        try:
            if conflict.field in MONEY_FIELDS and text.strip():
                value = to_dong(text, self.model.unit)
                if value < 0:
                    raise ValueError(text)
            else:
                value = parse_value(conflict.entity, conflict.field, text)
        except ValueError:
            messages.error(self, tr("«{text}» không phải giá trị hợp lệ cho «{field}».", text=text.strip(),
                                    field=self.model.field_label(conflict)))
            return
        self.own_value.clear()
        self._choose(conflict, value)
