"""Creating a KhuyenCong file: schema, the default catalogue and norms, and the office itself."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import select

from ..domain.codes import DEFAULT_ACTIVITIES, FundingLevel
from ..paths import resource_path
from ..storage.base import new_id
from ..storage.database import Database
from ..storage.errors import StorageError
from ..storage.models import Activity, Office, SupportNorm


class FileExists(StorageError):
    def __init__(self, path):
        from ..i18n import tr

        super().__init__(tr("Tệp «{path}» đã có dữ liệu; không tạo lại để tránh mất dữ liệu.", path=path))


def default_norms() -> list[SupportNorm]:
    """The norms shipped in ``resources/data/norms.json`` (Circular 28/2018/TT-BTC, Art. 8)."""
    data = json.loads(resource_path("data", "norms.json").read_text(encoding="utf-8"))
    return [SupportNorm(activity_code=n["activity_code"], level=FundingLevel(n["level"]) if n.get("level") else None,
                        max_share_percent=n.get("max_share_percent"), max_amount=n.get("max_amount"),
                        scope=n.get("scope", ""), per_beneficiary=n.get("per_beneficiary", False),
                        effective_from=date.fromisoformat(n["effective_from"]), legal_basis=n["legal_basis"],
                        province=n.get("province"))
            for n in data["norms"]]


def seed_catalogue(session) -> None:
    for order, (code, name, group) in enumerate(DEFAULT_ACTIVITIES):
        session.add(Activity(code=code, name=name, group=group, sort_order=order))
    session.add_all(default_norms())


def create_database(path: str | Path, office: Office, *, demo: bool = False) -> Database:
    """A new file at ``path`` belonging to ``office``, with the default catalogue (and demo data).

    Refuses a path that already holds data. Everything is written in one transaction.
    """
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise FileExists(path)
    db = Database.open(path, create=True)
    try:
        with db.session() as session:
            office.id = office.id or new_id()
            office.origin_office_id = office.id
            db.set_local_office(session, office)
            session.add(office)
            seed_catalogue(session)
            if demo:
                from .demo import add_demo_data

                add_demo_data(session)
    except BaseException:
        db.close()
        path.unlink(missing_ok=True)
        raise
    return db


def activity_names(db: Database) -> dict[str, str]:
    with db.session() as session:
        return dict(session.execute(select(Activity.code, Activity.name).where(Activity.deleted_at.is_(None))
                                    .order_by(Activity.sort_order)).all())
