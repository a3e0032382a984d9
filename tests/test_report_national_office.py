"""Documents printed from the benchmark's national file carry its signer and "Nơi nhận"."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

from generate import generate  # noqa: E402

from khuyencong_desktop.operations.reports import write_year_plan_pdf  # noqa: E402
from khuyencong_desktop.reports.letterhead_from_office import DocumentOptions  # noqa: E402
from khuyencong_desktop.storage.database import Database  # noqa: E402

from pdf_checks import pdf_pages_text, squeeze  # noqa: E402


def test_year_plan_of_the_national_file_is_signed_and_addressed(tmp_path):
    made = generate(tmp_path / "national.kcdb", projects=120, beneficiaries=60, years=2, provinces=4, seed=3,
                    processes=1)
    db = Database.open(made.path)
    try:
        path = write_year_plan_pdf(db, made.last_year, tmp_path / "plan.pdf",
                                   DocumentOptions(number=7, day=date(2025, 12, 1)))
    finally:
        db.close()
    last = squeeze(pdf_pages_text(path)[-1])
    for expected in ("Nơi nhận:", "- Bộ trưởng (để b/c);", "- Sở Công Thương các tỉnh, thành phố;",
                     "- Lưu: VT, CTĐP.", "KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "Trần Văn Hòa"):
        assert expected in last, expected
    assert last.index("Bằng chữ:") < last.index("Trần Văn Hòa")
