"""A merge killed half-way (kill -9 of a real process) leaves an intact file, merged fully or not at all."""
import os
import signal
import sqlite3
import subprocess
import sys

from exchange_offices import district_copy, state
from khuyencong_desktop.exchange.merge import PAUSE_ENV, merge_package
from khuyencong_desktop.exchange.package import write_package
from khuyencong_desktop.storage.database import Database
from khuyencong_desktop.storage.models import Beneficiary


def test_a_merge_killed_in_its_transaction_leaves_the_file_as_before(demo_db, tmp_path):
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    with district.session() as s:
        for n in range(200):
            s.add(Beneficiary(name=f"Cơ sở mộc số {n}", commune="Xã Hợp Thành"))
    package = write_package(district, tmp_path / "huyen.kcx")
    district.close()
    before = state(demo_db)
    demo_db.close()

    env = {**os.environ, PAUSE_ENV: "60"}
    child = subprocess.Popen([sys.executable, "-m", "khuyencong_desktop.cli", "--db", str(demo_db.path), "exchange",
                              "merge", str(package)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    try:
        assert child.stdout.readline().strip() == "merge: written, not committed"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    with sqlite3.connect(demo_db.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    reopened = Database.open(demo_db.path)
    try:
        assert state(reopened) == before
        result = merge_package(reopened, package)
        assert result.created == 201
        assert len(state(reopened)["records"]) == len(before["records"]) + 201
    finally:
        reopened.close()
