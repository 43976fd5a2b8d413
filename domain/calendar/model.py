"""The calendar's vocabulary and records: programmes, audiences, the events a unit records, a
deadline, a rule relative to an event, one year's file and the loaded calendar."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from domain import clock
from domain.calendar.workdays import NO_FILES, WorkdayData
from domain.messages import MessageRef
from domain.vocabulary import CALENDAR

TZ = clock.TZ  # the platform's zone (settings TIMEZONE)
PROGRAMS = CALENDAR
AUDIENCES = ("grassroots", "district", "unit", "retiree_unit", "member")
# what a clerk can record in /events; the calendar's rules say what follows from each
EVENTS = ("status_fetched", "code_applied", "name_change_applied", "roster_submitted", "attachments_uploaded",
          "deduction_applied", "voucher_uploaded")  # roughly the order a unit meets them
KINDS = ("deadline", "opens")  # a cut-off, or a moment something becomes possible (a window opens)
ID_FORM = re.compile(r"[A-Za-z0-9_.-]{1,40}")  # ids go into delivery-log keys and Telegram button data


@dataclass(frozen=True)
class Deadline:
    id: str
    program: str
    protection_year: int
    title: dict
    due: datetime  # aware, in the platform's zone (clock.TZ)
    audience: tuple[str, ...]
    missed: dict
    source: str
    starts: datetime | None = None
    note: dict = field(default_factory=dict)
    kind: str = "deadline"
    unit_id: int | None = None  # a per-unit deadline (from a recorded event), else None
    carried_from: int | None = None  # estimated: this year's date moved on, no calendar of its own loaded
    remarks: tuple[MessageRef, ...] = ()  # what the bot adds to the note (catalog messages), after it

    def text(self, key: str, lang: str) -> str:
        value = getattr(self, key) or {}
        return value.get(lang) or value.get("zh") or ""


@dataclass(frozen=True)
class Rule:
    """A deadline relative to an event a unit records (e.g. pay within 15 days of the roster)."""

    id: str
    program: str
    protection_year: int
    after_event: str
    days: int
    title: dict
    audience: tuple[str, ...]
    missed: dict
    source: str
    note: dict = field(default_factory=dict)
    working_days: bool = False  # count mainland working days (holidays and in-lieu weekends, see workdays)
    kind: str = "deadline"

    def due_after(self, event_at: datetime, workdays: WorkdayData = NO_FILES) -> datetime:
        return self.due_and_known(event_at, workdays)[0]

    def due_and_known(self, event_at: datetime, workdays: WorkdayData = NO_FILES) -> tuple[datetime, bool]:
        """The due moment, and whether the holiday schedule of every day counted was known (calendar-day
        rules always are). A deadline ends at 23:59 of its last day; something that opens does so at
        09:00 of its day."""
        moment = event_at.astimezone(TZ)
        known = True
        if self.working_days:
            day, known = workdays.add_working_days(moment.date(), self.days)
            moment = moment.replace(year=day.year, month=day.month, day=day.day)
        else:
            moment += timedelta(days=self.days)
        if self.kind == "opens":
            return moment.replace(hour=9, minute=0, second=0, microsecond=0), known
        return moment.replace(hour=23, minute=59, second=0, microsecond=0), known




@dataclass(frozen=True, slots=True)
class FileProblem:
    """One problem of a calendar file: where (``line`` of the YAML or ``row`` of the sheet, and the
    file's name once it is known) and what, as a catalog message (ui/deadline_render.problem_text)."""

    unit: str  # "line" | "row"
    n: int | str
    message: MessageRef
    file: str = ""

    def __str__(self) -> str:  # for logs and exceptions: the message id and its parameters, no prose
        where = f"{self.file}: " if self.file else ""
        return f"{where}{self.unit} {self.n}: {self.message.key} {self.message.kwargs}"


class CalendarError(ValueError):
    def __init__(self, problems: list[FileProblem]):
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


@dataclass(frozen=True)
class CalendarFile:
    year: int
    deadlines: list[Deadline]
    rules: list[Rule]
    workdays: WorkdayData = NO_FILES  # optional days_off / working_weekends lists of the file


@dataclass
class Calendar:
    deadlines: list[Deadline]
    rules: list[Rule]
    problems: list[FileProblem]  # loaded files that are no longer valid (skipped), for the admin
    workdays: WorkdayData = NO_FILES  # the files' days_off / working_weekends, all years together
