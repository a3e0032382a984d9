"""File → Trao đổi dữ liệu: preview a package before merging it, then settle its conflicts side by side."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QPushButton
from sqlalchemy import select

from exchange_offices import district_copy
from khuyencong_desktop.exchange.package import write_package
from khuyencong_desktop.storage.models import Beneficiary, Project

CODE = "LS-QG-2020-01"


def _jobs(db):
    with db.session() as s:
        return s.scalar(select(Project.jobs).where(Project.code == CODE))


def _district_package(window, tmp_path) -> Path:
    db = window.context.db
    district = district_copy(db, tmp_path / "district.kcdb")
    try:
        with district.session() as s:
            s.scalar(select(Project).where(Project.code == CODE)).jobs = 45
            s.add(Beneficiary(name="HTX Chè Bảo Lâm", tax_code="4900123456", commune="Bảo Lâm"))
        with db.session() as s:
            s.scalar(select(Project).where(Project.code == CODE)).jobs = 40
            s.add(Beneficiary(name="Hợp tác xã chè Bảo Lâm", tax_code="4900123456", commune="Bảo Lâm"))
        return write_package(district, tmp_path / "huyen.kcx")
    finally:
        district.close()


def test_the_file_menu_offers_the_exchange_actions(window):
    [submenu] = [a.menu() for a in window.menus["file"].actions() if a.text() == "Trao đổi dữ liệu"]
    assert [a.text() for a in submenu.actions()] == ["Xuất gói dữ liệu…", "Nhận gói dữ liệu…", "Xung đột cần xem xét…",
                                                      "Cơ sở có thể trùng…", "Khôi phục bản sao lưu trước khi nhận…"]


def test_a_package_is_previewed_before_it_is_merged(window, qtbot, shown, tmp_path):
    package = _district_package(window, tmp_path)
    actions = window.exchange_actions
    actions.receive(package)
    qtbot.waitUntil(lambda: getattr(actions, "preview", None) is not None and actions.preview.isVisible())
    preview = actions.preview
    preview.grab().save(str(tmp_path / "preview.png"))
    # The province's edit is the later one, so the deterministic rule keeps showing it: nothing updated.
    assert preview.summary.text() == "Tạo mới: 2; cập nhật: 0; không đổi: 217"
    [conflict] = [preview.conflicts.item(i).text() for i in range(preview.conflicts.count())]
    assert conflict.startswith(f"Đề án {CODE} «Trình diễn kỹ thuật, giới thiệu mô hình sản xuất bản lề cửa», "
                               "trường «Lao động, việc làm»: hai đơn vị sửa khác nhau — «45» (PHÒNG KINH TẾ HUYỆN "
                               "CAO LỘC); «40» (TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI")
    assert conflict.endswith("Đang hiển thị: «40».")
    assert preview.cancel_button.text() == "Hủy"
    assert preview.duplicates.item(0).text() in (
        "«HTX Chè Bảo Lâm» ↔ «Hợp tác xã chè Bảo Lâm» (cùng mã số thuế 4900123456)",
        "«Hợp tác xã chè Bảo Lâm» ↔ «HTX Chè Bảo Lâm» (cùng mã số thuế 4900123456)")
    assert [preview.joined.count(), preview.refused.count()] == [0, 0]
    assert _jobs(window.context.db) == 40
    qtbot.mouseClick(preview.apply_button, qtbot_button())
    qtbot.waitUntil(lambda: bool(shown.infos))
    assert shown.infos[0].startswith("Đã nhận gói dữ liệu: tạo mới 2, cập nhật 0, xung đột 1.")
    assert _jobs(window.context.db) == 40


def test_conflicts_are_settled_by_picking_or_typing_a_value(window, qtbot, shown, tmp_path):
    from khuyencong_desktop.exchange.merge import merge_package

    merge_package(window.context.db, _district_package(window, tmp_path))
    dialog = window.exchange_actions.show_conflicts()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(tmp_path / "conflicts.png"))
    assert table_rows(dialog.model) == [
        [f"Đề án {CODE} «Trình diễn kỹ thuật, giới thiệu mô hình sản xuất bản lề cửa»", "Lao động, việc làm", "40"]]
    labels = [label.text() for label in dialog.options_box.findChildren(QLabel)]
    assert "<b>40</b> (đang hiển thị)" in labels and "<b>45</b>" in labels
    assert any(text.startswith("PHÒNG KINH TẾ HUYỆN CAO LỘC\n") for text in labels)
    buttons = [b for b in dialog.options_box.findChildren(QPushButton) if b.text() == "Chọn giá trị này"]
    assert len(buttons) == 2
    dialog.own_value.setText("4x")
    qtbot.mouseClick(dialog.save_own, qtbot_button())
    assert shown.errors == ["«4x» không phải giá trị hợp lệ cho «Lao động, việc làm»."]
    assert dialog.model.rowCount() == 1
    dialog.own_value.clear()
    qtbot.keyClicks(dialog.own_value, "42")
    qtbot.mouseClick(dialog.save_own, qtbot_button())
    assert dialog.model.rowCount() == 0 and _jobs(window.context.db) == 42


def table_rows(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_refused_records_are_named_after_the_merge(window, qtbot, shown, tmp_path):
    from khuyencong_desktop.domain.codes import FundingLevel

    db = window.context.db
    district = district_copy(db, tmp_path / "district.kcdb")
    try:
        for office, name in ((db, "Đề án của tỉnh"), (district, "Đề án của huyện")):
            with office.session() as s:
                s.add(Project(code="CL-2026-01", name=name, year=2026, level=FundingLevel.KCDP, activity_code="MM"))
        package = write_package(district, tmp_path / "huyen.kcx")
    finally:
        district.close()
    actions = window.exchange_actions
    actions.receive(package)
    qtbot.waitUntil(lambda: getattr(actions, "preview", None) is not None and actions.preview.isVisible())
    assert actions.preview.refused.item(0).text() == (
        "Đề án CL-2026-01 «Đề án của huyện»: mã «CL-2026-01» đã dùng cho một bản ghi khác của đơn vị này; không ghi đè")
    qtbot.mouseClick(actions.preview.apply_button, qtbot_button())
    qtbot.waitUntil(lambda: bool(shown.infos))
    assert shown.infos[0].endswith("\nKhông nhận (giữ nguyên bản ghi của đơn vị này): 1\n"
                                   "  Đề án CL-2026-01 «Đề án của huyện»: mã «CL-2026-01» đã dùng cho một bản ghi khác của "
                                   "đơn vị này; không ghi đè")
