"""What the status bar counts (số bản ghi): programmes, projects and beneficiaries not deleted."""
from __future__ import annotations

from sqlalchemy import func, select

from ..domain.money import format_number
from ..storage.database import Database
from ..storage.models import Beneficiary, Programme, Project


def record_counts(db: Database) -> dict[str, str]:
    """Counts written the Vietnamese way ("100.000"), keyed programmes / projects / beneficiaries."""
    with db.session() as session:
        counts = {key: session.scalar(select(func.count()).select_from(model).where(model.deleted_at.is_(None)))
                  for key, model in (("programmes", Programme), ("projects", Project),
                                     ("beneficiaries", Beneficiary))}
    return {key: format_number(value or 0) for key, value in counts.items()}
