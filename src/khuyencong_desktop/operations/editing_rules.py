"""What makes a record valid for saving (kiểm tra dữ liệu nhập): one Vietnamese message per field."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from ..domain.codes import BeneficiaryKind, FundingLevel, Source, Status
from ..domain.money import MAX_AMOUNT
from ..domain.tax_code import tax_code_problem
from ..i18n import tr
from ..storage.models import Activity, Beneficiary, Programme, Project

MIN_YEAR, MAX_YEAR = 1990, 2100
"""Years an officer can mean: the programme began under Decree 134/2004; anything beyond is a typo."""

PROJECT_MONEY = ("approved_nstw", "approved_nsdp", "approved_nsnn", "approved_counterpart", "approved_other",
                 "settled_nstw", "settled_nsdp", "settled_nsnn", "settled_counterpart", "settled_other")
PROJECT_COUNTS = ("jobs", "participations", "events", "approval_round")
PROJECT_DATES = ("start_date", "end_date", "approval_date", "acceptance_date", "settlement_date")


class ValidationError(ValueError):
    """Values that cannot be saved; ``field_problems`` maps each field to its message. Nothing was written."""

    def __init__(self, field_problems: dict[str, str]):
        super().__init__("; ".join(field_problems.values()))
        self.field_problems = dict(field_problems)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _required(problems: dict, record, fields: dict[str, str]) -> None:
    for field, label in fields.items():
        if _blank(getattr(record, field)):
            problems[field] = tr("Chưa nhập {label}.", label=label)


def _year(problems: dict, field: str, value, label: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_YEAR <= value <= MAX_YEAR:
        problems[field] = tr("{label} phải là một năm từ {low} đến {high}.", label=label, low=MIN_YEAR, high=MAX_YEAR)


def _money(problems: dict, field: str, value) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        problems[field] = tr("Số tiền phải là số đồng nguyên.")
    elif value < 0:
        problems[field] = tr("Số tiền không được âm.")
    elif value > MAX_AMOUNT:
        problems[field] = tr("Số tiền quá lớn (tối đa 99.999 tỷ đồng): hãy kiểm tra đơn vị tính.")


def _count(problems: dict, field: str, value) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems[field] = tr("Phải là số nguyên không âm.")


def _enum(problems: dict, field: str, value, enum_class, label: str, required: bool = True) -> None:
    if value is None:
        if required:
            problems[field] = tr("Chưa chọn {label}.", label=label)
    elif not isinstance(value, enum_class):
        problems[field] = tr("{label} «{value}» không hợp lệ.", label=label[:1].upper() + label[1:], value=value)


def _unique(problems: dict, session, model, record, field: str, label: str) -> None:
    value = getattr(record, field)
    if _blank(value) or field in problems:
        return
    column = getattr(model, field)
    clash = session.scalar(select(model.code).where(func.lower(column) == value.strip().lower(), model.id != record.id,
                                                    model.deleted_at.is_(None)).limit(1))
    if clash is not None:
        problems[field] = tr("{label} «{value}» đã có; hãy chọn mã khác.", label=label, value=value.strip())


def _activity(problems: dict, session, field: str, code) -> None:
    if _blank(code):
        problems[field] = tr("Chưa chọn nội dung hoạt động.")
    elif session.scalar(select(Activity.id).where(Activity.code == code, Activity.deleted_at.is_(None))) is None:
        problems[field] = tr("Nội dung hoạt động «{code}» không có trong danh mục.", code=code)


def _dates(problems: dict, record, fields) -> None:
    for field in fields:
        value = getattr(record, field)
        if value is not None and not isinstance(value, date):
            problems[field] = tr("Ngày không hợp lệ.")


def project_problems(session, project: Project) -> dict[str, str]:
    problems: dict[str, str] = {}
    _required(problems, project, {"code": tr("mã đề án"), "name": tr("tên đề án")})
    if project.year is None:
        problems["year"] = tr("Chưa nhập năm thực hiện.")
    _year(problems, "year", project.year, tr("Năm thực hiện"))
    _enum(problems, "level", project.level, FundingLevel, tr("cấp kinh phí"))
    _enum(problems, "status", project.status, Status, tr("trạng thái"))
    _activity(problems, session, "activity_code", project.activity_code)
    for field in PROJECT_MONEY:
        _money(problems, field, getattr(project, field))
    for field in PROJECT_COUNTS:
        _count(problems, field, getattr(project, field))
    _dates(problems, project, PROJECT_DATES)
    if project.start_date and project.end_date and project.end_date < project.start_date:
        problems["end_date"] = tr("Ngày kết thúc trước ngày bắt đầu.")
    if project.programme_id and session.get(Programme, project.programme_id) is None:
        problems["programme_id"] = tr("Chương trình đã chọn không còn trong tệp.")
    _unique(problems, session, Project, project, "code", tr("Mã đề án"))
    return problems


def programme_problems(session, programme: Programme) -> dict[str, str]:
    problems: dict[str, str] = {}
    _required(problems, programme, {"code": tr("mã chương trình"), "name": tr("tên chương trình")})
    for field, label in (("from_year", tr("Từ năm")), ("to_year", tr("Đến năm"))):
        if getattr(programme, field) is None:
            problems[field] = tr("Chưa nhập {label}.", label=label.lower())
        _year(problems, field, getattr(programme, field), label)
    if "from_year" not in problems and "to_year" not in problems and programme.to_year < programme.from_year:
        problems["to_year"] = tr("Năm kết thúc phải từ năm bắt đầu trở đi.")
    _money(problems, "total", programme.total)
    _dates(problems, programme, ("decision_date",))
    _unique(problems, session, Programme, programme, "code", tr("Mã chương trình"))
    return problems


def plan_line_problems(programme: Programme, year, source, amount) -> str | None:
    """The problem with one plan line (kế hoạch vốn), or None."""
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)
                             or not programme.from_year <= year <= programme.to_year):
        return tr("Năm {year} nằm ngoài giai đoạn {start}–{end} của chương trình.", year=year,
                  start=programme.from_year, end=programme.to_year)
    if source is not None and not isinstance(source, Source):
        return tr("Nguồn vốn «{value}» không hợp lệ.", value=source)
    problems: dict[str, str] = {}
    _money(problems, "amount", amount)
    if amount is None:
        return tr("Chưa nhập kinh phí.")
    return problems.get("amount")


def target_problems(session, activity_code, planned) -> str | None:
    problems: dict[str, str] = {}
    _activity(problems, session, "activity_code", activity_code)
    if planned is None:
        problems["planned"] = tr("Chưa nhập chỉ tiêu kế hoạch.")
    else:
        _count(problems, "planned", planned)
    return next(iter(problems.values()), None)


def beneficiary_problems(session, beneficiary: Beneficiary) -> dict[str, str]:
    problems: dict[str, str] = {}
    _required(problems, beneficiary, {"name": tr("tên cơ sở")})
    _enum(problems, "kind", beneficiary.kind, BeneficiaryKind, tr("loại hình"), required=False)
    problem = tax_code_problem(beneficiary.tax_code)
    if problem:
        problems["tax_code"] = problem
    _count(problems, "employees", beneficiary.employees)
    return problems
