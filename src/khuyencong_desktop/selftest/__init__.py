"""The self-test (tự kiểm tra): ``--self-test`` runs every feature once in a temporary folder.

It is how a built bundle proves it carries everything (CI runs it on the frozen app): the window
opens as on a first start, a demo database is created, a workbook is imported, every printed
document is written, and the documents' fonts are checked. Each step is a named check; a step
whose feature module is missing fails with "chưa có: <module>". Results go to stdout (a console is
attached on Windows when the windowed executable has none) and to ``--self-test-log FILE``.
``KHUYENCONG_LAUNCHED_AT`` (seconds since the epoch, set by whoever launches the process) makes the
window check report the start-up time.

One module per step group — ``window``, ``data`` (database, Excel), ``documents`` (PDFs, fonts) —
with ``checks`` (a result, a failure), ``suite`` (the steps in order) and ``runner`` (the command).
"""
from __future__ import annotations

from .checks import CheckFailed, CheckResult, require
from .documents import pdf_fonts
from .runner import main
from .suite import SelfTest, run_checks

__all__ = ["CheckFailed", "CheckResult", "SelfTest", "main", "pdf_fonts", "require", "run_checks"]
