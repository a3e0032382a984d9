"""Self-test steps "cơ sở dữ liệu" and "nhập Excel": a demo file that checks clean, and a small workbook imported."""
from __future__ import annotations

from pathlib import Path

from ..i18n import tr
from .checks import CheckFailed, require


def create_database(database: Path) -> str:
    from ..operations.check import check_file
    from ..operations.demo import create_demo_database

    db = create_demo_database(database)
    try:
        report = check_file(db)
    finally:
        db.close()
    if not report.ok:
        raise CheckFailed("; ".join(str(problem) for problem in report.problems))
    return str(database)


def import_workbook(database: Path, folder: Path) -> str:
    excel_import = require("khuyencong_desktop.operations.excel_import")
    from openpyxl import Workbook
    from sqlalchemy import select

    from ..storage.database import Database
    from ..storage.models import Activity, Project

    db = Database.open(database)
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
        path = folder / "tu-kiem-tra.xlsx"
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


def project_code(database: Path, *, done: bool) -> str:
    """The first project approved or in progress, or (``done``) accepted or settled."""
    from sqlalchemy import select

    from ..domain.codes import Status
    from ..storage.database import Database
    from ..storage.models import Project

    wanted = (Status.DA_NGHIEM_THU, Status.DA_QUYET_TOAN) if done else (Status.DA_PHE_DUYET, Status.DANG_THUC_HIEN)
    db = Database.open(database)
    try:
        with db.session() as session:
            query = select(Project.code).where(Project.status.in_(wanted),
                                               Project.deleted_at.is_(None))
            return session.scalars(query.order_by(Project.year, Project.code)).first()
    finally:
        db.close()
