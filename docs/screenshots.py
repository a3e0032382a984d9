"""Takes docs/screenshot-*.png: every tab, the office dialog and a programme form on the demo file, offscreen.

Run from the repository: ``.venv/bin/python docs/screenshots.py`` (a fresh data folder each time,
so the window creates and opens the demo file as on a first start).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["KHUYENCONG_DATA_DIR"] = tempfile.mkdtemp(prefix="khuyencong-screenshots-")

from PySide6.QtCore import QRect, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from khuyencong_desktop.gui import app  # noqa: E402
from khuyencong_desktop.gui.dialogs.office import OfficeDialog  # noqa: E402
from khuyencong_desktop.gui.forms.programme import ProgrammeForm  # noqa: E402
from khuyencong_desktop.gui.sizing import fit_to_screen  # noqa: E402
from khuyencong_desktop.gui.models.base import IdRole  # noqa: E402

DOCS = Path(__file__).resolve().parent
TABS = ("dashboard", "programmes", "projects", "beneficiaries")
LAPTOP = QRect(0, 0, 1366, 728)
"""The free area of a 1366×768 office laptop's screen, where the programme form is shown."""


def take(window) -> None:
    window.resize(1280, 800)
    for index, name in enumerate(TABS):
        window.tabs.setCurrentIndex(index)
        QTest.qWait(400)  # let the tab's background work come back and the charts lay out
        window.grab().save(str(DOCS / f"screenshot-{name}.png"))
    dialog = OfficeDialog(window.context, window)
    dialog.show()
    QTest.qWait(200)
    dialog.grab().save(str(DOCS / "screenshot-office.png"))
    dialog.close()
    programmes = window.tabs.widget(TABS.index("programmes")).model
    lai_chau = next(programmes.index(row, 0) for row in range(programmes.rowCount())
                    if programmes.index(row, 0).data() == "LC-2021-2025")
    form = ProgrammeForm(window.context, lai_chau.data(IdRole), window)
    fit_to_screen(form, LAPTOP)
    form.show()
    QTest.qWait(200)
    form.grab().save(str(DOCS / "screenshot-programme-form.png"))
    form.close()
    window.close()
    QApplication.instance().quit()


def main() -> int:
    window = app.startup(["khuyencong-desktop"])
    window.ready.connect(lambda: QTimer.singleShot(800, lambda: take(window)))
    return QApplication.instance().exec()


if __name__ == "__main__":
    raise SystemExit(main())
