"""What a merge reports in an officer's words (báo cáo nhận gói): records by code and name, conflicts with their values.

The facts (record titles, the competing values and who wrote them) are gathered inside the
merge's transaction, so a dry run can report them too; the lines are written here once, for the
command line and the window alike.
"""
from __future__ import annotations

import json
import sqlite3

from ..domain.money import MoneyUnit
from ..i18n import tr
from ..operations.field_labels import field_labels, format_plain
from ..storage.exchange_models import DELETION
from .decisions import COLUMNS as DECISION_COLUMNS
from .decisions import KEEPING, SURVIVOR, current


def _value(raw: sqlite3.Connection, sql: str, param) -> object:
    row = raw.execute(sql, (param,)).fetchone()
    return row[0] if row else None


def record_title(raw: sqlite3.Connection, table: str, row: dict) -> str:
    """A record as an officer names it: code and name, or what it belongs to (a link: project code and cơ sở)."""
    code, name = row.get("code"), row.get("name")
    if table == "project_beneficiary":
        project = _value(raw, "SELECT code FROM project WHERE id = ?", row.get("project_id"))
        beneficiary = _value(raw, "SELECT name FROM beneficiary WHERE id = ?", row.get("beneficiary_id"))
        return f"{project or '?'} – «{beneficiary or '?'}»"
    if table in ("plan_line", "target"):
        programme = _value(raw, "SELECT code FROM programme WHERE id = ?", row.get("programme_id")) or "?"
        detail = (row.get("year"), row.get("source")) if table == "plan_line" else (row.get("activity_code"),)
        return ", ".join(str(part) for part in (programme, *detail) if part is not None)
    if table == "support_norm":
        return ", ".join(str(row[k]) for k in ("activity_code", "level", "province") if row.get(k))
    if code and name:
        return f"{code} «{name}»"
    if name:
        return f"«{name}»" + (f" ({tr('MST')} {row['tax_code']})" if row.get("tax_code") else "")
    return str(code or row["id"])


def record_name(entity: str, title: str) -> str:
    """One record in words: its kind, in the singular, then its title (Đề án LS-QG-2020-01 «…»)."""
    names = {"office": tr("Đơn vị {title}", title=title), "activity": tr("Nội dung hoạt động {title}", title=title),
             "support_norm": tr("Định mức hỗ trợ {title}", title=title),
             "programme": tr("Chương trình {title}", title=title), "plan_line": tr("Kế hoạch vốn {title}", title=title),
             "target": tr("Chỉ tiêu {title}", title=title), "beneficiary": tr("Cơ sở thụ hưởng {title}", title=title),
             "project": tr("Đề án {title}", title=title),
             "project_beneficiary": tr("Cơ sở thụ hưởng của đề án {title}", title=title)}
    return names.get(entity, f"{entity} {title}")


def title_of(raw: sqlite3.Connection, table: str, record_id: str) -> str:
    """:func:`record_title` of a record this file holds."""
    cursor = raw.execute(f"SELECT * FROM {table} WHERE id = ?", (record_id,))
    found = cursor.fetchone()
    return record_title(raw, table, dict(zip([d[0] for d in cursor.description], found))) if found else record_id


def pair_title(names) -> str:
    """Two duplicate cơ sở of a survivor conflict, by the names its options keep (oldest decision first)."""
    return " / ".join(f"«{name}»" for name in names)


def _office_names(raw: sqlite3.Connection) -> dict[str, str]:
    return dict(raw.execute("SELECT id, name FROM office").fetchall())


def describe_conflicts(raw: sqlite3.Connection, conflicts: list[dict]) -> None:
    """Add ``options`` (each competing value: value, field, office, actor, at) to every conflict of a merge."""
    offices = _office_names(raw)
    for conflict in conflicts:
        if conflict["field"] == SURVIVOR:
            conflict["options"] = _survivor_options(raw, conflict, offices)
            conflict["title"] = pair_title(option["value"] for option in conflict["options"])
            continue
        heads = conflict["heads"]
        rows = raw.execute(f"SELECT id, op, field, new_value, office_id, actor, at FROM change_log "
                           f"WHERE id IN ({', '.join('?' * len(heads))}) ORDER BY at, id", heads).fetchall()
        conflict["options"] = [{"entry_id": r[0], "op": r[1], "field": r[2],
                                "value": json.loads(r[3]) if r[3] else None,
                                "office": offices.get(r[4], r[4] or ""), "actor": r[5], "at": r[6]} for r in rows]


