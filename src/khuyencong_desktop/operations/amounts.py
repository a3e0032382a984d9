"""SQL expressions for the amounts a project counts with: settled amounts once settled, else approved."""
from __future__ import annotations

from sqlalchemy import case, func

from ..domain.codes import Source, Status
from ..storage.models import AMOUNT_FIELDS, Project


def effective(source: Source):
    """The amount of ``source`` a project counts with: as settled once settled, as approved before."""
    field = AMOUNT_FIELDS[source]
    approved = getattr(Project, "approved_" + field)
    settled = getattr(Project, "settled_" + field)
    return case((Project.status == Status.DA_QUYET_TOAN, func.coalesce(settled, approved)), else_=approved)


def state_support():
    """Kinh phí NSNN hỗ trợ: NSTW + NSĐP + NSNN."""
    return effective(Source.NSTW) + effective(Source.NSDP) + effective(Source.NSNN)
