"""Merging packages between a province and a district office: clean merges, conflicts, duplicates, refusals."""
import json

from sqlalchemy import func, select

from exchange_offices import district_copy, exchange, state
from khuyencong_desktop.cli.main import main
from khuyencong_desktop.domain.codes import FundingLevel
from khuyencong_desktop.exchange.conflicts import list_conflicts, parse_value, resolve
from khuyencong_desktop.exchange.package import write_package
from khuyencong_desktop.storage.exchange_models import DELETION, SuspectedDuplicate
from khuyencong_desktop.storage.models import Beneficiary, ChangeLog, Project

CODE = "LS-QG-2020-01"


def edit(db, code=CODE, **values):
    with db.session() as s:
        project = s.scalar(select(Project).where(Project.code == code))
        for key, value in values.items():
            setattr(project, key, value)


def project(db, code=CODE):
    with db.session() as s:
        return s.scalar(select(Project).where(Project.code == code))


def test_edits_of_different_fields_merge_cleanly_through_the_command_line(demo_db, tmp_path, capsys, user_folders):
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    try:
        edit(demo_db, jobs=40)
        edit(district, remarks="Huyện đã kiểm tra thực tế")
        package = tmp_path / "tinh.kcx"
        assert main(["--db", str(demo_db.path), "exchange", "export", "--out", str(package)]) == 0
        assert "Đã ghi gói trao đổi dữ liệu" in capsys.readouterr().out
        assert main(["--db", str(district.path), "exchange", "merge", str(package), "--json"]) == 0
        report = json.loads(capsys.readouterr().out)
        assert (report["created"], report["updated"], report["conflicts"], report["duplicates_suspected"],
                report["refused"]) == (0, 1, 0, 0, [])
        assert report["unchanged"] > 200
        assert report["backup"].startswith(str(user_folders / "backups")) and report["backup"].endswith(".kcdb")
        merged = project(district)
        assert (merged.jobs, merged.remarks) == (40, "Huyện đã kiểm tra thực tế")
        exchange(district, demo_db, tmp_path)
        assert state(demo_db) == state(district)
    finally:
        district.close()


def test_the_same_field_edited_twice_is_a_conflict_that_keeps_both_values(demo_db, tmp_path):
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    try:
        edit(demo_db, jobs=40)
        edit(district, jobs=45)
        first = exchange(demo_db, district, tmp_path, "a.kcx")
        exchange(district, demo_db, tmp_path, "b.kcx")
        assert [(c["record"], c["field"]) for c in first.conflicts] == [(CODE, "jobs")]
        assert state(demo_db) == state(district)
        shown = project(demo_db).jobs
        assert shown == project(district).jobs and shown in (40, 45)
        [conflict] = list_conflicts(district)
        assert sorted(o.value for o in conflict.options) == [40, 45]
        assert {o.office for o in conflict.options} == {"TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI",
                                                        "PHÒNG KINH TẾ HUYỆN CAO LỘC"}

        resolve(district, conflict.record_id, "jobs", parse_value("project", "jobs", "42"))
        assert list_conflicts(district) == [] and project(district).jobs == 42
        with district.session() as s:
            last = s.scalar(select(ChangeLog).order_by(ChangeLog.seq.desc()))
        assert json.loads(last.new_value) == 42
        assert sorted(json.loads(last.parents)) == sorted(o.entry_id for o in conflict.options)
        exchange(district, demo_db, tmp_path, "c.kcx")
        assert project(demo_db).jobs == 42 and list_conflicts(demo_db) == []
        assert state(demo_db) == state(district)
    finally:
        district.close()


def test_picking_the_value_already_shown_is_still_a_recorded_edit(demo_db, tmp_path):
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    try:
        edit(demo_db, jobs=40)
        edit(district, jobs=45)
        exchange(demo_db, district, tmp_path, "a.kcx")
        shown = project(district).jobs
        resolve(district, project(district).id, "jobs", shown)
        exchange(district, demo_db, tmp_path, "b.kcx")
        assert list_conflicts(demo_db) == [] == list_conflicts(district)
        assert project(demo_db).jobs == shown
    finally:
        district.close()


