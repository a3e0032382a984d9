"""The Đề án tab: the project list with its search, filters and totals."""
from __future__ import annotations

from PySide6.QtCore import Qt

from ...domain.money import format_amount, format_number
from ...i18n import tr, tr_label
from ...operations.listing import ProjectTotals
from ..models.projects import ProjectsModel
from ..forms.project import ProjectForm
from .list_tab import ListTab


class ProjectsTab(ListTab):
    """Danh sách đề án."""

    ENTITY = "project"
    TABLES = ("project", "project_beneficiary", "programme", "activity")
    FILTERS = ("year", "level", "activity", "status", "place", "programme")
    DEFAULT_SORT = (ProjectsModel.YEAR, Qt.SortOrder.DescendingOrder)

    def make_model(self, db):
        return ProjectsModel(db, self, *self.initial_sort())

    def make_form(self, record_id):
        return ProjectForm(self.context, record_id, self)

    def totals_text(self, totals: ProjectTotals) -> str:
        unit = self.model.unit
        text = tr("{count} đề án — NSNN hỗ trợ {state} {unit} — đối ứng {counterpart} {unit}",
                  count=format_number(totals.count), state=format_amount(totals.state, unit),
                  counterpart=format_amount(totals.counterpart, unit), unit=tr_label(unit))
        if totals.other:
            text += tr(" — nguồn khác {other} {unit}", other=format_amount(totals.other, unit), unit=tr_label(unit))
        if totals.counted != totals.count:
            text += tr(" (trong đó {excluded} đề án đề xuất, bị từ chối hoặc ngừng: không tính trong báo cáo tổng kết)",
                       excluded=format_number(totals.count - totals.counted))
        return text
