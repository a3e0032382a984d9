"""The programme form (chương trình): identity, the plan grid (years × sources) and the targets."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractScrollArea, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ...domain.calculations import PlanLineValue, check_plan, percent
from ...domain.codes import Source
from ...domain.money import MoneyParseError, format_amount, format_percent, parse_number, to_dong
from ...i18n import tr, tr_label
from ...operations.editing import programme_parts, record_values, save_programme
from ..undo import push_saved
from .base import RecordForm
from ..sizing import fit_to_screen, keep_columns_whole, rows_height
from .widgets import DateEdit, MoneyEdit, NumberEdit

TARGET_COLUMNS = 6
ACTIVITY, DESCRIPTION, UNIT, PLANNED, ACHIEVED, PERCENT = range(TARGET_COLUMNS)
NAME_WIDTH = 560
"""The widest the name field grows to show a programme's whole name."""
GRID_ROWS_SHOWN = 7
"""Plan rows always shown on a 1366×768 screen: five years, the row without a year and the margin.

A longer plan scrolls on such a screen and shows whole on a taller one (the grid asks for every row)."""
TARGETS_SHOWN = 5
"""Targets always shown on a 1366×768 screen beside a five-year plan; more show on a taller screen."""


class ProgrammeForm(RecordForm):
    """Thêm / sửa chương trình. The grid's last row and column are the margins; blank year or source allowed."""

    def __init__(self, context, record_id: str | None = None, parent=None):
        super().__init__(context, parent)
        self.record_id = record_id
        self.setWindowTitle(tr("Chương trình") if record_id else tr("Thêm chương trình"))
        values = record_values(context.db, "programme", record_id) if record_id else {}
        plan, targets, self.achieved = programme_parts(context.db, record_id) if record_id else ([], [], {})
        form, dates = QFormLayout(), QFormLayout()
        self.lines = {name: self.add_field(form, name, label, QLineEdit()) for name, label in (
            ("code", tr("Mã chương trình")), ("name", tr("Tên chương trình")), ("province", tr("Tỉnh")),
            ("decision_no", tr("Số quyết định")))}
        self.decision_date = self.add_field(dates, "decision_date", tr("Ngày quyết định"), DateEdit())
        self.from_year = NumberEdit(width=80)
        self.to_year = NumberEdit(width=80)
        for edit in (self.from_year, self.to_year):
            edit.editingFinished.connect(self._rebuild_grid)
        self.add_field(dates, "from_year", tr("Từ năm"), self.from_year)
        self.add_field(dates, "to_year", tr("Đến năm"), self.to_year)
        self.total = self.add_field(dates, "total", tr("Tổng kinh phí ({unit})", unit=tr_label(self.unit)),
                                    MoneyEdit(self.unit))
        self.total.textChanged.connect(self.update_check)
        identity = QHBoxLayout()
        identity.addLayout(form, 3)
        identity.addSpacing(16)
        identity.addLayout(dates, 2)
        self.layout_.addLayout(identity)
        self.layout_.addWidget(QLabel(tr("Kế hoạch vốn ({unit}) — để trống năm hoặc nguồn khi chỉ có tổng",
                                         unit=tr_label(self.unit))))
        self.grid = QTableWidget(self)
        self.grid.itemChanged.connect(lambda _item: self.update_check())
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.layout_.addWidget(self.grid)
        self.check_label = QLabel(wordWrap=True)
        self.messages["plan"] = self.check_label
        self.layout_.addWidget(self.check_label)
        self._targets_block(targets)
        self.finish_layout()
        self.setSizeGripEnabled(True)
        self.ensurePolished()  # measure the tables in the fonts and style they will be shown in
        for name, edit in self.lines.items():
            edit.setText(values.get(name) or "")
        name = self.lines["name"]
        name.setMinimumWidth(min(name.fontMetrics().horizontalAdvance(name.text()) + 24, NAME_WIDTH))
        self.decision_date.set_day(values.get("decision_date"))
        self.from_year.set_number(values.get("from_year"))
        self.to_year.set_number(values.get("to_year"))
        self.total.set_dong(values.get("total"))
        self._plan = {(line["year"], line["source"]): line["amount"] for line in plan}
        self._rebuild_grid()
        fit_to_screen(self)

    # -- plan grid --------------------------------------------------------------------------
    def _years(self) -> list[int]:
        start, end = _number(self.from_year), _number(self.to_year)
        if start is None or end is None or not 0 <= end - start <= 30:
            return []
        return list(range(start, end + 1))

    def _rebuild_grid(self) -> None:
        if self.grid.rowCount():
            self._plan = self.plan_values()
        self.row_keys = [*self._years(), None]
        self.column_keys = [*Source, None]
        self.grid.blockSignals(True)
        self.grid.clear()
        self.grid.setRowCount(len(self.row_keys) + 1)
        self.grid.setColumnCount(len(self.column_keys) + 1)
        self.grid.setVerticalHeaderLabels([str(y) if y else tr("(không ghi năm)") for y in self.row_keys] + [tr("Cộng")])
        short = {Source.NSTW: "NSTW", Source.NSDP: "NSĐP", Source.NSNN: "NSNN", Source.DOI_UNG: tr("Đối ứng"),
                 Source.KHAC: tr("Khác")}
        self.grid.setHorizontalHeaderLabels([short[s] if s else tr("(không ghi nguồn)") for s in self.column_keys]
                                            + [tr("Cộng")])
        for row, year in enumerate(self.row_keys):
            for column, source in enumerate(self.column_keys):
                amount = self._plan.get((year, source))
                item = QTableWidgetItem("" if amount is None else format_amount(amount, self.unit))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if year is None and source is None:
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                self.grid.setItem(row, column, item)
        self.grid.blockSignals(False)
        self.update_check()
        rows = self.grid.rowCount()
        self.grid.setMinimumHeight(rows_height(self.grid, min(rows, GRID_ROWS_SHOWN)))
        self.grid.setMaximumHeight(rows_height(self.grid, rows))

    def plan_values(self) -> dict:
        """{(year, source): đồng} of every filled cell; cells that cannot be read are left out and reported."""
        plan, self._unreadable = {}, []
        for row, year in enumerate(self.row_keys):
            for column, source in enumerate(self.column_keys):
                item = self.grid.item(row, column)
                text = item.text().strip() if item else ""
                if not text:
                    continue
                try:
                    plan[(year, source)] = to_dong(parse_number(text), self.unit)
                except MoneyParseError as exc:
                    self._unreadable.append(str(exc))
        return plan

    def update_check(self) -> None:
        """Margins, the programme total and every plan_check problem, while typing."""
        if not hasattr(self, "row_keys"):
            return
        plan = self.plan_values()
        years = self._years()
        total = _money(self.total)
        check = check_plan([PlanLineValue(y, s, a) for (y, s), a in plan.items()], total,
                           years[0] if years else 0, years[-1] if years else 0, self.unit)
        self.grid.blockSignals(True)
        last_row, last_column = len(self.row_keys), len(self.column_keys)
        for row, year in enumerate(self.row_keys):
            self._margin(row, last_column, sum(a for (y, _s), a in plan.items() if y == year))
        for column, source in enumerate(self.column_keys):
            self._margin(last_row, column, sum(a for (_y, s), a in plan.items() if s == source))
        self._margin(last_row, last_column, check.total)
        self.grid.blockSignals(False)
        keep_columns_whole(self.grid, scrolls=self.grid.rowCount() > GRID_ROWS_SHOWN)
        problems = self._unreadable + check.problems
        if problems:
            self.check_label.setStyleSheet("color: #b00020;")
            self.check_label.setText("\n".join(problems))
        else:
            self.check_label.setStyleSheet("color: #1b5e20;")
            self.check_label.setText(tr("Kế hoạch khớp: theo năm và theo nguồn đều bằng tổng kinh phí {total} {unit}.",
                                        total=format_amount(check.total, self.unit), unit=tr_label(self.unit)))

    def _margin(self, row: int, column: int, amount: int) -> None:
        item = QTableWidgetItem(format_amount(amount, self.unit) if amount else "")
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.grid.setItem(row, column, item)

    # -- targets ----------------------------------------------------------------------------
    def _targets_block(self, targets: list[dict]) -> None:
        self.layout_.addWidget(QLabel(tr("Chỉ tiêu")))
        self.targets = QTableWidget(0, TARGET_COLUMNS, self)
        self.targets.setHorizontalHeaderLabels([tr("Nội dung (mã)"), tr("Chỉ tiêu"), tr("Đơn vị tính"),
                                                tr("Kế hoạch"), tr("Đạt"), tr("Tỷ lệ")])
        header = self.targets.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        rows = self.targets.verticalHeader()
        rows.setMinimumSectionSize(rows.defaultSectionSize())
        header.sectionResized.connect(self._fit_target_rows, Qt.ConnectionType.QueuedConnection)
        self.targets.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.targets.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        for target in targets:
            self.add_target(target)
        self._size_targets()
        self.messages["targets"] = self.general
        buttons = QHBoxLayout()
        add = QPushButton(tr("Thêm chỉ tiêu"))
        add.clicked.connect(lambda: self.add_target({}))
        remove = QPushButton(tr("Bỏ chỉ tiêu"))
        remove.clicked.connect(self.remove_target)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.targets)
        column.addLayout(buttons)
        self.layout_.addWidget(box, 1)

    def _fit_target_rows(self, column: int, _old: int, _new: int) -> None:
        """A description wraps onto as many lines as the column's width needs."""
        if column == DESCRIPTION:
            self._size_targets()

    def _size_targets(self) -> None:
        """Every target on screen up to TARGETS_SHOWN of them (more scroll); at least room for two.

        Descriptions wrap to the column's width, known only once the form is laid out on screen: until
        then every row counts as one line (the dialog's first size), then rows grow to their text.
        """
        if self.targets.isVisible():
            self.targets.resizeRowsToContents()
        keep_columns_whole(self.targets, stretched=DESCRIPTION, scrolls=self.targets.rowCount() > TARGETS_SHOWN)
        self.targets.setMinimumHeight(rows_height(self.targets, min(max(self.targets.rowCount(), 2), TARGETS_SHOWN)))
        self.targets.updateGeometry()

    def add_target(self, target: dict) -> None:
        row = self.targets.rowCount()
        self.targets.insertRow(row)
        planned = target.get("planned")
        achieved = target.get("achieved_manual")
        if achieved is None:
            achieved = self.achieved.get(target.get("activity_code"), 0) if target else None
        share = percent(achieved, planned) if planned and achieved is not None else None
        texts = (target.get("activity_code", ""), target.get("description", ""), target.get("unit", ""),
                 "" if planned is None else str(planned), "" if achieved is None else str(achieved),
                 format_percent(share) if share is not None else "")
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if column in (ACHIEVED, PERCENT):
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.targets.setItem(row, column, item)
        self.targets.item(row, ACTIVITY).setData(Qt.ItemDataRole.UserRole, target.get("id"))
        self._size_targets()

    def remove_target(self) -> None:
        self.targets.removeRow(self.targets.currentRow())
        self._size_targets()

    def target_values(self) -> list[dict]:
        values = []
        for row in range(self.targets.rowCount()):
            planned_text = self.targets.item(row, PLANNED).text().strip()
            values.append({"id": self.targets.item(row, ACTIVITY).data(Qt.ItemDataRole.UserRole),
                           "activity_code": self.targets.item(row, ACTIVITY).text().strip().upper(),
                           "description": self.targets.item(row, DESCRIPTION).text(),
                           "unit": self.targets.item(row, UNIT).text(),
                           "planned": int(planned_text) if planned_text.isdigit() else None})
        return values

    # -- saving -----------------------------------------------------------------------------
    def commit(self) -> None:
        values = {name: edit.text() for name, edit in self.lines.items()}
        values.update(decision_date=self.read("decision_date", self.decision_date.day),
                      from_year=self.read("from_year", self.from_year.number),
                      to_year=self.read("to_year", self.to_year.number), total=self.read("total", self.total.dong))
        plan = self.plan_values()
        if self._unreadable:
            self._input_problems["plan"] = "\n".join(self._unreadable)
        lines = [{"year": y, "source": s, "amount": a} for (y, s), a in plan.items()]
        saved = save_programme(self.context.db, self.record_id, self.collected(values), lines, self.target_values())
        self.saved_id = saved.id
        code = values["code"].strip()
        push_saved(self.context, tr("Sửa chương trình {code}", code=code) if self.record_id
                   else tr("Thêm chương trình {code}", code=code), "programme", saved)


def _number(edit: NumberEdit) -> int | None:
    try:
        return edit.number()
    except ValueError:
        return None


def _money(edit: MoneyEdit) -> int | None:
    try:
        return edit.dong()
    except ValueError:
        return None
