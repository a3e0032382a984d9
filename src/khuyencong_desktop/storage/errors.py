"""Known storage failures, each with a clear message for the officer; anything else is a bug."""
from __future__ import annotations

from ..i18n import tr


class StorageError(Exception):
    """A failure the user can understand and act on; nothing was written."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotOurFile(StorageError):
    def __init__(self, path):
        super().__init__(tr("Tệp «{path}» không phải là cơ sở dữ liệu KhuyenCong.", path=path))


class NewerSchema(StorageError):
    def __init__(self, path):
        super().__init__(tr("Tệp «{path}» được tạo bởi phiên bản KhuyenCong mới hơn. "
                            "Hãy cập nhật ứng dụng để mở tệp này.", path=path))


class DamagedFile(StorageError):
    def __init__(self, path, detail: str = ""):
        super().__init__(tr("Tệp «{path}» bị hỏng và không đọc được. Hãy dùng bản sao lưu gần nhất.", path=path)
                         + (f" ({detail})" if detail else ""))


class FileMissing(StorageError):
    def __init__(self, path):
        super().__init__(tr("Không tìm thấy tệp «{path}». Hãy tạo tệp mới bằng lệnh init.", path=path))


class DatabaseLocked(StorageError):
    def __init__(self, path):
        super().__init__(tr("Tệp «{path}» đang được một chương trình khác ghi. Hãy đóng chương trình đó rồi thử lại.",
                            path=path))


class ReadOnlyFile(StorageError):
    def __init__(self, path):
        super().__init__(tr("Không ghi được vào «{path}»: tệp hoặc ổ đĩa chỉ cho phép đọc.", path=path))


class DiskFull(StorageError):
    def __init__(self, path):
        super().__init__(tr("Ổ đĩa chứa «{path}» đã đầy. Hãy giải phóng dung lượng rồi thử lại.", path=path))


class RecordLocked(StorageError):
    """Editing a settled project without an explicit unlock."""
