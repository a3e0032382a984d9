"""Suspected duplicate beneficiaries after a merge: linked as one (travelling as edits) or dismissed for good."""
import json

import pytest
from sqlalchemy import select

from exchange_offices import district_copy, exchange, state
from khuyencong_desktop.cli.main import main
from khuyencong_desktop.exchange.duplicate_actions import DuplicateActionError, dismiss, link, list_duplicates
from khuyencong_desktop.storage.exchange_models import SuspectedDuplicate
from khuyencong_desktop.storage.models import Beneficiary, ChangeLog, Project, ProjectBeneficiary

CODE = "LS-QG-2020-01"


def add_beneficiary(db, **values) -> str:
    with db.session() as s:
        beneficiary = Beneficiary(**values)
        s.add(beneficiary)
        s.flush()
        return beneficiary.id


def link_to_project(db, beneficiary_id: str, code: str = CODE, share: int | None = None) -> None:
    with db.session() as s:
        project_id = s.scalar(select(Project.id).where(Project.code == code))
        s.add(ProjectBeneficiary(project_id=project_id, beneficiary_id=beneficiary_id, share=share))


def beneficiary(db, record_id: str) -> Beneficiary:
    with db.session() as s:
        return s.get(Beneficiary, record_id)


def linked_codes(db, beneficiary_id: str) -> list[str]:
    with db.session() as s:
        return s.scalars(select(Project.code).join(ProjectBeneficiary, ProjectBeneficiary.project_id == Project.id)
                         .where(ProjectBeneficiary.beneficiary_id == beneficiary_id,
                                ProjectBeneficiary.deleted_at.is_(None)).order_by(Project.code)).all()


@pytest.fixture
def offices(demo_db, tmp_path):
    """The province and a district office, each having created the same tea cooperative, merged one way."""
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    province_id = add_beneficiary(demo_db, name="Hợp tác xã Chè Bảo Lâm", tax_code="4900123456", commune="Bảo Lâm")
    district_id = add_beneficiary(district, name="HTX chè Bảo Lâm", tax_code="4900 123 456", commune="Bảo Lâm",
                                  phone="0205 3871 234", representative="Hoàng Văn Bảo")
    link_to_project(district, district_id, "LS-QG-2018-01", share=50_000_000)
    exchange(district, demo_db, tmp_path, "huyen.kcx")
    yield demo_db, district, province_id, district_id
    district.close()


def test_a_suspected_pair_is_listed_side_by_side(offices):
    province, _district, province_id, district_id = offices
    [pair] = list_duplicates(province)
    assert pair.reason == "tax_code" and pair.reason_label == "cùng mã số thuế"
    sides = {pair.first.id: pair.first, pair.second.id: pair.second}
    assert sides[district_id].values["phone"] == "0205 3871 234"
    assert sides[district_id].office == "PHÒNG KINH TẾ HUYỆN CAO LỘC"
    assert sides[district_id].projects == ("LS-QG-2018-01",)
    assert sides[province_id].office == "TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI"
    assert sides[province_id].projects == ()


def test_linking_moves_the_projects_and_both_offices_converge(offices, tmp_path):
    province, district, province_id, district_id = offices
    result = link(province, province_id, district_id)
    assert (result.kept, result.removed, result.moved_links) == ("Hợp tác xã Chè Bảo Lâm", "HTX chè Bảo Lâm", 1)
    assert set(result.filled) == {"phone", "representative"}
    kept, removed = beneficiary(province, province_id), beneficiary(province, district_id)
    assert removed.is_deleted and not kept.is_deleted
    assert (kept.name, kept.phone, kept.representative) == ("Hợp tác xã Chè Bảo Lâm", "0205 3871 234", "Hoàng Văn Bảo")
    assert linked_codes(province, province_id) == ["LS-QG-2018-01"] and linked_codes(province, district_id) == []
    assert list_duplicates(province) == []
    with province.session() as s:
        ops = {(e.entity, e.op, e.field) for e in s.scalars(select(ChangeLog).where(
            ChangeLog.record_id.in_([province_id, district_id]) | (ChangeLog.field == "beneficiary_id")))}
        assert s.get(SuspectedDuplicate, tuple(sorted((province_id, district_id)))).status == "linked"
    assert {("beneficiary", "delete", None), ("beneficiary", "update", "phone"),
            ("project_beneficiary", "update", "beneficiary_id")} <= ops

    exchange(province, district, tmp_path, "tinh.kcx")
    exchange(district, province, tmp_path, "huyen-2.kcx")
    assert state(province) == state(district)
    assert beneficiary(district, district_id).is_deleted
    assert linked_codes(district, province_id) == ["LS-QG-2018-01"]
    assert list_duplicates(district) == [] == list_duplicates(province)


