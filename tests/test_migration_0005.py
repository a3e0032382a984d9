"""Upgrading a schema-0004 file to 0005: backed up, data unchanged, the place indexes present, declared and used."""
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex

from khuyencong_desktop.operations.filter_choices import place_choices, places_statement
from khuyencong_desktop.operations.listing import BeneficiaryQuery, ListFilter, ProjectQuery
from khuyencong_desktop.storage.database import Database
from khuyencong_desktop.storage.migrate import SCHEMA_HEAD
from khuyencong_desktop.storage.models import Base, Beneficiary, Project

FIXTURE = Path(__file__).parent / "fixtures" / "schema-0004.kcdb"
"""The demo file with one project (LS-DP-2019-MM98) and one cơ sở deleted, at schema 0004 (made with
``create_demo_database`` and ``operations.editing.set_deleted``, then ``alembic downgrade 0004``)."""
PLACE_INDEXES = {
    "ix_project_place": "CREATE INDEX ix_project_place ON project (province, district, commune) WHERE deleted_at IS NULL",
    "ix_beneficiary_place":
        "CREATE INDEX ix_beneficiary_place ON beneficiary (province, district, commune) WHERE deleted_at IS NULL",
}


def _indexes(path: Path) -> dict[str, str]:
    """Every index made by a statement (not SQLite's automatic ones) → its SQL, spaces normalised."""
    with sqlite3.connect(path) as conn:
        return {name: " ".join(sql.split()) for name, sql in
                conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}


def _contents(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table but the schema version, in a stable order."""
    with sqlite3.connect(path) as conn:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT IN ('alembic_version', 'sqlite_sequence')")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def _plan(db: Database, stmt) -> str:
    sql = str(stmt.compile(db.engine, compile_kwargs={"literal_binds": True}))
    with db.engine.connect() as conn:
        return " | ".join(row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))


def test_a_schema_0004_file_is_backed_up_then_gets_the_place_indexes_with_its_data_unchanged(tmp_path):
    path = tmp_path / "office.kcdb"
    shutil.copy(FIXTURE, path)
    before = _contents(path)
    assert not PLACE_INDEXES.keys() & _indexes(path).keys()
    db = Database.open(path, backup_dir=tmp_path / "backups")
    try:
        (backup,) = (tmp_path / "backups").glob("office-before-upgrade-*.kcdb")
        with sqlite3.connect(backup) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0004",)
        assert not PLACE_INDEXES.keys() & _indexes(backup).keys()
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,) == ("0005",)
            live_in_index = conn.execute("SELECT count(*) FROM project INDEXED BY ix_project_place "
                                         "WHERE deleted_at IS NULL").fetchone()
            in_lang_son = conn.execute("SELECT count(*) FROM project WHERE deleted_at IS NULL "
                                       "AND province = 'Lạng Sơn'").fetchone()[0]
        assert {name: _indexes(path)[name] for name in PLACE_INDEXES} == PLACE_INDEXES
        assert _contents(path) == before
        assert live_in_index == (61,)
        assert len(ProjectQuery(db, ListFilter(place="Lạng Sơn")).ids()) == in_lang_son == 59
    finally:
        db.close()


def test_new_and_upgraded_files_hold_exactly_the_indexes_the_models_declare(tmp_path, demo_path):
    upgraded = tmp_path / "office.kcdb"
    shutil.copy(FIXTURE, upgraded)
    Database.open(upgraded, backup_dir=tmp_path / "backups").close()
    declared = {index.name: " ".join(str(CreateIndex(index).compile(dialect=sqlite.dialect())).split())
                for table in Base.metadata.sorted_tables for index in table.indexes}
    assert PLACE_INDEXES.items() <= declared.items()
    assert _indexes(demo_path) == declared
    assert _indexes(upgraded) == declared


def test_the_place_filter_and_the_filter_choices_read_the_place_indexes(demo_db):
    for model, index in ((Project, "ix_project_place"), (Beneficiary, "ix_beneficiary_place")):
        assert _plan(demo_db, places_statement(model)).endswith(f"SCAN {model.__tablename__} USING INDEX {index}")
    for query in (ProjectQuery(demo_db, ListFilter(place="Chi Lăng"), "year", True),
                  BeneficiaryQuery(demo_db, ListFilter(place="Chi Lăng"), "name")):
        table = query.MODEL.__tablename__
        plan = _plan(demo_db, query.ids_statement())
        assert plan.startswith(f"SEARCH {table} USING INDEX ix_{table}_place (province=? AND district=? AND commune=?)")
        assert f"LIST SUBQUERY 1 | SCAN {table}_1 USING INDEX ix_{table}_place" in plan, plan
    assert "USING INDEX ix_project_place" in _plan(demo_db, ProjectQuery(demo_db, ListFilter(place="Chi Lăng")).totals_statement())


def test_the_place_filter_finds_a_name_as_commune_district_or_province(demo_db):
    with demo_db.session() as s:
        elsewhere = s.scalars(select(Project).where(Project.district != "Chi Lăng").order_by(Project.code)).first()
        elsewhere.commune = "Chi Lăng"
        gone = s.scalars(select(Project).where(Project.district == "Chi Lăng").order_by(Project.code)).first()
        gone.deleted_at = "2026-11-22T10:00:00.000000Z"
        expected = {p.id for p in s.scalars(select(Project).where(Project.deleted_at.is_(None)))
                    if "Chi Lăng" in (p.commune, p.district, p.province)}
    assert elsewhere.id in expected and gone.id not in expected and len(expected) == 5
    assert set(ProjectQuery(demo_db, ListFilter(place="Chi Lăng")).ids()) == expected
    assert ProjectQuery(demo_db, ListFilter(place="Chi Lăng")).totals().count == 5
    assert "Chi Lăng" in place_choices(demo_db)
    with demo_db.engine.connect() as conn:
        every = conn.exec_driver_sql("SELECT count(*) FROM project WHERE deleted_at IS NULL").scalar()
        by_place = {place: len(ProjectQuery(demo_db, ListFilter(place=place)).ids()) for place in place_choices(demo_db)}
        plain = {place: conn.exec_driver_sql(
            "SELECT count(*) FROM project WHERE deleted_at IS NULL AND ? IN (commune, district, province)",
            (place,)).scalar() for place in by_place}
    assert by_place == plain and by_place["Lạng Sơn"] + by_place["Lai Châu"] == every
