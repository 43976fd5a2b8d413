"""Per-protection-year program data: ``domain/data/programs/<year>.yaml``.

Each file has a ``year`` and one section per program the manuals give figures for
(``member_basic``, ``mutual_aid``, ``retiree``), each with its own ``period``. Next year's
numbers are a new file, not a code change: an admin writes one with ``unionbot rates draft``,
checks it against the year's notice and loads it (``unionbot rates load``) into a folder that
overrides the shipped files of the same year (``use_folder``).

A protection year past every file (people live in the current year, the manuals describe
particular ones) is answered with the latest year's figures, their dates moved on by whole
years, and marked ``carried_from`` so that every answer says whose figures it used.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from domain import clock
from domain.calc.common import CalcError, Issue, money
from domain.vocabulary import CALCULATORS, calc_section

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "programs"
PROGRAMS = CALCULATORS  # the data sections (domain/vocabulary.py)
ITEMS = tuple(f"{line}{level}" for line in "ABC" for level in range(4))


class DataFileError(ValueError):
    pass


@dataclass(frozen=True)
class ProgramData:
    year: int
    program: str
    raw: dict[str, Any]
    carried_from: int | None = None  # figures of this earlier year, dates moved on (no newer file)

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


_folders: list[Path] = []  # admin-loaded years (``unionbot rates load``), override the shipped ones
_cache: dict[Path, dict] = {}  # parsed files of the current listing


def use_folder(folder: Path | None) -> None:
    """Also read the fee tables an admin loaded into ``folder`` (the bot's wiring calls this)."""
    _folders.clear()
    if folder is not None:
        _folders.append(Path(folder))
    _listing["key"] = None  # look again now


_listing: dict = {"key": None, "files": {}, "checked": -1.0}
RECHECK_SECONDS = 1.0  # how often the folders are looked at again for a newly loaded year


def _files() -> dict[int, Path]:
    """Year -> file, the loaded folder over the shipped one. The folders are looked at again at most
    once a second; a load replaces a file by a rename, which changes its folder's mtime, and then the
    listing and the parsed files are read again."""
    now = time.monotonic()
    if now - _listing["checked"] < RECHECK_SECONDS and _listing["key"] is not None:
        return _listing["files"]
    folders = (DATA_DIR, *_folders)
    key = tuple((str(f), f.stat().st_mtime_ns if f.is_dir() else None) for f in folders)
    _listing["checked"] = now
    if key == _listing["key"]:
        return _listing["files"]
    out: dict[int, Path] = {}
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                if path.stem.isdigit():
                    out[int(path.stem)] = path
    _cache.clear()
    _listing.update(key=key, files=out)
    return out


def parse_year_text(text: str, where: str) -> dict:
    """One fee-table file, validated; a draft (``draft: true``) is refused until someone checked it."""
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError:
        raise DataFileError(f"{where}: not valid YAML") from None
    if isinstance(doc, dict) and doc.get("draft"):
        line = next((n for n, text_line in enumerate(text.splitlines(), 1) if text_line.startswith("draft:")), 1)
        raise DataFileError(f"{where}: line {line}: this fee table is a draft: check every figure against the "
                            "year's notice, then delete the draft line")
    validate_year(doc, where)
    return doc


def load_year(year: int) -> dict:
    path = _files().get(year)
    if path is None:
        raise CalcError(Issue("calc.no_data_year", {"year": year}))
    hit = _cache.get(path)
    if hit is not None:
        return hit
    doc = parse_year_text(path.read_text(encoding="utf-8"), path.name)
    _need(doc["year"] == year, path.name, "year must match the file name")
    _cache[path] = doc
    return doc


def available_years() -> list[int]:
    return sorted(_files())


def _shift(value: Any, years: int) -> Any:
    """Every date inside ``value`` moved on by whole years (29 February -> 28 February)."""
    if isinstance(value, (date, datetime)):
        try:
            return value.replace(year=value.year + years)
        except ValueError:
            return value.replace(year=value.year + years, day=28)
    if isinstance(value, dict):
        return {k: _shift(v, years) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v, years) for v in value]
    return value


def carry_horizon() -> int:
    """The last protection year old figures are carried to: the current one and the coming one, never
    a far-off year (nobody enrolls for 2030 yet; that is a typing error to report)."""
    return clock.today().year + 1


def carried(data: ProgramData, year: int) -> ProgramData:
    """``data``'s figures for the later protection year ``year``, dates moved on by whole years."""
    years = year - data.year
    if years <= 0:
        return data
    return replace(data, year=year, raw=_shift(data.raw, years), carried_from=data.carried_from or data.year)


def carried_notes(data: ProgramData) -> list[Issue]:
    """The one line every answer built on carried-over figures gives (empty for a loaded year)."""
    if data.carried_from is None:
        return []
    return [Issue("calc.carried_over", {"year": data.carried_from, "target": data.year})]


def program_data(program: str, year: int) -> ProgramData:
    """The figures of ``year``; a year past every file gets the latest year's, carried over."""
    program = calc_section(program)
    try:
        doc = load_year(year)
    except CalcError:
        doc = {}
    if program in doc:
        return ProgramData(year, program, doc[program])
    older = [y for y in years_with(program) if y < year]
    if older and years_with(program)[-1] < year <= carry_horizon():
        return carried(ProgramData(older[-1], program, load_year(older[-1])[program]), year)
    raise CalcError(Issue("calc.no_data", {"program": program, "year": year}))


