"""Demo data built from the two seed articles (Lạng Sơn 2017-2021 results, Lai Châu 2021-2025 plan).

The article figures are reproduced exactly: Lạng Sơn's 6 KCQG projects (2.350 triệu), 52 KCĐP
projects (6.624 triệu), 46.236,68 triệu counterpart, 519 jobs, 72 fair participations in 7 fairs;
Lai Châu's 75,3 tỷ programme with its yearly phasing and targets. Project names, beneficiaries and
the split of the totals over single projects are illustrative, and say so in their notes.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from ..domain.codes import BeneficiaryKind, FundingLevel, Source, Status
from ..storage.models import Beneficiary, Office, PlanLine, Programme, Project, ProjectBeneficiary, Target

ILLUSTRATIVE = "Dữ liệu minh họa dựng từ bài báo; tên và phân bổ chi tiết là giả định."
LS_DISTRICTS = ("TP. Lạng Sơn", "Cao Lộc", "Văn Lãng", "Tràng Định", "Bình Gia", "Văn Quan", "Bắc Sơn",
                "Hữu Lũng", "Chi Lăng", "Lộc Bình", "Đình Lập")
MM_TRADES = ("chế biến gỗ", "cơ khí", "chế biến nông sản", "sản xuất vật liệu xây dựng", "chế biến lâm sản")
# 42 KCĐP machinery projects: support in triệu đồng (sums to 5.406,8), with the named ones first.
KCDP_MM_SUPPORT = [Decimal(x) for x in (
    "150", "120", "135", "100", "145", "110", "130", "125", "140", "115", "150", "120", "135", "100",
    "145", "110", "130", "125", "140", "115", "150", "120", "135", "100", "145", "110", "130", "125",
    "140", "115", "150", "120", "135", "100", "145", "110", "130", "125", "140", "115", "150", "176.8")]


DEMO_OFFICE = dict(  # the Lạng Sơn centre, whose results the demo reproduces
    name="TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI", parent_body="SỞ CÔNG THƯƠNG TỈNH LẠNG SƠN",
    province="Lạng Sơn", place_name="Lạng Sơn", number_suffix="TTKC&XTTM", head_capacity="KT. GIÁM ĐỐC",
    head_position="PHÓ GIÁM ĐỐC", head_name="Hoàng Văn Minh", preparer_name="Nguyễn Thị Thu",
    accountant_name="Lê Thị Hạnh", address="Số 10 đường Hoàng Văn Thụ, TP. Lạng Sơn",
    recipients="Sở Công Thương (b/c);\nCục Công Thương địa phương (b/c);\nLưu: VT, KC.")


def million(value) -> int:
    """Whole đồng from an amount in triệu đồng."""
    return int(Decimal(str(value)) * 1_000_000)


def _status_for(year: int) -> Status:
    return {2020: Status.DA_NGHIEM_THU, 2021: Status.DANG_THUC_HIEN}.get(year, Status.DA_QUYET_TOAN)


def _project(code, name, year, level, activity, support, counterpart=0, jobs=0, *, district="", province="Lạng Sơn",
             status=None, **extra) -> Project:
    state = million(support)
    status = status or _status_for(year)
    project = Project(code=code, name=name, year=year, level=level, activity_code=activity, status=status,
                      province=province, district=district, place=f"{district}, {province}" if district else province,
                      approved_nstw=state if level == FundingLevel.KCQG else 0,
                      approved_nsdp=state if level == FundingLevel.KCDP else 0,
                      approved_counterpart=million(counterpart), jobs=jobs,
                      implementing_unit=extra.pop("implementing_unit", "Trung tâm Khuyến công và Xúc tiến thương mại Lạng Sơn"),
                      notes=extra.pop("notes", ILLUSTRATIVE), **extra)
    if status == Status.DA_QUYET_TOAN:
        project.set_amounts(project.amounts(), settled=True)
    return project


def _record_decisions(session) -> None:
    """Acceptance (nghiệm thu) and, when settled, settlement (quyết toán) decisions of the finished
    projects added since the last flush, numbered in order within each year and issuing body.

    Illustrative, as the names are. A national project (KCQG) is accepted and settled by the ministry's department (Cục Công
    Thương địa phương), a local one by the provincial department (Sở Công Thương): in November
    and December, settled in the first quarter of the next year.
    """
    finished = sorted((o for o in session.new if isinstance(o, Project)
                       and o.status in (Status.DA_NGHIEM_THU, Status.DA_QUYET_TOAN)), key=lambda p: (p.year, p.code))
    numbers: Counter[tuple[int, str]] = Counter()
    for project in finished:
        body = "CTĐP" if project.level == FundingLevel.KCQG else "SCT"
        numbers[project.year, body] += 1
        n = numbers[project.year, body]
        project.acceptance_decision_no = f"{180 + 7 * n}/QĐ-{body}"
        project.acceptance_date = date(project.year, 11, 5) + timedelta(days=3 * n)
        if project.status == Status.DA_QUYET_TOAN:
            project.settlement_decision_no = f"{12 + 5 * n}/QĐ-{body}"
            project.settlement_date = date(project.year + 1, 1, 10) + timedelta(days=4 * n)


def _link(session, project: Project, *beneficiaries: Beneficiary) -> None:
    session.add(project)
    for beneficiary in beneficiaries:
        session.add(ProjectBeneficiary(project=project, beneficiary=beneficiary))


def _lang_son(session) -> None:
    people = ["Hoàng Văn Bình", "Lương Thị Hoa", "Nông Văn Cường", "Vi Thị Dung", "Lộc Văn Đức", "Hà Thị Giang",
              "Triệu Văn Hải", "Đinh Thị Hằng", "Chu Văn Khánh", "Lăng Thị Lan", "Mã Văn Long", "Hứa Thị Mai"]
    named = [
        Beneficiary(name="Hộ kinh doanh Bùi Đức Quang", kind=BeneficiaryKind.HKD, district="TP. Lạng Sơn",
                    province="Lạng Sơn", trade="cơ khí", representative="Bùi Đức Quang"),
        Beneficiary(name="HTX chế biến nông sản Lụa Vy", kind=BeneficiaryKind.HTX, district="Chi Lăng",
                    province="Lạng Sơn", trade="chế biến nông sản (trà diếp cá)"),
    ]
    viet_bac = Beneficiary(name="Công ty Cổ phần Đầu tư xây dựng và phát triển Việt Bắc", kind=BeneficiaryKind.DN,
                           district="TP. Lạng Sơn", province="Lạng Sơn", trade="cơ khí (bản lề cửa)")
    machinery = named + [
        Beneficiary(name=f"Hộ kinh doanh {people[i % len(people)]}" if i % 3 else f"Công ty TNHH {people[i % len(people)].split()[-1]} {LS_DISTRICTS[i % 11]}",
                    kind=BeneficiaryKind.HKD if i % 3 else BeneficiaryKind.DN, district=LS_DISTRICTS[i % 11],
                    province="Lạng Sơn", trade=MM_TRADES[i % 5], notes=ILLUSTRATIVE)
        for i in range(2, 45)]
    session.add_all([viet_bac, *machinery])

    mh = [("LS-QG-2018-01", "Xây dựng mô hình trình diễn kỹ thuật chế biến tinh dầu hồi", 2018, 2150, 25, machinery[2]),
          ("LS-QG-2019-01", "Xây dựng mô hình trình diễn kỹ thuật sản xuất ván ghép thanh", 2019, 1850, 20, machinery[3]),
          ("LS-QG-2020-01", "Trình diễn kỹ thuật, giới thiệu mô hình sản xuất bản lề cửa", 2020, 2400, 25, viet_bac)]
    for code, name, year, counterpart, jobs, who in mh:
        _link(session, _project(code, name, year, FundingLevel.KCQG, "MH", 500, counterpart, jobs,
                                district=who.district), who)

    mm_support = [(FundingLevel.KCDP, amount, 2017 + i % 5) for i, amount in enumerate(KCDP_MM_SUPPORT)]
    mm_support += [(FundingLevel.KCQG, Decimal(300), 2017), (FundingLevel.KCQG, Decimal(250), 2019),
                   (FundingLevel.KCQG, Decimal(300), 2021)]
    counterpart_left = Decimal("39836.68")
    support_left = sum(amount for _, amount, _ in mm_support)
    machines = {0: "máy cắt kim loại CNC", 1: "máy sản xuất trà diếp cá"}
    for i, ((level, support, year), who) in enumerate(zip(mm_support, machinery, strict=True)):
        # Counterpart spread in proportion to support; the last project takes the rounding rest.
        counterpart = (counterpart_left * support / support_left).quantize(Decimal("0.01"))
        counterpart_left -= counterpart
        support_left -= support
        kind = "QG" if level == FundingLevel.KCQG else "DP"
        machine = machines.get(i, f"máy móc thiết bị {who.trade}")
        _link(session, _project(f"LS-{kind}-{year}-MM{i + 1:02d}", f"Hỗ trợ ứng dụng {machine} cho {who.name}", year,
                                level, "MM", support, counterpart, 9 if i == 0 else 10, district=who.district,
                                sector=who.trade), who)

    fairs = [(2017, "95", 15, 1), (2018, "98", 14, 2), (2019, "102.2", 15, 1), (2020, "88", 14, 2), (2021, "81", 14, 1)]
    for n, (year, support, participations, events) in enumerate(fairs):
        project = _project(f"LS-DP-{year}-HC01", f"Hỗ trợ cơ sở CNNT tham gia hội chợ triển lãm năm {year}", year,
                           FundingLevel.KCDP, "HC", support, participations=participations, events=events)
        _link(session, project, *machinery[n * 4:n * 4 + 4])
    _link(session, _project("LS-DP-2019-SP01", "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh năm 2019",
                            2019, FundingLevel.KCDP, "SP", 50))
    for code, name, year, activity, support in (
            ("LS-DP-2018-QL01", "Nâng cao năng lực quản lý cho cơ sở công nghiệp nông thôn", 2018, "QL", 150),
            ("LS-DP-2019-DT01", "Đào tạo nghề mây tre đan", 2019, "DT", 200),
            ("LS-DP-2020-TT01", "Thông tin tuyên truyền về hoạt động khuyến công", 2020, "TT", 173),
            ("LS-DP-2021-DT01", "Đào tạo nghề chế biến lâm sản", 2021, "DT", 180)):
        _link(session, _project(code, name, year, FundingLevel.KCDP, activity, support))
    # Outside the summary: a proposal and a rejected project, listed apart, never summed in.
    _link(session, _project("LS-DP-2021-MM99", "Đề xuất hỗ trợ máy ép viên nén mùn cưa", 2021, FundingLevel.KCDP, "MM",
                            150, 300, 5, district="Hữu Lũng", status=Status.DE_XUAT), machinery[5])
    _link(session, _project("LS-DP-2019-MM98", "Hỗ trợ máy sấy hoa hồi", 2019, FundingLevel.KCDP, "MM", 120, 200, 4,
                            district="Văn Quan", status=Status.BI_TU_CHOI, remarks="Không đủ điều kiện đối ứng."),
          machinery[6])
    _record_decisions(session)


def _lai_chau(session) -> None:
    office = Office(name="TRUNG TÂM KHUYẾN CÔNG VÀ TƯ VẤN PHÁT TRIỂN CÔNG NGHIỆP", parent_body="SỞ CÔNG THƯƠNG TỈNH LAI CHÂU",
                    province="Lai Châu", place_name="Lai Châu", number_suffix="TTKC")
    session.add(office)
    session.flush()
    owned = {"origin_office_id": office.id}
    programme = Programme(code="LC-2021-2025", name="Chương trình khuyến công tỉnh Lai Châu giai đoạn 2021 - 2025",
                          province="Lai Châu", from_year=2021, to_year=2025, total=75_300_000_000,
                          notes="Theo bài báo «Lai Châu: Lựa chọn triển khai hoạt động phù hợp» (06/05/2020).", **owned)
    session.add(programme)
    for year, amount in ((2021, 10_814), (2022, 21_004), (2023, 20_714), (2024, 13_054), (2025, 9_714)):
        session.add(PlanLine(programme=programme, year=year, source=None, amount=amount * 1_000_000, **owned))
    session.add(PlanLine(programme=programme, year=None, source=Source.DOI_UNG, amount=48_400_000_000, **owned))
    session.add(PlanLine(programme=programme, year=None, source=Source.NSNN, amount=26_900_000_000, **owned))
    for activity, description, unit, planned in (
            ("CCN", "Cụm công nghiệp được quy hoạch chi tiết và đầu tư hoàn thiện kết cấu hạ tầng", "cụm", 1),
            ("MT", "Hỗ trợ sửa chữa, nâng cấp hệ thống xử lý ô nhiễm môi trường", "hệ thống", 3),
            ("MH", "Hỗ trợ xây dựng mô hình trình diễn kỹ thuật", "mô hình", 5),
            ("MM", "Cơ sở CN - TTCN ứng dụng máy móc tiên tiến vào sản xuất", "cơ sở", 30)):
        session.add(Target(programme=programme, activity_code=activity, description=description, unit=unit,
                           planned=planned, **owned))
    year_note = "Năm thực hiện không nêu trong bài báo (trước năm 2020); năm ghi ở đây là giả định."
    truong_thinh = Beneficiary(name="Công ty TNHH MTV Trường Thịnh Tân Uyên", kind=BeneficiaryKind.DN, district="Tân Uyên",
                               province="Lai Châu", trade="sản xuất gạch không nung", **owned)
    phu_minh = Beneficiary(name="Công ty TNHH đầu tư và xây dựng Phú Minh", kind=BeneficiaryKind.DN, district="Phong Thổ",
                           province="Lai Châu", trade="sản xuất gạch không nung", **owned)
    unit = "Trung tâm Khuyến công tỉnh Lai Châu"
    _link(session, _project("LC-2016-MH01", "Xây dựng mô hình trình diễn kỹ thuật sản xuất gạch không nung", 2016,
                            FundingLevel.KCDP, "MH", 600, district="Tân Uyên", province="Lai Châu",
                            status=Status.DA_QUYET_TOAN, capacity="14 triệu viên/năm", implementing_unit=unit,
                            sector="sản xuất vật liệu xây dựng", notes=year_note, **owned), truong_thinh)
    _link(session, _project("LC-2015-MM01", "Hỗ trợ đầu tư dây chuyền sản xuất gạch không nung", 2015,
                            FundingLevel.KCDP, "MM", 300, district="Phong Thổ", province="Lai Châu",
                            status=Status.DA_QUYET_TOAN, capacity="9 triệu viên/năm", implementing_unit=unit,
                            sector="sản xuất vật liệu xây dựng", notes=year_note, **owned), phu_minh)
    _record_decisions(session)


def add_demo_data(session) -> None:
    """Add both seed articles' data to the file open in ``session`` (one transaction)."""
    _lang_son(session)
    _lai_chau(session)


def create_demo_database(path):
    """A new file at ``path`` belonging to the Lạng Sơn centre, holding both articles' data."""
    from .create import create_database

    return create_database(path, Office(**DEMO_OFFICE), demo=True)
