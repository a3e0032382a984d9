"""A refused edit (its code taken by another local record) is reported the same way at every merge, writes
nothing, and is applied by itself once the collision is gone: then both offices converge."""
from sqlalchemy import select

from exchange_offices import district_copy, exchange, state
from khuyencong_desktop.domain.codes import FundingLevel
from khuyencong_desktop.exchange.merge import merge_package
from khuyencong_desktop.exchange.package import write_package
from khuyencong_desktop.storage.models import Project

CODE = "LS-QG-2020-01"
NEW = "CL-2026-01"


def codes(db) -> set[str]:
    with db.session() as s:
        return set(s.scalars(select(Project.code)))


def set_code(db, old: str, new: str) -> None:
    with db.session() as s:
        s.scalar(select(Project).where(Project.code == old)).code = new


def refusals(result) -> list[tuple]:
    return [(r.entity, r.label, r.field, r.reason) for r in result.refused]


def test_a_refusal_is_stable_and_resolves_itself_once_the_code_is_free(demo_db, tmp_path):
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    try:
        with demo_db.session() as s:
            s.add(Project(code=NEW, name="Đề án của tỉnh", year=2026, level=FundingLevel.KCDP, activity_code="MM"))
        set_code(district, CODE, NEW)
        package = write_package(district, tmp_path / "huyen.kcx")
        first = merge_package(demo_db, package)
        assert refusals(first) == [("project", CODE, "code", f"mã «{NEW}» đã dùng cho một bản ghi khác của đơn vị "
                                                            "này; không ghi đè")]
        before = demo_db.path.read_bytes()
        for _ in range(2):
            again = merge_package(demo_db, package)
            assert refusals(again) == refusals(first) and (again.created, again.updated) == (0, 0)
        assert demo_db.path.read_bytes() == before and CODE in codes(demo_db)

        back = exchange(demo_db, district, tmp_path, "tinh.kcx")
        assert [(r.label, r.field) for r in back.refused] == [(NEW, None)]
        assert refusals(exchange(demo_db, district, tmp_path, "tinh-2.kcx")) == refusals(back)

        set_code(demo_db, NEW, "CL-2026-02")
        exchange(district, demo_db, tmp_path, "huyen-2.kcx")
        exchange(demo_db, district, tmp_path, "tinh-3.kcx")
        assert codes(demo_db) == codes(district) and {NEW, "CL-2026-02"} <= codes(demo_db)
        assert CODE not in codes(demo_db)
        assert state(demo_db) == state(district)
    finally:
        district.close()
