"""The report commands: the four printed documents as PDF files (đề án, báo cáo, danh mục)."""
from __future__ import annotations

from ..domain.dates import parse_date
from ..i18n import tr
from ..operations.reports import write_report
from ..reports.letterhead_from_office import DocumentOptions
from ..storage.database import Database
from .main import InvalidInput, database_path


def register(subparsers) -> None:
    report = subparsers.add_parser("report", help=tr("in văn bản PDF: đề án, báo cáo, danh mục đề án"))
    kinds = report.add_subparsers(dest="kind", required=True, metavar="KIND")
    for kind, help_text in (("proposal", tr("đề án của một đề án khuyến công")),
                            ("completion", tr("báo cáo kết quả thực hiện một đề án"))):
        p = kinds.add_parser(kind, help=help_text)
        p.add_argument("--project", required=True, help=tr("mã đề án"))
        _common(p)
    p = kinds.add_parser("summary", help=tr("báo cáo tổng kết một giai đoạn"))
    p.add_argument("--from", dest="from_year", type=int, required=True)
    p.add_argument("--to", dest="to_year", type=int, required=True)
    _common(p)
    p = kinds.add_parser("plan", help=tr("danh mục đề án khuyến công của một năm"))
    p.add_argument("--year", type=int, required=True)
    _common(p)
    report.set_defaults(handler=run_report)


def _common(parser) -> None:
    parser.add_argument("--out", required=True, help=tr("tệp PDF sẽ ghi"))
    parser.add_argument("--number", help=tr("số văn bản (để trống để điền tay)"))
    parser.add_argument("--date", help=tr("ngày văn bản, YYYY-MM-DD hoặc DD/MM/YYYY (mặc định: hôm nay)"))


def options_from(args) -> DocumentOptions:
    """The document's number and date from the arguments; every bad value is listed at once."""
    problems, number, day = [], None, None
    if args.number is not None:
        if args.number.isdigit() and int(args.number) >= 1:
            number = int(args.number)
        else:
            problems.append(tr("--number: «{value}» không phải số văn bản (số nguyên từ 1).", value=args.number))
    if args.date is not None:
        try:
            day = parse_date(args.date)
        except ValueError as error:
            problems.append(f"--date: {error}")
    if args.kind == "summary" and args.from_year > args.to_year:
        problems.append(tr("--from {a} lớn hơn --to {b}.", a=args.from_year, b=args.to_year))
    if problems:
        raise InvalidInput(problems)
    return DocumentOptions(number=number, day=day)


def run_report(args) -> int:
    options = options_from(args)
    db = Database.open(database_path(args))
    try:
        path = write_report(db, args.kind, args.out, options, project=getattr(args, "project", ""),
                            from_year=getattr(args, "from_year", 0), to_year=getattr(args, "to_year", 0),
                            year=getattr(args, "year", 0))
    finally:
        db.close()
    print(tr("Đã ghi {path}.", path=path))
    return 0
