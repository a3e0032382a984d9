"""The lists officers browse (danh sách): filtered, sorted, paged queries with totals, as plain rows."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, exists, func, select

from ..domain.codes import COUNTED_STATUSES, BeneficiaryKind, FundingLevel, Source, Status
from ..domain.text import fold, sort_key
from ..storage.models import Beneficiary, PlanLine, Programme, Project, ProjectBeneficiary
from .amounts import effective, state_support
from .filter_choices import FilterChoices, filter_choices
from .list_query import ListFilter, ListQuery, like_words, place_condition, stored_records

__all__ = ["BeneficiaryQuery", "BeneficiaryRow", "BeneficiaryTotals", "FilterChoices", "ListFilter", "ProgrammeQuery",
           "ProgrammeRow", "ProgrammeTotals", "ProjectQuery", "ProjectRow", "ProjectTotals", "filter_choices",
           "stored_records"]


@dataclass(frozen=True)
class ProjectRow:
    """One line of the Đề án list; amounts in whole đồng (settled once settled, else approved)."""

    id: str
    code: str
    name: str
    year: int
    level: FundingLevel
    activity_code: str
    status: Status
    place: str
    state: int
    counterpart: int
    other: int
    jobs: int
    programme_code: str | None


@dataclass(frozen=True)
class ProjectTotals:
    """Totals of every project the filter shows, and how many of them a period summary would count."""

    count: int = 0
    state: int = 0
    counterpart: int = 0
    other: int = 0
    jobs: int = 0
    counted: int = 0



class ProjectQuery(ListQuery):
    """Đề án list query."""

    MODEL = Project

    SORTS = {"code": Project.code, "name": Project.name_key, "year": Project.year, "level": Project.level,
             "activity": Project.activity_code, "status": Project.status, "place": Project.place,
             "state": state_support(), "counterpart": effective(Source.DOI_UNG), "other": effective(Source.KHAC),
             "jobs": Project.jobs, "programme": Programme.code}
    DEFAULT_SORT = "year"

    def _where(self) -> list:
        f = self.filter
        where = [Project.deleted_at.is_(None)]
        if f.text.strip():
            where.append(like_words(Project.search_text, f.text))
        if f.year is not None:
            where.append(Project.year == f.year)
        if f.level is not None:
            where.append(Project.level == f.level)
        if f.activity:
            where.append(Project.activity_code == f.activity)
        if f.status is not None:
            where.append(Project.status == f.status)
        if f.place:
            where.append(place_condition(Project, f.place))
        if f.programme_id:
            where.append(Project.programme_id == f.programme_id)
        return where

    def count(self) -> int:
        return self._rows(select(func.count()).select_from(Project).where(*self._where()))[0][0]

    def totals_statement(self):
        counted = case((Project.status.in_(COUNTED_STATUSES), 1), else_=0)
        return select(func.count(), func.coalesce(func.sum(state_support()), 0),
                      func.coalesce(func.sum(effective(Source.DOI_UNG)), 0),
                      func.coalesce(func.sum(effective(Source.KHAC)), 0),
                      func.coalesce(func.sum(Project.jobs), 0), func.coalesce(func.sum(counted), 0)
                      ).select_from(Project).where(*self._where())

    def totals(self) -> ProjectTotals:
        return ProjectTotals(*self._rows(self.totals_statement())[0])

    @staticmethod
    def _select():
        return (select(Project.id, Project.code, Project.name, Project.year, Project.level, Project.activity_code,
                       Project.status, Project.place, state_support(), effective(Source.DOI_UNG),
                       effective(Source.KHAC), Project.jobs, Programme.code)
                .outerjoin(Programme, Programme.id == Project.programme_id))

    def fetch(self, offset: int, limit: int) -> list[ProjectRow]:
        stmt = self._select().where(*self._where()).order_by(*self._order(Project.code, Project.id)).offset(offset).limit(limit)
        return [ProjectRow(*row) for row in self._rows(stmt)]

    def ids_statement(self):
        return (select(Project.id).outerjoin(Programme, Programme.id == Project.programme_id)
                .where(*self._where()).order_by(*self._order(Project.code, Project.id)))

    def ids(self) -> list[str]:
        """Every matching id in list order: one sort, after which pages are fetched by id, not by OFFSET."""
        return self._first_column(self.ids_statement())

    def page_statement(self, ids: list[str]):
        return self._select().where(Project.id.in_(ids))

    def _by_ids(self, ids: list[str]) -> list[ProjectRow]:
        return [ProjectRow(*row) for row in self._rows(self.page_statement(ids))]

    def get(self, record_id: str) -> ProjectRow | None:
        """The row of one project as it is now, whatever the filter (None once deleted)."""
        rows = self._rows(self._select().where(Project.id == record_id, Project.deleted_at.is_(None)))
        return ProjectRow(*rows[0]) if rows else None


@dataclass(frozen=True)
class BeneficiaryRow:
    """One line of the Cơ sở thụ hưởng list."""

    id: str
    name: str
    kind: BeneficiaryKind | None
    tax_code: str | None
    representative: str
    commune: str
    district: str
    province: str
    trade: str
    employees: int | None
    projects: int


@dataclass(frozen=True)
class BeneficiaryTotals:
    count: int = 0
    employees: int = 0
    with_employees: int = 0
    """How many of them have their number of workers filled in (the sum counts only those)."""


_LINKED_PROJECTS = (select(func.count()).select_from(ProjectBeneficiary)
                    .join(Project, Project.id == ProjectBeneficiary.project_id)
                    .where(ProjectBeneficiary.beneficiary_id == Beneficiary.id, ProjectBeneficiary.deleted_at.is_(None),
                           Project.deleted_at.is_(None)).correlate(Beneficiary).scalar_subquery())


class BeneficiaryQuery(ListQuery):
    """Cơ sở thụ hưởng list query; year, level, activity, status and programme filter by linked projects."""

    MODEL = Beneficiary

    SORTS = {"name": Beneficiary.name_key, "kind": Beneficiary.kind, "tax_code": Beneficiary.tax_code,
             "representative": Beneficiary.representative, "commune": Beneficiary.commune,
             "district": Beneficiary.district, "province": Beneficiary.province, "trade": Beneficiary.trade,
             "employees": Beneficiary.employees, "projects": _LINKED_PROJECTS}

    def _where(self) -> list:
        f = self.filter
        where = [Beneficiary.deleted_at.is_(None)]
        if f.text.strip():
            where.append(like_words(Beneficiary.search_text, f.text))
        if f.kind is not None:
            where.append(Beneficiary.kind == f.kind)
        if f.place:
            where.append(place_condition(Beneficiary, f.place))
        project_where = [
            condition for value, condition in (
                (f.year, Project.year == f.year), (f.level, Project.level == f.level),
                (f.activity, Project.activity_code == f.activity), (f.status, Project.status == f.status),
                (f.programme_id, Project.programme_id == f.programme_id))
            if value is not None and value != ""]
        if project_where:
            where.append(exists(select(ProjectBeneficiary.id)
                                .join(Project, Project.id == ProjectBeneficiary.project_id)
                                .where(ProjectBeneficiary.beneficiary_id == Beneficiary.id,
                                       ProjectBeneficiary.deleted_at.is_(None), Project.deleted_at.is_(None),
                                       *project_where)))
        return where

    def count(self) -> int:
        return self._rows(select(func.count()).select_from(Beneficiary).where(*self._where()))[0][0]

    def totals(self) -> BeneficiaryTotals:
        stmt = select(func.count(), func.coalesce(func.sum(Beneficiary.employees), 0),
                      func.count(Beneficiary.employees)).where(*self._where())
        return BeneficiaryTotals(*self._rows(stmt)[0])

    @staticmethod
    def _select():
        return select(Beneficiary.id, Beneficiary.name, Beneficiary.kind, Beneficiary.tax_code,
                      Beneficiary.representative, Beneficiary.commune, Beneficiary.district, Beneficiary.province,
                      Beneficiary.trade, Beneficiary.employees, _LINKED_PROJECTS)

    def fetch(self, offset: int, limit: int) -> list[BeneficiaryRow]:
        stmt = self._select().where(*self._where()).order_by(*self._order(Beneficiary.name_key, Beneficiary.id)).offset(offset).limit(limit)
        return [BeneficiaryRow(*row) for row in self._rows(stmt)]

    def ids_statement(self):
        return select(Beneficiary.id).where(*self._where()).order_by(*self._order(Beneficiary.name_key, Beneficiary.id))

    def ids(self) -> list[str]:
        return self._first_column(self.ids_statement())

    def _by_ids(self, ids: list[str]) -> list[BeneficiaryRow]:
        return [BeneficiaryRow(*row) for row in self._rows(self._select().where(Beneficiary.id.in_(ids)))]

    def get(self, record_id: str) -> BeneficiaryRow | None:
        rows = self._rows(self._select().where(Beneficiary.id == record_id, Beneficiary.deleted_at.is_(None)))
        return BeneficiaryRow(*rows[0]) if rows else None


@dataclass(frozen=True)
class ProgrammeRow:
    """One line of the Chương trình list."""

    id: str
    code: str
    name: str
    province: str
    from_year: int
    to_year: int
    total: int | None
    planned: int
    projects: int


@dataclass(frozen=True)
class ProgrammeTotals:
    count: int = 0
    total: int = 0
    projects: int = 0


class ProgrammeQuery(ListQuery):
    """Chương trình list query. Programmes are few (one province, a handful of periods), so the
    text filter folds in Python instead of relying on a stored search column."""

    SORTS = {"code": sort_key, "name": sort_key, "province": sort_key, "from_year": int, "to_year": int,
             "total": int, "planned": int, "projects": int}
    """Sort column → how its values compare (Vietnamese order for text)."""
    DEFAULT_SORT = "from_year"

    def _all(self) -> list[ProgrammeRow]:
        f = self.filter
        planned = (select(func.coalesce(func.sum(PlanLine.amount), 0))
                   .where(PlanLine.programme_id == Programme.id, PlanLine.deleted_at.is_(None), PlanLine.year.is_not(None))
                   .correlate(Programme).scalar_subquery())
        project_where = [Project.programme_id == Programme.id, Project.deleted_at.is_(None)]
        projects = select(func.count()).select_from(Project).where(*project_where).correlate(Programme).scalar_subquery()
        where = [Programme.deleted_at.is_(None)]
        if f.year is not None:
            where.append(and_(Programme.from_year <= f.year, Programme.to_year >= f.year))
        if f.place:
            where.append(Programme.province == f.place)
        stmt = select(Programme.id, Programme.code, Programme.name, Programme.province, Programme.from_year,
                      Programme.to_year, Programme.total, planned, projects).where(*where)
        rows = [ProgrammeRow(*row) for row in self._rows(stmt)]
        words = fold(f.text).split()
        if words:
            rows = [r for r in rows if all(w in fold(f"{r.code} {r.name} {r.province}") for w in words)]
        return rows

    def _sorted(self) -> list[ProgrammeRow]:
        convert = self.SORTS[self.sort]
        rows = sorted(self._all(), key=lambda r: (sort_key(r.name), r.id))
        return sorted(rows, key=lambda r: convert(getattr(r, self.sort) or 0), reverse=self.descending)

    def count(self) -> int:
        return len(self._all())

    def totals(self) -> ProgrammeTotals:
        rows = self._all()
        return ProgrammeTotals(len(rows), sum(r.total or 0 for r in rows), sum(r.projects for r in rows))

    def fetch(self, offset: int, limit: int) -> list[ProgrammeRow]:
        return self._sorted()[offset:offset + limit]

    def ids(self) -> list[str]:
        return [row.id for row in self._sorted()]

    def _by_ids(self, ids: list[str]) -> list[ProgrammeRow]:
        wanted = set(ids)
        return [row for row in ProgrammeQuery(self.db)._all() if row.id in wanted]

    def includes(self, record_id: str) -> bool:
        return any(row.id == record_id for row in self._all())

    def get(self, record_id: str) -> ProgrammeRow | None:
        everything = ProgrammeQuery(self.db)
        return next((row for row in everything._all() if row.id == record_id), None)
