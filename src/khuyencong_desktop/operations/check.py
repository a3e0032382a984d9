"""The file check (kiểm tra tệp): integrity of the SQLite file and consistency of its records."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, text
from sqlalchemy.orm import selectinload

from ..domain.codes import COUNTED_STATUSES
from ..storage.database import Database
from ..storage.models import Beneficiary, Programme, Project
from .norm_checks import load_norms, project_norm_warning
from .programme import plan_check


@dataclass(frozen=True)
class Problem:
    severity: str  # "error" or "warning"
    kind: str
    record: str
    message: str


@dataclass
class CheckReport:
    integrity: str = "ok"
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and not any(p.severity == "error" for p in self.problems)

    def as_json(self) -> dict:
        return {"ok": self.ok, "integrity": self.integrity,
                "problems": [p.__dict__ for p in self.problems]}


def check_file(db: Database) -> CheckReport:
    report = CheckReport()
    with db.session() as session:
        rows = session.execute(text("PRAGMA quick_check")).scalars().all()
        report.integrity = "ok" if rows == ["ok"] else "; ".join(rows[:5])
        for table, rowid, parent, _ in session.execute(text("PRAGMA foreign_key_check")).all():
            report.problems.append(Problem("error", "foreign_key", f"{table}#{rowid}",
                                           f"Bản ghi trong bảng {table} trỏ tới bản ghi không còn trong bảng {parent}."))
        for programme in session.scalars(select(Programme).where(Programme.deleted_at.is_(None))
                                         .options(selectinload(Programme.plan_lines))):
            for message in plan_check(programme).problems:
                report.problems.append(Problem("error", "programme_plan", programme.code, message))
        norms = load_norms(session)
        projects = session.scalars(select(Project).where(Project.deleted_at.is_(None),
                                                         Project.status.in_(COUNTED_STATUSES))
                                   .options(selectinload(Project.links)))
        for project in projects:
            warning = project_norm_warning(project, norms)
            if warning and not project.norm_ack_reason:
                report.problems.append(Problem("warning", "norm", project.code,
                                               warning.text + " Chưa ghi lý do chấp nhận."))
            shares = sum(link.share or 0 for link in project.links if not link.is_deleted)
            state = sum(a for s, a in project.amounts().items() if s.is_state)
            if shares > state:
                report.problems.append(Problem("error", "shares", project.code,
                                               "Tổng phần hỗ trợ của các cơ sở lớn hơn kinh phí hỗ trợ của đề án."))
        duplicates = session.execute(select(Beneficiary.tax_code, func.count())
                                     .where(Beneficiary.deleted_at.is_(None), Beneficiary.tax_code.is_not(None),
                                            Beneficiary.tax_code != "")
                                     .group_by(Beneficiary.tax_code).having(func.count() > 1)).all()
        for tax_code, count in duplicates:
            report.problems.append(Problem("warning", "duplicate_beneficiary", tax_code,
                                           f"{count} cơ sở có cùng mã số thuế {tax_code}: có thể là một cơ sở."))
    return report
