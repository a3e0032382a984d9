"""Self-test steps "báo cáo PDF …" and "phông chữ trong PDF": every document written, its fonts embedded and Vietnamese."""
from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from ..i18n import tr
from .checks import CheckFailed
from .data import project_code

REPORT_KINDS = ("proposal", "completion", "summary", "plan")


def write_report(database: Path, folder: Path, kind: str) -> Path:
    """One printed document through the ``khuyencong report`` command (a Qt-free operation)."""
    from ..cli import main as cli

    out = folder / f"{kind}.pdf"
    arguments = {"proposal": ["--project", project_code(database, done=False)],
                 "completion": ["--project", project_code(database, done=True)],
                 "summary": ["--from", "2017", "--to", "2021"],
                 "plan": ["--year", "2021"]}[kind]
    errors = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(errors):
        try:
            code = cli.main(["--db", str(database), "report", kind, *arguments, "--out", str(out)])
        except SystemExit as exit_:  # argparse refusing the arguments
            code = exit_.code
    if "'report'" in errors.getvalue():
        raise CheckFailed(tr("chưa có: {module}", module="khuyencong report"))
    if code != 0 or not out.is_file():
        raise CheckFailed(errors.getvalue().strip() or tr("mã thoát {code}", code=code))
    return out


def check_fonts(pdfs: list[Path]) -> str:
    """Every font in every document is embedded and draws every Vietnamese letter."""
    from ..reports.fonts import VIETNAMESE_LETTERS, missing_glyphs

    if not pdfs:
        raise CheckFailed(tr("không có tệp PDF nào để kiểm tra"))
    names: set[str] = set()
    for pdf in pdfs:
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
