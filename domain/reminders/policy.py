"""Which reminder goes to whom now: the decision of one scheduler run, from the data it is given
(the deadlines, the people and what they chose, the card applications waiting at the bank, and
what the delivery log already settled). Returns plain records; sending them, and writing the
dropped ones, is the scheduler's wiring (bot/scheduler.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.calendar import Deadline
from domain.reminders.audience import Person
from domain.reminders.member import CardCollect, card_due, card_key, card_plan
from domain.reminders.planning import latest_due, plan_for, useful_until

DROP_WINDOW = timedelta(days=7)  # how long after a deadline a missed reminder is still settled as dropped

Settled = set[tuple[int, str, str]]  # (recipient, key, lead) the delivery log holds as done


@dataclass(frozen=True)
class Send:
    """Reminder ``lead`` of ``deadline`` is due now for these people (none of them has had it)."""

    deadline: Deadline
    lead: str
    people: tuple[Person, ...]


@dataclass(frozen=True)
class Drop:
    """The deadline passed while the bot could not send: settle reminder ``lead`` as dropped."""

    key: str
    lead: str
    recipients: tuple[int, ...]


@dataclass(frozen=True)
class CardSend:
    """A member's card is waiting at the bank: collection reminder ``lead`` is due now."""

    person: Person
    application_id: int
    key: str
    lead: str
    leads: tuple[str, ...]  # every lead of this card's plan ("done" settles them all)
    ref: str
    branch: str
    outlet: str


def in_reach(deadline: Deadline, now: datetime) -> bool:
    """False when the deadline is long gone, or no lead time (7 days at most) reaches it yet."""
    return deadline.due - timedelta(days=8) <= now and deadline.due >= now - DROP_WINDOW


def event_horizon(rules) -> timedelta:
    """How far back a recorded event can still lead to a reminder: its longest rule (working days
    stretched for holidays, e.g. the National Day week) plus the window in which passed reminders are
    settled as dropped."""
    longest = max((r.days * (2 if r.working_days else 1) for r in rules), default=0)
    return timedelta(days=longest + 14) + DROP_WINDOW


def deadline_reminders(now: datetime, people: list[Person], deadlines: list[Deadline],
                       settled: Settled) -> list[Send | Drop]:
    """Per deadline in reach and per choice of lead times: the one reminder due now (the latest whose
    time has come, while still useful) to those who want it and have not had it; or, once the
    deadline has passed, the last missed reminder to settle as dropped."""
    out: list[Send | Drop] = []
    for deadline in deadlines:
        if not in_reach(deadline, now):
            continue
        groups: dict[tuple, list[Person]] = defaultdict(list)
        for person in people:
            if person.wants(deadline):
                groups[person.leads].append(person)
        for leads, group in groups.items():
            planned = plan_for(deadline.due, leads, deadline.kind)
            until = useful_until(deadline.due, deadline.kind)
            if now >= until:
                missed = [p for p in planned if p.send_at < until]
                if missed:
                    lead = missed[-1].lead
                    ids = tuple(p.user_id for p in group if (p.user_id, deadline.id, lead) not in settled)
                    if ids:
                        out.append(Drop(deadline.id, lead, ids))
                continue
            due = latest_due(planned, deadline.due, now, deadline.kind)
            if due is None:
                continue
            todo = tuple(p for p in group if (p.user_id, deadline.id, due.lead) not in settled)
            if todo:
                out.append(Send(deadline, due.lead, todo))
    return out


def card_reminders(now: datetime, people: list[Person], apps: list, settled: Settled, rule: CardCollect) -> list[CardSend]:
    """The card-collection reminders due now, to subscribed members, not already sent or dismissed."""
    wanting = {p.user_id: p for p in people if p.subscribed}
    out = []
    for app in apps:
        person = wanting.get(app.user_id)
        due = card_due(app.updated_at, now, rule)
        if person is None or due is None or (app.user_id, card_key(app.id), due.lead) in settled:
            continue
        out.append(CardSend(person, app.id, card_key(app.id), due.lead,
                            tuple(p.lead for p in card_plan(app.updated_at, rule)), app.ref, app.branch, app.outlet))
    return out
