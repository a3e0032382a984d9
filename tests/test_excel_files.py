"""Bad workbook files get one clear sentence, and the command line's exit codes (run as a real process)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from excel_files import counts, digest, write_workbook
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


def run_cli(*args, user: list[str] = (), env: dict | None = None):
    """The command line in its own process; ``user`` is a command prefix running it as another user."""
    return subprocess.run([*user, sys.executable, "-m", "khuyencong_desktop.cli", *args], capture_output=True,
                          text=True, encoding="utf-8", env={**os.environ, "PYTHONWARNINGS": "error", **(env or {})})


def nobody():
    import pwd

    return pwd.getpwnam("nobody")


def unprivileged() -> list[str]:
    """The prefix running a command as "nobody" (root reads and replaces any file, so a lock needs another user)."""
    if shutil.which("setpriv"):
        return ["setpriv", f"--reuid={nobody().pw_uid}", f"--regid={nobody().pw_gid}", "--clear-groups"]
    return ["runuser", "-u", "nobody", "--"]


@pytest.mark.skipif(os.name != "posix", reason="the lock is made with POSIX permissions")
def test_a_file_locked_by_excel_is_one_sentence_and_nothing_is_written(demo_path):
    """Excel keeps the workbooks it has open locked: they cannot be read, nor replaced by an export."""
    folder = Path(tempfile.mkdtemp(prefix="khuyencong-khoa-"))
    try:
        database, data = folder / "demo.kcdb", folder / "data"
        shutil.copy(demo_path, database)
        data.mkdir()
        opened = write_workbook(folder / "dang-mo.xlsx", {"Đề án": [HEADER, ["K-1", "Đề án", 2024, "KCQG", "TT", 5]]})
        report = folder / "bao-cao.xlsx"
        report.write_bytes(opened.read_bytes())
        for name in ("dang-mo.xlsx", "bao-cao.xlsx"):
            (folder / f"~${name}").write_bytes(b"\x0bNguyen Van A")  # Excel's owner file beside each
        before = {path.name: digest(path) for path in (database, opened, report)}
        if os.geteuid() == 0:
            # As "nobody": the folder is shared but sticky, so the locked files (root's) cannot be
            # replaced, and the open workbook cannot be read.
            user = unprivileged()
            folder.chmod(0o1777)
            for path in (database, data):
                os.chown(path, nobody().pw_uid, -1)
            opened.chmod(0o600)
            env = {"KHUYENCONG_DATA_DIR": str(data), "HOME": str(data), "XDG_CONFIG_HOME": str(data)}
        else:
            user, env = [], {"KHUYENCONG_DATA_DIR": str(data)}
            opened.chmod(0)
            folder.chmod(0o555)  # the export cannot put its workbook in place
        locked = "Tệp «{}» đang được mở trong Excel. Hãy đóng tệp trong Excel rồi thử lại.\n"

        imported = run_cli("--db", str(database), "import", str(opened), user=user, env=env)
        assert (imported.returncode, imported.stderr) == (1, locked.format("dang-mo.xlsx"))
        exported = run_cli("--db", str(database), "export", str(report), user=user, env=env)
        assert (exported.returncode, exported.stderr) == (1, locked.format("bao-cao.xlsx"))

        folder.chmod(0o755)
        assert {path.name: digest(path) for path in (database, opened, report)} == before
        assert sorted(path.name for path in folder.iterdir()) == ["bao-cao.xlsx", "dang-mo.xlsx", "data", "demo.kcdb",
                                                                 "~$bao-cao.xlsx", "~$dang-mo.xlsx"]
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)

