"""What the dashboard (tổng quan) shows, gathered Qt-free in one call that can run on a worker thread."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from ...domain.codes import FundingLevel
from ...operations.create import activity_names
from ...operations.programme import ProgrammeReport, programme_report
from ...operations.summary import PeriodSummary, period_summary
from ...storage.database import Database
from ...storage.models import Programme, Project

PERIOD_YEARS = 5


@dataclass
class DashboardData:
    summary: PeriodSummary
    programmes: list[ProgrammeReport] = field(default_factory=list)
    """The chosen programme, or every programme overlapping the period when none is chosen."""
    activity_names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ProgrammeChoice:
    id: str
    code: str
    name: str


def default_period(db: Database) -> tuple[int, int]:
    """The last five years that hold projects (2017–2021 on the demo file); this year's five without data."""
    with db.session() as session:
        last = session.scalar(select(func.max(Project.year)).where(Project.deleted_at.is_(None)))
    last = last or date.today().year
    return last - PERIOD_YEARS + 1, last


def programme_choices(db: Database) -> list[ProgrammeChoice]:
    with db.session() as session:
        rows = session.execute(select(Programme.id, Programme.code, Programme.name)
                               .where(Programme.deleted_at.is_(None)).order_by(Programme.code)).all()
    return [ProgrammeChoice(*row) for row in rows]


def dashboard_data(db: Database, from_year: int, to_year: int, programme: ProgrammeChoice | None,
                   level: FundingLevel | None = None) -> DashboardData:
    """The period's summary (one funding level when ``level`` is given, as ``summary --level``) and targets."""
    summary = period_summary(db, from_year, to_year, level=level, programme_id=programme.id if programme else None)
    if programme is not None:
        codes = [programme.code]
    else:
        with db.session() as session:
            codes = list(session.scalars(select(Programme.code).where(
                Programme.deleted_at.is_(None), Programme.from_year <= to_year, Programme.to_year >= from_year)
                .order_by(Programme.code)))
    return DashboardData(summary, [programme_report(db, code) for code in codes], activity_names(db))
