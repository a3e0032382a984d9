"""Bad workbook files get one clear sentence, and the command line's exit codes (run as a real process)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from openpyxl import Workbook

from excel_files import counts, write_workbook
from khuyencong_desktop.excel.workbook import OLE_MAGIC, WorkbookError
from khuyencong_desktop.operations.excel_import import import_workbook

HEADER = ["Mã đề án", "Tên đề án", "Năm", "Nguồn kinh phí", "Nội dung", "Kinh phí khuyến công (triệu đồng)"]


def ole_file(path, *stream_names: str):
    """An OLE2 compound file (what .xls and password-protected .xlsx are) naming ``stream_names``."""
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\0") + b"\0" * 64 for name in ("Root Entry", *stream_names))
    path.write_bytes(OLE_MAGIC + b"\0" * 504 + directory)
    return path


def message_for(db, path) -> str:
    with pytest.raises(WorkbookError) as caught:
        import_workbook(db, path)
    return caught.value.message


def test_each_kind_of_bad_file_is_one_clear_sentence(empty_db, tmp_path):
    text = tmp_path / "ghi-chu.xlsx"
    text.write_text("không phải sổ tính", encoding="utf-8")
    assert message_for(empty_db, text) == "Tệp «ghi-chu.xlsx» không phải là sổ tính Excel (.xlsx)."
    assert message_for(empty_db, ole_file(tmp_path / "cu.xls", "Workbook")) == (
        "Tệp «cu.xls» là định dạng Excel cũ (.xls). Hãy mở bằng Excel và lưu thành Sổ làm việc Excel (.xlsx) "
        "rồi nhập lại.")
    assert message_for(empty_db, ole_file(tmp_path / "mat-khau.xlsx", "EncryptionInfo", "EncryptedPackage")) == (
        "Tệp «mat-khau.xlsx» được đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) "
        "rồi lưu lại.")
    empty = tmp_path / "trong.xlsx"
    Workbook().save(empty)
    assert message_for(empty_db, empty) == "Sổ tính «trong.xlsx» không có dữ liệu."
    other = write_workbook(tmp_path / "khac.xlsx", {"Sheet1": [["Họ tên", "Tuổi"], ["A", 3]]})
    assert message_for(empty_db, other) == ("Sổ tính «khac.xlsx» không có trang nào nhận ra được; cần trang tên «Cơ sở», "
                                            "«Chương trình», «Kế hoạch vốn», «Chỉ tiêu», «Đề án».")
    no_header = write_workbook(tmp_path / "khong-tieu-de.xlsx", {"Đề án": [["Mã đề án", "Tên"], ["X", "Y"]]})
    assert message_for(empty_db, no_header) == (
        "Trang «Đề án»: không tìm thấy dòng tiêu đề có đủ các cột Mã đề án, Tên đề án, Năm, Nguồn kinh phí, Nội dung, "
        "Kinh phí khuyến công trong 15 dòng đầu.")
    assert counts(empty_db) == (0, counts(empty_db)[1])


def test_a_workbook_open_in_excel(empty_db, tmp_path):
    path = write_workbook(tmp_path / "dang-mo.xlsx", {"Đề án": [HEADER, ["E-1", "Đề án", 2024, "KCQG", "TT", 5]]})
    (tmp_path / "~$dang-mo.xlsx").write_bytes(b"\x0bNguyen Van A")
    report = import_workbook(empty_db, path, dry_run=True)
    assert report.warnings == ["Tệp đang mở trong Excel: những thay đổi chưa lưu trong Excel sẽ không được nhập."]
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their permissions, so the lock cannot be reproduced here")
    path.chmod(0)
    assert message_for(empty_db, path) == "Tệp «dang-mo.xlsx» đang được mở trong Excel. Hãy đóng tệp trong Excel rồi thử lại."


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "khuyencong_desktop.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", env={**os.environ, "PYTHONWARNINGS": "error"})


def test_command_line_exit_codes(demo_path, tmp_path):
    good = write_workbook(tmp_path / "tot.xlsx", {"Đề án": [HEADER, ["C-1", "Đề án mới", 2024, "KCĐP", "TT", "12,5"]]})
    bad = write_workbook(tmp_path / "sai.xlsx", {"Đề án": [HEADER, ["C-2", "Đề án sai", 2024, "KCĐP", "TT", "1O"]]})
    not_excel = tmp_path / "x.xlsx"
    not_excel.write_text("abc")

    failed = run_cli("--db", str(demo_path), "import", str(bad))
    assert failed.returncode == 2
    assert failed.stderr.splitlines() == ["Dữ liệu không hợp lệ, không có gì được ghi:",
                                          "  Đề án!R2 Kinh phí khuyến công: không đọc được số «1O»"]

    wrong = run_cli("--db", str(demo_path), "import", str(not_excel))
    assert (wrong.returncode, wrong.stderr) == (1, "Tệp «x.xlsx» không phải là sổ tính Excel (.xlsx).\n")

    done = run_cli("--db", str(demo_path), "import", str(good))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["Trang «Đề án» (1 dòng): tạo mới 1, cập nhật 0, không đổi 0",
                                        "Đã nhập xong «tot.xlsx»."]
