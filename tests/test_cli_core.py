"""The core commands as a script sees them: init, argument refusals, old and newer files, closed pipes."""
import json
import sqlite3
import subprocess
import sys
import unicodedata

from alembic import command
from sqlalchemy import create_engine

from khuyencong_desktop.storage import migrate


def run_cli(*args, check_code=0):
    result = subprocess.run([sys.executable, "-m", "khuyencong_desktop.cli", *args], capture_output=True,
                            text=True, encoding="utf-8")
    assert result.returncode == check_code, result.stderr
    return result


def test_init_demo_on_a_fresh_file_gives_the_articles_figures(tmp_path):
    path = tmp_path / "lang-son.kcdb"
    assert run_cli("--db", str(path), "init", "--demo").stdout.strip() == (
        f"Đã tạo cơ sở dữ liệu {path}. Có dữ liệu minh họa.")
    summary = json.loads(run_cli("--db", str(path), "summary", "--from", "2017", "--to", "2021", "--json").stdout)
    assert (summary["projects"], summary["projects_by_level"], summary["support_by_level"]) == (
        58, {"KCQG": 6, "KCDP": 52}, {"KCQG": 2_350_000_000, "KCDP": 6_624_000_000})
    assert (summary["counterpart"], summary["leverage"], summary["jobs"]) == (46_236_680_000, 5.15, 519)
    programme = json.loads(run_cli("--db", str(path), "programme", "LC-2021-2025", "--json").stdout)
    assert (programme["total"], programme["source_shares"], programme["consistent"]) == (
        75_300_000_000, {"NSNN": 35.7, "DOI_UNG": 64.3}, True)
    assert list(programme["planned_by_year"].values()) == [
        10_814_000_000, 21_004_000_000, 20_714_000_000, 13_054_000_000, 9_714_000_000]


def test_init_never_overwrites_a_file_with_data(demo_path):
    before = demo_path.read_bytes()
    result = run_cli("--db", str(demo_path), "init", check_code=1)
    assert result.stderr.strip() == f"Tệp «{demo_path}» đã có dữ liệu; không tạo lại để tránh mất dữ liệu."
    assert demo_path.read_bytes() == before


def test_init_without_demo_is_an_empty_file_that_checks_clean(tmp_path):
    path = tmp_path / "moi.kcdb"
    run_cli("--db", str(path), "init", "--office", "Trung tâm Khuyến công Lai Châu", "--province", "Lai Châu")
    assert json.loads(run_cli("--db", str(path), "summary", "--from", "2017", "--to", "2021", "--json").stdout)[
        "projects"] == 0
    assert json.loads(run_cli("--db", str(path), "check", "--json").stdout)["ok"] is True


def test_argument_refusals_are_invalid_input_in_vietnamese(demo_path):
    not_a_year = run_cli("--db", str(demo_path), "summary", "--from", "abc", "--to", "2021", check_code=2)
    assert not_a_year.stderr.splitlines()[-2:] == [
        "Dữ liệu không hợp lệ, không có gì được ghi:", "  --from: «abc» không phải số nguyên."]
    missing = run_cli("--db", str(demo_path), "summary", "--to", "2021", check_code=2)
    assert missing.stderr.splitlines()[-1] == "  thiếu tham số bắt buộc: --from."
    unknown = run_cli("--db", str(demo_path), "sumary", check_code=2)
    assert unknown.stderr.splitlines()[-1].startswith("  COMMAND: «sumary» không phải lựa chọn hợp lệ (chọn một trong: init,")


def test_argument_refusals_in_english(demo_path):
    result = run_cli("--lang", "en", "--db", str(demo_path), "summary", "--from", "2017", "--to", "2021",
                     "--by", "huyen", check_code=2)
    assert result.stderr.splitlines()[-2:] == [
        "Invalid input, nothing was written:",
        "  --by: «huyen» is not a valid choice (choose one of: activity, commune, district, level, province, sector, year)."]


def test_a_schema_0001_file_is_backed_up_and_upgraded_by_the_command_line(tmp_path):
    path = tmp_path / "cu.kcdb"
    run_cli("--db", str(path), "init", "--demo")
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        config = migrate._config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    engine.dispose()
    data = json.loads(run_cli("--db", str(path), "summary", "--from", "2017", "--to", "2021", "--json").stdout)
    assert (data["projects"], data["counterpart"]) == (58, 46_236_680_000)
    (backup,) = tmp_path.glob("cu-before-upgrade-*.kcdb")
    with sqlite3.connect(backup) as old, sqlite3.connect(path) as new:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert new.execute("SELECT version_num FROM alembic_version").fetchone() == (migrate.SCHEMA_HEAD,)


def test_a_newer_file_is_refused_by_the_command_line(demo_path):
    with sqlite3.connect(demo_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    result = run_cli("--db", str(demo_path), "check", check_code=1)
    assert result.stderr.strip() == (f"Tệp «{demo_path}» được tạo bởi phiên bản KhuyenCong mới hơn. "
                                     "Hãy cập nhật ứng dụng để mở tệp này.")
    english = run_cli("--lang", "en", "--db", str(demo_path), "check", check_code=1)
    assert english.stderr.strip() == f"«{demo_path}» was made by a newer version of KhuyenCong. Update the application to open it."


def test_a_reader_that_stops_early_gets_no_error_message(demo_path):
    """``khuyencong summary --json | head -1``: the closed pipe is no "unexpected error"."""
    process = subprocess.Popen([sys.executable, "-m", "khuyencong_desktop.cli", "--db", str(demo_path), "summary",
                                "--from", "2017", "--to", "2021", "--json"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
    process.stdout.close()
    with process.stderr:
        assert process.stderr.read().decode("utf-8") == ""
    assert process.wait(timeout=60) == 1


def test_a_programme_code_typed_in_decomposed_unicode_is_found(demo_path):
    from khuyencong_desktop.storage.database import Database
    from khuyencong_desktop.storage.models import Programme

    db = Database.open(demo_path)
    try:
        with db.session() as session:
            session.add(Programme(code="LÂM-2026", name="Chương trình thử", province="Lai Châu", from_year=2026, to_year=2030))
    finally:
        db.close()
    typed = unicodedata.normalize("NFD", "LÂM-2026")
    assert typed != "LÂM-2026"
    assert json.loads(run_cli("--db", str(demo_path), "programme", typed, "--json").stdout)["code"] == "LÂM-2026"


def test_the_english_summary_names_the_unit_in_english(demo_path):
    result = run_cli("--lang", "en", "--db", str(demo_path), "summary", "--from", "2017", "--to", "2021")
    assert "State support: 8.974 million đồng (KCQG: 2.350 million đồng; KCĐP: 6.624 million đồng)" in result.stdout
    assert "triệu" not in result.stdout
