"""How a stored field reads to an officer: its Vietnamese name and its value formatted (history, conflicts)."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from enum import Enum

from sqlalchemy import inspect

from ..domain.codes import LabelledEnum
from ..domain.dates import format_date
from ..domain.money import MoneyUnit, format_amount
from ..i18n import tr, tr_label
from ..storage.exchange_models import DELETION
from ..storage.models import MODEL_BY_TABLE
from ..storage.values import from_plain

MONEY_FIELDS = frozenset({"total", "amount", "share", "max_amount"} | {
    f"{prefix}_{source}" for prefix in ("approved", "settled")
    for source in ("nstw", "nsdp", "nsnn", "counterpart", "other")})
"""Fields holding whole đồng, shown in the officer's chosen unit."""
LINK_FIELDS = frozenset({"programme_id", "project_id", "beneficiary_id"})
"""Fields holding another record's id: a snapshot leaves them out (an id means nothing to an officer)."""


def field_labels() -> dict[str, str]:
    """Vietnamese names of the fields officers see (in the current language)."""
    return {
        "code": tr("Mã"), "name": tr("Tên"), "year": tr("Năm"), "level": tr("Cấp kinh phí"),
        "activity_code": tr("Nội dung hoạt động"), "status": tr("Trạng thái"), "programme_id": tr("Chương trình"),
        "place": tr("Địa bàn"), "commune": tr("Xã/phường"), "district": tr("Huyện (trước 1/7/2025)"),
        "province": tr("Tỉnh"), "jobs": tr("Lao động, việc làm"), "notes": tr("Ghi chú nội bộ"),
        "remarks": tr("Ghi chú trên báo cáo"), "unlocked": tr("Mở khóa"),
        "norm_ack_reason": tr("Lý do chấp nhận vượt định mức"),
        "approved_nstw": tr("NSTW phê duyệt"), "approved_nsdp": tr("NSĐP phê duyệt"),
        "approved_nsnn": tr("NSNN phê duyệt"), "approved_counterpart": tr("Vốn đối ứng phê duyệt"),
        "approved_other": tr("Nguồn khác phê duyệt"), "settled_nstw": tr("NSTW quyết toán"),
        "settled_nsdp": tr("NSĐP quyết toán"), "settled_nsnn": tr("NSNN quyết toán"),
        "settled_counterpart": tr("Vốn đối ứng quyết toán"), "settled_other": tr("Nguồn khác quyết toán"),
        "tax_code": tr("Mã số thuế"), "kind": tr("Loại hình"), "representative": tr("Người đại diện"),
        "employees": tr("Số lao động"), "trade": tr("Ngành nghề"), "total": tr("Tổng kinh phí"),
        "from_year": tr("Từ năm"), "to_year": tr("Đến năm"), "amount": tr("Kinh phí"), "source": tr("Nguồn"),
        "share": tr("Phần hỗ trợ"), "beneficiary_id": tr("Cơ sở thụ hưởng"), "planned": tr("Chỉ tiêu kế hoạch"),
        "phone": tr("Điện thoại"), "address": tr("Địa chỉ"), "implementing_unit": tr("Đơn vị thực hiện"),
        "sector": tr("Ngành, lĩnh vực"), "approval_round": tr("Đợt phê duyệt"),
        "participations": tr("Lượt cơ sở tham gia"), "events": tr("Số kỳ hội chợ, sự kiện"),
        "capacity": tr("Công suất"), "outputs": tr("Sản phẩm đầu ra"), "necessity": tr("Sự cần thiết"),
        "objectives": tr("Mục tiêu"), "content": tr("Nội dung đề án"), "schedule": tr("Tiến độ"),
        "expected_results": tr("Kết quả dự kiến"), "start_date": tr("Ngày bắt đầu"), "end_date": tr("Ngày kết thúc"),
        "approval_decision_no": tr("Số quyết định phê duyệt"), "approval_date": tr("Ngày phê duyệt"),
        "acceptance_decision_no": tr("Số quyết định nghiệm thu"), "acceptance_date": tr("Ngày nghiệm thu"),
        "settlement_decision_no": tr("Số quyết định quyết toán"), "settlement_date": tr("Ngày quyết toán"),
        "decision_no": tr("Số quyết định"), "decision_date": tr("Ngày quyết định"), "description": tr("Mô tả"),
        "unit": tr("Đơn vị tính"), "achieved_manual": tr("Số đạt (nhập tay)"), "max_amount": tr("Mức tối đa"),
        "max_share_percent": tr("Tỷ lệ tối đa (%)"), "legal_basis": tr("Căn cứ pháp lý"),
        DELETION: tr("Đã xóa / còn dùng"),
    }


def format_value(field: str | None, value, unit: MoneyUnit) -> str:
    """A column value (money in whole đồng, enums, dates) as the officer reads it."""
    if value is None:
        return ""
    if field in MONEY_FIELDS and isinstance(value, int):
        return f"{format_amount(value, unit)} {tr_label(unit)}"
    if isinstance(value, LabelledEnum):
        return tr_label(value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return tr("có") if value else tr("không")
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def format_plain(entity: str, field: str, value, unit: MoneyUnit) -> str:
    """A value in the plain form history and packages keep (enum codes, ISO dates), formatted."""
    columns = inspect(MODEL_BY_TABLE[entity]).columns
    if field in columns and value is not None:
        try:
            value = from_plain(columns[field], value)
        except ValueError:
            pass  # a code this version does not know: show it as it was written
    return format_value(field, value, unit)


def snapshot_fields(entity: str, snapshot: str | dict | None, unit: MoneyUnit) -> list[tuple[str, str]]:
    """What a created record held (the snapshot of a history "create" entry), as (name, value) pairs.

    Only the fields an officer knows by name, in the record's order, and only those filled in: no empty
    text, no zero amount, no unset flag.
    """
    values = json.loads(snapshot) if isinstance(snapshot, str) else snapshot or {}
    labels = field_labels()
    return [(labels[field], format_plain(entity, field, value, unit)) for field, value in values.items()
            if field in labels and field not in LINK_FIELDS and value is not None and value != "" and value is not False
            and not (field in MONEY_FIELDS and value == 0)]


def format_when(at: str) -> str:
    """A stored UTC timestamp in the computer's local time, dd/mm/yyyy hh:mm."""
    moment = datetime.strptime(at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc).astimezone()
    return moment.strftime("%d/%m/%Y %H:%M")
