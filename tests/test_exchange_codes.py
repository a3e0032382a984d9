"""Codes exchanged among records by one office travel whole: only the end state of a package must be unique."""
import pytest
from sqlalchemy import select

from exchange_offices import district_copy, exchange, state
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
