"""The Chương trình tab: the programme list with its search, filters and totals."""
from __future__ import annotations

from PySide6.QtCore import Qt

from ...domain.money import format_amount, format_number
from ...i18n import tr, tr_label
from ...operations.listing import ProgrammeTotals
from ..models.programmes import ProgrammesModel
from ..forms.programme import ProgrammeForm
from .list_tab import ListTab


class ProgrammesTab(ListTab):
    """Danh sách chương trình khuyến công."""

    ENTITY = "programme"
    TABLES = ("programme", "plan_line", "target", "project")
    FILTERS = ("year", "place")
    DEFAULT_SORT = (ProgrammesModel.FROM_YEAR, Qt.SortOrder.DescendingOrder)

    def make_model(self, db):
        return ProgrammesModel(db, self, *self.initial_sort())

    def make_form(self, record_id):
        return ProgrammeForm(self.context, record_id, self)

    def totals_text(self, totals: ProgrammeTotals) -> str:
        unit = self.model.unit
        return tr("{count} chương trình — tổng kinh phí {total} {unit} — {projects} đề án gắn với chương trình",
                  count=format_number(totals.count), total=format_amount(totals.total, unit), unit=tr_label(unit),
                  projects=format_number(totals.projects))