def test_a_project_linked_to_both_keeps_one_link_with_both_shares(offices):
    province, _district, province_id, district_id = offices
    link_to_project(province, province_id, "LS-QG-2018-01", share=30_000_000)
    link(province, district_id, province_id)
    assert linked_codes(province, district_id) == ["LS-QG-2018-01"] and linked_codes(province, province_id) == []
    with province.session() as s:
        shares = s.scalars(select(ProjectBeneficiary.share).where(ProjectBeneficiary.beneficiary_id == district_id)).all()
    assert shares == [80_000_000]


def test_a_dismissed_pair_is_not_suspected_again(offices, tmp_path):
    province, district, province_id, district_id = offices
    dismiss(province, district_id, province_id)
    assert list_duplicates(province) == []
    with district.session() as s:
        s.get(Beneficiary, district_id).employees = 12
    third = add_beneficiary(district, name="Cơ sở chè Bảo Lâm 2", tax_code="4900123456", commune="Bảo Lâm")
    again = exchange(district, province, tmp_path, "huyen-2.kcx")
    assert beneficiary(province, district_id).employees == 12
    # The new record is suspected with the province's (the district's own two are its officers' business).
    assert [{d["first_id"], d["second_id"]} for d in again.duplicates] == [{third, province_id}]
    assert [{p.first.id, p.second.id} for p in list_duplicates(province)] == [{third, province_id}]
    assert not beneficiary(province, district_id).is_deleted and not beneficiary(province, province_id).is_deleted


def test_bad_ids_are_refused_with_every_reason_and_nothing_written(offices):
    province, _district, province_id, district_id = offices
    with pytest.raises(DuplicateActionError) as refused:
        link(province, "khong-co-ma-nay", province_id[:4])
    assert refused.value.problems == ["Không tìm thấy cơ sở có mã «khong-co-ma-nay».",
                                      f"Không tìm thấy cơ sở có mã «{province_id[:4]}»."]
    with pytest.raises(DuplicateActionError) as refused:
        link(province, province_id, province_id[:8])
    assert refused.value.problems == ["Hai mã cùng chỉ một cơ sở."]
    demo_other = _any_other_beneficiary(province, {province_id, district_id})
    with pytest.raises(DuplicateActionError) as refused:
        dismiss(province, province_id, demo_other.id)
    assert refused.value.problems == [
        f"«Hợp tác xã Chè Bảo Lâm» và «{demo_other.name}» không nằm trong danh sách nghi trùng."]
    assert len(list_duplicates(province)) == 1 and not beneficiary(province, district_id).is_deleted


def _any_other_beneficiary(db, excluded: set[str]) -> Beneficiary:
    with db.session() as s:
        return s.scalars(select(Beneficiary).where(Beneficiary.id.not_in(excluded)).order_by(Beneficiary.name_key)).first()


def test_the_command_line_lists_links_and_dismisses(offices, capsys):
    province, _district, province_id, district_id = offices
    db = ["--db", str(province.path)]
    assert main([*db, "exchange", "duplicates", "--json"]) == 0
    [pair] = json.loads(capsys.readouterr().out)
    assert pair["reason"] == "tax_code" and {pair["first"]["id"], pair["second"]["id"]} == {province_id, district_id}
    assert {pair["first"]["tax_code"], pair["second"]["tax_code"]} == {"4900123456", "4900 123 456"}
    assert main([*db, "exchange", "duplicates"]) == 0
    out = capsys.readouterr().out
    assert "Cơ sở nghi trùng: 1" in out and f"{district_id[:8]}  HTX chè Bảo Lâm  4900 123 456  Bảo Lâm" in out

    assert main([*db, "exchange", "link", province_id[:8], "nonexistent-id"]) == 2
    assert "Không tìm thấy cơ sở có mã «nonexistent-id»." in capsys.readouterr().err
    assert main([*db, "exchange", "link", province_id[:8], district_id]) == 0
    assert capsys.readouterr().out.strip() == ("Đã gộp «HTX chè Bảo Lâm» vào «Hợp tác xã Chè Bảo Lâm»: chuyển 1 liên "
                                               "kết đề án; bổ sung 2 trường còn trống.")
    assert beneficiary(province, district_id).is_deleted
    assert main([*db, "exchange", "dismiss", province_id, district_id]) == 2
    assert "Cơ sở «HTX chè Bảo Lâm» đã bị xóa." in capsys.readouterr().err


def test_dismissing_through_the_command_line(offices, capsys):
    province, _district, province_id, district_id = offices
    assert main(["--db", str(province.path), "exchange", "dismiss", district_id, province_id]) == 0
    assert "không phải trùng" in capsys.readouterr().out
    assert main(["--db", str(province.path), "exchange", "duplicates", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
