"""The proposal of one project (đề án khuyến công), as submitted for approval."""
from __future__ import annotations

from typing import IO

from reportlab.platypus import Flowable

from khuyencong_desktop.domain.calculations import shares
from khuyencong_desktop.domain.codes import Source
from khuyencong_desktop.reports.blocks import Letterhead
from khuyencong_desktop.reports.document import heading, labelled, para, paragraphs, write_document
from khuyencong_desktop.reports.project_data import ProjectInfo
from khuyencong_desktop.reports.tables import Column, money_table

DOCUMENT_KIND = "ĐA"
"""Ký hiệu of a proposal in its number: 05/ĐA-TTKC."""

FUNDING_COLUMNS = (
    Column("STT", "text", 12, centred=True),
    Column("Nguồn kinh phí"),
    Column("Kinh phí", "money", 38),
    Column("Tỷ lệ", "share", 22),
)


def funding_table(project: ProjectInfo) -> list[Flowable]:
    """Kinh phí by source (NSTW, NSĐP, NSNN, đối ứng, khác) with total, shares and "Bằng chữ".

    Without any money there is nothing to share: the Tỷ lệ cells, total included, stay empty.
    """
    share = shares(dict(project.approved))
    total = sum(project.approved.values())
    rows = [[str(i), source.label, project.approved[source], share[source] if total else None]
            for i, source in enumerate(Source, start=1)]
    return money_table(FUNDING_COLUMNS, rows, unit=project.unit)


def general_information(project: ProjectInfo) -> list[Flowable]:
    """Mục I: name, code, implementing unit, beneficiaries, place, time, activity and level."""
    flowables: list[Flowable] = [
        heading("I. THÔNG TIN CHUNG"),
        labelled("1. Tên đề án", project.name),
        labelled("2. Mã đề án", project.code),
        labelled("3. Nội dung hoạt động", f"{project.activity}; cấp kinh phí: {project.level}"),
        labelled("4. Đơn vị thực hiện", project.implementing_unit),
    ]
    if project.beneficiaries:
        flowables.append(para("5. Đơn vị thụ hưởng:"))
        flowables += [para(f"- {b.line()}") for b in project.beneficiaries]
    else:
        flowables.append(labelled("5. Đơn vị thụ hưởng", ""))
    flowables += [
        labelled("6. Địa điểm thực hiện", project.place),
        labelled("7. Thời gian thực hiện", project.period()),
    ]
    return flowables


def expected_results(project: ProjectInfo) -> list[Flowable]:
    """Mục VII: jobs and capacity when set, then the officer's text."""
    lines = []
    if project.jobs:
        lines.append(para(f"- Số lao động có việc làm: {project.jobs} người."))
    if project.capacity:
        lines.append(para(f"- Công suất: {project.capacity}."))
    if project.expected_results.strip() or not lines:
        lines += paragraphs(project.expected_results)
    return lines


def write_proposal(target: str | IO[bytes], project: ProjectInfo, letterhead: Letterhead) -> None:
    """The proposal: general information, necessity, objectives, content, funding, schedule, results."""
    body: list[Flowable] = [
        *general_information(project),
        heading("II. SỰ CẦN THIẾT CỦA ĐỀ ÁN"), *paragraphs(project.necessity),
        heading("III. MỤC TIÊU"), *paragraphs(project.objectives),
        heading("IV. NỘI DUNG THỰC HIỆN"), *paragraphs(project.content),
        heading("V. KINH PHÍ THỰC HIỆN"), *funding_table(project),
        heading("VI. TIẾN ĐỘ THỰC HIỆN"), *paragraphs(project.schedule),
        heading("VII. KẾT QUẢ DỰ KIẾN"), *expected_results(project),
    ]
    write_document(target, letterhead, "Đề án", project.name, body)
