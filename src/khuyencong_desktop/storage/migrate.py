"""Schema versions: Alembic migrations run on open, with a backup first and newer files refused."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine

from .base import utc_now
from .errors import NewerSchema

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def bring_up_to_date(engine: Engine, path: Path, *, backup_dir: Path | None, fresh: bool) -> None:
    """Create the schema in a fresh file, or migrate an older one after backing it up."""
    from .database import APPLICATION_ID

    script = ScriptDirectory.from_config(_config())
    current = None if fresh else current_revision(engine)
    head = script.get_current_head()
    if current == head:
        return
    if current is not None:
        known = {rev.revision for rev in script.walk_revisions()}
        if current not in known:
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
