"""Records created in bulk are stored exactly as records created through the ORM, history included."""
from __future__ import annotations

import json
import sqlite3
import unicodedata

import pytest

from khuyencong_desktop.domain.codes import BeneficiaryKind, FundingLevel
from khuyencong_desktop.domain.text import fold, sort_key
from khuyencong_desktop.storage.bulk import BulkCreator
from khuyencong_desktop.storage.models import TRACKED_MODELS, Beneficiary, Project, ProjectBeneficiary

# Decomposed text (NFD), as some Windows tools and old sheets write it.
NAME = unicodedata.normalize("NFD", "Hỗ trợ máy sấy chè Tân Cương")
PERSON = unicodedata.normalize("NFD", "Hộ kinh doanh Nguyễn Thị Hường")
BOOKKEEPING = ("id", "created_at", "updated_at")


def _project(code: str) -> dict:
    return dict(code=code, name=NAME, year=2024, level=FundingLevel.KCDP, activity_code="MM",
                place=unicodedata.normalize("NFD", "Xã Định Hóa"), approved_nsdp=350_000_000, jobs=12)


def _person(tax_code: str) -> dict:
    return dict(name=PERSON, kind=BeneficiaryKind.HKD, tax_code=tax_code, commune="Phú Đình")


def _create_both(db) -> dict[str, tuple[str, str]]:
    """One project, beneficiary and link each way; table → (ORM record id, bulk record id)."""
    db.actor = "Nguyễn Văn Bình"
    with db.session() as session:
        project, person = Project(**_project("ORM-1")), Beneficiary(**_person("0101234567"))
        session.add_all([project, person, ProjectBeneficiary(project=project, beneficiary=person)])
        session.flush()
        orm = {"project": project.id, "beneficiary": person.id}
        orm["project_beneficiary"] = project.links[0].id
    with db.session() as session:
        bulk = BulkCreator(session)
        project, person = bulk.new(Project, **_project("BULK-1")), bulk.new(Beneficiary, **_person("0100109106"))
        link = bulk.new(ProjectBeneficiary, project_id=project.id, beneficiary_id=person.id)
        assert bulk.flush() == 3
    made = {"project": project.id, "beneficiary": person.id, "project_beneficiary": link.id}
    return {table: (orm[table], made[table]) for table in orm}


def _row(db, table: str, record_id: str) -> dict:
    with sqlite3.connect(db.path) as conn:
        conn.row_factory = sqlite3.Row
        return dict(conn.execute(f"SELECT * FROM {table} WHERE id = ?", (record_id,)).fetchone())


def _entries(db, record_id: str) -> list[dict]:
    with sqlite3.connect(db.path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("SELECT * FROM change_log WHERE record_id = ?", (record_id,))]


@pytest.mark.parametrize("table", ["project", "beneficiary", "project_beneficiary"])
def test_a_bulk_record_is_stored_and_recorded_like_an_orm_record(empty_db, table):
    orm_id, bulk_id = _create_both(empty_db)[table]
    orm_row, bulk_row = _row(empty_db, table, orm_id), _row(empty_db, table, bulk_id)
    differing = {key for key in orm_row if orm_row[key] != bulk_row[key]}
    # Only identity, times and the values that must differ (code, tax code, the linked records).
    assert differing <= {*BOOKKEEPING, "code", "tax_code", "search_text", "project_id", "beneficiary_id"}
    assert bulk_row["origin_office_id"] == orm_row["origin_office_id"] is not None
    assert bulk_row["created_at"] == bulk_row["updated_at"] and bulk_row["deleted_at"] is None

    (orm_entry,), (bulk_entry,) = _entries(empty_db, orm_id), _entries(empty_db, bulk_id)
    assert bulk_entry["op"] == "create" and bulk_entry["entity"] == table
    assert (bulk_entry["actor"], bulk_entry["office_id"]) == ("Nguyễn Văn Bình", orm_entry["office_id"])
    assert json.loads(bulk_entry["parents"]) == json.loads(orm_entry["parents"]) == []
    assert bulk_entry["at"] == bulk_row["created_at"]
    orm_snapshot, bulk_snapshot = json.loads(orm_entry["new_value"]), json.loads(bulk_entry["new_value"])
    assert orm_snapshot.keys() == bulk_snapshot.keys()
    assert {k for k in orm_snapshot if orm_snapshot[k] != bulk_snapshot[k]} == differing & orm_snapshot.keys()
    # The snapshot is what was stored, defaults included (status, amounts, blank texts).
    assert all(bulk_snapshot[k] == bulk_row[k] for k in bulk_snapshot)


