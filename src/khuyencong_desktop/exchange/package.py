"""The .kcx file: a zip holding a manifest and the records with their change history, checksummed.

``manifest.json`` names the sending office, the application and schema versions, the counts and
a SHA-256 over the manifest's other fields and ``content.json``; the zip's own CRCs catch most
damage first, the SHA-256 catches the rest and any edit. There is no shared secret between
offices, so this detects damage and tampering by mistake, not a forger who recomputes the hash.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from .. import __version__
from ..i18n import tr
from ..storage.base import utc_now
from ..storage.database import Database
from ..storage.errors import StorageError
from ..storage.history import DERIVED
from ..storage.migrate import MIGRATIONS_DIR, head_revision
from ..storage.models import TRACKED_MODELS
from .records import quoted

FORMAT = "khuyencong-exchange"
FORMAT_VERSION = 1
MANIFEST, CONTENT = "manifest.json", "content.json"
ENTRY_COLUMNS = ("id", "entity", "record_id", "op", "field", "old_value", "new_value", "at", "actor", "office_id",
                 "parents")
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


@dataclass
class Package:
    """A verified package: its manifest, history entries (tuples in ENTRY_COLUMNS order) and rows."""

    manifest: dict
    entries: list[list]
    rows: dict[str, dict]
    """``{table: {"columns": [...], "values": [[...], ...]}}``."""

    @property
    def office_name(self) -> str:
        return self.manifest["office_name"]


def _digest(manifest: dict, content: bytes) -> str:
    fields = {k: v for k, v in manifest.items() if k != "sha256"}
    hasher = hashlib.sha256(json.dumps(fields, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    hasher.update(b"\n")
    hasher.update(content)
    return hasher.hexdigest()


def _read_snapshot(path: Path) -> tuple[list[list], dict[str, dict], dict]:
    conn = sqlite3.connect(path)
    try:
        entries = [list(r) for r in conn.execute(f"SELECT {', '.join(ENTRY_COLUMNS)} FROM change_log ORDER BY seq")]
        rows = {}
        for table in TABLES:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in DERIVED]
            values = [list(r) for r in conn.execute(f"SELECT {quoted(columns)} FROM {table} ORDER BY id")]
            rows[table] = {"columns": columns, "values": values}
        local = conn.execute("SELECT value FROM setting WHERE key = 'local_office_id'").fetchone()
        office = conn.execute("SELECT id, name FROM office WHERE id = ?", (local[0] if local else None,)).fetchone()
    finally:
        conn.close()
    return entries, rows, {"office_id": office[0] if office else None, "office_name": office[1] if office else ""}


def write_package(db: Database, out: str | Path) -> Path:
    """Write a package of everything in ``db`` to ``out``, read from a consistent snapshot."""
    out = Path(out).expanduser().resolve()
    with tempfile.TemporaryDirectory(prefix="kcx-") as folder:
        snapshot = db.snapshot_to(Path(folder) / "snapshot.kcdb")
        entries, rows, office = _read_snapshot(snapshot)
    content = json.dumps({"entries": entries, "rows": rows}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, **office, "app_version": __version__,
                "schema_revision": head_revision(), "created_at": utc_now(), "entries": len(entries),
                "records": {table: len(data["values"]) for table, data in rows.items()}}
    manifest["sha256"] = _digest(manifest, content)
    partial = out.with_name(out.name + ".partial")
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
        archive.writestr(CONTENT, content)
    partial.replace(out)
    return out


@lru_cache(maxsize=1)
def _known_revisions() -> frozenset[str]:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return frozenset(rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions())


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
            if manifest.get("format_version", 0) > FORMAT_VERSION or manifest.get("schema_revision") not in _known_revisions():
                raise NewerPackage(path)
            if CONTENT not in names:
                raise DamagedPackage(path)
            content = archive.read(CONTENT)
    except FileNotFoundError as exc:
        raise NotAPackage(path) from exc
    except zipfile.BadZipFile as exc:
        raise (DamagedPackage(path) if _looks_like_zip(path) else NotAPackage(path)) from exc
    except (zipfile.LargeZipFile, zlib.error, EOFError, OSError, UnicodeDecodeError, ValueError) as exc:
        raise DamagedPackage(path) from exc
    if manifest.get("sha256") != _digest(manifest, content):
        raise DamagedPackage(path)
    data = json.loads(content.decode("utf-8"))
    return Package(manifest=manifest, entries=data["entries"], rows=data["rows"])


def _looks_like_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"
