"""Member-exclusive basic protection (会员专享基本保障) fee split, manuals [000][001].

Per type a row of the 保障金额设置 form: fee per person = city allocation (市总统一划拨) +
district/all-level unions (区局/各级工会缴费) + grassroots (基层单位缴费), with a validity period.
The year's data file holds the manuals' rows; a district union's own setting overrides them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from domain.calc.common import CalcError, Issue, jsonable, money
from domain.calc.data import carried_notes, year_or_latest

TYPES = ("A", "A+", "B", "B+")  # the member-exclusive types; their names are calc-mb-type-name (locales/)


def normalize_type(raw: str) -> str:
    t = (raw or "").strip().upper().replace("＋", "+").replace("类", "").replace("PLUS", "+")
    return t


@dataclass(frozen=True)
class SplitRow:
    """One row of 保障金额设置 (基层缴费设置)."""

    fee: Decimal
    city: Decimal | None
    district: Decimal | None
    grassroots: Decimal | None
    valid_from: date | None = None
    valid_to: date | None = None

    def check(self) -> list[Issue]:
        issues = []
        if self.fee <= 0:
            issues.append(Issue("calc.fee_not_positive"))
        parts = (self.city, self.district, self.grassroots)
        if any(p is not None and p < 0 for p in parts):
            issues.append(Issue("calc.split_negative"))
        if all(p is not None for p in parts) and sum(parts) != self.fee:
            issues.append(Issue("calc.split_mismatch", {"fee": self.fee, "sum": sum(parts)}))
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            issues.append(Issue("calc.validity_order"))
        return issues


@dataclass
class MemberBasicFee:
    year: int
    type: str
    people: int
    row: SplitRow
    source: str  # "data" (manual figures) or "district" (a district union's setting)
    period: tuple[date, date]
    warnings: list[Issue] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.row.fee * self.people

    def part(self, name: str) -> Decimal | None:
        v = getattr(self.row, name)
        return None if v is None else v * self.people

    def as_dict(self) -> dict:
        return jsonable({
            "program": "member-basic", "year": self.year, "type": self.type,
            "people": self.people, "total": self.total,
            "city": self.part("city"), "district": self.part("district"), "grassroots": self.part("grassroots"),
            "per_person": {"fee": self.row.fee, "city": self.row.city, "district": self.row.district,
                           "grassroots": self.row.grassroots},
            "valid_from": self.row.valid_from or self.period[0], "valid_to": self.row.valid_to or self.period[1],
            "source": self.source, "warnings": [w.as_dict() for w in self.warnings],
        })


def member_basic_fee(type_: str, people: int, year: int | None = None, on: date | None = None,
                     override: SplitRow | None = None) -> MemberBasicFee:
    type_ = normalize_type(type_)
    if type_ not in TYPES:
        raise CalcError(Issue("calc.type_unknown", {"type": type_, "valid": ", ".join(TYPES)}))
    if people <= 0:
        raise CalcError(Issue("calc.people_zero"))
    data = year_or_latest("member_basic", year, on)
    warnings: list[Issue] = carried_notes(data)
    if override is not None:
        issues = override.check()
        if issues:
            raise CalcError(issues)
        row, source = override, "district"
    else:
        raw = (data.raw.get("types") or {}).get(type_)
        if raw is None:
            raise CalcError(Issue("calc.type_not_priced", {"type": type_, "year": data.year,
                                                           "known": ", ".join(data.raw.get("types") or {})}))
        row = SplitRow(money(raw["fee"]), *(None if raw.get(k) is None else money(raw[k])
                                            for k in ("city", "district", "grassroots")))
        source = "data"
        warnings.append(Issue("calc.member_fee_example", {"year": data.carried_from or data.year}))
    if row.city is None or row.district is None or row.grassroots is None:
        warnings.append(Issue("calc.split_not_stated", {"type": type_}))
    return MemberBasicFee(data.year, type_, people, row, source, (data.start, data.end), warnings)


@dataclass(frozen=True)
class CollectiveHeadcount:
    """Who is on the member-exclusive collective enrollment list, from the counts of the 集中参保办理 screen
    ([001]): members without a card (未办卡), retired and deceased members (退休、死亡, removed
    automatically) and members still to be confirmed (待确认, "未确认的会员不出现在参保名单内") are not on it.
    The manual's screen: 会员总人数 128, 未办卡 32, 退休 0, 死亡 0, 待确认 1 → 参保人数 95."""
    total: int
    no_card: int
    retired: int
    deceased: int
    unconfirmed: int
    submitted: int | None = None  # 集中参保已提交人数: the manual does not say how it counts

    @property
    def enrolled(self) -> int:
        return self.total - self.no_card - self.retired - self.deceased - self.unconfirmed

    def as_dict(self) -> dict:
        return jsonable({"total": self.total, "no_card": self.no_card, "retired": self.retired,
                         "deceased": self.deceased, "unconfirmed": self.unconfirmed, "submitted": self.submitted,
                         "enrolled": self.enrolled})


def collective_headcount(total: int, no_card: int = 0, retired: int = 0, deceased: int = 0, unconfirmed: int = 0,
                         submitted: int | None = None) -> CollectiveHeadcount:
    if min(total, no_card, retired, deceased, unconfirmed) < 0:
        raise CalcError(Issue("calc.people_negative"))
    result = CollectiveHeadcount(total, no_card, retired, deceased, unconfirmed, submitted)
    if result.enrolled < 0:
        raise CalcError(Issue("calc.headcount_parts_exceed", {"total": total}))
    return result


@dataclass(frozen=True)
class RetiredMember:
    """A member who retired, against the member-exclusive collective enrollment of a protection year ([001]
    【重要提示】): retired before 1 January of the year → outside it; the system greys out only those retired
    by the end of August of the year before, so those retired from September to December are removed by
    hand (enrolled anyway, 不予给付)."""
    retired: date
    year: int
    out_before: date
    system_until: date
    shifted: bool  # the rule of the manual's year moved to the year asked
    manual_year: int = 0

    @property
    def state(self) -> str:
        if self.retired >= self.out_before:
            return "not_excluded"  # retired on or after 1 January: the rule does not exclude them
        if self.retired <= self.system_until:
            return "system_excludes"
        return "remove_by_hand"

    def as_dict(self) -> dict:
        return jsonable({"retired": self.retired, "year": self.year, "out_before": self.out_before,
                         "system_until": self.system_until, "state": self.state, "shifted": self.shifted})


def retired_member(retired: date, year: int | None = None) -> RetiredMember:
    """``year``: the protection year of the collective enrollment; by default the one that follows the
    retirement when it falls in the months the collective enrollment runs (it is done at the end of the
    year before), else the retirement's own year + 1."""
    from domain.calc.data import program_data, years_with

    years = [y for y in years_with("member_basic") if program_data("member_basic", y).raw.get("retirees")]
    if not years:
        raise CalcError(Issue("calc.no_data", {"program": "member_basic", "year": year}))
    year = year or retired.year + 1
    base = max([y for y in years if y <= year] or years)
    rule = program_data("member_basic", base).raw["retirees"]
    shift = year - base

    def moved(day: date) -> date:
        try:
            return day.replace(year=day.year + shift)
        except ValueError:
            return day.replace(year=day.year + shift, day=28)

    return RetiredMember(retired, year, moved(rule["out_if_retired_before"]), moved(rule["system_excludes_until"]),
                         shift != 0, base)
