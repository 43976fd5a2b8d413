"""Dates carried over to a year no calendar was loaded for: the admin's draft of next year (which
refuses to load before it is checked) and the estimates /deadlines shows meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from domain.calendar.files import to_yaml
from domain.calendar.model import Calendar, Deadline, Rule


def _shift_years(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February into a common year
        return moment.replace(year=moment.year + years, day=28)


def draft_calendar(cal: Calendar, year: int, draft_note: Callable[[int], dict[str, str]], header: str) -> str:
    """A starting point for an admin writing the ``year`` calendar: each program's entries of its latest
    protection year, dates moved on by whole years, every entry noted as carried over (``draft_note(src)``:
    the sentence in each language, from the catalogs: ui/deadline_render.draft_note). ``header``: what
    the file's opening comment tells the admin, in the admin's language (ui/deadline_render.draft_header).
    The file says ``draft: true`` so that it cannot be loaded before someone has checked it and deleted
    that line."""
    latest = {}
    for item in [*cal.deadlines, *cal.rules]:
        latest[item.program] = max(latest.get(item.program, 0), item.protection_year)
    deadlines, rules = [], []

    def carried(item, src: int) -> dict:
        added = draft_note(src)
        note = {k: (item.note.get(k, "") + ("" if k == "zh" else " ") + added[k]).strip() for k in ("zh", "en")}
        return {"id": item.id.replace(str(src), str(year)), "protection_year": year, "note": note}

    for d in cal.deadlines:
        src = latest[d.program]
        if d.protection_year == src and d.unit_id is None:
            deadlines.append(Deadline(**{**d.__dict__, **carried(d, src), "due": _shift_years(d.due, year - src),
                                         "starts": _shift_years(d.starts, year - src) if d.starts else None}))
    for r in cal.rules:
        src = latest[r.program]
        if r.protection_year == src:
            rules.append(Rule(**{**r.__dict__, **carried(r, src)}))
    comment = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    return comment + "draft: true\n" + to_yaml(year, sorted(deadlines, key=lambda x: x.due), rules)


def carried_over(deadlines: list[Deadline], now: datetime, horizon: int | None = None) -> list[Deadline]:
    """Estimated dates for programs whose calendar has nothing left to come: the latest loaded year's
    entries moved on by whole years (as ``draft_calendar`` does), the coming ones up to the protection
    year ``horizon`` (default: next year), each marked ``carried_from``. Never reminded; shown so that
    /deadlines answers for the year people live in, saying it is an estimate."""
    horizon = horizon or now.year + 1
    latest: dict[str, int] = {}
    for d in deadlines:
        if d.unit_id is None:
            latest[d.program] = max(latest.get(d.program, 0), d.protection_year)
    out: list[Deadline] = []
    for program, year in sorted(latest.items()):
        if any(d.program == program and d.due >= now for d in deadlines):
            continue  # the loaded calendar still has something to come for this program
        entries = [d for d in deadlines if d.program == program and d.protection_year == year and d.unit_id is None]
        for step in range(1, horizon - year + 1):
            for d in entries:
                due = _shift_years(d.due, step)
                if due >= now:
                    out.append(Deadline(**{**d.__dict__, "id": d.id.replace(str(year), str(year + step)),
                                           "protection_year": year + step, "due": due, "carried_from": year,
                                           "starts": _shift_years(d.starts, step) if d.starts else None}))
    return sorted(out, key=lambda d: d.due)
