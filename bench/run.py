"""Run the benchmarks (bench_*.py beside this file) and print ours next to each baseline.

    python bench/run.py                 every benchmark
    python bench/run.py summary excel   only bench_summary.py and bench_excel.py

Prints one table and writes the same rows to bench/out/results.json. The exit code is 0 even
when something is slower than its target (this is a report, not a gate); it is 1 only when a
benchmark crashed.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

from common import Measurement  # noqa: E402

OUT_DIR = BENCH_DIR / "out"
COLUMNS = ("benchmark", "ours (s)", "baseline (s)", "ratio", "target", "verdict", "peak MB", "notes")


def available() -> list[str]:
    """Names of the benchmarks beside this file: ``bench_summary.py`` is ``summary``."""
    return sorted(p.stem.removeprefix("bench_") for p in BENCH_DIR.glob("bench_*.py"))


def _number(value: float | None, digits: int) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _row(m: Measurement) -> tuple[str, ...]:
    target = "—" if m.target_ratio is None else f"≤ {m.target_ratio:g}×"
    verdict = "—" if m.ratio is None or m.target_ratio is None else ("OK" if m.ok else "CHẬM")
    return (m.name, _number(m.ours_s, 3), _number(m.baseline_s, 3),
            "—" if m.ratio is None else f"{m.ratio:.2f}×", target, verdict, _number(m.peak_mb, 0), m.notes)


def table(measurements: list[Measurement]) -> str:
    """The report as aligned text: numbers right-aligned, names and notes left-aligned."""
    rows = [COLUMNS, *(_row(m) for m in measurements)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS) - 1)]
    lines = []
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:-1], widths[1:])]
        lines.append("  ".join(cells + [row[-1]]).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * len(COLUMNS[-1]))
    return "\n".join(lines)


def run(names: list[str], out: Path) -> tuple[list[Measurement], list[str]]:
    """Every measurement of the named benchmarks, and the names of those that crashed."""
    measurements: list[Measurement] = []
    failed: list[str] = []
    for name in names:
        print(f"== {name}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            module = importlib.import_module(f"bench_{name}")
            measurements.extend(module.run(out))
        except Exception as exc:  # a broken benchmark must not hide the others' figures
            failed.append(name)
            traceback.print_exc()
            print(f"   {name} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        print(f"   {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return measurements, failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="KhuyenCong benchmarks: ours next to a baseline, same run.")
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default all: {', '.join(available())})")
    args = parser.parse_args(argv)
    names = args.names or available()
    unknown = [n for n in names if n not in available()]
    if unknown:
        parser.error(f"no such benchmark: {', '.join(unknown)} (available: {', '.join(available())})")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    measurements, failed = run(names, OUT_DIR)
    print(table(measurements))
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    report = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count()},
        "measurements": [m.as_json() for m in measurements],
        "failed": failed,
    }
    (OUT_DIR / "results.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
