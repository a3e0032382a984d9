"""Opening a workbook file, telling every kind of bad file apart with one clear Vietnamese sentence."""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..i18n import tr
from ..storage.errors import StorageError

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .xlsx is an OLE container holding these streams (names stored in UTF-16).
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")


class WorkbookError(StorageError):
    """A workbook that cannot be read or written at all; nothing was imported."""


def open_in_excel(path: Path) -> bool:
    """Whether Excel seems to have ``path`` open: its owner file "~$name.xlsx" lies beside it.

    Excel names it "~$" + the file name, or for longer names "~$" + the name without its first two
    characters, so both are looked for.
    """
    return any(path.with_name("~$" + name).exists() for name in (path.name, path.name[2:]))


def locked_error(path: Path) -> WorkbookError:
    if open_in_excel(path):
        return WorkbookError(tr("Tệp «{name}» đang được mở trong Excel. Hãy đóng tệp trong Excel rồi thử lại.",
                                name=path.name))
    return WorkbookError(tr("Không mở được tệp «{name}»: tệp đang bị một chương trình khác khóa hoặc không có quyền truy cập.",
                            name=path.name))


def check_readable(path: Path) -> None:
    """Raise a WorkbookError naming what is wrong when ``path`` is not an .xlsx workbook we can read."""
    if not path.exists():
        raise WorkbookError(tr("Không tìm thấy tệp «{path}».", path=path))
    if path.is_dir():
        raise WorkbookError(tr("«{path}» là một thư mục, không phải tệp Excel.", path=path))
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            body = handle.read() if head == OLE_MAGIC else b""
    except PermissionError:
        raise locked_error(path) from None
    if head == OLE_MAGIC:
        if _ENCRYPTION_STREAM in body:
            raise WorkbookError(tr("Tệp «{name}» được đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu "
                                   "(Tệp > Thông tin > Bảo vệ sổ làm việc) rồi lưu lại.", name=path.name))
        raise WorkbookError(tr("Tệp «{name}» là định dạng Excel cũ (.xls). Hãy mở bằng Excel và lưu thành "
                               "Sổ làm việc Excel (.xlsx) rồi nhập lại.", name=path.name))
    if head[:4] != ZIP_MAGIC or not _is_xlsx_zip(path):
        raise WorkbookError(tr("Tệp «{name}» không phải là sổ tính Excel (.xlsx).", name=path.name))


def _is_xlsx_zip(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def damaged_error(path: Path, exc: Exception) -> WorkbookError:
    return WorkbookError(tr("Tệp «{name}» bị hỏng, Excel không đọc được ({error}).", name=path.name,
                            error=type(exc).__name__))


def load_for_reading(path: Path):
    """The workbook at ``path`` opened for streaming its cell values (a :class:`reader.StreamedWorkbook`)."""
    from .reader import StreamedWorkbook

    check_readable(path)
    try:
        return StreamedWorkbook(path)
    except PermissionError:
        raise locked_error(path) from None


def save_workbook(workbook, path: Path) -> None:
    """Save ``workbook`` to ``path``, saying so clearly when Excel holds the file open.

    The workbook is written beside the target first and put in its place when complete, so a
    failure never leaves a half-written workbook, and a file Excel holds open is left as it was.
    """
    partial = path.with_name(path.name + ".partial")
    try:
        workbook.save(partial)
        partial.replace(path)
    except PermissionError:
        raise locked_error(path) from None
    except OSError as exc:
        raise WorkbookError(tr("Không ghi được tệp «{name}»: {error}", name=path.name, error=exc.strerror or exc)) from exc
    finally:
        partial.unlink(missing_ok=True)
