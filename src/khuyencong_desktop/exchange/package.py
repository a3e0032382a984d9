"""The .kcx file: a zip holding a manifest and the records with their change history, checksummed.

``manifest.json`` names the sending office, the application and schema versions, the counts and
a SHA-256 over the manifest's other fields and the content; the zip's own CRCs catch most
damage first, the SHA-256 catches the rest and any edit. There is no shared secret between
offices, so this detects damage and tampering by mistake, not a forger who recomputes the hash.

The content (format 2, ``content.jsonl``) is one JSON value per line: ``{"entries": n}`` and n
history entries, then per table ``{"table": …, "columns": […], "count": n}`` and n rows, then (schema 0004 on) the
officers' duplicate decisions as ``{"shared": "duplicate_decision", "columns": […], "count": n}`` and n rows. Every
entry and row is a list whose first item is its id, so a merge decodes only the lines of
entries and records the receiving file does not hold yet. Format 1 (one ``content.json``) is
still read.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..i18n import tr
from ..storage.base import utc_now
from ..storage.database import Database
from ..storage.errors import StorageError
from ..storage.history import DERIVED
from ..storage.migrate import head_revision, known_revisions
from ..storage.models import TRACKED_MODELS
from .decisions import COLUMNS as DECISION_COLUMNS
from .records import quoted

FORMAT = "khuyencong-exchange"
FORMAT_VERSION = 2
MANIFEST, CONTENT, CONTENT_V1 = "manifest.json", "content.jsonl", "content.json"
ENTRY_COLUMNS = ("id", "entity", "record_id", "op", "field", "old_value", "new_value", "at", "actor", "office_id",
                 "parents")
SHARED = "duplicate_decision"
TABLES = tuple(model.__tablename__ for model in TRACKED_MODELS)
"""Tracked tables in an order where every record comes after the records it refers to."""


class PackageRefused(StorageError):
    """A package that is not merged at all: the database is untouched."""


class NotAPackage(PackageRefused):
    def __init__(self, path):
        super().__init__(tr("Tệp «{path}» không phải là gói trao đổi dữ liệu KhuyenCong (.kcx).", path=path))


class DamagedPackage(PackageRefused):
    def __init__(self, path):
        super().__init__(tr("Gói «{path}» bị hỏng, thiếu hoặc đã bị sửa (mã kiểm tra không khớp); không nhận gì. "
                            "Hãy đề nghị đơn vị gửi lại gói.", path=path))


class NewerPackage(PackageRefused):
    def __init__(self, path):
        super().__init__(tr("Gói «{path}» được tạo bởi phiên bản KhuyenCong mới hơn. "
                            "Hãy cập nhật ứng dụng rồi nhận lại gói.", path=path))


def _line_id(line: bytes) -> str:
    """The id (first item) of an entry or row line, without decoding the rest of it."""
    end = line.find(b'"', 2)
    ident = line[2:end]
    return json.loads(line)[0] if b"\\" in ident or not line.startswith(b'["') else ident.decode("utf-8")


@dataclass
class Lines:
    """Entries or one table's rows, each decoded only when asked for."""

    columns: list[str]
    lines: list

    def __len__(self) -> int:
        return len(self.lines)

    def except_ids(self, held: set[str]) -> list[list]:
        """The decoded lines whose id is not in ``held``."""
        if self.lines and isinstance(self.lines[0], list):
            at = self.columns.index("id")
            return [line for line in self.lines if line[at] not in held]
        return [json.loads(line) for line in self.lines if _line_id(line) not in held]


@dataclass
class Package:
    """A verified package: its manifest, history entries (in ENTRY_COLUMNS order) and rows per table."""

    manifest: dict
    entries: Lines
    rows: dict[str, Lines]
    shared: dict[str, Lines] = field(default_factory=dict)
    """Untracked tables that travel (the duplicate decisions), decoded."""

    @property
    def office_name(self) -> str:
        return self.manifest["office_name"]


