"""The beneficiary picker of the project form: search, choose, add a new one, set each share."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...domain.money import MoneyUnit
from ...i18n import tr, tr_label
from .. import errors
from ...operations.listing import BeneficiaryQuery, BeneficiaryRow, ListFilter
from ..models.loading import is_small, read_in_background
from .base import run_dialog
from .widgets import InputError, MoneyEdit

RESULTS = 30
"""How many beneficiaries the list shows (the first in Vietnamese order); typing narrows them."""


def first_beneficiaries(db, text: str) -> list[BeneficiaryRow]:
    """The first RESULTS beneficiaries whose name, tax code or place matches ``text`` (all when empty)."""
    return BeneficiaryQuery(db, ListFilter(text=text)).fetch(0, RESULTS)


class BeneficiaryPicker(QWidget):
    """Cơ sở thụ hưởng of a project: the chosen ones (with their share) and a search to add more."""

    changed = Signal()

    def __init__(self, context, unit: MoneyUnit, parent=None):
        super().__init__(parent)
        self.context = context
        self.unit = unit
        self.chosen = QTableWidget(0, 3, self)
        self.chosen.setHorizontalHeaderLabels([tr("Cơ sở thụ hưởng"), tr("Mã số thuế"),
                                               tr("Phần hỗ trợ ({unit})", unit=tr_label(unit))])
        self.chosen.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.chosen.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.chosen.verticalHeader().setVisible(False)
        self.remove_button = QPushButton(tr("Bỏ cơ sở đã chọn"), self)
        self.remove_button.clicked.connect(self.remove_current)
        self.search = QLineEdit(placeholderText=tr("Tìm cơ sở theo tên, MST, địa bàn…"), clearButtonEnabled=True)
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.refresh_results)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.results = QListWidget(self)
        self.results.itemDoubleClicked.connect(self.add_item)
        self.add_button = QPushButton(tr("Chọn"), self)
        self.add_button.clicked.connect(lambda: self.add_item(self.results.currentItem()))
        self.new_button = QPushButton(tr("Thêm cơ sở mới…"), self)
        self.new_button.clicked.connect(self.add_new)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chosen, 2)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.new_button)
        row.addStretch(1)
        layout.addLayout(row)
        self._asked = ""
        """The search text of the newest read; a read for older text is dropped when it comes back."""
        self._reads_inline = is_small(context.db)
        self.refresh_results()

    # -- results ----------------------------------------------------------------------------
    def refresh_results(self) -> None:
        """Read the beneficiaries the search text matches, on a worker thread unless the file is small."""
        self._timer.stop()
        self._asked = text = self.search.text().strip()
        read_in_background(self, first_beneficiaries, self.context.db, text, wait=self._reads_inline,
                           deliver=lambda rows: self._show_results(text, rows),
                           fail=lambda exc: self._read_failed(text, exc))

    def _show_results(self, text: str, rows: list[BeneficiaryRow]) -> None:
        if text != self._asked:
            return
        self.results.clear()
        for row in rows:
            place = ", ".join(p for p in (row.commune, row.district, row.province) if p)
            item = QListWidgetItem(f"{row.name} — {place}" + (f" — MST {row.tax_code}" if row.tax_code else ""))
            item.setData(Qt.ItemDataRole.UserRole, (row.id, row.name, row.tax_code))
            self.results.addItem(item)

    def _read_failed(self, text: str, exc: BaseException) -> None:
        if text == self._asked:
            errors.report(exc, self)

    def add_item(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        beneficiary_id, name, tax_code = item.data(Qt.ItemDataRole.UserRole)
        self.add(beneficiary_id, name, tax_code)

    def add_new(self) -> None:
        from .beneficiary import BeneficiaryForm

        form = BeneficiaryForm(self.context, None, self, name=self.search.text().strip())
        if run_dialog(form) and form.saved_id:
            self.add(form.saved_id, form.fields["name"].text().strip(), form.fields["tax_code"].text().strip() or None)

    # -- chosen -----------------------------------------------------------------------------
    def add(self, beneficiary_id: str, name: str, tax_code: str | None, share: int | None = None) -> None:
        if beneficiary_id in self.chosen_ids():
            return
        row = self.chosen.rowCount()
        self.chosen.insertRow(row)
        item = QTableWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, beneficiary_id)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.chosen.setItem(row, 0, item)
        code = QTableWidgetItem(tax_code or "")
        code.setFlags(code.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.chosen.setItem(row, 1, code)
        edit = MoneyEdit(self.unit)
        edit.set_dong(share)
        self.chosen.setCellWidget(row, 2, edit)
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.chosen.currentRow()
        if row >= 0:
            self.chosen.removeRow(row)
            self.changed.emit()

    def chosen_ids(self) -> list[str]:
        return [self.chosen.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.chosen.rowCount())]

    def chosen_names(self) -> list[str]:
        return [self.chosen.item(r, 0).text() for r in range(self.chosen.rowCount())]

    def links(self) -> list[dict]:
        """[{"beneficiary_id", "share"}]; raises InputError naming the row whose share cannot be read."""
        links = []
        for row in range(self.chosen.rowCount()):
            try:
                share = self.chosen.cellWidget(row, 2).dong()
            except InputError as exc:
                raise InputError(f"{self.chosen.item(row, 0).text()}: {exc}") from exc
            links.append({"beneficiary_id": self.chosen.item(row, 0).data(Qt.ItemDataRole.UserRole), "share": share})
        return links
