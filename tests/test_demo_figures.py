"""The demo file reproduces the seed articles figure by figure, through the command line."""
import json
import subprocess
import sys

import pytest


def run_cli(*args, check_code=0):
    result = subprocess.run([sys.executable, "-m", "khuyencong_desktop.cli", *args], capture_output=True,
                            text=True, encoding="utf-8")
    assert result.returncode == check_code, result.stderr
    return result


def test_lang_son_2017_2021_summary_json(demo_path):
    data = json.loads(run_cli("--db", str(demo_path), "summary", "--from", "2017", "--to", "2021", "--json").stdout)
    assert data["projects"] == 58
    assert data["projects_by_level"] == {"KCQG": 6, "KCDP": 52}
    assert data["support_by_level"] == {"KCQG": 2_350_000_000, "KCDP": 6_624_000_000}
    assert data["state_support"] == 8_974_000_000
    assert data["counterpart"] == 46_236_680_000
    assert data["total_mobilised"] == 55_210_680_000
    assert data["leverage"] == 5.15
    assert data["jobs"] == 519
    assert data["projects_by_activity"]["MH"] == 3
    assert data["support_by_activity"]["MH"] == 1_500_000_000
    assert data["projects_by_activity"]["MM"] == 45
    assert data["support_by_activity"]["MM"] == 6_256_800_000
    assert data["projects_by_activity"]["HC"] + data["projects_by_activity"]["SP"] == 6
    assert data["support_by_activity"]["HC"] + data["support_by_activity"]["SP"] == 514_200_000
    assert data["participations"] == 72 and data["events"] == 7
    assert data["excluded"] == {"DE_XUAT": 1, "BI_TU_CHOI": 1}


def test_lang_son_summary_text_reads_like_the_article(demo_path):
    out = run_cli("--db", str(demo_path), "summary", "--from", "2017", "--to", "2021").stdout
    assert "Số đề án: 58 (KCQG: 6; KCĐP: 52)" in out
    assert "KCQG: 2.350 triệu đồng; KCĐP: 6.624 triệu đồng" in out
    assert "Vốn đối ứng của các cơ sở: 46.236,68 triệu đồng" in out
    assert "Tổng nguồn vốn huy động: 55.210,68 triệu đồng" in out
    assert "Trung bình cứ 01 đồng vốn ngân sách nhà nước thu hút được khoảng 5,15 đồng" in out
    assert "Không tính vào tổng: Đề xuất: 1; Bị từ chối: 1" in out


def test_level_filter(demo_path):
    data = json.loads(run_cli("--db", str(demo_path), "summary", "--from", "2017", "--to", "2021",
                              "--level", "KCQG", "--json").stdout)
    assert data["projects"] == 6 and data["state_support"] == 2_350_000_000


def test_lai_chau_programme_json(demo_path):
    data = json.loads(run_cli("--db", str(demo_path), "programme", "LC-2021-2025", "--json").stdout)
    assert data["total"] == 75_300_000_000
    assert data["planned_by_year"] == {"2021": 10_814_000_000, "2022": 21_004_000_000, "2023": 20_714_000_000,
                                       "2024": 13_054_000_000, "2025": 9_714_000_000}
    assert data["planned_by_source"] == {"NSNN": 26_900_000_000, "DOI_UNG": 48_400_000_000}
    assert data["source_shares"] == {"NSNN": 35.7, "DOI_UNG": 64.3}
    assert data["consistent"] is True and data["problems"] == []
    assert [(t["activity"], t["planned"]) for t in data["targets"]] == [("CCN", 1), ("MT", 3), ("MH", 5), ("MM", 30)]


def test_lai_chau_programme_text(demo_path):
    out = run_cli("--db", str(demo_path), "programme", "LC-2021-2025").stdout
    assert "Tổng kinh phí: 75,3 tỷ đồng" in out
    assert "Vốn đối ứng: 48,4 tỷ đồng (64,3%)" in out
    assert "Ngân sách nhà nước: 26,9 tỷ đồng (35,7%)" in out
    assert "2022: 21,004 tỷ đồng" in out


def test_unknown_programme_is_a_clear_failure(demo_path):
    result = run_cli("--db", str(demo_path), "programme", "XX-1", check_code=1)
    assert result.stderr.strip() == "Không tìm thấy chương trình có mã «XX-1»."
    assert "Traceback" not in result.stderr


def test_english_messages(demo_path):
    result = run_cli("--lang", "en", "--db", str(demo_path), "programme", "XX-1", check_code=1)
    assert result.stderr.strip() == "Programme «XX-1» not found."


def test_bad_level_is_invalid_input(demo_path):
    result = run_cli("--db", str(demo_path), "summary", "--from", "2017", "--to", "2021", "--level", "ABC",
                     check_code=2)
    assert "«ABC» không phải KCQG hay KCDP" in result.stderr


def test_demo_file_checks_clean(demo_path):
    data = json.loads(run_cli("--db", str(demo_path), "check", "--json").stdout)
    assert data["integrity"] == "ok"
    assert data["ok"] is True, data["problems"]


@pytest.mark.parametrize("args", [("summary", "--from", "2017", "--to", "2021"), ("check",)])
def test_missing_file_is_a_one_line_failure(tmp_path, args):
    result = run_cli("--db", str(tmp_path / "none.kcdb"), *args, check_code=1)
    assert "Không tìm thấy tệp" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_breakdown_by_district_adds_up_to_the_summary(demo_path):
    data = json.loads(run_cli("--db", str(demo_path), "summary", "--from", "2017", "--to", "2021", "--by", "district",
                              "--json").stdout)
    rows = data["by"]["district"]
    assert sum(r["projects"] for r in rows.values()) == 58
    assert sum(r["state_support"] for r in rows.values()) == 8_974_000_000
    assert sum(r["jobs"] for r in rows.values()) == 519
    assert rows["Chi Lăng"]["projects"] == 5


def test_breakdown_text_has_vietnamese_titles(demo_path):
    out = run_cli("--db", str(demo_path), "summary", "--from", "2017", "--to", "2021", "--by", "sector").stdout
    assert "Ngành nghề" in out and "chế biến nông sản" in out


def test_programme_budget_execution_counts_linked_projects(demo_path):
    from khuyencong_desktop.operations.programme import programme_report
    from khuyencong_desktop.storage.database import Database
    from khuyencong_desktop.storage.models import Programme, Project
    from sqlalchemy import select

    db = Database.open(demo_path)
    try:
        with db.session() as s:
            programme = s.scalar(select(Programme).where(Programme.code == "LC-2021-2025"))
            project = s.scalar(select(Project).where(Project.code == "LC-2016-MH01"))
            project.year, project.programme_id = 2021, programme.id
        report = programme_report(db, "LC-2021-2025")
    finally:
        db.close()
    assert report.executed == 600_000_000
    assert report.as_json()["execution_rate"] == 0.8  # 600 triệu of 75,3 tỷ
    assert [t.achieved for t in report.targets if t.activity == "MH"] == [1]
