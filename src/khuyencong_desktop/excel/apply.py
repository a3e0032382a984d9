"""Writing parsed sheets into the file: match, create or update records, counting what changed.

Everything runs inside the caller's one session (one transaction). Projects, beneficiaries and
links already in the file are compared as plain values (:mod:`.stored`); the ones a row changes
go through the ORM, whose before_flush hook writes their history. New beneficiaries, projects
and links are collected in a BulkCreator and inserted together with the same history by
:meth:`Applier.finish`.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session, selectinload

from ..domain.codes import FundingLevel, Status
from ..domain.text import fold_key
from ..i18n import tr
from ..storage.base import utc_now
from ..storage.bulk import BulkCreator, NewRecord
from ..storage.models import Beneficiary, PlanLine, Programme, Project, ProjectBeneficiary, Target
from .matching import Ambiguous, BeneficiaryIndex
from .parse_rows import ParsedRow, SheetParse
from .stored import StoredRecord, change, stored

CHUNK = 500
"""Codes looked up per query when preloading existing projects."""


@dataclass
class SheetCounts:
    """Số bản ghi tạo mới / cập nhật / không đổi of one sheet."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _set(obj, values: dict) -> bool:
    """Give ``obj`` the ``values`` that differ; whether anything changed."""
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


def _present(values: dict, mapping: dict[str, str], blank=None) -> dict:
    """Record fields for the sheet columns present in ``values`` (column key → field)."""
    return {field: (values[key] if values[key] not in (None, "") or blank is None else blank)
            for key, field in mapping.items() if key in values}


