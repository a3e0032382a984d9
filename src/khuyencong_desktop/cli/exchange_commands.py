"""Exchange commands: export a .kcx package, merge one (with --dry-run and --json)."""
from __future__ import annotations

from pathlib import Path

from ..exchange.merge import MergeResult, merge_package
from ..exchange.package import write_package
from ..i18n import tr
from ..storage.database import Database
from .main import database_path
from .output import print_json


def register(subparsers) -> None:
    p = subparsers.add_parser("exchange", help=tr("gói trao đổi dữ liệu giữa các đơn vị (.kcx)"))
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help=tr("ghi gói trao đổi dữ liệu của tệp này"))
    export.add_argument("--out", required=True, type=Path, help=tr("tệp .kcx cần ghi"))
    export.set_defaults(handler=run_export)
    merge = actions.add_parser("merge", help=tr("nhận một gói trao đổi dữ liệu vào tệp này"))
    merge.add_argument("package", type=Path, help=tr("tệp .kcx nhận được"))
    merge.add_argument("--dry-run", action="store_true", help=tr("chỉ báo cáo, không ghi gì"))
    merge.add_argument("--json", action="store_true")
    merge.set_defaults(handler=run_merge)


def run_export(args) -> int:
    db = Database.open(database_path(args))
    try:
        out = write_package(db, args.out)
    finally:
        db.close()
    print(tr("Đã ghi gói trao đổi dữ liệu {path} ({size} KB).", path=out, size=round(out.stat().st_size / 1024)))
    return 0


def run_merge(args) -> int:
    db = Database.open(database_path(args))
    try:
        result = merge_package(db, args.package, dry_run=args.dry_run)
    finally:
        db.close()
    if args.json:
        print_json(result.as_json())
    else:
        _print_result(result)
    return 0


def _print_result(result: MergeResult) -> None:
    if result.dry_run:
        print(tr("Chạy thử: chưa ghi gì vào tệp."))
    print(tr("Gói của: {office}", office=result.office))
    print(tr("Tạo mới: {created}; cập nhật: {updated}; không đổi: {unchanged}", created=result.created,
             updated=result.updated, unchanged=result.unchanged))
    print(tr("Xung đột cần xem xét: {n}", n=len(result.conflicts)))
    for c in result.conflicts:
        print(f"  {c['entity']} {c['record']}: {c['field']}")
    print(tr("Cơ sở nghi trùng: {n}", n=len(result.duplicates)))
    for d in result.duplicates:
        print(f"  {d['first']} ↔ {d['second']} ({d['reason']})")
    print(tr("Từ chối: {n}", n=len(result.refused)))
    for r in result.refused:
        print(f"  {r.entity} {r.label}: {r.reason}")
    if result.backup:
        print(tr("Bản sao lưu trước khi nhận: {path}", path=result.backup))
