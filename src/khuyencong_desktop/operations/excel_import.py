"""Importing an officer's workbook: read and check every sheet, then write all of it in one transaction."""
from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from ..domain.text import fold_key
from ..excel.apply import Applier, SheetCounts
from ..excel.layout import LAYOUTS, layout_for_sheet
from ..excel.parse_rows import SheetParse, SheetParser
from ..excel.sheets import data_rows, is_blank, read_header
from ..excel.workbook import WorkbookError, load_for_reading, open_in_excel
from ..i18n import tr
from ..storage.database import Database
from ..storage.errors import StorageError
from ..storage.models import Activity

Progress = Callable[[int, int], None]
"""``progress(done, total)``: rows handled so far, of about ``total``."""


class ImportCancelled(StorageError):
    def __init__(self):
        super().__init__(tr("Đã dừng nhập theo yêu cầu; không có gì được ghi."))


@dataclass
class SheetReport:
    """What one sheet gave: counts, columns ignored, rows converted from TCVN3/VNI, total rows."""

    sheet: str
    layout: str
    header_row: int
    rows: int = 0
    counts: SheetCounts = field(default_factory=SheetCounts)
    ignored_columns: list[str] = field(default_factory=list)
    converted_rows: dict[int, str] = field(default_factory=dict)
    total_rows: list[int] = field(default_factory=list)


@dataclass
class ImportReport:
    """The outcome of an import; ``written`` is False after a dry run or when there are problems."""

    path: Path
    dry_run: bool
    sheets: list[SheetReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Row problems ``Sheet!R<row> <column>: <message>``: any of them and nothing is written."""
    warnings: list[str] = field(default_factory=list)
    ignored_sheets: list[str] = field(default_factory=list)
    written: bool = False


class _Rollback(Exception):
    """Leaves the import's transaction without writing (a dry run, or problems found)."""


def _activities(db: Database) -> dict[str, str]:
    """Folded activity code and name → code, for cells that give either."""
    with db.session() as session:
        rows = session.execute(select(Activity.code, Activity.name).where(Activity.deleted_at.is_(None))).all()
    found = {fold_key(name): code for code, name in rows}
    found.update({fold_key(code): code for code, _ in rows})
    return found


def _read_sheets(path: Path, db: Database, report: ImportReport, tick, cancelled) -> list[SheetParse]:
    workbook = load_for_reading(path)
    try:
        parsed: dict[str, SheetParse] = {}
        activities = _activities(db)
        for sheet in workbook.worksheets:
            layout = layout_for_sheet(sheet.title)
            if layout is None:
                report.ignored_sheets.append(sheet.title)
                continue
            if layout.key in parsed:
                raise WorkbookError(tr("Có hai trang cùng là «{name}»: «{a}» và «{b}». Hãy giữ một trang.",
                                       name=layout.name, a=parsed[layout.key].header.title, b=sheet.title))
            rows = sheet.rows()
            parser = SheetParser(read_header(layout, sheet.title, rows), activities)
            for number, cells, encoding in data_rows(parser.header, rows):
                if cancelled():
                    raise ImportCancelled()
                parser.add(number, cells, encoding)
                tick()
            parsed[layout.key] = parser.result
        if not parsed:
            if all(is_blank(row) for sheet in workbook.worksheets for row in sheet.rows()):
                raise WorkbookError(tr("Sổ tính «{name}» không có dữ liệu.", name=path.name))
            raise WorkbookError(tr("Sổ tính «{name}» không có trang nào nhận ra được; cần trang tên {names}.",
                                   name=path.name, names=", ".join(f"«{layout.name}»" for layout in LAYOUTS)))
    finally:
        workbook.close()
    return [parsed[layout.key] for layout in LAYOUTS if layout.key in parsed]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector held off while a sheet's rows and records are made.

    An import builds tens of thousands of long-lived objects (parsed rows, pending records) and
    makes almost no reference cycles; the collector would walk them again and again (a fifth to a
    quarter of the import's time on 10.000 rows). Its previous state is restored afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_workbook(db: Database, path: str | Path, *, dry_run: bool = False, progress: Progress | None = None,
                    cancelled: Callable[[], bool] | None = None) -> ImportReport:
    """Import ``path`` into ``db``: all of it in one transaction, or nothing when any row has a problem."""
    with _collector_paused():
        return _import(db, Path(path), dry_run, progress, cancelled)


def _import(db: Database, path: Path, dry_run: bool, progress: Progress | None,
            cancelled: Callable[[], bool] | None) -> ImportReport:
    report = ImportReport(path, dry_run)
    cancelled = cancelled or (lambda: False)
    if open_in_excel(path):
        report.warnings.append(tr("Tệp đang mở trong Excel: những thay đổi chưa lưu trong Excel sẽ không được nhập."))
    done = 0
    estimate = 0

    def tick(step: int = 1) -> None:
        nonlocal done
        done += step
        if progress:
            progress(done, max(estimate, done))

    sheets = _read_sheets(path, db, report, tick, cancelled)
    estimate = 2 * done
    for sheet in sheets:
        report.problems += sheet.problems
        report.warnings += sheet.warnings
        report.sheets.append(SheetReport(sheet.header.title, sheet.header.layout.key, sheet.header.row,
                                         rows=len(sheet.rows), ignored_columns=sheet.header.ignored,
                                         converted_rows=sheet.converted, total_rows=sheet.total_rows))

    def applied(step: int) -> None:
        if cancelled():
            raise ImportCancelled()
        tick(step)

    try:
        with db.session() as session, session.no_autoflush:
            applier = Applier(session, report.problems, applied)
            for sheet, sheet_report in zip(sheets, report.sheets):
                sheet_report.counts = applier.apply(sheet)
            if report.problems or dry_run:
                raise _Rollback
            applier.finish()
    except _Rollback:
        return report
    report.written = True
    return report
