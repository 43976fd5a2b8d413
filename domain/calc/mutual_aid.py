"""Mutual-aid project 2020 premium (上海职工互助保障项目2020), manual [002].

Rules (manual pp. 60, 75-77):
- at least one basic item (A0/B0/C0); enhanced items only on top of a basic item;
- at most one level per enhanced line (A1-A3, B1-B3, C1-C3); each item once;
- A0 only for people in the employee medical insurance (职保): people without social security
  are not charged A0, so they never get the bundle;
- start date 7/1-12/31 -> full-year table, 1/1-6/30 -> half-year table;
- A0+B0+C0 together 190 -> 180 per person only when the cover is longer than half a year
  (full-year tier; the half-year table has no bundle line, DOMAIN §7 item 13).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from domain.calc.common import CalcError, Issue, jsonable, money
from domain.calc.data import ITEMS, ProgramData, carried_notes, year_for

BASIC = ("A0", "B0", "C0")
LINES = {"A": ("A1", "A2", "A3"), "B": ("B1", "B2", "B3"), "C": ("C1", "C2", "C3")}


def parse_items(raw: str | list[str]) -> list[str]:
    """'a0, B0；c0' -> ['A0', 'B0', 'C0'] (full-width separators and subscripts accepted)."""
    if isinstance(raw, str):
        text = raw.translate(str.maketrans({"，": ",", "；": ",", ";": ",", "、": ",", " ": ",", "+": ",",
                                            "₀": "0", "₁": "1", "₂": "2", "₃": "3"}))
        parts = text.split(",")
    else:
        parts = list(raw)
    return [p.strip().upper() for p in parts if p and p.strip()]


def check_selection(items: list[str]) -> list[Issue]:
    """Why a selection is invalid (empty list = valid)."""
    issues: list[Issue] = []
    if not items:
        return [Issue("calc.items_empty")]
    unknown = [i for i in items if i not in ITEMS]
    if unknown:
        issues.append(Issue("calc.item_unknown", {"items": ", ".join(unknown), "valid": ", ".join(ITEMS)}))
    seen: set[str] = set()
    for i in items:
        if i in seen:
            issues.append(Issue("calc.item_duplicate", {"item": i}))
        seen.add(i)
    known = [i for i in dict.fromkeys(items) if i in ITEMS]
    for line, levels in LINES.items():
        chosen = [i for i in known if i in levels]
        if len(chosen) > 1:
            issues.append(Issue("calc.enhanced_line_conflict", {"line": line, "items": ", ".join(chosen)}))
    if not any(i in BASIC for i in known):
        enhanced = [i for i in known if i not in BASIC]
        if enhanced:
            issues.append(Issue("calc.enhanced_without_basic", {"items": ", ".join(enhanced)}))
        elif not unknown:
            issues.append(Issue("calc.items_empty"))
    return issues


@dataclass
class FeeLine:
    item: str  # "A3" or "A0+B0+C0"
    unit_fee: Decimal  # 费用标准
    discount: Decimal  # 优惠金额 per person
    insured_people: int
    uninsured_people: int

    @property
    def actual_fee(self) -> Decimal:
        return self.unit_fee - self.discount

    @property
    def insured_amount(self) -> Decimal:
        return self.actual_fee * self.insured_people

    @property
    def uninsured_amount(self) -> Decimal:
        return self.actual_fee * self.uninsured_people

    @property
    def amount(self) -> Decimal:
        return self.insured_amount + self.uninsured_amount

    def as_dict(self) -> dict:
        return jsonable({
            "item": self.item, "unit_fee": self.unit_fee, "discount": self.discount, "fee": self.actual_fee,
            "insured": {"people": self.insured_people, "amount": self.insured_amount},
            "uninsured": {"people": self.uninsured_people, "amount": self.uninsured_amount},
            "amount": self.amount,
        })


@dataclass
class MutualAidFee:
    year: int
    mode: str
    start: date
    end: date
    tier: str  # full / half
    items: list[str]
    insured: int
    uninsured: int
    lines: list[FeeLine]
    warnings: list[Issue] = field(default_factory=list)
    bundle_applied: bool = False

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def insured_total(self) -> Decimal:
        return sum((line.insured_amount for line in self.lines), Decimal(0))

    @property
    def uninsured_total(self) -> Decimal:
        return sum((line.uninsured_amount for line in self.lines), Decimal(0))

    def as_dict(self) -> dict:
        return jsonable({
            "program": "mutual-aid", "year": self.year, "mode": self.mode,
            "start": self.start, "end": self.end, "tier": self.tier, "items": self.items,
            "insured": self.insured, "uninsured": self.uninsured, "bundle_applied": self.bundle_applied,
            "lines": [line.as_dict() for line in self.lines],
            "insured_total": self.insured_total, "uninsured_total": self.uninsured_total,
            "total": self.total, "warnings": [w.as_dict() for w in self.warnings],
        })


def _order(items: list[str]) -> list[str]:
    return sorted(items, key=lambda i: (i[1] != "0", i[0], i[1]))


def mutual_aid_fee(items: list[str] | str, insured: int, uninsured: int = 0, start: date | None = None,
                   mode: str = "instant", collective_items: list[str] | None = None,
                   data: ProgramData | None = None, extras: dict[str, int] | None = None) -> MutualAidFee:
    """Premium of one batch. Raises CalcError with the reasons for an invalid selection/input.

    ``extras``: items only some of the people take on top of ``items``, with their headcount ("15 people take
    A0+B0+C0 and 5 of them also A2": items A0,B0,C0, extras {"A2": 5}); each is charged to its own people only
    (the platform's premium table lists a line per item with its people), counted among those with 职保."""
    items = parse_items(items)
    extras = {k.upper(): int(v) for k, v in (extras or {}).items()}
    issues = check_selection(items + [i for i in extras if i not in items])
    if insured < 0 or uninsured < 0:
        issues.append(Issue("calc.people_negative"))
    elif insured + uninsured == 0:
        issues.append(Issue("calc.people_zero"))
    for item, n in extras.items():
        if item in items:
            issues.append(Issue("calc.item_duplicate", {"item": item}))
        elif n <= 0 or n > insured + uninsured:
            issues.append(Issue("calc.extra_people_range", {"item": item, "people": n, "total": insured + uninsured}))
    if mode not in ("collective", "instant"):
        issues.append(Issue("calc.mode_unknown", {"mode": mode}))
    if issues:
        raise CalcError(issues)
    items = _order(list(dict.fromkeys(items)))
    if collective_items is not None:
        collective = _order(list(dict.fromkeys(parse_items(collective_items))))
        if mode == "instant" and collective != items:
            raise CalcError(Issue("calc.items_differ_from_collective",
                                  {"collective": ", ".join(collective), "items": ", ".join(items)}))
    if data is None:
        if start is None:
            raise CalcError(Issue("calc.start_required"))
        if mode == "collective":  # collective enrollment happens in June, before the year starts
            from domain.calc.data import collective_year

            data = collective_year("mutual_aid", start)
        else:
            data = year_for("mutual_aid", start)
    if mode == "collective":
        start = data.start
    elif start is None:
        raise CalcError(Issue("calc.start_required"))
    tier = next((t for t in data.raw["rate_tiers"] if t["from"] <= start <= t["to"]), None)
    if tier is None:
        raise CalcError(Issue("calc.start_outside_year", {"start": start, "from": data.start, "to": data.end}))
    rates = {k: money(v[tier["tier"]]) for k, v in data.raw["items"].items()}
    bundle = data.raw.get("bundle") or {}
    bundle_items = list(bundle.get("items") or [])
    warnings: list[Issue] = carried_notes(data)
    lines: list[FeeLine] = []
    bundle_applied = bool(tier.get("bundle_discount")) and bool(bundle_items) and set(bundle_items) <= set(items) and insured > 0
    if set(bundle_items) <= set(items) and not tier.get("bundle_discount"):
        warnings.append(Issue("calc.bundle_half_year", {"discount": money(bundle.get("discount", 0))}))
    if bundle_applied:
        lines.append(FeeLine("+".join(bundle_items), sum((rates[i] for i in bundle_items), Decimal(0)),
                             money(bundle["discount"]), insured, 0))
    for item in items:
        if bundle_applied and item in bundle_items:
            # people without social security are charged B0/C0 on their own line (no A0, no bundle)
            if item != "A0" and uninsured:
                lines.append(FeeLine(item, rates[item], Decimal(0), 0, uninsured))
            continue
        if item == "A0":
            if insured:
                lines.append(FeeLine(item, rates[item], Decimal(0), insured, 0))
            continue
        lines.append(FeeLine(item, rates[item], Decimal(0), insured, uninsured))
    for item in _order(list(extras)):
        if item in rates:
            lines.append(FeeLine(item, rates[item], Decimal(0), extras[item], 0))
    items = _order(items + [i for i in extras if i not in items])
    if "A0" in items and uninsured:
        warnings.append(Issue("calc.a0_zhibao_only", {"people": uninsured}))
    if "A0" in items and not insured:
        warnings.append(Issue("calc.a0_nobody"))
    if uninsured:
        warnings.append(Issue("calc.uninsured_age_rule"))
        if any(i in LINES["A"] for i in items):
            warnings.append(Issue("calc.uninsured_no_deductible_subsidy"))
    return MutualAidFee(data.year, mode, start, data.end, tier["tier"], items, insured, uninsured, lines,
                        warnings, bundle_applied)
