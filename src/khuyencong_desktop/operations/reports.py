"""The printed documents from a file: gather each document's data, then write its PDF safely."""
from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..domain.codes import COUNTED_STATUSES, FundingLevel, Source
from ..domain.money import MoneyUnit
from ..i18n import tr
from ..reports import completion, period_summary, proposal, year_plan
from ..reports.letterhead_from_office import DocumentOptions, letterhead_from_office
from ..reports.project_data import BeneficiaryInfo, ProjectInfo
from ..storage.database import Database
from ..storage.errors import StorageError
from ..storage.models import Office, Programme, Project, ProjectBeneficiary
from .create import activity_names
from .programme import programme_report
from .summary import period_summary as compute_period_summary


class ProjectNotFound(LookupError):
    def __init__(self, code: str):
        super().__init__(tr("Không tìm thấy đề án có mã «{code}».", code=code))


class OutputNotWritable(StorageError):
    """The PDF could not be written where asked; no file, not even a partial one, is left there."""

    def __init__(self, path: Path, error: OSError):
        reasons = {
            errno.ENOENT: tr("thư mục không tồn tại"),
            errno.EACCES: tr("không có quyền ghi, hoặc tệp đang mở trong một chương trình khác"),
            errno.EPERM: tr("không có quyền ghi, hoặc tệp đang mở trong một chương trình khác"),
            errno.ENOSPC: tr("ổ đĩa đã đầy"),
            errno.EROFS: tr("ổ đĩa chỉ cho phép đọc"),
            errno.EISDIR: tr("đó là một thư mục"),
            errno.ENOTDIR: tr("đường dẫn không phải là thư mục"),
        }
        reason = reasons.get(error.errno, error.strerror or str(error))
        super().__init__(tr("Không ghi được tệp «{path}»: {reason}.", path=path, reason=reason))


def write_atomically(out: str | Path, build: Callable[[str], None]) -> Path:
    """Run ``build(temporary path)`` in ``out``'s folder, then rename the result to ``out``.

    A failure at any point leaves ``out`` as it was and removes the temporary file.
    """
    out = Path(out)
    try:
        handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.stem}.", suffix=".part")
    except OSError as error:
        raise OutputNotWritable(out, error) from error
    os.close(handle)
    try:
        build(temporary)
        if out.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(out))
        os.replace(temporary, out)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputNotWritable(out, error) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return out


def _office(db: Database, session) -> Office:
    office = db.local_office(session) or session.scalar(
        select(Office).where(Office.deleted_at.is_(None)).order_by(Office.name))
    if office is None:
        raise StorageError(tr("Tệp chưa có thông tin đơn vị; hãy nhập thông tin đơn vị trước khi in văn bản."))
    return office


def _unit(office: Office) -> MoneyUnit:
    return MoneyUnit.__members__.get(office.default_unit or "", MoneyUnit.TRIEU)


def _address(beneficiary) -> str:
    parts = (beneficiary.address, beneficiary.commune, beneficiary.district, beneficiary.province)
    return ", ".join(part for part in parts if part)


def _project_info(project: Project, activity: str, unit: MoneyUnit) -> ProjectInfo:
    settled_fields = [getattr(project, "settled_" + field) for field in ("nstw", "nsdp", "nsnn", "counterpart",
                                                                          "other")]
    beneficiaries = tuple(
        BeneficiaryInfo(link.beneficiary.name, link.beneficiary.kind.label if link.beneficiary.kind else "",
                        link.beneficiary.tax_code or "", _address(link.beneficiary))
        for link in project.links if not link.is_deleted and not link.beneficiary.is_deleted)
    return ProjectInfo(
        code=project.code, name=project.name, year=project.year, level=project.level.label, activity=activity,
        implementing_unit=project.implementing_unit, place=project.place, unit=unit,
        approved=project.amounts(),
        settled=project.amounts(settled=True) if any(v is not None for v in settled_fields) else None,
        beneficiaries=beneficiaries, start_date=project.start_date, end_date=project.end_date,
        necessity=project.necessity, objectives=project.objectives, content=project.content,
        schedule=project.schedule, expected_results=project.expected_results, jobs=project.jobs,
        participations=project.participations, events=project.events, capacity=project.capacity,
        outputs=project.outputs, approval_decision_no=project.approval_decision_no,
        approval_date=project.approval_date, acceptance_decision_no=project.acceptance_decision_no,
        acceptance_date=project.acceptance_date, remarks=project.remarks, status=project.status.label)


def _project_document(db: Database, code: str, out: str | Path, options: DocumentOptions, kind: str) -> Path:
    names = activity_names(db)
    with db.session() as session:
        project = session.scalar(select(Project).where(Project.code == code, Project.deleted_at.is_(None))
                                 .options(selectinload(Project.links).selectinload(ProjectBeneficiary.beneficiary)))
        if project is None:
            raise ProjectNotFound(code)
        office = _office(db, session)
        info = _project_info(project, names.get(project.activity_code, project.activity_code), _unit(office))
        if kind == "proposal":
            letterhead = letterhead_from_office(office, proposal.DOCUMENT_KIND, options)
        else:
            letterhead = letterhead_from_office(office, completion.DOCUMENT_KIND, options, with_accounts=True)
    write = proposal.write_proposal if kind == "proposal" else completion.write_completion
    return write_atomically(out, lambda target: write(target, info, letterhead))


