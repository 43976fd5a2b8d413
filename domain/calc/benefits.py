"""What each protection item pays, per protection year: ``domain/data/programs/benefits/<year>.yaml``.

Only the mutual-aid project 2020 has a benefit table in the manuals ([002] 上海职工互助保障项目2020
一览表). The member-exclusive basic protection ([000][001]) and the retiree plan ([004]) give no
benefit amounts: asking for them raises ``CalcError(calc.benefits_not_in_manuals)`` so the caller
says so instead of inventing figures. The table has no claim procedure either (``CLAIMS_SOURCE``
says who to ask).

Results carry codes and numbers; labels are in ``locales/*/calc.ftl`` (``calc-bn-<kind>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

from domain.calc.common import CalcError, Issue, jsonable, money
from domain.calc.data import ITEMS, DataFileError, program_data
from domain.vocabulary import calc_section

BENEFITS_DIR = Path(__file__).resolve().parent.parent / "data" / "programs" / "benefits"
# kind -> the numeric fields it must carry (money fields become Decimal)
KINDS = {
    "limit": ("max",),
    "pooled": ("inpatient_pct", "outpatient_serious_pct", "home_bed_pct"),
    "supplementary": ("inpatient_pct", "outpatient_serious_pct", "home_bed_pct"),
    "disease_death": ("amount",),
    "daily_allowance": ("per_day", "max"),
    "deductible_subsidy": ("max",),
    "serious_illness": ("illnesses", "amount"),
    "female_cancer": ("amount",),
    "accident_disability": ("max",),
    "accident_death": ("amount",),
}
MONEY_FIELDS = {"max", "amount", "per_day"}
# Who to ask about claims: the manuals give no claim procedure; [002] ends with 热线咨询 12351.
CLAIMS_SOURCE = {"hotline": "12351", "source": "[002]"}


@dataclass(frozen=True)
class Benefit:
    kind: str
    values: dict  # numbers (Decimal for money, int for percentages/counts); in_situ: "included" | Decimal

    def as_dict(self) -> dict:
        return {"kind": self.kind, **jsonable(self.values)}


@dataclass(frozen=True)
class BenefitItem:
    item: str
    line: str  # hospital / illness / accident
    layer: str  # basic / enhanced
    premium: Decimal  # full-year 保障费 per person, from the premium data of the same year
    benefits: tuple[Benefit, ...]
    manual: str  # the table cell as printed
    deductible_zhibao_only: bool

    def as_dict(self) -> dict:
        return jsonable({"item": self.item, "line": self.line, "layer": self.layer, "premium": self.premium,
                         "benefits": [b.as_dict() for b in self.benefits], "manual": self.manual,
                         "deductible_subsidy_zhibao_only": self.deductible_zhibao_only})


@dataclass(frozen=True)
class BenefitTable:
    program: str
    year: int
    start: date
    end: date
    source: str
    items: dict[str, BenefitItem]

    @property
    def warnings(self) -> list[Issue]:  # same shape as the calculators' results (the table has none)
        return []

    def select(self, items) -> list[BenefitItem]:
        """The rows for ``items`` in table order (A0…C3); unknown names are ignored."""
        wanted = set(items)
        return [row for name, row in self.items.items() if name in wanted]

    def as_dict(self) -> dict:
        return jsonable({"program": self.program, "year": self.year, "start": self.start, "end": self.end,
                         "source": self.source, "items": [r.as_dict() for r in self.items.values()],
                         "claims": CLAIMS_SOURCE})


def _need(cond: bool, where: str, what: str) -> None:
    if not cond:
        raise DataFileError(f"{where}: {what}")


def validate(doc: dict, where: str) -> None:
    _need(isinstance(doc, dict) and isinstance(doc.get("year"), int), where, "needs an integer 'year'")
    _need(doc.get("program") == "mutual_aid", where, "only the mutual-aid project has a benefit table")
    period = doc.get("period") or {}
    _need(isinstance(period.get("start"), date) and isinstance(period.get("end"), date), where, "period dates")
    items = doc.get("items") or {}
    _need(set(items) == set(ITEMS), where, "items A0-C3 exactly")
    _need(set((doc.get("lines") or {})) == {"A", "B", "C"}, where, "lines A, B, C")
    for name, row in items.items():
        w = f"{where}:{name}"
        _need(row.get("layer") == ("basic" if name.endswith("0") else "enhanced"), w, "layer basic for *0, enhanced otherwise")
        _need(bool(row.get("manual")), w, "the manual's text")
        _need(bool(row.get("benefits")), w, "benefits")
        for b in row["benefits"]:
            _need(b.get("kind") in KINDS, w, f"unknown kind {b.get('kind')!r}")
            for f in KINDS[b["kind"]]:
                _need(b.get(f) is not None and money(b[f]) > 0, w, f"{b['kind']}.{f} > 0")
            if "in_situ" in b:
                _need(b["in_situ"] == "included" or money(b["in_situ"]) > 0, w, "in_situ: included or an amount")


@lru_cache(maxsize=None)
def _load(year: int) -> dict | None:
    path = BENEFITS_DIR / f"{year}.yaml"
    if not path.exists():
        return None
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    validate(doc, f"benefits/{path.name}")
    _need(doc["year"] == year, path.name, "year must match the file name")
    return doc


def benefit_years() -> list[int]:
    return sorted(int(p.stem) for p in BENEFITS_DIR.glob("*.yaml") if p.stem.isdigit())


def _benefit(raw: dict) -> Benefit:
    values = {}
    for k, v in raw.items():
        if k == "kind":
            continue
        if k in MONEY_FIELDS or (k == "in_situ" and v != "included"):
            values[k] = money(v)
        else:
            values[k] = v
    return Benefit(raw["kind"], values)


def benefits(program: str, year: int) -> BenefitTable:
    """The benefit table of ``program`` for protection year ``year``.

    Raises CalcError ``calc.benefits_not_in_manuals`` for a programme whose manual gives no
    benefits, and ``calc.no_benefits_year`` for a year without a table.
    """
    program = calc_section(program)
    if program != "mutual_aid":
        raise CalcError(Issue("calc.benefits_not_in_manuals", {"program": program, "hotline": CLAIMS_SOURCE["hotline"]}))
    doc = _load(year)
    if doc is None:
        raise CalcError(Issue("calc.no_benefits_year", {"year": year,
                                                        "years": ", ".join(map(str, benefit_years()))}))
    data = program_data(program, year)
    _need(data.start == doc["period"]["start"] and data.end == doc["period"]["end"], f"benefits/{year}.yaml",
          "period must be the premium data's protection year")
    premiums = data.raw["items"]
    zhibao_only = set(doc.get("deductible_subsidy_zhibao_only") or [])
    rows = {}
    for name in ITEMS:
        raw = doc["items"][name]
        rows[name] = BenefitItem(name, doc["lines"][name[0]], raw["layer"], money(premiums[name]["full"]),
                                 tuple(_benefit(b) for b in raw["benefits"]), raw["manual"], name in zhibao_only)
    return BenefitTable(program, year, doc["period"]["start"], doc["period"]["end"], doc["source"], rows)


def benefits_for(program: str, year: int) -> BenefitTable:
    """The table for ``year``, or else the newest earlier one (the caller says whose it is:
    ``table.year != year``). A programme without a table, or no earlier table, raises as ``benefits``."""
    try:
        return benefits(program, year)
    except CalcError as e:
        if e.issues[0].code != "calc.no_benefits_year":
            raise
        earlier = [y for y in benefit_years() if y < year]
        if not earlier:
            raise
        return benefits(program, earlier[-1])


# the one figure of each kind of benefit that arithmetic applies to (a limit's ceiling, a fixed amount)
FIGURE = {"limit": "max", "disease_death": "amount", "daily_allowance": "max", "deductible_subsidy": "max",
          "serious_illness": "amount", "female_cancer": "amount", "accident_disability": "max", "accident_death": "amount"}


@dataclass(frozen=True)
class DailyAllowance:
    """Hospital days × the item's daily rate, capped at its maximum ([002] table: A1 100 元/天 最高 1.8 万 …)."""
    item: str
    days: int
    per_day: Decimal
    max: Decimal
    year: int

    @property
    def raw(self) -> Decimal:
        return self.per_day * self.days

    @property
    def amount(self) -> Decimal:
        return min(self.raw, self.max)

    @property
    def capped(self) -> bool:
        return self.raw > self.max

    def as_dict(self) -> dict:
        return jsonable({"item": self.item, "days": self.days, "per_day": self.per_day, "max": self.max,
                         "raw": self.raw, "amount": self.amount, "capped": self.capped, "year": self.year})


