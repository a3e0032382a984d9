"""Support norms (định mức hỗ trợ): which norm applies to a project and whether it is exceeded."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .codes import FundingLevel
from .money import MoneyUnit, format_amount, format_percent, round_half_up


@dataclass(frozen=True)
class Norm:
    """A cap on state support, in force from ``effective_from`` (to ``effective_to`` when set)."""

    activity_code: str
    effective_from: date
    legal_basis: str
    province: str | None = None
    level: FundingLevel | None = None
    max_share_percent: int | None = None
    max_amount: int | None = None
    scope: str = ""
    per_beneficiary: bool = False
    effective_to: date | None = None

    def in_force_in(self, year: int) -> bool:
        return self.effective_from <= date(year, 12, 31) and (self.effective_to is None or self.effective_to >= date(year, 1, 1))


def applicable_norm(norms: Iterable[Norm], activity_code: str, level: FundingLevel, province: str, year: int) -> Norm | None:
    """The norm in force in ``year`` for this activity: a province's own before the national one, newest first."""
    candidates = [n for n in norms if n.activity_code == activity_code and n.in_force_in(year)
                  and (n.level is None or n.level == level) and (n.province is None or n.province == province)]
    if not candidates:
        return None
    return max(candidates, key=lambda n: (n.province is not None, n.level is not None, n.effective_from))


@dataclass(frozen=True)
class NormWarning:
    """A project's state support above its norm: shown, and acknowledged with a reason before approval."""

    norm: Norm
    messages: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.messages) + f" Căn cứ: {self.norm.legal_basis}."


def check_norm(norm: Norm | None, state_support: int, total_cost: int, beneficiaries: int = 1) -> NormWarning | None:
    """The warning for support above ``norm`` (share of the total cost, or amount), or None."""
    if norm is None:
        return None
    messages = []
    if norm.max_amount is not None:
        cap = norm.max_amount * (max(beneficiaries, 1) if norm.per_beneficiary else 1)
        if state_support > cap:
            scope = f" {norm.scope}" if norm.scope else ""
            messages.append(f"Kinh phí hỗ trợ {format_amount(state_support, MoneyUnit.TRIEU)} triệu đồng vượt mức tối đa "
                            f"{format_amount(cap, MoneyUnit.TRIEU)} triệu đồng{scope}.")
    if norm.max_share_percent is not None and total_cost > 0:
        share = Decimal(state_support) * 100 / Decimal(total_cost)
        if share > norm.max_share_percent:
            messages.append(f"Kinh phí hỗ trợ bằng {format_percent(round_half_up(share, 1))} tổng kinh phí, vượt tỷ lệ tối đa "
                            f"{norm.max_share_percent}%.")
    return NormWarning(norm, tuple(messages)) if messages else None
