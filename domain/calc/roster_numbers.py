"""Roster checks on numbers (清册校验), manuals [002] (mutual aid) and [004] (retiree plan).

- Headcount change against last year: (last - planned) / last within ±10% (inclusive).
  Within: submit directly. Outside: the social-security ratio check applies.
- Social-security ratio per unit: planned / contributors of the linked social-security codes;
  75%-100% passes. A unit enrolling 10 people or fewer needs 100% per code. New units upload
  attachments whatever the ratio. Retiree plan: >= 75% per code, new retirees need no material.
- Over-age rule for people outside 职保: women under 55, men under 60.
- Count identity ([002], 人员确认承诺书 slide): "上传参保人员总数=清册未能匹配人员人数+清册匹配的拟参保人数".
  With ``uploaded`` given, a total that does not add up fails the check (the figures were misread);
  without it the total is shown from the other two.
When a check fails, ``documents`` lists what the unit must upload (codes, see calc.ftl).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from domain.calc.common import CalcError, Issue, jsonable
from domain.calc.data import carried_notes, year_or_latest


@dataclass(frozen=True)
class SsCode:
    code: str
    planned: int  # 拟参保人数 / 参保人数
    contributors: int  # 社保在职人数 / 社保人数


@dataclass(frozen=True)
class Person:
    gender: str  # "F" / "M"
    birth: date
    zhibao: bool  # in the employee medical insurance (职保) as in-service


@dataclass
class RosterNumbers:
    program: str
    year: int
    checks: list[dict] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    over_age: list[int] = field(default_factory=list)  # indexes into the people list
    warnings: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """A headcount change outside ±10% is fine when the social-security ratio check passes."""
        others = [c for c in self.checks if c["check"] != "headcount_change"]
        head = [c for c in self.checks if c["check"] == "headcount_change"]
        ratio = [c for c in others if c["check"].startswith("ss_ratio")]
        head_ok = all(c["ok"] for c in head) or (bool(ratio) and all(c["ok"] for c in ratio))
        return head_ok and all(c["ok"] for c in others) and not self.over_age

    def as_dict(self) -> dict:
        return jsonable({"program": self.program.replace("_", "-"), "year": self.year, "ok": self.ok,
                         "checks": self.checks, "over_age": self.over_age, "documents": self.documents,
                         "warnings": [w.as_dict() for w in self.warnings]})


def _pct(num: int, den: int) -> Decimal:
    return (Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _add(docs: list[str], *codes: str) -> None:
    for c in codes:
        if c not in docs:
            docs.append(c)


def over_age(people: list[Person], on: date, limits: dict) -> list[int]:
    out = []
    for idx, p in enumerate(people):
        if p.zhibao:
            continue
        limit = int(limits[p.gender])
        age = on.year - p.birth.year - ((on.month, on.day) < (p.birth.month, p.birth.day))
        if age >= limit:
            out.append(idx)
    return out


def count_identity(uploaded: int | None, unmatched: int, matched: int | None) -> dict:
    """上传参保人员总数 = 清册未能匹配人员人数 + 清册匹配的拟参保人数 ([002]); the missing one is derived."""
    check = {"check": "count_identity", "uploaded": uploaded, "unmatched": unmatched, "matched": matched,
             "derived": None, "ok": True}
    if uploaded is None:
        check["uploaded"], check["derived"] = unmatched + (matched or 0), "uploaded"
    elif matched is None:
        check["matched"], check["derived"] = uploaded - unmatched, "matched"
        check["ok"] = uploaded >= unmatched
    else:
        check["ok"] = uploaded == unmatched + matched
    return check


def roster_numbers(program: str = "mutual_aid", planned: int | None = None, last_year: int | None = None,
                   codes: list[SsCode] | None = None, new_unit: bool = False, people: list[Person] | None = None,
                   on: date | None = None, year: int | None = None, unmatched: int = 0,
                   new_retirees: int = 0, uploaded: int | None = None) -> RosterNumbers:
    program = program.replace("-", "_")
    if program not in ("mutual_aid", "retiree"):
        raise CalcError(Issue("calc.program_unknown", {"program": program}))
    data = year_or_latest(program, year, on)
    rules = data.raw["roster_checks"]
    codes = list(codes or [])
    if planned is None:
        planned = sum(c.planned for c in codes)
    if planned <= 0 and not people:
        raise CalcError(Issue("calc.people_zero"))
    for c in codes:
        if c.planned < 0 or c.contributors < 0:
            raise CalcError(Issue("calc.people_negative"))
    if unmatched < 0 or (uploaded is not None and uploaded < 0):
        raise CalcError(Issue("calc.people_negative"))
    result = RosterNumbers(program, data.year)
    result.warnings.extend(carried_notes(data))
    docs = result.documents
    ratio_needed = True
    if program == "mutual_aid":
        limit = Decimal(str(rules["headcount_change_max"]))
        if last_year:
            change = (Decimal(planned) - Decimal(last_year)) / Decimal(last_year)  # 100 -> 115: +15 %
            ok = abs(change) <= limit
            result.checks.append({"check": "headcount_change", "ok": ok, "last_year": last_year, "planned": planned,
                                  "change_pct": (change * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
                                  "limit_pct": limit * 100})
            ratio_needed = not ok
            if ratio_needed and not codes:
                result.warnings.append(Issue("calc.ratio_needed", {
                    "min": Decimal(str(rules["ss_ratio_min"])) * 100, "max": Decimal(str(rules["ss_ratio_max"])) * 100}))
        elif not new_unit:
            result.warnings.append(Issue("calc.last_year_missing"))
        lo, hi = Decimal(str(rules["ss_ratio_min"])) * 100, Decimal(str(rules["ss_ratio_max"])) * 100
        small = planned <= int(rules["small_unit_max_people"])
        if codes and (ratio_needed or small or new_unit):
            if small:
                need = Decimal(str(rules["small_unit_ratio"])) * 100
                for c in codes:
                    pct = _pct(c.planned, c.contributors) if c.contributors else None
                    result.checks.append({"check": "ss_ratio_small_unit", "code": c.code, "ok": pct == need,
                                          "pct": pct, "required_pct": need})
            else:
                total_c = sum(c.contributors for c in codes)
                pct = _pct(sum(c.planned for c in codes), total_c) if total_c else None
                ok = pct is not None and lo <= pct <= hi
                result.checks.append({"check": "ss_ratio", "ok": ok, "pct": pct, "min_pct": lo, "max_pct": hi})
            if not all(c["ok"] for c in result.checks if c["check"].startswith("ss_ratio")):
                _add(docs, "doc.new_unit_ss_forms" if new_unit else "doc.statement_sealed")
                _add(docs, "doc.situational")
        if new_unit:
            _add(docs, "doc.new_unit_ss_forms")
        if unmatched:
            result.checks.append({"check": "unmatched_confirm", "ok": False, "people": unmatched})
            _add(docs, "doc.commitment_unmatched")
        if unmatched or uploaded is not None:
            result.checks.append(count_identity(uploaded, unmatched, sum(c.planned for c in codes) if codes else None))
        if people:
            start = on or data.start
            result.over_age = over_age(people, start, rules.get("age_limits") or {"F": 55, "M": 60})
            if result.over_age:
                _add(docs, "doc.over_age_fix")
                result.warnings.append(Issue("calc.over_age_label_disputed"))
    else:  # retiree
        lo = Decimal(str(rules["ss_ratio_min"])) * 100
        for c in codes:
            pct = _pct(c.planned, c.contributors) if c.contributors else None
            ok = pct is not None and pct >= lo
            result.checks.append({"check": "ss_ratio", "code": c.code, "ok": ok, "pct": pct, "min_pct": lo})
        if not all(c["ok"] for c in result.checks):
            _add(docs, "doc.retiree_material")
            if new_retirees:
                result.warnings.append(Issue("calc.new_retirees_no_material", {"people": new_retirees}))
    return result


def ratio_verdict(program: str, pct, planned: int | None = None, new_unit: bool = False,
                  year: int | None = None) -> RosterNumbers:
    """The social-security ratio check for a ratio the unit already reads off the platform ("参保比例只有60%"):
    [002] passes 75 %–100 % of the whole unit (10 people or fewer: 100 % per code), below or above
    uploads attachments; [004] needs at least 75 % per social-security code, below uploads material
    (new retirees none). The same rules and documents as ``roster_numbers``."""
    program = program.replace("-", "_")
    if program not in ("mutual_aid", "retiree"):
        raise CalcError(Issue("calc.program_unknown", {"program": program}))
    pct = Decimal(str(pct)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if pct < 0:
        raise CalcError(Issue("calc.people_negative"))
    data = year_or_latest(program, year, None)
    rules = data.raw["roster_checks"]
    result = RosterNumbers(program, data.year)
    lo = Decimal(str(rules["ss_ratio_min"])) * 100
    if program == "mutual_aid":
        hi = Decimal(str(rules["ss_ratio_max"])) * 100
        if planned is not None and planned <= int(rules["small_unit_max_people"]):
            need = Decimal(str(rules["small_unit_ratio"])) * 100
            result.checks.append({"check": "ss_ratio_small_unit", "code": "—", "ok": pct == need, "pct": pct,
                                  "required_pct": need})
        else:
            result.checks.append({"check": "ss_ratio", "ok": lo <= pct <= hi, "pct": pct, "min_pct": lo, "max_pct": hi})
        if not result.checks[0]["ok"]:
            _add(result.documents, "doc.new_unit_ss_forms" if new_unit else "doc.statement_sealed", "doc.situational")
        if new_unit:
            _add(result.documents, "doc.new_unit_ss_forms")
    else:
        result.checks.append({"check": "ss_ratio", "code": "—", "ok": pct >= lo, "pct": pct, "min_pct": lo})
        if pct < lo:
            _add(result.documents, "doc.retiree_material")
    return result


@dataclass
class DeletionCheck:
    """Deleting people whose deduction failed ([004] 删减人员): allowed only while the code's ratio
    参保人员 / 社保人员 stays at 75 % or more."""
    year: int
    contributors: int  # 社保人员 of the social-security code
    enrolled: int  # 参保人员 before the deletion
    remove: int
    before_pct: Decimal
    after_pct: Decimal
    min_pct: Decimal

    @property
    def ok(self) -> bool:
        return self.after_pct >= self.min_pct

    @property
    def keep_max_remove(self) -> int:
        """How many could go while the ratio still holds (0 when it is already below)."""
        need = (self.min_pct * self.contributors / 100).to_integral_value(rounding="ROUND_CEILING")
        return max(0, self.enrolled - int(need))

    def as_dict(self) -> dict:
        return jsonable({"year": self.year, "contributors": self.contributors, "enrolled": self.enrolled,
                         "remove": self.remove, "before_pct": self.before_pct, "after_pct": self.after_pct,
                         "min_pct": self.min_pct, "ok": self.ok, "max_remove": self.keep_max_remove})


def retiree_deletion(contributors: int, enrolled: int, remove: int, year: int | None = None) -> DeletionCheck:
    if contributors <= 0:
        raise CalcError(Issue("calc.people_zero"))
    if enrolled < 0 or remove < 0:
        raise CalcError(Issue("calc.people_negative"))
    if remove > enrolled:
        raise CalcError(Issue("calc.remove_more_than_enrolled", {"remove": remove, "enrolled": enrolled}))
    data = year_or_latest("retiree", year, None)
    lo = Decimal(str(data.raw["roster_checks"]["ss_ratio_min"])) * 100
    return DeletionCheck(data.year, contributors, enrolled, remove, _pct(enrolled, contributors),
                         _pct(enrolled - remove, contributors), lo)
