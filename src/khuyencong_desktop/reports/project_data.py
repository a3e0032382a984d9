"""The plain facts of one project (đề án) that its proposal and its completion report print."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from khuyencong_desktop.domain.codes import Source
from khuyencong_desktop.domain.dates import format_date
from khuyencong_desktop.domain.money import MoneyUnit
from khuyencong_desktop.reports.document import NOT_ENTERED


@dataclass(frozen=True)
class BeneficiaryInfo:
    """Đơn vị thụ hưởng: name, kind (loại hình), tax code (MST) and address, as printed."""

    name: str
    kind: str = ""
    tax_code: str = ""
    address: str = ""

    def line(self) -> str:
        """"Name (kind); MST: …; địa chỉ: …", empty parts read "(chưa nhập)"."""
        kind = f" ({self.kind})" if self.kind else ""
        return (f"{self.name}{kind}; MST: {self.tax_code or NOT_ENTERED}; "
                f"địa chỉ: {self.address or NOT_ENTERED}")


@dataclass(frozen=True)
class ProjectInfo:
    """One project as its documents need it; money in whole đồng by source."""

    code: str
    name: str
    year: int
    level: str
    activity: str
    implementing_unit: str
    place: str
    unit: MoneyUnit
    approved: Mapping[Source, int]
    settled: Mapping[Source, int] | None = None
    """As settled (quyết toán), or None while no settled amount is recorded."""
    beneficiaries: tuple[BeneficiaryInfo, ...] = ()
    start_date: date | None = None
    end_date: date | None = None
    necessity: str = ""
    objectives: str = ""
    content: str = ""
    schedule: str = ""
    expected_results: str = ""
    jobs: int = 0
    participations: int = 0
    events: int = 0
    capacity: str = ""
    outputs: str = ""
    approval_decision_no: str = ""
    approval_date: date | None = None
    acceptance_decision_no: str = ""
    acceptance_date: date | None = None
    remarks: str = ""
    status: str = ""

    def period(self) -> str:
        """Thời gian thực hiện: "từ 01/03/2020 đến 30/11/2020", or the year when no dates are set."""
        if self.start_date and self.end_date:
            return f"từ {format_date(self.start_date)} đến {format_date(self.end_date)}"
        if self.start_date:
            return f"từ {format_date(self.start_date)}, trong năm {self.year}"
        if self.end_date:
            return f"năm {self.year}, hoàn thành trước {format_date(self.end_date)}"
        return f"năm {self.year}"


def decision_text(number: str, day: date | None) -> str:
    """"số 123/QĐ-SCT ngày 05/01/2021", or what of it is known, or "" when nothing is."""
    parts = ([f"số {number}"] if number else []) + ([f"ngày {format_date(day)}"] if day else [])
    return " ".join(parts)
