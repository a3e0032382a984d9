"""Tổng quan (dashboard): a period's figures and charts, equal to ``khuyencong summary`` on the same file.

The figures come from ``operations.summary.period_summary`` and the targets from
``operations.programme.programme_report``, gathered on a worker thread by ``background.Operation``
so a large file never freezes the window; this tab only formats and draws them.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from ...domain.codes import FundingLevel, Status
from ...domain.money import format_amount, format_number, format_ratio
from ...i18n import tr, tr_label
from ..background import Operation
from ..context import AppContext
from . import dashboard_charts as charts
from .dashboard_data import DashboardData, ProgrammeChoice, dashboard_data, default_period, programme_choices

CARD_STYLE = ("QFrame#card { background: #f4f7fb; border: 1px solid #d5dde8; border-radius: 6px; }"
              "QLabel#value { font-size: 18pt; font-weight: 600; color: #1f3f6a; }"
              "QLabel#title { color: #4a5565; } QLabel#note { color: #6a7585; }")


class FigureCard(QFrame):
    """One figure: a title, the value in large type and a short breakdown."""

    def __init__(self, title: str):
        super().__init__()
        self.setObjectName("card")
        self.title = QLabel(title, objectName="title")
        self.value = QLabel("…", objectName="value")
        self.note = QLabel("", objectName="note")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        for label in (self.title, self.value, self.note):
            layout.addWidget(label)

    def show_figure(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)


class DashboardTab(QWidget):
    refreshed = Signal()
    """Emitted each time the figures and charts have been redrawn."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.data: DashboardData | None = None
        self._pending = False
        self._running: Operation | None = None
        self.setStyleSheet(CARD_STYLE)
        self.from_year, self.to_year = QSpinBox(), QSpinBox()
        for box in (self.from_year, self.to_year):
            box.setRange(1990, 2100)
            box.setGroupSeparatorShown(False)
        self.level = QComboBox()
        self.level.addItem(tr("Tất cả"), None)
        for level in FundingLevel:
            self.level.addItem(tr_label(level), level)
        self.programme = QComboBox()
        self.programme.setMinimumWidth(260)
        self.refresh_button = QPushButton(tr("Xem"))
        bar = QHBoxLayout()
        for widget in (QLabel(tr("Giai đoạn từ năm")), self.from_year, QLabel(tr("đến năm")), self.to_year,
                       QLabel(tr("Cấp")), self.level, QLabel(tr("Chương trình")), self.programme, self.refresh_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.cards = {key: FigureCard(tr(title)) for key, title in (
            ("projects", "Số đề án"), ("support", "Kinh phí NSNN hỗ trợ"), ("counterpart", "Vốn đối ứng của cơ sở"),
            ("leverage", "Hệ số thu hút vốn"), ("jobs", "Lao động thu hút"))}
        card_row = QHBoxLayout()
        for card in self.cards.values():
            card_row.addWidget(card, 1)
        self.excluded = QLabel("")
        self.excluded.setObjectName("note")
        self.year_chart = charts.new_view(tr("Kinh phí theo năm và nguồn"))
        self.activity_chart = charts.new_view(tr("Đề án và kinh phí theo nội dung"))
        self.target_chart = charts.new_view(tr("Chỉ tiêu: kế hoạch và đã đạt"))
        grid = QGridLayout()
        grid.addWidget(self.year_chart, 0, 0)
        grid.addWidget(self.activity_chart, 0, 1)
        grid.addWidget(self.target_chart, 0, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(card_row)
        layout.addWidget(self.excluded)
        layout.addLayout(grid, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.programme.activated.connect(lambda _index: self.refresh())
        self.level.activated.connect(lambda _index: self.refresh())
        context.database_changed.connect(self.reset_period)
        context.data_changed.connect(self._data_changed)
        context.money_unit_changed.connect(self._draw)
        if context.has_db:
            self.reset_period()

    def reset_period(self) -> None:
        """A new file: the default period and its programmes, then the figures."""
        first, last = default_period(self.context.db)
        self.from_year.setValue(first)
        self.to_year.setValue(last)
        self._fill_programmes()
        self.refresh()

    def _fill_programmes(self) -> None:
        chosen = self.programme.currentData()
        self.programme.clear()
        self.programme.addItem(tr("Tất cả chương trình"), None)
        for choice in programme_choices(self.context.db):
            self.programme.addItem(f"{choice.code} — {choice.name}", choice)
        self.programme.setCurrentIndex(max(0, self.programme.findData(chosen)) if chosen else 0)

    def _data_changed(self, table: str) -> None:
        if table in ("*", "programme"):
            self._fill_programmes()
        if table in ("*", "programme", "project", "beneficiary", "plan", "target"):
            self.refresh()

    def refresh(self) -> None:
        """Recompute in the background; a request made while one runs is done right after it."""
        if self._running is not None:
            self._pending = True
            return
        first, last = sorted((self.from_year.value(), self.to_year.value()))
        choice: ProgrammeChoice | None = self.programme.currentData()
        level: FundingLevel | None = self.level.currentData()
        self._running = (Operation(self, dashboard_data, self.context.db, first, last, choice, level)
                         .success(self._received))
        self._running.finished.connect(self._operation_finished)
        self._running.run()

    def _operation_finished(self) -> None:
        self._running = None
        if self._pending:
            self._pending = False
            self.refresh()

    def _received(self, data: DashboardData) -> None:
        self.data = data
        self._draw()

    def _draw(self) -> None:
        if self.data is None:
            return
        s, unit = self.data.summary, self.context.money_unit
        unit_name = tr_label(unit)
        qg, dp = s.projects_by_level.get("KCQG", 0), s.projects_by_level.get("KCDP", 0)
        self.cards["projects"].show_figure(format_number(s.projects), tr("KCQG: {qg} · KCĐP: {dp}", qg=qg, dp=dp))
        self.cards["support"].show_figure(format_amount(s.state_support, unit), tr(
            "{unit} · KCQG: {qg} · KCĐP: {dp}", unit=unit_name, qg=format_amount(s.support_by_level.get("KCQG", 0), unit),
            dp=format_amount(s.support_by_level.get("KCDP", 0), unit)))
        self.cards["counterpart"].show_figure(format_amount(s.counterpart, unit), tr(
            "{unit} · tổng huy động: {total}", unit=unit_name, total=format_amount(s.total_mobilised, unit)))
        if s.leverage is None:
            self.cards["leverage"].show_figure("—", tr("Chưa có kinh phí NSNN trong giai đoạn"))
        else:
            self.cards["leverage"].show_figure(tr("{x} lần", x=format_ratio(s.leverage)),
                                               tr("vốn cơ sở trên 1 đồng NSNN"))
        self.cards["jobs"].show_figure(format_number(s.jobs), tr("{n} cơ sở thụ hưởng", n=format_number(s.beneficiaries)))
        self.excluded.setText(self._excluded_text(s.excluded))
        charts.show_funds_by_year(self.year_chart, s, unit)
        charts.show_by_activity(self.activity_chart, s, unit)
        charts.show_targets(self.target_chart, self.data.programmes)
        self.refreshed.emit()

    @staticmethod
    def _excluded_text(excluded: dict[str, int]) -> str:
        if not excluded:
            return ""
        parts = "; ".join(f"{tr_label(Status(code))}: {n}" for code, n in excluded.items())
        return tr("Không tính vào tổng (chưa phê duyệt, bị từ chối hoặc ngừng): {parts}", parts=parts)
