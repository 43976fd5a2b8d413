"""Per-protection-year program data: ``domain/data/programs/<year>.yaml``.

Each file has a ``year`` and one section per program the manuals give figures for
(``member_basic``, ``mutual_aid``, ``retiree``), each with its own ``period``. Next year's
numbers are a new file, not a code change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from domain import clock
from domain.calc.common import CalcError, Issue, money

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "programs"
PROGRAMS = ("member_basic", "mutual_aid", "retiree")
# CLI / chat spelling -> data section
PROGRAM_ALIASES = {"mutual-aid": "mutual_aid", "member-basic": "member_basic", "retiree": "retiree",
                   "mutual_aid": "mutual_aid", "member_basic": "member_basic"}
ITEMS = tuple(f"{line}{level}" for line in "ABC" for level in range(4))


class DataFileError(ValueError):
    pass


@dataclass(frozen=True)
class ProgramData:
    year: int
    program: str
    raw: dict[str, Any]

    @property
    def start(self) -> date:
        return self.raw["period"]["start"]

    @property
    def end(self) -> date:
        return self.raw["period"]["end"]

    def get(self, key, default=None):
        return self.raw.get(key, default)


def _need(cond: bool, where: str, what: str) -> None:
    if not cond:
        raise DataFileError(f"{where}: {what}")


def validate_year(doc: dict, where: str) -> None:
    _need(isinstance(doc, dict) and isinstance(doc.get("year"), int), where, "needs an integer 'year'")
    for program in PROGRAMS:
        sec = doc.get(program)
        if sec is None:
            continue
        w = f"{where}:{program}"
        period = sec.get("period") or {}
        _need(isinstance(period.get("start"), date) and isinstance(period.get("end"), date), w, "period start/end dates")
        _need(period["start"] < period["end"], w, "period start before end")
        if program == "member_basic":
            _need(isinstance(sec.get("types"), dict) and sec["types"], w, "types table")
            for name, row in sec["types"].items():
                _need(row.get("fee") is not None and money(row["fee"]) > 0, w, f"type {name}: fee > 0")
                parts = [row.get(k) for k in ("city", "district", "grassroots")]
                if all(p is not None for p in parts):
                    _need(sum(money(p) for p in parts) == money(row["fee"]), w, f"type {name}: split must add up to fee")
        if program == "mutual_aid":
            items = sec.get("items") or {}
            _need(set(items) == set(ITEMS), w, "items A0-C3 exactly")
            for name, row in items.items():
                _need(money(row["full"]) > 0 and money(row["half"]) > 0, w, f"{name}: rates > 0")
            tiers = sec.get("rate_tiers") or []
            _need(bool(tiers), w, "rate_tiers")
            for tier in tiers:
                _need(tier.get("tier") in ("full", "half"), w, "tier full/half")
                _need(period["start"] <= tier["from"] <= tier["to"] <= period["end"], w, "tier inside period")
            _need(set(sec.get("waiting_days") or {}) == set(ITEMS), w, "waiting_days for every item")
            bundle = sec.get("bundle") or {}
            _need(set(bundle.get("items") or []) <= set(ITEMS) and money(bundle.get("discount", 0)) >= 0, w, "bundle")
        if program == "retiree":
            _need(0 < money(sec.get("deduction_max", 0)), w, "deduction_max > 0")
            _need(money(sec.get("premium", 0)) > 0, w, "premium > 0 (keep premium_stated: false when inferred)")


@lru_cache(maxsize=None)
def load_year(year: int) -> dict:
    path = DATA_DIR / f"{year}.yaml"
    if not path.exists():
        raise CalcError(Issue("calc.no_data_year", {"year": year}))
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    validate_year(doc, path.name)
    _need(doc["year"] == year, path.name, "year must match the file name")
    return doc


def available_years() -> list[int]:
    return sorted(int(p.stem) for p in DATA_DIR.glob("*.yaml") if p.stem.isdigit())


def program_data(program: str, year: int) -> ProgramData:
    program = PROGRAM_ALIASES.get(program, program)
    try:
        doc = load_year(year)
    except CalcError:
        raise CalcError(Issue("calc.no_data", {"program": program, "year": year})) from None
    if program not in doc:
        raise CalcError(Issue("calc.no_data", {"program": program, "year": year}))
    return ProgramData(year, program, doc[program])


def years_with(program: str) -> list[int]:
    program = PROGRAM_ALIASES.get(program, program)
    return [y for y in available_years() if program in load_year(y)]


def year_for(program: str, on: date) -> ProgramData:
    """The protection year of ``program`` whose period contains ``on``."""
    program = PROGRAM_ALIASES.get(program, program)
    for y in available_years():
        sec = load_year(y).get(program)
        if sec and sec["period"]["start"] <= on <= sec["period"]["end"]:
            return ProgramData(y, program, sec)
    raise CalcError(Issue("calc.no_year_for_date", {"program": program, "date": on,
                                                     "years": ", ".join(map(str, years_with(program)))}))


def latest(program: str) -> ProgramData:
    """The newest protection year with figures for ``program`` (default when no date is given
    and today is past the data files)."""
    program = PROGRAM_ALIASES.get(program, program)
    years = years_with(program)
    if not years:
        raise CalcError(Issue("calc.no_data", {"program": program, "year": "-"}))
    return program_data(program, years[-1])


def year_or_latest(program: str, year: int | None, on: date | None) -> ProgramData:
    if year is not None:
        return program_data(program, year)
    if on is not None:
        return year_for(program, on)
    try:
        return year_for(program, clock.today())
    except CalcError:
        return latest(program)


def current_year_label(program: str, today: date) -> int:
    """Protection-year label for progress keys, even past the data files: mutual aid and the
    retiree plan run 1 July-30 June (labelled by the start year), member protection by calendar year."""
    program = PROGRAM_ALIASES.get(program, program)
    if program in ("mutual_aid", "retiree"):
        return today.year if today.month >= 5 else today.year - 1  # May-June: collective window of the coming year
    return today.year
