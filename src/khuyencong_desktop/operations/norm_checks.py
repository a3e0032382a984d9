"""Support-norm checks of projects against the norms stored in the file."""
from __future__ import annotations

from sqlalchemy import select

from ..domain.norms import Norm, NormWarning, applicable_norm, check_norm
from ..storage.models import Project, SupportNorm


def load_norms(session) -> list[Norm]:
    return [Norm(activity_code=n.activity_code, effective_from=n.effective_from, legal_basis=n.legal_basis,
                 province=n.province, level=n.level, max_share_percent=n.max_share_percent, max_amount=n.max_amount,
                 scope=n.scope, per_beneficiary=n.per_beneficiary, effective_to=n.effective_to)
            for n in session.scalars(select(SupportNorm).where(SupportNorm.deleted_at.is_(None)))]


def project_norm_warning(project: Project, norms: list[Norm]) -> NormWarning | None:
    """The warning for a project whose approved state support exceeds the norm in force in its year."""
    amounts = project.amounts()
    state = sum(amount for source, amount in amounts.items() if source.is_state)
    beneficiaries = sum(1 for link in project.links if not link.is_deleted)
    norm = applicable_norm(norms, project.activity_code, project.level, project.province, project.year)
    return check_norm(norm, state, sum(amounts.values()), beneficiaries)
