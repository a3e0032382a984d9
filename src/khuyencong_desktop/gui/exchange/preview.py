"""Xem trước: what merging a package would do (counts, conflicts, suspected duplicates, refusals)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGroupBox, QLabel, QListWidget, QVBoxLayout, QWidget

from ...exchange.decisions import SURVIVOR
from ...exchange.merge import MergeResult
from ...i18n import tr
from ...operations.field_labels import field_labels


class MergePreview(QDialog):
    """The dry run's report, with Nhận dữ liệu to apply it and Hủy to leave the file as it is."""

    def __init__(self, result: MergeResult, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Nhận gói dữ liệu của {office}", office=result.office))
        self.resize(620, 520)
        labels = {**field_labels(), SURVIVOR: tr("Cơ sở giữ lại khi gộp trùng")}
        layout = QVBoxLayout(self)
        summary = tr("Tạo mới: {created}; cập nhật: {updated}; không đổi: {unchanged}", created=result.created,
                     updated=result.updated, unchanged=result.unchanged)
        if result.joined:
            summary += "\n" + tr("Hai liên kết đề án – cơ sở trùng nhau được gộp làm một (cộng phần hỗ trợ): {n}",
                                  n=len(result.joined))
        self.summary = QLabel(summary)
        layout.addWidget(self.summary)
        self.conflicts = self._list(layout, tr("Xung đột cần xem xét: {n}", n=len(result.conflicts)),
                                    [f"{c['record']}: {labels.get(c['field'], c['field'])}" for c in result.conflicts])
        self.duplicates = self._list(layout, tr("Cơ sở nghi trùng: {n}", n=len(result.duplicates)),
                                     [f"{d['first']} ↔ {d['second']}" for d in result.duplicates])
        self.refused = self._list(layout, tr("Từ chối: {n}", n=len(result.refused)),
                                  [f"{r.label}: {r.reason}" for r in result.refused])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(tr("Hủy"))
        self.apply_button = buttons.addButton(tr("Nhận dữ liệu"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def _list(layout: QVBoxLayout, title: str, lines: list[str]) -> QListWidget:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        widget = QListWidget()
        widget.addItems(lines)
        inner.addWidget(widget)
        layout.addWidget(box)
        return widget
