"""Mã số thuế (MST, tax code): normalising and checking its format.

The tenth digit of a 10-digit code is a check digit, but it is not checked: real registers hold
codes that fail it, and refusing them would only stop officers from entering what is on paper.
"""
from __future__ import annotations

import re
import unicodedata

_VALID = re.compile(r"[0-9]{10}(?:-[0-9]{3})?|[0-9]{12}")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})


def normalise_tax_code(text: str | None) -> str | None:
    """``text`` in NFC without any whitespace, dashes made "-"; None when nothing is left."""
    if text is None:
        return None
    if type(text) is str and _VALID.fullmatch(text):  # nearly every code: already as stored
        return text
    cleaned = "".join(unicodedata.normalize("NFC", str(text)).translate(_DASHES).split())
    return cleaned or None


def tax_code_problem(text: str | None) -> str | None:
    """What is wrong with the tax code ``text``, for the user; None when its format is right or it is empty.

    Right: 10 digits, 10 digits + "-" + 3 digits (a dependent unit), or 12 digits (a personal id).
    """
    if text is None or (type(text) is str and _VALID.fullmatch(text)):  # right as written: nothing to normalise
        return None
    code = normalise_tax_code(text)
    if code is None or _VALID.fullmatch(code):
        return None
    expected = ("cần 10 chữ số, 10 chữ số kèm “-” và 3 chữ số (đơn vị phụ thuộc), "
                "hoặc 12 chữ số (số định danh cá nhân)")
    if code.isascii() and code.isdigit():
        return f"Mã số thuế «{code}» có {len(code)} chữ số; {expected}."
    return f"Mã số thuế «{code}» không đúng định dạng: {expected}."
