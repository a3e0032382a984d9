"""Upgrading a schema-0002 file to 0003: backed up first, then the list's sorted ids come from the new indexes."""
import shutil
import sqlite3
from pathlib import Path

from khuyencong_desktop.operations.listing import BeneficiaryQuery, ListFilter, ProjectQuery
from khuyencong_desktop.storage.database import Database
from khuyencong_desktop.storage.migrate import SCHEMA_HEAD

FIXTURE = Path(__file__).parent / "fixtures" / "schema-0002.kcdb"
LIST_INDEXES = {"ix_project_list_year", "ix_project_list_name", "ix_beneficiary_list_name"}


def _indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def _plan(path: Path, sql: str) -> str:
    with sqlite3.connect(path) as conn:
        return " | ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql))


def test_a_schema_0002_file_is_backed_up_then_gets_the_list_indexes(tmp_path):
    path = tmp_path / "office.kcdb"
    shutil.copy(FIXTURE, path)
    assert not LIST_INDEXES & _indexes(path)
    db = Database.open(path, backup_dir=tmp_path / "backups")
    try:
        (backup,) = (tmp_path / "backups").glob("office-before-upgrade-*.kcdb")
        with sqlite3.connect(backup) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
        assert not LIST_INDEXES & _indexes(backup)
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,)
        assert LIST_INDEXES <= _indexes(path)
        newest_first = ProjectQuery(db, ListFilter(), "year", descending=True).ids()
        assert len(newest_first) == 62
        by_name = BeneficiaryQuery(db, ListFilter(), "name").ids()
        assert len(by_name) == len(set(by_name)) > 0
    finally:
        db.close()


def test_the_list_orders_are_read_from_the_indexes_without_sorting(tmp_path):
    path = tmp_path / "office.kcdb"
    shutil.copy(FIXTURE, path)
    Database.open(path, backup_dir=tmp_path / "backups").close()
    year_plan = _plan(path, "SELECT id FROM project WHERE deleted_at IS NULL ORDER BY year DESC, code, id")
    assert year_plan == "SCAN project USING INDEX ix_project_list_year"
    name_plan = _plan(path, "SELECT id FROM project WHERE deleted_at IS NULL ORDER BY name_key, code, id")
    assert name_plan == "SCAN project USING INDEX ix_project_list_name"
    beneficiary_plan = _plan(path, "SELECT id FROM beneficiary WHERE deleted_at IS NULL ORDER BY name_key, id")
    assert beneficiary_plan == "SCAN beneficiary USING INDEX ix_beneficiary_list_name"
