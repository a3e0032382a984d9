"""The project form's beneficiary picker: the first beneficiaries on open, narrowed by typing, read off the main thread."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from khuyencong_desktop.domain.codes import BeneficiaryKind
from khuyencong_desktop.domain.text import sort_key
from khuyencong_desktop.gui.context import AppContext
from khuyencong_desktop.gui.forms.picker import RESULTS
from khuyencong_desktop.gui.forms.project import ProjectForm
from khuyencong_desktop.gui.models import loading
from khuyencong_desktop.operations.editing import save_beneficiary
from khuyencong_desktop.storage.models import Beneficiary

BAN_LUOT = "Hợp tác xã dệt thổ cẩm Bản Lướt"


@pytest.fixture
def context(demo_db, qtbot):
    save_beneficiary(demo_db, None, {"name": BAN_LUOT, "kind": BeneficiaryKind.HTX, "commune": "Sơn Bình",
                                     "province": "Lai Châu"})
    ctx = AppContext(demo_db)
    yield ctx
    ctx.undo_stack.clear()


def shown_names(picker) -> list[str]:
    return [picker.results.item(r).text().split(" — ")[0] for r in range(picker.results.count())]


def first_in_vietnamese_order(db) -> list[str]:
    with db.session() as session:
        names = session.scalars(select(Beneficiary.name).where(Beneficiary.deleted_at.is_(None))).all()
    return sorted(names, key=sort_key)[:RESULTS]


def open_picker(qtbot, context):
    form = ProjectForm(context)
    qtbot.addWidget(form)
    form.show()
    form.tabs.setCurrentWidget(form.picker)
    return form


def test_the_list_shows_the_first_beneficiaries_as_soon_as_it_opens(qtbot, context):
    form = open_picker(qtbot, context)
    picker = form.picker

    assert picker.search.text() == ""
    assert shown_names(picker) == first_in_vietnamese_order(context.db)
    assert len(shown_names(picker)) == RESULTS
    assert shown_names(picker)[0] == "Công ty Cổ phần Đầu tư xây dựng và phát triển Việt Bắc"


@pytest.mark.parametrize("typed", ["hop tac xa", "HOP TAC XA", "ban luot"])
def test_typing_narrows_the_list_ignoring_case_and_diacritics(qtbot, context, typed):
    form = open_picker(qtbot, context)
    picker = form.picker
    qtbot.keyClicks(picker.search, typed)

    qtbot.waitUntil(lambda: shown_names(picker) == [BAN_LUOT])
    assert picker.results.item(0).text() == f"{BAN_LUOT} — Sơn Bình, Lai Châu"
    picker.search.clear()
    qtbot.waitUntil(lambda: len(shown_names(picker)) == RESULTS)


def test_a_search_that_matches_nothing_empties_the_list(qtbot, context):
    form = open_picker(qtbot, context)
    picker = form.picker
    qtbot.keyClicks(picker.search, "xyz khong co")

    qtbot.waitUntil(lambda: picker.results.count() == 0)


def test_on_a_big_file_the_list_arrives_from_the_background(qtbot, context, monkeypatch):
    monkeypatch.setattr(loading, "SMALL_FILE", 0)  # the demo file read as a big one is: off the main thread
    form = open_picker(qtbot, context)
    picker = form.picker

    assert picker.results.count() == 0  # the form opened without waiting for the read
    qtbot.waitUntil(lambda: shown_names(picker) == first_in_vietnamese_order(context.db))
    qtbot.keyClicks(picker.search, "hop tac xa")
    qtbot.waitUntil(lambda: shown_names(picker) == [BAN_LUOT])
