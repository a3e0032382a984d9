"""What `exchange merge` prints: every count in words, records by code and name, conflicts with both values,
in Vietnamese and in English; the edits a merge makes itself name who received the package."""
import json

import pytest
from sqlalchemy import select

from exchange_offices import district_copy, exchange
from khuyencong_desktop.cli.main import main
from khuyencong_desktop.domain.codes import FundingLevel
from khuyencong_desktop.exchange.package import write_package
from khuyencong_desktop.operations.editing import record_history
from khuyencong_desktop.storage.models import Beneficiary, ChangeLog, Project, ProjectBeneficiary

EDITED, DELETED, RENAMED, LINKED = "LS-QG-2020-01", "LS-QG-2019-01", "LS-QG-2018-01", "LS-DP-2017-MM01"
DISTRICT, PROVINCE = "PHÒNG KINH TẾ HUYỆN CAO LỘC", "TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI"


def _project(s, code) -> Project:
    return s.scalar(select(Project).where(Project.code == code))


@pytest.fixture
def package(demo_db, tmp_path):
    """The district's package, meeting the province's own edits: a field conflict, a deletion meeting an edit,
    a suspected duplicate, a refused code and a link both offices made (joined into one)."""
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    demo_db.actor, district.actor = "Nguyễn Thị Lan", "Trần Văn Bình"
    with demo_db.session() as s:
        shared = Beneficiary(name="Cơ sở mây tre Hợp Thành", commune="Hợp Thành")
        s.add(shared)
        s.flush()
        shared_id = shared.id
    exchange(demo_db, district, tmp_path, "first.kcx")
    with demo_db.session() as s:
        _project(s, EDITED).jobs = 40
        _project(s, DELETED).remarks = "Tỉnh đã kiểm tra"
        s.add(Beneficiary(name="Hợp tác xã Chè Bảo Lâm", tax_code="4900123456", commune="Bảo Lâm"))
        s.add(Project(code="CL-2026-01", name="Đề án của tỉnh", year=2026, level=FundingLevel.KCDP, activity_code="MM"))
        s.add(ProjectBeneficiary(project_id=_project(s, LINKED).id, beneficiary_id=shared_id, share=10_000_000))
    with district.session() as s:
        _project(s, EDITED).jobs = 45
        _project(s, DELETED).deleted_at = "2026-11-22T01:00:00.000000Z"
        _project(s, RENAMED).code = "CL-2026-01"
        s.add(Beneficiary(name="HTX chè Bảo Lâm", tax_code="4900 123 456", commune="Bảo Lâm"))
        s.add(ProjectBeneficiary(project_id=_project(s, LINKED).id, beneficiary_id=shared_id, share=20_000_000))
    path = write_package(district, tmp_path / "huyen.kcx")
    district.close()
    demo_db.close()
    return demo_db.path, path


