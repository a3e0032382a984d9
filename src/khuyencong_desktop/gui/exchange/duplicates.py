"""Cơ sở có thể trùng: two suspected beneficiaries side by side, to link them as one (Gộp) or dismiss."""
from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QDialog, QHBoxLayout, QHeaderView, QLabel,
                               QListWidget, QPushButton, QRadioButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from ...domain.money import MoneyUnit
from ...exchange.duplicate_actions import COMPARED, DuplicateActionError, SuspectedPair, dismiss, link, list_duplicates
from ...i18n import tr
from ...operations.field_labels import field_labels, format_value
from .. import messages


class DuplicatesDialog(QDialog):
    """The open suspicions; the selected pair compared field by field, differing fields in bold."""

    def __init__(self, db, unit: MoneyUnit = MoneyUnit.TRIEU, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.unit = db, unit
        self.setWindowTitle(tr("Cơ sở có thể trùng"))
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        self.pairs_list = QListWidget()
        self.pairs_list.setMaximumHeight(110)
        self.pairs_list.currentRowChanged.connect(lambda *_: self._show_pair())
        layout.addWidget(self.pairs_list)
        keep_row = QHBoxLayout()
        keep_row.addWidget(QLabel(tr("Giữ lại:")))
        self.keep_buttons = QButtonGroup(self)
        for side in (0, 1):
            button = QRadioButton()
            self.keep_buttons.addButton(button, side)
            keep_row.addWidget(button, 1)
        layout.addLayout(keep_row)
        self.table = QTableWidget(0, 2)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.link_button = QPushButton(tr("Gộp"))
        self.link_button.setToolTip(tr("Hai bản ghi là một cơ sở: giữ bản ghi đã chọn, chuyển các đề án của bản ghi kia "
                                       "sang rồi xóa nó"))
        self.link_button.clicked.connect(self._link)
        self.dismiss_button = QPushButton(tr("Không phải trùng"))
        self.dismiss_button.clicked.connect(self._dismiss)
        close = QPushButton(tr("Đóng"))
        close.clicked.connect(self.accept)
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.pairs: list[SuspectedPair] = list_duplicates(self.db)
        self.pairs_list.clear()
        self.pairs_list.addItems([f"{p.first.values['name']} ↔ {p.second.values['name']} ({p.reason_label})"
                                  for p in self.pairs])
        if self.pairs:
            self.pairs_list.setCurrentRow(0)
        self._show_pair()

    def current(self) -> SuspectedPair | None:
        row = self.pairs_list.currentRow()
        return self.pairs[row] if 0 <= row < len(self.pairs) else None

    def _show_pair(self) -> None:
        pair = self.current()
        for widget in (self.link_button, self.dismiss_button, *self.keep_buttons.buttons()):
            widget.setEnabled(pair is not None)
        self.table.setRowCount(0)
        if pair is None:
            for button in self.keep_buttons.buttons():
                button.setText("")
            return
        sides = (pair.first, pair.second)
        for button, side in zip(self.keep_buttons.buttons(), sides):
            button.setText(side.values["name"])
        self.keep_buttons.button(0).setChecked(True)
        self.table.setHorizontalHeaderLabels([side.office or tr("(chưa rõ đơn vị)") for side in sides])
        labels = field_labels()
        rows = [(labels[f], [format_value(f, side.values[f], self.unit) for side in sides]) for f in COMPARED]
        rows.append((tr("Đề án"), [", ".join(side.projects) for side in sides]))
        self.table.setRowCount(len(rows))
        self.table.setVerticalHeaderLabels([label for label, _ in rows])
        for row, (_label, cells) in enumerate(rows):
            differs = len({c.strip().casefold() for c in cells}) > 1
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if differs:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)

    def _link(self) -> None:
        pair = self.current()
        keep, other = (pair.first, pair.second) if self.keep_buttons.checkedId() == 0 else (pair.second, pair.first)
        if not messages.question(self, tr("Gộp «{other}» vào «{keep}»? Các đề án của «{other}» chuyển sang «{keep}», "
                                          "rồi «{other}» bị xóa.", other=other.values["name"], keep=keep.values["name"]),
                                 tr("Gộp"), tr("Không")):
            return
        self._act(link, keep.id, other.id)

    def _dismiss(self) -> None:
        pair = self.current()
        self._act(dismiss, pair.first.id, pair.second.id)

    def _act(self, action, *ids: str) -> None:
        try:
            action(self.db, *ids)
        except DuplicateActionError as exc:
            messages.error(self, "\n".join(exc.problems))
        self.reload()
