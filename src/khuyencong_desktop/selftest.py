"""The self-test (tự kiểm tra): ``--self-test`` runs every feature once in a temporary folder.

It is how a built bundle proves it carries everything (CI runs it on the frozen app): the window
opens as on a first start, a demo database is created, a workbook is imported, every printed
document is written, and the documents' fonts are checked. Each step is a named check; a step
whose feature module is missing fails with "chưa có: <module>". Results go to stdout (a console is
attached on Windows when the windowed executable has none) and to ``--self-test-log FILE``.
``KHUYENCONG_LAUNCHED_AT`` (seconds since the epoch, set by whoever launches the process) makes the
window check report the start-up time.
"""
from __future__ import annotations

import contextlib
import importlib
import importlib.util
import io
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .i18n import tr

WINDOW_TIMEOUT_S = 120
REPORT_KINDS = ("proposal", "completion", "summary", "plan")
LAUNCHED_AT_ENV = "KHUYENCONG_LAUNCHED_AT"


class CheckFailed(Exception):
    """A check's one-line reason for failing."""


@dataclass
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float


def require(module: str):
    """Import a feature module, or fail the check with "chưa có: <module>" if it is not there yet."""
    try:
        found = importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        found = False
    if not found:
        raise CheckFailed(tr("chưa có: {module}", module=module))
    return importlib.import_module(module)


