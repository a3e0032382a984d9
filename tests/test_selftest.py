"""The self-test (``khuyencong-desktop --self-test``): its checks, its PDF font reading, its exit code."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from khuyencong_desktop.paths import resource_path
from khuyencong_desktop.selftest import CheckFailed, SelfTest, pdf_fonts, require

PASSING_STEPS = {"cửa sổ chính", "cơ sở dữ liệu", "nhập Excel", "phông chữ trong PDF"} | {
    f"báo cáo PDF {kind}" for kind in ("proposal", "completion", "summary", "plan")}
FAILING_STEPS: dict[str, str] = {}
"""Steps that fail today, with their reason (none: every feature has landed)."""


def step_results(output: str) -> dict[str, tuple[bool, str]]:
    """``{step name: (passed, detail)}`` from the self-test's output lines ``[OK ] name (1.00 s): detail``."""
    return {name: (mark == "OK ", detail)
            for mark, name, detail in re.findall(r"^\[(OK |LỖI)\] (.+?) \([\d.]+ s\): (.*)$", output, re.MULTILINE)}


def assert_expected_steps(output: str) -> None:
    results = step_results(output)
    assert {name for name, (ok, _) in results.items() if ok} == PASSING_STEPS
    assert {name: detail for name, (ok, detail) in results.items() if not ok} == FAILING_STEPS


def _pdf(path, font_name: str):
    pdf = canvas.Canvas(str(path), initialFontName=font_name)
    pdf.drawString(100, 700, "Báo cáo tổng kết khuyến công tỉnh Lạng Sơn")
    pdf.save()
    return path


@pytest.fixture
def liberation():
    if "SelfTestSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("SelfTestSerif", str(resource_path("fonts", "LiberationSerif-Regular.ttf"))))
    return "SelfTestSerif"


def test_pdf_fonts_tells_embedded_from_base14(tmp_path, liberation):
    assert pdf_fonts(_pdf(tmp_path / "a.pdf", liberation).read_bytes()) == [("LiberationSerif", True)]
    assert ("Helvetica", False) in pdf_fonts(_pdf(tmp_path / "b.pdf", "Helvetica").read_bytes())


def test_font_check_passes_embedded_vietnamese_font(tmp_path, liberation):
    suite = SelfTest(tmp_path)
    suite.pdfs = [_pdf(tmp_path / "a.pdf", liberation)]
    assert suite.check_fonts() == "LiberationSerif"


def test_font_check_refuses_an_unembedded_font(tmp_path, liberation):
    suite = SelfTest(tmp_path)
    suite.pdfs = [_pdf(tmp_path / "a.pdf", liberation), _pdf(tmp_path / "b.pdf", "Helvetica")]
    with pytest.raises(CheckFailed, match="^b.pdf: phông Helvetica không được nhúng$"):
        suite.check_fonts()


def test_font_check_refuses_a_font_without_vietnamese(tmp_path):
    vera = os.path.join(os.path.dirname(pdfmetrics.__file__), "..", "fonts", "Vera.ttf")
    pdfmetrics.registerFont(TTFont("SelfTestVera", vera))
    suite = SelfTest(tmp_path)
    pdf = canvas.Canvas(str(tmp_path / "vera.pdf"), initialFontName="SelfTestVera")
    pdf.drawString(100, 700, "Bao cao")
    pdf.save()
    suite.pdfs = [tmp_path / "vera.pdf"]
    with pytest.raises(CheckFailed, match=r"^phông BitstreamVeraSans-Roman thiếu \d+ chữ tiếng Việt: .*Ưư"):
        suite.check_fonts()


def test_a_missing_feature_module_fails_by_name():
    with pytest.raises(CheckFailed, match="^chưa có: khuyencong_desktop.khong_co$"):
        require("khuyencong_desktop.khong_co")


def test_self_test_command_reports_every_step(tmp_path):
    log = tmp_path / "self-test.log"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-m", "khuyencong_desktop", "--self-test", "--self-test-log", str(log)],
                            env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)
    output = log.read_text(encoding="utf-8")
    assert result.stdout.startswith(output.splitlines()[0])
    picture = QImage(str(tmp_path / "self-test.png"))
    assert (picture.width(), picture.height()) == (1280, 800)
    assert_expected_steps(output)
    if FAILING_STEPS:
        assert result.returncode == 1
        assert output.rstrip().endswith(f"{len(FAILING_STEPS)} bước không đạt: " + ", ".join(FAILING_STEPS))
    else:
        assert result.returncode == 0
        assert output.rstrip().endswith(f"Tất cả {len(PASSING_STEPS)} bước đều đạt.")
