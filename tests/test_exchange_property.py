"""Random edits on two copies of one file, exchanged both ways: both converge and no edit is lost."""
import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from exchange_offices import district_copy, exchange, state
from khuyencong_desktop.exchange.duplicate_actions import DuplicateActionError, dismiss, link
from khuyencong_desktop.storage.database import Database
from khuyencong_desktop.storage.exchange_models import DELETION, heads, parse_parents
from khuyencong_desktop.storage.models import Beneficiary, ChangeLog, Project, ProjectBeneficiary

MEMORY_DIR = "/dev/shm" if Path("/dev/shm").is_dir() else None
PROJECTS = ("LS-QG-2020-01", "LS-QG-2018-01")
PROJECT_FIELDS = {"jobs": st.integers(0, 3), "remarks": st.sampled_from(["", "đủ hồ sơ", "thiếu hồ sơ"]),
                  "approved_counterpart": st.sampled_from([0, 150_000_000, 200_000_000])}
BENEFICIARY_FIELDS = {"phone": st.sampled_from(["", "0205 3871 234", "0912 000 111"]),
                      "employees": st.integers(1, 3)}

side = st.sampled_from(["province", "district"])
links = st.tuples(side, st.sampled_from(["link", "repoint"]), st.sampled_from(PROJECTS),
                  st.tuples(st.integers(0, 1), st.sampled_from([None, 10_000_000, 25_000_000])))
edits = st.one_of(
    st.tuples(side, st.just("project"), st.sampled_from(PROJECTS),
              st.sampled_from(sorted(PROJECT_FIELDS)).flatmap(lambda f: st.tuples(st.just(f), PROJECT_FIELDS[f]))),
    st.tuples(side, st.just("beneficiary"), st.integers(0, 1),
              st.sampled_from(sorted(BENEFICIARY_FIELDS)).flatmap(
                  lambda f: st.tuples(st.just(f), BENEFICIARY_FIELDS[f]))),
    st.tuples(side, st.just("delete"), st.sampled_from(PROJECTS), st.booleans()),
    st.tuples(side, st.just("create"), st.sampled_from(["Cơ sở chè Tân Thành", "HTX mây tre Hợp Thành"]),
              st.sampled_from(["Xã Tân Thành", "Xã Hợp Thành"])),
    links,
    links,
    st.tuples(side, st.just("unlink"), st.sampled_from(PROJECTS), st.booleans()),
    st.tuples(side, st.sampled_from(["same", "dismiss"]), st.integers(0, 2), st.integers(0, 2)),
)
SAME_LINK_TWICE = [("province", "link", PROJECTS[0], (0, 10_000_000)), ("district", "link", PROJECTS[0], (0, None))]
OPPOSITE_SURVIVORS = [("province", "same", 0, 1), ("district", "same", 1, 0)]
REPOINT_MEETS_LINK = [("province", "repoint", PROJECTS[1], (1, None)), ("district", "link", PROJECTS[1], (1, 5_000_000))]


def apply(db, edit):
    _, kind, target, change = edit
    if kind in ("same", "dismiss"):
        _decide(db, kind, target, change)
        return
    with db.session() as s:
        if kind == "project":
            setattr(s.scalar(select(Project).where(Project.code == target)), *change)
        elif kind == "beneficiary":
            setattr(s.scalars(select(Beneficiary).order_by(Beneficiary.name_key)).all()[target], *change)
        elif kind in ("link", "repoint", "unlink"):
            _edit_link(s, kind, s.scalar(select(Project.id).where(Project.code == target)), change)
        elif kind == "delete":
            s.scalar(select(Project).where(Project.code == target)).deleted_at = (
                "2026-11-22T08:00:00.000000Z" if change else None)
        else:
            s.add(Beneficiary(name=target, commune=change))


def _decide(db, kind, first, second):
    """Link two live beneficiaries as one cơ sở (the first kept), or dismiss them as a suspected pair."""
    with db.session() as s:
        ids = s.scalars(select(Beneficiary.id).order_by(Beneficiary.name_key, Beneficiary.id)).all()
    try:
        (link if kind == "same" else dismiss)(db, ids[first], ids[second])
    except DuplicateActionError:
        pass  # deleted, the same record, or (dismissing) not a suspected pair: the officer cannot do it


def _edit_link(s, kind, project_id, change):
    """Add, re-point, delete or restore a project's link as an officer can: one live link per cơ sở."""
    rows = s.scalars(select(ProjectBeneficiary).where(ProjectBeneficiary.project_id == project_id)
                     .order_by(ProjectBeneficiary.id)).all()
    live = {r.beneficiary_id for r in rows if not r.is_deleted}
    if kind == "unlink":
        for row in rows:
            if change != row.is_deleted and (change or row.beneficiary_id not in live):
                row.deleted_at = "2026-11-22T09:00:00.000000Z" if change else None
                return
        return
    index, share = change
    beneficiary_id = s.scalars(select(Beneficiary.id).order_by(Beneficiary.name_key, Beneficiary.id)).all()[index]
    if beneficiary_id in live:
        return
    movable = [r for r in rows if not r.is_deleted]
    if kind == "repoint" and movable:
        movable[0].beneficiary_id = beneficiary_id
    else:
        s.add(ProjectBeneficiary(project_id=project_id, beneficiary_id=beneficiary_id, share=share))


def assert_no_edit_lost(db):
    """Every register's heads are shown (one value) or all kept in an open conflict."""
    snapshot = state(db)
    with db.session() as s:
        entries = s.scalars(select(ChangeLog).where(ChangeLog.op != "create")).all()
    by_record = {}
    for e in entries:
        by_record.setdefault((e.entity, e.record_id), []).append(e)
    for (entity, record_id), record_entries in by_record.items():
        row = snapshot["records"][(entity, record_id)]
        values = {e.id: json.loads(e.new_value) if e.new_value else None for e in record_entries}
        for key, ids in heads((e.id, e.op, e.field, parse_parents(e.parents)) for e in record_entries).items():
            if key == DELETION:
                continue
            distinct = {json.dumps(values[i]) for i in ids}
            if len(distinct) > 1:
                conflict_heads, _shown = snapshot["conflicts"][(record_id, key)]
                assert set(ids) <= set(conflict_heads)
            assert row[key] in [values[i] for i in ids]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(edits, min_size=1, max_size=8))
@example(SAME_LINK_TWICE)
@example(REPOINT_MEETS_LINK)
@example(OPPOSITE_SURVIVORS)
def test_two_offices_converge_without_losing_an_edit(demo_template, monkeypatch, sequence):
    # Memory-backed files when the system has them: this test commits hundreds of transactions.
    with tempfile.TemporaryDirectory(dir=MEMORY_DIR) as folder:
        folder = Path(folder)
        monkeypatch.setenv("KHUYENCONG_DATA_DIR", str(folder / "userdata"))
        shutil.copy(demo_template, folder / "province.kcdb")
        province = Database.open(folder / "province.kcdb")
        district = district_copy(province, folder / "district.kcdb")
        try:
            for edit in sequence:
                apply(province if edit[0] == "province" else district, edit)
            exchange(province, district, folder, "a.kcx")
            exchange(district, province, folder, "b.kcx")
            assert state(province) == state(district)
            assert_no_edit_lost(province)
            again = exchange(district, province, folder, "c.kcx")
            assert (again.created, again.updated, again.conflicts) == (0, 0, [])
        finally:
            province.close()
            district.close()