def years_with(program: str) -> list[int]:
    program = calc_section(program)
    return [y for y in available_years() if program in load_year(y)]


def year_for(program: str, on: date) -> ProgramData:
    """The protection year of ``program`` whose period contains ``on``; past the files, the latest
    year's figures carried over to the year containing ``on``."""
    program = calc_section(program)
    for y in available_years():
        sec = load_year(y).get(program)
        if sec and sec["period"]["start"] <= on <= sec["period"]["end"]:
            return ProgramData(y, program, sec)
    years = years_with(program)
    if years:
        last = ProgramData(years[-1], program, load_year(years[-1])[program])
        if on > last.end:
            shift = on.year - last.start.year
            if _shift(last.start, shift) > on:
                shift -= 1
            if last.year + shift <= carry_horizon():
                return carried(last, last.year + shift)
    raise CalcError(Issue("calc.no_year_for_date", {"program": program, "date": on,
                                                     "years": ", ".join(map(str, years_with(program)))}))


def latest(program: str) -> ProgramData:
    """The newest protection year with figures for ``program`` (default when no date is given
    and today is past the data files)."""
    program = calc_section(program)
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


def offered_years(program: str, today: date | None = None) -> list[int]:
    """Years a calculator offers: the loaded ones and the current protection year (member protection
    also the coming one from October, when its collective enrollment runs)."""
    today = today or clock.today()
    program = calc_section(program)
    years = set(years_with(program))
    if years:
        years.add(year_for(program, today).year)
        if program == "member_basic" and today.month >= 10:
            years.add(today.year + 1)
    return sorted(years)


def missing_current(today: date | None = None) -> list[tuple[str, int, int]]:
    """(program, current protection year, year whose figures are used instead) for every program whose
    current year has no fee table loaded: what admins are told to load."""
    today = today or clock.today()
    out = []
    for program in PROGRAMS:
        try:
            data = year_for(program, today)
        except CalcError:
            continue
        if data.carried_from is not None:
            out.append((program, data.year, data.carried_from))
    return out


def draft_year(year: int) -> str:
    """A starting point for the ``year`` fee table: each program's latest figures, dates moved on by
    whole years. It says ``draft: true`` so that it cannot be loaded before someone checked it."""
    doc: dict[str, Any] = {"year": year}
    notes = []
    for program in PROGRAMS:
        try:
            data = program_data(program, year)
        except CalcError:
            continue
        doc[program] = data.raw
        if data.carried_from is not None:
            notes.append(f"#   {program}: carried over from {data.carried_from}")
    header = [f"# DRAFT fee table for {year}, carried over by `unionbot rates draft`.",
              "# Check every figure and date against the year's notice, correct it, delete the",
              "# `draft: true` line, then: unionbot rates check FILE; unionbot rates load FILE", *notes]
    body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=200)
    return "\n".join(header) + "\ndraft: true\n" + body


def save_year(folder: Path, content: bytes, name: str = "rates.yaml") -> tuple[int, Path, list[str]]:
    """Validate an upload and keep it as ``<folder>/<year>.yaml`` (atomically); a bad file changes nothing."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataFileError(f"{name}: not UTF-8 text") from None
    doc = parse_year_text(text, name)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{doc['year']}.yaml"
    tmp = target.with_suffix(".yaml.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    _listing["key"] = None  # this process sees it at once, others within RECHECK_SECONDS
    return doc["year"], target, [p for p in PROGRAMS if p in doc]


def current_year_label(program: str, today: date) -> int:
    """Protection-year label for progress keys, even past the data files: mutual aid and the
    retiree plan run 1 July-30 June (labelled by the start year), member protection by calendar year."""
    program = calc_section(program)
    if program in ("mutual_aid", "retiree"):
        return today.year if today.month >= 5 else today.year - 1  # May-June: collective window of the coming year
    return today.year


def lookup(program: str, key: str, year: int) -> tuple[Any, int | None]:
    """One figure or date (``key`` dotted, e.g. ``collective_window.start``) for protection year
    ``year``: from that year's file, else from the latest earlier year that has it, dates moved on
    (the second value then names that year). ``(None, None)`` when no year has it."""
    program = calc_section(program)
    for y in reversed([y for y in years_with(program) if y <= year]):
        value: Any = load_year(y)[program]
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is not None:
            return (value, None) if y == year else (_shift(value, year - y), y)
    return None, None


def collective_start(program: str, year: int) -> date | None:
    """When the collective enrollment for ``year`` opens (it happens before the year starts), from
    that year's figures or carried over from the latest year that gives it."""
    for key in ("collective_window.start", "collective.ratio_setting.start"):
        value, _ = lookup(program, key, year)
        if isinstance(value, date):
            return value
    return None


def collective_year(program: str, on: date) -> ProgramData:
    """The protection year a collective enrollment made on ``on`` is for: the next year once its
    collective window has opened, else the year containing ``on`` (or the first one after it)."""
    try:
        current = year_for(program, on)
    except CalcError:
        for y in available_years():
            sec = load_year(y).get(program)
            if sec and on <= sec["period"]["end"]:
                return ProgramData(y, program, sec)
        raise
    opens = collective_start(program, current.year + 1)
    if opens is None or on < opens:
        return current
    try:
        return program_data(program, current.year + 1)
    except CalcError:
        return current
