"""One sheet's data rows → plain values, with every problem named by sheet, row and column."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.codes import BeneficiaryKind, FundingLevel, Source, Status
from ..domain.money import format_amount
from ..domain.tax_code import normalise_tax_code, tax_code_problem
from ..domain.text import fold_key
from ..i18n import tr
from .cells import CellError, cell_reader, read_cell
from .layout import Kind
from .sheets import SheetHeader, is_total_row

MULTILINE = frozenset({"notes"})


@dataclass
class ParsedRow:
    """One data row: its number and its values by column key (only columns the sheet has)."""

    row: int
    values: dict[str, object]


@dataclass
class SheetParse:
    """Everything read from one sheet before anything is written."""

    header: SheetHeader
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    converted: dict[int, str] = field(default_factory=dict)
    """Row number → the legacy encoding (TCVN3, VNI) its text was converted from."""
    total_rows: list[int] = field(default_factory=list)


def _padded_tax_code(raw) -> str | None:
    """A tax code typed as a number, with the leading zero Excel dropped put back (0101234567)."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and float(raw).is_integer():
        digits = str(int(raw))
        return digits.zfill(10) if len(digits) == 9 else digits.zfill(12) if len(digits) == 11 else digits
    return None if raw is None else str(raw)


def _unknown_level(text: str) -> str:
    return tr("«{text}» không phải nguồn kinh phí đã biết (KCQG hoặc KCĐP)", text=text)


def _unknown_status(text: str) -> str:
    return tr("không có trạng thái đề án «{text}»", text=text)


def _unknown_kind(text: str) -> str:
    return tr("không có loại hình cơ sở «{text}» (DN, HTX, Hộ KD, THT)", text=text)


def _unknown_source(text: str) -> str:
    return tr("không có nguồn vốn «{text}» (NSTW, NSĐP, NSNN, Đối ứng, Khác)", text=text)