def test_bulk_text_is_nfc_and_its_search_and_sort_columns_are_derived(empty_db):
    ids = _create_both(empty_db)
    project = _row(empty_db, "project", ids["project"][1])
    person = _row(empty_db, "beneficiary", ids["beneficiary"][1])
    assert project["name"] == unicodedata.normalize("NFC", NAME) and project["place"] == "Xã Định Hóa"
    assert person["name"] == "Hộ kinh doanh Nguyễn Thị Hường"
    assert project["name_key"] == sort_key("Hỗ trợ máy sấy chè Tân Cương")
    assert fold("Tân Cương") in project["search_text"] and "bulk-1" in project["search_text"]
    assert person["name_key"] == sort_key(person["name"]) and "0100109106" in person["search_text"]
    assert project["status"] == "DA_PHE_DUYET" and project["approved_nstw"] == 0 and project["remarks"] == ""


def test_nothing_is_written_when_the_session_fails(empty_db):
    with pytest.raises(RuntimeError), empty_db.session() as session:
        bulk = BulkCreator(session)
        bulk.new(Project, **_project("BULK-2"))
        bulk.flush()
        raise RuntimeError("officer cancelled")
    with sqlite3.connect(empty_db.path) as conn:
        assert conn.execute("SELECT count(*) FROM project").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM change_log WHERE entity = 'project'").fetchone() == (0,)


def test_the_snapshot_text_is_the_json_encoders_text():
    from datetime import date

    from khuyencong_desktop.domain.codes import Status
    from khuyencong_desktop.storage.bulk import snapshot_json
    from khuyencong_desktop.storage.history import content_columns
    from khuyencong_desktop.storage.values import to_plain

    row = {key: None for key in content_columns(Project)}
    row.update(code='P-"1"\\', name="Máy\nsấy\tchè \u2028 😀", year=2024, level=FundingLevel.KCDP, status=Status.DA_PHE_DUYET,
               approved_nsdp=10**18, unlocked=False, approval_date=date(2024, 1, 5))
    expected = json.dumps({key: to_plain(row[key]) for key in content_columns(Project)}, ensure_ascii=False)
    assert snapshot_json(Project, row) == expected
    row["jobs"] = 2.5  # not a column's type: the encoder writes the whole snapshot
    assert snapshot_json(Project, row) == json.dumps({key: to_plain(row[key]) for key in content_columns(Project)},
                                                    ensure_ascii=False)


def test_ids_made_in_bulk_are_random_version_4_uuids():
    import uuid

    from khuyencong_desktop.storage.bulk import new_ids

    ids = new_ids(2000)
    assert len(set(ids)) == 2000
    for text in ids:
        made = uuid.UUID(text)
        assert (str(made), made.version, made.variant) == (text, 4, uuid.RFC_4122)
    assert {text[19] for text in ids} == set("89ab") and len({text[0] for text in ids}) == 16


