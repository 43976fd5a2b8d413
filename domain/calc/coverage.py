"""Coverage dates and waiting periods (免责期).

- Collective: the protection year's period, no waiting period ([002], [004]).
- Instant: cover starts the day after submission (mutual aid: the formal roster submission;
  retiree plan: completion; member protection: submission) and ends at the protection year's end.
- Waiting periods, instant only: mutual aid per item from the data file (A0 and the disease-death
  rider 30, A1-A3 30 except accident hospitalisation, B 60, C none); retiree plan 30 days;
  member-exclusive protection: the manuals state none.
A claim event is covered from ``start + waiting days`` (a 30-day waiting period starting 09-15
covers events from 10-15 on).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from domain.calc.common import CalcError, Issue, jsonable
from domain.calc.data import carried_notes, collective_year, program_data, year_for
from domain.calc.mutual_aid import check_selection, parse_items
from domain.vocabulary import CALCULATORS, calc_section


@dataclass
class Coverage:
    program: str
    mode: str
    year: int
    start: date
    end: date
    claims_from: dict[str, date]
    waiting_days: dict[str, int]
    exceptions: dict[str, dict[str, date]] = field(default_factory=dict)
    submitted: date | None = None
    warnings: list[Issue] = field(default_factory=list)
    tier: str | None = None  # mutual aid instant: the premium table of the start date (full / half, [002])

    def as_dict(self) -> dict:
        return jsonable({
            "program": self.program.replace("_", "-"), "mode": self.mode, "year": self.year,
            "submitted": self.submitted, "start": self.start, "end": self.end,
            "claims_from": self.claims_from, "waiting_days": self.waiting_days, "exceptions": self.exceptions,
            "tier": self.tier,
            "warnings": [w.as_dict() for w in self.warnings],
        })


def coverage(program: str, mode: str, submitted: date | None = None, items: list[str] | str | None = None,
             year: int | None = None, check: bool = True) -> Coverage:
    """``check=False``: the items' own waiting periods even for a selection the rules would refuse (an
    enhanced item alone); unknown items still raise."""
    program = calc_section(program)
    if program not in CALCULATORS:
        raise CalcError(Issue("calc.program_unknown", {"program": program}))
    if mode not in ("collective", "instant"):
        raise CalcError(Issue("calc.mode_unknown", {"mode": mode}))
    item_list: list[str] = []
    if program == "mutual_aid":
        item_list = parse_items(items or [])
        issues = check_selection(item_list)
        if not check:
            issues = [i for i in issues if i.code == "calc.item_unknown"]
        if issues:
            raise CalcError(issues)
        item_list = list(dict.fromkeys(item_list))
    if mode == "collective":
        if year is not None:
            data = program_data(program, year)
        elif submitted is not None:
            data = collective_year(program, submitted)
        else:
            raise CalcError(Issue("calc.year_or_date_required"))
        start, end = data.start, data.end
        waiting = {i: 0 for i in item_list} if program == "mutual_aid" else {"plan": 0}
        return Coverage(program, mode, data.year, start, end, {k: start for k in waiting}, waiting,
                        submitted=submitted, warnings=carried_notes(data))
    if submitted is None:
        raise CalcError(Issue("calc.submitted_required"))
    start = submitted + timedelta(days=1)
    data = program_data(program, year) if year is not None else year_for(program, start)
    if not (data.start <= start <= data.end):
        raise CalcError(Issue("calc.start_outside_year", {"start": start, "from": data.start, "to": data.end}))
    opens = data.raw.get("instant_opens")
    if opens and submitted < opens:
        raise CalcError(Issue("calc.instant_not_open", {"opens": opens}))
    warnings: list[Issue] = carried_notes(data)
    exceptions: dict[str, dict[str, date]] = {}
    if program == "mutual_aid":
        table = data.raw["waiting_days"]
        waiting = {i: int(table[i]) for i in item_list}
        for item in item_list:
            for name, days in (data.raw.get("waiting_exceptions") or {}).get(item, {}).items():
                exceptions.setdefault(item, {})[name] = start + timedelta(days=int(days))
        if any(i[0] == "A" for i in item_list):
            warnings.append(Issue("calc.waiting_disputed"))
    elif program == "retiree":
        waiting = {"plan": int(data.raw["waiting_days_instant"])}
    else:
        waiting = {"plan": 0}
        warnings.append(Issue("calc.waiting_not_stated"))
    claims = {k: start + timedelta(days=d) for k, d in waiting.items()}
    # mutual aid: the start date also decides the premium table (7/1–12/31 full year, 1/1–6/30 half year)
    tier = next((t["tier"] for t in data.raw.get("rate_tiers") or [] if t["from"] <= start <= t["to"]), None) \
        if program == "mutual_aid" else None
    return Coverage(program, mode, data.year, start, data.end, claims, waiting, exceptions, submitted, warnings, tier)
