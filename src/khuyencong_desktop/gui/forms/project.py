"""The project form (đề án): identity, amounts by source, beneficiaries, results, proposal text, decisions."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QTabWidget, QWidget)

from ...domain.codes import FundingLevel, Source, Status, allowed_transitions
from ...domain.money import format_amount
from ...i18n import tr, tr_label
from ...operations.editing import (norm_warning_text, project_links, record_values, save_project, unlock_project)
from ...operations.editing_rules import ValidationError
from ...operations.filter_choices import activity_choices, programme_choices
from ...storage.models import AMOUNT_FIELDS
from ..undo import push_fields, push_saved
from .base import RecordForm, ask_text
from .picker import BeneficiaryPicker
from .widgets import DateEdit, InputError, MoneyEdit, NumberEdit

LINE_FIELDS = ("code", "name", "implementing_unit", "place", "commune", "district", "province", "sector", "capacity",
               "approval_decision_no", "acceptance_decision_no", "settlement_decision_no")
TEXT_FIELDS = ("necessity", "objectives", "content", "schedule", "expected_results", "outputs", "remarks", "notes")
NUMBER_FIELDS = ("year", "approval_round", "jobs", "participations", "events")
DATE_FIELDS = ("start_date", "end_date", "approval_date", "acceptance_date", "settlement_date")


class ProjectForm(RecordForm):
    """Thêm / sửa đề án. Saving commits at once and pushes one undo step."""

    def __init__(self, context, record_id: str | None = None, parent=None):
        super().__init__(context, parent)
        self.record_id = record_id
        self.setWindowTitle(tr("Đề án") if record_id else tr("Thêm đề án"))
        values = record_values(context.db, "project", record_id) if record_id else {"status": Status.DE_XUAT}
        self.lines: dict[str, QLineEdit] = {}
        self.texts: dict[str, QPlainTextEdit] = {}
        self.numbers: dict[str, NumberEdit] = {}
        self.dates: dict[str, DateEdit] = {}
        self.money: dict[str, MoneyEdit] = {}
        self._lock_banner(values.get("locked", False))
        self.tabs = QTabWidget(self)
        self.layout_.addWidget(self.tabs)
        self._general_tab(values)
        self._money_tab()
        self.picker = BeneficiaryPicker(context, self.unit, self)
        self.picker.changed.connect(self.update_norm)
        self.tabs.addTab(self.picker, tr("Cơ sở thụ hưởng"))
        self.messages["beneficiaries"] = self.general
        self._results_tab()
        self._decisions_tab()
        self.finish_layout()
        self.resize(820, 640)
        self._load(values)
        self._set_editable(not values.get("locked", False))

    # -- building ---------------------------------------------------------------------------
    def _lock_banner(self, locked: bool) -> None:
        self.lock_label = QLabel(tr("Đề án đã quyết toán nên bị khóa. Muốn sửa, bấm «Mở khóa…» và ghi lý do."))
        self.lock_label.setStyleSheet("background: #fff3cd; padding: 6px;")
        self.unlock_button = QPushButton(tr("Mở khóa…"))
        self.unlock_button.clicked.connect(self.unlock)
        row = QHBoxLayout()
        row.addWidget(self.lock_label, 1)
        row.addWidget(self.unlock_button)
        self.layout_.addLayout(row)
        self.lock_label.setVisible(locked)
        self.unlock_button.setVisible(locked)

    def _page(self, title: str) -> QFormLayout:
        page = QWidget()
        form = QFormLayout(page)
        self.tabs.addTab(page, title)
        return form

    def _line(self, form, name, label):
        self.lines[name] = self.add_field(form, name, label, QLineEdit())

    def _number(self, form, name, label):
        self.numbers[name] = self.add_field(form, name, label, NumberEdit())

    def _text(self, form, name, label):
        self.texts[name] = self.add_field(form, name, label, QPlainTextEdit())

    def _date(self, form, name, label):
        self.dates[name] = self.add_field(form, name, label, DateEdit())

    def _general_tab(self, values: dict) -> None:
        form = self._page(tr("Thông tin chung"))
        self._line(form, "code", tr("Mã đề án"))
        self._line(form, "name", tr("Tên đề án"))
        self._number(form, "year", tr("Năm thực hiện"))
        self._number(form, "approval_round", tr("Đợt phê duyệt"))
        self.level = self.add_field(form, "level", tr("Cấp kinh phí"), QComboBox())
        for level in FundingLevel:
            self.level.addItem(tr_label(level), level.value)
        self.activity = self.add_field(form, "activity_code", tr("Nội dung hoạt động"), QComboBox())
        for code, name in activity_choices(self.context.db):
            self.activity.addItem(f"{code} — {name}", code)
        self.status = self.add_field(form, "status", tr("Trạng thái"), QComboBox())
        current = values.get("status")
        offered = (current, *allowed_transitions(current)) if self.record_id else tuple(Status)
        for status in offered:
            self.status.addItem(tr_label(status), status.value)
        self.programme = self.add_field(form, "programme_id", tr("Chương trình"), QComboBox())
        self.programme.addItem(tr("(không thuộc chương trình)"), None)
        for programme_id, code in programme_choices(self.context.db):
            self.programme.addItem(code, programme_id)
        for name, label in (("implementing_unit", tr("Đơn vị thực hiện")), ("place", tr("Địa bàn")),
                            ("commune", tr("Xã/phường")), ("district", tr("Huyện (trước 1/7/2025)")),
                            ("province", tr("Tỉnh")), ("sector", tr("Ngành, lĩnh vực"))):
            self._line(form, name, label)
        for combo in (self.level, self.activity):
            combo.currentIndexChanged.connect(self.update_norm)

    def _money_tab(self) -> None:
        page = QWidget()
        grid = QGridLayout(page)
        grid.addWidget(QLabel(tr("Nguồn ({unit})", unit=tr_label(self.unit))), 0, 0)
        grid.addWidget(QLabel(tr("Phê duyệt")), 0, 1)
        grid.addWidget(QLabel(tr("Quyết toán")), 0, 2)
        for row, source in enumerate(Source, start=1):
            grid.addWidget(QLabel(tr_label(source)), row, 0)
            for column, prefix in ((1, "approved_"), (2, "settled_")):
                name = prefix + AMOUNT_FIELDS[source]
                edit = MoneyEdit(self.unit)
                edit.textChanged.connect(self.update_norm)
                self.money[name] = edit
                box = QFormLayout()
                self.add_field(box, name, "", edit)
                grid.addLayout(box, row, column)
        self.state_total = QLabel()
        grid.addWidget(self.state_total, len(Source) + 1, 0, 1, 3)
        self.norm_label = QLabel(wordWrap=True)
        self.norm_label.setStyleSheet("color: #8a4b00;")
        grid.addWidget(self.norm_label, len(Source) + 2, 0, 1, 3)
        ack = QFormLayout()
        self._text(ack, "norm_ack_reason", tr("Lý do chấp nhận vượt định mức"))
        self.texts["norm_ack_reason"].setMaximumHeight(60)
        grid.addLayout(ack, len(Source) + 3, 0, 1, 3)
        grid.setRowStretch(len(Source) + 4, 1)
        self.tabs.addTab(page, tr("Kinh phí"))

    def _results_tab(self) -> None:
        form = self._page(tr("Kết quả"))
        self._number(form, "jobs", tr("Lao động, việc làm"))
        self._number(form, "participations", tr("Lượt cơ sở tham gia"))
        self._number(form, "events", tr("Số kỳ hội chợ, sự kiện"))
        self._line(form, "capacity", tr("Công suất"))
        self._text(form, "outputs", tr("Sản phẩm đầu ra"))
        form = self._page(tr("Nội dung đề án"))
        for name, label in (("necessity", tr("Sự cần thiết")), ("objectives", tr("Mục tiêu")),
                            ("content", tr("Nội dung")), ("schedule", tr("Tiến độ")),
                            ("expected_results", tr("Kết quả dự kiến"))):
            self._text(form, name, label)

    def _decisions_tab(self) -> None:
        form = self._page(tr("Quyết định"))
        self._date(form, "start_date", tr("Ngày bắt đầu"))
        self._date(form, "end_date", tr("Ngày kết thúc"))
        for kind, label in (("approval", tr("phê duyệt")), ("acceptance", tr("nghiệm thu")),
                            ("settlement", tr("quyết toán"))):
            self._line(form, f"{kind}_decision_no", tr("Số quyết định {kind}", kind=label))
            self._date(form, f"{kind}_date", tr("Ngày quyết định {kind}", kind=label))
        self._text(form, "remarks", tr("Ghi chú trên báo cáo"))
        self._text(form, "notes", tr("Ghi chú nội bộ"))

    # -- values -----------------------------------------------------------------------------
    def _load(self, values: dict) -> None:
        for name, edit in self.lines.items():
            edit.setText(values.get(name) or "")
        for name, edit in self.texts.items():
            edit.setPlainText(values.get(name) or "")
        for name, edit in self.numbers.items():
            edit.set_number(values.get(name))
        for name, edit in self.dates.items():
            edit.set_day(values.get(name))
        for name, edit in self.money.items():
            edit.set_dong(values.get(name))
        for combo, name in ((self.level, "level"), (self.activity, "activity_code"), (self.status, "status"),
                            (self.programme, "programme_id")):
            value = values.get(name)
            combo.setCurrentIndex(max(combo.findData(getattr(value, "value", value)), 0))
        if self.record_id:
            for link in project_links(self.context.db, self.record_id):
                self.picker.add(link["beneficiary_id"], link["name"], link["tax_code"], link["share"])
        self.update_norm()

    def values(self) -> dict:
        values = {name: edit.text() for name, edit in self.lines.items()}
        values.update({name: edit.toPlainText() for name, edit in self.texts.items()})
        values.update({name: self.read(name, edit.number) for name, edit in self.numbers.items()})
        values.update({name: self.read(name, edit.day) for name, edit in self.dates.items()})
        for name, edit in self.money.items():
            amount = self.read(name, edit.dong)
            values[name] = amount if amount is not None or name.startswith("settled_") else 0
        for name in ("jobs", "participations", "events"):
            values[name] = values[name] or 0
        # Combos hold codes: Qt hands str-based enum members back as plain text.
        values.update(level=FundingLevel(self.level.currentData()), activity_code=self.activity.currentData(),
                      status=Status(self.status.currentData()), programme_id=self.programme.currentData())
        return values

    def update_norm(self) -> None:
        """Show state support and, when it is above the norm, the warning with its legal basis."""
        values = {name: _quiet(edit.dong) for name, edit in self.money.items()}
        state = sum(values.get("approved_" + AMOUNT_FIELDS[s]) or 0 for s in Source if s.is_state)
        self.state_total.setText(tr("Kinh phí NSNN hỗ trợ (phê duyệt): {amount} {unit}",
                                    amount=format_amount(state, self.unit), unit=tr_label(self.unit)))
        values.update(activity_code=self.activity.currentData(), level=FundingLevel(self.level.currentData()),
                      year=_quiet(self.numbers["year"].number), province=self.lines["province"].text())
        warning = norm_warning_text(self.context.db, values, max(self.picker.chosen.rowCount(), 1))
        self.norm_label.setText(tr("Cảnh báo định mức: {warning}", warning=warning) if warning else "")

    def commit(self) -> None:
        values = self.values()
        try:
            links = self.picker.links()
        except InputError as exc:
            self._input_problems["beneficiaries"] = str(exc)
            links = []
        saved = save_project(self.context.db, self.record_id, self.collected(values), links)
        self.saved_id = saved.id
        name = values["code"].strip()
        push_saved(self.context, tr("Sửa đề án {code}", code=name) if self.record_id
                   else tr("Thêm đề án {code}", code=name), "project", saved)

    def show_problems(self, problems: dict[str, str]) -> None:
        super().show_problems(problems)
        for name in problems:
            message = self.messages.get(name)
            for index in range(self.tabs.count()):
                if message is not None and self.tabs.widget(index).isAncestorOf(message):
                    self.tabs.setCurrentIndex(index)
                    return

    def unlock(self) -> None:
        reason = ask_text(self, tr("Mở khóa đề án"), tr("Lý do mở khóa (được ghi vào lịch sử):"))
        if reason is None:
            return
        try:
            previous = unlock_project(self.context.db, self.record_id, reason)
        except ValidationError as exc:
            self.show_problems(exc.field_problems)
            return
        push_fields(self.context, tr("Mở khóa đề án"), "project", self.record_id, previous)
        self.texts["notes"].setPlainText(record_values(self.context.db, "project", self.record_id)["notes"])
        self.lock_label.hide()
        self.unlock_button.hide()
        self._set_editable(True)

    def _set_editable(self, editable: bool) -> None:
        """A locked project can still be read page by page; only its fields and Lưu are disabled."""
        for index in range(self.tabs.count()):
            self.tabs.widget(index).setEnabled(editable)
        self.buttons.button(self.buttons.StandardButton.Save).setEnabled(editable)


def _quiet(getter):
    """``getter()``, or None while the text is still being typed."""
    try:
        return getter()
    except InputError:
        return None
