"""The benchmark generator makes a real, consistent KhuyenCong file with history for every record."""
from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

from generate import generate  # noqa: E402

from khuyencong_desktop.domain.codes import COUNTED_STATUSES  # noqa: E402
from khuyencong_desktop.domain.tax_code import tax_code_problem  # noqa: E402
from khuyencong_desktop.domain.text import fold, sort_key  # noqa: E402
from khuyencong_desktop.operations.check import check_file  # noqa: E402
from khuyencong_desktop.operations.summary import period_summary  # noqa: E402
from khuyencong_desktop.storage.database import Database  # noqa: E402
from khuyencong_desktop.storage.models import TRACKED_MODELS  # noqa: E402


@pytest.fixture(scope="module")
def small_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "small.kcdb"
    made = generate(path, projects=300, beneficiaries=120, years=6, provinces=8, seed=7, processes=2)
    return path, made


def rows(path: Path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, params).fetchall()


def test_file_opens_and_passes_the_file_check(small_file):
    path, _ = small_file
    db = Database.open(path)
    try:
        report = check_file(db)
    finally:
        db.close()
    assert report.integrity == "ok"
    assert [p for p in report.problems if p.severity == "error"] == []


def test_summary_counts_exactly_the_counted_projects_generated(small_file):
    path, made = small_file
    db = Database.open(path)
    try:
        summary = period_summary(db, made.first_year, made.last_year)
    finally:
        db.close()
    assert made.projects == 300
    counted = rows(path, "SELECT count(*) FROM project WHERE status IN (%s)" % ",".join("?" * len(COUNTED_STATUSES)),
                   *[s.value for s in COUNTED_STATUSES])[0][0]
    assert summary.projects == made.counted_projects == counted
    assert 0 < summary.projects < 300  # some proposals, refusals and stopped projects are left out
    assert sum(summary.excluded.values()) == 300 - summary.projects
    assert summary.state_support > 0 and summary.counterpart > 0


def test_every_record_has_its_create_entry_with_the_stored_values(small_file):
    path, made = small_file
    for table in ("project", "beneficiary", "project_beneficiary", "programme", "plan_line", "target"):
        missing = rows(path, f"SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM change_log c "
                              f"WHERE c.record_id = t.id AND c.op = 'create' AND c.entity = ?)", table)[0][0]
        assert missing == 0, table
    code, name, level, approved_nsdp, entry, parents = rows(
        path, "SELECT p.code, p.name, p.level, p.approved_nsdp, c.new_value, c.parents FROM project p "
              "JOIN change_log c ON c.record_id = p.id AND c.op = 'create' ORDER BY p.code LIMIT 1")[0]
    snapshot = json.loads(entry)
    assert (snapshot["code"], snapshot["name"], snapshot["level"], snapshot["approved_nsdp"]) == (
        code, name, level, approved_nsdp)
    assert "search_text" not in snapshot and "id" not in snapshot
    assert json.loads(parents) == []
    records = sum(rows(path, f"SELECT count(*) FROM {model.__tablename__}")[0][0] for model in TRACKED_MODELS)
    assert rows(path, "SELECT op, count(*) FROM change_log GROUP BY op") == [("create", records)]
    assert made.history_entries < records  # the rest: the catalogue and office written by create_database


def test_derived_columns_are_what_the_history_hook_computes(small_file):
    path, _ = small_file
    for name, name_key, search_text, code, province in rows(
            path, "SELECT name, name_key, search_text, code, province FROM project"):
        assert name_key == sort_key(name)
        assert search_text.startswith(f"{fold(code)} {fold(name)} ") and fold(province) in search_text
    for name, name_key in rows(path, "SELECT name, name_key FROM beneficiary"):
        assert name_key == sort_key(name)


def test_beneficiaries_look_like_real_ones(small_file):
    path, _ = small_file
    names = [n for (n,) in rows(path, "SELECT name FROM beneficiary")]
    assert any(n.startswith("Công ty") for n in names) and any(n.startswith("Hộ kinh doanh") for n in names)
    assert any(n.startswith("HTX") for n in names)
    codes = [c for (c,) in rows(path, "SELECT tax_code FROM beneficiary WHERE tax_code IS NOT NULL")]
    assert codes and all(tax_code_problem(c) is None for c in codes)
    assert len(set(codes)) == len(codes)
    per_project = [n for (n,) in rows(path, "SELECT count(*) FROM project_beneficiary GROUP BY project_id")]
    assert len(per_project) == 300 and set(per_project) <= {1, 2, 3}
    activities = {a for (a,) in rows(path, "SELECT DISTINCT activity_code FROM project")}
    assert activities <= {a for (a,) in rows(path, "SELECT code FROM activity")}


def test_the_same_seed_gives_the_same_records(small_file, tmp_path):
    path, _ = small_file
    again = tmp_path / "again.kcdb"
    generate(again, projects=300, beneficiaries=120, years=6, provinces=8, seed=7, processes=1)
    query = "SELECT id, code, name, status, approved_nstw, approved_nsdp, approved_counterpart FROM project ORDER BY id"
    assert rows(again, query) == rows(path, query)


def test_a_failed_generation_leaves_no_file(tmp_path):
    path = tmp_path / "bad.kcdb"
    with pytest.raises(ValueError):
        generate(path, projects=10, beneficiaries=5, provinces=8)
    assert not path.exists()
