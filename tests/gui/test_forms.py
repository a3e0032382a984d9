"""Edit forms driven as an officer would: type, save, see the list, undo, read the history."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from khuyencong_desktop.domain.codes import Status
from khuyencong_desktop.gui.context import AppContext
from khuyencong_desktop.gui.forms import picker as picker_module
from khuyencong_desktop.gui.forms import project as project_module
from khuyencong_desktop.gui.history_view import HistoryDialog
from khuyencong_desktop.gui.models.projects import ProjectsModel
from khuyencong_desktop.gui.tabs import list_tab
from khuyencong_desktop.gui.tabs.programmes import ProgrammesTab
from khuyencong_desktop.gui.tabs.projects import ProjectsTab
from khuyencong_desktop.storage.models import Beneficiary, Project, ProjectBeneficiary


@pytest.fixture
def context(demo_db, qtbot):
    ctx = AppContext(demo_db)
    yield ctx
    ctx.undo_stack.clear()


def drive(monkeypatch, module, qtbot, *drivers):
    """Replace ``module.run_dialog``: each dialog shown is handed to the next driver, which fills and saves it."""
    queue = list(drivers)
    shown = []

    def run(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        shown.append(dialog)
        queue.pop(0)(dialog)
        return dialog.result() == dialog.DialogCode.Accepted
    monkeypatch.setattr(module, "run_dialog", run)
    return shown


def save(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def type_into(qtbot, widget, text):
    """Type ``text`` as the officer would; QTest cannot send non-ASCII keys, so those go in as an input method does."""
    widget.clear()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.insert(text)


def _row_of(model, code):
    return next(r for r in range(model.rowCount()) if model.index(r, ProjectsModel.CODE).data() == code)


def test_a_new_programme_with_a_lai_chau_like_plan_is_consistent(qtbot, context, monkeypatch):
    tab = ProgrammesTab(context)
    qtbot.addWidget(tab)

    def fill(form):
        for name, text in (("code", "LS-2026-2030"), ("name", "Chương trình khuyến công tỉnh Lạng Sơn 2026-2030"),
                           ("province", "Lạng Sơn")):
            type_into(qtbot, form.lines[name], text)
        type_into(qtbot, form.from_year, "2026")
        type_into(qtbot, form.to_year, "2030")
        form.to_year.editingFinished.emit()
        type_into(qtbot, form.total, "75.300")
        for row, amount in enumerate(("10.814", "21.004", "20.714", "13.054", "9.714")):
            form.grid.item(row, form.column_keys.index(None)).setText(amount)
        blank_year = form.row_keys.index(None)
        form.grid.item(blank_year, 2).setText("26.900")
        assert "khác tổng kinh phí" in form.check_label.text()
        form.grid.item(blank_year, 3).setText("48.400")
        assert form.check_label.text() == ("Kế hoạch khớp: theo năm và theo nguồn đều bằng tổng kinh phí "
                                           "75.300 triệu đồng.")
        last_row, last_column = len(form.row_keys), len(form.column_keys)
        assert form.grid.item(last_row, last_column).text() == "75.300"
        assert form.grid.item(0, last_column).text() == "10.814"
        form.add_target({})
        form.targets.item(0, 0).setText("MM")
        form.targets.item(0, 1).setText("Hỗ trợ máy móc thiết bị")
        form.targets.item(0, 3).setText("30")
        form.grab().save("/tmp/programme_form.png")
        save(qtbot, form)

    drive(monkeypatch, list_tab, qtbot, fill)
    tab.add_record()
    assert "LS-2026-2030" in [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())]
    assert tab.totals.text().startswith("2 chương trình — tổng kinh phí 150.600 triệu đồng")
    assert tab.selected_id() is not None
    from khuyencong_desktop.operations.programme import programme_report
    report = programme_report(context.db, "LS-2026-2030")
    assert report.plan.consistent and report.plan.by_year[2027] == 21_004_000_000
    assert [(t.activity, t.planned) for t in report.targets] == [("MM", 30)]


def test_a_project_with_two_beneficiaries_one_found_one_new(qtbot, context, monkeypatch):
    tab = ProjectsTab(context)
    qtbot.addWidget(tab)

    def new_beneficiary(form):
        assert form.fields["name"].text() == "Xưởng mộc Hoàng Văn Thụ"
        type_into(qtbot, form.fields["tax_code"], "4900555666")
        type_into(qtbot, form.fields["province"], "Lạng Sơn")
        save(qtbot, form)

    def fill(form):
        type_into(qtbot, form.lines["code"], "LS-DP-2026-MM01")
        type_into(qtbot, form.lines["name"], "Hỗ trợ máy chế biến gỗ")
        type_into(qtbot, form.numbers["year"], "2026")
        form.level.setCurrentIndex(form.level.findText("KCĐP"))
        form.activity.setCurrentIndex(form.activity.findData("MM"))
        form.status.setCurrentIndex(form.status.findText("Đề xuất"))
        type_into(qtbot, form.money["approved_nsdp"], "250")
        type_into(qtbot, form.money["approved_counterpart"], "1.200,5")
        assert form.state_total.text() == "Kinh phí NSNN hỗ trợ (phê duyệt): 250 triệu đồng"
        picker = form.picker
        qtbot.keyClicks(picker.search, "lua vy")
        qtbot.waitUntil(lambda: picker.results.count() == 1)
        picker.results.setCurrentRow(0)
        qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
        picker.search.setText("Xưởng mộc Hoàng Văn Thụ")
        qtbot.mouseClick(picker.new_button, Qt.MouseButton.LeftButton)
        assert picker.chosen_names() == ["HTX chế biến nông sản Lụa Vy", "Xưởng mộc Hoàng Văn Thụ"]
        save(qtbot, form)

    drive(monkeypatch, list_tab, qtbot, fill)
    drive(monkeypatch, picker_module, qtbot, new_beneficiary)
    tab.add_record()
    row = _row_of(tab.model, "LS-DP-2026-MM01")
    assert tab.model.index(row, ProjectsModel.STATE).data() == "250"
    assert tab.model.index(row, ProjectsModel.COUNTERPART).data() == "1.200,5"
    assert tab.totals.text().startswith("63 đề án")
    with context.db.session() as s:
        project = s.scalar(select(Project).where(Project.code == "LS-DP-2026-MM01"))
        assert project.approved_counterpart == 1_200_500_000 and project.status == Status.DE_XUAT
        names = set(s.scalars(select(Beneficiary.name).join(ProjectBeneficiary)
                              .where(ProjectBeneficiary.project_id == project.id)))
        assert names == {"HTX chế biến nông sản Lụa Vy", "Xưởng mộc Hoàng Văn Thụ"}
        assert s.scalar(select(Beneficiary.tax_code).where(Beneficiary.name == "Xưởng mộc Hoàng Văn Thụ")) == "4900555666"


def test_edit_by_double_click_then_undo_and_history(qtbot, context, monkeypatch):
    tab = ProjectsTab(context)
    qtbot.addWidget(tab)
    row = _row_of(tab.model, "LS-DP-2021-MM05")
    assert tab.model.index(row, ProjectsModel.COUNTERPART).data() == "923,21"

    def edit(form):
        assert form.lines["code"].text() == "LS-DP-2021-MM05"
        form.tabs.setCurrentIndex(1)
        type_into(qtbot, form.money["approved_counterpart"], "1.000")
        form.grab().save("/tmp/project_form_money.png")
        save(qtbot, form)

    drive(monkeypatch, list_tab, qtbot, edit)
    index = tab.model.index(row, ProjectsModel.NAME)
    tab.table.scrollTo(index)
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=tab.table.visualRect(index).center())
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=tab.table.visualRect(index).center())
    row = _row_of(tab.model, "LS-DP-2021-MM05")
    assert tab.model.index(row, ProjectsModel.COUNTERPART).data() == "1.000"
    assert context.undo_stack.undoText() == "Sửa đề án LS-DP-2021-MM05"

    context.undo_stack.undo()
    row = _row_of(tab.model, "LS-DP-2021-MM05")
    assert tab.model.index(row, ProjectsModel.COUNTERPART).data() == "923,21"
    with context.db.session() as s:
        project = s.scalar(select(Project).where(Project.code == "LS-DP-2021-MM05"))
        assert project.approved_counterpart == 923_210_000
    context.undo_stack.redo()
    assert tab.model.index(_row_of(tab.model, "LS-DP-2021-MM05"), ProjectsModel.COUNTERPART).data() == "1.000"

    history = HistoryDialog(context.db, project.id, "LS-DP-2021-MM05")
    qtbot.addWidget(history)
    changes = [r[2:] for r in history.rows() if r[2] == "Vốn đối ứng phê duyệt"]
    assert changes == [["Vốn đối ứng phê duyệt", "923,21 triệu đồng", "1.000 triệu đồng"],
                       ["Vốn đối ứng phê duyệt", "1.000 triệu đồng", "923,21 triệu đồng"],
                       ["Vốn đối ứng phê duyệt", "923,21 triệu đồng", "1.000 triệu đồng"]]
    history.resize(900, 300)
    history.grab().save("/tmp/history.png")


def test_field_messages_in_vietnamese_and_nothing_saved(qtbot, context, monkeypatch):
    tab = ProjectsTab(context)
    qtbot.addWidget(tab)
    seen = {}

    def fill(form):
        type_into(qtbot, form.lines["code"], "LS-QG-2018-01")
        type_into(qtbot, form.numbers["year"], "20266")
        type_into(qtbot, form.money["approved_nsdp"], "12abc")
        save(qtbot, form)
        seen.update({name: m.text() for name, m in form.messages.items() if m.isVisible() or m.text()})
        form.grab().save("/tmp/project_form_errors.png")
        form.reject()

    drive(monkeypatch, list_tab, qtbot, fill)
    tab.add_record()
    assert seen["approved_nsdp"] == "Không đọc được số «12abc»"
    assert "name" not in seen or seen["name"] == ""
    assert tab.model.total_rows == 62


def test_validation_after_reading_shows_at_the_field(qtbot, context, monkeypatch):
    tab = ProjectsTab(context)
    qtbot.addWidget(tab)
    seen = {}

    def fill(form):
        type_into(qtbot, form.lines["code"], "LS-QG-2018-01")
        type_into(qtbot, form.numbers["year"], "20266")
        save(qtbot, form)
        seen.update({name: m.text() for name, m in form.messages.items() if m.text()})
        form.reject()

    drive(monkeypatch, list_tab, qtbot, fill)
    tab.add_record()
    assert seen == {"name": "Chưa nhập tên đề án.", "year": "Năm thực hiện phải là một năm từ 1990 đến 2100.",
                    "code": "Mã đề án «LS-QG-2018-01» đã có; hãy chọn mã khác."}


def test_a_settled_project_shows_the_lock_and_unlocks_with_a_reason(qtbot, context, monkeypatch):
    tab = ProjectsTab(context)
    qtbot.addWidget(tab)

    def unlock_and_edit(form):
        assert form.lock_label.isVisible() and not form.tabs.widget(0).isEnabled()
        form.grab().save("/tmp/project_form_locked.png")
        monkeypatch.setattr(project_module, "ask_text", lambda *a: "Điều chỉnh số lao động theo biên bản")
        qtbot.mouseClick(form.unlock_button, Qt.MouseButton.LeftButton)
        assert form.tabs.widget(1).isEnabled() and not form.lock_label.isVisible()
        type_into(qtbot, form.numbers["jobs"], "27")
        save(qtbot, form)

    drive(monkeypatch, list_tab, qtbot, unlock_and_edit)
    tab.select_record(next(tab.model.row_item(r).id for r in range(tab.model.rowCount())
                           if tab.model.row_item(r).code == "LS-QG-2018-01"))
    tab.edit_record()
    assert tab.model.index(_row_of(tab.model, "LS-QG-2018-01"), ProjectsModel.JOBS).data() == "27"
    assert [context.undo_stack.text(i) for i in range(context.undo_stack.count())] == [
        "Mở khóa đề án", "Sửa đề án LS-QG-2018-01"]


def test_support_above_the_norm_is_warned_inline_and_needs_a_recorded_reason(qtbot, context, monkeypatch):
    tab = ProjectsTab(context)
    qtbot.addWidget(tab)
    seen: dict[str, str] = {}

    def fill(form):
        type_into(qtbot, form.lines["code"], "LS-DP-2026-MM02")
        type_into(qtbot, form.lines["name"], "Hỗ trợ dây chuyền sấy chè")
        type_into(qtbot, form.numbers["year"], "2026")
        type_into(qtbot, form.lines["province"], "Lạng Sơn")
        form.level.setCurrentIndex(form.level.findText("KCĐP"))
        form.activity.setCurrentIndex(form.activity.findData("MM"))
        form.status.setCurrentIndex(form.status.findText("Đã phê duyệt"))
        type_into(qtbot, form.money["approved_nsdp"], "5.000")
        seen["warning"] = form.norm_label.text()
        save(qtbot, form)
        seen["refused"] = form.messages["norm_ack_reason"].text()
        assert form.isVisible() and form.tabs.currentWidget().isAncestorOf(form.messages["norm_ack_reason"])
        form.texts["norm_ack_reason"].setPlainText("Dây chuyền đồng bộ, UBND tỉnh đồng ý tại văn bản số 12/UBND-KT")
        save(qtbot, form)

    drive(monkeypatch, list_tab, qtbot, fill)
    tab.add_record()
    assert seen["warning"].startswith("Cảnh báo định mức:") and "Căn cứ:" in seen["warning"]
    assert seen["refused"].startswith("Kinh phí hỗ trợ vượt định mức: cần ghi lý do chấp nhận trước khi phê duyệt.")
    with context.db.session() as s:
        project = s.scalar(select(Project).where(Project.code == "LS-DP-2026-MM02"))
        assert project.approved_nsdp == 5_000_000_000 and project.status == Status.DA_PHE_DUYET
        assert project.norm_ack_reason.startswith("Dây chuyền đồng bộ")
    assert tab.model.index(_row_of(tab.model, "LS-DP-2026-MM02"), ProjectsModel.STATE).data() == "5.000"
