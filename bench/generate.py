"""The national benchmark file: a real KhuyenCong database with 34 provinces' projects and beneficiaries.

    python bench/generate.py OUT.kcdb [--projects 100000] [--beneficiaries 50000] [--years 20]
                                      [--provinces 34] [--seed 1]

The file is made by ``create_database`` (schema, catalogue, norms, office, schema version), then
filled in one transaction with SQLAlchemy Core executemany, writing what the ORM history hook
would have written: NFC text, derived search and sort columns, and a ``create`` history entry
per record.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402,F401  (puts src/ on sys.path when run from a source checkout)
from national_rows import NationalBase, project_chunk  # noqa: E402
from row_writer import RowWriter, derive_texts, text_columns  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from khuyencong_desktop.domain.codes import COUNTED_STATUSES  # noqa: E402
from khuyencong_desktop.operations.create import create_database  # noqa: E402
from khuyencong_desktop.storage.base import utc_now  # noqa: E402
from khuyencong_desktop.storage.models import (  # noqa: E402
    Beneficiary, ChangeLog, Office, PlanLine, Programme, Project, ProjectBeneficiary, Target,
)

CHUNK = 5_000
"""Projects (or beneficiaries) per piece of work handed to a worker process."""
CACHE_PAGES_KIB = 256 * 1024
"""SQLite page cache while filling: random UUID keys touch index pages all over the file."""

NATIONAL_OFFICE = dict(name="CỤC CÔNG THƯƠNG ĐỊA PHƯƠNG", parent_body="BỘ CÔNG THƯƠNG", province="Hà Nội",
                       place_name="Hà Nội", number_suffix="CTĐP", head_capacity="KT. CỤC TRƯỞNG",
                       head_position="PHÓ CỤC TRƯỞNG", head_name="Trần Văn Hòa",
                       recipients="Bộ trưởng (để b/c);\nSở Công Thương các tỉnh, thành phố;\nLưu: VT, CTĐP.")
"""The national department whose documents the benchmarks print; signer and nơi nhận are illustrative."""


@dataclass(frozen=True)
class Generated:
    """What went into the file, so callers can check the file against it."""

    path: Path
    first_year: int
    last_year: int
    projects: int
    counted_projects: int
    beneficiaries: int
    links: int
    programmes: int
    history_entries: int


_context: dict = {}


def _start_worker(context: dict) -> None:
    _context.update(context)


def _make_chunk(job: tuple[int, list]) -> RowWriter:
    chunk, assignments = job
    return project_chunk(_context, chunk, assignments)


def _insert(conn, model, rows: list[dict]) -> None:
    if rows:
        conn.execute(insert(model.__table__), rows)


def generate(path: str | Path, projects: int = 100_000, beneficiaries: int = 50_000, years: int = 20,
             provinces: int = 34, seed: int = 1, last_year: int = 2025, processes: int | None = None) -> Generated:
    """Create ``path`` holding ``projects`` projects of ``years`` years up to ``last_year`` in ``provinces`` provinces.

    The same arguments give the same records (ids included) whatever ``processes`` is; only
    timestamps differ. Everything is written in one transaction: a failure leaves no file.
    """
    path = Path(path)
    first_year = last_year - years + 1
    base = NationalBase(seed, first_year, last_year, provinces, utc_now())
    base.add_offices_and_programmes()
    base.add_beneficiaries(beneficiaries)
    assignments = base.assignments(projects)
    made = base.rows
    counts = {"counted": 0, "links": 0, "history": len(made.history)}
    db = create_database(path, Office(**NATIONAL_OFFICE))
    try:
        with (multiprocessing.get_context("spawn").Pool(processes or os.cpu_count(), _start_worker,
                                                        (base.context(),)) as pool,
              db.engine.begin() as conn):
            # A new file that is deleted on any failure needs no durable journal while it is filled.
            for pragma in (f"cache_size = -{CACHE_PAGES_KIB}", "journal_mode = MEMORY", "synchronous = OFF"):
                conn.exec_driver_sql(f"PRAGMA {pragma}")
            for model in (Office, Programme, PlanLine, Target):
                _insert(conn, model, made.tables.get(model, []))
            people = made.tables[Beneficiary]
            pieces = [people[i:i + CHUNK] for i in range(0, len(people), CHUNK)]
            texts = pool.imap(derive_texts, ((Beneficiary.__tablename__, [text_columns(r) for r in piece])
                                             for piece in pieces), chunksize=1)
            for piece, derived in zip(pieces, texts):
                for row, values in zip(piece, derived):
                    row.update(values)
                _insert(conn, Beneficiary, piece)
            _insert(conn, ChangeLog, made.history)
            jobs = [(n, assignments[i:i + CHUNK]) for n, i in enumerate(range(0, len(assignments), CHUNK))]
            for chunk in pool.imap(_make_chunk, jobs):
                _insert(conn, Project, chunk.tables[Project])
                _insert(conn, ProjectBeneficiary, chunk.tables.get(ProjectBeneficiary, []))
                _insert(conn, ChangeLog, chunk.history)
                counts["counted"] += sum(1 for p in chunk.tables[Project] if p["status"] in COUNTED_STATUSES)
                counts["links"] += len(chunk.tables.get(ProjectBeneficiary, []))
                counts["history"] += len(chunk.history)
            conn.exec_driver_sql("ANALYZE")
    except BaseException:
        db.close()
        path.unlink(missing_ok=True)
        raise
    db.close()
    return Generated(path=path, first_year=first_year, last_year=last_year, projects=projects,
                     counted_projects=counts["counted"], beneficiaries=beneficiaries, links=counts["links"],
                     programmes=len(made.tables[Programme]), history_entries=counts["history"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the national-scale benchmark file.")
    parser.add_argument("out", type=Path, help="the .kcdb file to create (must not exist)")
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--beneficiaries", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--provinces", type=int, default=34, choices=range(1, 35), metavar="1..34")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--last-year", type=int, default=2025)
    args = parser.parse_args(argv)
    if args.projects < 1 or args.beneficiaries < 3 or args.years < 1:
        parser.error("--projects must be at least 1, --beneficiaries at least 3, --years at least 1")
    started = time.perf_counter()
    made = generate(args.out, args.projects, args.beneficiaries, args.years, args.provinces, args.seed, args.last_year)
    print(f"{made.path}: {made.projects} projects ({made.counted_projects} counted), {made.beneficiaries} "
          f"beneficiaries, {made.links} links, {made.programmes} programmes, {made.history_entries} history entries, "
          f"{made.first_year}-{made.last_year}, {made.path.stat().st_size / 1e6:.0f} MB "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
