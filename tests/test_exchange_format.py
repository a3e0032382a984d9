"""Package format 2 (a line per entry and row) and packages of format 1 both merge to the same files."""
from __future__ import annotations

import json
import zipfile

from sqlalchemy import select

from exchange_offices import district_copy, state
from khuyencong_desktop.exchange.merge import merge_package
from khuyencong_desktop.exchange.package import CONTENT, CONTENT_V1, MANIFEST, _digest, read_package, write_package
from khuyencong_desktop.storage.models import Beneficiary, Project


def _district_with_edits(demo_db, tmp_path):
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    with district.session() as s:
        s.scalars(select(Project).order_by(Project.code)).first().remarks = "Huyện đã kiểm tra thực tế"
        s.add(Beneficiary(name="Hộ kinh doanh mây tre Lê Thị Hoa", commune="Xã Hợp Thành"))
    return district


def _as_format_1(package, target):
    """The same package written as format 1 wrote it: one JSON document with every entry and row."""
    read = read_package(package)
    content = json.dumps({"entries": read.entries.except_ids(set()),
                          "rows": {table: {"columns": lines.columns, "values": lines.except_ids(set())}
                                   for table, lines in read.rows.items()}},
                         ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    manifest = {k: v for k, v in read.manifest.items() if k != "sha256"}
    manifest["format_version"] = 1
    manifest["sha256"] = _digest(manifest, content)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False))
        archive.writestr(CONTENT_V1, content)
    return target


def test_a_package_holds_one_line_per_entry_and_row_with_the_id_first(demo_db, tmp_path):
    package = write_package(demo_db, tmp_path / "tinh.kcx")
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read(MANIFEST))
        lines = archive.read(CONTENT).decode("utf-8").split("\n")
    header = json.loads(lines[0])
    assert manifest["format_version"] == 2 and header["entries"] == manifest["entries"]
    headers = [json.loads(line) for line in lines if line.startswith("{")][1:]
    tables = [h for h in headers if "table" in h]
    assert {t["table"]: t["count"] for t in tables} == manifest["records"]
    assert all(t["columns"][0] == "id" for t in tables)
    assert [(h["shared"], h["count"]) for h in headers if "shared" in h] == [("duplicate_decision", 0)]
    assert manifest["shared"] == {"duplicate_decision": 0}
    assert len(lines) == 1 + header["entries"] + len(headers) + sum(manifest["records"].values())


def test_format_1_and_format_2_packages_merge_alike(demo_db, tmp_path):
    district = _district_with_edits(demo_db, tmp_path)
    package = write_package(district, tmp_path / "huyen.kcx")
    old = _as_format_1(package, tmp_path / "huyen-v1.kcx")
    district.close()
    second = district_copy(demo_db, tmp_path / "second.kcdb")
    try:
        new_result, old_result = merge_package(demo_db, package), merge_package(second, old)
        # Created: the district office and its new beneficiary; updated: the project.
        assert (new_result.created, new_result.updated) == (old_result.created, old_result.updated) == (2, 1)
        assert state(demo_db)["records"].keys() - state(second)["records"].keys() == set()
        with second.session() as s:
            remarks = [p.remarks for p in s.scalars(select(Project))]
        assert "Huyện đã kiểm tra thực tế" in remarks
        assert merge_package(demo_db, package).updated == 0
    finally:
        second.close()
