"""The letterhead and signatures of a document, from the office's settings with per-document overrides."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from khuyencong_desktop.reports.blocks import Letterhead, document_number

DEFAULT_SUFFIX = "TTKC"
"""Ký hiệu cơ quan when the office has not set one."""


class OfficeSettings(Protocol):
    """What a letterhead reads from the office record (đơn vị): ``storage.models.Office``."""

    name: str
    parent_body: str
    province: str
    place_name: str
    number_suffix: str
    head_capacity: str
    head_position: str
    head_name: str
    preparer_name: str
    accountant_name: str
    recipients: str


@dataclass(frozen=True)
class DocumentOptions:
    """What an officer may change for one document (số, ngày, người ký, nơi nhận).

    None keeps the office's setting; ``number`` None leaves the number blank to fill in by hand,
    ``day`` None is today.
    """

    number: int | None = None
    day: date | None = None
    signer_capacity: str | None = None
    signer_position: str | None = None
    signer_name: str | None = None
    recipients: Sequence[str] | None = None


def recipient_lines(text: str) -> list[str]:
    """The office's nơi nhận, one entry per non-empty line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def letterhead_from_office(office: OfficeSettings, kind: str, options: DocumentOptions = DocumentOptions(),
                           *, with_accounts: bool = False) -> Letterhead:
    """The letterhead of a document of type ``kind`` (BC, ĐA, DM …) issued by ``office``.

    ``with_accounts`` adds the NGƯỜI LẬP BIỂU and KẾ TOÁN signatures beside the head's.
    """
    def pick(override: str | None, setting: str) -> str:
        return setting if override is None else override

    return Letterhead(
        parent_body=office.parent_body,
        issuing_body=office.name,
        number_text=document_number(options.number, kind, office.number_suffix or DEFAULT_SUFFIX),
        place=office.place_name or office.province,
        date=options.day or date.today(),
        signer_capacity=pick(options.signer_capacity, office.head_capacity),
        signer_position=pick(options.signer_position, office.head_position),
        signer_name=pick(options.signer_name, office.head_name),
        recipients=list(options.recipients) if options.recipients is not None
        else recipient_lines(office.recipients),
        preparer_name=office.preparer_name if with_accounts else None,
        accountant_name=office.accountant_name if with_accounts else None,
    )
