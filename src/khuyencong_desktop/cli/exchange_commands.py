"""Exchange commands: export a .kcx package, merge one, and act on suspected duplicate beneficiaries."""
from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

from ..exchange.duplicate_actions import MIN_PREFIX, DuplicateActionError, dismiss, link, list_duplicates
from ..exchange.merge import MergeResult, merge_package
from ..exchange.package import write_package
from ..exchange.report import conflict_line, duplicate_line, joined_line, refusal_line
from ..i18n import tr
from ..storage.database import Database
from .main import InvalidInput, database_path
from .output import print_json


def _about() -> str:
    """The exchange command's description: what a merge does, conflicts, joined links and duplicates."""
    paragraphs = [
        tr("Trao đổi dữ liệu giữa các đơn vị bằng gói .kcx (gửi qua email hoặc USB), không cần máy chủ."),
        tr("- merge nhận gói trong một giao dịch, sao lưu tệp trước; nhận lại cùng gói không đổi gì. In ra: tạo mới, "
           "cập nhật, không đổi, liên kết gộp làm một, xung đột, cơ sở nghi trùng, từ chối (kèm lý do)."),
        tr("- Xung đột: hai đơn vị sửa khác nhau cùng một trường, hoặc một nơi xóa khi nơi kia sửa. Cả hai giá trị "
           "được giữ, giá trị sửa sau được hiển thị; cán bộ chọn một hoặc gõ giá trị mới trong cửa sổ (Tệp → "
           "Trao đổi dữ liệu → Xung đột cần xem xét…). Lựa chọn là một lần sửa, đi theo gói tới các đơn vị khác."),
        tr("- Liên kết gộp làm một: hai đơn vị cùng liên kết một đề án với một cơ sở; giữ một liên kết, cộng phần "
           "hỗ trợ của cả hai."),
        tr("- Cơ sở nghi trùng (cùng MST, hoặc cùng tên và xã): xem bằng duplicates, rồi link (gộp, giữ một) hoặc "
           "dismiss (không phải trùng). Quyết định đi theo gói: đơn vị khác không phải hỏi lại."),
    ]
    return "\n".join(textwrap.fill(text, width=100, subsequent_indent="  ") for text in paragraphs)


def register(subparsers) -> None:
    p = subparsers.add_parser("exchange", help=tr("gói trao đổi dữ liệu giữa các đơn vị (.kcx)"),
                              description=_about(), formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help=tr("ghi gói trao đổi dữ liệu của tệp này"))
    export.add_argument("--out", required=True, type=Path, help=tr("tệp .kcx cần ghi"))
    export.set_defaults(handler=run_export)
    merge = actions.add_parser("merge", help=tr("nhận một gói trao đổi dữ liệu vào tệp này"))
    merge.add_argument("package", type=Path, help=tr("tệp .kcx nhận được"))
    merge.add_argument("--dry-run", action="store_true", help=tr("chỉ báo cáo, không ghi gì"))
    merge.add_argument("--json", action="store_true")
    merge.set_defaults(handler=run_merge)
    duplicates = actions.add_parser("duplicates", help=tr("liệt kê các cặp cơ sở nghi trùng chưa xử lý"))
    duplicates.add_argument("--json", action="store_true")
    duplicates.set_defaults(handler=run_duplicates)
    link_parser = actions.add_parser("link", help=tr("gộp hai cơ sở là một: giữ ID_KEEP, xóa ID_OTHER"))
    link_parser.add_argument("keep", metavar="ID_KEEP", help=tr("mã cơ sở được giữ lại (ít nhất 8 ký tự đầu, "
                                                                 "như exchange duplicates in ra)"))
    link_parser.add_argument("other", metavar="ID_OTHER", help=tr("mã cơ sở gộp vào rồi xóa"))
    link_parser.set_defaults(handler=run_link)
    dismiss_parser = actions.add_parser("dismiss", help=tr("ghi nhận hai cơ sở nghi trùng là khác nhau"))
    dismiss_parser.add_argument("first", metavar="ID_A", help=tr("mã một cơ sở của cặp nghi trùng"))
    dismiss_parser.add_argument("second", metavar="ID_B", help=tr("mã cơ sở kia"))
    dismiss_parser.set_defaults(handler=run_dismiss)


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
    print(tr("Liên kết đề án – cơ sở trùng nhau được gộp làm một (cộng phần hỗ trợ): {n}", n=len(result.joined)))
    for joined in result.joined:
        print(f"  {joined_line(joined)}")
    print(tr("Xung đột cần xem xét: {n}", n=len(result.conflicts)))
    for conflict in result.conflicts:
        print(f"  {conflict_line(conflict)}")
    print(tr("Cơ sở nghi trùng: {n}", n=len(result.duplicates)))
    for duplicate in result.duplicates:
        print(f"  {duplicate_line(duplicate)}")
    print(tr("Từ chối: {n}", n=len(result.refused)))
    for refusal in result.refused:
        print(f"  {refusal_line(refusal)}")
    if result.conflicts:
        print(tr("Giải quyết xung đột trong cửa sổ: Tệp → Trao đổi dữ liệu → Xung đột cần xem xét…"))
    if result.duplicates:
        print(tr("Xem và xử lý cơ sở nghi trùng: khuyencong exchange duplicates, rồi exchange link hoặc "
                 "exchange dismiss."))
    if result.backup:
        print(tr("Bản sao lưu trước khi nhận: {path}", path=result.backup))


def run_duplicates(args) -> int:
    db = Database.open(database_path(args))
    try:
        pairs = list_duplicates(db)
    finally:
        db.close()
    if args.json:
        print_json([pair.as_json() for pair in pairs])
        return 0
    print(tr("Cơ sở nghi trùng: {n}", n=len(pairs)))
    for pair in pairs:
        print(f"  [{pair.reason_label}]")
        for side in (pair.first, pair.second):
            print(f"    {side.id[:MIN_PREFIX]}  {side.values['name']}  {side.values['tax_code'] or ''}  "
                  f"{side.values['commune']}  ({side.office}; {tr('{n} đề án', n=len(side.projects))})")
    return 0


def _acting(action, args, *ids):
    db = Database.open(database_path(args))
    try:
        return action(db, *ids)
    except DuplicateActionError as exc:
        raise InvalidInput(exc.problems) from exc
    finally:
        db.close()


def run_link(args) -> int:
    result = _acting(link, args, args.keep, args.other)
    print(tr("Đã gộp «{removed}» vào «{kept}»: chuyển {moved} liên kết đề án; bổ sung {filled} trường còn trống.",
             removed=result.removed, kept=result.kept, moved=result.moved_links, filled=len(result.filled)))
    return 0


def run_dismiss(args) -> int:
    _acting(dismiss, args, args.first, args.second)
    print(tr("Đã ghi nhận: hai cơ sở này không phải trùng; lần nhận gói sau sẽ không báo lại."))
    return 0
