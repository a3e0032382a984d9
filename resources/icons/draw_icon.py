"""Draws the application icon (khuyencong.png, khuyencong.ico) with QPainter: run it to redraw them.

A blue rounded square with a small workshop (a roof and a chimney) and a rising bar chart:
rural industry that grows. Drawn here rather than downloaded so its licence is ours.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPolygonF  # noqa: E402

HERE = Path(__file__).resolve().parent


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    background = QPainterPath()
    background.addRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    p.fillPath(background, QColor("#1f5fa8"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#ffffff"))
    # The workshop: walls, a saw-tooth roof and a chimney.
    p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in (
        (40, 200), (40, 130), (80, 105), (80, 130), (120, 105), (120, 200))]))
    p.drawRect(QRectF(52, 78, 16, 40))
    # Rising bars in gold: what the support brings.
    p.setBrush(QColor("#f2b632"))
    for index, height in enumerate((40, 70, 100)):
        p.drawRoundedRect(QRectF(136 + index * 28, 200 - height, 20, height), 4, 4)
    p.setBrush(QColor("#ffffff"))
    p.drawRect(QRectF(36, 200, 184, 10))
    p.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    draw(256).save(str(HERE / "khuyencong.png"))
    ok = draw(64).save(str(HERE / "khuyencong.ico"), "ICO")
    del app
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
