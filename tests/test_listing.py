"""List queries without a window: search, filters, Vietnamese order, paging and totals on the demo file."""
from __future__ import annotations

from khuyencong_desktop.domain.codes import FundingLevel, Status
from khuyencong_desktop.domain.text import sort_key
from khuyencong_desktop.operations.editing import save_beneficiary, set_deleted
from khuyencong_desktop.operations.listing import (BeneficiaryQuery, ListFilter, ProgrammeQuery, ProjectQuery,
                                                   filter_choices)
from khuyencong_desktop.operations.summary import period_summary


def test_search_lai_chau_finds_the_lai_chau_records(demo_db):
    rows = ProjectQuery(demo_db, ListFilter(text="lai chau")).fetch(0, 100)
    assert rows and all("Lai Châu" in row.place for row in rows)
    assert [r.code for r in ProgrammeQuery(demo_db, ListFilter(text="LAI CHAU")).fetch(0, 10)] == ["LC-2021-2025"]


def test_d_finds_names_with_dj(demo_db):
    names = {r.name for r in BeneficiaryQuery(demo_db, ListFilter(text="dinh thi hang")).fetch(0, 10)}
    assert names == {"Hộ kinh doanh Đinh Thị Hằng"}
    names = [r.name for r in BeneficiaryQuery(demo_db, ListFilter(text="d")).fetch(0, 100)]
    assert any("Đ" in name or "đ" in name for name in names)


def test_like_wildcards_in_the_query_are_plain_text(demo_db):
    assert ProjectQuery(demo_db, ListFilter(text="%")).count() == 0
    assert ProjectQuery(demo_db, ListFilter(text="_")).count() == 0


def test_names_sort_in_vietnamese_order(demo_db):
    save_beneficiary(demo_db, None, {"name": "Xưởng Đông Anh"})
    save_beneficiary(demo_db, None, {"name": "Xưởng Dung"})
    save_beneficiary(demo_db, None, {"name": "Xưởng Ánh"})
    save_beneficiary(demo_db, None, {"name": "Xưởng Ăn"})
    names = [r.name for r in BeneficiaryQuery(demo_db, ListFilter(text="xuong"), sort="name").fetch(0, 10)]
    assert names == ["Xưởng Ánh", "Xưởng Ăn", "Xưởng Dung", "Xưởng Đông Anh"]
    everything = [r.name for r in BeneficiaryQuery(demo_db, sort="name").fetch(0, 1000)]
    assert everything == sorted(everything, key=sort_key)
    backwards = [r.name for r in BeneficiaryQuery(demo_db, sort="name", descending=True).fetch(0, 1000)]
    assert backwards == everything[::-1]


def test_totals_of_kcqg_2017_2021_are_the_article_figures(demo_db):
    query = ProjectQuery(demo_db, ListFilter(level=FundingLevel.KCQG))
    totals = query.totals()
    assert (totals.count, totals.state, totals.counted) == (6, 2_350_000_000, 6)
    summary = period_summary(demo_db, 2017, 2021, FundingLevel.KCQG)
    assert totals.counterpart == summary.counterpart and totals.jobs == summary.jobs


def test_totals_say_how_many_shown_projects_a_summary_would_not_count(demo_db):
    totals = ProjectQuery(demo_db, ListFilter(year=2021)).totals()
    summary = period_summary(demo_db, 2021, 2021)
    excluded = sum(summary.excluded.values())
    assert totals.count - totals.counted == excluded > 0
    counted_only = ProjectQuery(demo_db, ListFilter(year=2021, status=Status.DE_XUAT)).totals()
    assert counted_only.counted == 0 and counted_only.count >= 1


def test_paging_covers_every_row_once_in_order(demo_db):
    query = ProjectQuery(demo_db, sort="state", descending=True)
    pages = query.fetch(0, 20) + query.fetch(20, 20) + query.fetch(40, 20) + query.fetch(60, 20)
    assert len(pages) == query.count() == len({r.id for r in pages})
    states = [r.state for r in pages]
    assert states == sorted(states, reverse=True)


def test_filters_by_year_activity_place_and_programme(demo_db):
    rows = ProjectQuery(demo_db, ListFilter(year=2019, activity="MM", place="Văn Lãng")).fetch(0, 100)
    assert rows and all(r.year == 2019 and r.activity_code == "MM" and "Văn Lãng" in r.place for r in rows)
    choices = filter_choices(demo_db)
    programme_id = choices.programmes[0][0]
    assert ProjectQuery(demo_db, ListFilter(programme_id=programme_id)).count() == 0
    assert 2017 in choices.years and "Văn Lãng" in choices.places
    with_mm = BeneficiaryQuery(demo_db, ListFilter(activity="MM", year=2019)).fetch(0, 100)
    assert with_mm and all(r.projects >= 1 for r in with_mm)


def test_deleted_records_leave_the_list(demo_db):
    query = ProjectQuery(demo_db, ListFilter(text="LS-DP-2021-MM05"))
    row = query.fetch(0, 1)[0]
    set_deleted(demo_db, "project", row.id, True)
    assert query.count() == 0 and query.get(row.id) is None


def _place_reads(db) -> list[str]:
    """The statements that gather places (a pass over a whole table), recorded as the driver runs them."""
    from sqlalchemy import event

    seen: list[str] = []
    event.listen(db.engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *rest: seen.append(statement) if "json_group_array" in statement else None)
    return seen


def test_places_are_read_once_and_again_only_after_an_edit_that_moves_a_record(demo_db):
    from khuyencong_desktop.operations.editing import update_fields

    first = filter_choices(demo_db)
    reads = _place_reads(demo_db)
    row = ProjectQuery(demo_db, ListFilter(text="LS-DP-2021-MM05")).fetch(0, 1)[0]
    update_fields(demo_db, "project", row.id, {"jobs": row.jobs + 3})
    assert filter_choices(demo_db) == first and reads == []  # the number of jobs changes no place

    update_fields(demo_db, "project", row.id, {"commune": "Xã Yên Khoái"})
    again = filter_choices(demo_db)
    assert "Xã Yên Khoái" in again.places and len(reads) == 2  # one pass over projects, one over cơ sở
    assert again.places == sorted(again.places, key=sort_key)

    set_deleted(demo_db, "project", row.id, True)
    assert "Xã Yên Khoái" not in filter_choices(demo_db).places
