"""Running the self-test from the command line: results to the console (attached on Windows) and a log file."""
from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

from ..i18n import tr
from .checks import CheckResult
from .suite import run_checks


def _console() -> io.TextIOBase | None:
    """stdout, or on Windows the console of whoever started the windowed executable (or a new one)."""
    if sys.stdout is not None:
        return sys.stdout
    if sys.platform != "win32":
        return None
    import ctypes

    kernel32 = ctypes.windll.kernel32
    if not kernel32.AttachConsole(-1) and not kernel32.AllocConsole():  # -1: ATTACH_PARENT_PROCESS
        return None
    return open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process


def main(argv: list[str]) -> int:
    """``--self-test [--self-test-log FILE]``: 0 when every check passes, else 1."""
    log_path = Path(argv[argv.index("--self-test-log") + 1]) if "--self-test-log" in argv[:-1] else None
    streams = [stream for stream in (_console(),) if stream is not None]
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    log = log_path.open("w", encoding="utf-8") if log_path else None
    streams += [log] if log else []

    def say(line: str) -> None:
        for stream in streams:
            print(line, file=stream, flush=True)

    def report(result: CheckResult) -> None:
        mark = "OK " if result.ok else tr("LỖI")
        say(f"[{mark}] {result.name} ({result.seconds:.2f} s): {result.detail}")

    from .. import __version__

    say(tr("KhuyenCong {version}: tự kiểm tra", version=__version__))
    # The window may still hold its file open when the folder goes (Windows refuses to delete it then).
    with tempfile.TemporaryDirectory(prefix="khuyencong-selftest-", ignore_cleanup_errors=True) as folder:
        results = run_checks(Path(folder), report, log_path.with_suffix(".png") if log_path else None)
    failed = [result.name for result in results if not result.ok]
    say(tr("Tất cả {count} bước đều đạt.", count=len(results)) if not failed
        else tr("{count} bước không đạt: {names}", count=len(failed), names=", ".join(failed)))
    if log:
        log.close()
    return 1 if failed else 0
