"""Upgrading a schema-0001 file: backed up first, then every entry gets the lineage merging needs."""
import json
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import select

from khuyencong_desktop.storage.database import Database
from khuyencong_desktop.storage.migrate import head_revision
from khuyencong_desktop.storage.models import ChangeLog, Project

FIXTURE = Path(__file__).parent / "fixtures" / "schema-0001.kcdb"


def _entries(db, record_id):
    with db.session() as s:
        return s.scalars(select(ChangeLog).where(ChangeLog.record_id == record_id).order_by(ChangeLog.seq)).all()


def test_a_schema_0001_file_is_backed_up_and_migrated(tmp_path):
    path = tmp_path / "old.kcdb"
    shutil.copy(FIXTURE, path)
    original = path.read_bytes()
    db = Database.open(path, backup_dir=tmp_path / "backups")
    try:
        backups = list((tmp_path / "backups").glob("old-before-upgrade-*.kcdb"))
        assert len(backups) == 1
        with sqlite3.connect(backups[0]) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert len(original) > 0 and head_revision() >= "0002"
        with db.session() as s:
            project = s.scalar(select(Project).where(Project.code == "LS-QG-2020-01"))
            assert project.jobs == 30 and project.remarks == "Đã kiểm tra 30"
        entries = _entries(db, project.id)
        create = entries[0]
        jobs = [e for e in entries if e.field == "jobs"]
        assert create.op == "create" and json.loads(create.parents) == []
        assert [json.loads(e.new_value) for e in jobs] == [26, 30]
        assert json.loads(jobs[0].parents) == [create.id]
        assert json.loads(jobs[1].parents) == [jobs[0].id]

        with db.session() as s:
            s.scalar(select(Project).where(Project.code == "LS-QG-2020-01")).jobs = 31
        newest = _entries(db, project.id)[-1]
        assert json.loads(newest.new_value) == 31 and json.loads(newest.parents) == [jobs[1].id]
    finally:
        db.close()


def test_a_deletion_and_restoration_name_every_head(tmp_path):
    path = tmp_path / "old.kcdb"
    shutil.copy(FIXTURE, path)
    db = Database.open(path, backup_dir=tmp_path / "backups")
    try:
        with db.session() as s:
            deleted_id = s.scalar(select(ChangeLog.record_id).where(ChangeLog.op == "delete"))
        entries = _entries(db, deleted_id)
        create, delete, restore = entries[0], entries[-2], entries[-1]
        assert (delete.op, restore.op) == ("delete", "restore")
        assert json.loads(delete.parents) == [create.id]
        assert json.loads(restore.parents) == [delete.id]
    finally:
        db.close()
