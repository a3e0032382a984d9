"""Merging an exchange package with 20.000 changed projects into the 100.000-project national file.

Baseline: a plain SQL ``INSERT OR REPLACE … SELECT`` of the same changed rows and their history
entries from the sender's file ATTACHed, in one transaction: the least any merge has to write.
Ours is the whole user operation: read and verify the package, back up, merge, commit.
"""
from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

from common import Measurement, national_file, timed
from sqlalchemy import select

from khuyencong_desktop.exchange.merge import merge_package
from khuyencong_desktop.exchange.package import write_package
from khuyencong_desktop.storage.database import Database
from khuyencong_desktop.storage.models import Project

CHANGED = 20_000


def _sender(national: Path, folder: Path) -> tuple[Path, str, int]:
    """A copy of the national file where an officer changed CHANGED projects; its cut-off time and log position."""
    path = folder / "sender.kcdb"
    shutil.copy(national, path)
    with sqlite3.connect(path) as conn:
        (last_seq,) = conn.execute("SELECT max(seq) FROM change_log").fetchone()
    db = Database.open(path)
    db.actor = "Cán bộ huyện"
    try:
        with db.session() as s:
            cutoff = s.scalar(select(Project.updated_at).order_by(Project.updated_at.desc()).limit(1))
            for n, project in enumerate(s.scalars(select(Project).order_by(Project.id).limit(CHANGED))):
                project.jobs = project.jobs + 1
                project.remarks = f"Đã rà soát lần {n % 7 + 1}"
    finally:
        db.close()
    return path, cutoff, last_seq


def _receiver(national: Path, folder: Path) -> Path:
    path = folder / "receiver.kcdb"
    shutil.copy(national, path)
    return path


def _baseline(receiver: Path, sender: Path, cutoff: str, last_seq: int) -> None:
    conn = sqlite3.connect(receiver, isolation_level=None)
    try:
        conn.execute("ATTACH DATABASE ? AS src", (str(sender),))
        columns = ", ".join(r[1] for r in conn.execute("PRAGMA table_info(change_log)") if r[1] != "seq")
        conn.execute("BEGIN")
        conn.execute("INSERT OR REPLACE INTO main.project SELECT * FROM src.project WHERE updated_at > ?", (cutoff,))
        conn.execute(f"INSERT INTO main.change_log ({columns}) SELECT {columns} FROM src.change_log WHERE seq > ?",
                     (last_seq,))
        conn.execute("COMMIT")
    finally:
        conn.close()


def run(out: Path) -> list[Measurement]:
    national = national_file(out)
    folder = Path(out) / "merge"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    sender, cutoff, last_seq = _sender(national, folder)
    edit_s = time.perf_counter() - started
    sender_db = Database.open(sender)
    try:
        export_s, package = timed(lambda: write_package(sender_db, folder / "huyen.kcx"), repeat=1)
    finally:
        sender_db.close()
    size_mb = package.stat().st_size / 1e6

    def ours():
        db = Database.open(_receiver(national, folder))
        try:
            return merge_package(db, package)
        finally:
            db.close()

    def baseline():
        _baseline(_receiver(national, folder), sender, cutoff, last_seq)

    def backup_only():
        db = Database.open(_receiver(national, folder))
        try:
            db.backup(folder / "backups", "before-merge")
        finally:
            db.close()

    ours_s, result = timed(ours, repeat=1)
    assert result.updated == CHANGED and not result.conflicts and not result.refused, result.as_json()
    baseline_s, _ = timed(baseline, repeat=1)
    backup_s, _ = timed(backup_only, repeat=1)
    shutil.rmtree(folder, ignore_errors=True)
    return [
        Measurement(f"exchange merge: {CHANGED:,} changed projects into the national file".replace(",", "."),
                    ours_s, baseline_s, 5.0, notes=f"package {size_mb:.1f} MB; {result.unchanged} unchanged; "
                                                   f"includes the backup"),
        Measurement("exchange merge without its backup (ours minus the backup line)", ours_s - backup_s,
                    baseline_s, 5.0, notes="read and verify the package, merge, commit"),
        Measurement("backup before merging (VACUUM INTO of the national file)", backup_s, None, None,
                    notes="informational: unavoidable for safety, timed alone on the same file"),
        Measurement("exchange export: package of the whole national file", export_s, None, None,
                    notes=f"{size_mb:.1f} MB; editing {CHANGED} projects through the ORM took {edit_s:.1f} s"),
    ]
