"""Build driver (dựng bộ cài): PyInstaller bundle, its frozen self-test, then the NSIS installer.

Works on Windows (the real .exe bundle and installer) and on Linux (a Linux bundle and a
structural installer check). ``python installers/build.py --help``.
"""
from __future__ import annotations

import argparse
import os
import re
import runpy
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "khuyencong.spec"
NSIS_SCRIPT = HERE / "khuyencong.nsi"
BUNDLE_NAME = "KhuyenCong"
WINDOW_EXE, CONSOLE_EXE = "KhuyenCong", "khuyencong-cli"
"""Names that differ in more than case: Windows file names ignore case (KhuyenCong.exe is khuyencong.exe)."""
_versioninfo = runpy.run_path(str(HERE / "gen_versioninfo.py"))


class BuildError(RuntimeError):
    """A build step failed; the message says which and why."""


@dataclass
class SelfTestRun:
    returncode: int
    output: str
    startup_s: float | None
    """Process launch until the self-test's window was ready (None if the window check failed)."""
    total_s: float


def executable(bundle: Path, name: str) -> Path:
    return bundle / (name + ".exe" if sys.platform == "win32" else name)


def build_bundle(dist: Path, work: Path) -> Path:
    """Run PyInstaller with the spec; returns the one-folder bundle."""
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if result.returncode != 0:
        raise BuildError(f"PyInstaller failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return dist / BUNDLE_NAME


def bundle_size_mb(bundle: Path) -> float:
    """Unpacked size; symbolic links (PyInstaller links Linux libraries) count once, as on disk."""
    return sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()) / 2**20


def run_self_test(bundle: Path, log: Path, timeout_s: float = 300) -> SelfTestRun:
    """Run the windowed executable's ``--self-test``, offscreen; the results come from its log file."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("KHUYENCONG_DATA_DIR", None)
    launched = time.time()
    env["KHUYENCONG_LAUNCHED_AT"] = repr(launched)
    result = subprocess.run([str(executable(bundle, WINDOW_EXE)), "--self-test", "--self-test-log", str(log)],
                            env=env, capture_output=True, text=True, encoding="utf-8", errors="replace",
                            timeout=timeout_s)
    total = time.time() - launched
    output = log.read_text(encoding="utf-8") if log.exists() else result.stdout + result.stderr
    startup = re.search(r"sẵn sàng: ([\d.]+)", output)
    return SelfTestRun(result.returncode, output, float(startup.group(1)) if startup else None, total)


def find_makensis() -> str:
    candidates = [shutil.which("makensis")]
    if sys.platform == "win32":
        candidates += [str(Path(os.environ.get(var, "")) / "NSIS" / "makensis.exe")
                       for var in ("ProgramFiles(x86)", "ProgramFiles")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    raise BuildError("makensis not found: install NSIS (Debian: apt install nsis; Windows: choco install nsis)")


def build_installer(bundle: Path, out_dir: Path, *, compress: bool = True) -> Path:
    """Compile the NSIS script against ``bundle``; ``compress=False`` is the quick structural check."""
    version = _versioninfo["package_version"]()
    quad = ".".join(str(part) for part in _versioninfo["version_quad"](version))
    out_dir.mkdir(parents=True, exist_ok=True)
    installer = out_dir / f"KhuyenCong-{version}-setup.exe"
    defines = [f"-DVERSION={version}", f"-DVERSION_QUAD={quad}", f"-DSOURCE_DIR={bundle}",
               f"-DOUTFILE={installer}"] + ([] if compress else ["-DUNCOMPRESSED"])
    # "-" switches work with makensis on Windows and Linux alike ("/" is a path on Linux); -WX: a warning fails.
    result = subprocess.run([find_makensis(), "-V2", "-WX", "-INPUTCHARSET", "UTF8", *defines, str(NSIS_SCRIPT)],
                            capture_output=True, text=True, encoding="utf-8", errors="replace")
    if result.returncode != 0 or not installer.is_file():
        raise BuildError(f"makensis failed ({result.returncode}):\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return installer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle and installer go")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder")
    parser.add_argument("--no-installer", action="store_true", help="stop after the bundle's self-test")
    parser.add_argument("--uncompressed", action="store_true", help="quick installer without compression (checks only)")
    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):  # the self-test's Vietnamese lines, even into a cp1252 pipe
        stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        started = time.perf_counter()
        bundle = build_bundle(args.dist, args.work)
        print(f"bundle: {bundle} ({bundle_size_mb(bundle):.1f} MB unpacked, built in {time.perf_counter() - started:.0f} s)")
        run = run_self_test(bundle, args.dist / "self-test.log")
        print(run.output, end="")
        startup = f"{run.startup_s:.2f} s" if run.startup_s is not None else "unknown"
        print(f"self-test: exit {run.returncode}; start-up to window ready {startup}; whole self-test {run.total_s:.1f} s")
        if run.returncode != 0:
            return 1
        if not args.no_installer:
            installer = build_installer(bundle, args.dist, compress=not args.uncompressed)
            print(f"installer: {installer} ({installer.stat().st_size / 2**20:.1f} MB)")
    except (BuildError, subprocess.TimeoutExpired) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
