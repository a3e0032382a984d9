"""The self-test's steps in order, sharing one temporary folder, and running them with a report per step."""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from ..i18n import tr
from . import data, documents
from .checks import CheckResult
from .window import open_window


class SelfTest:
    """The checks, in order, sharing one temporary folder."""

    def __init__(self, folder: Path, picture: Path | None = None):
        self.folder = folder
        self.picture = picture or folder / "window.png"
        """Where the window's picture goes (beside the log file, when there is one, so it outlives the run)."""
        self.database = folder / "selftest.kcdb"
        self.pdfs: list[Path] = []

    def checks(self) -> list[tuple[str, Callable[[], str]]]:
        return [
            (tr("cửa sổ chính"), self.window),
            (tr("cơ sở dữ liệu"), self.create_database),
            (tr("nhập Excel"), self.import_workbook),
            *[(tr("báo cáo PDF {kind}", kind=kind), lambda kind=kind: self.write_report(kind))
              for kind in documents.REPORT_KINDS],
            (tr("phông chữ trong PDF"), self.check_fonts),
        ]

    def window(self) -> str:
        return open_window(self.picture)

    def create_database(self) -> str:
        return data.create_database(self.database)

    def import_workbook(self) -> str:
        return data.import_workbook(self.database, self.folder)

    def write_report(self, kind: str) -> str:
        out = documents.write_report(self.database, self.folder, kind)
        self.pdfs.append(out)
        return tr("{path} ({size} KB)", path=out, size=out.stat().st_size // 1024)

    def check_fonts(self) -> str:
        return documents.check_fonts(self.pdfs)


def run_checks(folder: Path, report: Callable[[CheckResult], None], picture: Path | None = None) -> list[CheckResult]:
    """Run every check in ``folder`` (which becomes the user data folder), reporting each result."""
    os.environ["KHUYENCONG_DATA_DIR"] = str(folder / "userdata")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    suite = SelfTest(folder, picture)
    results = []
    for name, check in suite.checks():
        started = time.perf_counter()
        try:
            result = CheckResult(name, True, check(), time.perf_counter() - started)
        except Exception as error:  # noqa: BLE001 - a failing check is reported, the others still run
            result = CheckResult(name, False, str(error) or type(error).__name__, time.perf_counter() - started)
        results.append(result)
        report(result)
    return results
