"""The calendar in force: the shipped years plus those an admin loaded (a loaded year replaces the
shipped one), each file parsed again only when it changed; an upload kept atomically."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from domain.calendar.files import parse_file, read_calendar, to_yaml
from domain.calendar.model import Calendar, CalendarError, CalendarFile, Deadline, FileProblem, Rule
from domain.calendar.workdays import WorkdayData

DATA = Path(__file__).resolve().parents[1] / "data" / "calendar"


_cache: dict[Path, tuple[float, int, tuple]] = {}


def _parse_cached(path: Path) -> CalendarFile:
    """One file, parsed again only when it changed."""
    stat = path.stat()
    hit = _cache.get(path)
    if hit and hit[0] == stat.st_mtime and hit[1] == stat.st_size:
        return hit[2]
    value = read_calendar(path.read_text(encoding="utf-8"))
    _cache[path] = (stat.st_mtime, stat.st_size, value)
    return value


def load_calendar(*extra: Path | None) -> Calendar:
    """The shipped calendar plus the years an admin loaded (``extra`` folders). A loaded file replaces
    the shipped one of the same protection year; a loaded file that stopped being valid is skipped and
    reported, never half-used."""
    by_year: dict[int, CalendarFile] = {}
    problems: list[FileProblem] = []
    for folder in (DATA, *[f for f in extra if f]):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            try:
                parsed = _parse_cached(path)
            except CalendarError as exc:
                if folder == DATA:
                    raise
                problems.append(replace(exc.problems[0], file=path.name))
                continue
            by_year[parsed.year] = parsed
    files = [by_year[y] for y in sorted(by_year)]
    deadlines = [d for f in files for d in f.deadlines]
    rules = [r for f in files for r in f.rules]
    off: frozenset[date] = frozenset()
    worked: frozenset[date] = frozenset()
    for f in files:  # a day two files disagree on: the later protection year's file wins
        off = (off - f.workdays.working_weekends) | f.workdays.days_off
        worked = (worked - f.workdays.days_off) | f.workdays.working_weekends
    workdays = WorkdayData(off, worked)
    return Calendar(sorted(deadlines, key=lambda x: x.due), rules, problems, workdays)


def load_all(*extra: Path | None) -> tuple[list[Deadline], list[Rule]]:
    cal = load_calendar(*extra)
    return cal.deadlines, cal.rules


def save_calendar(folder: Path, name: str, content: bytes) -> tuple[int, Path, list[Deadline], list[Rule]]:
    """Validate an upload and keep it as ``<folder>/<year>.yaml``; a bad file changes nothing."""
    parsed = parse_file(name, content)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{parsed.year}.yaml"
    tmp = target.with_suffix(".yaml.tmp")
    tmp.write_text(to_yaml(parsed.year, parsed.deadlines, parsed.rules, parsed.workdays), encoding="utf-8")
    tmp.replace(target)  # atomic: readers see the old year or the new one, never half a file
    return parsed.year, target, parsed.deadlines, parsed.rules
