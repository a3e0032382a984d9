"""What every benchmark shares: the Measurement row, timing, peak memory and the national file."""
from __future__ import annotations

import fcntl
import json
import multiprocessing
import os
import resource
import sqlite3
import sys
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
SRC_DIR = BENCH_DIR.parent / "src"
if str(SRC_DIR) not in sys.path:
    sys.path.insert(0, str(SRC_DIR))

NATIONAL_NAME = "national.kcdb"
NATIONAL_STAMP = "national.json"
GENERATOR_VERSION = 2
"""Raise when generate.py changes what it writes, so cached national files are rebuilt."""


@dataclass
class Measurement:
    """One line of the report: our time next to a baseline timed in the same run.

    ``target_ratio`` is how many times the baseline we allow ourselves (2.0: at most twice as
    slow). ``baseline_s`` may be None for a purely informational line (no baseline to compare).
    """

    name: str
    ours_s: float
    baseline_s: float | None
    target_ratio: float | None
    notes: str = ""
    peak_mb: float | None = None

    @property
    def ratio(self) -> float | None:
        if not self.baseline_s:
            return None
        return self.ours_s / self.baseline_s

    @property
    def ok(self) -> bool:
        """Within the target; a line without baseline or target is informational and counts as ok."""
        if self.ratio is None or self.target_ratio is None:
            return True
        return self.ratio <= self.target_ratio

    def as_json(self) -> dict:
        return {**asdict(self), "ratio": self.ratio, "ok": self.ok}


def timed(fn, repeat: int = 3):
    """``(best seconds over repeat runs, result of the last run)`` of calling ``fn()``."""
    best = float("inf")
    result = None
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def _peak_in_child(fn, queue) -> None:
    fn()
    queue.put(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def peak_memory_mb(fn) -> float:
    """Peak resident memory (MB) of a fresh process that runs ``fn()``: the whole process, not a delta.

    ``fn`` runs in a child started with multiprocessing's 'spawn' method, so its peak is not
    inflated by whatever the benchmark process already holds (a fork would inherit it), and the
    figure includes the interpreter and the imports ``fn`` needs, as an officer's process would.
    ``fn`` must be picklable: a module-level function, or ``functools.partial`` of one.
    """
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_peak_in_child, args=(fn, queue))
    child.start()
    child.join()
    if child.exitcode != 0:
        raise RuntimeError(f"the memory-measuring child process failed (exit code {child.exitcode})")
    max_rss = queue.get(timeout=5)
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    return max_rss / (1024 * 1024) if sys.platform == "darwin" else max_rss / 1024


def _is_current(path: Path) -> bool:
    """The cached file was finished by this generator version and has the schema the code expects."""
    from khuyencong_desktop.storage.migrate import head_revision

    stamp = path.with_name(NATIONAL_STAMP)
    if not path.exists() or not stamp.exists():
        return False
    if json.loads(stamp.read_text(encoding="utf-8")).get("generator_version") != GENERATOR_VERSION:
        return False
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return False
    return revision == head_revision()


@contextmanager
def _exclusive(lock: Path):
    """Hold ``lock`` (an advisory lock the system releases if the process dies) for the block."""
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def national_file(out: Path) -> Path:
    """``out/national.kcdb``: 100.000 projects, 50.000 beneficiaries, 20 years, 34 provinces.

    Built once by :func:`generate.generate` and reused by every benchmark and later runs; rebuilt
    when missing, made by another generator version or of an older schema. It is written under a
    temporary name and renamed when complete, so an interrupted build is never reused; benchmark
    processes started together wait for one build instead of each making their own.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / NATIONAL_NAME
    if _is_current(path):
        return path
    with _exclusive(out / "national.lock"):
        if not _is_current(path):
            _build(path)
    return path


def _build(path: Path) -> None:
    from generate import generate

    out = path.parent
    path.with_name(NATIONAL_STAMP).unlink(missing_ok=True)
    partial = out / f"{NATIONAL_NAME}.{os.getpid()}.partial"
    partial.unlink(missing_ok=True)
    started = time.perf_counter()
    made = generate(partial)
    seconds = time.perf_counter() - started
    os.replace(partial, path)
    stamp = {"generator_version": GENERATOR_VERSION, "seconds": round(seconds, 1), "projects": made.projects,
             "counted_projects": made.counted_projects, "beneficiaries": made.beneficiaries, "links": made.links,
             "history_entries": made.history_entries, "years": [made.first_year, made.last_year]}
    path.with_name(NATIONAL_STAMP).write_text(json.dumps(stamp, indent=2), encoding="utf-8")
    print(f"  {path.name}: generated in {seconds:.1f} s", file=sys.stderr)
