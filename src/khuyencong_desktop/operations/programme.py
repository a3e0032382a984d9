"""A programme's plan, source shares, consistency and targets against what was achieved."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select

from ..domain.calculations import PlanCheck, PlanLineValue, TargetProgress, check_plan, percent, shares
from ..domain.codes import COUNTED_STATUSES, Source
from ..domain.text import nfc
from ..i18n import tr
from ..storage.database import Database
from ..storage.models import Programme, Project, Target
from .amounts import effective


class ProgrammeNotFound(LookupError):
    def __init__(self, code: str):
        super().__init__(tr("Không tìm thấy chương trình có mã «{code}».", code=code))


@dataclass
class ProgrammeReport:
    code: str
    name: str
    province: str
    from_year: int
    to_year: int
    decision_no: str
    plan: PlanCheck
    targets: list[TargetProgress] = field(default_factory=list)
    executed_by_source: dict[Source, int] = field(default_factory=dict)
    """Money of the programme's projects approved or later, by source (thực hiện)."""

    @property
    def executed(self) -> int:
        return sum(self.executed_by_source.values())

    @property
    def execution_rate(self) -> Decimal | None:
        """Tỷ lệ thực hiện kế hoạch vốn: executed money as a percentage of the planned total."""
        return percent(self.executed, self.plan.total)

    @property
    def source_shares(self) -> dict[str, Decimal]:
        return {source.value: share for source, share in shares(self.plan.by_source).items()}

    def as_json(self) -> dict:
        """The ``programme CODE --json`` contract of interfaces.md."""
        return {
            "code": self.code, "name": self.name, "from_year": self.from_year, "to_year": self.to_year,
            "total": self.plan.total,
            "planned_by_year": {str(year): amount for year, amount in self.plan.by_year.items()},
            "planned_by_source": {source.value: amount for source, amount in self.plan.by_source.items()},
            "source_shares": {code: float(share) for code, share in self.source_shares.items()},
            "consistent": self.plan.consistent, "problems": list(self.plan.problems),
            "targets": [{"activity": t.activity, "description": t.description, "unit": t.unit,
                         "planned": t.planned, "achieved": t.achieved,
                         "percent": float(t.percent) if t.percent is not None else None} for t in self.targets],
            "executed": self.executed,
            "executed_by_source": {source.value: amount for source, amount in self.executed_by_source.items()},
            "execution_rate": float(self.execution_rate) if self.execution_rate is not None else None,
        }


def plan_check(programme: Programme) -> PlanCheck:
    lines = [PlanLineValue(line.year, line.source, line.amount) for line in programme.plan_lines if not line.is_deleted]
    return check_plan(lines, programme.total, programme.from_year, programme.to_year)


def achieved_counts(session, programme_id: str) -> dict[str, int]:
    """Projects approved or later, linked to the programme, counted per activity."""
    rows = session.execute(select(Project.activity_code, func.count())
                           .where(Project.programme_id == programme_id, Project.deleted_at.is_(None),
                                  Project.status.in_(COUNTED_STATUSES))
                           .group_by(Project.activity_code)).all()
    return dict(rows)


def executed_by_source(session, programme_id: str) -> dict[Source, int]:
    """Money of the programme's projects approved or later, by source (settled amounts once settled)."""
    sources = list(Source)
    row = session.execute(select(*[func.coalesce(func.sum(effective(s)), 0) for s in sources])
                          .where(Project.programme_id == programme_id, Project.deleted_at.is_(None),
                                 Project.status.in_(COUNTED_STATUSES))).one()
    return {source: int(amount) for source, amount in zip(sources, row) if amount}


def programme_report(db: Database, code: str) -> ProgrammeReport:
    """The programme whose code is ``code`` (typed in any Unicode form: compared in NFC)."""
    code = nfc(code).strip()
    with db.session() as session:
        programme = session.scalar(select(Programme).where(Programme.code == code, Programme.deleted_at.is_(None)))
        if programme is None:
            raise ProgrammeNotFound(code)
        counts = achieved_counts(session, programme.id)
        targets = [TargetProgress(t.activity_code, t.description, t.unit, t.planned,
                                  t.achieved_manual if t.achieved_manual is not None else counts.get(t.activity_code, 0))
                   for t in session.scalars(select(Target).where(Target.programme_id == programme.id,
                                                                 Target.deleted_at.is_(None)))]
        return ProgrammeReport(programme.code, programme.name, programme.province, programme.from_year,
                               programme.to_year, programme.decision_no, plan_check(programme), targets,
                               executed_by_source(session, programme.id))


def programme_codes(db: Database) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(Programme.code).where(Programme.deleted_at.is_(None)).order_by(Programme.code)))

