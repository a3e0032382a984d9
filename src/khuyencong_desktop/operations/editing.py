"""Editing records (sửa dữ liệu): each function is one transaction that returns what undo needs.

Every change returns the previous values, so undoing it is applying them back through the same
function (itself a recorded edit). Rules: Vietnamese validation per field, the project lifecycle,
the lock on settled projects and the acknowledgement of support above the norm.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import inspect, select

from ..domain.codes import COUNTED_STATUSES, Status, allowed_transitions
from ..domain.text import nfc, nfc_multiline
from ..i18n import tr
from ..storage.base import new_id, utc_now
from ..storage.database import Database
from ..storage.errors import RecordLocked
from ..storage.history import content_columns
from ..storage.models import (MODEL_BY_TABLE, Beneficiary, ChangeLog, PlanLine, Programme, Project,
                              ProjectBeneficiary, Target)
from ..storage.values import load
from .editing_rules import (PROJECT_MONEY, ValidationError, beneficiary_problems, plan_line_problems,
                            programme_problems, project_problems, target_problems)
from .norm_checks import load_norms, project_norm_warning

MULTILINE = frozenset({"notes", "remarks", "outputs", "necessity", "objectives", "content", "schedule",
                       "expected_results", "recipients", "norm_ack_reason"})
_CHECKS = {Project: project_problems, Programme: programme_problems, Beneficiary: beneficiary_problems}


def _set(obj, changes: dict) -> dict:
    """Set ``changes`` on ``obj`` (text in NFC), returning the values they replace."""
    allowed = set(content_columns(type(obj)))
    previous = {}
    for key, value in changes.items():
        if key not in allowed:
            raise KeyError(f"{type(obj).__name__} has no editable field {key!r}")
        if type(value) is str:  # enum members are str too, and must stay members
            value = nfc_multiline(value) if key in MULTILINE else nfc(value)
        previous[key] = getattr(obj, key)
        setattr(obj, key, value)
    return previous


def _get(session, model, record_id: str):
    obj = session.get(model, record_id)
    if obj is None:
        raise LookupError(tr("Không tìm thấy bản ghi cần sửa; có thể nó đã bị xóa."))
    return obj


def _check_lock(project: Project, changes: dict) -> None:
    if project.is_locked and set(changes) - {"unlocked", "notes"}:
        raise RecordLocked(tr("Đề án «{code}» đã quyết toán nên bị khóa. Hãy bấm «Mở khóa…» và ghi lý do trước khi sửa.",
                              code=project.code))


def _validate(session, obj, old_status: Status | None, reverting: bool) -> None:
    problems = _CHECKS[type(obj)](session, obj)
    if isinstance(obj, Project) and not reverting and old_status is not None and obj.status != old_status \
            and "status" not in problems and obj.status not in allowed_transitions(old_status):
        problems["status"] = tr("Không thể chuyển đề án từ «{old}» sang «{new}».", old=old_status.label,
                                new=obj.status.label)
    if problems:
        raise ValidationError(problems)


def _check_norm(session, project: Project, old_status: Status | None, support_changed: bool) -> None:
    """Support above the norm needs a recorded reason when the project is approved or its support changes after."""
    became_counted = project.status in COUNTED_STATUSES and (old_status is None or old_status not in COUNTED_STATUSES)
    if not (became_counted or (support_changed and project.status in COUNTED_STATUSES)):
        return
    if (project.norm_ack_reason or "").strip():
        return
    warning = project_norm_warning(project, load_norms(session))
    if warning is not None:
        raise ValidationError({"norm_ack_reason": tr("Kinh phí hỗ trợ vượt định mức: cần ghi lý do chấp nhận trước khi "
                                                     "phê duyệt. {warning}", warning=warning.text)})


@dataclass(frozen=True)
class Saved:
    """What a save did: the record, whether it was created, and what undo applies back (None: delete it)."""

    id: str
    created: bool
    previous: dict | None


# -- links of a project, plan lines and targets of a programme --------------------------------
def _sync_children(session, model, parent_field: str, parent_id: str, wanted: list[dict], key) -> list[dict]:
    """Make the live children of ``parent_id`` exactly ``wanted`` (by ``key``), soft-deleting the rest.

    Returns the previous live children as the same kind of dicts, so undo is calling this again.
    """
    fields = [f for f in content_columns(model) if f != parent_field]
    rows = list(session.scalars(select(model).where(getattr(model, parent_field) == parent_id)))
    previous = [{"id": r.id, **{f: getattr(r, f) for f in fields}} for r in rows if r.deleted_at is None]
    by_key = {key({"id": r.id, **{f: getattr(r, f) for f in fields}}): r for r in rows}
    kept = set()
    for values in wanted:
        row = by_key.get(key(values))
        if row is None:
            row = model(**{parent_field: parent_id})
            session.add(row)
        row.deleted_at = None
        _set(row, {f: values.get(f) for f in fields if f in values})
        kept.add(id(row))
    stamp = utc_now()
    for row in rows:
        if id(row) not in kept and row.deleted_at is None:
            row.deleted_at = stamp
    return previous


def _set_links(session, project: Project, links: list[dict]) -> list[dict]:
    for link in links:
        if session.get(Beneficiary, link["beneficiary_id"]) is None:
            raise ValidationError({"beneficiaries": tr("Cơ sở thụ hưởng đã chọn không còn trong tệp.")})
        share = link.get("share")
        if share is not None and (isinstance(share, bool) or not isinstance(share, int) or share < 0):
            raise ValidationError({"beneficiaries": tr("Phần hỗ trợ của mỗi cơ sở phải là số đồng nguyên không âm.")})
    if len({link["beneficiary_id"] for link in links}) != len(links):
        raise ValidationError({"beneficiaries": tr("Một cơ sở được chọn hai lần.")})
    return _sync_children(session, ProjectBeneficiary, "project_id", project.id, links, lambda v: v["beneficiary_id"])


def _set_plan(session, programme: Programme, lines: list[dict]) -> list[dict]:
    seen = set()
    for line in lines:
        problem = plan_line_problems(programme, line.get("year"), line.get("source"), line.get("amount"))
        if problem is None and (line.get("year"), line.get("source")) in seen:
            problem = tr("Kế hoạch có hai dòng cùng năm và nguồn.")
        if problem:
            raise ValidationError({"plan": problem})
        seen.add((line.get("year"), line.get("source")))
    return _sync_children(session, PlanLine, "programme_id", programme.id, lines, lambda v: (v.get("year"), v.get("source")))


def _set_targets(session, programme: Programme, targets: list[dict]) -> list[dict]:
    for target in targets:
        problem = target_problems(session, target.get("activity_code"), target.get("planned"))
        if problem:
            raise ValidationError({"targets": problem})
    return _sync_children(session, Target, "programme_id", programme.id, targets, lambda v: v.get("id") or object())


# -- saving whole forms -----------------------------------------------------------------------
def _save(db: Database, model, record_id: str | None, values: dict, children: dict, reverting: bool) -> Saved:
    # No autoflush: a half-filled record must be validated before it reaches the table's constraints.
    with db.session() as session, session.no_autoflush:
        if record_id is None:
            obj = model(id=new_id())
            session.add(obj)
            old_status = None
        else:
            obj = _get(session, model, record_id)
            if isinstance(obj, Project):
                _check_lock(obj, {**values, **children})
            old_status = getattr(obj, "status", None)
        previous_values = _set(obj, values)
        _validate(session, obj, old_status, reverting)
        previous_children = {name: setter(session, obj, wanted) for name, (setter, wanted) in children.items()}
        if isinstance(obj, Project) and not reverting:
            session.flush()
            session.expire(obj, ["links"])
            support_changed = "links" in children or any(f in values for f in PROJECT_MONEY if f.startswith("approved_"))
            _check_norm(session, obj, old_status, support_changed)
        previous = None if record_id is None else {"values": previous_values, **previous_children}
        return Saved(obj.id, record_id is None, previous)


def save_project(db: Database, record_id: str | None, values: dict, links: list[dict] | None = None,
                 reverting: bool = False) -> Saved:
    """Create (``record_id`` None) or update a project and its beneficiary links in one transaction.

    ``links``: [{"beneficiary_id", "share"}] (None leaves them). ``reverting`` is for undo only: it
    applies earlier values back without the lifecycle and norm rules (they held when first saved).
    """
    children = {} if links is None else {"links": (_set_links, links)}
    return _save(db, Project, record_id, values, children, reverting)


def save_programme(db: Database, record_id: str | None, values: dict, plan: list[dict] | None = None,
                   targets: list[dict] | None = None, reverting: bool = False) -> Saved:
    """Create or update a programme with its plan lines [{"year", "source", "amount"}] and targets."""
    children = {}
    if plan is not None:
        children["plan"] = (_set_plan, plan)
    if targets is not None:
        children["targets"] = (_set_targets, targets)
    return _save(db, Programme, record_id, values, children, reverting)


def save_beneficiary(db: Database, record_id: str | None, values: dict, reverting: bool = False) -> Saved:
    return _save(db, Beneficiary, record_id, values, {}, reverting)


def revert(db: Database, entity: str, record_id: str, previous: dict) -> Saved:
    """Apply ``previous`` (from a Saved) back; the result's ``previous`` re-applies the undone edit."""
    extra = {k: v for k, v in previous.items() if k != "values"}
    save = {"project": save_project, "programme": save_programme, "beneficiary": save_beneficiary}[entity]
    return save(db, record_id, previous["values"], **extra, reverting=True)


