"""File menu and file safety: copies, backups, refused files, locks held by another process."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

from khuyencong_desktop.gui.file_safety import LOCAL, NETWORK, REMOVABLE, FileLock, drive_kind
from khuyencong_desktop.gui.status import record_counts
from khuyencong_desktop.storage.database import Database
from khuyencong_desktop.storage.models import ChangeLog, Office
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select


def test_save_a_copy_gives_an_openable_file_with_the_same_counts(window, shown, tmp_path):
    shown.save_path = tmp_path / "copy" / "ban-sao.kcdb"
    window.file_menu.save_copy_action.trigger()
    assert shown.infos == [f"Đã lưu bản sao vào «{shown.save_path}»."]
    copy = Database.open(shown.save_path)
    try:
        assert record_counts(copy) == record_counts(window.context.db) == {
            "programmes": "1", "projects": "62", "beneficiaries": "48"}
    finally:
        copy.close()
    assert window.context.db.path.name == "khuyencong-demo.kcdb"


def test_back_up_now_writes_a_file_in_backups(window, shown, user_folders):
    window.file_menu.backup_action.trigger()
    backups = list((user_folders / "backups").glob("khuyencong-demo-manual-*.kcdb"))
    assert len(backups) == 1
    assert shown.infos == [f"Đã sao lưu vào «{backups[0]}»."]
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT count(*) FROM project").fetchone() == (62,)


def test_a_foreign_file_is_refused_and_the_open_file_stays(window, shown, tmp_path):
    foreign = tmp_path / "khac.kcdb"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE sach (ten TEXT)")
    shown.open_path = foreign
    window.file_menu.open_action.trigger()
    assert shown.errors == [f"Tệp «{foreign}» không phải là cơ sở dữ liệu KhuyenCong."]
    assert window.context.db.path.name == "khuyencong-demo.kcdb"
    assert record_counts(window.context.db)["projects"] == "62"
    assert not (tmp_path / "khac.kcdb.lock").exists()


def test_a_newer_file_is_refused_and_the_open_file_stays(window, shown, demo_path):
    with sqlite3.connect(demo_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    assert window.opener.open(demo_path) is False
    assert shown.errors == [f"Tệp «{demo_path}» được tạo bởi phiên bản KhuyenCong mới hơn. "
                            "Hãy cập nhật ứng dụng để mở tệp này."]
    assert window.context.db.path.name == "khuyencong-demo.kcdb"


def test_a_text_file_is_refused(window, shown, tmp_path):
    text_file = tmp_path / "ghi-chu.kcdb"
    text_file.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    assert window.opener.open(text_file) is False
    assert shown.errors == [f"Tệp «{text_file}» không phải là cơ sở dữ liệu KhuyenCong."]


def test_opening_another_file_switches_and_releases_the_lock(window, shown, demo_path):
    first = window.context.db.path
    assert (first.parent / (first.name + ".lock")).exists()
    assert window.opener.open(demo_path)
    assert window.context.db.path == demo_path.resolve()
    assert not (first.parent / (first.name + ".lock")).exists()
    assert window.file_label.text() == "Tệp: demo.kcdb"
    assert shown.errors == []


HOLD_LOCK = textwrap.dedent("""
    import sys, time
    from khuyencong_desktop.gui.file_safety import FileLock
    lock = FileLock(sys.argv[1]).acquire()
    print("locked", flush=True)
    sys.stdin.readline()
    lock.release()
