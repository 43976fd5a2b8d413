"""Which data of the current protection year is missing: the calendar and the fee tables of each
program the bot answers with carried-over figures. Admins are told (daily and in /calendar)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.calc.data import missing_current as missing_rates
from domain.calendar import Calendar, missing_years


@dataclass(frozen=True)
class Missing:
    kind: str  # "calendar" (unionbot calendar load) or "rates" (unionbot rates load)
    program: str  # the calendar's or the fee table's program name
    year: int  # the current protection year without data
    used: int  # the year whose data is carried over meanwhile


def missing_data(cal: Calendar, today: date) -> list[Missing]:
    out = [Missing("calendar", program, year, used) for program, year, used in missing_years(cal, today)]
    out += [Missing("rates", program, year, used) for program, year, used in missing_rates(today)]
    return out
