"""Table model of the Chương trình list."""
from __future__ import annotations

from ...i18n import tr
from ...operations.listing import ProgrammeQuery
from .base import CODE, MONEY, NUMBER, YEAR, Column, ListModel


class ProgrammesModel(ListModel):
    """Chương trình: code, name, province, years, decided total, planned by year, linked projects."""

    CODE, NAME, PROVINCE, FROM_YEAR, TO_YEAR, TOTAL, PLANNED, PROJECTS = range(8)

    def columns(self) -> tuple[Column, ...]:
        return (
            Column("code", tr("Mã chương trình"), CODE, "code"),
            Column("name", tr("Tên chương trình"), sort="name"),
            Column("province", tr("Tỉnh"), sort="province"),
            Column("from_year", tr("Từ năm"), YEAR, "from_year"),
            Column("to_year", tr("Đến năm"), YEAR, "to_year"),
            Column("total", tr("Tổng kinh phí"), MONEY, "total"),
            Column("planned", tr("Kế hoạch theo năm"), MONEY, "planned"),
            Column("projects", tr("Số đề án"), NUMBER, "projects"),
        )

    def make_query(self, db, filter, sort, descending):
        return ProgrammeQuery(db, filter, sort, descending)
