"""The Đề án tab on the national file: opening, a filter change, scrolling to row 20.000.

The real tab (search box, filter combos, table, totals line) runs in a fresh offscreen process.
Each step is timed until its rows and totals are shown, next to a plain sqlite3 ``SELECT … LIMIT``
of the same rows in the same run; a 2 ms heartbeat timer on the main thread records the longest
stall during the step (the budget is 100 ms: the window must never freeze).
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from common import Measurement, national_file, timed

SCROLL_TO = 20_000
SEARCH = "nguyen"
STALL_BUDGET_S = 0.100


def _plain_sql(path: Path, search: str = "", level=None):
    """Our list's own statements (ids in order, totals, rows by id) as SQL text, for plain sqlite3."""
    from khuyencong_desktop.operations.listing import ListFilter, ProjectQuery
    from khuyencong_desktop.storage.database import Database

    db = Database.open(path)
    try:
        query = ProjectQuery(db, ListFilter(text=search, level=level), "year", True)

        def plain(stmt) -> str:
            return str(stmt.compile(db.engine, compile_kwargs={"literal_binds": True}))
        return (plain(query.ids_statement()), plain(query.totals_statement()),
                plain(query.page_statement(["X"])).replace("('X')", "({marks})"))
    finally:
        db.close()


def _baseline(path: Path, sql: tuple[str, str, str], page: int, pages: int = 1):
    """Plain sqlite3: every id in list order, the totals row, then ``pages`` pages of rows by id."""
    ids_sql, totals_sql, page_sql = sql

    def run():
        with sqlite3.connect(path) as conn:
            ids = [i for (i,) in conn.execute(ids_sql)]
            totals = conn.execute(totals_sql).fetchone()
            rows = []
            for start in range(0, page * pages, page):
                chunk = ids[start:start + page]
                rows += conn.execute(page_sql.format(marks=", ".join("?" * len(chunk))), chunk).fetchall()
            return len(ids), totals, len(rows)
    return run


class _Heartbeat:
    """A 2 ms timer on the main thread: the longest gap between its ticks is the longest stall."""

    def __init__(self):
        from PySide6.QtCore import QTimer

        self.timer = QTimer(interval=2)
        self.timer.timeout.connect(self._tick)
        self.last = self.longest = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def measure(self, start, done) -> tuple[float, float]:
        """Run ``start()`` from the event loop, spin until ``done()``; (seconds, longest stall)."""
        from PySide6.QtCore import QCoreApplication, QTimer

        app = QCoreApplication.instance()
        finished: list[float] = []
        began = time.perf_counter()
        self.last, self.longest = began, 0.0
        self.timer.start()
        QTimer.singleShot(0, start)
        while not finished:
            app.processEvents()
            if done():
                finished.append(time.perf_counter())
            else:
                time.sleep(0.001)
        self.timer.stop()
        self._tick()
        return finished[0] - began, self.longest


