"""The model layer's arithmetic, on the seed articles' own figures."""
from datetime import date
from decimal import Decimal

import pytest

from khuyencong_desktop.domain.calculations import PlanLineValue, check_plan, leverage, percent, shares
from khuyencong_desktop.domain.codes import FundingLevel, Source, Status, allowed_transitions
from khuyencong_desktop.domain.norms import Norm, applicable_norm, check_norm

TY = 1_000_000_000
TRIEU = 1_000_000


def test_lang_son_leverage_is_5_15():
    assert leverage(8_974 * TRIEU, 46_236_680_000) == Decimal("5.15")


def test_leverage_rounds_half_up_and_is_none_without_state_money():
    assert leverage(1000, 5125) == Decimal("5.13")  # 5,125 → 5,13
    assert leverage(0, 100) is None


def test_lai_chau_shares_add_to_100():
    result = shares({Source.DOI_UNG: 48_400_000_000, Source.NSNN: 26_900_000_000})
    assert result == {Source.DOI_UNG: Decimal("64.3"), Source.NSNN: Decimal("35.7")}


def test_largest_remainder_gives_the_spare_tenth_to_the_largest_remainder():
    result = shares({"a": 1, "b": 1, "c": 1})
    assert sum(result.values()) == Decimal("100.0")
    assert sorted(result.values()) == [Decimal("33.3"), Decimal("33.3"), Decimal("33.4")]


def test_percent_of_plan():
    assert percent(3, 5) == Decimal("60.0")
    assert percent(1, 3) == Decimal("33.3")
    assert percent(1, 0) is None


LAI_CHAU_LINES = [PlanLineValue(y, None, a * TRIEU) for y, a in
                  ((2021, 10_814), (2022, 21_004), (2023, 20_714), (2024, 13_054), (2025, 9_714))] + [
    PlanLineValue(None, Source.DOI_UNG, 48_400 * TRIEU), PlanLineValue(None, Source.NSNN, 26_900 * TRIEU)]


def test_lai_chau_plan_margins_agree():
    check = check_plan(LAI_CHAU_LINES, 75_300 * TRIEU, 2021, 2025)
    assert check.consistent, check.problems
    assert check.by_year[2022] == 21_004 * TRIEU
    assert check.by_source == {Source.DOI_UNG: 48_400 * TRIEU, Source.NSNN: 26_900 * TRIEU}


def test_plan_margin_mismatch_is_named():
    lines = LAI_CHAU_LINES[:-1] + [PlanLineValue(None, Source.NSNN, 25_900 * TRIEU)]
    check = check_plan(lines, 75_300 * TRIEU, 2021, 2025)
    assert not check.consistent
    assert check.problems == ["Tổng kế hoạch theo nguồn (74.300 triệu đồng) khác tổng kinh phí chương trình "
                              "(75.300 triệu đồng)."]


def test_plan_year_outside_the_programme_is_a_problem():
    check = check_plan([PlanLineValue(2026, Source.NSDP, 5)], 5, 2021, 2025)
    assert check.problems == ["Năm 2026 nằm ngoài giai đoạn 2021-2025 của chương trình."]


MM_NORM = Norm("MM", date(2018, 5, 11), "Điểm b khoản 1 Điều 8 Thông tư 28/2018/TT-BTC", max_share_percent=50,
               max_amount=300 * TRIEU, scope="mỗi cơ sở", per_beneficiary=True)


def test_norm_warning_names_the_cap_and_its_legal_basis():
    warning = check_norm(MM_NORM, 350 * TRIEU, 1_000 * TRIEU)
    assert warning.text == ("Kinh phí hỗ trợ 350 triệu đồng vượt mức tối đa 300 triệu đồng mỗi cơ sở. "
                            "Căn cứ: Điểm b khoản 1 Điều 8 Thông tư 28/2018/TT-BTC.")
    assert check_norm(MM_NORM, 350 * TRIEU, 1_000 * TRIEU, beneficiaries=2) is None


def test_norm_share_cap():
    warning = check_norm(MM_NORM, 200 * TRIEU, 300 * TRIEU)
    assert "66,7% tổng kinh phí, vượt tỷ lệ tối đa 50%" in warning.text


def test_older_projects_follow_the_norm_of_their_year():
    newer = Norm("MM", date(2025, 1, 1), "Nghị quyết HĐND tỉnh", province="Lạng Sơn", max_amount=500 * TRIEU)
    norms = [MM_NORM, newer]
    assert applicable_norm(norms, "MM", FundingLevel.KCDP, "Lạng Sơn", 2019) is MM_NORM
    assert applicable_norm(norms, "MM", FundingLevel.KCDP, "Lạng Sơn", 2025) is newer
    assert applicable_norm(norms, "MM", FundingLevel.KCDP, "Lai Châu", 2025) is MM_NORM
    assert applicable_norm(norms, "MM", FundingLevel.KCDP, "Lạng Sơn", 2017) is None


@pytest.mark.parametrize("status, allowed", [
    (Status.DE_XUAT, {Status.DA_THAM_DINH, Status.BI_TU_CHOI}),
    (Status.DA_PHE_DUYET, {Status.DANG_THUC_HIEN, Status.NGUNG}),
    (Status.DA_QUYET_TOAN, set()),
])
def test_lifecycle(status, allowed):
    assert set(allowed_transitions(status)) == allowed


def test_codes_parse_aliases():
    assert FundingLevel.parse("Địa phương") is FundingLevel.KCDP
    assert FundingLevel.parse("kcđp") is FundingLevel.KCDP
    assert FundingLevel.parse("Trung ương") is FundingLevel.KCQG
    assert Source.parse("Đối ứng") is Source.DOI_UNG
    assert Status.parse("đã phê duyệt") is Status.DA_PHE_DUYET
    assert Status.parse("không rõ") is None
