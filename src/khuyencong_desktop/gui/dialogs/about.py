"""Giới thiệu: the version, the legal frame the application follows, and where the data lives."""
from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ... import __version__, paths
from ...i18n import tr

LEGAL_FRAME = (
    "Nghị định 45/2012/NĐ-CP về khuyến công, sửa đổi bởi Nghị định 235/2025/NĐ-CP (27/8/2025).",
    "Thông tư 28/2018/TT-BTC về quản lý kinh phí khuyến công (hiệu lực 11/5/2018), sửa đổi bởi "
    "Thông tư 64/2024/TT-BTC.",
    "Chương trình khuyến công quốc gia 2021-2025: Quyết định 1881/QĐ-TTg (20/11/2020); 2026-2030: "
    "Quyết định 2646/QĐ-BCT (23/9/2025).",
    "Định mức chi do HĐND từng tỉnh quy định trong khung Thông tư 28; văn bản theo Nghị định 30/2020/NĐ-CP.",
)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Giới thiệu"))
        self.setMinimumWidth(560)
        items = "".join(f"<li>{escape(tr(fact))}</li>" for fact in LEGAL_FRAME)
        text = (f"<h3>KhuyenCong Desktop {escape(__version__)}</h3>"
                f"<p>{escape(tr('Quản lý chương trình khuyến công, đề án và cơ sở công nghiệp nông thôn.'))}</p>"
                f"<p><b>{escape(tr('Căn cứ pháp lý'))}</b></p><ul>{items}</ul>"
                f"<p>{escape(tr('Thư mục dữ liệu: {folder}', folder=paths.user_data_dir()))}</p>")
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        buttons = QDialogButtonBox()
        buttons.addButton(tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(buttons)
