"""Xem trước: what merging a package would do (counts, conflicts, suspected duplicates, refusals)."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGroupBox, QLabel, QListWidget, QVBoxLayout, QWidget

from ...domain.money import MoneyUnit
from ...exchange.merge import MergeResult
from ...exchange.report import conflict_line, duplicate_line, joined_line, refusal_line
from ...i18n import tr
from ..sizing import fit_to_screen

WANTED_SIZE = QSize(780, 720)
"""Room for the four lists of a large package; a smaller screen gets its free area."""


class MergePreview(QDialog):
    """The dry run's report, with Nhận dữ liệu to apply it and Hủy to leave the file as it is."""

    def __init__(self, result: MergeResult, parent: QWidget | None = None, unit: MoneyUnit = MoneyUnit.TRIEU):
        super().__init__(parent)
        self.setWindowTitle(tr("Nhận gói dữ liệu của {office}", office=result.office))
        layout = QVBoxLayout(self)
        summary = tr("Tạo mới: {created}; cập nhật: {updated}; không đổi: {unchanged}", created=result.created,
                     updated=result.updated, unchanged=result.unchanged)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.joined = self._list(layout, tr("Liên kết đề án – cơ sở trùng nhau được gộp làm một (cộng phần hỗ trợ): "
                                            "{n}", n=len(result.joined)), [joined_line(j) for j in result.joined])
        self.conflicts = self._list(layout, tr("Xung đột cần xem xét: {n}", n=len(result.conflicts)),
                                    [conflict_line(c, unit) for c in result.conflicts], stretch=3)
        if result.conflicts:
            hint = QLabel(tr("Sau khi nhận, mỗi xung đột được giải quyết ở Tệp → Trao đổi dữ liệu → "
                             "Xung đột cần xem xét…: chọn một trong hai giá trị hoặc gõ giá trị mới."))
            hint.setWordWrap(True)
            layout.addWidget(hint)
        self.duplicates = self._list(layout, tr("Cơ sở nghi trùng: {n}", n=len(result.duplicates)),
                                     [duplicate_line(d) for d in result.duplicates])
        self.refused = self._list(layout, tr("Từ chối: {n}", n=len(result.refused)),
                                  [refusal_line(r) for r in result.refused])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(tr("Hủy"))
        self.apply_button = buttons.addButton(tr("Nhận dữ liệu"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, wanted=WANTED_SIZE)

    @staticmethod
    def _list(layout: QVBoxLayout, title: str, lines: list[str], stretch: int = 1) -> QListWidget:
        """A titled list of wrapped lines, one item each; an empty one shows only its title (the count 0)."""
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        widget = QListWidget()
        widget.setWordWrap(True)
        widget.setResizeMode(QListWidget.ResizeMode.Adjust)
        widget.setAlternatingRowColors(True)
        widget.setSpacing(2)
        widget.addItems(lines)
        inner.addWidget(widget)
        layout.addWidget(box, stretch if lines else 0)
        if not lines:
            widget.hide()
        return widget
