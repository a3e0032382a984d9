"""Period summary over the national file: ``period_summary`` next to one hand-written SQL aggregate.

The baseline computes the same figures (counts and sums by level and activity over the counted
statuses, with settled amounts for settled projects; excluded counts by status; distinct
beneficiaries) with the sqlite3 module on the same file, in the same run. Both results are
compared before any time is reported, so the two can never be measuring different work.
"""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from functools import partial
from pathlib import Path

from common import Measurement, national_file, peak_memory_mb, timed

from khuyencong_desktop.domain.codes import COUNTED_STATUSES, FundingLevel
from khuyencong_desktop.operations.summary import PeriodSummary, period_summary
from khuyencong_desktop.storage.database import Database

TARGET = 2.0
COUNTED = ", ".join(f"'{s.value}'" for s in COUNTED_STATUSES)


def _amount(field: str) -> str:
    return (f"CASE WHEN status = 'DA_QUYET_TOAN' THEN coalesce(settled_{field}, approved_{field}) "
            f"ELSE approved_{field} END")


STATE = " + ".join(_amount(f) for f in ("nstw", "nsdp", "nsnn"))
BASELINE_GROUPS = f"""
SELECT level, activity_code, status IN ({COUNTED}) AS counted, status, count(*), sum({STATE}),
       sum({_amount("counterpart")}), sum({_amount("other")}), sum(jobs)
FROM project
WHERE deleted_at IS NULL AND year BETWEEN :from_year AND :to_year AND (:level IS NULL OR level = :level)
GROUP BY level, activity_code, status
"""
BASELINE_BENEFICIARIES = f"""
SELECT count(DISTINCT pb.beneficiary_id)
FROM project_beneficiary pb JOIN project p ON p.id = pb.project_id
WHERE pb.deleted_at IS NULL AND p.deleted_at IS NULL AND p.status IN ({COUNTED})
  AND p.year BETWEEN :from_year AND :to_year AND (:level IS NULL OR p.level = :level)
"""


def baseline(path: Path, from_year: int, to_year: int, level: str | None) -> dict:
    """The summary's headline figures straight from SQLite: what a hand-written report would do."""
    params = {"from_year": from_year, "to_year": to_year, "level": level}
    figures = {"projects_by_level": {}, "projects_by_activity": {}, "support_by_level": {},
               "support_by_activity": {}, "counterpart": 0, "other": 0, "jobs": 0, "excluded": {}}
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        groups = conn.execute(BASELINE_GROUPS, params).fetchall()
        (figures["beneficiaries"],) = conn.execute(BASELINE_BENEFICIARIES, params).fetchone()
    finally:
        conn.close()
    for lvl, activity, counted, status, count, support, counterpart, other, jobs in groups:
        if not counted:
            figures["excluded"][status] = figures["excluded"].get(status, 0) + count
            continue
        for key, group, value in (("projects_by_level", lvl, count), ("projects_by_activity", activity, count),
                                  ("support_by_level", lvl, support), ("support_by_activity", activity, support)):
            figures[key][group] = figures[key].get(group, 0) + value
        figures["counterpart"] += counterpart
        figures["other"] += other
        figures["jobs"] += jobs
    return figures


def _ours(db: Database, from_year: int, to_year: int, level: FundingLevel | None) -> dict:
    summary: PeriodSummary = period_summary(db, from_year, to_year, level)
    return {"projects_by_level": {k: v for k, v in summary.projects_by_level.items() if v},
            "projects_by_activity": summary.projects_by_activity,
            "support_by_level": {k: v for k, v in summary.support_by_level.items() if summary.projects_by_level[k]},
            "support_by_activity": summary.support_by_activity, "counterpart": summary.counterpart,
            "other": summary.other, "jobs": summary.jobs, "excluded": summary.excluded,
            "beneficiaries": summary.beneficiaries}


def _compare(name: str, path: Path, db: Database, span: tuple[int, int], level: FundingLevel | None) -> Measurement:
    ours_s, ours = timed(lambda: _ours(db, *span, level))
    base_s, base = timed(lambda: baseline(path, *span, level.value if level else None))
    if ours != base:
        differing = sorted(k for k in ours if ours[k] != base.get(k))
        raise AssertionError(f"{name}: period_summary and the SQL baseline disagree on {differing}")
    projects = f'{sum(ours["projects_by_level"].values()):,}'.replace(",", ".")
    return Measurement(name, ours_s, base_s, TARGET, notes=f"{projects} counted projects; figures equal",
                       peak_mb=peak_memory_mb(partial(_summary_in_fresh_process, path, span, level)))


def _summary_in_fresh_process(path: Path, span: tuple[int, int], level: FundingLevel | None) -> None:
    db = Database.open(path)
    try:
        period_summary(db, *span, level)
    finally:
        db.close()


def _years(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT min(year), max(year) FROM project WHERE deleted_at IS NULL").fetchone()
    finally:
        conn.close()


def _cli_summary(path: Path, span: tuple[int, int]) -> dict:
    result = subprocess.run([sys.executable, "-m", "khuyencong_desktop.cli", "--db", str(path), "summary",
                             "--from", str(span[0]), "--to", str(span[1]), "--json"],
                            capture_output=True, text=True, encoding="utf-8", check=True)
    return json.loads(result.stdout)


def run(out: Path) -> list[Measurement]:
    path = national_file(out)
    span = _years(path)
    db = Database.open(path)
    try:
        results = [
            _compare(f"summary {span[0]}-{span[1]}, all levels (national file)", path, db, span, None),
            _compare(f"summary {span[0]}-{span[1]}, KCĐP only", path, db, span, FundingLevel.KCDP),
            _compare(f"summary {span[1] - 4}-{span[1]}, all levels (5 years)", path, db, (span[1] - 4, span[1]), None),
        ]
    finally:
        db.close()
    cli_s, data = timed(lambda: _cli_summary(path, span), repeat=2)
    results.append(Measurement("khuyencong summary --json (process start to JSON)", cli_s, None, None,
                               notes="end to end, informational; {} projects".format(f"{data['projects']:,}".replace(",", "."))))
    return results
