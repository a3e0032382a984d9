"""The fixed vocabularies of khuyến công work: funding levels, money sources, statuses, kinds.

Codes are what files, packages and the command line carry; labels are what officers read.
"""
from __future__ import annotations

from enum import Enum
from functools import lru_cache


class LabelledEnum(str, Enum):
    """A string enum whose members carry a Vietnamese label and accept aliases on parsing."""

    def __new__(cls, code: str, label: str, *aliases: str):
        member = str.__new__(cls, code)
        member._value_ = code
        member.label = label
        member.aliases = aliases
        return member

    @classmethod
    def parse(cls, text: str | None):
        """The member whose code, label or alias matches ``text`` (case, diacritics and spaces ignored)."""
        from .text import fold_key

        if text is None:
            return None
        return _lookup(cls).get(fold_key(text))

    def __str__(self) -> str:
        return self.value


@lru_cache(maxsize=None)
def _lookup(cls) -> dict:
    """Every folded code, label and alias of ``cls``, to its member."""
    from .text import fold_key

    table = {}
    for member in cls:
        for name in (member.value, member.label, *member.aliases):
            table.setdefault(fold_key(name), member)
    return table


class FundingLevel(LabelledEnum):
    """Cấp kinh phí: national (KCQG, central budget) or local (KCĐP, provincial budget)."""

    KCQG = ("KCQG", "KCQG", "Quốc gia", "Trung ương", "NSTW", "Khuyến công quốc gia")
    KCDP = ("KCDP", "KCĐP", "Địa phương", "NSĐP", "NSDP", "Khuyến công địa phương")


class Source(LabelledEnum):
    """Nguồn vốn: where a project's or programme's money comes from."""

    NSTW = ("NSTW", "Ngân sách trung ương", "Trung ương")
    NSDP = ("NSDP", "Ngân sách địa phương", "NSĐP", "Địa phương")
    NSNN = ("NSNN", "Ngân sách nhà nước", "Nhà nước")
    DOI_UNG = ("DOI_UNG", "Vốn đối ứng", "Đối ứng", "Vốn của cơ sở")
    KHAC = ("KHAC", "Nguồn khác", "Khác")

    @property
    def is_state(self) -> bool:
        return self in STATE_SOURCES


STATE_SOURCES = (Source.NSTW, Source.NSDP, Source.NSNN)


class Status(LabelledEnum):
    """Trạng thái đề án, in lifecycle order; the last two are side exits."""

    DE_XUAT = ("DE_XUAT", "Đề xuất")
    DA_THAM_DINH = ("DA_THAM_DINH", "Đã thẩm định")
    DA_PHE_DUYET = ("DA_PHE_DUYET", "Đã phê duyệt")
    DANG_THUC_HIEN = ("DANG_THUC_HIEN", "Đang thực hiện")
    DA_NGHIEM_THU = ("DA_NGHIEM_THU", "Đã nghiệm thu")
    DA_QUYET_TOAN = ("DA_QUYET_TOAN", "Đã quyết toán")
    BI_TU_CHOI = ("BI_TU_CHOI", "Bị từ chối")
    NGUNG = ("NGUNG", "Ngừng thực hiện", "Ngừng")

    @property
    def is_counted(self) -> bool:
        """Whether period summaries sum this project in (approved or later)."""
        return self in COUNTED_STATUSES


COUNTED_STATUSES = (Status.DA_PHE_DUYET, Status.DANG_THUC_HIEN, Status.DA_NGHIEM_THU, Status.DA_QUYET_TOAN)

# Forward steps of the lifecycle; rejection and stopping are allowed from any open state.
_FORWARD = {
    Status.DE_XUAT: (Status.DA_THAM_DINH,),
    Status.DA_THAM_DINH: (Status.DA_PHE_DUYET, Status.DE_XUAT),
    Status.DA_PHE_DUYET: (Status.DANG_THUC_HIEN,),
    Status.DANG_THUC_HIEN: (Status.DA_NGHIEM_THU,),
    Status.DA_NGHIEM_THU: (Status.DA_QUYET_TOAN,),
    Status.DA_QUYET_TOAN: (),
    Status.BI_TU_CHOI: (Status.DE_XUAT,),
    Status.NGUNG: (),
}


def allowed_transitions(status: Status) -> tuple[Status, ...]:
    """The statuses a project in ``status`` may move to next."""
    side_exits: tuple[Status, ...] = ()
    if status in (Status.DE_XUAT, Status.DA_THAM_DINH):
        side_exits = (Status.BI_TU_CHOI,)
    elif status in (Status.DA_PHE_DUYET, Status.DANG_THUC_HIEN):
        side_exits = (Status.NGUNG,)
    return _FORWARD[status] + side_exits


class BeneficiaryKind(LabelledEnum):
    """Loại hình cơ sở CNNT."""

    DN = ("DN", "Doanh nghiệp", "Công ty", "TNHH", "CP", "DNTN")
    HTX = ("HTX", "Hợp tác xã")
    HKD = ("HKD", "Hộ kinh doanh", "Hộ KD", "Hộ")
    THT = ("THT", "Tổ hợp tác")


DEFAULT_ACTIVITIES: tuple[tuple[str, str, str | None], ...] = (
    ("DT", "Đào tạo nghề, truyền nghề", "5"),
    ("QL", "Nâng cao năng lực quản lý cơ sở CNNT", "5"),
    ("MH", "Xây dựng mô hình trình diễn kỹ thuật", "1"),
    ("MM", "Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ", "1"),
    ("SXSH", "Sản xuất sạch hơn", "2"),
    ("MT", "Hệ thống xử lý ô nhiễm môi trường", "2"),
    ("SP", "Bình chọn sản phẩm CNNT tiêu biểu", "3"),
    ("HC", "Hội chợ, triển lãm, phòng trưng bày", "3"),
    ("TH", "Thương hiệu, nhãn hiệu, mẫu mã, bao bì", "3"),
    ("LK", "Liên doanh, liên kết, cụm liên kết ngành, chuỗi giá trị", "4"),
    ("CCN", "Cụm công nghiệp (quy hoạch, hạ tầng)", "4"),
    ("TV", "Tư vấn, trợ giúp cơ sở CNNT", "5"),
    ("TT", "Thông tin, truyền thông", "6"),
    ("NL", "Nâng cao năng lực tổ chức thực hiện khuyến công", "7"),
    ("KN", "Hỗ trợ khởi nghiệp", None),
    ("KHAC", "Khác", None),
)
"""Default activity catalogue (nội dung hoạt động): code, name, QĐ 1881 group. Editable in the database."""
