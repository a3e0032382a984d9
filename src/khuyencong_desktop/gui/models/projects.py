"""Table model of the Đề án list."""
from __future__ import annotations

from ...i18n import tr
from ...operations.listing import ProjectQuery
from .base import CODE, MONEY, NUMBER, YEAR, Column, ListModel


class ProjectsModel(ListModel):
    """Đề án: code, name, year, level, activity, status, place, money by kind, jobs, programme."""

    CODE, NAME, YEAR, LEVEL, ACTIVITY, STATUS, PLACE, STATE, COUNTERPART, OTHER, JOBS, PROGRAMME = range(12)

    def columns(self) -> tuple[Column, ...]:
        return (
            Column("code", tr("Mã đề án"), CODE, "code"),
            Column("name", tr("Tên đề án"), sort="name"),
            Column("year", tr("Năm"), YEAR, "year"),
            Column("level", tr("Cấp"), CODE, "level"),
            Column("activity_code", tr("Nội dung"), CODE, "activity"),
            Column("status", tr("Trạng thái"), sort="status"),
            Column("place", tr("Địa bàn"), sort="place"),
            Column("state", tr("NSNN hỗ trợ"), MONEY, "state"),
            Column("counterpart", tr("Vốn đối ứng"), MONEY, "counterpart"),
            Column("other", tr("Nguồn khác"), MONEY, "other"),
            Column("jobs", tr("Lao động"), NUMBER, "jobs"),
            Column("programme_code", tr("Chương trình"), CODE, "programme"),
        )

    def make_query(self, db, filter, sort, descending):
        return ProjectQuery(db, filter, sort, descending)
