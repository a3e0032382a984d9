"""The records of the national benchmark file: offices, programmes, beneficiaries, then projects in chunks.

The base records are made in the main process; projects are made in chunks (one worker process
per core), each chunk from its own seeded generator, so the file does not depend on the number
of cores.
"""
from __future__ import annotations

import math
import random
from datetime import date

from row_writer import RowWriter
from vocabulary import (
    COMMUNE_KINDS, COMPANY_WORDS, GIVEN_NAMES, MACHINES, MIDDLE_NAMES, PLACE_WORDS, PROJECT_TEMPLATES, PROVINCES,
    SURNAMES, TARGET_UNITS, TRADES, VILLAGE_KINDS,
)

from khuyencong_desktop.domain.codes import BeneficiaryKind, FundingLevel, Source, Status
from khuyencong_desktop.storage.models import Beneficiary, Office, PlanLine, Programme, Project, ProjectBeneficiary, Target

MILLION = 1_000_000
NOTE = "Dữ liệu tổng hợp sinh tự động để đo hiệu năng."
ACTIVITY_WEIGHTS = {"MM": 35, "DT": 12, "HC": 8, "MH": 6, "TH": 6, "TV": 5, "QL": 4, "TT": 4, "SXSH": 3, "MT": 3,
                    "SP": 3, "LK": 3, "NL": 3, "CCN": 2, "KN": 2, "KHAC": 1}
# Status mix by the project's age in years: old projects are settled, this year's still moving.
STATUS_BY_AGE = (
    {Status.DANG_THUC_HIEN: 45, Status.DA_PHE_DUYET: 25, Status.DA_THAM_DINH: 10, Status.DE_XUAT: 12,
     Status.BI_TU_CHOI: 6, Status.NGUNG: 2},
    {Status.DA_NGHIEM_THU: 50, Status.DA_QUYET_TOAN: 30, Status.DANG_THUC_HIEN: 10, Status.BI_TU_CHOI: 5,
     Status.NGUNG: 3, Status.DE_XUAT: 2},
    {Status.DA_QUYET_TOAN: 86, Status.DA_NGHIEM_THU: 4, Status.BI_TU_CHOI: 5, Status.NGUNG: 3, Status.DE_XUAT: 2},
)
KIND_WEIGHTS = {BeneficiaryKind.HKD: 50, BeneficiaryKind.DN: 30, BeneficiaryKind.HTX: 15, BeneficiaryKind.THT: 5}
OVER_NORM_REASON = "Địa bàn đặc biệt khó khăn; UBND tỉnh chấp thuận mức hỗ trợ cao hơn định mức."
TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
"""Weights of the check digit (the tenth) of a Vietnamese tax code."""


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _thousands(amount: float) -> int:
    """Whole đồng rounded to the thousand, as amounts are written on decisions."""
    return int(round(amount / 1000)) * 1000


