"""Per-unit deadlines: a clerk records an event (roster submitted, deduction application submitted) and
the calendar's relative rule turns it into a deadline for that unit; undoing the event removes it."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.calendar import EVENTS, PROGRAMS, TZ, Deadline, Rule
from domain.calendar.workdays import NO_FILES, WorkdayData
from domain.messages import MessageRef

MAX_AGE = timedelta(days=366)
FUTURE_SLACK = timedelta(minutes=5)


def event_kinds(rules: list[Rule], programs=None, audiences=None) -> list[tuple[str, str]]:
    """The (program, event) pairs a clerk can record: those some rule of the calendar depends on;
    with ``programs`` / ``audiences``, only the rules of those programs addressed to those audiences
    (a grassroots clerk is not offered the retiree plan's events if the unit is not in it)."""
    seen: list[tuple[str, str]] = []
    order = {name: i for i, name in enumerate((*PROGRAMS, *EVENTS))}  # the calendar's order, steps in sequence
    for rule in sorted(rules, key=lambda r: (order.get(r.program, 99), order.get(r.after_event, 99))):
        if programs is not None and rule.program not in programs:
            continue
        if audiences is not None and not set(rule.audience) & set(audiences):
            continue
        pair = (rule.program, rule.after_event)
        if pair not in seen:
            seen.append(pair)
    return seen


def rules_for(rules: list[Rule], program: str, event: str, occurred_at: datetime) -> list[Rule]:
    """The rules an event triggers: of each rule kind, the one of the latest protection year that is not
    after the event's year (the manuals give one year each; later years reuse it until a new file says
    otherwise)."""
    year = occurred_at.astimezone(TZ).year
    matching = [r for r in rules if r.program == program and r.after_event == event]
    by_stem: dict[str, list[Rule]] = {}
    for rule in matching:
        stem = rule.id.replace(str(rule.protection_year), "")  # ma2023_payment_15_days -> ma_payment_15_days
        by_stem.setdefault(stem, []).append(rule)
    chosen = []
    for group in by_stem.values():
        group.sort(key=lambda r: r.protection_year)
        older = [r for r in group if r.protection_year <= year]
        chosen.append(older[-1] if older else group[0])
    return chosen


def check_event_time(occurred_at: datetime, now: datetime) -> str | None:
    """An error code, or None: events cannot be in the future or more than a year old."""
    if occurred_at > now + FUTURE_SLACK:
        return "events.future"
    if occurred_at < now - MAX_AGE:
        return "events.too_old"
    return None


def unit_deadlines(rules: list[Rule], events, workdays: WorkdayData = NO_FILES) -> list[Deadline]:
    """The deadlines of recorded, not undone events (objects with id, unit_id, program, event,
    occurred_at, undone_at), nearest first. Working days follow ``workdays`` (the calendar's). A
    deadline counted by an earlier year's rule, or over days whose holidays are not loaded, says so
    in its ``remarks`` (catalog messages shown after the calendar's note)."""
    out: list[Deadline] = []
    for ev in events:
        if ev.undone_at is not None:
            continue
        occurred = ev.occurred_at.astimezone(TZ)
        for rule in rules_for(rules, ev.program, ev.event, occurred):
            remarks = []
            if rule.protection_year != occurred.year:
                remarks.append(MessageRef.of("dl-note-rule-of-year", year=rule.protection_year))
            due, known = rule.due_and_known(occurred, workdays)
            if not known:
                remarks.append(MessageRef.of("dl-note-holidays-unknown", year=due.year))
            out.append(Deadline(
                id=f"{rule.id}@e{ev.id}", program=rule.program, protection_year=rule.protection_year,
                title=rule.title, due=due, audience=rule.audience, missed=rule.missed,
                source=rule.source, starts=occurred, note=dict(rule.note), kind=rule.kind, unit_id=ev.unit_id,
                remarks=tuple(remarks)))
    return sorted(out, key=lambda d: d.due)


def describe_key(deadlines: list[Deadline], rules: list[Rule], key: str) -> tuple[str, str | dict]:
    """What a delivery-log key is about: ("deadline", its titles) for a calendar deadline or a unit's
    relative one (``rule@e<event>``), ("card", application id), ("broadcast", broadcast id), or
    ("other", the key) for one the calendar no longer has."""
    if key.startswith("card") and key.endswith("-collect") and key[4:-8].isdigit():
        return "card", key[4:-8]
    if key.startswith("broadcast:"):
        return "broadcast", key.split(":", 1)[1]
    ident = key.rsplit("@e", 1)[0]
    for item in (*deadlines, *rules):
        if item.id == ident:
            return "deadline", item.title
    return "other", key
