"""The typed records of a KhuyenCong file: office, programmes, projects, beneficiaries, norms."""
from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Boolean, Date, Enum, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain.codes import BeneficiaryKind, FundingLevel, Source, Status
from .base import Base, Tracked


def _enum(enum_cls) -> Enum:
    return Enum(enum_cls, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e],
                validate_strings=True, create_constraint=False)


Money = BigInteger
"""Whole đồng. Never a float."""


class Office(Tracked, Base):
    """Đơn vị: an office's identity and the letterhead and signatories its documents carry."""

    __tablename__ = "office"
    name: Mapped[str] = mapped_column(String(300))
    """Issuing body (cơ quan ban hành), e.g. TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI."""
    parent_body: Mapped[str] = mapped_column(String(300), default="")
    """Cơ quan chủ quản, e.g. SỞ CÔNG THƯƠNG TỈNH LẠNG SƠN."""
    province: Mapped[str] = mapped_column(String(100), default="")
    place_name: Mapped[str] = mapped_column(String(100), default="")
    """Địa danh in the date line ("Lạng Sơn, ngày …")."""
    number_suffix: Mapped[str] = mapped_column(String(40), default="")
    """Ký hiệu cơ quan in document numbers, e.g. TTKC in 05/BC-TTKC."""
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    head_capacity: Mapped[str] = mapped_column(String(100), default="")
    """Quyền hạn ký, e.g. KT. GIÁM ĐỐC (empty when the head signs personally)."""
    head_position: Mapped[str] = mapped_column(String(100), default="GIÁM ĐỐC")
    head_name: Mapped[str] = mapped_column(String(100), default="")
    preparer_name: Mapped[str] = mapped_column(String(100), default="")
    """Người lập biểu."""
    accountant_name: Mapped[str] = mapped_column(String(100), default="")
    """Kế toán."""
    recipients: Mapped[str] = mapped_column(Text, default="")
    """Nơi nhận, one entry per line, the last normally "Lưu: VT, …"."""
    default_unit: Mapped[str] = mapped_column(String(8), default="TRIEU")


class Activity(Tracked, Base):
    """Nội dung hoạt động khuyến công: the editable activity catalogue."""

    __tablename__ = "activity"
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    group: Mapped[str | None] = mapped_column(String(8))
    """Nhóm nội dung of Decision 1881/QĐ-TTg, when there is one."""
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class SupportNorm(Tracked, Base):
    """Định mức hỗ trợ: a cap on state support, versioned by effective date, with its legal basis."""

    __tablename__ = "support_norm"
    province: Mapped[str | None] = mapped_column(String(100))
    """None: applies to every province (the national circular)."""
    activity_code: Mapped[str] = mapped_column(String(16))
    level: Mapped[FundingLevel | None] = mapped_column(_enum(FundingLevel))
    max_share_percent: Mapped[int | None] = mapped_column(Integer)
    max_amount: Mapped[int | None] = mapped_column(Money)
    scope: Mapped[str] = mapped_column(String(200), default="")
    """What the cap is counted per, e.g. "mỗi mô hình", "mỗi cơ sở"."""
    per_beneficiary: Mapped[bool] = mapped_column(Boolean, default=False)
    """The amount cap applies to each beneficiary of a group project, not to the project."""
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)
    legal_basis: Mapped[str] = mapped_column(Text)


class Programme(Tracked, Base):
    """Chương trình khuyến công: one province, a span of years, a plan of funds and targets."""

    __tablename__ = "programme"
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    province: Mapped[str] = mapped_column(String(100), default="")
    from_year: Mapped[int] = mapped_column(Integer)
    to_year: Mapped[int] = mapped_column(Integer)
    total: Mapped[int | None] = mapped_column(Money)
    """Tổng kinh phí as decided; the plan's margins must each add up to it."""
    decision_no: Mapped[str] = mapped_column(String(60), default="")
    decision_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")

    plan_lines: Mapped[list[PlanLine]] = relationship(back_populates="programme", order_by="PlanLine.year")
    targets: Mapped[list[Target]] = relationship(back_populates="programme")