def test_a_deletion_meeting_an_edit_is_a_conflict(demo_db, tmp_path):
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    try:
        edit(demo_db, deleted_at="2026-11-22T08:00:00.000000Z")
        edit(district, jobs=45)
        exchange(demo_db, district, tmp_path, "a.kcx")
        exchange(district, demo_db, tmp_path, "b.kcx")
        assert state(demo_db) == state(district)
        for db in (demo_db, district):
            [conflict] = list_conflicts(db)
            assert conflict.field == DELETION and {o.op for o in conflict.options} == {"delete", "update"}
            assert project(db).is_deleted and project(db).jobs == 45
        resolve(demo_db, project(demo_db).id, DELETION, False)
        exchange(demo_db, district, tmp_path, "c.kcx")
        assert not project(district).is_deleted and list_conflicts(district) == []
        assert state(demo_db) == state(district)
    finally:
        district.close()


def test_merging_again_or_merging_ones_own_package_changes_nothing(demo_db, tmp_path):
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    try:
        edit(demo_db, jobs=40)
        edit(district, jobs=45)
        package = write_package(demo_db, tmp_path / "a.kcx")
        district_package = write_package(district, tmp_path / "b.kcx")
        from khuyencong_desktop.exchange.merge import merge_package

        merge_package(district, package)
        before = state(district), district.path.read_bytes()
        again = merge_package(district, package)
        own = merge_package(district, district_package)
        assert (again.created, again.updated, again.conflicts, again.refused) == (0, 0, [], [])
        assert (own.created, own.updated, own.conflicts, own.refused) == (0, 0, [], [])
        assert (state(district), district.path.read_bytes()) == before
    finally:
        district.close()


def test_a_dry_run_reports_and_writes_nothing(demo_db, tmp_path, capsys, user_folders):
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    district.close()
    edit(demo_db, jobs=40)
    package = write_package(demo_db, tmp_path / "a.kcx")
    before = (tmp_path / "district.kcdb").read_bytes()
    assert main(["--db", str(tmp_path / "district.kcdb"), "exchange", "merge", str(package), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Chạy thử: chưa ghi gì vào tệp." in out and "cập nhật: 1" in out
    assert (tmp_path / "district.kcdb").read_bytes() == before
    assert not list((user_folders / "backups").glob("*before-merge*"))


def test_beneficiaries_probably_the_same_are_listed_never_merged(demo_db, tmp_path):
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    try:
        with demo_db.session() as s:
            s.add(Beneficiary(name="Hợp tác xã Chè Bảo Lâm", tax_code="4900123456", commune="Xã Bảo Lâm"))
        with district.session() as s:
            s.add(Beneficiary(name="HTX chè Bảo Lâm", tax_code="4900 123 456", commune="Bảo Lâm"))
            s.add(Beneficiary(name="Hợp Tác Xã  Chè Bảo Lâm", commune="xã bảo lâm"))
        result = exchange(district, demo_db, tmp_path)
        assert result.created == 3  # the district office record and both beneficiaries
        assert sorted(d["reason"] for d in result.duplicates) == ["name_commune", "tax_code"]
        with demo_db.session() as s:
            assert s.scalar(select(func.count()).select_from(Beneficiary).where(Beneficiary.name.like("%Bảo Lâm%"))) == 3
            assert s.scalar(select(func.count()).select_from(SuspectedDuplicate)) == 2
    finally:
        district.close()


def test_a_project_code_taken_by_another_record_is_refused_not_overwritten(demo_db, tmp_path):
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    try:
        for db, name in ((demo_db, "Đề án của tỉnh"), (district, "Đề án của huyện")):
            with db.session() as s:
                s.add(Project(code="CL-2026-01", name=name, year=2026, level=FundingLevel.KCDP, activity_code="MM"))
        result = exchange(district, demo_db, tmp_path)
        [refusal] = result.refused
        assert refusal.label == "CL-2026-01" and "đã dùng cho một bản ghi khác" in refusal.reason
        assert project(demo_db, "CL-2026-01").name == "Đề án của tỉnh"
    finally:
        district.close()
