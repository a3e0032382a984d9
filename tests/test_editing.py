"""Editing records without a window: validation, lifecycle, lock and unlock, norms, undo values, history."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from khuyencong_desktop.domain.codes import BeneficiaryKind, FundingLevel, Source, Status
from khuyencong_desktop.operations.editing import (ValidationError, acknowledge_norm, change_status, record_history,
                                                   revert, save_beneficiary, save_programme, save_project,
                                                   set_deleted, unlock_project, update_fields)
from khuyencong_desktop.operations.programme import programme_report
from khuyencong_desktop.storage.errors import RecordLocked
from khuyencong_desktop.storage.models import Beneficiary, ChangeLog, Project, ProjectBeneficiary


def _project(db, code):
    with db.session() as s:
        return s.scalar(select(Project).where(Project.code == code))


def _new_project(**changes):
    values = {"code": "LS-DP-2026-MM01", "name": "Hỗ trợ máy sấy nông sản", "year": 2026, "level": FundingLevel.KCDP,
              "activity_code": "MM", "status": Status.DE_XUAT, "approved_nsdp": 200_000_000,
              "approved_counterpart": 500_000_000}
    values.update(changes)
    return values


def test_a_new_project_is_saved_with_its_history(demo_db):
    saved = save_project(demo_db, None, _new_project())
    assert saved.created and saved.previous is None
    project = _project(demo_db, "LS-DP-2026-MM01")
    assert project.approved_nsdp == 200_000_000 and project.status == Status.DE_XUAT
    entries = record_history(demo_db, saved.id)
    assert [e.op for e in entries] == ["create"]


def test_missing_and_wrong_fields_each_get_a_vietnamese_message_and_nothing_is_written(demo_db):
    with pytest.raises(ValidationError) as caught:
        save_project(demo_db, None, _new_project(code=" ", name="", year=1890, approved_nsdp=-5,
                                                 approved_counterpart=1.5, activity_code="XYZ"))
    problems = caught.value.field_problems
    assert problems == {
        "code": "Chưa nhập mã đề án.",
        "name": "Chưa nhập tên đề án.",
        "year": "Năm thực hiện phải là một năm từ 1990 đến 2100.",
        "approved_nsdp": "Số tiền không được âm.",
        "approved_counterpart": "Số tiền phải là số đồng nguyên.",
        "activity_code": "Nội dung hoạt động «XYZ» không có trong danh mục.",
    }
    with demo_db.session() as s:
        assert s.scalar(select(Project).where(Project.year == 1890)) is None


def test_an_amount_beyond_99999_ty_is_refused_and_the_largest_one_is_kept(demo_db):
    with pytest.raises(ValidationError) as caught:
        save_project(demo_db, None, _new_project(approved_counterpart=46_236_680_000 * 1_000_000))
    assert caught.value.field_problems == {
        "approved_counterpart": "Số tiền quá lớn (tối đa 99.999 tỷ đồng): hãy kiểm tra đơn vị tính."}
    save_project(demo_db, None, _new_project(approved_counterpart=99_999_000_000_000))
    assert _project(demo_db, "LS-DP-2026-MM01").approved_counterpart == 99_999_000_000_000


def test_project_codes_are_unique(demo_db):
    with pytest.raises(ValidationError) as caught:
        save_project(demo_db, None, _new_project(code="ls-qg-2018-01"))
    assert caught.value.field_problems == {"code": "Mã đề án «ls-qg-2018-01» đã có; hãy chọn mã khác."}


def test_update_fields_returns_previous_values_and_undo_applies_them_back(demo_db):
    project = _project(demo_db, "LS-DP-2021-MM05")
    previous = update_fields(demo_db, "project", project.id, {"name": "Tên mới", "jobs": 12})
    assert previous == {"name": project.name, "jobs": 10}
    assert _project(demo_db, "LS-DP-2021-MM05").name == "Tên mới"
    update_fields(demo_db, "project", project.id, previous, reverting=True)
    again = _project(demo_db, "LS-DP-2021-MM05")
    assert (again.name, again.jobs) == (project.name, 10)
    fields = [(e.op, e.field, e.old, e.new) for e in record_history(demo_db, project.id) if e.field == "jobs"]
    assert fields == [("update", "jobs", 10, 12), ("update", "jobs", 12, 10)]


def test_status_moves_only_along_the_lifecycle(demo_db):
    saved = save_project(demo_db, None, _new_project())
    with pytest.raises(ValidationError) as caught:
        change_status(demo_db, saved.id, Status.DANG_THUC_HIEN)
    assert caught.value.field_problems == {"status": "Không thể chuyển đề án từ «Đề xuất» sang «Đang thực hiện»."}
    assert change_status(demo_db, saved.id, Status.DA_THAM_DINH) == {"status": Status.DE_XUAT}
    change_status(demo_db, saved.id, Status.DA_PHE_DUYET)
    assert _project(demo_db, "LS-DP-2026-MM01").status == Status.DA_PHE_DUYET


def test_approving_support_above_the_norm_needs_a_recorded_reason(demo_db):
    saved = save_project(demo_db, None, _new_project(approved_nsdp=400_000_000, status=Status.DA_THAM_DINH))
    with pytest.raises(ValidationError) as caught:
        change_status(demo_db, saved.id, Status.DA_PHE_DUYET)
    message = caught.value.field_problems["norm_ack_reason"]
    assert message.startswith("Kinh phí hỗ trợ vượt định mức: cần ghi lý do chấp nhận trước khi phê duyệt.")
    assert "vượt mức tối đa 300 triệu đồng" in message and "Căn cứ: " in message
    assert _project(demo_db, "LS-DP-2026-MM01").status == Status.DA_THAM_DINH
    with pytest.raises(ValidationError):
        acknowledge_norm(demo_db, saved.id, "  ")
    acknowledge_norm(demo_db, saved.id, "Dây chuyền đồng bộ, HĐND tỉnh cho phép")
    change_status(demo_db, saved.id, Status.DA_PHE_DUYET)
    history = record_history(demo_db, saved.id)
    assert any(e.field == "norm_ack_reason" and e.new == "Dây chuyền đồng bộ, HĐND tỉnh cho phép" for e in history)


def test_a_settled_project_is_locked_until_a_recorded_unlock(demo_db):
    demo_db.actor = "Nguyễn Thị Lan"
    project = _project(demo_db, "LS-QG-2018-01")
    assert project.status == Status.DA_QUYET_TOAN
    with pytest.raises(RecordLocked) as caught:
        update_fields(demo_db, "project", project.id, {"jobs": 30})
    assert "đã quyết toán nên bị khóa" in caught.value.message
    with pytest.raises(RecordLocked):
        set_deleted(demo_db, "project", project.id, True)
    with pytest.raises(ValidationError) as caught:
        unlock_project(demo_db, project.id, "")
    assert caught.value.field_problems == {"unlock_reason": "Cần ghi lý do mở khóa."}
    unlock_project(demo_db, project.id, "Sửa số lao động theo biên bản nghiệm thu")
    update_fields(demo_db, "project", project.id, {"jobs": 30})
    assert _project(demo_db, "LS-QG-2018-01").jobs == 30
    history = record_history(demo_db, project.id)
    unlocked = [e for e in history if e.field == "unlocked"]
    assert unlocked and unlocked[0].new is True and unlocked[0].actor == "Nguyễn Thị Lan"
    notes = [e for e in history if e.field == "notes"][0].new
    assert "Mở khóa ngày" in notes and "(Nguyễn Thị Lan): Sửa số lao động theo biên bản nghiệm thu" in notes


def test_a_project_with_two_beneficiaries_and_undo_of_the_links(demo_db):
    new = save_beneficiary(demo_db, None, {"name": "HTX Mây tre đan Bắc Sơn", "kind": BeneficiaryKind.HTX,
                                           "tax_code": "4900123456", "province": "Lạng Sơn"})
    with demo_db.session() as s:
        existing = s.scalar(select(Beneficiary).where(Beneficiary.name == "HTX chế biến nông sản Lụa Vy"))
    saved = save_project(demo_db, None, _new_project(), links=[{"beneficiary_id": existing.id, "share": None},
                                                               {"beneficiary_id": new.id, "share": 50_000_000}])
    second = save_project(demo_db, saved.id, {"name": "Tên sửa"}, links=[{"beneficiary_id": new.id, "share": None}])
    with demo_db.session() as s:
        live = s.scalars(select(ProjectBeneficiary).where(ProjectBeneficiary.project_id == saved.id,
                                                          ProjectBeneficiary.deleted_at.is_(None))).all()
        assert [link.beneficiary_id for link in live] == [new.id]
    revert(demo_db, "project", saved.id, second.previous)
    with demo_db.session() as s:
        live = s.scalars(select(ProjectBeneficiary).where(ProjectBeneficiary.project_id == saved.id,
                                                          ProjectBeneficiary.deleted_at.is_(None))).all()
        assert {(link.beneficiary_id, link.share) for link in live} == {(existing.id, None), (new.id, 50_000_000)}
        assert s.get(Project, saved.id).name == "Hỗ trợ máy sấy nông sản"
        assert s.scalar(select(ChangeLog).where(ChangeLog.entity == "project_beneficiary",
                                                ChangeLog.op == "restore")) is not None


def test_beneficiary_tax_code_is_checked(demo_db):
    with pytest.raises(ValidationError) as caught:
        save_beneficiary(demo_db, None, {"name": "Cơ sở A", "tax_code": "12345"})
    assert caught.value.field_problems["tax_code"].startswith("Mã số thuế «12345» có 5 chữ số")


def test_a_programme_with_a_lai_chau_like_plan_is_consistent(demo_db):
    plan = [{"year": y, "source": None, "amount": a} for y, a in
            zip(range(2026, 2031), (10_814, 21_004, 20_714, 13_054, 9_714))]
    plan = [{**line, "amount": line["amount"] * 1_000_000} for line in plan]
    plan += [{"year": None, "source": Source.DOI_UNG, "amount": 48_400_000_000},
             {"year": None, "source": Source.NSNN, "amount": 26_900_000_000}]
    saved = save_programme(demo_db, None, {"code": "LS-2026-2030", "name": "Chương trình khuyến công Lạng Sơn",
                                           "province": "Lạng Sơn", "from_year": 2026, "to_year": 2030,
                                           "total": 75_300_000_000},
                           plan=plan, targets=[{"activity_code": "MM", "planned": 30, "unit": "cơ sở"}])
    report = programme_report(demo_db, "LS-2026-2030")
    assert report.plan.consistent and report.plan.total == 75_300_000_000
    assert [(t.activity, t.planned) for t in report.targets] == [("MM", 30)]
    with pytest.raises(ValidationError) as caught:
        save_programme(demo_db, saved.id, {}, plan=[{"year": 2031, "source": None, "amount": 1}])
    assert caught.value.field_problems == {"plan": "Năm 2031 nằm ngoài giai đoạn 2026–2030 của chương trình."}
    with pytest.raises(ValidationError) as caught:
        save_programme(demo_db, saved.id, {"to_year": 2020})
    assert caught.value.field_problems == {"to_year": "Năm kết thúc phải từ năm bắt đầu trở đi."}


def test_delete_and_restore_are_recorded(demo_db):
    project = _project(demo_db, "LS-DP-2021-MM05")
    set_deleted(demo_db, "project", project.id, True)
    assert _project(demo_db, "LS-DP-2021-MM05").deleted_at is not None
    set_deleted(demo_db, "project", project.id, False)
    assert _project(demo_db, "LS-DP-2021-MM05").deleted_at is None
    assert [e.op for e in record_history(demo_db, project.id)][-2:] == ["delete", "restore"]


def test_editing_and_listing_run_without_qt():
    import subprocess
    import sys
    code = ("import sys, khuyencong_desktop.operations.editing, khuyencong_desktop.operations.listing; "
            "print(any(name.startswith('PySide6') for name in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
