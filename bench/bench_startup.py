"""Start-up: time to the first painted window with the 100.000-project file, next to a bare QMainWindow.

Each run is a fresh interpreter (``QT_QPA_PLATFORM=offscreen``), timed from the parent's launch
to the child's report, so interpreter start and imports count, as they do for an officer. The
baseline child imports QtWidgets, shows an empty QMainWindow and reports its first paint; ours
runs ``gui.app.startup`` with the national file as the last file and reports the window's first
paint, then (informational) when the file is open and the tabs are built. Peak memory is the
child's peak resident memory (VmHWM) after the tabs are built (ours) or after the first paint (baseline).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from common import SRC_DIR, Measurement, national_file

RUNS = 3

# ru_maxrss survives fork+exec on Linux (the child would report the bench process's own peak);
# VmHWM belongs to the new process image.
PEAK = "int([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1])"

BASELINE = textwrap.dedent("""
    import sys, time
    from PySide6.QtWidgets import QApplication, QMainWindow

    class Window(QMainWindow):
        def paintEvent(self, event):
            super().paintEvent(event)
            if not hasattr(self, "painted"):
                self.painted = time.time()
                print(f"painted {self.painted}", flush=True)
                print(f"maxrss {PEAK}", flush=True)
                QApplication.instance().quit()

    app = QApplication(sys.argv[:1])
    window = Window()
    window.resize(1280, 800)
    window.show()
    app.exec()
""").replace("{PEAK}", "{" + PEAK + "}")

OURS = textwrap.dedent("""
    import sys, time
    from khuyencong_desktop.gui import app

    window = app.startup(["khuyencong-desktop"])
    window.first_painted.connect(lambda: print(f"painted {time.time()}", flush=True))

    def ready():
        print(f"ready {time.time()}", flush=True)
        print(f"maxrss {PEAK}", flush=True)
        window.close()
        app.QApplication.instance().quit()

    window.ready.connect(ready)
    app.QApplication.instance().exec()
""").replace("{PEAK}", "{" + PEAK + "}")


def _child(script: str, env: dict[str, str]) -> dict[str, float]:
    """Launch a fresh interpreter running ``script``; seconds from launch to each event it reports."""
    started = time.time()
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"start-up child failed: {done.stderr[-2000:]}")
    events: dict[str, float] = {}
    for line in done.stdout.splitlines():
        name, value = line.split()
        events[name] = float(value) / 1024 if name == "maxrss" else float(value) - started
    return events


def _best(script: str, env: dict[str, str]) -> dict[str, float]:
    runs = [_child(script, env) for _ in range(RUNS)]
    return {key: min(run[key] for run in runs) for key in runs[0]}


def run(out: Path) -> list[Measurement]:
    national = national_file(out)
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KHUYENCONG_DATA_DIR": data,
               "PYTHONPATH": os.pathsep.join([str(SRC_DIR), os.environ.get("PYTHONPATH", "")])}
        (Path(data) / "settings.ini").write_text(
            "[files]\nlast=" + json.dumps(str(national))[1:-1] + "\n", encoding="utf-8")
        baseline = _best(BASELINE, env)
        ours = _best(OURS, env)
    return [
        Measurement("startup: first painted window (national file)", ours["painted"], baseline["painted"], 2.0,
                    notes="fresh process to first paint; baseline: bare QMainWindow", peak_mb=ours["maxrss"]),
        Measurement("startup: file open and tabs built (national file)", ours["ready"], None, None,
                    notes=f"informational; bare QMainWindow peak {baseline['maxrss']:.0f} MB",
                    peak_mb=ours["maxrss"]),
    ]