def update_fields(db: Database, entity: str, record_id: str, changes: dict, reverting: bool = False) -> dict:
    """Change some fields of one record; returns their previous values (undo applies them back)."""
    model = MODEL_BY_TABLE[entity]
    if model in (Project, Programme, Beneficiary):
        save = {Project: save_project, Programme: save_programme, Beneficiary: save_beneficiary}[model]
        return save(db, record_id, changes, reverting=reverting).previous["values"]
    with db.session() as session:
        return _set(_get(session, model, record_id), changes)


def change_status(db: Database, project_id: str, status: Status) -> dict:
    """Move a project along its lifecycle (only to ``allowed_transitions``); returns the previous values."""
    return update_fields(db, "project", project_id, {"status": status})


def set_deleted(db: Database, entity: str, record_id: str, deleted: bool) -> None:
    """Soft-delete (xóa) or restore (khôi phục) a record; a locked project cannot be deleted."""
    with db.session() as session:
        obj = _get(session, MODEL_BY_TABLE[entity], record_id)
        if isinstance(obj, Project) and deleted:
            _check_lock(obj, {"deleted_at": True})
        obj.deleted_at = utc_now() if deleted else None


def unlock_project(db: Database, project_id: str, reason: str) -> dict:
    """Mở khóa a settled project for corrections; the reason goes into its notes and its history."""
    if not (reason or "").strip():
        raise ValidationError({"unlock_reason": tr("Cần ghi lý do mở khóa.")})
    with db.session() as session:
        project = _get(session, Project, project_id)
        if not project.is_locked:
            raise ValidationError({"unlock_reason": tr("Đề án «{code}» không bị khóa.", code=project.code)})
        line = tr("Mở khóa ngày {day} ({actor}): {reason}", day=date.today().strftime("%d/%m/%Y"),
                  actor=db.actor or tr("không rõ người sửa"), reason=nfc(reason))
        notes = f"{project.notes}\n{line}" if project.notes else line
        return _set(project, {"unlocked": True, "notes": notes})


