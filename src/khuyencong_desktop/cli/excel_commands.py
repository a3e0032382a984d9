"""Excel commands: import a workbook, export the file or the empty template."""
from __future__ import annotations

from pathlib import Path

from ..domain.legacy_text import TCVN3
from ..i18n import tr
from ..operations.excel_export import export_template, export_workbook
from ..operations.excel_import import ImportReport, import_workbook
from ..storage.database import Database
from .main import InvalidInput, database_path


def register(subparsers) -> None:
    p = subparsers.add_parser("import", help=tr("nhập dữ liệu từ sổ tính Excel (.xlsx)"))
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--dry-run", action="store_true", help=tr("chỉ kiểm tra và đếm, không ghi gì"))
    p.set_defaults(handler=run_import)

    p = subparsers.add_parser("export", help=tr("xuất chương trình, đề án và cơ sở ra sổ tính Excel"))
    p.add_argument("file", metavar="FILE.xlsx", nargs="?")
    p.add_argument("--template", metavar="FILE.xlsx", help=tr("ghi sổ tính mẫu trống có danh sách chọn và hướng dẫn"))
    p.set_defaults(handler=run_export)


def _rows_text(rows: list[int]) -> str:
    shown = ", ".join(f"R{row}" for row in rows[:20])
    return shown + (tr(" và {n} dòng khác", n=len(rows) - 20) if len(rows) > 20 else "")


def print_report(report: ImportReport) -> None:
    for sheet in report.sheets:
        counts = sheet.counts
        print(tr("Trang «{sheet}» ({rows} dòng): tạo mới {created}, cập nhật {updated}, không đổi {unchanged}",
                 sheet=sheet.sheet, rows=sheet.rows, created=counts.created, updated=counts.updated,
                 unchanged=counts.unchanged))
        if sheet.ignored_columns:
            print("  " + tr("Bỏ qua các cột không dùng: {columns}", columns=", ".join(f"«{c}»" for c in sheet.ignored_columns)))
        if sheet.total_rows:
            print("  " + tr("Dòng tổng không nhập (đã đối chiếu): {rows}", rows=_rows_text(sheet.total_rows)))
        for encoding in sorted(set(sheet.converted_rows.values())):
            rows = [row for row, enc in sheet.converted_rows.items() if enc == encoding]
            name = "TCVN3 (ABC)" if encoding == TCVN3 else encoding
            print("  " + tr("Đã chuyển chữ {encoding} sang Unicode ở các dòng: {rows}", encoding=name, rows=_rows_text(rows)))
    if report.ignored_sheets:
        print(tr("Bỏ qua các trang không nhận ra: {sheets}", sheets=", ".join(f"«{s}»" for s in report.ignored_sheets)))
    for warning in report.warnings:
        print(tr("Lưu ý: {warning}", warning=warning))


def run_import(args) -> int:
    db = Database.open(database_path(args))
    try:
        report = import_workbook(db, Path(args.file), dry_run=args.dry_run)
    finally:
        db.close()
    print_report(report)
    if report.problems:
        raise InvalidInput(report.problems)
    if report.dry_run:
        print(tr("Chạy thử: dữ liệu hợp lệ, không có gì được ghi."))
    else:
        print(tr("Đã nhập xong «{name}».", name=Path(args.file).name))
    return 0


def run_export(args) -> int:
    if bool(args.file) == bool(args.template):
        raise InvalidInput(tr("Hãy cho một tệp: export FILE.xlsx, hoặc export --template FILE.xlsx."))
    path = database_path(args)
    if args.template:
        db = Database.open(path) if path.exists() else None
        try:
            report = export_template(Path(args.template), db)
        finally:
            if db:
                db.close()
        print(tr("Đã ghi sổ tính mẫu «{path}».", path=report.path))
        return 0
    db = Database.open(path)
    try:
        report = export_workbook(db, Path(args.file))
    finally:
        db.close()
    listed = "; ".join(f"{sheet}: {n}" for sheet, n in report.rows.items())
    print(tr("Đã xuất «{path}» ({listed}).", path=report.path, listed=listed))
    return 0
