"""Trao đổi dữ liệu → Cơ sở có thể trùng: the pair side by side, then Gộp or Không phải trùng."""
from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from exchange_offices import district_copy, exchange
from khuyencong_desktop.storage.exchange_models import SuspectedDuplicate
from khuyencong_desktop.storage.models import Beneficiary, Project, ProjectBeneficiary


def _suspected_pair(window, tmp_path) -> tuple[str, str]:
    """The province and a district office both created the tea cooperative; the district's has a project."""
    db = window.context.db
    district = district_copy(db, tmp_path / "district.kcdb")
    try:
        with db.session() as s:
            ours = Beneficiary(name="Hợp tác xã Chè Bảo Lâm", tax_code="4900123456", commune="Bảo Lâm")
            s.add(ours)
        with district.session() as s:
            theirs = Beneficiary(name="HTX chè Bảo Lâm", tax_code="4900 123 456", commune="Bảo Lâm",
                                 phone="0205 3871 234", employees=25)
            s.add(theirs)
            s.flush()
            project_id = s.scalar(select(Project.id).where(Project.code == "LS-QG-2018-01"))
            s.add(ProjectBeneficiary(project_id=project_id, beneficiary_id=theirs.id))
        exchange(district, db, tmp_path)
        return ours.id, theirs.id
    finally:
        district.close()


def _cells(table) -> dict[str, list[str]]:
    return {table.verticalHeaderItem(r).text(): [table.item(r, c).text() for c in range(2)]
            for r in range(table.rowCount())}


def _open_dialog(window, qtbot):
    [action] = [a for a in window.exchange_actions.menu.actions() if a.text() == "Cơ sở có thể trùng…"]
    action.trigger()
    dialog = window.exchange_actions.duplicates
    qtbot.waitExposed(dialog)
    return dialog


def test_the_pair_is_compared_side_by_side_and_linked(window, qtbot, shown, tmp_path):
    ours, theirs = _suspected_pair(window, tmp_path)
    dialog = _open_dialog(window, qtbot)
    dialog.grab().save(str(tmp_path / "duplicates.png"))
    assert dialog.windowTitle() == "Cơ sở có thể trùng"
    assert dialog.pairs_list.count() == 1 and dialog.pairs_list.item(0).text().endswith("(cùng mã số thuế)")
    first_is_ours = dialog.current().first.id == ours
    cells = {label: (values if first_is_ours else values[::-1]) for label, values in _cells(dialog.table).items()}
    assert cells["Tên"] == ["Hợp tác xã Chè Bảo Lâm", "HTX chè Bảo Lâm"]
    assert cells["Mã số thuế"] == ["4900123456", "4900 123 456"]
    assert cells["Điện thoại"] == ["", "0205 3871 234"] and cells["Số lao động"] == ["", "25"]
    assert cells["Đề án"] == ["", "LS-QG-2018-01"]
    assert dialog.table.item(0, 0).font().bold() and not dialog.table.item(
        list(_cells(dialog.table)).index("Xã/phường"), 0).font().bold()
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(2)]
    assert "PHÒNG KINH TẾ HUYỆN CAO LỘC" in headers

    dialog.keep_buttons.button(0 if first_is_ours else 1).setChecked(True)
    shown.answer = False
    qtbot.mouseClick(dialog.link_button, Qt.MouseButton.LeftButton)
    assert shown.questions == ["Gộp «HTX chè Bảo Lâm» vào «Hợp tác xã Chè Bảo Lâm»? Các đề án của «HTX chè Bảo Lâm» "
                               "chuyển sang «Hợp tác xã Chè Bảo Lâm», rồi «HTX chè Bảo Lâm» bị xóa."]
    assert dialog.pairs_list.count() == 1
    shown.answer = True
    qtbot.mouseClick(dialog.link_button, Qt.MouseButton.LeftButton)
    assert dialog.pairs_list.count() == 0 and not dialog.link_button.isEnabled()
    with window.context.db.session() as s:
        kept, gone = s.get(Beneficiary, ours), s.get(Beneficiary, theirs)
        assert gone.is_deleted and not kept.is_deleted and (kept.phone, kept.employees) == ("0205 3871 234", 25)
        assert s.scalars(select(ProjectBeneficiary.beneficiary_id).where(
            ProjectBeneficiary.deleted_at.is_(None), ProjectBeneficiary.beneficiary_id.in_([ours, theirs]))).all() == [ours]


def test_not_duplicates_is_remembered(window, qtbot, shown, tmp_path):
    ours, theirs = _suspected_pair(window, tmp_path)
    dialog = _open_dialog(window, qtbot)
    qtbot.mouseClick(dialog.dismiss_button, Qt.MouseButton.LeftButton)
    assert dialog.pairs_list.count() == 0 and shown.errors == []
    with window.context.db.session() as s:
        assert s.get(SuspectedDuplicate, tuple(sorted((ours, theirs)))).status == "dismissed"
        assert not s.get(Beneficiary, ours).is_deleted and not s.get(Beneficiary, theirs).is_deleted
    dialog.close()
    assert _open_dialog(window, qtbot).pairs_list.count() == 0