class PlanLine(Tracked, Base):
    """Kế hoạch vốn: one amount keyed by (year, source); either key may be blank."""

    __tablename__ = "plan_line"
    programme_id: Mapped[str] = mapped_column(ForeignKey("programme.id"), index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[Source | None] = mapped_column(_enum(Source))
    amount: Mapped[int] = mapped_column(Money)
    programme: Mapped[Programme] = relationship(back_populates="plan_lines")


class Target(Tracked, Base):
    """Chỉ tiêu: a numeric target of a programme for one activity."""

    __tablename__ = "target"
    programme_id: Mapped[str] = mapped_column(ForeignKey("programme.id"), index=True)
    activity_code: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(String(500), default="")
    unit: Mapped[str] = mapped_column(String(60), default="")
    planned: Mapped[int] = mapped_column(Integer)
    achieved_manual: Mapped[int | None] = mapped_column(Integer)
    """Set when the officer records the achieved count by hand; otherwise it is counted from projects."""
    programme: Mapped[Programme] = relationship(back_populates="targets")


class Beneficiary(Tracked, Base):
    """Cơ sở CNNT / đơn vị thụ hưởng."""

    __tablename__ = "beneficiary"
    __table_args__ = (Index("ix_beneficiary_list_name", "name_key", "id", sqlite_where=text("deleted_at IS NULL")),
                      Index("ix_beneficiary_place", "province", "district", "commune",
                            sqlite_where=text("deleted_at IS NULL")))
    """The list's sorted ids by name, read from the index alone (migration 0003); the places of live
    records for the place filter and its choices (migration 0005)."""
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[BeneficiaryKind | None] = mapped_column(_enum(BeneficiaryKind))
    tax_code: Mapped[str | None] = mapped_column(String(20), index=True)
    """Mã số thuế."""
    representative: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    commune: Mapped[str] = mapped_column(String(120), default="")
    district: Mapped[str] = mapped_column(String(120), default="")
    """Huyện: historical only (districts were abolished on 1 July 2025)."""
    province: Mapped[str] = mapped_column(String(100), default="")
    trade: Mapped[str] = mapped_column(String(200), default="")
    """Ngành nghề."""
    employees: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    name_key: Mapped[str] = mapped_column(String(600), default="", index=True)

    links: Mapped[list[ProjectBeneficiary]] = relationship(back_populates="beneficiary")


AMOUNT_FIELDS: dict[Source, str] = {
    Source.NSTW: "nstw", Source.NSDP: "nsdp", Source.NSNN: "nsnn", Source.DOI_UNG: "counterpart", Source.KHAC: "other",
}


class Project(Tracked, Base):
    """Đề án khuyến công: one year, one activity, one funding level, one or more beneficiaries."""

    __tablename__ = "project"
    __table_args__ = (Index("ix_project_year_level", "year", "level"),
                      Index("ix_project_list_year", text("year DESC"), "code", "id", sqlite_where=text("deleted_at IS NULL")),
                      Index("ix_project_list_name", "name_key", "code", "id", sqlite_where=text("deleted_at IS NULL")),
                      Index("ix_project_place", "province", "district", "commune", sqlite_where=text("deleted_at IS NULL")))
    """The list's sorted ids (newest year first, or by name) read from the index alone (migration 0003);
    the places of live records for the place filter and its choices (migration 0005)."""
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    year: Mapped[int] = mapped_column(Integer)
    approval_round: Mapped[int | None] = mapped_column(Integer)
    """Đợt phê duyệt within the year."""
    level: Mapped[FundingLevel] = mapped_column(_enum(FundingLevel))
    activity_code: Mapped[str] = mapped_column(String(16), index=True)
    status: Mapped[Status] = mapped_column(_enum(Status), default=Status.DA_PHE_DUYET)
    programme_id: Mapped[str | None] = mapped_column(ForeignKey("programme.id"), index=True)
    implementing_unit: Mapped[str] = mapped_column(String(300), default="")
    place: Mapped[str] = mapped_column(String(300), default="")
    """Địa bàn as written by the officer."""
    commune: Mapped[str] = mapped_column(String(120), default="")
    district: Mapped[str] = mapped_column(String(120), default="")
    province: Mapped[str] = mapped_column(String(100), default="")
    sector: Mapped[str] = mapped_column(String(200), default="")
    """Ngành, lĩnh vực sản xuất."""
    approved_nstw: Mapped[int] = mapped_column(Money, default=0)
    approved_nsdp: Mapped[int] = mapped_column(Money, default=0)
    approved_nsnn: Mapped[int] = mapped_column(Money, default=0)
    approved_counterpart: Mapped[int] = mapped_column(Money, default=0)
    """Vốn đối ứng as approved."""
    approved_other: Mapped[int] = mapped_column(Money, default=0)
    settled_nstw: Mapped[int | None] = mapped_column(Money)
    settled_nsdp: Mapped[int | None] = mapped_column(Money)
    settled_nsnn: Mapped[int | None] = mapped_column(Money)
    settled_counterpart: Mapped[int | None] = mapped_column(Money)
    settled_other: Mapped[int | None] = mapped_column(Money)
    jobs: Mapped[int] = mapped_column(Integer, default=0)
    """Lao động / việc làm tạo ra."""
    participations: Mapped[int] = mapped_column(Integer, default=0)
    """Lượt cơ sở tham gia hội chợ, triển lãm."""
    events: Mapped[int] = mapped_column(Integer, default=0)
    """Số kỳ hội chợ, sự kiện tổ chức hoặc tham gia."""
    capacity: Mapped[str] = mapped_column(String(300), default="")
    """Công suất, e.g. 14 triệu viên/năm."""
    outputs: Mapped[str] = mapped_column(Text, default="")
    necessity: Mapped[str] = mapped_column(Text, default="")
    objectives: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[str] = mapped_column(Text, default="")
    schedule: Mapped[str] = mapped_column(Text, default="")
    expected_results: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    approval_decision_no: Mapped[str] = mapped_column(String(60), default="")
    approval_date: Mapped[date | None] = mapped_column(Date)
    acceptance_decision_no: Mapped[str] = mapped_column(String(60), default="")
    acceptance_date: Mapped[date | None] = mapped_column(Date)
    settlement_decision_no: Mapped[str] = mapped_column(String(60), default="")
    settlement_date: Mapped[date | None] = mapped_column(Date)
    remarks: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    norm_ack_reason: Mapped[str] = mapped_column(Text, default="")
    """Why support above the norm was accepted (required before approval when over the norm)."""
    unlocked: Mapped[bool] = mapped_column(Boolean, default=False)
    """A settled project is locked; an explicit, recorded unlock sets this."""
    search_text: Mapped[str] = mapped_column(Text, default="")
    name_key: Mapped[str] = mapped_column(String(600), default="", index=True)

    programme: Mapped[Programme | None] = relationship()
    links: Mapped[list[ProjectBeneficiary]] = relationship(back_populates="project")

    def amounts(self, settled: bool = False) -> dict[Source, int]:
        """Amounts by source, approved or (when ``settled``) as settled; unset settled amounts are 0."""
        prefix = "settled_" if settled else "approved_"
        return {source: getattr(self, prefix + field) or 0 for source, field in AMOUNT_FIELDS.items()}

    def set_amounts(self, amounts: dict[Source, int], settled: bool = False) -> None:
        prefix = "settled_" if settled else "approved_"
        for source, field in AMOUNT_FIELDS.items():
            setattr(self, prefix + field, int(amounts.get(source, 0)))

    @property
    def is_locked(self) -> bool:
        return self.status == Status.DA_QUYET_TOAN and not self.unlocked


class ProjectBeneficiary(Tracked, Base):
    """A beneficiary of a project, with its share of the state support when known."""

    __tablename__ = "project_beneficiary"
    __table_args__ = (Index("uq_project_beneficiary_live", "project_id", "beneficiary_id", unique=True,
                            sqlite_where=text("deleted_at IS NULL")),)
    """One live link per project and cơ sở; tombstones may share the pair (a merge settles two live ones)."""
    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), index=True)
    beneficiary_id: Mapped[str] = mapped_column(ForeignKey("beneficiary.id"), index=True)
    share: Mapped[int | None] = mapped_column(Money)
    project: Mapped[Project] = relationship(back_populates="links")
    beneficiary: Mapped[Beneficiary] = relationship(back_populates="links")


class ChangeLog(Base):
    """Lịch sử thay đổi: one entry per created record, changed field, deletion or restoration.

    ``old_value``/``new_value`` are JSON. A ``create`` entry holds the whole record in
    ``new_value``. ``office_id`` is the office where the edit was made; exchange packages carry
    these entries and merging is decided from them.
    """

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_record_field", "record_id", "field"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    entity: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(10))
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    at: Mapped[str] = mapped_column(String(27))
    actor: Mapped[str] = mapped_column(String(120), default="")
    office_id: Mapped[str | None] = mapped_column(String(36))


class Setting(Base):
    """Settings of this file that never travel: which office it belongs to, and the like."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


TRACKED_MODELS: tuple[type[Tracked], ...] = (
    Office, Activity, SupportNorm, Programme, PlanLine, Target, Beneficiary, Project, ProjectBeneficiary,
)
MODEL_BY_TABLE = {model.__tablename__: model for model in TRACKED_MODELS}

from . import exchange_models  # noqa: E402,F401  (entry lineage and merge records join the same metadata)