def write_proposal_pdf(db: Database, code: str, out: str | Path, options: DocumentOptions = DocumentOptions()) -> Path:
    """The proposal (đề án) of project ``code``."""
    return _project_document(db, code, out, options, "proposal")


def write_completion_pdf(db: Database, code: str, out: str | Path,
                         options: DocumentOptions = DocumentOptions()) -> Path:
    """The completion report (báo cáo kết quả thực hiện đề án) of project ``code``."""
    return _project_document(db, code, out, options, "completion")


def period_report_data(db: Database, from_year: int, to_year: int) -> period_summary.PeriodReportData:
    """The period's figures (from ``period_summary``), its programmes' targets and the projects left out."""
    summary = compute_period_summary(db, from_year, to_year)
    with db.session() as session:
        office = _office(db, session)
        codes = session.scalars(select(Programme.code).where(
            Programme.deleted_at.is_(None), Programme.from_year <= to_year, Programme.to_year >= from_year)
            .order_by(Programme.from_year, Programme.code)).all()
        excluded = [period_summary.ExcludedProject(p.code, p.name, p.year, p.status.label)
                    for p in session.scalars(select(Project).where(
                        Project.deleted_at.is_(None), Project.year.between(from_year, to_year),
                        Project.status.not_in(COUNTED_STATUSES)).order_by(Project.year, Project.code))]
        issuing_body, unit = office.name, _unit(office)
    national = compute_period_summary(db, from_year, to_year, level=FundingLevel.KCQG)
    return period_summary.PeriodReportData(
        summary=summary, national_by_activity=national.projects_by_activity, activity_names=activity_names(db),
        programmes=[programme_report(db, code) for code in codes], excluded=excluded,
        issuing_body=issuing_body, unit=unit)


def write_period_summary_pdf(db: Database, from_year: int, to_year: int, out: str | Path,
                             options: DocumentOptions = DocumentOptions()) -> Path:
    """The period report (báo cáo tổng kết giai đoạn) of ``from_year``..``to_year``."""
    data = period_report_data(db, from_year, to_year)
    with db.session() as session:
        letterhead = letterhead_from_office(_office(db, session), period_summary.DOCUMENT_KIND, options,
                                            with_accounts=True)
    return write_atomically(out, lambda target: period_summary.write_period_summary(target, data, letterhead))


def year_plan_rows(db: Database, year: int) -> list[year_plan.PlanRow]:
    """The projects of ``year`` approved or later, national first, each with its approved money."""
    names = activity_names(db)
    state = [source for source in Source if source.is_state]
    level_order = {level: i for i, level in enumerate(FundingLevel)}
    with db.session() as session:
        projects = session.scalars(
            select(Project).where(Project.deleted_at.is_(None), Project.year == year,
                                  Project.status.in_(COUNTED_STATUSES))
            .options(selectinload(Project.links).selectinload(ProjectBeneficiary.beneficiary))).all()
        rows = []
        for p in sorted(projects, key=lambda p: (level_order[p.level], p.code)):
            amounts = p.amounts()
            who = "; ".join(link.beneficiary.name for link in p.links
                            if not link.is_deleted and not link.beneficiary.is_deleted)
            rows.append(year_plan.PlanRow(
                p.code, p.name, who, p.place, names.get(p.activity_code, p.activity_code), p.level.label,
                sum(amounts[s] for s in state), amounts[Source.DOI_UNG], amounts[Source.KHAC]))
    return rows


def write_year_plan_pdf(db: Database, year: int, out: str | Path, options: DocumentOptions = DocumentOptions()) -> Path:
    """The year's list of approved projects (danh mục đề án khuyến công năm …), landscape."""
    rows = year_plan_rows(db, year)
    with db.session() as session:
        office = _office(db, session)
        letterhead = letterhead_from_office(office, year_plan.DOCUMENT_KIND, options)
        unit = _unit(office)
    return write_atomically(out, lambda target: year_plan.write_year_plan(target, year, rows, unit, letterhead))


REPORT_KINDS = ("proposal", "completion", "summary", "plan")


def write_report(db: Database, kind: str, out: str | Path, options: DocumentOptions = DocumentOptions(), *,
                 project: str = "", from_year: int = 0, to_year: int = 0, year: int = 0) -> Path:
    """One of the four documents by its ``kind`` (REPORT_KINDS), as the command line and the window ask."""
    if kind == "proposal":
        return write_proposal_pdf(db, project, out, options)
    if kind == "completion":
        return write_completion_pdf(db, project, out, options)
    if kind == "summary":
        return write_period_summary_pdf(db, from_year, to_year, out, options)
    if kind == "plan":
        return write_year_plan_pdf(db, year, out, options)
    raise ValueError(f"unknown document kind {kind!r}")


def project_choices(db: Database) -> list[tuple[str, str]]:
    """(code, name) of every project, newest year first, for choosing the project of a document."""
    with db.session() as session:
        return [(code, name) for code, name in session.execute(
            select(Project.code, Project.name).where(Project.deleted_at.is_(None))
            .order_by(Project.year.desc(), Project.code))]
