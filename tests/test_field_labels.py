"""Field names and values as an officer reads them, in Vietnamese and in English (history, conflicts, reports)."""
from __future__ import annotations

import json

from khuyencong_desktop import i18n
from khuyencong_desktop.domain.codes import Status
from khuyencong_desktop.domain.money import MoneyUnit
from khuyencong_desktop.exchange.report import conflict_line
from khuyencong_desktop.operations.field_labels import format_plain, format_value, snapshot_fields

SNAPSHOT = json.dumps({"code": "LC-2021-05", "name": "Hỗ trợ HTX chè Tam Đường", "year": 2021,
                       "status": "DANG_THUC_HIEN", "programme_id": "0b7c3a3e-8f61-4c3c-9a53-0d3f1b0e7a11",
                       "approved_nstw": 0, "approved_nsdp": 250_000_000, "settled_nsdp": None, "notes": "",
                       "unlocked": False, "jobs": 0}, ensure_ascii=False)


def test_money_is_shown_in_the_chosen_unit_with_its_name():
    assert format_value("approved_nsdp", 250_000_000, MoneyUnit.TRIEU) == "250 triệu đồng"
    assert format_value("share", 1_500_000, MoneyUnit.NGHIN) == "1.500 nghìn đồng"


def test_in_english_the_unit_and_the_status_are_english():
    i18n.set_language("en")
    assert format_value("approved_nsdp", 250_000_000, MoneyUnit.TRIEU) == "250 million đồng"
    assert format_value("total", 2_000_000_000, MoneyUnit.TY) == "2 billion đồng"
    assert format_value("status", Status.DANG_THUC_HIEN, MoneyUnit.TRIEU) == "In progress"
    assert format_plain("project", "approved_counterpart", 923_210_000, MoneyUnit.TRIEU) == "923,21 million đồng"


def test_a_conflict_line_in_english_names_the_unit_in_english():
    i18n.set_language("en")
    conflict = {"entity": "project", "code": "LS-QG-2020-01", "title": "Trình diễn kỹ thuật", "field": "approved_nsdp",
                "shown_entry_id": 2,
                "options": [{"entry_id": 1, "op": "update", "field": "approved_nsdp", "value": 100_000_000,
                             "office": "Tỉnh", "actor": ""},
                            {"entry_id": 2, "op": "update", "field": "approved_nsdp", "value": 120_000_000,
                             "office": "Huyện", "actor": ""}]}
    line = conflict_line(conflict, MoneyUnit.TRIEU)
    assert "100 million đồng" in line and "120 million đồng" in line and "triệu" not in line


def test_a_created_records_snapshot_lists_its_filled_in_fields_by_name():
    assert snapshot_fields("project", SNAPSHOT, MoneyUnit.TRIEU) == [
        ("Mã", "LC-2021-05"), ("Tên", "Hỗ trợ HTX chè Tam Đường"), ("Năm", "2021"), ("Trạng thái", "Đang thực hiện"),
        ("NSĐP phê duyệt", "250 triệu đồng"), ("Lao động, việc làm", "0")]


def test_an_empty_or_missing_snapshot_lists_nothing():
    assert snapshot_fields("project", None, MoneyUnit.TRIEU) == []
    assert snapshot_fields("project_beneficiary", '{"project_id": null, "beneficiary_id": null, "share": null}',
                           MoneyUnit.TRIEU) == []
