"""Finding the beneficiary (cơ sở) a row names: by MST first, then by folded name and locality."""
from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.text import fold, fold_key
from ..i18n import tr
from ..storage.models import Beneficiary
from .stored import stored

_LOCALITY = re.compile(r"(?P<name>.*?)\s*\((?P<place>[^()]*)\)\s*")


class Ambiguous(LookupError):
    """Several beneficiaries fit; the message says how to tell them apart."""


def locality(beneficiary) -> str:
    """The commune, else the district, that tells apart two beneficiaries of the same name."""
    return beneficiary.commune or beneficiary.district or beneficiary.province


class BeneficiaryIndex:
    """Every live beneficiary of the file by MST and by folded name, loaded once for a whole import.

    The index holds plain records (:class:`StoredRecord` for those in the file, ``NewRecord`` for
    those this import creates), never ORM objects.
    """

    def __init__(self, session: Session):
        self.session = session
        self.by_tax: dict[str, object] = {}
        self.by_name: dict[str, list] = defaultdict(list)
        self.claimed: set = set()
        self._last_key = ("", "")
        """The last name folded and its key: a name is looked up, then indexed when its cơ sở is new."""
        table = Beneficiary.__table__
        for beneficiary in stored(session, Beneficiary, select(table).where(table.c.deleted_at.is_(None))):
            self.add(beneficiary)

    def add(self, beneficiary) -> None:
        if beneficiary.tax_code:
            self.by_tax[beneficiary.tax_code] = beneficiary
        self.by_name[self._key(beneficiary.name)].append(beneficiary)

    def _key(self, name: str) -> str:
        """``fold_key(name)``, folded once for a name looked up and then indexed."""
        if name != self._last_key[0]:
            self._last_key = (name, fold_key(name))
        return self._last_key[1]

    def renamed(self, beneficiary, old_name: str) -> None:
        self.by_name[fold_key(old_name)].remove(beneficiary)
        self.by_name[fold_key(beneficiary.name)].append(beneficiary)

    def taxed(self, beneficiary) -> None:
        self.by_tax[beneficiary.tax_code] = beneficiary

    def _named(self, name: str, tax_code: str | None) -> list:
        # A beneficiary already holding another MST is another cơ sở, whatever its name.
        return [b for b in self.by_name.get(self._key(name), ()) if not tax_code or not b.tax_code]

    def for_sheet_row(self, name: str, tax_code: str | None, commune: str | None, district: str | None):
        """The beneficiary a "Cơ sở" row describes, or None for a new one.

        Each row of the sheet is a different cơ sở, so one already matched by an earlier row (in
        ``claimed``) is not matched again by name.
        """
        if tax_code and tax_code in self.by_tax:
            return self.by_tax[tax_code]
        candidates = self._named(name, tax_code)
        candidates = [b for b in candidates if b not in self.claimed]
        if commune is not None:
            candidates = [b for b in candidates if fold_key(b.commune) == fold_key(commune)]
        if district:
            # Two cơ sở of one name in different districts are different cơ sở.
            candidates = [b for b in candidates if not b.district or fold_key(b.district) == fold_key(district)]
        return self._one(name, candidates)

    def for_project(self, name: str, tax_code: str | None, place: str, linked: set[str]):
        """The beneficiary a project row names ("Tên" or "Tên (xã/huyện)"), or None for a new one.

        Among several of the same name, one already linked to the project (its id in ``linked``) wins.
        """
        if tax_code and tax_code in self.by_tax:
            return self.by_tax[tax_code]
        candidates = self._named(name, tax_code)
        if not candidates and "(" in name and (match := _LOCALITY.fullmatch(name)):
            place = match["place"]
            candidates = self._named(match["name"], tax_code)
        if len(candidates) > 1:
            where = fold(place)
            candidates = ([b for b in candidates if b.id in linked]
                          or [b for b in candidates if any(fold(part) and fold(part) in where
                                                           for part in (b.commune, b.district))] or candidates)
        return self._one(name, candidates)

    @staticmethod
    def _one(name: str, candidates: list):
        if len(candidates) > 1:
            raise Ambiguous(tr("có {n} cơ sở cùng tên «{name}»; hãy ghi thêm mã số thuế, hoặc xã/huyện trong ngoặc "
                               "sau tên, ví dụ «{name} ({place})»", n=len(candidates), name=name,
                               place=locality(candidates[0])))
        return candidates[0] if candidates else None
