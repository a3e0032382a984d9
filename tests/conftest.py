"""Shared fixtures: offscreen Qt, a fresh user data folder per test, real database files."""
from __future__ import annotations

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from khuyencong_desktop import i18n  # noqa: E402
from khuyencong_desktop.operations.create import create_database  # noqa: E402
from khuyencong_desktop.operations.demo import create_demo_database  # noqa: E402
from khuyencong_desktop.storage.database import Database  # noqa: E402
from khuyencong_desktop.storage.models import Office  # noqa: E402


@pytest.fixture(autouse=True)
def user_folders(tmp_path, monkeypatch):
    """Every test gets its own data folder and settings, and Vietnamese messages."""
    data = tmp_path / "userdata"
    monkeypatch.setenv("KHUYENCONG_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("KHUYENCONG_DB", raising=False)
    i18n.set_language("vi")
    yield data
    i18n.set_language("vi")


@pytest.fixture(autouse=True)
def collected_on_main_thread(request):
    """A test with Qt objects collects cycles on the main thread only, as the window does
    (gui/collector.py); the collector stops after it, so core tests see Python's usual collection."""
    if "qapp" not in request.fixturenames:
        yield
        return
    qapp = request.getfixturevalue("qapp")
    from PySide6.QtCore import QThreadPool

    from khuyencong_desktop.gui.collector import collect_on_main_thread, stop_collecting

    collect_on_main_thread(qapp)
    yield
    QThreadPool.globalInstance().waitForDone()  # no worker allocates once collection is automatic again
    stop_collecting(qapp)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "demo.kcdb"
    create_demo_database(path).close()
    return path


@pytest.fixture
def demo_path(demo_template, tmp_path):
    """A fresh copy of the demo file (the seed articles' data) for one test."""
    path = tmp_path / "demo.kcdb"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def demo_db(demo_path):
    db = Database.open(demo_path)
    yield db
    db.close()


@pytest.fixture
def empty_db(tmp_path):
    db = create_database(tmp_path / "empty.kcdb", Office(name="TRUNG TÂM KHUYẾN CÔNG", province="Lạng Sơn"))
    yield db
    db.close()
