"""Dates in guide texts come from the year's data, not from the manual's year: a guide step writes
``[[mutual_aid.collective_window]]`` and the clerk reads the window of the protection year the guide
is opened for (carried over from the latest manual year when no newer figures are loaded)."""

from __future__ import annotations

import re
from datetime import date

from domain.calc.data import lookup

TOKEN = re.compile(r"\[\[([a-z_]+)\.([a-z_.]+)\]\]")
RANGE = {"zh": "{start} 至 {end}", "en": "{start} to {end}"}


def _show(value, lang: str) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict) and "start" in value and "end" in value:
        end = _show(value["end"], lang) + (f" {value['end_time']}" if value.get("end_time") else "")
        return RANGE[lang].format(start=_show(value["start"], lang), end=end)
    if isinstance(value, dict) and "date" in value:
        return _show(value["date"], lang) + (f" {value['time']}" if value.get("time") else "")
    return str(value)


def fill(text: str, year: int, lang: str) -> tuple[str, set[int]]:
    """``text`` with every ``[[program.key]]`` replaced by the ``year`` value, and the earlier years
    whose figures were carried over to get them (empty when all come from ``year``'s own file)."""
    carried: set[int] = set()

    def one(m: re.Match) -> str:
        value, source = lookup(m.group(1), m.group(2), year)
        if value is None:
            return m.group(0)
        if source is not None:
            carried.add(source)
        return _show(value, "zh" if lang == "zh" else "en")

    return TOKEN.sub(one, text), carried


def fill_own_year(text: str, lang: str) -> str:
    """``text`` with every ``[[program.key]]`` replaced by the value of the latest year whose own
    figures give it (no year carried over): what the answer engine quotes beside the manuals' other
    dates, which are those of the manuals' own years."""
    from domain.calc.data import years_with

    def one(m: re.Match) -> str:
        for year in reversed(years_with(m.group(1))):
            value, source = lookup(m.group(1), m.group(2), year)
            if value is not None and source is None:
                return _show(value, "zh" if lang == "zh" else "en")
        return m.group(0)

    return TOKEN.sub(one, text)


def tokens(text: str) -> list[tuple[str, str]]:
    return TOKEN.findall(text)
