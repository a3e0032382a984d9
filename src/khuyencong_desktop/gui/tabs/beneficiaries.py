"""The Cơ sở thụ hưởng tab: the beneficiary list with its search, filters and totals."""
from __future__ import annotations

from PySide6.QtCore import Qt

from ...domain.codes import BeneficiaryKind
from ...domain.money import format_number
from ...i18n import tr, tr_label
from ...operations.listing import BeneficiaryTotals
from ..models.beneficiaries import BeneficiariesModel
from ..forms.beneficiary import BeneficiaryForm
from .list_tab import ListTab


class BeneficiariesTab(ListTab):
    """Danh sách cơ sở thụ hưởng; year, activity and programme narrow to those with such projects."""

    ENTITY = "beneficiary"
    TABLES = ("beneficiary", "project_beneficiary", "project")
    FILTERS = ("kind", "year", "activity", "place", "programme")
    DEFAULT_SORT = (BeneficiariesModel.NAME, Qt.SortOrder.AscendingOrder)

    def make_model(self, db):
        return BeneficiariesModel(db, self, *self.initial_sort())

    def stretch_column(self) -> int:
        return BeneficiariesModel.NAME

    def extra_filter_options(self):
        return {"kind": [(tr("Mọi loại hình"), None)] + [(tr_label(kind), kind) for kind in BeneficiaryKind]}

    def make_form(self, record_id):
        return BeneficiaryForm(self.context, record_id, self)

    def totals_text(self, totals: BeneficiaryTotals) -> str:
        count = format_number(totals.count)
        if totals.count and not totals.with_employees:
            return tr("{count} cơ sở — chưa nhập số lao động", count=count)
        text = tr("{count} cơ sở — {employees} lao động", count=count, employees=format_number(totals.employees))
        if totals.with_employees < totals.count:
            text += " " + tr("(theo số liệu của {known} cơ sở)", known=format_number(totals.with_employees))
        return text