class NationalBase:
    """The provincial offices with their programmes and plans, and the beneficiaries."""

    def __init__(self, seed: int, first_year: int, last_year: int, provinces: int, at: str):
        self.rng = random.Random(seed)
        self.seed = seed
        self.first_year, self.last_year = first_year, last_year
        self.provinces = PROVINCES[:provinces]
        self.rows = RowWriter(self.rng, at, actors={})
        self.office_ids: list[str] = []
        self.programmes: dict[tuple[int, int], str] = {}
        """(province index, year) → the programme covering that year."""
        self.beneficiaries: list[list[tuple[str, str, str, str, str]]] = [[] for _ in self.provinces]
        """Per province: (id, name, commune, district, trade) of each beneficiary."""
        weights = [self.rng.uniform(0.5, 2.0) for _ in self.provinces]
        self.province_weights = [w / sum(weights) for w in weights]
        self._tax_sequence = self.rng.randrange(1_000_000, 2_000_000)

    def person(self) -> str:
        return person(self.rng)

    def tax_code(self, index: int, kind: BeneficiaryKind) -> str | None:
        """A unique tax code of the right format: 10 digits with a valid check digit, a branch, or a 12-digit id."""
        rng = self.rng
        if kind == BeneficiaryKind.THT or rng.random() < 0.1:
            return None
        self._tax_sequence += 1
        if kind == BeneficiaryKind.HKD and rng.random() < 0.6:
            return f"{index + 1:03d}{rng.choice('0123')}{rng.randrange(60, 100):02d}{self._tax_sequence % 1_000_000:06d}"
        while True:
            body = f"{index + 1:02d}{self._tax_sequence % 10_000_000:07d}"
            check = 10 - sum(int(d) * w for d, w in zip(body, TAX_WEIGHTS)) % 11
            if check < 10:
                break
            self._tax_sequence += 1
        branch = f"-{rng.randrange(1, 20):03d}" if kind == BeneficiaryKind.DN and rng.random() < 0.05 else ""
        return f"{body}{check}{branch}"

    def add_offices_and_programmes(self) -> None:
        for index, (province, code) in enumerate(self.provinces):
            office_id = self.rows.new_id()
            self.office_ids.append(office_id)
            preparer = self.person()
            self.rows.actors[office_id] = preparer
            self.rows.add(Office, office_id, id=office_id, name="TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI",
                          parent_body=f"SỞ CÔNG THƯƠNG {province.upper()}", province=province, place_name=province,
                          number_suffix="TTKC", head_name=self.person(), preparer_name=preparer,
                          accountant_name=self.person(), phone=f"02{index + 10:02d} {self.rng.randrange(3_000_000, 4_000_000)}",
                          recipients="Sở Công Thương (b/c);\nCục Công Thương địa phương (b/c);\nLưu: VT, KC.")
            for start in range(self.first_year, self.last_year + 1, 5):
                self._add_programme(index, start, min(start + 4, self.last_year))

    def _add_programme(self, index: int, start: int, end: int) -> None:
        rng, (province, code), office_id = self.rng, self.provinces[index], self.office_ids[index]
        yearly = {year: rng.randrange(2_000, 20_000) * MILLION for year in range(start, end + 1)}
        total = sum(yearly.values())
        state = total * rng.randrange(30, 50) // 100
        programme = self.rows.add(
            Programme, office_id, code=f"{code}-{start}-{end}", province=province, from_year=start, to_year=end,
            name=f"Chương trình khuyến công tỉnh {province} giai đoạn {start} - {end}", total=total,
            decision_no=f"{rng.randrange(1, 3000)}/QĐ-UBND", notes=NOTE,
            decision_date=date(start - 1, rng.randrange(9, 13), rng.randrange(1, 29)))
        for year, amount in yearly.items():
            self.rows.add(PlanLine, office_id, programme_id=programme["id"], year=year, source=None, amount=amount)
        for source, amount in ((Source.NSDP, state), (Source.DOI_UNG, total - state)):
            self.rows.add(PlanLine, office_id, programme_id=programme["id"], year=None, source=source, amount=amount)
        for activity in rng.sample(sorted(TARGET_UNITS), 4):
            self.rows.add(Target, office_id, programme_id=programme["id"], activity_code=activity,
                          description=PROJECT_TEMPLATES[activity].split(" {")[0], unit=TARGET_UNITS[activity],
                          planned=rng.randrange(2, 60))
        for year in range(start, end + 1):
            self.programmes[(index, year)] = programme["id"]

    def add_beneficiaries(self, count: int) -> None:
        """``count`` beneficiaries spread over the provinces; their derived columns are left to fill."""
        rng = self.rng
        if count < 3 * len(self.provinces):
            raise ValueError(f"need at least {3 * len(self.provinces)} beneficiaries for {len(self.provinces)} provinces")
        # Three per province first, so every province can give a project up to three beneficiaries.
        homes = [i for i in range(len(self.provinces)) for _ in range(3)]
        homes += rng.choices(range(len(self.provinces)), weights=self.province_weights, k=count - len(homes))
        for index in homes:
            province = self.provinces[index][0]
            kind = _weighted(rng, KIND_WEIGHTS)
            trade, who, commune = rng.choice(TRADES), self.person(), commune_name(rng)
            name = {BeneficiaryKind.HKD: f"Hộ kinh doanh {who}",
                    BeneficiaryKind.DN: f"Công ty TNHH {rng.choice(COMPANY_WORDS)} {rng.choice(PLACE_WORDS)}"
                    if rng.random() < 0.7 else f"Công ty Cổ phần {trade} {rng.choice(COMPANY_WORDS)}",
                    BeneficiaryKind.HTX: f"HTX {trade} {commune.split(' ', 1)[1]}",
                    BeneficiaryKind.THT: f"Tổ hợp tác {trade} {rng.choice(PLACE_WORDS)}"}[kind]
            row = self.rows.add(
                Beneficiary, self.office_ids[index], derive=False, name=name, kind=kind,
                tax_code=self.tax_code(index, kind), representative=who, phone=f"09{rng.randrange(10_000_000, 100_000_000)}",
                address=f"{rng.choice(VILLAGE_KINDS)} {rng.randrange(1, 20)}, {commune}, {province}", commune=commune,
                district=f"huyện {rng.choice(PLACE_WORDS)}", province=province, trade=trade,
                employees=rng.randrange(1, 200))
            self.beneficiaries[index].append((row["id"], row["name"], commune, row["district"], trade))

    def assignments(self, count: int) -> list[tuple[int, int, str]]:
        """(province index, year, project code) of ``count`` projects, more in recent years."""
        span = range(self.first_year, self.last_year + 1)
        year_weights = [1 + (year - self.first_year) / len(span) for year in span]
        provinces = self.rng.choices(range(len(self.provinces)), weights=self.province_weights, k=count)
        years = self.rng.choices(span, weights=year_weights, k=count)
        numbers: dict[tuple[int, int], int] = {}
        result = []
        for index, year in zip(provinces, years):
            numbers[(index, year)] = numbers.get((index, year), 0) + 1
            result.append((index, year, f"{self.provinces[index][1]}-{year}-{numbers[(index, year)]:05d}"))
        return result

    def context(self) -> dict:
        """What a worker needs to make projects: plain data, sent to each worker once."""
        return {"seed": self.seed, "last_year": self.last_year, "provinces": self.provinces, "at": self.rows.at,
                "office_ids": self.office_ids, "actors": self.rows.actors, "programmes": self.programmes,
                "beneficiaries": self.beneficiaries}


