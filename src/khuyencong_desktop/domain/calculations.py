"""The model layer's arithmetic: leverage, shares, plan margins, plan vs actual. Pure functions."""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .codes import Source
from .money import MoneyUnit, format_amount, round_half_up


def leverage(state: int, counterpart: int, other: int = 0) -> Decimal | None:
    """Hệ số thu hút: đồng of counterpart and other money drawn by each đồng of state money.

    Lạng Sơn 2017-2021: (46.236,68 + 0) / 8.974 = 5,15. None when there is no state money.
    """
    if state <= 0:
        return None
    return round_half_up(Decimal(counterpart + other) / Decimal(state), 2)


def percent(part: int, whole: int, decimals: int = 1) -> Decimal | None:
    """``part`` as a percentage of ``whole``, rounded half up; None when ``whole`` is 0."""
    if whole == 0:
        return None
    return round_half_up(Decimal(part) * 100 / Decimal(whole), decimals)


def shares(amounts: Mapping[Hashable, int], decimals: int = 1) -> dict[Hashable, Decimal]:
    """Each amount's share of the sum in %, by largest remainder so the shown shares add to 100.

    Lai Châu: {đối ứng: 48,4 tỷ, NSNN: 26,9 tỷ} → {64,3; 35,7}.
    """
    total = sum(amounts.values())
    if total <= 0:
        return {key: Decimal(0) for key in amounts}
    scale = 10 ** decimals
    units = 100 * scale
    exact = {key: Decimal(value) * units / Decimal(total) for key, value in amounts.items()}
    floors = {key: int(value) for key, value in exact.items()}
    left = units - sum(floors.values())
    order = sorted(amounts, key=lambda key: (-(exact[key] - floors[key]), -amounts[key], str(key)))
    for key in order[:left]:
        floors[key] += 1
    return {key: Decimal(floors[key]) / scale for key in amounts}


@dataclass(frozen=True)
class PlanLineValue:
    """One line of a programme plan (kế hoạch vốn); either key may be blank."""

    year: int | None
    source: Source | None
    amount: int


@dataclass
class PlanCheck:
    """A programme plan's margins and whether they agree with the programme total."""

    total: int
    by_year: dict[int, int] = field(default_factory=dict)
    by_source: dict[Source, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def consistent(self) -> bool:
        return not self.problems


def check_plan(lines: Iterable[PlanLineValue], total: int | None, from_year: int, to_year: int,
               unit: MoneyUnit = MoneyUnit.TRIEU) -> PlanCheck:
    """Year and source margins of a plan, and every disagreement with the programme total.

    A line keyed by both year and source counts in both margins. When the programme states no
    total, the larger margin stands for it, so the two margins must still agree.
    """
    lines = list(lines)
    by_year: dict[int, int] = {}
    by_source: dict[Source, int] = {}
    problems: list[str] = []
    for line in lines:
        if line.year is not None:
            by_year[line.year] = by_year.get(line.year, 0) + line.amount
            if not from_year <= line.year <= to_year:
                problems.append(f"Năm {line.year} nằm ngoài giai đoạn {from_year}-{to_year} của chương trình.")
        if line.source is not None:
            by_source[line.source] = by_source.get(line.source, 0) + line.amount
        if line.year is None and line.source is None:
            problems.append(f"Dòng kế hoạch {format_amount(line.amount, unit)} {unit.label} không ghi năm và nguồn.")
        if line.amount < 0:
            problems.append(f"Dòng kế hoạch có số tiền âm: {format_amount(line.amount, unit)} {unit.label}.")
    year_sum, source_sum = sum(by_year.values()), sum(by_source.values())
    stated = total if total is not None else max(year_sum, source_sum)
    for label, margin, present in (("theo năm", year_sum, bool(by_year)), ("theo nguồn", source_sum, bool(by_source))):
        if present and margin != stated:
            problems.append(f"Tổng kế hoạch {label} ({format_amount(margin, unit)} {unit.label}) khác tổng kinh phí "
                            f"chương trình ({format_amount(stated, unit)} {unit.label}).")
    if not lines and total:
        problems.append("Chương trình chưa có kế hoạch vốn.")
    return PlanCheck(total=stated, by_year=dict(sorted(by_year.items())),
                     by_source={s: by_source[s] for s in Source if s in by_source}, problems=problems)


@dataclass(frozen=True)
class TargetProgress:
    """Chỉ tiêu: planned vs achieved for one activity."""

    activity: str
    description: str
    unit: str
    planned: int
    achieved: int

    @property
    def percent(self) -> Decimal | None:
        return percent(self.achieved, self.planned)
