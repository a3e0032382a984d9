"""Codes exchanged among records by one office travel whole: only the end state of a package must be unique,
so a new record may take a code the same package frees; a code another local record keeps is refused."""
import pytest
from sqlalchemy import select

from exchange_offices import district_copy, exchange, state
from khuyencong_desktop.domain.codes import FundingLevel
from khuyencong_desktop.exchange.merge import merge_package
from khuyencong_desktop.exchange.package import write_package
from khuyencong_desktop.exchange.report import refusal_line
from khuyencong_desktop.storage.models import ChangeLog, Project

FIRST, SECOND, THIRD = "LS-QG-2020-01", "LS-QG-2018-01", "LS-QG-2019-01"


@pytest.fixture
def offices(demo_db, tmp_path):
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    yield demo_db, district
    district.close()


def ids(db, *codes) -> list[str]:
    with db.session() as s:
        return [s.scalar(select(Project.id).where(Project.code == code)) for code in codes]


def codes(db, record_ids) -> list[str]:
    with db.session() as s:
        return [s.get(Project, i).code for i in record_ids]


def set_code(db, old: str, new: str) -> None:
    with db.session() as s:
        s.scalar(select(Project).where(Project.code == old)).code = new


def rotate(db, record_ids, new_codes) -> None:
    """Give each record the next one's code, through a temporary code as an officer has to."""
    with db.session() as s:
        projects = [s.get(Project, i) for i in record_ids]
        for project in projects:
            project.code = f"TAM-{project.code}"
        s.flush()
        for project, code in zip(projects, new_codes):
            project.code = code


def test_two_codes_swapped_by_the_district_are_swapped_in_the_province_too(offices, tmp_path):
    province, district = offices
    swapped = ids(district, FIRST, SECOND)
    rotate(district, swapped, [SECOND, FIRST])
    result = exchange(district, province, tmp_path, "huyen.kcx")
    assert result.refused == [] and result.updated == 2
    assert codes(province, swapped) == [SECOND, FIRST]
    with province.session() as s:
        # The sender's own entries arrived: the history of each project tells the swap.
        assert s.scalars(select(ChangeLog.new_value).where(ChangeLog.record_id == swapped[0],
                                                           ChangeLog.field == "code")).all()[-1] == f'"{SECOND}"'
    back = exchange(province, district, tmp_path, "tinh.kcx")
    assert (back.refused, back.updated, back.conflicts) == ([], 0, [])
    assert state(province) == state(district)
    again = exchange(district, province, tmp_path, "huyen-2.kcx")
    assert (again.refused, again.updated, again.created) == ([], 0, 0)


def test_three_codes_rotated_by_the_province_reach_the_district_while_it_edits_them(offices, tmp_path):
    province, district = offices
    rotated = ids(province, FIRST, SECOND, THIRD)
    rotate(province, rotated, [SECOND, THIRD, FIRST])
    with district.session() as s:
        s.get(Project, rotated[1]).jobs = 77
    result = exchange(province, district, tmp_path, "tinh.kcx")
    assert result.refused == [] and result.conflicts == []
    assert codes(district, rotated) == [SECOND, THIRD, FIRST]
    with district.session() as s:
        assert (s.get(Project, rotated[1]).jobs, s.get(Project, rotated[1]).search_text.count("ls-qg-2019-01")) == (77, 1)
    exchange(district, province, tmp_path, "huyen.kcx")
    assert state(province) == state(district)
    assert codes(province, rotated) == [SECOND, THIRD, FIRST]


def test_a_code_two_records_would_end_with_is_still_refused(offices, tmp_path):
    province, district = offices
    first, second = ids(district, FIRST, SECOND)
    rotate(district, [first, second], [SECOND, "LS-MOI-01"])
    with province.session() as s:
        # Meanwhile the province gives a third record the code the district gave the second one.
        s.scalar(select(Project).where(Project.code == THIRD)).code = "LS-MOI-01"
    result = exchange(district, province, tmp_path, "huyen.kcx")
    assert sorted((r.label, r.field) for r in result.refused) == sorted([(FIRST, "code"), (SECOND, "code")])
    assert all("đã dùng cho một bản ghi khác của đơn vị này" in r.reason for r in result.refused)
    assert codes(province, [first, second]) == [FIRST, SECOND]


def add_project(db, code: str, name: str) -> str:
    with db.session() as s:
        project = Project(code=code, name=name, year=2026, level=FundingLevel.KCDP, activity_code="MM")
        s.add(project)
        s.flush()
        return project.id


