"""Export: every programme, project and beneficiary of a file in the import layout (a round trip changes nothing)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from sqlalchemy import func, literal_column, select
from sqlalchemy.orm import Session, selectinload

from ..domain.codes import BeneficiaryKind, Source
from ..domain.text import fold_key
from ..storage.models import Beneficiary, PlanLine, Programme, Project, ProjectBeneficiary, Target
from .layout import BENEFICIARIES, PLAN, PROGRAMMES, PROJECTS, TARGETS
from .matching import locality
from .printable import HEADER_ROW, PrintableSheet

BATCH = 1000
KIND_TEXT = {BeneficiaryKind.DN: "DN", BeneficiaryKind.HTX: "HTX", BeneficiaryKind.HKD: "Hộ KD",
             BeneficiaryKind.THT: "THT"}
SOURCE_TEXT = {Source.NSTW: "NSTW", Source.NSDP: "NSĐP", Source.NSNN: "NSNN", Source.DOI_UNG: "Đối ứng",
               Source.KHAC: "Khác"}

_live = Project.deleted_at.is_(None)


def count_rows(session: Session) -> int:
    """How many data rows an export writes, for progress."""
    total = 0
    for model in (Project, Beneficiary, Programme, PlanLine, Target):
        total += session.scalar(select(func.count()).select_from(model).where(model.deleted_at.is_(None)))
    return total


def _shared_names(session: Session) -> set[str]:
    """Folded names that more than one beneficiary bears: a project row adds their locality in brackets."""
    counts = Counter(fold_key(name) for name in session.scalars(
        select(Beneficiary.name).where(Beneficiary.deleted_at.is_(None))))
    return {name for name, n in counts.items() if n > 1}


def _project_rows(session: Session) -> Iterator[dict]:
    shared = _shared_names(session)
    query = (select(Project).where(_live).order_by(Project.year, Project.code)
             .options(selectinload(Project.links).selectinload(ProjectBeneficiary.beneficiary))
             .execution_options(yield_per=BATCH))
    for project in session.scalars(query):
        people = sorted((link.beneficiary for link in project.links
                         if link.deleted_at is None and link.beneficiary.deleted_at is None), key=lambda b: b.name_key)
        names = [f"{b.name} ({locality(b)})" if fold_key(b.name) in shared and locality(b) else b.name for b in people]
        tax_codes = [b.tax_code or "" for b in people]
        amounts = project.amounts()
        support = sum(amount for source, amount in amounts.items() if source.is_state)
        yield {"code": project.code, "name": project.name, "year": project.year, "level": project.level.label,
               "activity": project.activity_code, "status": project.status.label, "beneficiaries": "; ".join(names),
               "tax_codes": "; ".join(tax_codes) if any(tax_codes) else None, "place": project.place,
               "support": support, "counterpart": amounts[Source.DOI_UNG], "other": amounts[Source.KHAC],
               "total": support + amounts[Source.DOI_UNG] + amounts[Source.KHAC], "jobs": project.jobs,
               "participations": project.participations, "events": project.events, "notes": project.notes}


def _beneficiary_rows(session: Session) -> Iterator[dict]:
    query = (select(Beneficiary).where(Beneficiary.deleted_at.is_(None)).order_by(Beneficiary.name_key)
             .execution_options(yield_per=BATCH))
    for b in session.scalars(query):
        yield {"name": b.name, "kind": KIND_TEXT.get(b.kind), "tax_code": b.tax_code, "representative": b.representative,
               "phone": b.phone, "address": b.address, "commune": b.commune, "district": b.district,
               "province": b.province, "trade": b.trade, "employees": b.employees}


def _programme_rows(session: Session) -> Iterator[dict]:
    for p in session.scalars(select(Programme).where(Programme.deleted_at.is_(None)).order_by(Programme.code)):
        yield {"code": p.code, "name": p.name, "province": p.province, "from_year": p.from_year, "to_year": p.to_year,
               "decision_no": p.decision_no, "decision_date": p.decision_date, "total": p.total}


def _plan_rows(session: Session) -> Iterator[dict]:
    query = (select(PlanLine, Programme.code).join(Programme).where(PlanLine.deleted_at.is_(None), Programme.deleted_at.is_(None))
             .order_by(Programme.code, PlanLine.year.is_(None), PlanLine.year, PlanLine.source))
    for line, code in session.execute(query):
        yield {"programme": code, "year": line.year, "source": SOURCE_TEXT.get(line.source), "amount": line.amount}


def _target_rows(session: Session) -> Iterator[dict]:
    """Targets in the order they were entered, the order a programme report lists them."""
    query = (select(Target, Programme.code).join(Programme).where(Target.deleted_at.is_(None), Programme.deleted_at.is_(None))
             .order_by(Programme.code, Target.created_at, literal_column("target.rowid")))
    for target, code in session.execute(query):
        yield {"programme": code, "activity": target.activity_code, "description": target.description,
               "unit": target.unit, "planned": target.planned}


SHEETS = ((PROJECTS, _project_rows), (BENEFICIARIES, _beneficiary_rows), (PROGRAMMES, _programme_rows),
          (PLAN, _plan_rows), (TARGETS, _target_rows))
"""What export writes, sheet by sheet, in the order an officer reads them."""


def write_sheets(workbook, session: Session, tick, title_suffix: str = "") -> dict[str, int]:
    """Write every sheet into ``workbook`` (write-only); rows written per sheet name."""
    written = {}
    for layout, rows in SHEETS:
        sheet = PrintableSheet(workbook, layout, f"{layout.title}{title_suffix}")
        for values in rows(session):
            sheet.append(values)
            tick()
        if layout is PROJECTS:
            sheet.total_row()
        written[layout.name] = sheet.last_row - HEADER_ROW
    return written
