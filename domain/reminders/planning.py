"""When reminders for one deadline go out.

Default lead times: 7 days, 3 days, 1 day and the morning of (08:00); for cut-offs in the
afternoon (e.g. 17:00 or 16:00) also 2 hours before. Nothing is sent between 22:00 and 08:00
Asia/Shanghai: a reminder due then goes out at 08:00, unless the deadline comes first, in which
case it keeps its time. After downtime, of the reminders that came due meanwhile only the latest goes
out, once, and only while it is still useful (its deadline has not passed); otherwise it is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from domain import clock

TZ = clock.TZ  # the platform's zone (settings TIMEZONE)
DEFAULT_LEADS = ("7d", "3d", "1d", "morning")
LEAD_CHOICES = ("7d", "3d", "1d", "morning", "2h")  # "2h": two hours before afternoon cut-offs
ALL_LEADS = "all"  # "every lead time" (a deadline marked done)
OPENS_USEFUL = timedelta(days=3)  # "the window is open now" is worth sending up to 3 days late
QUIET_START, QUIET_END = time(22, 0), time(8, 0)


@dataclass(frozen=True)
class Planned:
    lead: str
    send_at: datetime


def lead_delta(lead: str) -> timedelta | None:
    if lead.endswith("d") and lead[:-1].isdigit():
        return timedelta(days=int(lead[:-1]))
    if lead.endswith("h") and lead[:-1].isdigit():
        return timedelta(hours=int(lead[:-1]))
    return None


def in_quiet_hours(moment: datetime) -> bool:
    local = moment.astimezone(TZ).time()
    return local >= QUIET_START or local < QUIET_END


def out_of_quiet(moment: datetime, deadline: datetime) -> datetime:
    if not in_quiet_hours(moment):
        return moment
    local = moment.astimezone(TZ)
    morning = local.replace(hour=8, minute=0, second=0, microsecond=0)
    if local.time() >= QUIET_START:
        morning += timedelta(days=1)
    return morning if morning < deadline else moment


def plan(due: datetime, leads: tuple[str, ...] = DEFAULT_LEADS, afternoon: bool = True) -> list[Planned]:
    """Every reminder of one deadline, in time order (duplicates of the same moment merged).
    ``afternoon``: add a reminder two hours before a cut-off between 12:00 and 18:00."""
    due_local = due.astimezone(TZ)
    leads = tuple(leads)
    if afternoon and time(12, 0) <= due_local.time() <= time(18, 0) and "2h" not in leads:
        leads += ("2h",)  # an afternoon cut-off: one more, two hours before
    out: dict[datetime, str] = {}
    for lead in leads:
        if lead == "morning":
            at = due_local.replace(hour=8, minute=0, second=0, microsecond=0)
            if at >= due_local:
                continue
        else:
            delta = lead_delta(lead)
            if delta is None:
                raise ValueError(f"unknown lead time {lead!r}")
            at = due_local - delta
        at = out_of_quiet(at, due_local)
        out.setdefault(at, lead)
    return [Planned(lead, at) for at, lead in sorted(out.items())]


def plan_for(due: datetime, chosen: tuple[str, ...], kind: str = "deadline") -> list[Planned]:
    """The plan for one person's choice of lead times (LEAD_CHOICES); something that opens gets a
    single message when it opens (moved out of quiet hours)."""
    if kind == "opens":
        at = due.astimezone(TZ)
        if in_quiet_hours(at):
            at = out_of_quiet(at, at + timedelta(days=1))
        return [Planned("open", at)]
    leads = tuple(lead for lead in chosen if lead != "2h")
    return plan(due, leads, afternoon="2h" in chosen)


def useful_until(due: datetime, kind: str = "deadline") -> datetime:
    return due + OPENS_USEFUL if kind == "opens" else due


def latest_due(planned: list[Planned], due: datetime, now: datetime, kind: str = "deadline") -> Planned | None:
    """The one reminder to send now: the latest whose time has come, while still useful. After downtime
    that covered several lead times, only the most recent goes out (once), not a burst of stale ones."""
    if now >= useful_until(due, kind):
        return None
    ready = [p for p in planned if p.send_at <= now]
    return ready[-1] if ready else None


def parse_leads(text: str | None) -> tuple[str, ...]:
    chosen = tuple(x for x in (text or "").split(",") if x in LEAD_CHOICES)
    return chosen
