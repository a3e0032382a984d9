"""Officers' decisions on suspected duplicates travel: dismissed once for every office, opposite survivors flagged."""
import pytest
from sqlalchemy import select

from exchange_offices import district_copy, exchange, state
from khuyencong_desktop.exchange.conflicts import list_conflicts, parse_value, resolve
from khuyencong_desktop.exchange.duplicate_actions import dismiss, link, list_duplicates
from khuyencong_desktop.storage.exchange_models import DuplicateDecision, SuspectedDuplicate
from khuyencong_desktop.storage.models import Beneficiary, Project, ProjectBeneficiary


def add_linked_beneficiary(db, code: str, share: int, **values) -> str:
    with db.session() as s:
        beneficiary = Beneficiary(**values)
        s.add(beneficiary)
        s.flush()
        project_id = s.scalar(select(Project.id).where(Project.code == code))
        s.add(ProjectBeneficiary(project_id=project_id, beneficiary_id=beneficiary.id, share=share))
        return beneficiary.id


def live_links(db) -> dict[str, tuple[str, int]]:
    """Project code → (beneficiary id, share) of the live links to the two test records."""
    with db.session() as s:
        return {code: (b, share) for code, b, share in s.execute(
            select(Project.code, ProjectBeneficiary.beneficiary_id, ProjectBeneficiary.share)
            .join(Project, Project.id == ProjectBeneficiary.project_id)
            .where(ProjectBeneficiary.deleted_at.is_(None), ProjectBeneficiary.share.in_([10_000_000, 20_000_000])))}


def decisions(db) -> set[tuple]:
    with db.session() as s:
        return {(d.first_id, d.second_id, d.office_id, d.status, d.kept_id, d.decided_at)
                for d in s.scalars(select(DuplicateDecision))}


def deleted(db, record_id: str) -> bool:
    with db.session() as s:
        return s.get(Beneficiary, record_id).is_deleted


@pytest.fixture
def offices(demo_db, tmp_path):
    """Both offices created the same cơ sở (same MST), each with a project; both files now suspect the pair."""
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    province_id = add_linked_beneficiary(demo_db, "LS-QG-2020-01", 10_000_000, name="Hợp tác xã Chè Bảo Lâm",
                                         tax_code="4900123456", commune="Bảo Lâm")
    district_id = add_linked_beneficiary(district, "LS-QG-2018-01", 20_000_000, name="HTX chè Bảo Lâm",
                                         tax_code="4900 123 456", commune="Bảo Lâm")
    exchange(district, demo_db, tmp_path, "0a.kcx")
    exchange(demo_db, district, tmp_path, "0b.kcx")
    assert len(list_duplicates(demo_db)) == 1 == len(list_duplicates(district))
    yield demo_db, district, province_id, district_id
    district.close()


def test_a_dismissal_travels_and_is_not_asked_again(offices, tmp_path):
    province, district, province_id, district_id = offices
    dismiss(province, province_id, district_id)
    exchange(province, district, tmp_path, "1.kcx")
    assert list_duplicates(district) == []
    with district.session() as s:
        assert s.get(SuspectedDuplicate, tuple(sorted((province_id, district_id)))).status == "dismissed"
    exchange(district, province, tmp_path, "2.kcx")
    assert decisions(province) == decisions(district) and len(decisions(district)) == 1
    assert state(province) == state(district)
    assert not deleted(district, province_id) and not deleted(district, district_id)


def test_a_link_travels_as_the_offices_decision(offices, tmp_path):
    province, district, province_id, district_id = offices
    link(province, province_id, district_id)
    exchange(province, district, tmp_path, "1.kcx")
    [(_, _, _, status, kept, _)] = decisions(district)
    assert (status, kept) == ("linked", province_id)
    assert list_duplicates(district) == [] and list_conflicts(district) == []


def test_opposite_survivors_are_a_conflict_the_officer_settles_with_nothing_lost(offices, tmp_path):
    province, district, province_id, district_id = offices
    link(province, province_id, district_id)
    link(district, district_id, province_id)
    first = exchange(province, district, tmp_path, "1.kcx")
    exchange(district, province, tmp_path, "2.kcx")
    assert state(province) == state(district)
    # Each office deleted the record the other kept: both are tombstones until the officer chooses.
    assert deleted(province, province_id) and deleted(province, district_id)
    assert [c["field"] for c in first.conflicts if c["field"] == "survivor"] == ["survivor"]
    for db in (province, district):
        [conflict] = [c for c in list_conflicts(db) if c.is_survivor]
        assert conflict.record == " / ".join(f"«{o.value}»" for o in conflict.options)
        assert sorted(conflict.record.split(" / ")) == ["«HTX chè Bảo Lâm»", "«Hợp tác xã Chè Bảo Lâm»"]
        assert {(o.entry_id, o.value, o.office) for o in conflict.options} == {
            (province_id, "Hợp tác xã Chè Bảo Lâm", "TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI"),
            (district_id, "HTX chè Bảo Lâm", "PHÒNG KINH TẾ HUYỆN CAO LỘC")}
        assert not conflict.accepts_typed_value

    resolve(district, conflict.record_id, "survivor", province_id)
    assert not deleted(district, province_id) and deleted(district, district_id)
    assert live_links(district) == {"LS-QG-2020-01": (province_id, 10_000_000),
                                    "LS-QG-2018-01": (province_id, 20_000_000)}
    assert [c for c in list_conflicts(district) if c.is_survivor] == []
    exchange(district, province, tmp_path, "3.kcx")
    exchange(province, district, tmp_path, "4.kcx")
    assert state(province) == state(district)
    assert [c for c in list_conflicts(province) if c.is_survivor] == []
    assert live_links(province) == live_links(district)
    again = exchange(district, province, tmp_path, "5.kcx")
    assert (again.created, again.updated, again.conflicts) == (0, 0, [])


def test_a_survivor_outside_the_pair_is_refused(offices, tmp_path):
    province, district, province_id, district_id = offices
    link(province, province_id, district_id)
    link(district, district_id, province_id)
    exchange(district, province, tmp_path, "1.kcx")
    [conflict] = [c for c in list_conflicts(province) if c.is_survivor]
    with pytest.raises(LookupError, match="không thuộc cặp nghi trùng"):
        resolve(province, conflict.record_id, "survivor", "khong-co-ma-nay")
    assert deleted(province, province_id) and deleted(province, district_id)


def test_a_typed_value_that_does_not_fit_names_the_field_in_vietnamese():
    with pytest.raises(ValueError) as refused:
        parse_value("project", "jobs", "ba mươi")
    assert str(refused.value) == "«ba mươi» không phải giá trị hợp lệ cho trường «Lao động, việc làm»."