class SelfTest:
    """The checks, in order, sharing one temporary folder."""

    def __init__(self, folder: Path, picture: Path | None = None):
        self.folder = folder
        self.picture = picture or folder / "window.png"
        """Where the window's picture goes (beside the log file, when there is one, so it outlives the run)."""
        self.database = folder / "selftest.kcdb"
        self.pdfs: list[Path] = []

    def checks(self) -> list[tuple[str, Callable[[], str]]]:
        return [
            (tr("cửa sổ chính"), self.window),
            (tr("cơ sở dữ liệu"), self.create_database),
            (tr("nhập Excel"), self.import_workbook),
            *[(tr("báo cáo PDF {kind}", kind=kind), lambda kind=kind: self.write_report(kind))
              for kind in REPORT_KINDS],
            (tr("phông chữ trong PDF"), self.check_fonts),
        ]

    def window(self) -> str:
        """A first start of the window: it creates the demo file in the (temporary) data folder."""
        require("khuyencong_desktop.gui.app")
        from PySide6.QtCore import QEventLoop, QThreadPool, QTimer

        from .gui import app

        errors: list[BaseException] = []
        previous_hook = sys.excepthook
        app.application([sys.argv[0]])
        loop = QEventLoop()
        sys.excepthook = lambda _type, error, _tb: (errors.append(error), loop.quit())
        try:
            window = app.startup([sys.argv[0]])
            window.ready.connect(loop.quit)
            QTimer.singleShot(WINDOW_TIMEOUT_S * 1000, loop.quit)
            loop.exec()
            ready_at = time.time()
            # Let background loads (the dashboard's figures and charts) finish and reach the window.
            pool = QThreadPool.globalInstance()
            for _round in range(10):
                pool.waitForDone()
                QTimer.singleShot(0, loop.quit)
                loop.exec()
                if pool.activeThreadCount() == 0:
                    break
        finally:
            sys.excepthook = previous_hook
        if errors:
            raise CheckFailed(tr("lỗi khi mở cửa sổ: {error}", error=errors[0]))
        if window.tabs.count() == 0:
            raise CheckFailed(tr("cửa sổ không sẵn sàng sau {seconds} giây", seconds=WINDOW_TIMEOUT_S))
        if not window.grab().save(str(self.picture)):
            raise CheckFailed(tr("không chụp được cửa sổ"))
        tabs = window.tabs.count()
        window.close()
        detail = tr("{tabs} thẻ, ảnh {picture}", tabs=tabs, picture=self.picture)
        launched = os.environ.get(LAUNCHED_AT_ENV)
        if launched:
            detail += "; " + tr("khởi động đến khi cửa sổ sẵn sàng: {seconds:.2f} giây",
                                seconds=ready_at - float(launched))
        return detail

    def create_database(self) -> str:
        from .operations.check import check_file
        from .operations.demo import create_demo_database

        db = create_demo_database(self.database)
        try:
            report = check_file(db)
        finally:
            db.close()
        if not report.ok:
            raise CheckFailed("; ".join(str(problem) for problem in report.problems))
        return str(self.database)

    def import_workbook(self) -> str:
        excel_import = require("khuyencong_desktop.operations.excel_import")
        from openpyxl import Workbook
        from sqlalchemy import select

        from .storage.database import Database
        from .storage.models import Activity, Project

        db = Database.open(self.database)
        try:
            with db.session() as session:
                activity = session.scalars(select(Activity.code).order_by(Activity.code)).first()
            code, support_million, counterpart_million = "TUKIEMTRA-01", 150, 320
            workbook = Workbook()
            beneficiaries = workbook.active
            beneficiaries.title = "Cơ sở"
            beneficiaries.append(["Tên cơ sở", "Loại hình", "Mã số thuế", "Huyện", "Tỉnh"])
            beneficiaries.append(["Hợp tác xã Chè Tự Kiểm Tra", "HTX", "4900123456", "Văn Quan", "Lạng Sơn"])
            projects = workbook.create_sheet("Đề án")
            projects.append(["Mã đề án", "Tên đề án", "Năm", "Nguồn kinh phí", "Nội dung", "Cơ sở thụ hưởng",
                             "Mã số thuế", "Kinh phí khuyến công (triệu đồng)", "Vốn đối ứng (triệu đồng)",
                             "Lao động"])
            projects.append([code, "Hỗ trợ máy sao chè cho hợp tác xã", 2021, "KCĐP", activity,
                             "Hợp tác xã Chè Tự Kiểm Tra", "4900123456", support_million, counterpart_million, 12])
            path = self.folder / "tu-kiem-tra.xlsx"
            workbook.save(path)
            report = excel_import.import_workbook(db, path)
            if report.problems or not report.written:
                raise CheckFailed("; ".join(report.problems) or tr("không có gì được ghi"))
            with db.session() as session:
                project = session.scalars(select(Project).where(Project.code == code)).one_or_none()
                counterpart = project.approved_counterpart if project else None
        finally:
            db.close()
        if counterpart != counterpart_million * 1_000_000:
            raise CheckFailed(tr("sau khi nhập, đề án {code} không có vốn đối ứng {amount} triệu đồng",
                                 code=code, amount=counterpart_million))
        return tr("đề án {code} đã nhập từ {path}", code=code, path=path)

    def write_report(self, kind: str) -> str:
        """One printed document through the ``khuyencong report`` command (a Qt-free operation)."""
        from .cli import main as cli

        out = self.folder / f"{kind}.pdf"
        arguments = {"proposal": ["--project", self._project_code(done=False)],
                     "completion": ["--project", self._project_code(done=True)],
                     "summary": ["--from", "2017", "--to", "2021"],
                     "plan": ["--year", "2021"]}[kind]
        errors = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(errors):
            try:
                code = cli.main(["--db", str(self.database), "report", kind, *arguments, "--out", str(out)])
            except SystemExit as exit_:  # argparse refusing the arguments
                code = exit_.code
        if "'report'" in errors.getvalue():
            raise CheckFailed(tr("chưa có: {module}", module="khuyencong report"))
        if code != 0 or not out.is_file():
            raise CheckFailed(errors.getvalue().strip() or tr("mã thoát {code}", code=code))
        self.pdfs.append(out)
        return tr("{path} ({size} KB)", path=out, size=out.stat().st_size // 1024)

    def _project_code(self, *, done: bool) -> str:
        from sqlalchemy import select

        from .domain.codes import Status
        from .storage.database import Database
        from .storage.models import Project

        wanted = (Status.DA_NGHIEM_THU, Status.DA_QUYET_TOAN) if done else (Status.DA_PHE_DUYET, Status.DANG_THUC_HIEN)
        db = Database.open(self.database)
        try:
            with db.session() as session:
                query = select(Project.code).where(Project.status.in_(wanted),
                                                   Project.deleted_at.is_(None))
                return session.scalars(query.order_by(Project.year, Project.code)).first()
        finally:
            db.close()

    def check_fonts(self) -> str:
        """Every font in every document is embedded and draws every Vietnamese letter."""
        from .reports.fonts import VIETNAMESE_LETTERS, missing_glyphs

        if not self.pdfs:
            raise CheckFailed(tr("không có tệp PDF nào để kiểm tra"))
        names: set[str] = set()
        for pdf in self.pdfs:
            for name, embedded in pdf_fonts(pdf.read_bytes()):
                if not embedded:
                    raise CheckFailed(tr("{pdf}: phông {font} không được nhúng", pdf=pdf.name, font=name))
                names.add(name)
        for name in sorted(names):
            missing = missing_glyphs(registered_font(name), VIETNAMESE_LETTERS)
            if missing:
                raise CheckFailed(tr("phông {font} thiếu {count} chữ tiếng Việt: {letters}",
                                     font=name, count=len(missing), letters="".join(sorted(missing))))
        return ", ".join(sorted(names))


_OBJECT = re.compile(rb"(\d+) 0 obj\s*(<<.*?>>)\s*(?:stream|endobj)", re.DOTALL)


def pdf_fonts(data: bytes) -> list[tuple[str, bool]]:
    """(font name without the subset prefix, embedded?) for every font dictionary in a PDF.

    ReportLab writes its dictionaries uncompressed, outside object streams, so reading the
    object headers is enough; no PDF library has to ship in the bundle for this.
    """
    objects = {int(number): body for number, body in _OBJECT.findall(data)}
    fonts = []
    for body in objects.values():
        if not re.search(rb"/Type\s*/Font\b", body) or b"/Subtype /Type0" in body:
            continue
        name = re.search(rb"/BaseFont\s*/([^\s/<>\[\]]+)", body).group(1).decode("latin-1")
        descriptor = re.search(rb"/FontDescriptor\s+(\d+) 0 R", body)
        embedded = bool(descriptor) and re.search(rb"/FontFile[23]?\s", objects.get(int(descriptor.group(1)), b""))
        fonts.append((name.split("+", 1)[-1], bool(embedded)))
    return fonts


def registered_font(postscript_name: str) -> str:
    """The ReportLab name under which a font with this PostScript name was registered."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in pdfmetrics.getRegisteredFontNames():
        font = pdfmetrics.getFont(name)
        if isinstance(font, TTFont) and bytes(font.face.name).decode("latin-1") == postscript_name:
            return name
    raise CheckFailed(tr("phông {font} trong PDF không phải phông đã đăng ký", font=postscript_name))


def run_checks(folder: Path, report: Callable[[CheckResult], None], picture: Path | None = None) -> list[CheckResult]:
    """Run every check in ``folder`` (which becomes the user data folder), reporting each result."""
    os.environ["KHUYENCONG_DATA_DIR"] = str(folder / "userdata")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    suite = SelfTest(folder, picture)
    results = []
    for name, check in suite.checks():
        started = time.perf_counter()
        try:
            result = CheckResult(name, True, check(), time.perf_counter() - started)
        except Exception as error:  # noqa: BLE001 - a failing check is reported, the others still run
            result = CheckResult(name, False, str(error) or type(error).__name__, time.perf_counter() - started)
        results.append(result)
        report(result)
    return results


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

    from . import __version__

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
