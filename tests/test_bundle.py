"""Delivery: the frozen one-folder bundle, its self-test, portable mode, the version resource, the installer."""
from __future__ import annotations

import ast
import json
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from khuyencong_desktop import __version__, paths
from khuyencong_desktop.operations.summary import period_summary
from khuyencong_desktop.storage.database import Database

from test_selftest import FAILING_STEPS, assert_expected_steps

INSTALLERS = Path(__file__).resolve().parents[1] / "installers"
build = runpy.run_path(str(INSTALLERS / "build.py"))
versioninfo = runpy.run_path(str(INSTALLERS / "gen_versioninfo.py"))
MAX_BUNDLE_MB = 150


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Path:
    """The bundle built once per test run with the real spec (on Linux: a Linux bundle)."""
    folder = tmp_path_factory.mktemp("pyinstaller")
    return build["build_bundle"](folder / "dist", folder / "work")


@pytest.fixture(scope="session")
def frozen_self_test(bundle, tmp_path_factory):
    return build["run_self_test"](bundle, tmp_path_factory.mktemp("selftest") / "self-test.log")


def frozen_env(tmp_path: Path) -> dict[str, str]:
    """A clean user account for the frozen app: no data-folder override, its own home."""
    env = dict(os.environ, HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "xdg"), APPDATA=str(tmp_path / "xdg"))
    env.pop("KHUYENCONG_DATA_DIR", None)
    return env


@pytest.mark.slow
def test_console_twin_prints_the_version(bundle):
    result = subprocess.run([str(build["executable"](bundle, build["CONSOLE_EXE"])), "--version"],
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout.strip()) == (0, f"KhuyenCong {__version__}")


@pytest.mark.slow
def test_frozen_command_line_migrates_and_summarises(bundle, tmp_path):
    """Alembic's migration scripts load from the bundle, and the frozen figures equal the source's."""
    exe = str(build["executable"](bundle, build["CONSOLE_EXE"]))
    db_path = tmp_path / "lang-son.kcdb"
    created = subprocess.run([exe, "--db", str(db_path), "init", "--demo"], capture_output=True, text=True, timeout=120)
    assert created.returncode == 0, created.stderr
    summary = subprocess.run([exe, "--db", str(db_path), "summary", "--from", "2017", "--to", "2021", "--json"],
                             capture_output=True, text=True, timeout=120)
    db = Database.open(db_path)
    try:
        expected = period_summary(db, 2017, 2021)
    finally:
        db.close()
    figures = json.loads(summary.stdout)
    assert (figures["projects"], figures["counterpart"], figures["jobs"]) == (
        expected.projects, expected.counterpart, expected.jobs)


@pytest.mark.slow
def test_frozen_self_test_passes_its_steps(frozen_self_test):
    assert_expected_steps(frozen_self_test.output)
    assert frozen_self_test.returncode == (1 if FAILING_STEPS else 0)
    assert frozen_self_test.startup_s is not None and 0 < frozen_self_test.startup_s < 60


@pytest.mark.slow
def test_bundle_is_small_and_carries_the_resources(bundle):
    size = build["bundle_size_mb"](bundle)
    print(f"bundle {size:.1f} MB")
    assert size < MAX_BUNDLE_MB
    internal = bundle / "_internal"
    for resource in ("fonts/LiberationSerif-Regular.ttf", "fonts/LICENSE-LiberationSerif.txt",
                     "translations/en.json", "translations/qt-vi.json", "icons/khuyencong.ico", "data/norms.json"):
        assert (internal / "resources" / resource).is_file(), resource
    assert (internal / "khuyencong_desktop/storage/migrations/versions").is_dir()
    shipped = {path.name for path in internal.rglob("*")}
    assert not [name for name in shipped if "WebEngine" in name or "Qt6Quick" in name or "Qt6Qml" in name]


@pytest.mark.slow
def test_bundle_names_differ_in_more_than_case(bundle):
    """Windows ignores case in file names: KhuyenCong.exe and khuyencong.exe would be one file there."""
    names = [str(path.relative_to(bundle)) for path in bundle.rglob("*")]
    assert len({name.casefold() for name in names}) == len(names)
    assert build["executable"](bundle, build["WINDOW_EXE"]).is_file()
    assert build["executable"](bundle, build["CONSOLE_EXE"]).is_file()


