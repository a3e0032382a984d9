"""Upgrading a schema-0003 file to 0004: backed up, links keep one live pair rule, decisions taken become the office's."""
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from khuyencong_desktop.storage.database import Database
from khuyencong_desktop.storage.exchange_models import DuplicateDecision
from khuyencong_desktop.storage.migrate import SCHEMA_HEAD
from khuyencong_desktop.storage.models import ProjectBeneficiary

FIXTURE = Path(__file__).parent / "fixtures" / "schema-0003.kcdb"
"""The demo file after a district's package brought two pairs of suspected duplicates: one dismissed, one linked."""
DISMISSED = ("61bc05a9-2fb7-4b54-8ff7-58f389028c93", "81fbf84e-8c4f-4821-92b9-e741b5f054fe")
LINKED = ("7a068d70-5466-471f-8a75-08d54fbd2201", "985dbfa0-336a-48e5-98e9-c6ce69049871")
KEPT = "985dbfa0-336a-48e5-98e9-c6ce69049871"


def test_a_schema_0003_file_is_backed_up_and_upgraded(tmp_path):
    path = tmp_path / "office.kcdb"
    shutil.copy(FIXTURE, path)
    with sqlite3.connect(path) as conn:
        links_before = conn.execute("SELECT id, project_id, beneficiary_id, share, deleted_at FROM project_beneficiary "
                                    "ORDER BY id").fetchall()
    db = Database.open(path, backup_dir=tmp_path / "backups")
    try:
        (backup,) = (tmp_path / "backups").glob("office-before-upgrade-*.kcdb")
        with sqlite3.connect(backup) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,)
            assert conn.execute("SELECT id, project_id, beneficiary_id, share, deleted_at FROM project_beneficiary "
                                "ORDER BY id").fetchall() == links_before
        with db.session() as s:
            decisions = {(d.first_id, d.second_id): (d.status, d.kept_id, d.office_id)
                         for d in s.scalars(select(DuplicateDecision))}
            local_office = db.local_office_id_cached(s)
        assert decisions == {DISMISSED: ("dismissed", None, local_office), LINKED: ("linked", KEPT, local_office)}

        with db.session() as s:
            live = s.scalars(select(ProjectBeneficiary).where(ProjectBeneficiary.deleted_at.is_(None))).first()
            s.add(ProjectBeneficiary(project_id=live.project_id, beneficiary_id=live.beneficiary_id,
                                     deleted_at="2026-11-22T10:00:00.000000Z"))
        with pytest.raises(IntegrityError), db.session() as s:
            s.add(ProjectBeneficiary(project_id=live.project_id, beneficiary_id=live.beneficiary_id))
    finally:
        db.close()
