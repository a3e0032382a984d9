"""Exporting a file's programmes, projects and beneficiaries to a workbook, or writing the empty template."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook

from ..domain.codes import DEFAULT_ACTIVITIES
from ..excel.template import write_template
from ..excel.workbook import save_workbook
from ..excel.writer import count_rows, write_sheets
from ..i18n import tr
from ..storage.database import Database
from ..storage.errors import StorageError
from .create import activity_names

Progress = Callable[[int, int], None]


class ExportCancelled(StorageError):
    def __init__(self):
        super().__init__(tr("Đã dừng xuất theo yêu cầu; không có tệp nào được ghi."))


@dataclass
class ExportReport:
    """Which file was written and how many rows each sheet holds."""

    path: Path
    rows: dict[str, int] = field(default_factory=dict)


def export_workbook(db: Database, path: str | Path, *, progress: Progress | None = None,
                    cancelled: Callable[[], bool] | None = None) -> ExportReport:
    """Write every live programme, plan line, target, project and beneficiary to ``path``."""
    path = Path(path)
    cancelled = cancelled or (lambda: False)
    workbook = Workbook(write_only=True)
    with db.session() as session:
        total = count_rows(session)
        done = 0

        def tick() -> None:
            nonlocal done
            if cancelled():
                raise ExportCancelled()
            done += 1
            if progress:
                progress(done, total)

        rows = write_sheets(workbook, session, tick)
    save_workbook(workbook, path)
    return ExportReport(path, rows)


def export_template(path: str | Path, db: Database | None = None) -> ExportReport:
    """Write the empty workbook with headers, drop-down lists and the "Hướng dẫn" sheet.

    The activity list is the file's catalogue when ``db`` is given, else the default catalogue.
    """
    path = Path(path)
    workbook = Workbook(write_only=True)
    activities = list(activity_names(db).items()) if db else [(code, name) for code, name, _ in DEFAULT_ACTIVITIES]
    write_template(workbook, activities)
    save_workbook(workbook, path)
    return ExportReport(path)