def acknowledge_norm(db: Database, project_id: str, reason: str) -> dict:
    """Record why support above the norm is accepted (needed before approval); returns the previous value."""
    if not (reason or "").strip():
        raise ValidationError({"norm_ack_reason": tr("Cần ghi lý do chấp nhận mức hỗ trợ vượt định mức.")})
    return update_fields(db, "project", project_id, {"norm_ack_reason": reason})


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a record's history: when, who, what (field), old → new (Python values)."""

    at: str
    actor: str
    entity: str
    record_id: str
    op: str
    field: str | None
    old: object
    new: object


def record_history(db: Database, record_id: str) -> list[HistoryEntry]:
    """The change history of a record and of its parts (beneficiary links, plan lines, targets), oldest first."""
    with db.session() as session:
        ids = {record_id}
        for model, parent in ((ProjectBeneficiary, "project_id"), (PlanLine, "programme_id"), (Target, "programme_id")):
            ids.update(session.scalars(select(model.id).where(getattr(model, parent) == record_id)))
        entries = session.scalars(select(ChangeLog).where(ChangeLog.record_id.in_(ids)).order_by(ChangeLog.seq))
        result = []
        for entry in entries:
            columns = inspect(MODEL_BY_TABLE[entry.entity]).columns
            column = columns.get(entry.field) if entry.field else None
            old = load(column, entry.old_value) if column is not None else entry.old_value
            new = load(column, entry.new_value) if column is not None else entry.new_value
            result.append(HistoryEntry(entry.at, entry.actor, entry.entity, entry.record_id, entry.op, entry.field,
                                       old, new))
        return result


