"""`khuyencong report …` as an officer runs it: files written, exit codes, clear messages, no partial files."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pdf_checks import pdf_text, squeeze


def khuyencong(db, *args):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "khuyencong_desktop.cli", "--db", str(db), *args],
                          capture_output=True, text=True, encoding="utf-8", env=env)


@pytest.mark.parametrize("args, expected", [
    (["proposal", "--project", "LS-QG-2020-01"], "Công ty Cổ phần Đầu tư xây dựng và phát triển Việt Bắc"),
    (["completion", "--project", "LS-QG-2018-01"], "Thực hiện (quyết toán)"),
    (["summary", "--from", "2017", "--to", "2021"], "khoảng 5,15 đồng vốn đầu tư"),
    (["plan", "--year", "2020"], "DANH MỤC ĐỀ ÁN KHUYẾN CÔNG NĂM 2020"),
])
def test_each_document_from_the_command_line(demo_path, tmp_path, args, expected):
    out = tmp_path / "văn bản.pdf"
    result = khuyencong(demo_path, "report", *args, "--out", str(out), "--number", "7", "--date", "05/01/2021")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Đã ghi {out}."
    flat = squeeze(pdf_text(out))
    assert expected in flat and "Lạng Sơn, ngày 05 tháng 01 năm 2021" in flat and "Số: 07/" in flat
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []


def test_unknown_project_fails_cleanly(demo_path, tmp_path):
    result = khuyencong(demo_path, "report", "proposal", "--project", "KHONG-CO", "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 1
    assert result.stderr.strip() == "Không tìm thấy đề án có mã «KHONG-CO»."
    assert list(tmp_path.glob("x.pdf*")) == []


def test_unwritable_output_leaves_nothing(demo_path, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    missing = tmp_path / "không có" / "plan.pdf"
    result = khuyencong(demo_path, "report", "plan", "--year", "2020", "--out", str(missing))
    assert result.returncode == 1
    assert result.stderr.strip() == f"Không ghi được tệp «{missing}»: thư mục không tồn tại."
    folder = tmp_path / "thư mục"
    folder.mkdir()
    result = khuyencong(demo_path, "report", "summary", "--from", "2017", "--to", "2021", "--out", str(folder))
    assert result.returncode == 1
    assert result.stderr.strip() == f"Không ghi được tệp «{folder}»: đó là một thư mục."
    assert list(tmp_path.iterdir()) == [folder] and list(folder.iterdir()) == []


def test_an_existing_file_is_replaced_whole(demo_path, tmp_path):
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"old")
    assert khuyencong(demo_path, "report", "plan", "--year", "2019", "--out", str(out)).returncode == 0
    assert out.read_bytes().startswith(b"%PDF-") and "LS-DP-2019-DT01" in pdf_text(out)


def test_bad_arguments_are_all_listed(demo_path, tmp_path):
    out = tmp_path / "x.pdf"
    result = khuyencong(demo_path, "report", "summary", "--from", "2021", "--to", "2017", "--out", str(out),
                        "--number", "0", "--date", "31/02/2021")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "Dữ liệu không hợp lệ, không có gì được ghi:",
        "  --number: «0» không phải số văn bản (số nguyên từ 1).",
        "  --date: Ngày «31/02/2021» không tồn tại",
        "  --from 2021 lớn hơn --to 2017.",
    ]
    assert not out.exists()
