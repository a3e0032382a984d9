"""The SQLite file: identities, change history, NFC, transactions, foreign and newer files."""
import json
import sqlite3
import unicodedata

import pytest
from sqlalchemy import select

from khuyencong_desktop.domain.codes import FundingLevel, Status
from khuyencong_desktop.storage.database import Database
from khuyencong_desktop.storage.errors import DamagedFile, FileMissing, NewerSchema, NotOurFile
from khuyencong_desktop.storage.models import ChangeLog, Project


def _project(**values):
    data = dict(code="T-1", name="Đề án thử", year=2024, level=FundingLevel.KCDP, activity_code="MM",
                approved_nsdp=100_000_000)
    data.update(values)
    return Project(**data)


def test_a_new_record_gets_an_identity_and_a_create_entry(empty_db):
    with empty_db.session() as s:
        s.add(_project())
    with empty_db.session() as s:
        project = s.scalar(select(Project).where(Project.code == "T-1"))
        assert len(project.id) == 36 and project.origin_office_id == empty_db.local_office_id_cached(s)
        entry = s.scalar(select(ChangeLog).where(ChangeLog.record_id == project.id))
        assert entry.op == "create" and json.loads(entry.new_value)["name"] == "Đề án thử"


def test_every_edit_is_recorded_with_old_and_new(empty_db):
    empty_db.actor = "Nguyễn Thị Thu"
    with empty_db.session() as s:
        s.add(_project())
    with empty_db.session() as s:
        project = s.scalar(select(Project))
        project.approved_nsdp = 150_000_000
        project.status = Status.DANG_THUC_HIEN
    with empty_db.session() as s:
        entries = s.scalars(select(ChangeLog).where(ChangeLog.op == "update").order_by(ChangeLog.field)).all()
        assert [(e.field, json.loads(e.old_value), json.loads(e.new_value), e.actor) for e in entries] == [
            ("approved_nsdp", 100_000_000, 150_000_000, "Nguyễn Thị Thu"),
            ("status", "DA_PHE_DUYET", "DANG_THUC_HIEN", "Nguyễn Thị Thu")]


def test_deletion_is_a_tombstone(empty_db):
    with empty_db.session() as s:
        s.add(_project())
    with empty_db.session() as s:
        s.scalar(select(Project)).deleted_at = "2026-01-01T00:00:00.000000Z"
    with empty_db.session() as s:
        assert s.scalar(select(Project)).is_deleted
        assert s.scalar(select(ChangeLog.op).order_by(ChangeLog.seq.desc())) == "delete"
    with pytest.raises(RuntimeError, match="never deleted"):
        with empty_db.session() as s:
            s.delete(s.scalar(select(Project)))
    with empty_db.session() as s:
        assert s.scalar(select(Project)) is not None


def test_text_is_stored_in_nfc(empty_db):
    decomposed = unicodedata.normalize("NFD", "Hợp tác xã Lụa Vy")
    with empty_db.session() as s:
        s.add(_project(name=decomposed))
    with empty_db.session() as s:
        assert s.scalar(select(Project.name)) == "Hợp tác xã Lụa Vy"
        assert s.scalar(select(Project.search_text)).startswith("t-1 hop tac xa lua vy")


def test_a_failed_transaction_writes_nothing(empty_db):
    with pytest.raises(ZeroDivisionError):
        with empty_db.session() as s:
            s.add(_project())
            s.flush()
            1 / 0
    with empty_db.session() as s:
        assert s.scalar(select(Project)) is None
        assert s.scalar(select(ChangeLog).where(ChangeLog.entity == "project")) is None


def test_missing_foreign_and_damaged_files_are_refused(tmp_path):
    with pytest.raises(FileMissing):
        Database.open(tmp_path / "none.kcdb")
    text_file = tmp_path / "notes.kcdb"
    text_file.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    with pytest.raises(NotOurFile) as info:
        Database.open(text_file)
    assert "không phải là cơ sở dữ liệu KhuyenCong" in info.value.message
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(NotOurFile):
        Database.open(other)


def test_damaged_file(demo_path):
    data = bytearray(demo_path.read_bytes())
    data[100:] = b"\x00" * (len(data) - 100)
    demo_path.write_bytes(bytes(data))
    with pytest.raises((DamagedFile, NotOurFile)):
        Database.open(demo_path)


def test_a_newer_schema_is_refused_untouched(demo_path):
    with sqlite3.connect(demo_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = demo_path.read_bytes()
    with pytest.raises(NewerSchema) as info:
        Database.open(demo_path)
    assert "phiên bản KhuyenCong mới hơn" in info.value.message
    assert demo_path.read_bytes() == before


def test_snapshot_is_a_consistent_openable_copy(demo_db, tmp_path):
    copy = demo_db.snapshot_to(tmp_path / "copy.kcdb")
    other = Database.open(copy)
    try:
        with other.session() as s:
            assert s.scalar(select(Project).where(Project.code == "LS-QG-2020-01")).name.startswith("Trình diễn")
    finally:
        other.close()


def test_the_schema_head_constant_names_the_newest_migration():
    from khuyencong_desktop.storage.migrate import SCHEMA_HEAD, head_revision

    assert SCHEMA_HEAD == head_revision()


def test_opening_a_current_file_does_not_load_alembic(demo_path):
    import subprocess
    import sys

    code = ("import sys; from khuyencong_desktop.storage.database import Database; "
            f"Database.open({str(demo_path)!r}).close(); print('alembic' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
