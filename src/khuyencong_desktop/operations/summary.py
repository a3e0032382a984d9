"""Period summaries (báo cáo tổng kết): projects, support, mobilised money, leverage, jobs."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import distinct, func, select

from ..domain.calculations import leverage
from ..domain.codes import COUNTED_STATUSES, FundingLevel, Source, Status
from ..storage.database import Database
from ..storage.models import Project, ProjectBeneficiary
from .amounts import effective, state_support


@dataclass
class PeriodSummary:
    """The figures of a period, counting only projects approved or later; the rest listed apart."""

    from_year: int
    to_year: int
    level: FundingLevel | None = None
    projects: int = 0
    projects_by_level: dict[str, int] = field(default_factory=dict)
    projects_by_activity: dict[str, int] = field(default_factory=dict)
    support_by_level: dict[str, int] = field(default_factory=dict)
    support_by_activity: dict[str, int] = field(default_factory=dict)
    support_by_year: dict[int, int] = field(default_factory=dict)
    by_source: dict[str, int] = field(default_factory=dict)
    by_year_and_source: dict[int, dict[str, int]] = field(default_factory=dict)
    jobs_by_activity: dict[str, int] = field(default_factory=dict)
    counterpart: int = 0
    other: int = 0
    jobs: int = 0
    participations: int = 0
    events: int = 0
    beneficiaries: int = 0
    excluded: dict[str, int] = field(default_factory=dict)

    @property
    def state_support(self) -> int:
        return sum(self.support_by_level.values())

    @property
    def total_mobilised(self) -> int:
        return self.state_support + self.counterpart + self.other

    @property
    def leverage(self) -> Decimal | None:
        return leverage(self.state_support, self.counterpart, self.other)

    def as_json(self) -> dict:
        """The ``summary --json`` contract of interfaces.md (amounts in whole đồng), plus additions."""
        lev = self.leverage
        return {
            "from_year": self.from_year, "to_year": self.to_year,
            "projects": self.projects, "projects_by_level": self.projects_by_level,
            "projects_by_activity": self.projects_by_activity, "support_by_level": self.support_by_level,
            "support_by_activity": self.support_by_activity, "state_support": self.state_support,
            "counterpart": self.counterpart, "other": self.other, "total_mobilised": self.total_mobilised,
            "leverage": float(lev) if lev is not None else None, "jobs": self.jobs,
            "beneficiaries": self.beneficiaries, "excluded": self.excluded,
            "support_by_year": {str(y): v for y, v in self.support_by_year.items()},
            "by_source": self.by_source, "participations": self.participations, "events": self.events,
        }


def _scope(stmt, from_year: int, to_year: int, level: FundingLevel | None, programme_id: str | None):
    stmt = stmt.where(Project.deleted_at.is_(None), Project.year.between(from_year, to_year))
    if level is not None:
        stmt = stmt.where(Project.level == level)
    if programme_id is not None:
        stmt = stmt.where(Project.programme_id == programme_id)
    return stmt


def period_summary(db: Database, from_year: int, to_year: int, level: FundingLevel | None = None,
                   programme_id: str | None = None) -> PeriodSummary:
    """Figures for projects of ``from_year``..``to_year`` (optionally one level or programme)."""
    result = PeriodSummary(from_year, to_year, level,
                           projects_by_level={lv.value: 0 for lv in FundingLevel},
                           support_by_level={lv.value: 0 for lv in FundingLevel})
    sources = list(Source)
    grouped = _scope(select(Project.year, Project.level, Project.activity_code, Project.status, func.count(),
                            *[func.sum(effective(s)) for s in sources], func.sum(Project.jobs),
                            func.sum(Project.participations), func.sum(Project.events))
                     .group_by(Project.year, Project.level, Project.activity_code, Project.status),
                     from_year, to_year, level, programme_id)
    with db.session() as session:
        rows = session.execute(grouped).all()
        beneficiaries = session.execute(_scope(
            select(func.count(distinct(ProjectBeneficiary.beneficiary_id)))
            .join(Project, Project.id == ProjectBeneficiary.project_id)
            .where(ProjectBeneficiary.deleted_at.is_(None), Project.status.in_(COUNTED_STATUSES)),
            from_year, to_year, level, programme_id)).scalar_one()
    for year, lvl, activity, status, count, *money, jobs, participations, events in rows:
        if status not in COUNTED_STATUSES:
            result.excluded[status.value] = result.excluded.get(status.value, 0) + count
            continue
        amounts = dict(zip(sources, (int(m or 0) for m in money)))
        support = sum(amounts[s] for s in sources if s.is_state)
        result.projects += count
        result.projects_by_level[lvl.value] += count
        result.projects_by_activity[activity] = result.projects_by_activity.get(activity, 0) + count
        result.support_by_level[lvl.value] += support
        result.support_by_activity[activity] = result.support_by_activity.get(activity, 0) + support
        result.support_by_year[year] = result.support_by_year.get(year, 0) + support
        year_sources = result.by_year_and_source.setdefault(year, {})
        for source, amount in amounts.items():
            result.by_source[source.value] = result.by_source.get(source.value, 0) + amount
            year_sources[source.value] = year_sources.get(source.value, 0) + amount
        result.counterpart += amounts[Source.DOI_UNG]
        result.other += amounts[Source.KHAC]
        result.jobs += int(jobs or 0)
        result.jobs_by_activity[activity] = result.jobs_by_activity.get(activity, 0) + int(jobs or 0)
        result.participations += int(participations or 0)
        result.events += int(events or 0)
    result.beneficiaries = int(beneficiaries)
    result.support_by_year = dict(sorted(result.support_by_year.items()))
    result.by_year_and_source = dict(sorted(result.by_year_and_source.items()))
    result.excluded = {s.value: result.excluded[s.value] for s in Status if s.value in result.excluded}
    return result


BREAKDOWNS = {"province": Project.province, "district": Project.district, "commune": Project.commune,
              "sector": Project.sector, "year": Project.year, "activity": Project.activity_code, "level": Project.level}
"""Dimensions a period's figures can be broken down by (theo địa bàn, ngành nghề, năm, nội dung, cấp)."""


@dataclass(frozen=True)
class BreakdownRow:
    """One line of a breakdown: counted projects and their money, jobs."""

    key: str
    projects: int
    state_support: int
    counterpart: int
    other: int
    jobs: int

    def as_json(self) -> dict:
        return {"projects": self.projects, "state_support": self.state_support, "counterpart": self.counterpart,
                "other": self.other, "jobs": self.jobs}


def breakdown(db: Database, from_year: int, to_year: int, by: str, level: FundingLevel | None = None,
              programme_id: str | None = None) -> list[BreakdownRow]:
    """Counted projects of the period grouped by one of :data:`BREAKDOWNS`, largest support first."""
    column = BREAKDOWNS[by]
    stmt = _scope(select(column, func.count(), func.sum(state_support()), func.sum(effective(Source.DOI_UNG)),
                         func.sum(effective(Source.KHAC)), func.sum(Project.jobs))
                  .where(Project.status.in_(COUNTED_STATUSES)).group_by(column),
                  from_year, to_year, level, programme_id)
    with db.session() as session:
        rows = session.execute(stmt).all()
    result = [BreakdownRow(str(getattr(key, "value", key) or ""), count, int(support or 0), int(counterpart or 0),
                           int(other or 0), int(jobs or 0)) for key, count, support, counterpart, other, jobs in rows]
    return sorted(result, key=lambda row: (-row.state_support, row.key))
