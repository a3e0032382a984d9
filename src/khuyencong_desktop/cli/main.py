"""Argument parsing, the database option, languages and exit codes shared by every command."""
from __future__ import annotations

import argparse
import importlib
import os
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


def database_path(args) -> Path:
    return Path(args.db or os.environ.get("KHUYENCONG_DB") or default_database_path())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="khuyencong", description=tr("KhuyenCong: quản lý chương trình và đề án khuyến công."))
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
        return args.handler(args) or EXIT_OK
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
    except KeyboardInterrupt:
        print(tr("Đã dừng theo yêu cầu; không có gì được ghi."), file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:  # noqa: BLE001 - the one place a bug becomes a one-line message
        print(tr("Lỗi không mong đợi: {error}. Chạy lại với --debug để xem chi tiết.", error=exc), file=sys.stderr)
        if args.debug:
            traceback.print_exc()
        return EXIT_FAILURE
