"""The conflicts view shows a pair linked with opposite survivors, and a deletion that met an edit, in words."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from sqlalchemy import select

from exchange_offices import district_copy, exchange
from khuyencong_desktop.domain.money import MoneyUnit
from khuyencong_desktop.exchange.conflicts import list_conflicts
from khuyencong_desktop.exchange.duplicate_actions import link
from khuyencong_desktop.exchange.merge import merge_package
from khuyencong_desktop.exchange.package import write_package
from khuyencong_desktop.gui.exchange.conflicts import ConflictsModel
from khuyencong_desktop.gui.exchange.preview import MergePreview
from khuyencong_desktop.storage.models import Beneficiary, Project, ProjectBeneficiary


def _add(db, **values) -> str:
    with db.session() as s:
        beneficiary = Beneficiary(**values)
        s.add(beneficiary)
        s.flush()
        return beneficiary.id


def _opposite_survivors(db, tmp_path) -> tuple[str, str]:
    district = district_copy(db, tmp_path / "district.kcdb")
    try:
        mine = _add(db, name="Hợp tác xã Chè Bảo Lâm", tax_code="4900123456", commune="Bảo Lâm")
        theirs = _add(district, name="HTX chè Bảo Lâm", tax_code="4900 123 456", commune="Bảo Lâm")
        exchange(district, db, tmp_path, "1.kcx")
        exchange(db, district, tmp_path, "2.kcx")
        link(db, mine, theirs)
        link(district, theirs, mine)
        exchange(district, db, tmp_path, "3.kcx")
    finally:
        district.close()
    return mine, theirs


def test_the_officer_chooses_which_cơ_sở_remains(window, qtbot, shown, tmp_path):
    db = window.context.db
    mine, theirs = _opposite_survivors(db, tmp_path)
    dialog = window.exchange_actions.show_conflicts()
    qtbot.waitExposed(dialog)
    model = dialog.model
    row = next(r for r in range(model.rowCount()) if model.index(r, ConflictsModel.FIELD).data()
               == "Cơ sở giữ lại khi gộp trùng")
    dialog.table.selectRow(row)
    labels = dialog.options_box.findChildren(QLabel)
    qtbot.waitUntil(lambda: all(label.isVisible() for label in labels))
    dialog.grab().save(str(tmp_path / "conflicts-survivor.png"))
    texts = [label.text() for label in labels]
    assert {"<b>Giữ «Hợp tác xã Chè Bảo Lâm»</b>", "<b>Giữ «HTX chè Bảo Lâm»</b> (đang hiển thị)"} <= set(texts)
    assert not dialog.own_value.isEnabled()
    buttons = dialog.options_box.findChildren(QPushButton)
    keep_mine = buttons[[t for t in texts if t.startswith("<b>")].index("<b>Giữ «Hợp tác xã Chè Bảo Lâm»</b>")]
    qtbot.mouseClick(keep_mine, Qt.MouseButton.LeftButton)
    assert shown.errors == []
    assert [c for c in list_conflicts(db) if c.is_survivor] == []
    with db.session() as s:
        assert not s.get(Beneficiary, mine).is_deleted and s.get(Beneficiary, theirs).is_deleted


def test_a_deletion_that_met_an_edit_names_the_edited_field(demo_db, tmp_path):
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    try:
        with district.session() as s:
            s.scalar(select(Project).where(Project.code == "LS-QG-2020-01")).jobs = 45
        with demo_db.session() as s:
            s.scalar(select(Project).where(Project.code == "LS-QG-2020-01")).deleted_at = "2026-11-22T08:00:00.000000Z"
        exchange(district, demo_db, tmp_path, "huyen.kcx")
    finally:
        district.close()
    [conflict] = [c for c in list_conflicts(demo_db) if c.is_deletion]
    model = ConflictsModel(MoneyUnit.TRIEU)
    assert sorted(model.option_text(conflict, o) for o in conflict.options) == [
        "Giữ bản ghi (đã sửa Lao động, việc làm: 45)", "Xóa bản ghi"]



def _preview(qtbot, result) -> MergePreview:
    preview = MergePreview(result)
    qtbot.addWidget(preview)
    return preview


def test_the_preview_counts_the_links_made_one(qtbot, demo_db, tmp_path):
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    try:
        shared = _add(demo_db, name="Cơ sở mây tre Hợp Thành", commune="Hợp Thành")
        exchange(demo_db, district, tmp_path, "1.kcx")
        for db, share in ((demo_db, 10_000_000), (district, 20_000_000)):
            with db.session() as s:
                project_id = s.scalar(select(Project.id).where(Project.code == "LS-QG-2018-01"))
                s.add(ProjectBeneficiary(project_id=project_id, beneficiary_id=shared, share=share))
        result = merge_package(demo_db, write_package(district, tmp_path / "2.kcx"), dry_run=True)
    finally:
        district.close()
    preview = _preview(qtbot, result)
    assert preview.joined.parent().title() == (
        "Liên kết đề án – cơ sở trùng nhau được gộp làm một (cộng phần hỗ trợ): 1")
    assert [preview.joined.item(i).text() for i in range(preview.joined.count())] == [
        "Cơ sở thụ hưởng của đề án LS-QG-2018-01 – «Cơ sở mây tre Hợp Thành»: giữ một liên kết, cộng phần hỗ trợ "
        "của 1 liên kết trùng vào đó"]


def test_the_preview_names_the_survivor_conflict(qtbot, demo_db, tmp_path):
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    try:
        mine = _add(demo_db, name="Cơ sở chè Tân Thành", tax_code="4900111222", commune="Tân Thành")
        theirs = _add(district, name="Cơ sở Chè Tân Thành", tax_code="4900111222", commune="Tân Thành")
        exchange(district, demo_db, tmp_path, "1.kcx")
        exchange(demo_db, district, tmp_path, "2.kcx")
        link(demo_db, mine, theirs)
        link(district, theirs, mine)
        result = merge_package(demo_db, write_package(district, tmp_path / "3.kcx"), dry_run=True)
    finally:
        district.close()
    preview = _preview(qtbot, result)
    [line] = [preview.conflicts.item(i).text() for i in range(preview.conflicts.count())]
    # Both offices' decisions, oldest first; the later one (the district's) is kept until an officer chooses.
    assert line == ("Cơ sở thụ hưởng «Cơ sở chè Tân Thành» / «Cơ sở Chè Tân Thành»: hai đơn vị cùng gộp hai cơ sở "
                    "trùng nhưng giữ lại cơ sở khác nhau — giữ «Cơ sở chè Tân Thành» (TRUNG TÂM KHUYẾN CÔNG VÀ XÚC "
                    "TIẾN THƯƠNG MẠI); giữ «Cơ sở Chè Tân Thành» (PHÒNG KINH TẾ HUYỆN CAO LỘC). Đang giữ «Cơ sở Chè "
                    "Tân Thành» cho tới khi cán bộ chọn.")
    assert preview.summary.text() == "Tạo mới: 0; cập nhật: 1; không đổi: 219"


def test_keeping_a_joined_link_beside_its_twin_is_refused_in_words(window, qtbot, shown, tmp_path):
    db = window.context.db
    district = district_copy(db, tmp_path / "district.kcdb")
    second = "ffffffff-ffff-4fff-bfff-ffffffffffff"
    try:
        shared = _add(db, name="Cơ sở mây tre Hợp Thành", commune="Hợp Thành")
        exchange(db, district, tmp_path, "1.kcx")
        for office, link_id, share in ((db, "00000000-0000-4000-8000-000000000001", 10_000_000),
                                       (district, second, 20_000_000)):
            with office.session() as s:
                project_id = s.scalar(select(Project.id).where(Project.code == "LS-QG-2018-01"))
                s.add(ProjectBeneficiary(id=link_id, project_id=project_id, beneficiary_id=shared, share=share))
        exchange(district, db, tmp_path, "2.kcx")
        with district.session() as s:
            s.get(ProjectBeneficiary, second).share = 25_000_000
        exchange(district, db, tmp_path, "3.kcx")
    finally:
        district.close()
    dialog = window.exchange_actions.show_conflicts()
    qtbot.waitExposed(dialog)
    dialog.table.selectRow(next(r for r in range(dialog.model.rowCount())
                                if dialog.model.index(r, ConflictsModel.FIELD).data() == "Đã xóa / còn dùng"))
    labels = [label.text() for label in dialog.options_box.findChildren(QLabel)]
    keep = [t for t in labels if t.startswith("<b>")].index("<b>Giữ bản ghi (đã sửa Phần hỗ trợ: 25 triệu đồng)</b>")
    qtbot.mouseClick(dialog.options_box.findChildren(QPushButton)[keep], Qt.MouseButton.LeftButton)
    assert shown.errors == ["Không giữ lại được: đề án đã có một liên kết khác còn dùng tới cùng cơ sở này. "
                            "Hãy chọn xóa rồi sửa phần hỗ trợ ở liên kết còn lại."]
    assert dialog.model.rowCount() == 1
    with db.session() as s:
        assert s.get(ProjectBeneficiary, second).is_deleted
