"""Printing for the command line: JSON for scripts, aligned Vietnamese text for people."""
from __future__ import annotations

import json

from ..domain.money import MoneyUnit, format_amount
from ..i18n import tr_label


def print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def money(dong: int, unit: MoneyUnit = MoneyUnit.TRIEU) -> str:
    return f"{format_amount(dong, unit)} {tr_label(unit)}"


def table(rows: list[tuple[str, ...]]) -> str:
    """Rows as text columns; every column but the first right-aligned."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i])
                               for i, cell in enumerate(row)) for row in rows)
