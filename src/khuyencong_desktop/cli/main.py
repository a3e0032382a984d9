"""Argument parsing, the database option, languages and exit codes shared by every command."""
from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
import traceback
from pathlib import Path

from .. import __version__, i18n
from ..i18n import tr
from ..paths import default_database_path
from ..storage.errors import StorageError

EXIT_OK, EXIT_FAILURE, EXIT_INVALID = 0, 1, 2
COMMAND_MODULES = ("core_commands", "excel_commands", "exchange_commands", "report_commands")
"""Modules in this package that add subcommands with ``register(subparsers)``."""


class InvalidInput(Exception):
    """Input that cannot be used: nothing was written; every problem is listed."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class Failure(Exception):
    """A clear one-line reason the command could not be done."""


_ARGPARSE_MESSAGES = (
    (r"the following arguments are required: (?P<names>.+)",
     lambda m: tr("thiếu tham số bắt buộc: {names}.", names=m["names"])),
    (r"argument (?P<arg>\S+): invalid int value: (?P<value>.+)",
     lambda m: tr("{argument}: «{value}» không phải số nguyên.", argument=m["arg"], value=m["value"][1:-1])),
    (r"argument (?P<arg>\S+): invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)",
     lambda m: tr("{argument}: «{value}» không phải lựa chọn hợp lệ (chọn một trong: {choices}).",
                  argument=m["arg"], value=m["value"][1:-1], choices=m["choices"].replace("'", ""))),
    (r"argument (?P<arg>\S+): invalid \S+ value: (?P<value>.+)",
     lambda m: tr("{argument}: giá trị «{value}» không hợp lệ.", argument=m["arg"], value=m["value"][1:-1])),
    (r"argument (?P<arg>\S+): expected (?:one|at least one) argument",
     lambda m: tr("{argument}: thiếu giá trị.", argument=m["arg"])),
    (r"unrecognized arguments: (?P<names>.+)", lambda m: tr("tham số không nhận ra: {names}.", names=m["names"])),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)",
     lambda m: tr("tùy chọn {option} không rõ, có thể là: {matches}.", option=m["option"], matches=m["matches"])),
)
"""argparse's refusals (always English) and their messages in the user's language; others pass unchanged."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose refusals read like every other invalid input: listed, exit 2."""

    def error(self, message: str):
        for pattern, translate in _ARGPARSE_MESSAGES:
            match = re.fullmatch(pattern, message)
            if match:
                message = translate(match)
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, tr("Dữ liệu không hợp lệ, không có gì được ghi:") + f"\n  {message}\n")


def database_path(args) -> Path:
    return Path(args.db or os.environ.get("KHUYENCONG_DB") or default_database_path())


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="khuyencong", description=tr("KhuyenCong: quản lý chương trình và đề án khuyến công."))
    parser.add_argument("--db", help=tr("tệp cơ sở dữ liệu SQLite (mặc định: tệp trong thư mục dữ liệu người dùng)"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default="vi", help=tr("ngôn ngữ thông báo"))
    parser.add_argument("--debug", action="store_true", help=tr("in chi tiết lỗi"))
    parser.add_argument("--version", action="version", version=f"KhuyenCong {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__package__}.{name}").register(subparsers)
    return parser


def _pre_language(argv: list[str]) -> None:
    """Set the language before the parser's own help texts are built."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in i18n.LANGUAGES:
            i18n.set_language(argv[i + 1])
        elif arg.startswith("--lang=") and arg.split("=", 1)[1] in i18n.LANGUAGES:
            i18n.set_language(arg.split("=", 1)[1])


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    _pre_language(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    i18n.set_language(args.lang)
    try:
        code = args.handler(args) or EXIT_OK
        sys.stdout.flush()  # inside the try: a reader that went away is seen here, not at exit
        return code
    except InvalidInput as exc:
        print(tr("Dữ liệu không hợp lệ, không có gì được ghi:"), file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_INVALID
    except (StorageError, Failure, LookupError) as exc:
        print(getattr(exc, "message", None) or (exc.args[0] if exc.args else str(exc)), file=sys.stderr)
        if args.debug:
            traceback.print_exc()
        return EXIT_FAILURE
    except BrokenPipeError:
        # The reader of our output went away (``khuyencong summary | head``): nothing left to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print(tr("Đã dừng theo yêu cầu; không có gì được ghi."), file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:  # noqa: BLE001 - the one place a bug becomes a one-line message
        print(tr("Lỗi không mong đợi: {error}. Chạy lại với --debug để xem chi tiết.", error=exc), file=sys.stderr)
        if args.debug:
            traceback.print_exc()
        return EXIT_FAILURE