def _encode(entries: list[list], rows: dict[str, dict], shared: dict[str, dict]) -> bytes:
    def line(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    parts = [line({"entries": len(entries)}), *map(line, entries)]
    for table, data in rows.items():
        parts.append(line({"table": table, "columns": data["columns"], "count": len(data["values"])}))
        parts.extend(map(line, data["values"]))
    for table, data in shared.items():
        parts.append(line({"shared": table, "columns": data["columns"], "count": len(data["values"])}))
        parts.extend(map(line, data["values"]))
    return "\n".join(parts).encode("utf-8")


def _decode(content: bytes) -> tuple[Lines, dict[str, Lines], dict[str, Lines]]:
    lines = content.split(b"\n")
    count = json.loads(lines[0])["entries"]
    entries, at = Lines(list(ENTRY_COLUMNS), lines[1:1 + count]), 1 + count
    rows, shared = {}, {}
    while at < len(lines):
        header = json.loads(lines[at])
        body = lines[at + 1:at + 1 + header["count"]]
        if "shared" in header:
            shared[header["shared"]] = Lines(header["columns"], [json.loads(line) for line in body])
        else:
            rows[header["table"]] = Lines(header["columns"], body)
        at += 1 + header["count"]
    return entries, rows, shared


def _decode_v1(content: bytes) -> tuple[Lines, dict[str, Lines], dict[str, Lines]]:
    data = json.loads(content.decode("utf-8"))
    return (Lines(list(ENTRY_COLUMNS), data["entries"]),
            {table: Lines(t["columns"], t["values"]) for table, t in data["rows"].items()}, {})


def _digest(manifest: dict, content: bytes) -> str:
    fields = {k: v for k, v in manifest.items() if k != "sha256"}
    hasher = hashlib.sha256(json.dumps(fields, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    hasher.update(b"\n")
    hasher.update(content)
    return hasher.hexdigest()


def _read_snapshot(path: Path) -> tuple[list[list], dict[str, dict], dict[str, dict], dict]:
    conn = sqlite3.connect(path)
    try:
        entries = [list(r) for r in conn.execute(f"SELECT {', '.join(ENTRY_COLUMNS)} FROM change_log ORDER BY seq")]
        rows = {}
        for table in TABLES:
            # The id first: a merge reads it without decoding the row.
            columns = ["id", *(r[1] for r in conn.execute(f"PRAGMA table_info({table})")
                               if r[1] not in DERIVED and r[1] != "id")]
            values = [list(r) for r in conn.execute(f"SELECT {quoted(columns)} FROM {table} ORDER BY id")]
            rows[table] = {"columns": columns, "values": values}
        shared = {SHARED: {"columns": list(DECISION_COLUMNS), "values": [list(r) for r in conn.execute(
            f"SELECT {', '.join(DECISION_COLUMNS)} FROM {SHARED} ORDER BY first_id, second_id, office_id")]}}
        local = conn.execute("SELECT value FROM setting WHERE key = 'local_office_id'").fetchone()
        office = conn.execute("SELECT id, name FROM office WHERE id = ?", (local[0] if local else None,)).fetchone()
    finally:
        conn.close()
    return entries, rows, shared, {"office_id": office[0] if office else None,
                                   "office_name": office[1] if office else ""}


def write_package(db: Database, out: str | Path) -> Path:
    """Write a package of everything in ``db`` to ``out``, read from a consistent snapshot."""
    out = Path(out).expanduser().resolve()
    with tempfile.TemporaryDirectory(prefix="kcx-") as folder:
        snapshot = db.snapshot_to(Path(folder) / "snapshot.kcdb")
        entries, rows, shared, office = _read_snapshot(snapshot)
    content = _encode(entries, rows, shared)
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, **office, "app_version": __version__,
                "schema_revision": head_revision(), "created_at": utc_now(), "entries": len(entries),
                "records": {table: len(data["values"]) for table, data in rows.items()},
                "shared": {table: len(data["values"]) for table, data in shared.items()}}
    manifest["sha256"] = _digest(manifest, content)
    partial = out.with_name(out.name + ".partial")
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
        archive.writestr(CONTENT, content)
    partial.replace(out)
    return out




def read_package(path: str | Path) -> Package:
    """The verified content of ``path``; any doubt about it raises a PackageRefused."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if MANIFEST not in names:
                raise NotAPackage(path)
            manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise NotAPackage(path)
            if manifest.get("format_version", 0) > FORMAT_VERSION or manifest.get("schema_revision") not in known_revisions():
                raise NewerPackage(path)
            member = CONTENT if manifest.get("format_version") == FORMAT_VERSION else CONTENT_V1
            if member not in names:
                raise DamagedPackage(path)
            content = archive.read(member)
    except FileNotFoundError as exc:
        raise NotAPackage(path) from exc
    except zipfile.BadZipFile as exc:
        raise (DamagedPackage(path) if _looks_like_zip(path) else NotAPackage(path)) from exc
    except (zipfile.LargeZipFile, zlib.error, EOFError, OSError, UnicodeDecodeError, ValueError) as exc:
        raise DamagedPackage(path) from exc
    if manifest.get("sha256") != _digest(manifest, content):
        raise DamagedPackage(path)
    try:
        entries, rows, shared = (_decode if member == CONTENT else _decode_v1)(content)
    except (ValueError, KeyError, TypeError) as exc:
        raise DamagedPackage(path) from exc
    return Package(manifest=manifest, entries=entries, rows=rows, shared=shared)


def _looks_like_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"
