"""The period report (báo cáo tổng kết giai đoạn), as the Lạng Sơn article reports its results."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from reportlab.platypus import Flowable, KeepTogether

from khuyencong_desktop.domain.calculations import shares
from khuyencong_desktop.domain.codes import FundingLevel, Source
from khuyencong_desktop.domain.money import MoneyUnit, format_amount, format_percent, format_ratio
from khuyencong_desktop.reports.blocks import Letterhead
from khuyencong_desktop.reports.charts import funds_by_year_chart
from khuyencong_desktop.reports.document import heading, para, write_document
from khuyencong_desktop.reports.page import PORTRAIT, text_width
from khuyencong_desktop.reports.tables import Column, money_table

if TYPE_CHECKING:
    from khuyencong_desktop.operations.programme import ProgrammeReport
    from khuyencong_desktop.operations.summary import PeriodSummary

DOCUMENT_KIND = "BC"
LEVEL_NAMES = {FundingLevel.KCQG: "Khuyến công quốc gia (KCQG)",
               FundingLevel.KCDP: "Khuyến công địa phương (KCĐP)"}
STT = Column("STT", "text", 12, centred=True)


@dataclass(frozen=True)
class ExcludedProject:
    """A project of the period not summed in (not yet approved, rejected or stopped)."""

    code: str
    name: str
    year: int
    status: str


@dataclass(frozen=True)
class PeriodReportData:
    """Everything the period report prints, computed beforehand by the operations."""

    summary: PeriodSummary
    national_by_activity: Mapping[str, int]
    """Projects of the national level (KCQG) per activity code; the local ones are the rest."""
    activity_names: Mapping[str, str]
    programmes: Sequence[ProgrammeReport]
    excluded: Sequence[ExcludedProject]
    issuing_body: str
    unit: MoneyUnit = MoneyUnit.TRIEU


def _money(data: PeriodReportData, dong: int) -> str:
    return f"{format_amount(dong, data.unit)} {data.unit.label}"


def overview(data: PeriodReportData) -> list[Flowable]:
    s = data.summary
    qg, dp = FundingLevel.KCQG.value, FundingLevel.KCDP.value
    return [para(
        f"Giai đoạn {s.from_year} - {s.to_year}, đã triển khai thực hiện {s.projects} đề án khuyến công "
        f"với tổng kinh phí ngân sách nhà nước hỗ trợ {_money(data, s.state_support)}; trong đó "
        f"khuyến công quốc gia {s.projects_by_level[qg]} đề án, kinh phí {_money(data, s.support_by_level[qg])}; "
        f"khuyến công địa phương {s.projects_by_level[dp]} đề án, kinh phí "
        f"{_money(data, s.support_by_level[dp])}. Các đề án đã hỗ trợ {s.beneficiaries} cơ sở công nghiệp "
        f"nông thôn.")]


def by_level(data: PeriodReportData) -> list[Flowable]:
    s = data.summary
    columns = [STT, Column("Cấp kinh phí"), Column("Số đề án", "int", 24),
               Column("Kinh phí NSNN hỗ trợ", "money", 40)]
    rows = [[str(i), LEVEL_NAMES[level], s.projects_by_level[level.value], s.support_by_level[level.value]]
            for i, level in enumerate(FundingLevel, start=1)]
    return [heading("1. Số đề án và kinh phí theo cấp kinh phí", 2),
            *money_table(columns, rows, unit=data.unit)]


def by_activity(data: PeriodReportData) -> list[Flowable]:
    """Projects per activity, split by level as the article does ("45 đề án (42 KCĐP và 03 KCQG)")."""
    s = data.summary
    columns = [STT, Column("Nội dung hoạt động"), Column("Đề án KCQG", "int", 17), Column("Đề án KCĐP", "int", 17),
               Column("Tổng số đề án", "int", 17), Column("Kinh phí NSNN hỗ trợ", "money", 30),
               Column("Lao động", "int", 18)]
    order = [code for code in data.activity_names if code in s.projects_by_activity]
    order += sorted(code for code in s.projects_by_activity if code not in data.activity_names)
    rows = []
    for i, code in enumerate(order, start=1):
        national = data.national_by_activity.get(code, 0)
        rows.append([str(i), data.activity_names.get(code, code), national, s.projects_by_activity[code] - national,
                     s.projects_by_activity[code], s.support_by_activity[code], s.jobs_by_activity.get(code, 0)])
    return [heading("2. Số đề án và kinh phí theo nội dung hoạt động", 2),
            *money_table(columns, rows, unit=data.unit)]


def mobilised(data: PeriodReportData) -> list[Flowable]:
    s = data.summary
    columns = [STT, Column("Nguồn vốn"), Column("Số tiền", "money", 40), Column("Tỷ lệ", "share", 22)]
    amounts = {source: s.by_source.get(source.value, 0) for source in Source}
    share = shares(amounts)
    rows = [[str(i), source.label, amounts[source], share[source] if s.total_mobilised else None]
            for i, source in enumerate(Source, start=1)]
    flowables = [heading("3. Nguồn vốn huy động", 2), *money_table(columns, rows, unit=data.unit)]
    state = [f"{source.label.lower()} {_money(data, amounts[source])}" for source in Source
             if source.is_state and amounts[source]]
    sentence = (f"Tổng nguồn vốn huy động giai đoạn {s.from_year} - {s.to_year} đạt "
                f"{_money(data, s.total_mobilised)}, trong đó kinh phí ngân sách nhà nước hỗ trợ "
                f"{_money(data, s.state_support)}" + (f" ({'; '.join(state)})" if len(state) > 1 else "")
                + f", vốn đối ứng của các cơ sở {_money(data, s.counterpart)}")
    sentence += f", nguồn khác {_money(data, s.other)}" if s.other else ""
    if s.leverage is not None:
        sentence += (f"; trung bình cứ 01 đồng vốn ngân sách nhà nước thu hút được khoảng "
                     f"{format_ratio(s.leverage)} đồng vốn đầu tư của các cơ sở công nghiệp nông thôn")
    return flowables + [para(sentence + ".")]


def by_year(data: PeriodReportData) -> list[Flowable]:
    s = data.summary
    sources = [source for source in Source if s.by_source.get(source.value, 0)] or [Source.NSNN]
    columns = [Column("Năm", "text", 24, centred=True),
               *(Column(source.label, "money") for source in sources), Column("Tổng cộng", "money", 30)]
    rows = []
    for year, amounts in s.by_year_and_source.items():
        values = [amounts.get(source.value, 0) for source in sources]
        rows.append([str(year), *values, sum(values)])
    width = text_width(PORTRAIT)
    return [heading("4. Kinh phí theo năm và nguồn vốn", 2),
            *money_table(columns, rows, unit=data.unit, words_column=len(columns) - 1),
            KeepTogether([funds_by_year_chart(s.by_year_and_source, data.unit, width),
                          para("Hình 1. Kinh phí thực hiện các đề án theo năm và nguồn vốn",
                               style_name="table_text_centred")])]


def jobs_and_fairs(data: PeriodReportData) -> list[Flowable]:
    s = data.summary
    text = f"Các đề án đã tạo việc làm cho {s.jobs} lao động"
    if s.participations or s.events:
        text += (f"; hỗ trợ {s.participations} lượt cơ sở công nghiệp nông thôn tham gia {s.events} "
                 f"hội chợ, triển lãm")
    return [heading("5. Việc làm và xúc tiến thương mại", 2), para(text + ".")]


def targets(data: PeriodReportData) -> list[Flowable]:
    flowables: list[Flowable] = [heading("II. THỰC HIỆN CHỈ TIÊU CÁC CHƯƠNG TRÌNH KHUYẾN CÔNG")]
    if not data.programmes:
        return flowables + [para("Trong giai đoạn không có chương trình khuyến công nào được ghi nhận.")]
    columns = [STT, Column("Chỉ tiêu"), Column("Đơn vị tính", "text", 24, centred=True),
               Column("Kế hoạch", "int", 22), Column("Đạt", "int", 18), Column("Tỷ lệ", "text", 20, centred=True)]
    for number, programme in enumerate(data.programmes, start=1):
        flowables.append(heading(f"{number}. {programme.name} ({programme.code})", 2))
        if not programme.targets:
            flowables.append(para("Chương trình chưa có chỉ tiêu."))
            continue
        rows = [[str(i), t.description, t.unit, t.planned, t.achieved,
                 format_percent(t.percent) if t.percent is not None else ""]
                for i, t in enumerate(programme.targets, start=1)]
        flowables += money_table(columns, rows, unit=None, total_row=False)
    return flowables


def excluded(data: PeriodReportData) -> list[Flowable]:
    flowables: list[Flowable] = [heading("III. CÁC ĐỀ ÁN KHÔNG TỔNG HỢP")]
    if not data.excluded:
        return flowables + [para("Không có đề án nào bị loại khỏi số liệu tổng hợp.")]
    columns = [STT, Column("Mã đề án", "text", 38), Column("Tên đề án"), Column("Năm", "text", 14, centred=True),
               Column("Trạng thái", "text", 30)]
    rows = [[str(i), p.code, p.name, str(p.year), p.status] for i, p in enumerate(data.excluded, start=1)]
    return flowables + [
        para("Các đề án sau chưa được phê duyệt, bị từ chối hoặc ngừng thực hiện nên không được tính "
             "vào số liệu của báo cáo:"),
        *money_table(columns, rows, unit=None, total_row=False),
    ]


def write_period_summary(target: str | IO[bytes], data: PeriodReportData, letterhead: Letterhead) -> None:
    """Projects and funds by level and activity, money mobilised, leverage, jobs, targets, charts."""
    s = data.summary
    body: list[Flowable] = [
        heading("I. KẾT QUẢ THỰC HIỆN"), *overview(data), *by_level(data), *by_activity(data),
        *mobilised(data), *by_year(data), *jobs_and_fairs(data), *targets(data), *excluded(data),
    ]
    write_document(target, letterhead, "Báo cáo",
                   f"Tổng kết hoạt động khuyến công giai đoạn {s.from_year} - {s.to_year}", body)
