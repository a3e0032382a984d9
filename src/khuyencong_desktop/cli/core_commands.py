"""Core commands: init, summary, programme, check."""
from __future__ import annotations

from ..domain.codes import FundingLevel, Source, Status
from ..domain.money import MoneyUnit, format_number, format_percent, format_ratio
from ..i18n import tr
from ..operations.check import check_file
from ..operations.create import activity_names, create_database
from ..operations.demo import create_demo_database
from ..operations.programme import programme_report
from ..operations.summary import BREAKDOWNS, breakdown, period_summary
from ..storage.database import Database
from ..storage.models import Office
from .main import EXIT_FAILURE, InvalidInput, database_path
from .output import money, print_json, table

def register(subparsers) -> None:
    p = subparsers.add_parser("init", help=tr("tạo cơ sở dữ liệu mới"))
    p.add_argument("--demo", action="store_true", help=tr("kèm dữ liệu minh họa từ các bài báo mẫu"))
    p.add_argument("--office", default="TRUNG TÂM KHUYẾN CÔNG", help=tr("tên đơn vị"))
    p.add_argument("--parent-body", default="SỞ CÔNG THƯƠNG", help=tr("cơ quan chủ quản"))
    p.add_argument("--province", default="", help=tr("tỉnh"))
    p.set_defaults(handler=run_init)

    p = subparsers.add_parser("summary", help=tr("số liệu tổng hợp một giai đoạn"))
    p.add_argument("--from", dest="from_year", type=int, required=True)
    p.add_argument("--to", dest="to_year", type=int, required=True)
    p.add_argument("--level", type=lambda s: FundingLevel.parse(s) or s, help="KCQG | KCDP")
    p.add_argument("--by", choices=sorted(BREAKDOWNS), help=tr("chia theo địa bàn, ngành nghề, năm, nội dung hoặc cấp"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_summary)

    p = subparsers.add_parser("programme", help=tr("kế hoạch, tỷ trọng và chỉ tiêu của một chương trình"))
    p.add_argument("code")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_programme)

    p = subparsers.add_parser("check", help=tr("kiểm tra tính toàn vẹn và nhất quán của tệp"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_check)


def dimension_titles() -> dict[str, str]:
    return {"province": tr("Tỉnh"), "district": tr("Huyện"), "commune": tr("Xã"), "sector": tr("Ngành nghề"),
            "year": tr("Năm"), "activity": tr("Nội dung"), "level": tr("Cấp")}


def open_db(args) -> Database:
    return Database.open(database_path(args))


def run_init(args) -> int:
    if args.demo:
        db = create_demo_database(database_path(args))
    else:
        db = create_database(database_path(args), Office(name=args.office.upper(), parent_body=args.parent_body.upper(),
                                                         province=args.province, place_name=args.province))
    db.close()
    print(tr("Đã tạo cơ sở dữ liệu {path}.", path=db.path) + (" " + tr("Có dữ liệu minh họa.") if args.demo else ""))
    return 0


def run_summary(args) -> int:
    if args.level is not None and not isinstance(args.level, FundingLevel):
        raise InvalidInput(tr("--level: «{value}» không phải KCQG hay KCDP.", value=args.level))
    if args.from_year > args.to_year:
        raise InvalidInput(tr("--from {a} lớn hơn --to {b}.", a=args.from_year, b=args.to_year))
    db = open_db(args)
    try:
        summary = period_summary(db, args.from_year, args.to_year, args.level)
        names = activity_names(db)
        by_rows = breakdown(db, args.from_year, args.to_year, args.by, args.level) if args.by else []
    finally:
        db.close()
    if args.json:
        data = summary.as_json()
        if args.by:
            data["by"] = {args.by: {row.key: row.as_json() for row in by_rows}}
        print_json(data)
        return 0
    qg, dp = FundingLevel.KCQG.value, FundingLevel.KCDP.value
    print(tr("TỔNG HỢP KẾT QUẢ KHUYẾN CÔNG GIAI ĐOẠN {a} - {b}", a=args.from_year, b=args.to_year))
    print(tr("Số đề án: {n} (KCQG: {qg}; KCĐP: {dp})", n=summary.projects, qg=summary.projects_by_level[qg],
             dp=summary.projects_by_level[dp]))
    print(tr("Kinh phí NSNN hỗ trợ: {total} (KCQG: {qg}; KCĐP: {dp})", total=money(summary.state_support),
             qg=money(summary.support_by_level[qg]), dp=money(summary.support_by_level[dp])))
    print(tr("Vốn đối ứng của các cơ sở: {v}", v=money(summary.counterpart)))
    print(tr("Nguồn khác: {v}", v=money(summary.other)))
    print(tr("Tổng nguồn vốn huy động: {v}", v=money(summary.total_mobilised)))
    if summary.leverage is not None:
        print(tr("Trung bình cứ 01 đồng vốn ngân sách nhà nước thu hút được khoảng {x} đồng vốn đầu tư của các cơ sở.",
                 x=format_ratio(summary.leverage)))
    print(tr("Lao động: {jobs}; cơ sở thụ hưởng: {b}; lượt tham gia hội chợ: {p} ({e} kỳ)", jobs=format_number(summary.jobs),
             b=format_number(summary.beneficiaries), p=summary.participations, e=summary.events))
    if summary.projects_by_activity:
        rows = [(tr("Nội dung"), tr("Số đề án"), tr("Kinh phí hỗ trợ (triệu đồng)"))]
        rows += [(f"{code} {names.get(code, '')}", str(n), money(summary.support_by_activity[code]).split(" ")[0])
                 for code, n in sorted(summary.projects_by_activity.items())]
        print(table(rows))
    if by_rows:
        table_rows = [(dimension_titles()[args.by], tr("Số đề án"), tr("Hỗ trợ (triệu đồng)"), tr("Đối ứng (triệu đồng)"),
                       tr("Lao động"))]
        table_rows += [(row.key or tr("(không ghi)"), str(row.projects), money(row.state_support).split(" ")[0],
                        money(row.counterpart).split(" ")[0], format_number(row.jobs)) for row in by_rows]
        print(table(table_rows))
    if summary.excluded:
        listed = "; ".join(f"{Status(code).label}: {n}" for code, n in summary.excluded.items())
        print(tr("Không tính vào tổng: {listed}", listed=listed))
    return 0


def run_programme(args) -> int:
    db = open_db(args)
    try:
        report = programme_report(db, args.code)
    finally:
        db.close()
    if args.json:
        print_json(report.as_json())
        return 0
    unit = MoneyUnit.TY
    print(f"{report.code} — {report.name} ({report.from_year}-{report.to_year})")
    print(tr("Tổng kinh phí: {v}", v=money(report.plan.total, unit)))
    for year, amount in report.plan.by_year.items():
        print(f"  {year}: {money(amount, unit)}")
    shares = report.source_shares
    for source, amount in report.plan.by_source.items():
        print(f"  {Source(source).label}: {money(amount, unit)} ({format_percent(shares[source.value])})")
    print(tr("Cân đối: {state}", state=tr("khớp") if report.plan.consistent else tr("không khớp")))
    for problem in report.plan.problems:
        print(f"  - {problem}")
    for t in report.targets:
        pct = format_percent(t.percent) if t.percent is not None else "-"
        print(f"  {t.activity}: {t.description}: {t.achieved}/{t.planned} {t.unit} ({pct})")
    return 0


def run_check(args) -> int:
    db = open_db(args)
    try:
        report = check_file(db)
    finally:
        db.close()
    if args.json:
        print_json(report.as_json())
    else:
        print(tr("Toàn vẹn tệp: {state}", state=report.integrity))
        for p in report.problems:
            print(f"[{tr('lỗi') if p.severity == 'error' else tr('cảnh báo')}] {p.record}: {p.message}")
        print(tr("Không có vấn đề.") if not report.problems else tr("{n} vấn đề.", n=len(report.problems)))
    return 0 if report.ok else EXIT_FAILURE
