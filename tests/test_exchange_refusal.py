"""Packages that must be refused with a clear message, leaving the database byte for byte as it was."""
import json
import zipfile

import pytest

from khuyencong_desktop.cli.main import main
from khuyencong_desktop.exchange.package import CONTENT, MANIFEST, _digest, write_package

DAMAGED = "bị hỏng, thiếu hoặc đã bị sửa"


@pytest.fixture
def package(demo_db, tmp_path):
    path = write_package(demo_db, tmp_path / "tinh.kcx")
    demo_db.close()
    return path


def _members(path):
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read(MANIFEST)), archive.read(CONTENT)


def _rezip(path, manifest, content):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest))
        archive.writestr(CONTENT, content)


def truncated(path, tmp_path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    return DAMAGED


def bit_flipped(path, tmp_path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x10
    path.write_bytes(bytes(data))
    return DAMAGED


def edited(path, tmp_path):
    manifest, content = _members(path)
    _rezip(path, manifest, content.replace(b'"LS-QG-2020-01"', b'"LS-QG-2020-99"'))
    return DAMAGED


def newer_schema(path, tmp_path):
    manifest, content = _members(path)
    manifest["schema_revision"] = "0099"
    manifest["sha256"] = _digest(manifest, content)
    _rezip(path, manifest, content)
    return "Hãy cập nhật ứng dụng rồi nhận lại gói"


def not_a_package(path, tmp_path):
    path.write_text("Báo cáo tháng 11\n", encoding="utf-8")
    return "không phải là gói trao đổi dữ liệu KhuyenCong"


def a_zip_of_something_else(path, tmp_path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return "không phải là gói trao đổi dữ liệu KhuyenCong"


@pytest.mark.parametrize("spoil", [truncated, bit_flipped, edited, newer_schema, not_a_package,
                                   a_zip_of_something_else])
def test_a_spoilt_package_is_refused_and_the_database_untouched(spoil, package, demo_path, tmp_path, capsys,
                                                               user_folders):
    message = spoil(package, tmp_path)
    before = demo_path.read_bytes()
    assert main(["--db", str(demo_path), "exchange", "merge", str(package), "--json"]) == 1
    err = capsys.readouterr().err
    assert message in err and str(package) in err
    assert demo_path.read_bytes() == before
    assert not list((user_folders / "backups").glob("*before-merge*"))
