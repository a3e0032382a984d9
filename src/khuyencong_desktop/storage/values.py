"""Column values to and from the JSON text kept in change history and exchange packages."""
from __future__ import annotations

import json
from datetime import date
from enum import Enum

from sqlalchemy import Date
from sqlalchemy import Enum as SAEnum


def to_plain(value: object) -> object:
    """A JSON-ready form of a column value: enums by code, dates in ISO form."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def dump(value: object) -> str:
    return json.dumps(to_plain(value), ensure_ascii=False)


def from_plain(column, value: object) -> object:
    """The Python value for ``column`` (an ORM column) from its plain JSON form."""
    if value is None:
        return None
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    if isinstance(column.type, SAEnum) and column.type.enum_class is not None:
        return column.type.enum_class(value)
    return value


def load(column, text: str | None) -> object:
    return None if text is None else from_plain(column, json.loads(text))