def test_the_text_report_names_records_fields_and_values_in_vietnamese(package, capsys):
    db, path = package
    assert main(["--db", str(db), "exchange", "merge", str(path), "--dry-run"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["Chạy thử: chưa ghi gì vào tệp.", f"Gói của: {DISTRICT}",
                         "Tạo mới: 3; cập nhật: 2; không đổi: 216"]
    assert lines[3:5] == ["Liên kết đề án – cơ sở trùng nhau được gộp làm một (cộng phần hỗ trợ): 1",
                          f"  Cơ sở thụ hưởng của đề án {LINKED} – «Cơ sở mây tre Hợp Thành»: giữ một liên kết, "
                          "cộng phần hỗ trợ của 1 liên kết trùng vào đó"]
    assert lines[5] == "Xung đột cần xem xét: 2"
    conflicts = sorted(lines[6:8])
    assert conflicts[0].startswith(f"  Đề án {DELETED} «Xây dựng mô hình trình diễn kỹ thuật sản xuất ván ghép thanh»: "
                                   "bản ghi bị xóa ở một nơi trong khi nơi khác sửa — ")
    assert f"xóa bản ghi ({DISTRICT}, Trần Văn Bình)" in conflicts[0]
    assert f"sửa «Ghi chú trên báo cáo» thành «Tỉnh đã kiểm tra» ({PROVINCE}, Nguyễn Thị Lan)" in conflicts[0]
    assert conflicts[0].endswith("Hiện bản ghi đã xóa.")
    assert conflicts[1].startswith(f"  Đề án {EDITED} «Trình diễn kỹ thuật, giới thiệu mô hình sản xuất bản lề cửa», "
                                   "trường «Lao động, việc làm»: hai đơn vị sửa khác nhau — ")
    assert f"«40» ({PROVINCE}, Nguyễn Thị Lan)" in conflicts[1] and f"«45» ({DISTRICT}, Trần Văn Bình)" in conflicts[1]
    assert conflicts[1].endswith("Đang hiển thị: «45».")  # the later edit: the district made it after the province
    assert lines[8] == "Cơ sở nghi trùng: 1"
    assert lines[9] in ("  «HTX chè Bảo Lâm» ↔ «Hợp tác xã Chè Bảo Lâm» (cùng mã số thuế 4900 123 456)",
                        "  «Hợp tác xã Chè Bảo Lâm» ↔ «HTX chè Bảo Lâm» (cùng mã số thuế 4900123456)")
    assert lines[10:12] == ["Từ chối: 1", f"  Đề án {RENAMED} «Xây dựng mô hình trình diễn kỹ thuật chế biến tinh dầu "
                                          "hồi», trường «Mã»: mã «CL-2026-01» đã dùng cho một bản ghi khác của đơn vị "
                                          "này; không ghi đè"]
    assert lines[12:] == ["Giải quyết xung đột trong cửa sổ: Tệp → Trao đổi dữ liệu → Xung đột cần xem xét…",
                          "Xem và xử lý cơ sở nghi trùng: khuyencong exchange duplicates, rồi exchange link hoặc "
                          "exchange dismiss."]
    for raw_name in ("approved_", "jobs", "deleted_at", "project ", "survivor", "tax_code"):
        assert all(raw_name not in line for line in lines), raw_name


def test_english_and_json_carry_every_count(package, capsys):
    db, path = package
    before = db.read_bytes()
    assert main(["--db", str(db), "--lang", "en", "exchange", "merge", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert db.read_bytes() == before  # the unique rule lifted for the links stays in the file
    for line in ("Created: 3; updated: 2; unchanged: 216", "Duplicate project–establishment links made one "
                 "(shares added): 1", "Conflicts to review: 2", "Suspected duplicate beneficiaries: 1", "Refused: 1"):
        assert line in out.splitlines()
    assert "field “Jobs”: the two offices edited it differently — " in out
    # A kind naming one record is singular (the list titles stay plural).
    lines = [line.strip() for line in out.splitlines()]
    assert any(line.startswith(f"Project {EDITED} «Trình diễn kỹ thuật, giới thiệu mô hình sản xuất bản lề cửa», "
                               "field “Jobs”: ") for line in lines)
    assert f"Beneficiary of project {LINKED} – «Cơ sở mây tre Hợp Thành»: one link kept, the shares of 1 duplicate " \
           "link(s) added to it" in lines
    assert any(line.startswith(f"Project {RENAMED} «") and "“CL-2026-01” is already used" in line for line in lines)
    assert "Projects" not in out
    assert "Shown: «45»." in out and "The record is now deleted." in out
    assert main(["--db", str(db), "exchange", "merge", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["created"], report["updated"], report["unchanged"], report["conflicts"],
            report["duplicates_suspected"], report["links_joined"]) == (3, 2, 216, 2, 1, 1)
    [refused] = report["refused"]
    assert (refused["record"], refused["field"], refused["title"]) == (
        RENAMED, "code", f"{RENAMED} «Xây dựng mô hình trình diễn kỹ thuật chế biến tinh dầu hồi»")
    jobs = next(c for c in report["conflict_list"] if c["field"] == "jobs")
    assert sorted((o["value"], o["office"], o["actor"]) for o in jobs["options"]) == [
        (40, PROVINCE, "Nguyễn Thị Lan"), (45, DISTRICT, "Trần Văn Bình")]


def test_a_merge_names_who_received_the_package_on_its_own_edits(package, capsys):
    from khuyencong_desktop.storage.database import Database

    db, path = package
    assert main(["--db", str(db), "exchange", "merge", str(path)]) == 0
    merged = Database.open(db)
    try:
        with merged.session() as s:
            link_ids = [r.id for r in s.scalars(select(ProjectBeneficiary).where(
                ProjectBeneficiary.project_id == _project(s, LINKED).id))]
            join = s.scalars(select(ChangeLog).where(ChangeLog.record_id.in_(link_ids),
                                                     ChangeLog.op.in_(("delete", "update")))).all()
            jobs = s.scalars(select(ChangeLog).where(ChangeLog.record_id == _project(s, EDITED).id,
                                                     ChangeLog.field == "jobs")).all()
            project_id = _project(s, LINKED).id
        # The link made one is this office's edit, made while receiving the district's package (from the command
        # line: no officer's name); the district's own edits keep their author.
        assert sorted((e.op, e.actor) for e in join) == [("delete", f"Nhận gói từ {DISTRICT}"),
                                                         ("update", f"Nhận gói từ {DISTRICT}")]
        assert sorted(e.actor for e in jobs) == ["Nguyễn Thị Lan", "Trần Văn Bình"]
        history = record_history(merged, project_id)
        assert f"Nhận gói từ {DISTRICT}" in {e.actor for e in history}
        merged.actor = "Lê Thu Hà"
    finally:
        merged.close()


def test_an_officer_receiving_in_the_window_is_named_with_the_sending_office(demo_db, tmp_path):
    district = district_copy(demo_db, tmp_path / "district.kcdb")
    try:
        demo_db.actor = "Lê Thu Hà"
        with demo_db.session() as s:
            shared = Beneficiary(name="Cơ sở mây tre Hợp Thành", commune="Hợp Thành")
            s.add(shared)
            s.flush()
            shared_id = shared.id
        exchange(demo_db, district, tmp_path, "1.kcx")
        for db, share in ((demo_db, 10_000_000), (district, 20_000_000)):
            with db.session() as s:
                s.add(ProjectBeneficiary(project_id=_project(s, LINKED).id, beneficiary_id=shared_id, share=share))
        result = exchange(district, demo_db, tmp_path, "2.kcx")
        [joined] = result.joined
        with demo_db.session() as s:
            actors = {e.actor for e in s.scalars(select(ChangeLog).where(
                ChangeLog.record_id.in_([joined["kept"], *joined["removed"]]), ChangeLog.op != "create"))}
        assert actors == {f"Lê Thu Hà (nhận gói từ {DISTRICT})"}
        exchange(demo_db, district, tmp_path, "3.kcx")
        with district.session() as s:
            # The settlement travels with its author: the district's history names the province's officer.
            assert s.scalar(select(ChangeLog.actor).where(ChangeLog.record_id.in_(joined["removed"]),
                                                          ChangeLog.op == "delete")) == actors.pop()
    finally:
        district.close()
