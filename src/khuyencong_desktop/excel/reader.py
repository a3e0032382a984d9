"""Streaming the cell values of an .xlsx workbook's sheets, row by row, without building cell objects.

Gives the values openpyxl's read-only mode gives with ``data_only=True`` and ``values_only=True``
(text, int or float, bool, dates by the cell's number format in the 1900 or 1904 system, the
cached value of a formula, an error as its text such as "#N/A"), each row a tuple starting at
column A, a missing row as an empty tuple, at a fraction of the cost: the sheet's XML is read
once, with no per-cell objects. openpyxl still decides what a date format is.
"""
from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from xml.etree.ElementTree import ParseError, XML, iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

from .workbook import damaged_error

_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_DIGITS = "0123456789"

DAMAGED = (ParseError, KeyError, ValueError, IndexError, zipfile.BadZipFile, EOFError, zlib.error)
"""What a damaged workbook raises while it is read."""


@lru_cache(maxsize=None)
def column_index(letters: str) -> int:
    """0-based index of a column name: "A" → 0, "AA" → 26; ValueError for anything else."""
    if not (letters.isascii() and letters.isalpha() and letters.isupper()):
        raise ValueError(f"not a column name: {letters!r}")
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _text_of(element, ns: str) -> str:
    """A string item's text: its plain text and its formatted runs, not its phonetic guide."""
    if len(element) == 1 and element[0].tag == ns + "t":  # plain text alone: nearly every item
        return element[0].text or ""
    parts = [element.findtext(ns + "t") or ""]
    parts += [run.findtext(ns + "t") or "" for run in element.iterfind(ns + "r")]
    return "".join(parts)


class StreamedSheet:
    """One sheet of a :class:`StreamedWorkbook`: its title and its rows, read when iterated."""

    def __init__(self, workbook: StreamedWorkbook, title: str, part: str):
        self.workbook = workbook
        self.title = title
        self.part = part

    def rows(self) -> Iterator[tuple]:
        """Every row's values from row 1 on; a row absent from the file is ``()``."""
        try:
            yield from self._rows()
        except DAMAGED as exc:
            raise damaged_error(self.workbook.path, exc) from exc

    def _rows(self) -> Iterator[tuple]:
        wb = self.workbook
        ns, strings, dates, epoch = wb.ns, wb.strings, wb.date_styles, wb.epoch
        row_tag, cell_tag, value_tag, inline_tag = ns + "row", ns + "c", ns + "v", ns + "is"
        expected = 1
        with wb.archive.open(self.part) as source:
            for _, element in iterparse(source):
                if element.tag != row_tag:
                    continue
                number = element.get("r")
                number = int(number) if number else expected
                while expected < number:
                    yield ()
                    expected += 1
                values: list = []
                for cell in element:
                    if cell.tag != cell_tag:
                        continue
                    attributes = cell.attrib
                    ref = attributes.get("r")
                    if ref:
                        position = column_index(ref.rstrip(_DIGITS))
                        if position > len(values):
                            values += [None] * (position - len(values))
                    kind = attributes.get("t", "n")
                    if kind == "inlineStr":
                        child = cell.find(inline_tag)
                        values.append(None if child is None else _text_of(child, ns))
                        continue
                    value = cell.findtext(value_tag) or None
                    if value is not None:
                        if kind == "n":
                            value = float(value) if "." in value or "E" in value or "e" in value else int(value)
                            style = attributes.get("s")
                            if style and int(style) in dates:
                                value = _date(value, epoch, dates[int(style)])
                        elif kind == "s":
                            value = strings[int(value)]
                        elif kind == "b":
                            value = bool(int(value))
                        elif kind == "d":
                            value = from_ISO8601(value)
                    values.append(value)
                element.clear()
                yield tuple(values)
                expected = number + 1


def _date(serial, epoch, timedelta: bool):
    try:
        return from_excel(serial, epoch, timedelta=timedelta)
    except (OverflowError, ValueError):
        return "#VALUE!"


class StreamedWorkbook:
    """An .xlsx file opened for streaming: sheet list, shared strings and date styles read up front."""

    def __init__(self, path: Path):
        self.path = path
        self.archive = zipfile.ZipFile(path)
        try:
            self._read_structure()
        except DAMAGED as exc:
            self.archive.close()
            raise damaged_error(path, exc) from exc
        except BaseException:
            self.archive.close()
            raise

    def _read_structure(self) -> None:
        book = XML(self.archive.read("xl/workbook.xml"))
        self.ns = book.tag[:book.tag.index("}") + 1] if book.tag.startswith("{") else ""
        ns = self.ns
        properties = book.find(ns + "workbookPr")
        in_1904 = properties is not None and properties.get("date1904", "").lower() in ("1", "true")
        self.epoch = CALENDAR_MAC_1904 if in_1904 else CALENDAR_WINDOWS_1900
        targets, kinds = {}, {}
        for rel in XML(self.archive.read("xl/_rels/workbook.xml.rels")).iter(_PACKAGE_RELS):
            target = rel.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id")] = part
            kinds[rel.get("Type", "").rsplit("/", 1)[-1]] = part
        self.worksheets = [StreamedSheet(self, sheet.get("name"), targets[sheet.get(_REL_NS + "id")])
                           for sheet in book.iter(ns + "sheet")
                           if targets.get(sheet.get(_REL_NS + "id"), "").startswith("xl/worksheets/")]
        self.strings = self._strings(kinds.get("sharedStrings"))
        self.date_styles = self._date_styles(kinds.get("styles"))

    def _strings(self, part: str | None) -> list[str]:
        if part is None or part not in self.archive.NameToInfo:
            return []
        strings = []
        item_tag = self.ns + "si"
        with self.archive.open(part) as source:
            for _, element in iterparse(source):
                if element.tag == item_tag:
                    strings.append(_text_of(element, self.ns))
                    element.clear()
        return strings

    def _date_styles(self, part: str | None) -> dict[int, bool]:
        """Cell style index → whether it shows a duration, for the styles that show dates or times."""
        if part is None or part not in self.archive.NameToInfo:
            return {}
        ns = self.ns
        styles = XML(self.archive.read(part))
        formats = dict(BUILTIN_FORMATS)
        for fmt in styles.iter(ns + "numFmt"):
            formats[int(fmt.get("numFmtId"))] = fmt.get("formatCode", "")
        cell_formats = styles.find(ns + "cellXfs")
        found = {}
        for index, xf in enumerate(() if cell_formats is None else cell_formats.iterfind(ns + "xf")):
            code = formats.get(int(xf.get("numFmtId", 0)))
            if code and is_date_format(code):
                found[index] = is_timedelta_format(code)
        return found

    def __enter__(self) -> StreamedWorkbook:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self.archive.close()
