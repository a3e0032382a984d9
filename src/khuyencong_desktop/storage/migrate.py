"""Schema versions: Alembic migrations run on open, with a backup first and newer files refused."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

from .base import utc_now
from .errors import NewerSchema

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SCHEMA_HEAD = "0005"
"""The newest migration's revision. A file already at it opens without loading Alembic (a third of a
second at every start); tests/test_storage.py checks it against the migration scripts."""


def _config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


@lru_cache(maxsize=1)
def known_revisions() -> frozenset[str]:
    """Every schema revision this application's migrations know; anything else is from a newer version."""
    from alembic.script import ScriptDirectory

    return frozenset(rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions())


def current_revision(engine: Engine) -> str | None:
    """The file's schema revision, read directly (no Alembic import)."""
    with engine.connect() as conn:
        if not conn.execute(text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")).first():
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def bring_up_to_date(engine: Engine, path: Path, *, backup_dir: Path | None, fresh: bool) -> None:
    """Create the schema in a fresh file, or migrate an older one after backing it up."""
    current = None if fresh else current_revision(engine)
    if current == SCHEMA_HEAD:
        return
    from alembic import command

    from .database import APPLICATION_ID

    if current is not None:
        if current not in known_revisions():
            raise NewerSchema(path)
        folder = backup_dir or path.parent
        folder.mkdir(parents=True, exist_ok=True)
        stamp = utc_now()[:19].replace(":", "").replace("-", "")
        with engine.connect() as conn:
            conn.exec_driver_sql("VACUUM INTO ?", (str(folder / f"{path.stem}-before-upgrade-{stamp}.kcdb"),))
    elif not fresh:
        raise NewerSchema(path)
    with engine.begin() as conn:
        config = _config()
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        conn.execute(text(f"PRAGMA application_id = {APPLICATION_ID}"))