class SheetParser:
    """Reads the data rows of one sheet; ``activities`` maps folded codes and names to activity codes."""

    def __init__(self, header: SheetHeader, activities: dict[str, str]):
        self.header = header
        self.result = SheetParse(header, problems=list(header.problems))
        self.activities = activities
        self._seen: dict[tuple, int] = {}
        amount_keys = [key for key in header.units]
        self._since_total = dict.fromkeys(amount_keys, 0)
        self._all = dict.fromkeys(amount_keys, 0)
        # The column mapping is resolved once: (cell index, key, reader, required) per column read.
        self._columns = [(index, column.key, self._reader(column), column.required)
                         for index, column in header.columns.items()
                         if column.kind is not Kind.AMOUNT or column.key in header.units]
        self._required = [column.key for column in header.layout.required]
        self._check = getattr(self, "_check_" + header.layout.key)
        self._parsed: dict[tuple, object] = {}
        """(enum class or "activity", cell text) → what it was read as: sheets repeat a few values."""

    def _reader(self, column):
        read = cell_reader(column.kind, self.header.units.get(column.key), column.key in MULTILINE)
        if column.key in ("tax_code", "tax_codes"):
            return lambda raw: read(raw) if isinstance(raw, str) else _padded_tax_code(raw)
        return read

    def _problem(self, row: int, key: str | None, message: str) -> None:
        self.result.problems.append(f"{self.header.where(row, key)}: {message}")

    def add(self, number: int, cells: tuple, encoding: str | None) -> None:
        if encoding:
            self.result.converted[number] = encoding
        if is_total_row(cells):
            self.result.total_rows.append(number)
            self._check_total(number, cells)
            return
        values: dict[str, object] = {}
        ok = True
        width = len(cells)
        for index, key, read, required in self._columns:
            try:
                value = read(cells[index] if index < width else None)
            except CellError as exc:
                self._problem(number, key, str(exc))
                ok = False
                continue
            if required and (value is None or value == ""):
                self._problem(number, key, tr("ô này không được để trống"))
                ok = False
            values[key] = value
        # Sheet rules run even after a bad cell, so every problem of the row is listed at once.
        complete = all(values.get(key, "?") not in (None, "") for key in self._required)
        checked = complete and self._check(number, values)
        if ok and checked:
            for key in self._all:
                amount = values.get(key) or 0
                self._all[key] += amount
                self._since_total[key] += amount
            self.result.rows.append(ParsedRow(number, values))

    # -- per sheet ---------------------------------------------------------------------------
    def _unique(self, number: int, key: str, identity: tuple, shown: str) -> bool:
        first = self._seen.setdefault(identity, number)
        if first != number:
            self._problem(number, key, tr("«{value}» trùng với dòng R{row}", value=shown, row=first))
            return False
        return True

    def _enum(self, number: int, values: dict, key: str, enum_cls, message) -> bool:
        """Read ``values[key]`` as a member of ``enum_cls``; ``message(text)`` says what is wrong."""
        text = values.get(key)
        if not text:
            values[key] = None
            return True
        member = self._parsed.get((enum_cls, text))
        if member is None:
            member = self._parsed[enum_cls, text] = enum_cls.parse(text)
        if member is None:
            self._problem(number, key, message(text))
            return False
        values[key] = member
        return True

    def _activity(self, number: int, values: dict) -> bool:
        text = values["activity"]
        code = self._parsed.get(("activity", text))
        if code is None:
            code = self._parsed["activity", text] = self.activities.get(fold_key(text))
        if code is None:
            self._problem(number, "activity", tr("không có nội dung hoạt động «{text}» trong danh mục",
                                                 text=values["activity"]))
            return False
        values["activity"] = code
        return True

    def _check_projects(self, number: int, values: dict) -> bool:
        ok = self._unique(number, "code", ("code", fold_key(values["code"])), values["code"])
        ok &= self._enum(number, values, "level", FundingLevel, _unknown_level)
        ok &= self._enum(number, values, "status", Status, _unknown_status)
        ok &= self._activity(number, values)
        names = [part.strip() for part in str(values.get("beneficiaries") or "").split(";")]
        codes = [normalise_tax_code(part) for part in str(values.get("tax_codes") or "").split(";")]
        names = [name for name in names if name]
        if len(codes) > max(len(names), 1):
            self._problem(number, "tax_codes", tr("có {codes} mã số thuế nhưng chỉ có {names} cơ sở thụ hưởng",
                                                  codes=len(codes), names=len(names)))
            ok = False
        for code in codes:
            problem = tax_code_problem(code)
            if problem:
                self._problem(number, "tax_codes", problem)
                ok = False
        values["links"] = [(name, codes[i] if i < len(codes) else None) for i, name in enumerate(names)]
        stated = values.get("total")
        parts = sum(values.get(key) or 0 for key in ("support", "counterpart", "other"))
        if stated is not None and stated != parts:
            unit = self.header.units["total"]
            self._problem(number, "total", tr("tổng kinh phí {stated} khác tổng ba khoản kinh phí {parts} ({unit})",
                                              stated=format_amount(stated, unit), parts=format_amount(parts, unit),
                                              unit=unit.label))
            ok = False
        return ok

    def _check_beneficiaries(self, number: int, values: dict) -> bool:
        ok = self._enum(number, values, "kind", BeneficiaryKind, _unknown_kind)
        values["tax_code"] = normalise_tax_code(values.get("tax_code"))
        problem = tax_code_problem(values["tax_code"])
        if problem:
            self._problem(number, "tax_code", problem)
            ok = False
        elif values.get("tax_code"):
            ok &= self._unique(number, "tax_code", ("mst", values["tax_code"]), values["tax_code"])
        return ok

    def _check_programmes(self, number: int, values: dict) -> bool:
        ok = self._unique(number, "code", ("code", fold_key(values["code"])), values["code"])
        if ok and None not in (values.get("from_year"), values.get("to_year")) and values["from_year"] > values["to_year"]:
            self._problem(number, "to_year", tr("đến năm {to} trước từ năm {start}", to=values["to_year"],
                                                start=values["from_year"]))
            ok = False
        return ok

    def _check_plan(self, number: int, values: dict) -> bool:
        ok = self._enum(number, values, "source", Source, _unknown_source)
        if ok:
            source = values.get("source")
            ok = self._unique(number, "amount", ("plan", fold_key(values["programme"]), values.get("year"), source),
                              f'{values["programme"]} {values.get("year") or ""} {source.label if source else ""}'.strip())
        return ok

    def _check_targets(self, number: int, values: dict) -> bool:
        return self._activity(number, values)

    # -- total rows ----------------------------------------------------------------------------
    def _check_total(self, number: int, cells: tuple) -> None:
        """Compare a total row's amounts with the rows above (since the last total, or all of them)."""
        for index, column in self.header.columns.items():
            if column.key not in self._all:
                continue
            unit = self.header.units[column.key]
            try:
                stated = read_cell(Kind.AMOUNT, cells[index] if index < len(cells) else None, unit)
            except CellError as exc:
                self.result.warnings.append(f"{self.header.where(number, column.key)}: {exc}")
                continue
            if stated is not None and stated not in (self._since_total[column.key], self._all[column.key]):
                self.result.warnings.append(tr(
                    "{where}: dòng tổng ghi {stated} nhưng cộng các dòng phía trên được {sum} ({unit})",
                    where=self.header.where(number, column.key), stated=format_amount(stated, unit),
                    sum=format_amount(self._since_total[column.key], unit), unit=unit.label))
        self._since_total = dict.fromkeys(self._since_total, 0)
