"""The completion report of one project (báo cáo kết quả thực hiện đề án): plan against actual."""
from __future__ import annotations

from typing import IO

from reportlab.platypus import Flowable

from khuyencong_desktop.domain.codes import Source
from khuyencong_desktop.domain.dates import format_date
from khuyencong_desktop.reports.blocks import Letterhead
from khuyencong_desktop.reports.document import heading, labelled, para, paragraphs, write_document
from khuyencong_desktop.reports.project_data import ProjectInfo, decision_text
from khuyencong_desktop.reports.tables import Column, money_table

DOCUMENT_KIND = "BC"
NO_SETTLEMENT = "Đề án chưa có số liệu quyết toán; bảng dưới đây ghi kinh phí theo kế hoạch được phê duyệt."

PLAN_COLUMNS = (
    Column("STT", "text", 12, centred=True),
    Column("Nguồn kinh phí"),
    Column("Kế hoạch được phê duyệt", "money", 32),
    Column("Thực hiện (quyết toán)", "money", 32),
    Column("Chênh lệch", "money", 28),
)
ACTUAL_COLUMN = 3


def funding_comparison(project: ProjectInfo) -> list[Flowable]:
    """Planned (phê duyệt) against actual (quyết toán) by source, the difference, the total in words.

    The words line spells the actual total; without settled figures only the plan is shown.
    """
    if project.settled is None:
        columns = PLAN_COLUMNS[:3]
        rows = [[str(i), s.label, project.approved[s]] for i, s in enumerate(Source, start=1)]
        return [para(NO_SETTLEMENT), *money_table(columns, rows, unit=project.unit)]
    rows = [[str(i), s.label, project.approved[s], project.settled[s],
             project.settled[s] - project.approved[s]] for i, s in enumerate(Source, start=1)]
    return money_table(PLAN_COLUMNS, rows, unit=project.unit, words_column=ACTUAL_COLUMN)


def outputs_achieved(project: ProjectInfo) -> list[Flowable]:
    """Mục III: jobs, fair participations, capacity and the outputs text."""
    lines = [para(f"- Số lao động có việc làm: {project.jobs} người.")]
    if project.participations or project.events:
        lines.append(para(f"- Số lượt cơ sở tham gia hội chợ, triển lãm: {project.participations} lượt, "
                          f"tại {project.events} hội chợ, sự kiện."))
    if project.capacity:
        lines.append(para(f"- Công suất: {project.capacity}."))
    lines.append(para("- Sản phẩm, kết quả khác:"))
    return lines + paragraphs(project.outputs)


def acceptance(project: ProjectInfo) -> list[Flowable]:
    """Mục IV: date and decision of the acceptance (nghiệm thu)."""
    day = format_date(project.acceptance_date) if project.acceptance_date else ""
    return [labelled("- Ngày nghiệm thu", day),
            labelled("- Biên bản, quyết định nghiệm thu", project.acceptance_decision_no)]


def write_completion(target: str | IO[bytes], project: ProjectInfo, letterhead: Letterhead) -> None:
    """The report: general information, funding plan vs actual, outputs, acceptance, remarks."""
    approval = decision_text(project.approval_decision_no, project.approval_date)
    body: list[Flowable] = [
        heading("I. THÔNG TIN CHUNG"),
        labelled("1. Tên đề án", project.name),
        labelled("2. Mã đề án", project.code),
        labelled("3. Nội dung hoạt động", f"{project.activity}; cấp kinh phí: {project.level}"),
        labelled("4. Đơn vị thực hiện", project.implementing_unit),
        labelled("5. Đơn vị thụ hưởng", "; ".join(b.name for b in project.beneficiaries)),
        labelled("6. Địa điểm thực hiện", project.place),
        labelled("7. Thời gian thực hiện", project.period()),
        labelled("8. Quyết định phê duyệt", approval),
        heading("II. KINH PHÍ THỰC HIỆN"), *funding_comparison(project),
        heading("III. KẾT QUẢ ĐẠT ĐƯỢC"), *outputs_achieved(project),
        heading("IV. NGHIỆM THU"), *acceptance(project),
        heading("V. NHẬN XÉT, KIẾN NGHỊ"), *paragraphs(project.remarks),
    ]
    write_document(target, letterhead, "Báo cáo", f"Kết quả thực hiện đề án {in_sentence(project.name)}", body)


def in_sentence(name: str) -> str:
    """A name as it reads inside a sentence: "Xây dựng mô hình …" → "xây dựng mô hình …".

    Names opening with an abbreviation ("CNNT …", "HTX …") keep their capitals.
    """
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name
