"""Deadline calendar: data per protection year (``domain/data/calendar/<year>.yaml``), validated.

A file is rejected whole when any entry is wrong, with the line number of every problem, so an
admin loading next year's calendar never gets half of it. By concept: ``model`` (the vocabulary and
records), ``files`` (reading, checking and writing a year's file), ``store`` (the calendar in force,
loading an upload), ``draft`` (dates carried over to a year not loaded yet), ``years`` (what is
upcoming, the current protection year, what is missing); working days in ``workdays``.
"""

from domain.calendar.draft import carried_over, draft_calendar
from domain.calendar.files import parse_calendar, parse_calendar_xlsx, parse_file, read_calendar, to_yaml
from domain.calendar.model import (AUDIENCES, EVENTS, KINDS, PROGRAMS, TZ, Calendar, CalendarError, CalendarFile,
                                   Deadline, FileProblem, Rule)
from domain.calendar.store import DATA, load_all, load_calendar, save_calendar
from domain.calendar.years import current_protection_year, missing_years, upcoming

__all__ = ["AUDIENCES", "DATA", "EVENTS", "KINDS", "PROGRAMS", "TZ", "Calendar", "CalendarError", "CalendarFile",
           "Deadline", "FileProblem", "Rule", "carried_over", "current_protection_year", "draft_calendar", "load_all",
           "load_calendar", "missing_years", "parse_calendar", "parse_calendar_xlsx", "parse_file",
           "read_calendar", "save_calendar", "to_yaml", "upcoming"]
