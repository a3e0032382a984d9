"""Two offices holding copies of one file, for the exchange tests: edit, exchange, compare."""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from khuyencong_desktop.exchange.merge import merge_package
from khuyencong_desktop.exchange.package import write_package
from khuyencong_desktop.storage.database import Database
from khuyencong_desktop.storage.exchange_models import DuplicateDecision, ExchangeConflict
from khuyencong_desktop.storage.history import content_columns
from khuyencong_desktop.storage.models import TRACKED_MODELS, Office
from khuyencong_desktop.storage.values import to_plain


def district_copy(province: Database, path: Path) -> Database:
    """A copy of ``province``'s file that now belongs to a district office (as on a district laptop)."""
    copy = Database.open(province.snapshot_to(path))
    with copy.session() as s:
        office = Office(name="PHÒNG KINH TẾ HUYỆN CAO LỘC", province="Lạng Sơn")
        s.add(office)
        s.flush()
        copy.set_local_office(s, office)
    return copy


def exchange(source: Database, target: Database, folder: Path, name: str = "gói.kcx"):
    return merge_package(target, write_package(source, folder / name))


def state(db: Database) -> dict:
    """Every record's content and deletion, the open conflicts and the duplicate decisions: what two converged
    files share."""
    found = {}
    with db.session() as s:
        for model in TRACKED_MODELS:
            keys = [*content_columns(model), "deleted_at"]
            for obj in s.scalars(select(model)):
                found[(model.__tablename__, obj.id)] = {k: to_plain(getattr(obj, k)) for k in keys}
        conflicts = {(c.record_id, c.field): (json.loads(c.heads), c.shown_entry_id)
                     for c in s.scalars(select(ExchangeConflict))}
        decisions = {(d.first_id, d.second_id, d.office_id): (d.status, d.kept_id, d.decided_at)
                     for d in s.scalars(select(DuplicateDecision))}
    return {"records": found, "conflicts": conflicts, "decisions": decisions}