def _benefit_of(row: BenefitItem, kind: str) -> Benefit | None:
    return next((b for b in row.benefits if b.kind == kind), None)


def daily_allowance(items, days: int, year: int) -> list[DailyAllowance]:
    """The daily hospital allowance of each of ``items`` that has one (A1–A3), for ``days`` days. Raises
    ``calc.no_daily_allowance`` when none of them has one (A0, B, C pay no allowance per day)."""
    if days <= 0:
        raise CalcError(Issue("calc.days_positive"))
    table = benefits_for("mutual_aid", year)
    out = []
    for row in table.select(items):
        b = _benefit_of(row, "daily_allowance")
        if b is not None:
            out.append(DailyAllowance(row.item, days, b.values["per_day"], b.values["max"], table.year))
    if not out:
        having = ", ".join(r.item for r in table.items.values() if _benefit_of(r, "daily_allowance"))
        raise CalcError(Issue("calc.no_daily_allowance", {"items": ", ".join(items), "having": having}))
    return out


@dataclass(frozen=True)
class BenefitDifference:
    """One kind of benefit of two items side by side and the difference ([002] table)."""
    kind: str
    low_item: str
    low: Decimal
    high_item: str
    high: Decimal
    year: int

    @property
    def difference(self) -> Decimal:
        return self.high - self.low

    def as_dict(self) -> dict:
        return jsonable({"kind": self.kind, "low_item": self.low_item, "low": self.low, "high_item": self.high_item,
                         "high": self.high, "difference": self.difference, "year": self.year})


def benefit_difference(kind: str, first: str, second: str, year: int) -> BenefitDifference:
    """What ``second`` pays for ``kind`` against ``first`` (C1 and C3 on accidental death: 5 万 and 30 万,
    25 万 apart). Raises ``calc.benefit_not_in_item`` for an item that has no such benefit."""
    if kind not in FIGURE:
        raise CalcError(Issue("calc.benefit_kind_unknown", {"kind": kind}))
    table = benefits_for("mutual_aid", year)
    values = {}
    for item in (first, second):
        row = table.items.get(item)
        b = _benefit_of(row, kind) if row is not None else None
        if b is None:
            raise CalcError(Issue("calc.benefit_not_in_item", {"item": item, "kind": kind}))
        values[item] = b.values[FIGURE[kind]]
    (lo_item, lo), (hi_item, hi) = sorted(values.items(), key=lambda kv: (kv[1], kv[0]))
    return BenefitDifference(kind, lo_item, lo, hi_item, hi, table.year)