""")


def test_a_file_locked_by_another_process_is_refused(window, shown, demo_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(demo_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert window.opener.open(demo_path) is False
        assert len(shown.errors) == 1
        assert shown.errors[0].startswith(f"Tệp «{demo_path}» đang được mở bởi ")
        assert f"(tiến trình {holder.pid}, từ " in shown.errors[0]
        assert window.context.db.path.name == "khuyencong-demo.kcdb"
    finally:
        holder.communicate("\n", timeout=10)
    assert window.opener.open(demo_path) is True


def test_a_lock_left_by_a_dead_process_is_taken_over(demo_path):
    dead = subprocess.Popen([sys.executable, "-c", "import os; print(os.getpid())"], stdout=subprocess.PIPE, text=True)
    pid = int(dead.communicate()[0])
    lock_file = demo_path.with_name(demo_path.name + ".lock")
    import json
    import socket

    lock_file.write_text(json.dumps({"pid": pid, "host": socket.gethostname(), "user": "an", "since": ""}))
    lock = FileLock(demo_path).acquire()
    assert json.loads(lock_file.read_text())["pid"] != pid
    lock.release()
    assert not lock_file.exists()


def test_a_second_window_in_the_same_process_is_refused(window, shown):
    path = window.context.db.path
    second = FileLock(path)
    try:
        second.acquire()
    except Exception as exc:  # noqa: BLE001 - the message is what is checked
        assert "đang được mở bởi" in exc.message
    else:
        raise AssertionError("a second lock on an open file was granted")


MOUNTS = textwrap.dedent("""\
    /dev/sda1 / ext4 rw 0 0
    /dev/sdb1 /media/canbo/USB\\040KC vfat rw 0 0
    //server/share /mnt/so-cong-thuong cifs rw 0 0
    server:/export /srv/nfs nfs4 rw 0 0
    """)


def test_drive_kind_reads_the_mount_table():
    assert drive_kind("/home/canbo/khuyencong.kcdb", MOUNTS) == LOCAL
    assert drive_kind("/media/canbo/USB KC/lang-son.kcdb", MOUNTS) == REMOVABLE
    assert drive_kind("/mnt/so-cong-thuong/du-lieu.kcdb", MOUNTS) == NETWORK
    assert drive_kind("/srv/nfs/a.kcdb", MOUNTS) == NETWORK


def test_a_file_on_a_usb_stick_can_be_worked_on_as_a_local_copy(window, shown, demo_path, monkeypatch, user_folders):
    from khuyencong_desktop.gui import opening

    monkeypatch.setattr(opening, "drive_kind", lambda path: REMOVABLE)
    shown.answer = True
    assert window.opener.open(demo_path)
    assert "ổ đĩa rời (USB)" in shown.questions[0]
    local = user_folders / "local-copies" / "demo.kcdb"
    assert window.context.db.path == local.resolve()
    assert window.opener.original == demo_path.resolve()
    assert window.file_menu.write_back_action.isVisible()
    with window.context.db.session() as session:
        session.add(Office(name="TRUNG TÂM KHUYẾN CÔNG TỈNH LAI CHÂU", province="Lai Châu"))
    window.file_menu.write_back_action.trigger()
    assert shown.infos == [f"Đã ghi lại vào tệp gốc «{demo_path.resolve()}»."]
    with sqlite3.connect(demo_path) as conn:
        assert conn.execute("SELECT count(*) FROM office WHERE name = 'TRUNG TÂM KHUYẾN CÔNG TỈNH LAI CHÂU'"
                            ).fetchone() == (1,)


def test_office_details_are_saved_with_history(window, qtbot):
    from khuyencong_desktop.gui.dialogs.office import OfficeDialog

    dialog = OfficeDialog(window.context, window)
    qtbot.addWidget(dialog)
    field = dialog.fields["head_name"]
    field.setFocus()
    field.selectAll()
    typed = QInputMethodEvent()  # Vietnamese arrives through the input method (Unikey), not key by key
    typed.setCommitString("Nguyễn Văn Hùng")
    QApplication.sendEvent(field, typed)
    assert field.text() == "Nguyễn Văn Hùng"
    dialog.unit.setCurrentIndex(dialog.unit.findData("TY"))
    with qtbot.waitSignal(window.context.data_changed):
        dialog.accept()
    db = window.context.db
    with db.session() as session:
        office = db.local_office(session)
        assert office.head_name == "Nguyễn Văn Hùng" and office.default_unit == "TY"
        changes = session.scalars(select(ChangeLog).where(ChangeLog.record_id == office.id,
                                                          ChangeLog.field == "head_name")).all()
    assert changes and '"Nguyễn Văn Hùng"' in changes[-1].new_value
