"""Writing the real .xlsx files the Excel tests import, in the layouts officers keep."""
from __future__ import annotations

import hashlib
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, select

from khuyencong_desktop.storage.models import ChangeLog, Project


def write_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook with one sheet per entry, rows written from row 1 (None leaves a cell empty)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def counts(db) -> tuple[int, int]:
    """(projects, change history entries) of the file."""
    with db.session() as session:
        return (session.scalar(select(func.count()).select_from(Project)),
                session.scalar(select(func.count()).select_from(ChangeLog)))


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