def _child(path: str) -> None:
    """In a fresh process: drive the real Đề án tab and print the timings as JSON."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from khuyencong_desktop.domain.codes import FundingLevel
    from khuyencong_desktop.gui.context import AppContext
    from khuyencong_desktop.gui.tabs.projects import ProjectsTab
    from khuyencong_desktop.storage.database import Database

    app = QApplication([])
    db = Database.open(path)
    context = AppContext(db)
    heart = _Heartbeat()
    made: list = []

    def shown() -> bool:
        return bool(made) and not made[0].model.loading

    def build():
        tab = ProjectsTab(context)
        tab.resize(1400, 800)
        tab.show()
        made.append(tab)
    open_s, open_stall = heart.measure(build, shown)
    tab = made[0]
    choices_s, choices_stall = heart.measure(lambda: None, lambda: tab.combos["year"].count() > 1)
    open_stall = max(open_stall, choices_stall)
    rows, totals_text = tab.model.total_rows, tab.totals.text()

    applied: list[bool] = []
    tab.filter_applied.connect(lambda: applied.append(True))

    def choose():
        tab.search.blockSignals(True)
        tab.search.setText(SEARCH)
        tab.search.blockSignals(False)
        tab.combos["level"].setCurrentIndex(tab.combos["level"].findData(FundingLevel.KCDP))
    filter_s, filter_stall = heart.measure(choose, lambda: bool(applied) and not tab.model.loading)
    shown = tab.model.total_rows

    applied.clear()
    clear = (lambda: (tab.search.blockSignals(True), tab.search.setText(""), tab.search.blockSignals(False),
                      tab.combos["level"].setCurrentIndex(0)))
    heart.measure(clear, lambda: bool(applied) and not tab.model.loading)
    bar = tab.table.verticalScrollBar()
    reads: list[int] = []
    tab.model.rowsInserted.connect(lambda _parent, first, last: reads.append(last - first + 1))
    scroll_s, scroll_stall = heart.measure(lambda: None, lambda: (bar.setValue(bar.maximum()),
                                                                  tab.model.rowCount() >= SCROLL_TO)[1])
    print(json.dumps({"rows": rows, "totals": totals_text, "open": [open_s, open_stall], "choices": open_s + choices_s,
                      "filter": [filter_s, filter_stall], "shown": shown, "scroll": [scroll_s, scroll_stall],
                      "reached": tab.model.rowCount(), "page": tab.model.PAGE, "reads": len(reads),
                      "largest": max(reads, default=0)}))
    tab.close()
    QThreadPool.globalInstance().waitForDone()
    app.processEvents()
    tab.deleteLater()
    app.processEvents()
    db.close()


def _stall_note(stall: float) -> str:
    verdict = "within" if stall <= STALL_BUDGET_S else "OVER"
    return f"longest main-thread stall {stall * 1000:.0f} ms ({verdict} the {STALL_BUDGET_S * 1000:.0f} ms budget)"


def run(out: Path) -> list[Measurement]:
    from khuyencong_desktop.domain.codes import FundingLevel

    path = national_file(out)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run([sys.executable, __file__, str(path)], env=env, capture_output=True, text=True, check=True)
    got = json.loads(child.stdout.strip().splitlines()[-1])
    page = got["page"]
    everything, chosen = _plain_sql(path), _plain_sql(path, SEARCH, FundingLevel.KCDP)
    base_open, (rows, _totals, first) = timed(_baseline(path, everything, page))
    base_filter, (shown, _totals, _first) = timed(_baseline(path, chosen, page))
    base_scroll, (_rows, _totals, reached) = timed(_baseline(path, everything, page, SCROLL_TO // page), repeat=1)
    assert (rows, shown, first) == (got["rows"], got["shown"], page) and got["reached"] >= reached == SCROLL_TO, got
    note = f"{got['rows']} projects"
    (open_s, open_stall), (filter_s, filter_stall), (scroll_s, scroll_stall) = got["open"], got["filter"], got["scroll"]
    return [
        Measurement("lists: open the Đề án tab until its rows and totals are shown", open_s, base_open, 3.0,
                    f"{note}; filter choices shown after {got['choices']:.2f} s; {_stall_note(open_stall)}; "
                    f"baseline: the same statements (ids, totals, first {page} rows) through plain sqlite3"),
        Measurement("lists: change the filter (search + level) until shown", filter_s, base_filter, 3.0,
                    f"{note}; {got['shown']} match «{SEARCH}» KCĐP; {_stall_note(filter_stall)}; "
                    f"baseline: the same statements through plain sqlite3"),
        Measurement(f"lists: scroll to row {SCROLL_TO}", scroll_s, base_scroll, 5.0,
                    f"{note}; {got['reads']} pages read and painted as the view reaches the end "
                    f"({page} rows growing to {got['largest']}); "
                    f"{_stall_note(scroll_stall)}; baseline: ids, totals and {SCROLL_TO // page} pages by id, plain sqlite3"),
        Measurement("lists: longest main-thread stall (open, filter, scroll)",
                    max(open_stall, filter_stall, scroll_stall), None, None,
                    f"budget {STALL_BUDGET_S * 1000:.0f} ms; heartbeat: a 2 ms QTimer on the main thread"),
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    _child(sys.argv[1])