def held(db, record_id: str) -> tuple:
    """A project's code and name (None if this file lacks it) and how many history entries it has here."""
    with db.session() as s:
        project = s.get(Project, record_id)
        entries = len(s.scalars(select(ChangeLog.id).where(ChangeLog.record_id == record_id)).all())
        return (project.code, project.name) if project else None, entries


@pytest.mark.parametrize("sender", ["district", "province"])
def test_a_new_record_takes_the_code_its_office_freed_and_both_offices_converge(offices, tmp_path, sender):
    province, district = offices
    source, target = (district, province) if sender == "district" else (province, district)
    (renamed,) = ids(source, FIRST)
    set_code(source, FIRST, "LS-QG-2020-01-CU")
    created = add_project(source, FIRST, "Hỗ trợ máy chế biến chè")
    # The district's own office record travels in its first package too.
    office = 1 if sender == "district" else 0
    result = exchange(source, target, tmp_path, "1.kcx")
    assert (result.refused, result.conflicts, result.created, result.updated) == ([], [], 1 + office, 1)
    assert codes(target, [renamed, created]) == ["LS-QG-2020-01-CU", FIRST]
    assert held(target, created) == held(source, created)
    with target.session() as s:
        assert "ho tro may che bien che" in s.get(Project, created).search_text
    back = exchange(target, source, tmp_path, "2.kcx")
    assert (back.refused, back.created, back.updated, back.conflicts) == ([], 1 - office, 0, [])
    assert state(province) == state(district)
    again = exchange(source, target, tmp_path, "3.kcx")
    assert (again.refused, again.created, again.updated) == ([], 0, 0)


def test_a_new_record_whose_code_the_receiver_gave_its_own_record_is_refused(offices, tmp_path):
    province, district = offices
    (renamed,) = ids(district, FIRST)
    set_code(district, FIRST, "LS-QG-2020-01-CU")
    created = add_project(district, FIRST, "Hỗ trợ máy chế biến chè")
    # Meanwhile the province renamed the same project its own way and gave the code to its own new project.
    set_code(province, FIRST, "LS-QG-2020-01-TINH")
    own = add_project(province, FIRST, "Đề án của tỉnh")
    result = exchange(district, province, tmp_path, "huyen.kcx")
    assert [(r.record_id, r.field, r.reason) for r in result.refused] == [
        (created, None, f"mã «{FIRST}» đã dùng cho một bản ghi khác của đơn vị này; không ghi đè")]
    assert "Đề án LS-QG-2020-01 «Hỗ trợ máy chế biến chè»: mã «LS-QG-2020-01»" in refusal_line(result.refused[0])
    assert held(province, created) == (None, 0)
    assert held(province, own)[0] == (FIRST, "Đề án của tỉnh")
    # The two renames of one project are a conflict like any other edit; the shown code is unique.
    assert [(c["record_id"], c["field"]) for c in result.conflicts] == [(renamed, "code")]
    assert codes(province, [renamed])[0] in {"LS-QG-2020-01-CU", "LS-QG-2020-01-TINH"}


def test_a_freed_code_waits_while_the_move_that_frees_it_is_refused(offices, tmp_path):
    province, district = offices
    (renamed,) = ids(district, FIRST)
    set_code(district, FIRST, "LS-MOI-01")
    created = add_project(district, FIRST, "Hỗ trợ máy chế biến chè")
    # The province holds the new code of the renamed project: that rename is refused, so the code it
    # would free stays taken and the new project is refused too.
    own = add_project(province, "LS-MOI-01", "Đề án của tỉnh")
    package = write_package(district, tmp_path / "huyen.kcx")
    result = merge_package(province, package)
    assert sorted((r.record_id, r.field) for r in result.refused) == sorted([(renamed, "code"), (created, None)])
    assert codes(province, [renamed, own]) == [FIRST, "LS-MOI-01"] and held(province, created) == (None, 0)
    before = province.path.read_bytes()
    again = merge_package(province, package)
    assert [r.as_json() for r in again.refused] == [r.as_json() for r in result.refused]
    assert province.path.read_bytes() == before
    # Once the province frees the code, the next package applies the rename and the new project.
    set_code(province, "LS-MOI-01", "LS-MOI-02")
    freed = exchange(district, province, tmp_path, "huyen-2.kcx")
    assert (freed.refused, freed.created) == ([], 1)
    assert codes(province, [renamed, created, own]) == ["LS-MOI-01", FIRST, "LS-MOI-02"]
    exchange(province, district, tmp_path, "tinh.kcx")
    assert state(province) == state(district)
