"""Who may join which mutual-aid items by age ([002] 参保对象): people covered by 职保 (in service) may
join every item; people outside 职保 may join A1–A3, B0–B3 and C0–C3 only while women are under 55 and
men under 60, and never A0 (住院基本保障 is for 职保 members in service only). The limits are data
(``roster_checks.age_limits`` of the year's mutual-aid section), the same the roster check applies.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.calc.data import latest

# item groups in the order the manual lists them
GROUPS = ("A0", "A1-A3", "B0-B3", "C0-C3")


@dataclass(frozen=True)
class Eligibility:
    age: int | None  # None: not said (outside 职保 the other items then depend on it)
    gender: str | None  # "F" | "M" | None (not said)
    zhibao: bool | None  # covered by 职保 (in service); None: not said
    limits: dict  # {"F": 55, "M": 60}
    verdicts: dict  # group -> True (may join) | False (may not) | None (depends on what was not said)
    year: int


def group_of(item: str) -> str:
    return "A0" if item == "A0" else {"A": "A1-A3", "B": "B0-B3", "C": "C0-C3"}[item[0]]


def _under_limit(age: int | None, gender: str | None, limits: dict) -> bool | None:
    if age is None:
        return None
    if gender is not None:
        return age < int(limits[gender])
    under = {age < int(v) for v in limits.values()}
    return under.pop() if len(under) == 1 else None


def mutual_aid_eligibility(age: int | None, gender: str | None, zhibao: bool | None, groups: list[str] | None = None) -> Eligibility:
    data = latest("mutual_aid")
    limits = dict((data.raw.get("roster_checks") or {}).get("age_limits") or {"F": 55, "M": 60})
    verdicts = {}
    under = _under_limit(age, gender, limits)
    for group in groups or GROUPS:
        if zhibao:
            verdicts[group] = True
        elif zhibao is False:
            verdicts[group] = False if group == "A0" else under
        else:  # not said: only what holds either way is a verdict
            verdicts[group] = True if (group != "A0" and under) else None
    return Eligibility(age, gender, zhibao, limits, verdicts, data.year)


@dataclass(frozen=True)
class OverAge:
    """[002] 校验规则一 在职超龄校验: the roster flags women from 55 and men from 60 (否(超龄)); the unit removes
    them, or keeps those still paying social security by ticking 【社保尚在缴金】 (the FAQ's 【医保享受在职待遇】)."""
    age: int
    gender: str | None
    limits: dict
    year: int

    @property
    def flagged(self) -> bool | None:
        under = _under_limit(self.age, self.gender, self.limits)
        return None if under is None else not under


def over_age_check(age: int, gender: str | None) -> OverAge:
    data = latest("mutual_aid")
    limits = dict((data.raw.get("roster_checks") or {}).get("age_limits") or {"F": 55, "M": 60})
    return OverAge(age, gender, limits, data.year)
