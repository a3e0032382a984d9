"""What the list filters offer (lựa chọn bộ lọc): years, activities, places and programmes of a file.

Years come from an index, activities and programmes from small tables: they are read each time.
Places (every commune, district and province of a project or cơ sở) need a pass over the place
indexes of the project and beneficiary tables, ~0,05 s on a 100.000-project file, so they are kept
per open file and read again only when the change history shows an edit that can have changed them
(a record created, deleted, restored or moved to another place). Every list tab and the project
form share the one result; two tabs asking at once wait for the same read.
"""
from __future__ import annotations

import json
import threading
import weakref
from dataclasses import dataclass, field

from sqlalchemy import func, select, text

from ..domain.text import sort_key
from ..storage.database import Database
from ..storage.models import Activity, Beneficiary, ChangeLog, Programme, Project

PLACE_FIELDS = ("province", "district", "commune")
PLACE_TABLES = (Project, Beneficiary)


@dataclass(frozen=True)
class FilterChoices:
    """What the filter combos offer, read from the file."""

    years: list[int] = field(default_factory=list)
    activities: list[tuple[str, str]] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    programmes: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _KnownPlaces:
    """The places of one file as of change-history entry ``seen`` (None before the first read)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    seen: int | None = None
    places: list[str] = field(default_factory=list)


_KNOWN: weakref.WeakKeyDictionary[Database, _KnownPlaces] = weakref.WeakKeyDictionary()
_KNOWN_LOCK = threading.Lock()

_PLACE_EDITS = text(
    "SELECT 1 FROM change_log WHERE seq > :seen AND entity IN ('project', 'beneficiary') "
    "AND (op != 'update' OR field IS NULL OR field IN ('commune', 'district', 'province')) LIMIT 1")
"""Is there, after entry ``seen``, an edit that can add or remove a place? (a range of the primary key)"""


def activity_choices(db: Database) -> list[tuple[str, str]]:
    """(code, name) of every activity (nội dung hoạt động), in the catalogue's order."""
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(Activity.code, Activity.name)
                                               .where(Activity.deleted_at.is_(None))
                                               .order_by(Activity.sort_order, Activity.code))]


def programme_choices(db: Database) -> list[tuple[str, str]]:
    """(id, code) of every programme (chương trình), by code."""
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(Programme.id, Programme.code)
                                               .where(Programme.deleted_at.is_(None)).order_by(Programme.code))]


def places_statement(model):
    """The distinct provinces, districts and communes of ``model``'s live rows, in one pass over its
    place index (migration 0005), not over the table nor three times.

    Named with INDEXED BY: in a file never ANALYZEd (every office's file) SQLite's planner judges
    the project year index narrower and walks it instead, visiting every row in year order (0,3 s
    on a 100.000-project file against 0,05 s through the place index). Migration 0005 makes the
    index in every file this version opens.
    """
    table = model.__tablename__
    gathered = ", ".join(f"json_group_array(DISTINCT {name})" for name in PLACE_FIELDS)
    return text(f"SELECT {gathered} FROM {table} INDEXED BY ix_{table}_place WHERE deleted_at IS NULL")


def _read_places(conn) -> list[str]:
    places: set[str] = set()
    for model in PLACE_TABLES:
        for values in conn.execute(places_statement(model)).one():
            places.update(p for p in json.loads(values) if p)
    return sorted(places, key=sort_key)


def place_choices(db: Database) -> list[str]:
    """Every commune, district and province of a live project or cơ sở, in Vietnamese order."""
    with _KNOWN_LOCK:
        known = _KNOWN.setdefault(db, _KnownPlaces())
    with known.lock, db.engine.connect() as conn:
        latest = conn.execute(select(func.coalesce(func.max(ChangeLog.seq), 0))).scalar()
        stale = known.seen is None or (latest != known.seen and conn.execute(_PLACE_EDITS, {"seen": known.seen}).first())
        if stale:
            known.places = _read_places(conn)
        known.seen = latest
        return list(known.places)


def filter_choices(db: Database) -> FilterChoices:
    """Years (newest first), activities (code, name), places and programmes (id, code)."""
    with db.engine.connect() as conn:
        years = [y for (y,) in conn.execute(select(Project.year).where(Project.deleted_at.is_(None))
                                            .distinct().order_by(Project.year.desc()))]
    return FilterChoices(years, activity_choices(db), place_choices(db), programme_choices(db))