def _survivor_options(raw: sqlite3.Connection, conflict: dict, offices: dict[str, str]) -> list[dict]:
    pair = sorted(conflict["heads"])
    names = dict(raw.execute("SELECT id, name FROM beneficiary WHERE id IN (?, ?)", pair).fetchall())
    rows = raw.execute(f"SELECT {', '.join(DECISION_COLUMNS)} FROM duplicate_decision WHERE first_id = ? "
                       "AND second_id = ?", pair).fetchall()
    options = [{"entry_id": r[5], "op": "link", "field": None, "value": names.get(r[5], r[5]),
                "office": offices.get(r[2], r[2]), "actor": "", "at": r[6]}
               for r in current(rows) if r[4] in KEEPING and r[5]]
    return sorted(options, key=lambda option: (option["at"], option["entry_id"]))


def _who(option: dict) -> str:
    return ", ".join(part for part in (option["office"], option["actor"]) if part)


def conflict_line(conflict: dict, unit: MoneyUnit = MoneyUnit.DONG) -> str:
    """One conflict in words: the record, what collided, both values and who wrote them, the value shown."""
    record = record_name(conflict["entity"], conflict.get("title") or conflict["record"])
    options = conflict.get("options", [])
    if conflict["field"] == SURVIVOR:
        kept = "; ".join(tr("giữ «{name}» ({who})", name=o["value"], who=_who(o)) for o in options)
        shown = next((o["value"] for o in options if o["entry_id"] == conflict["shown_entry_id"]), "")
        return tr("{record}: hai đơn vị cùng gộp hai cơ sở trùng nhưng giữ lại cơ sở khác nhau — {kept}. "
                  "Đang giữ «{shown}» cho tới khi cán bộ chọn.", record=record, kept=kept, shown=shown)
    labels = field_labels()

    def value(option: dict) -> str:
        if option["op"] == "delete":
            return tr("xóa bản ghi")
        if option["op"] == "restore":
            return tr("khôi phục bản ghi")
        shown_value = format_plain(conflict["entity"], option["field"], option["value"], unit) or tr("(trống)")
        if conflict["field"] == DELETION:
            return tr("sửa «{field}» thành «{value}»", field=labels.get(option["field"], option["field"]),
                      value=shown_value)
        return f"«{shown_value}»"

    values = "; ".join(f"{value(o)} ({_who(o)})" if _who(o) else value(o) for o in options)
    shown_option = next((o for o in options if o["entry_id"] == conflict["shown_entry_id"]), None)
    if conflict["field"] == DELETION:
        state = tr("đã xóa") if shown_option and shown_option["op"] == "delete" else tr("còn dùng")
        return tr("{record}: bản ghi bị xóa ở một nơi trong khi nơi khác sửa — {values}. "
                  "Hiện bản ghi {state}.", record=record, values=values, state=state)
    shown = value(shown_option) if shown_option else ""
    return tr("{record}, trường «{field}»: hai đơn vị sửa khác nhau — {values}. Đang hiển thị: {shown}.",
              record=record, field=labels.get(conflict["field"], conflict["field"]), values=values, shown=shown)


def duplicate_line(duplicate: dict) -> str:
    """A suspected pair: both names and why they look like one cơ sở."""
    reason = (tr("cùng mã số thuế {tax_code}", tax_code=duplicate["tax_code"]) if duplicate["reason"] == "tax_code"
              else tr("cùng tên và xã"))
    return f"«{duplicate['first']}» ↔ «{duplicate['second']}» ({reason})"


def refusal_line(refusal) -> str:
    """A record or edit not taken: the record, the field if one, and why."""
    record = record_name(refusal.entity, refusal.title or refusal.label)
    if refusal.field:
        field = field_labels().get(refusal.field, refusal.field)
        return tr("{record}, trường «{field}»: {reason}", record=record, field=field, reason=refusal.reason)
    return tr("{record}: {reason}", record=record, reason=refusal.reason)


def joined_line(joined: dict) -> str:
    return tr("{record}: giữ một liên kết, cộng phần hỗ trợ của {n} liên kết trùng vào đó",
              record=record_name(joined["entity"], joined.get("title", joined["kept"])), n=len(joined["removed"]))