def person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


def commune_name(rng: random.Random) -> str:
    return f"{rng.choice(COMMUNE_KINDS)} {rng.choice(PLACE_WORDS)}"


def project_chunk(context: dict, chunk: int, assignments: list[tuple[int, int, str]]) -> RowWriter:
    """The projects of ``assignments`` with their beneficiary links, from the chunk's own generator."""
    rng = random.Random(f"{context['seed']}:{chunk}")
    rows = RowWriter(rng, context["at"], context["actors"])
    for index, year, code in assignments:
        office_id = context["office_ids"][index]
        people = rng.sample(context["beneficiaries"][index], _weighted(rng, {1: 70, 2: 20, 3: 10}))
        project = _project(rows, context, index, year, code, people)
        share = None
        if len(people) > 1 and project["activity_code"] == "MM":
            share = (project["approved_nstw"] + project["approved_nsdp"] + project["approved_nsnn"]) // len(people)
        for who in people:
            rows.add(ProjectBeneficiary, office_id, project_id=project["id"], beneficiary_id=who[0], share=share)
    return rows


def _project(rows: RowWriter, context: dict, index: int, year: int, code: str, people: list[tuple]) -> dict:
    rng = rows.rng
    province = context["provinces"][index][0]
    activity = _weighted(rng, ACTIVITY_WEIGHTS)
    level = FundingLevel.KCQG if rng.random() < 0.12 else FundingLevel.KCDP
    status = _weighted(rng, STATUS_BY_AGE[min(context["last_year"] - year, 2)])
    _, first_name, commune, district, trade = people[0]
    support = rng.randrange(500, 10_001) * 100_000  # 50-1.000 triệu, to the 100.000 đồng
    counterpart = _thousands(support * rng.uniform(0, 8))
    over_norm = activity in ("MM", "MH") and rng.random() < 0.02
    if activity == "MM" and not over_norm:
        support = min(support, 300 * MILLION * len(people))
        counterpart = max(counterpart, support)  # the state pays at most half
    elif activity == "MH" and not over_norm:
        counterpart = max(counterpart, math.ceil(support * 7 / 3000) * 1000)  # at most 30%
    elif activity == "SP":
        support = min(support, (400 if level == FundingLevel.KCQG else 200) * MILLION)
    elif over_norm:
        counterpart = support // 2
    other = _thousands(support * rng.uniform(0, 1)) if rng.random() < 0.05 else 0
    state_field = "nstw" if level == FundingLevel.KCQG else ("nsnn" if rng.random() < 0.1 else "nsdp")
    approved = {"nstw": 0, "nsdp": 0, "nsnn": 0, "counterpart": counterpart, "other": other, state_field: support}
    values = {f"approved_{k}": v for k, v in approved.items()}
    approval = date(year, rng.randrange(1, 7), rng.randrange(1, 29))
    if status == Status.DA_QUYET_TOAN:
        values.update({f"settled_{k}": _thousands(v * rng.uniform(0.92, 1.0)) for k, v in approved.items()})
        values.update(settlement_decision_no=f"{rng.randrange(1, 900)}/QĐ-SCT",
                      settlement_date=date(year + 1, rng.randrange(1, 4), rng.randrange(1, 29)))
    if status in (Status.DA_NGHIEM_THU, Status.DA_QUYET_TOAN):
        values.update(acceptance_decision_no=f"{rng.randrange(1, 900)}/BB-NT",
                      acceptance_date=date(year, 12, rng.randrange(1, 29)))
    name = PROJECT_TEMPLATES[activity].format(trade=trade, commune=commune, beneficiary=first_name,
                                              machine=rng.choice(MACHINES), year=year)
    jobs = {"MM": (3, 25), "MH": (5, 40), "KN": (2, 10), "LK": (0, 15)}.get(activity, (0, 1))
    return rows.add(
        Project, context["office_ids"][index], code=code, name=name, year=year, approval_round=rng.randrange(1, 3), level=level,
        activity_code=activity, status=status, programme_id=context["programmes"].get((index, year))
        if level == FundingLevel.KCDP else None,
        implementing_unit=f"Trung tâm Khuyến công và Xúc tiến thương mại {province}",
        place=f"{commune}, {province}", commune=commune, district=district,
        province=province, sector=trade, jobs=rng.randrange(*jobs) if jobs[1] > 1 else 0,
        participations=rng.randrange(5, 40) if activity == "HC" else 0,
        events=rng.randrange(1, 4) if activity == "HC" else 0,
        capacity=f"{rng.randrange(1, 50)} tấn sản phẩm/năm" if activity in ("MM", "MH") else "",
        objectives=f"Nâng cao năng suất, chất lượng sản phẩm {trade}; tạo việc làm ổn định cho lao động địa phương.",
        start_date=approval, end_date=date(year, 12, rng.randrange(1, 29)),
        approval_decision_no=f"{rng.randrange(1, 2000)}/QĐ-SCT" if status.is_counted else "",
        approval_date=approval if status.is_counted else None,
        norm_ack_reason=OVER_NORM_REASON if over_norm and rng.random() < 0.9 else "", notes=NOTE, **values)
