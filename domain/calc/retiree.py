"""Retiree hospitalization plan ("退休住院计划") entrusted deduction, manual [004].

The deduction amount is one figure for everyone, > 0 and <= 450 元/人. Whatever the deduction
does not cover is paid by the unit: every failed/non-deductible person in full, and for every
successful person the premium minus the deducted amount. The premium is NOT stated in the manual;
the data file keeps 450 (inferred: it makes all four worked examples add up) with
``premium_stated: false`` and every result says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from domain.calc.common import CalcError, Issue, jsonable, money
from domain.calc.data import carried_notes, year_or_latest


@dataclass
class RetireeDeduction:
    year: int
    people: int
    amount: Decimal
    succeeded: int
    premium: Decimal
    premium_stated: bool
    warnings: list[Issue] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return self.people - self.succeeded

    @property
    def total_premium(self) -> Decimal:
        return self.premium * self.people

    @property
    def deducted(self) -> Decimal:
        return self.amount * self.succeeded

    @property
    def unit_pays(self) -> Decimal:
        return self.total_premium - self.deducted

    @property
    def unit_pays_people(self) -> int:
        """People the unit pays something for (需单位缴费参保 N人)."""
        return self.people if self.amount < self.premium else self.failed

    def as_dict(self) -> dict:
        return jsonable({
            "program": "retiree", "year": self.year, "people": self.people, "amount": self.amount,
            "succeeded": self.succeeded, "failed": self.failed, "premium": self.premium,
            "premium_stated": self.premium_stated, "total_premium": self.total_premium,
            "deducted": self.deducted, "unit_pays": self.unit_pays, "unit_pays_people": self.unit_pays_people,
            "warnings": [w.as_dict() for w in self.warnings],
        })


def check_amount(amount, maximum) -> list[Issue]:
    amount = money(amount)
    if amount <= 0 or amount > money(maximum):
        return [Issue("calc.deduction_range", {"amount": amount, "max": money(maximum)})]
    return []


def retiree_deduction(amount, people: int, succeeded: int | None = None, year: int | None = None,
                      on: date | None = None, premium=None) -> RetireeDeduction:
    data = year_or_latest("retiree", year, on)
    issues = check_amount(amount, data.raw["deduction_max"])
    if people <= 0:
        issues.append(Issue("calc.people_zero"))
    if succeeded is None:
        succeeded = people
    if succeeded < 0 or succeeded > max(people, 0):
        issues.append(Issue("calc.succeeded_range", {"succeeded": succeeded, "people": people}))
    if premium is not None and money(premium) <= 0:
        issues.append(Issue("calc.fee_not_positive"))
    if issues:
        raise CalcError(issues)
    stated = premium is not None or bool(data.raw.get("premium_stated"))
    prem = money(premium) if premium is not None else money(data.raw["premium"])
    warnings: list[Issue] = carried_notes(data)
    if not stated:
        warnings.append(Issue("calc.retiree_premium_inferred", {"premium": prem}))
    if money(amount) > prem:
        warnings.append(Issue("calc.deduction_above_premium", {"amount": money(amount), "premium": prem}))
    if succeeded < people:
        warnings.append(Issue("calc.retiree_failed_options", {"failed": people - succeeded}))
    return RetireeDeduction(data.year, people, money(amount), succeeded, prem, stated, warnings)


@dataclass(frozen=True)
class NewRetiree:
    """Whether someone counts as 新退休 for a plan year ([004]: "上年度7月1至本年度6月30号办理退休";
    新退休人员无需上传材料, the other situations of people without social security are chosen one by one)."""
    retired: date
    plan_year: int
    start: date
    end: date
    shifted: bool  # the window of the manual's year moved to the plan year asked
    manual_year: int = 0

    @property
    def new(self) -> bool:
        return self.start <= self.retired <= self.end

    def as_dict(self) -> dict:
        return jsonable({"retired": self.retired, "plan_year": self.plan_year, "start": self.start, "end": self.end,
                         "new": self.new, "shifted": self.shifted})


def new_retiree(retired: date, plan_year: int | None = None) -> NewRetiree:
    from domain.calc.data import latest, program_data, years_with

    years = [y for y in years_with("retiree") if program_data("retiree", y).raw.get("new_retiree")]
    if not years:
        raise CalcError(Issue("calc.no_data", {"program": "retiree", "year": plan_year}))
    plan_year = plan_year or max(years)
    base = max([y for y in years if y <= plan_year] or years)
    window = program_data("retiree", base).raw["new_retiree"]
    shift = plan_year - base
    start, end = (_shift_year(window["start"], shift), _shift_year(window["end"], shift))
    return NewRetiree(retired, plan_year, start, end, shift != 0, base)


def _shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class DeductionUnknown:
    """What the unit pays when the deduction amount is not known: 参保总费用 − 代扣成功人数 × 代扣金额, at the
    least with the largest amount allowed (450), and at the amounts of [004]'s worked examples."""
    year: int
    people: int
    succeeded: int
    total_premium: Decimal
    premium_stated: bool
    maximum: Decimal
    examples: tuple[tuple[Decimal, Decimal], ...]  # (amount, unit pays)

    @property
    def unit_pays_least(self) -> Decimal:
        return self.total_premium - self.maximum * self.succeeded


def deduction_unknown(people: int, succeeded: int, total_premium=None, year: int | None = None,
                      on: date | None = None) -> DeductionUnknown:
    data = year_or_latest("retiree", year, on)
    if people <= 0:
        raise CalcError(Issue("calc.people_zero"))
    if succeeded < 0 or succeeded > people:
        raise CalcError(Issue("calc.succeeded_range", {"succeeded": succeeded, "people": people}))
    stated = total_premium is not None or bool(data.raw.get("premium_stated"))
    total = money(total_premium) if total_premium is not None else money(data.raw["premium"]) * people
    examples = tuple((money(a), total - money(a) * succeeded) for a in data.raw.get("deduction_examples") or ())
    return DeductionUnknown(data.year, people, succeeded, total, stated, money(data.raw["deduction_max"]), examples)
