"""The history dialog shows what a created record held, field by field, next to the later edits."""
from __future__ import annotations

from sqlalchemy import select

from khuyencong_desktop.gui.history_view import HistoryDialog
from khuyencong_desktop.gui.translator import apply_language
from khuyencong_desktop.storage.models import Beneficiary, Project

NAME = "Hỗ trợ ứng dụng máy móc thiết bị chế biến lâm sản cho Hộ kinh doanh Lộc Văn Đức"


def _history(qtbot, db, model, **where) -> HistoryDialog:
    with db.session() as s:
        record_id = s.scalar(select(model.id).filter_by(**where))
    dialog = HistoryDialog(db, record_id, "demo")
    qtbot.addWidget(dialog)
    return dialog


def test_a_demo_projects_creation_shows_its_code_name_and_amounts(qtbot, demo_db, tmp_path):
    dialog = _history(qtbot, demo_db, Project, code="LS-DP-2021-MM05")
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(tmp_path / "history-created.png"))
    created = {what: (old, new) for _, _, what, old, new in dialog.rows() if what.startswith("Tạo mới")}
    assert created["Tạo mới — Mã"] == ("", "LS-DP-2021-MM05")
    assert created["Tạo mới — Tên"] == ("", NAME)
    assert created["Tạo mới — Năm"] == ("", "2021")
    assert created["Tạo mới — Trạng thái"] == ("", "Đang thực hiện")
    assert created["Tạo mới — NSĐP phê duyệt"] == ("", "145 triệu đồng")
    assert created["Tạo mới — Vốn đối ứng phê duyệt"] == ("", "923,21 triệu đồng")
    assert "Tạo mới — NSTW phê duyệt" not in created  # a zero amount is left out
    assert "Tạo mới — NSTW quyết toán" not in created  # so is a field never filled in
    assert all(new for _, new in created.values())


def test_a_later_edit_follows_the_creation(qtbot, demo_db):
    with demo_db.session() as s:
        s.scalar(select(Beneficiary).where(Beneficiary.name == "HTX chế biến nông sản Lụa Vy")).employees = 12
    rows = _history(qtbot, demo_db, Beneficiary, name="HTX chế biến nông sản Lụa Vy").rows()
    whats = [row[2] for row in rows]
    assert whats.index("Tạo mới — Tên") < whats.index("Số lao động")
    assert rows[-1][2:] == ["Số lao động", rows[-1][3], "12"]
    assert [row[4] for row in rows if row[2] == "Tạo mới — Loại hình"] == ["Hợp tác xã"]


def test_in_english_the_snapshot_reads_in_english(qtbot, demo_db):
    apply_language("en")
    created = {row[2]: row[4] for row in _history(qtbot, demo_db, Project, code="LS-DP-2021-MM05").rows()}
    assert created["Created — Code"] == "LS-DP-2021-MM05"
    assert created["Created — Counterpart approved"].endswith(" million đồng")
    assert created["Created — Status"] == "In progress"