class Applier:
    """Applies parsed sheets in one session; problems found while matching go to ``problems``."""

    def __init__(self, session: Session, problems: list[str], progress=None):
        self.session = session
        self.problems = problems
        self.progress = progress or (lambda done: None)
        self.bulk = BulkCreator(session)
        self.beneficiaries = BeneficiaryIndex(session)
        self.programmes = {fold_key(p.code): p for p in session.scalars(
            select(Programme).options(selectinload(Programme.plan_lines), selectinload(Programme.targets)))}

    def apply(self, sheet: SheetParse) -> SheetCounts:
        """Apply the sheet's rows, letting each go once applied (``sheet.rows`` is left empty).

        A row's values live on in the records it made or changed; the parsed rows themselves are
        not all held while a 100.000-row sheet's records are written.
        """
        counts = SheetCounts()
        apply_row = getattr(self, "_" + sheet.header.layout.key)
        if sheet.header.layout.key == "projects":
            self._preload_projects(sheet.rows)
        rows, sheet.rows = sheet.rows, []
        rows.reverse()
        while rows:
            row = rows.pop()
            outcome = apply_row(row, sheet)
            if outcome is not None:
                setattr(counts, outcome, getattr(counts, outcome) + 1)
            self.progress(1)
        return counts

    def finish(self) -> None:
        """Write everything: the ORM's edits first, then the new records they may be linked to."""
        self.session.flush()
        self.bulk.flush()

    def _problem(self, sheet: SheetParse, row: ParsedRow, key: str, message: str) -> None:
        self.problems.append(f"{sheet.header.where(row.row, key)}: {message}")

    @staticmethod
    def _outcome(created: bool, changed: bool) -> str:
        return "created" if created else "updated" if changed else "unchanged"

    # -- Cơ sở ---------------------------------------------------------------------------------
    def _beneficiaries(self, row: ParsedRow, sheet: SheetParse) -> str | None:
        v = row.values
        try:
            beneficiary = self.beneficiaries.for_sheet_row(v["name"], v.get("tax_code"), v.get("commune"),
                                                           v.get("district"))
        except Ambiguous as exc:
            self._problem(sheet, row, "name", str(exc))
            return None
        fields = _present(v, {"name": "name", "kind": "kind", "tax_code": "tax_code", "employees": "employees"})
        fields.update(_present(v, {key: key for key in ("representative", "phone", "address", "commune", "district",
                                                        "province", "trade")}, blank=""))
        if beneficiary is None:
            beneficiary = self.bulk.new(Beneficiary, **fields)
            self.beneficiaries.add(beneficiary)
            self.beneficiaries.claimed.add(beneficiary)
            return "created"
        self.beneficiaries.claimed.add(beneficiary)
        old_name, old_tax = beneficiary.name, beneficiary.tax_code
        changed = change(self.session, beneficiary, fields)
        if beneficiary.name != old_name:
            self.beneficiaries.renamed(beneficiary, old_name)
        if beneficiary.tax_code and beneficiary.tax_code != old_tax:
            self.beneficiaries.taxed(beneficiary)
        return self._outcome(False, changed)

    # -- Chương trình, Kế hoạch vốn, Chỉ tiêu -----------------------------------------------------
    def _programmes(self, row: ParsedRow, sheet: SheetParse) -> str:
        v = row.values
        fields = _present(v, {"name": "name", "from_year": "from_year", "to_year": "to_year",
                              "decision_date": "decision_date", "total": "total"})
        fields.update(_present(v, {"province": "province", "decision_no": "decision_no"}, blank=""))
        programme = self.programmes.get(fold_key(v["code"]))
        if programme is None:
            programme = Programme(code=v["code"], **fields)
            self.session.add(programme)
            self.programmes[fold_key(programme.code)] = programme
            return "created"
        restored = _set(programme, {"deleted_at": None})
        return self._outcome(False, _set(programme, fields) or restored)

    def _programme_of(self, row: ParsedRow, sheet: SheetParse) -> Programme | None:
        programme = self.programmes.get(fold_key(row.values["programme"]))
        if programme is None:
            self._problem(sheet, row, "programme", tr("không có chương trình mã «{code}» trong tệp hay trong trang "
                                                      "Chương trình", code=row.values["programme"]))
        return programme

    def _plan(self, row: ParsedRow, sheet: SheetParse) -> str | None:
        programme = self._programme_of(row, sheet)
        if programme is None:
            return None
        year, source = row.values.get("year"), row.values.get("source")
        line = next((line for line in programme.plan_lines
                     if line.deleted_at is None and line.year == year and line.source == source), None)
        if line is None:
            programme.plan_lines.append(PlanLine(year=year, source=source, amount=row.values["amount"]))
            return "created"
        return self._outcome(False, _set(line, {"amount": row.values["amount"]}))

    def _targets(self, row: ParsedRow, sheet: SheetParse) -> str | None:
        programme = self._programme_of(row, sheet)
        if programme is None:
            return None
        v = row.values
        same_activity = [t for t in programme.targets if t.deleted_at is None and t.activity_code == v["activity"]]
        target = next((t for t in same_activity if fold_key(t.description) == fold_key(v["description"])),
                      same_activity[0] if len(same_activity) == 1 else None)
        fields = {"activity_code": v["activity"], "description": v["description"], "planned": v["planned"]}
        if "unit" in v:
            fields["unit"] = v["unit"]
        if target is None:
            programme.targets.append(Target(**fields))
            return "created"
        return self._outcome(False, _set(target, fields))

    # -- Đề án ---------------------------------------------------------------------------------
    def _preload_projects(self, rows: list[ParsedRow]) -> None:
        """The sheet's projects already in the file, and their links by beneficiary id, as plain values."""
        codes = [row.values["code"] for row in rows]
        projects, links = Project.__table__, ProjectBeneficiary.__table__
        self.projects: dict[str, StoredRecord | NewRecord] = {}
        self.links: dict[str, dict[str, StoredRecord | NewRecord]] = {}
        for start in range(0, len(codes), CHUNK):
            found = stored(self.session, Project, select(projects).where(projects.c.code.in_(codes[start:start + CHUNK])))
            self.projects.update((project.code, project) for project in found)
            query = select(links).where(links.c.project_id.in_([project.id for project in found]))
            # In insertion order, as the ORM's relationship loads them: of two links to one
            # beneficiary the later one is the one kept.
            for link in stored(self.session, ProjectBeneficiary, query.order_by(text("rowid"))):
                self.links.setdefault(link.project_id, {})[link.beneficiary_id] = link

    def _projects(self, row: ParsedRow, sheet: SheetParse) -> str | None:
        v = row.values
        self._links_changed = False
        project = self.projects.get(v["code"])
        created = project is None
        fields = {"name": v["name"], "year": v["year"], "level": v["level"], "activity_code": v["activity"]}
        fields.update(_present(v, {"place": "place", "notes": "notes"}, blank=""))
        if v.get("status"):
            fields["status"] = v["status"]
        for key, field in (("counterpart", "approved_counterpart"), ("other", "approved_other"), ("jobs", "jobs"),
                           ("participations", "participations"), ("events", "events")):
            if key in v:
                fields[field] = v[key] or 0
        fields.update(self._state_amounts(project, v["level"], v["support"]))
        if created:
            project = self.bulk.new(Project, code=v["code"], **{"status": Status.DA_PHE_DUYET, **fields})
            self.projects[project.code] = project
        elif Project.is_locked.fget(project) and any(getattr(project, key) != value for key, value in fields.items()):
            self._problem(sheet, row, "code", tr("đề án «{code}» đã quyết toán nên bị khóa; hãy mở khóa trong ứng dụng "
                                                 "trước khi sửa", code=project.code))
            return None
        changed = not created and (change(self.session, project, {"deleted_at": None})
                                   | change(self.session, project, fields))
        if "links" in v and not self._link(project, v, row, sheet):
            return None
        return self._outcome(created, changed or self._links_changed)

    @staticmethod
    def _state_amounts(project: StoredRecord | None, level: FundingLevel, support: int) -> dict[str, int]:
        """NSTW for KCQG, NSĐP for KCĐP; an existing split with the same total and level is kept."""
        if project is not None and project.level == level and \
                project.approved_nstw + project.approved_nsdp + project.approved_nsnn == support:
            return {}
        return {"approved_nstw": support if level == FundingLevel.KCQG else 0,
                "approved_nsdp": support if level == FundingLevel.KCDP else 0, "approved_nsnn": 0}

    def _link(self, project: StoredRecord | NewRecord, v: dict, row: ParsedRow, sheet: SheetParse) -> bool:
        existing = self.links.setdefault(project.id, {})  # beneficiary id → the project's link to it
        linked = {b for b, link in existing.items() if link.deleted_at is None}
        wanted = []
        for name, tax_code in v["links"]:
            try:
                beneficiary = self.beneficiaries.for_project(name, tax_code, v.get("place", ""), linked)
            except Ambiguous as exc:
                self._problem(sheet, row, "beneficiaries", str(exc))
                return False
            if beneficiary is None:
                beneficiary = self.bulk.new(Beneficiary, name=name, tax_code=tax_code)
                self.beneficiaries.add(beneficiary)
            elif tax_code and not beneficiary.tax_code:
                change(self.session, beneficiary, {"tax_code": tax_code})
                self.beneficiaries.taxed(beneficiary)
            wanted.append(beneficiary)
        for beneficiary in wanted:
            link = existing.get(beneficiary.id)
            if link is None:
                existing[beneficiary.id] = self.bulk.new(ProjectBeneficiary, project_id=project.id,
                                                         beneficiary_id=beneficiary.id)
                self._links_changed = True
            elif link.deleted_at is not None:
                self._links_changed |= change(self.session, link, {"deleted_at": None})
        wanted_ids = {beneficiary.id for beneficiary in wanted}
        for beneficiary_id, link in existing.items():
            if beneficiary_id not in wanted_ids and link.deleted_at is None:
                self._links_changed |= change(self.session, link, {"deleted_at": utc_now()})
        return True

