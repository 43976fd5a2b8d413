"""Working days in mainland China: Monday to Friday, less the public holidays, plus the weekend days
the State Council's yearly notice turns into working days (调休).

Where a day's status comes from, first match wins:
1. the calendar files (``days_off`` / ``working_weekends`` lists, for a year the library does not know
   yet or to correct it);
2. the ``chinesecalendar`` package, which carries each year's notice once it is published;
3. otherwise Monday to Friday, and the answer says the holiday schedule was not known.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar


@dataclass(frozen=True)
class WorkdayData:
    days_off: frozenset[date] = frozenset()  # holidays and in-lieu rest days given by calendar files
    working_weekends: frozenset[date] = frozenset()  # Saturdays/Sundays worked in lieu, from the files

    @property
    def file_years(self) -> set[int]:
        return {d.year for d in self.days_off | self.working_weekends}

    def is_workday(self, day: date) -> tuple[bool, bool]:
        """(is it a working day, was the year's holiday schedule known)."""
        if day in self.days_off:
            return False, True
        if day in self.working_weekends:
            return True, True
        try:
            return chinese_calendar.is_workday(day), True
        except NotImplementedError:  # the package has no notice for this year yet
            return day.weekday() < 5, day.year in self.file_years

    def add_working_days(self, start: date, count: int) -> tuple[date, bool]:
        """The ``count``-th working day after ``start``; and whether every year crossed was known."""
        day, known = start, True
        while count:
            day += timedelta(days=1)
            working, day_known = self.is_workday(day)
            known = known and day_known
            if working:
                count -= 1
        return day, known


NO_FILES = WorkdayData()
