"""The Đề án list on the national file: first page, a filter change, scrolling to row 20.000.

Each is timed through the real table model (count, totals line and pages) next to a plain sqlite3
``SELECT … LIMIT`` of the same rows in the same run.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from common import Measurement, national_file, timed

from khuyencong_desktop.domain.codes import FundingLevel
from khuyencong_desktop.operations.listing import ListFilter

SCROLL_TO = 20_000
COLUMNS = ("id, code, name, year, level, activity_code, status, place, approved_nstw + approved_nsdp + approved_nsnn, "
           "approved_counterpart, approved_other, jobs")
SEARCH = "nguyen"


def _baseline(path: Path, where: str, params: tuple, limit: int):
    def run():
        with sqlite3.connect(path) as conn:
            return conn.execute(f"SELECT {COLUMNS} FROM project WHERE deleted_at IS NULL {where} "
                                f"ORDER BY year DESC, code LIMIT ?", (*params, limit)).fetchall()
    return run


def run(out: Path) -> list[Measurement]:
    from PySide6.QtCore import QCoreApplication

    from khuyencong_desktop.gui.models.projects import ProjectsModel
    from khuyencong_desktop.storage.database import Database

    _app = QCoreApplication.instance() or QCoreApplication([])
    path = national_file(out)
    db = Database.open(path)
    try:
        page = ProjectsModel.PAGE
        rows = ProjectsModel(db).total_rows

        def open_list():
            return ProjectsModel(db, None, ProjectsModel.YEAR, True)
        first_s, model = timed(open_list)
        base_first, _ = timed(_baseline(path, "", (), page))

        chosen = ListFilter(text=SEARCH, level=FundingLevel.KCDP)
        filter_s, _ = timed(lambda: model.set_filter(chosen))
        base_filter, _ = timed(_baseline(path, "AND search_text LIKE ? AND level = ?", (f"%{SEARCH}%", "KCDP"), page))
        shown = model.total_rows

        model.set_filter(ListFilter())

        def scroll():
            while model.rowCount() < SCROLL_TO and model.canFetchMore():
                model.fetchMore()
            return model.rowCount()
        scroll_s, reached = timed(scroll, repeat=1)
        base_scroll, _ = timed(_baseline(path, "", (), SCROLL_TO), repeat=1)
    finally:
        db.close()
    note = f"{rows} projects"
    return [
        Measurement("lists: open the Đề án list (count, totals, first page)", first_s, base_first, 20.0,
                    f"{note}; baseline: SELECT … LIMIT {page} only, no count or totals"),
        Measurement("lists: change the filter (search + level)", filter_s, base_filter, 20.0,
                    f"{note}; {shown} match «{SEARCH}» KCĐP; baseline: SELECT … LIKE … LIMIT {page}"),
        Measurement(f"lists: scroll to row {SCROLL_TO}", scroll_s, base_scroll, 5.0,
                    f"{note}; reached {reached} rows in pages of {page}; baseline: one SELECT … LIMIT {SCROLL_TO}"),
    ]
