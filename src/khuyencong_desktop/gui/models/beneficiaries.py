"""Table model of the Cơ sở thụ hưởng list."""
from __future__ import annotations

from ...i18n import tr
from ...operations.listing import BeneficiaryQuery
from .base import CODE, NUMBER, Column, ListModel


class BeneficiariesModel(ListModel):
    """Cơ sở thụ hưởng: name, kind, tax code, representative, place, trade, employees, projects."""

    NAME, KIND, TAX_CODE, REPRESENTATIVE, COMMUNE, DISTRICT, PROVINCE, TRADE, EMPLOYEES, PROJECTS = range(10)

    def columns(self) -> tuple[Column, ...]:
        return (
            Column("name", tr("Tên cơ sở"), sort="name"),
            Column("kind", tr("Loại hình"), sort="kind"),
            Column("tax_code", tr("Mã số thuế"), CODE, "tax_code"),
            Column("representative", tr("Người đại diện"), sort="representative"),
            Column("commune", tr("Xã/phường"), sort="commune"),
            Column("district", tr("Huyện (trước 1/7/2025)"), sort="district"),
            Column("province", tr("Tỉnh"), sort="province"),
            Column("trade", tr("Ngành nghề"), sort="trade"),
            Column("employees", tr("Lao động"), NUMBER, "employees"),
            Column("projects", tr("Số đề án"), NUMBER, "projects"),
        )

    def make_query(self, db, filter, sort, descending):
        return BeneficiaryQuery(db, filter, sort, descending)