@pytest.mark.slow
def test_portable_marker_keeps_data_beside_the_executable(bundle, tmp_path):
    exe = str(build["executable"](bundle, build["CONSOLE_EXE"]))
    env = frozen_env(tmp_path)
    marker = bundle / paths.PORTABLE_MARKER
    marker.write_text("", encoding="utf-8")
    try:
        portable = subprocess.run([exe, "init", "--demo"], env=env, capture_output=True, text=True, timeout=120)
    finally:
        marker.unlink()
    assert portable.returncode == 0, portable.stderr
    assert (bundle / "data" / "khuyencong-demo.kcdb").is_file()
    installed = subprocess.run([exe, "init", "--demo"], env=env, capture_output=True, text=True, timeout=120)
    assert installed.returncode == 0, installed.stderr
    assert (tmp_path / "xdg" / "KhuyenCong" / "khuyencong-demo.kcdb").is_file()


@pytest.mark.slow
def test_installer_compiles_against_the_bundle(bundle, tmp_path):
    installer = build["build_installer"](bundle, tmp_path, compress=False)
    assert installer.name == f"KhuyenCong-{__version__}-setup.exe"
    assert installer.read_bytes()[:2] == b"MZ"
    assert installer.stat().st_size > build["bundle_size_mb"](bundle) * 2**20


def test_installer_script_installs_per_user_in_vietnamese_and_keeps_the_data():
    script = (INSTALLERS / "khuyencong.nsi").read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in script and "HKLM" not in script
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP}"' in script
    assert '!insertmacro MUI_LANGUAGE "Vietnamese"' in script
    assert 'WriteRegStr HKCU "Software\\Classes\\.kcx" "" "${PROG_ID}"' in script
    assert 'CreateShortCut "$SMPROGRAMS\\${APP}\\${APP}.lnk"' in script
    uninstall = script[script.index('Section "Uninstall"'):]
    assert re.findall(r"^\s*RMDir /r (.+)$", uninstall, re.MULTILINE) == ['"$INSTDIR\\_internal"']
    assert "$APPDATA" not in re.sub(r";.*", "", uninstall)


def test_installer_refuses_to_build_without_a_bundle(tmp_path):
    with pytest.raises(build["BuildError"], match="makensis failed"):
        build["build_installer"](tmp_path / "no-bundle", tmp_path, compress=False)


def test_version_resource_carries_the_package_version(tmp_path):
    text = versioninfo["write_version_info"](tmp_path / "version_info.txt").read_text(encoding="utf-8")
    call = ast.parse(text, mode="eval").body
    assert call.func.id == "VSVersionInfo"
    strings = {node.args[0].value: node.args[1].value for node in ast.walk(call)
               if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "StringStruct"}
    assert strings["ProductVersion"] == strings["FileVersion"] == __version__
    assert strings["OriginalFilename"] == "KhuyenCong.exe"
    assert "StringStruct('OriginalFilename', 'khuyencong-cli.exe')" in versioninfo["version_info_text"](
        __version__, "khuyencong-cli.exe")
    assert f"filevers={versioninfo['version_quad'](__version__)}" in text


@pytest.mark.parametrize("version, quad", [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)),
                                           ("2.0.3rc1", (2, 0, 3, 0)), ("1.4.0.dev2+g12ab", (1, 4, 0, 0))])
def test_version_quad(version, quad):
    assert versioninfo["version_quad"](version) == quad


@pytest.fixture
def fake_frozen(tmp_path, monkeypatch):
    """A frozen layout as PyInstaller makes it: the executable and ``_internal`` beside it."""
    app = tmp_path / "KhuyenCong"
    (app / "_internal").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(app / "KhuyenCong.exe"))
    monkeypatch.setattr(sys, "_MEIPASS", str(app / "_internal"), raising=False)
    monkeypatch.delenv("KHUYENCONG_DATA_DIR")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return app


def test_frozen_resources_come_from_the_bundle(fake_frozen):
    assert paths.resource_path("fonts", "x.ttf") == fake_frozen / "_internal" / "resources" / "fonts" / "x.ttf"


def test_portable_mode_keeps_data_beside_the_executable(fake_frozen):
    (fake_frozen / "portable.txt").write_text("", encoding="utf-8")
    assert paths.is_portable()
    assert paths.default_database_path() == fake_frozen / "data" / "khuyencong-demo.kcdb"
    assert paths.backups_dir() == fake_frozen / "data" / "backups"
    assert (fake_frozen / "data" / "backups").is_dir()


def test_installed_mode_keeps_data_in_the_user_folder(fake_frozen, tmp_path):
    assert not paths.is_portable()
    assert paths.user_data_dir() == tmp_path / "xdg" / "KhuyenCong"
    assert not (fake_frozen / "data").exists()


def test_windows_data_folder_is_appdata(fake_frozen, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    assert paths.user_data_dir() == tmp_path / "Roaming" / "KhuyenCong"