def test_snapshots_of_many_rows_are_each_the_json_encoders_text():
    from khuyencong_desktop.domain.codes import Status
    from khuyencong_desktop.storage.bulk import snapshot_texts
    from khuyencong_desktop.storage.history import content_columns
    from khuyencong_desktop.storage.values import to_plain

    def expected(row):
        return json.dumps({key: to_plain(row[key]) for key in content_columns(Project)}, ensure_ascii=False)

    base = {key: None for key in content_columns(Project)}
    rows = [{**base, "code": "P-1", "name": "Máy sấy", "jobs": 3, "unlocked": True, "status": Status.DA_PHE_DUYET},
            {**base, "code": "P-2", "name": None, "jobs": 0, "unlocked": False, "notes": 'a "b" %s \\ \n'},
            {**base, "code": "P-3", "name": "Chè", "jobs": None, "unlocked": 1}]
    assert snapshot_texts(Project, rows) == [expected(row) for row in rows]
    assert '"unlocked": true' in snapshot_texts(Project, rows)[0] and '"unlocked": 1' in snapshot_texts(Project, rows)[2]
    rows[1]["jobs"] = 2.0  # a float: the encoder writes every snapshot of the rows whole, as it would
    assert snapshot_texts(Project, rows) == [expected(row) for row in rows]


def test_records_flushed_in_several_chunks_are_all_stored_with_their_entries_in_order(empty_db, monkeypatch):
    from khuyencong_desktop.storage import bulk as bulk_module

    monkeypatch.setattr(bulk_module, "FLUSH_CHUNK", 2)
    with empty_db.session() as session:
        bulk = BulkCreator(session)
        projects = [bulk.new(Project, **_project(f"BULK-{i}")) for i in range(5)]
        people = [bulk.new(Beneficiary, **_person(f"010123456{i}")) for i in range(3)]
        link = bulk.new(ProjectBeneficiary, project_id=projects[4].id, beneficiary_id=people[2].id)
        assert bulk.flush() == 9
    with sqlite3.connect(empty_db.path) as conn:
        stored = [code for (code,) in conn.execute("SELECT code FROM project ORDER BY rowid")]
        logged = conn.execute("SELECT entity, record_id, new_value FROM change_log WHERE entity IN "
                              "('project', 'beneficiary', 'project_beneficiary') ORDER BY seq").fetchall()
    assert stored == [f"BULK-{i}" for i in range(5)]
    made = {"project": [p.id for p in projects], "beneficiary": [b.id for b in people],
            "project_beneficiary": [link.id]}
    # Table by table in reference order, each table's entries in the order its records were made.
    order = [model.__tablename__ for model in TRACKED_MODELS if model.__tablename__ in made]
    assert [(entity, record_id) for entity, record_id, _ in logged] == [
        (table, record_id) for table in order for record_id in made[table]]
    assert [json.loads(text)["code"] for entity, _, text in logged if entity == "project"] == stored


@pytest.mark.parametrize("table", ["project", "beneficiary", "programme"])
def test_search_and_sort_columns_of_many_rows_are_each_rows_own(table):
    from khuyencong_desktop.storage.history import derived_rows, derived_values

    decomposed = unicodedata.normalize("NFD", "Xã Định Hóa")
    rows = [{"code": "P-1", "name": "Máy sấy chè", "place": "Xã Định Hóa", "province": "Thái Nguyên"},
            {"code": "P-2", "name": "Máy sấy chè", "place": decomposed, "province": None, "tax_code": "0100109106"},
            {"code": "P-3", "name": None, "place": "", "commune": "Xã Định Hóa", "trade": "Chè"},
            {"name": "  ĐẮK   LẮK ", "place": "Xã Định Hóa", "district": "Định Hóa", "implementing_unit": "HTX"}]
    assert derived_rows(table, rows) == [derived_values(table, row) for row in rows]
    if table != "programme":
        first, _, _, last = derived_rows(table, rows)
        assert first["name_key"] == sort_key("Máy sấy chè") and "thai nguyen" in first["search_text"]
        assert last["name_key"] == sort_key("ĐẮK LẮK") and "dak lak" in last["search_text"]
