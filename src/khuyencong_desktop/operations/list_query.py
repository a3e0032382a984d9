"""What every list query shares: the filter, the search and place conditions, paging by id."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from sqlalchemy import and_, func, literal_column, or_, select, tuple_
from sqlalchemy.orm import aliased

from ..domain.codes import BeneficiaryKind, FundingLevel, Status
from ..domain.text import fold
from ..storage.database import Database
from ..storage.models import Beneficiary, Project


@dataclass(frozen=True)
class ListFilter:
    """What the officer narrowed a list to; None or "" means no restriction."""

    text: str = ""
    year: int | None = None
    level: FundingLevel | None = None
    activity: str | None = None
    status: Status | None = None
    place: str | None = None
    """A commune, district or province name, matched exactly against any of the three."""
    programme_id: str | None = None
    kind: BeneficiaryKind | None = None

    def with_(self, **changes) -> ListFilter:
        return replace(self, **changes)


def _first(_cursor, row: tuple):
    return row[0]


def like_words(column, text: str):
    """Every folded word of ``text`` in ``column`` (a stored search_text): "lai chau" finds "Lai Châu"."""
    words = fold(text).split()
    escaped = [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in words]
    return and_(*(column.like(f"%{w}%", escape="\\") for w in escaped))


def place_condition(model, place: str):
    """``place`` (a commune, district or province name) matched exactly against any of the three.

    Asked as "the row's (province, district, commune) is one of the live places holding the name":
    SQLite finds those places in the place index (migration 0005) and the rows through it, where
    the plain three-way OR reads every row of the table (0,2 s on a 100.000-project file). Grouping
    by the index's columns makes the planner walk that index even in a file never ANALYZEd.
    """
    places = aliased(model)
    triple = (places.province, places.district, places.commune)
    holding = (select(*triple)
               .where(places.deleted_at.is_(None),
                      or_(places.commune == place, places.district == place, places.province == place))
               .group_by(*triple))
    return tuple_(model.province, model.district, model.commune).in_(holding)


class ListQuery:
    """A filtered, sorted list: ``count()``, ``totals()`` and pages from ``fetch(offset, limit)``."""

    SORTS: ClassVar[dict[str, object]] = {}
    DEFAULT_SORT: ClassVar[str] = "name"
    MODEL: ClassVar[type]
    """The table listed (its ``id`` and the filter's conditions say whether a record is shown)."""

    def __init__(self, db: Database, filter: ListFilter | None = None, sort: str | None = None,
                 descending: bool = False):
        self.db = db
        self.filter = filter or ListFilter()
        self.sort = sort if sort in self.SORTS else self.DEFAULT_SORT
        self.descending = descending

    def _where(self) -> list:
        raise NotImplementedError

    def _order(self, *tiebreak) -> list:
        key = self.SORTS[self.sort]
        return [key.desc() if self.descending else key.asc(), *(t for t in tiebreak if t is not key)]

    def _rows(self, stmt) -> list:
        with self.db.engine.connect() as conn:
            return conn.execute(stmt).all()

    def _first_column(self, stmt) -> list:
        """The first value of every row, as the driver reads it.

        A list of 100.000 ids made as rows (tuples) would wake Python's cycle collector, which then
        walks every object of the running window while holding the interpreter lock: the window
        stops for a tenth of a second or more. Values handed straight from the driver are plain
        strings and numbers, which the collector ignores.
        """
        with self.db.engine.connect() as conn:
            result = conn.execute(stmt)
            try:
                result.cursor.row_factory = _first
                return result.cursor.fetchall()
            finally:
                result.close()

    def includes(self, record_id: str) -> bool:
        """Whether the filter selects this record now (after an edit it may have left the list)."""
        return bool(self._rows(select(self.MODEL.id).where(self.MODEL.id == record_id, *self._where())))

    def fetch_ids(self, ids: list[str]) -> list:
        """The rows of ``ids`` in that order (a page of an ``ids()`` snapshot)."""
        by_id = {row.id: row for row in self._by_ids(ids)}
        return [by_id[i] for i in ids if i in by_id]



def stored_records(db: Database) -> int:
    """How many projects or beneficiaries the file holds at most (deleted ones included), read from
    the tables' largest rowid: instant whatever the size, to tell a small office file from a big one."""
    with db.engine.connect() as conn:
        return max(conn.execute(select(func.coalesce(func.max(literal_column("rowid")), 0)).select_from(model)).scalar()
                   for model in (Project, Beneficiary))
