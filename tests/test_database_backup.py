"""Backups (sao lưu) never replace one another, even when two are made in the same instant."""
from sqlalchemy import select

from khuyencong_desktop.storage import base
from khuyencong_desktop.storage.database import Database
from khuyencong_desktop.storage.models import Project

CODE = "LS-QG-2020-01"


def jobs_in(path) -> int:
    db = Database.open(path)
    try:
        with db.session() as s:
            return s.scalar(select(Project.jobs).where(Project.code == CODE))
    finally:
        db.close()


def set_jobs(db, jobs: int) -> None:
    with db.session() as s:
        s.scalar(select(Project).where(Project.code == CODE)).jobs = jobs


def test_backups_are_named_to_the_microsecond(demo_db, tmp_path):
    first = demo_db.backup(tmp_path / "backups", "manual")
    second = demo_db.backup(tmp_path / "backups", "manual")
    assert first != second and first.exists() and second.exists()
    assert first.name.startswith("demo-manual-") and len(first.stem) == len("demo-manual-") + len("20261122T080000123456")


def test_two_backups_in_the_same_instant_both_survive(demo_db, tmp_path, monkeypatch):
    monkeypatch.setattr(base, "utc_now", lambda: "2026-11-22T08:00:00.123456Z")
    folder = tmp_path / "backups"
    set_jobs(demo_db, 40)
    first = demo_db.backup(folder, "before-merge")
    set_jobs(demo_db, 45)
    second = demo_db.backup(folder, "before-merge")
    third = demo_db.backup(folder, "before-merge")
    assert [p.name for p in (first, second, third)] == [
        "demo-before-merge-20261122T080000123456.kcdb", "demo-before-merge-20261122T080000123456-2.kcdb",
        "demo-before-merge-20261122T080000123456-3.kcdb"]
    assert (jobs_in(first), jobs_in(second), jobs_in(third)) == (40, 45, 45)
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in (first, second, third))
