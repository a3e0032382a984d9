"""Unique rules never stop a merge: two live links of one project and cơ sở become one, nothing lost."""
import json

import pytest
from sqlalchemy import select

from exchange_offices import district_copy, exchange, state
from khuyencong_desktop.exchange.conflicts import list_conflicts, resolve
from khuyencong_desktop.exchange.duplicate_actions import link
from khuyencong_desktop.storage.models import Beneficiary, ChangeLog, Project, ProjectBeneficiary

CODE = "LS-QG-2018-01"


def add_beneficiary(db, **values) -> str:
    with db.session() as s:
        beneficiary = Beneficiary(**values)
        s.add(beneficiary)
        s.flush()
        return beneficiary.id


def add_link(db, beneficiary_id: str, share: int | None) -> str:
    with db.session() as s:
        project_id = s.scalar(select(Project.id).where(Project.code == CODE))
        row = ProjectBeneficiary(project_id=project_id, beneficiary_id=beneficiary_id, share=share)
        s.add(row)
        s.flush()
        return row.id


def links(db, beneficiary_id: str) -> list[tuple]:
    """(link id, share, deleted) of every link, live or not, from the project to ``beneficiary_id``."""
    with db.session() as s:
        project_id = s.scalar(select(Project.id).where(Project.code == CODE))
        return sorted((r.id, r.share, r.is_deleted) for r in s.scalars(select(ProjectBeneficiary).where(
            ProjectBeneficiary.project_id == project_id, ProjectBeneficiary.beneficiary_id == beneficiary_id)))


def history(db, record_id: str) -> list[tuple]:
    with db.session() as s:
        return [(e.op, e.field, json.loads(e.new_value) if e.new_value else None) for e in s.scalars(
            select(ChangeLog).where(ChangeLog.record_id == record_id).order_by(ChangeLog.at, ChangeLog.seq))]


@pytest.fixture
def offices(demo_db, tmp_path):
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    yield demo_db, district
    district.close()


def test_a_link_repointed_by_one_office_meets_the_same_link_added_by_the_other(offices, tmp_path):
    province, district = offices
    kept = add_beneficiary(province, name="Hợp tác xã Chè Bảo Lâm", tax_code="4900123456", commune="Bảo Lâm")
    other = add_beneficiary(district, name="HTX chè Bảo Lâm", tax_code="4900 123 456", commune="Bảo Lâm")
    moved = add_link(district, other, 50_000_000)
    exchange(district, province, tmp_path, "1.kcx")
    exchange(province, district, tmp_path, "2.kcx")
    # The province links the two as one (its link moves to the survivor) while the district,
    # not knowing, links the project to the survivor itself.
    link(province, kept, other)
    added = add_link(district, kept, 30_000_000)

    first = exchange(district, province, tmp_path, "3.kcx")
    second = exchange(province, district, tmp_path, "4.kcx")
    assert first.refused == [] == second.refused
    assert state(province) == state(district)
    for db in (province, district):
        live = [row for row in links(db, kept) if not row[2]]
        assert [share for _, share, _ in live] == [80_000_000]
        assert {row[0] for row in links(db, kept)} == {moved, added}
        assert ("update", "beneficiary_id", kept) in history(db, moved)
        assert ("create", None, {"project_id": history(db, added)[0][2]["project_id"], "beneficiary_id": kept,
                                 "share": 30_000_000}) in history(db, added)
    again = exchange(district, province, tmp_path, "5.kcx")
    assert (again.created, again.updated, again.conflicts) == (0, 0, [])


def test_two_offices_adding_the_same_link_keep_one_with_both_shares(offices, tmp_path):
    province, district = offices
    shared = add_beneficiary(province, name="Cơ sở mây tre Hợp Thành", commune="Hợp Thành")
    exchange(province, district, tmp_path, "1.kcx")
    mine, theirs = add_link(province, shared, 10_000_000), add_link(district, shared, 20_000_000)

    exchange(province, district, tmp_path, "2.kcx")
    exchange(district, province, tmp_path, "3.kcx")
    assert state(province) == state(district)
    rows = links(province, shared)
    assert {row[0] for row in rows} == {mine, theirs}
    assert [(row[1], row[2]) for row in rows if not row[2]] == [(30_000_000, False)]
    survivor, tombstone = min(mine, theirs), max(mine, theirs)
    assert [row[0] for row in rows if not row[2]] == [survivor]
    assert history(province, tombstone)[-1][0] == "delete"
    assert ("update", "share", 30_000_000) in history(province, survivor)


def test_a_joined_link_cannot_be_brought_back_beside_its_twin(offices, tmp_path):
    province, district = offices
    shared = add_beneficiary(province, name="Cơ sở mây tre Hợp Thành", commune="Hợp Thành")
    exchange(province, district, tmp_path, "1.kcx")
    first, second = "00000000-0000-4000-8000-000000000001", "ffffffff-ffff-4fff-bfff-ffffffffffff"
    for db, link_id, share in ((province, first, 10_000_000), (district, second, 20_000_000)):
        with db.session() as s:
            project_id = s.scalar(select(Project.id).where(Project.code == CODE))
            s.add(ProjectBeneficiary(id=link_id, project_id=project_id, beneficiary_id=shared, share=share))
    exchange(district, province, tmp_path, "2.kcx")
    with district.session() as s:
        s.get(ProjectBeneficiary, second).share = 25_000_000
    exchange(province, district, tmp_path, "3.kcx")
    [conflict] = [c for c in list_conflicts(district) if c.record_id == second]
    assert conflict.is_deletion
    with pytest.raises(ValueError) as refused:
        resolve(district, second, conflict.field, False)
    assert str(refused.value) == ("Không giữ lại được: đề án đã có một liên kết khác còn dùng tới cùng cơ sở này. "
                                  "Hãy chọn xóa rồi sửa phần hỗ trợ ở liên kết còn lại.")
    assert [c.record_id for c in list_conflicts(district)] == [second]
    assert [(row[0], row[2]) for row in links(district, shared)] == [(first, False), (second, True)]