# -- what the forms show ----------------------------------------------------------------------
def record_values(db: Database, entity: str, record_id: str) -> dict:
    """The editable fields of one record as plain Python values, plus ``locked`` for projects."""
    with db.session() as session:
        obj = _get(session, MODEL_BY_TABLE[entity], record_id)
        values = {key: getattr(obj, key) for key in content_columns(type(obj))}
        if isinstance(obj, Project):
            values["locked"] = obj.is_locked
        return values


def project_links(db: Database, project_id: str) -> list[dict]:
    """The live beneficiaries of a project: beneficiary_id, name, tax_code, share."""
    with db.session() as session:
        rows = session.execute(select(ProjectBeneficiary.beneficiary_id, Beneficiary.name, Beneficiary.tax_code,
                                      ProjectBeneficiary.share)
                               .join(Beneficiary, Beneficiary.id == ProjectBeneficiary.beneficiary_id)
                               .where(ProjectBeneficiary.project_id == project_id,
                                      ProjectBeneficiary.deleted_at.is_(None)).order_by(Beneficiary.name_key))
        return [{"beneficiary_id": b, "name": n, "tax_code": t, "share": s} for b, n, t, s in rows]


def programme_parts(db: Database, programme_id: str) -> tuple[list[dict], list[dict], dict[str, int]]:
    """A programme's live plan lines, its targets and the achieved count per activity."""
    from .programme import achieved_counts

    with db.session() as session:
        plan = [{"year": p.year, "source": p.source, "amount": p.amount}
                for p in session.scalars(select(PlanLine).where(PlanLine.programme_id == programme_id,
                                                                PlanLine.deleted_at.is_(None)))]
        targets = [{"id": t.id, "activity_code": t.activity_code, "description": t.description, "unit": t.unit,
                    "planned": t.planned, "achieved_manual": t.achieved_manual}
                   for t in session.scalars(select(Target).where(Target.programme_id == programme_id,
                                                                 Target.deleted_at.is_(None)))]
        return plan, targets, achieved_counts(session, programme_id)


def norm_warning_text(db: Database, values: dict, beneficiaries: int) -> str | None:
    """The norm warning for a project as the form holds it (unsaved values), or None."""
    from ..domain.norms import applicable_norm, check_norm

    if not values.get("activity_code") or values.get("level") is None or not values.get("year"):
        return None
    with db.session() as session:
        norms = load_norms(session)
    norm = applicable_norm(norms, values["activity_code"], values["level"], values.get("province") or "",
                           values["year"])
    approved = [values.get("approved_" + f) or 0 for f in ("nstw", "nsdp", "nsnn", "counterpart", "other")]
    warning = check_norm(norm, sum(approved[:3]), sum(approved), beneficiaries)
    return warning.text if warning else None
