"""Acting on suspected duplicate beneficiaries (cơ sở nghi trùng): list them, link two as one, or dismiss.

Linking is a set of recorded edits in one transaction (the other record's project links re-pointed
to the survivor, the survivor's empty fields filled from the other, the other soft-deleted), so it
travels to the other offices in the next package and converges there like any edit. Dismissing
marks the suspicion, so later merges do not raise it again. Both decisions are also this office's
decision on the pair (decisions.py), which travels in packages: the other offices do not ask again.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..i18n import tr
from ..storage.base import utc_now
from ..storage.database import Database
from ..storage.exchange_models import SuspectedDuplicate
from ..storage.models import Beneficiary, Office, Project, ProjectBeneficiary
from ..storage.values import to_plain
from .decisions import record_decision

COMPARED = ("name", "tax_code", "kind", "representative", "phone", "address", "commune", "district", "province",
            "trade", "employees")
"""The fields shown side by side; all but the name are filled into the survivor when it has none."""
MIN_PREFIX = 8
"""Shortest id prefix accepted for a beneficiary (the listing prints this many characters)."""


class DuplicateActionError(ValueError):
    """The link or dismissal cannot be done; nothing was written. ``problems`` lists every reason."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Candidate:
    """One of the two beneficiaries as the officer compares them."""

    id: str
    values: dict[str, object]
    office: str
    projects: tuple[str, ...]

    def as_json(self) -> dict:
        return {"id": self.id, **{k: to_plain(v) for k, v in self.values.items()}, "office": self.office,
                "projects": list(self.projects)}


@dataclass(frozen=True)
class SuspectedPair:
    first: Candidate
    second: Candidate
    reason: str
    detected_at: str

    @property
    def reason_label(self) -> str:
        return tr("cùng mã số thuế") if self.reason == "tax_code" else tr("cùng tên và xã")

    def as_json(self) -> dict:
        return {"reason": self.reason, "detected_at": self.detected_at, "first": self.first.as_json(),
                "second": self.second.as_json()}


@dataclass(frozen=True)
class LinkResult:
    kept: str
    removed: str
    moved_links: int
    filled: tuple[str, ...]


def _candidate(session, beneficiary: Beneficiary, offices: dict[str, str]) -> Candidate:
    codes = session.scalars(select(Project.code).join(ProjectBeneficiary, ProjectBeneficiary.project_id == Project.id)
                            .where(ProjectBeneficiary.beneficiary_id == beneficiary.id,
                                   ProjectBeneficiary.deleted_at.is_(None), Project.deleted_at.is_(None))
                            .order_by(Project.code)).all()
    return Candidate(beneficiary.id, {f: getattr(beneficiary, f) for f in COMPARED},
                     offices.get(beneficiary.origin_office_id, ""), tuple(codes))


def list_duplicates(db: Database) -> list[SuspectedPair]:
    """Open suspicions whose two beneficiaries are both still live, oldest first."""
    found = []
    with db.session() as s:
        offices = dict(s.execute(select(Office.id, Office.name)).all())
        rows = s.scalars(select(SuspectedDuplicate).where(SuspectedDuplicate.status == "open")
                         .order_by(SuspectedDuplicate.detected_at, SuspectedDuplicate.first_id)).all()
        for row in rows:
            first, second = s.get(Beneficiary, row.first_id), s.get(Beneficiary, row.second_id)
            if first is None or second is None or first.is_deleted or second.is_deleted:
                continue
            found.append(SuspectedPair(_candidate(s, first, offices), _candidate(s, second, offices), row.reason,
                                       row.detected_at))
    return found


def _find(session, given: str, problems: list[str]) -> Beneficiary | None:
    """The live beneficiary whose id is ``given`` or starts with it (at least MIN_PREFIX characters)."""
    given = given.strip().lower()
    matches = []
    if len(given) >= MIN_PREFIX:
        matches = session.scalars(select(Beneficiary).where(Beneficiary.id.startswith(given, autoescape=True))
                                  .limit(2)).all()
    if len(matches) != 1:
        problems.append(tr("Không tìm thấy cơ sở có mã «{id}».", id=given) if not matches else
                        tr("Mã «{id}» ứng với nhiều cơ sở; hãy ghi đủ mã.", id=given))
        return None
    if matches[0].is_deleted:
        problems.append(tr("Cơ sở «{name}» đã bị xóa.", name=matches[0].name))
        return None
    return matches[0]


def _pair(session, first_id: str, second_id: str) -> tuple[Beneficiary, Beneficiary]:
    problems: list[str] = []
    first, second = _find(session, first_id, problems), _find(session, second_id, problems)
    if first is not None and first is second:
        problems.append(tr("Hai mã cùng chỉ một cơ sở."))
    if problems:
        raise DuplicateActionError(problems)
    return first, second


def _suspicion(session, first: Beneficiary, second: Beneficiary) -> SuspectedDuplicate | None:
    low, high = sorted((first.id, second.id))
    return session.get(SuspectedDuplicate, (low, high))


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def move_links(session, keep: Beneficiary, other: Beneficiary, now: str) -> int:
    """Re-point ``other``'s live project links to ``keep``; a project already linked to both keeps one link."""
    moved = 0
    links = session.scalars(select(ProjectBeneficiary).where(ProjectBeneficiary.beneficiary_id == other.id,
                                                             ProjectBeneficiary.deleted_at.is_(None))).all()
    for link in links:
        existing = session.scalar(select(ProjectBeneficiary).where(ProjectBeneficiary.project_id == link.project_id,
                                                                   ProjectBeneficiary.beneficiary_id == keep.id,
                                                                   ProjectBeneficiary.deleted_at.is_(None)))
        if existing is None:
            link.beneficiary_id = keep.id
        else:
            # The project counted both records: one link remains, holding their shares together.
            shares = [v for v in (existing.share, link.share) if v is not None]
            existing.share = sum(shares) if shares else None
            link.deleted_at = now
        moved += 1
    return moved


def link(db: Database, keep_id: str, other_id: str) -> LinkResult:
    """Gộp: ``keep_id`` and ``other_id`` are one cơ sở; ``other_id`` becomes a tombstone pointing nowhere.

    Its live project links move to the survivor, and the survivor's empty fields take its values.
    """
    with db.session() as s:
        keep, other = _pair(s, keep_id, other_id)
        now = utc_now()
        moved = move_links(s, keep, other, now)
        filled = []
        for field in COMPARED[1:]:
            if _blank(getattr(keep, field)) and not _blank(getattr(other, field)):
                setattr(keep, field, getattr(other, field))
                filled.append(field)
        other.deleted_at = now
        suspicion = _suspicion(s, keep, other)
        if suspicion is not None:
            suspicion.status = "linked"
        low, high = sorted((keep.id, other.id))
        record_decision(s, suspicion or (low, high, "officer"), "linked", keep.id, db.local_office_id_cached(s),
                        now)
        return LinkResult(keep.name, other.name, moved, tuple(filled))


def dismiss(db: Database, first_id: str, second_id: str) -> None:
    """Không phải trùng: the officer confirms two suspected beneficiaries are different cơ sở."""
    with db.session() as s:
        first, second = _pair(s, first_id, second_id)
        suspicion = _suspicion(s, first, second)
        if suspicion is None or suspicion.status != "open":
            raise DuplicateActionError([tr("«{first}» và «{second}» không nằm trong danh sách nghi trùng.",
                                           first=first.name, second=second.name)])
        suspicion.status = "dismissed"
        record_decision(s, suspicion, "dismissed", None, db.local_office_id_cached(s), utc_now())
