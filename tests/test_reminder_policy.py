"""domain/reminders/policy.py decides who gets which reminder now from plain data: no database,
no Telegram."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.calendar import TZ, Deadline
from domain.reminders import policy
from domain.reminders.audience import make_person


def _deadline(due: datetime, kind: str = "deadline") -> Deadline:
    return Deadline(id="ma2026_roster", program="mutual_aid", protection_year=2026, title={"zh": "名单"}, due=due,
                    audience=("grassroots",), missed={}, source="[002]", kind=kind)


def _clerk(uid: int, leads: str | None = None):
    return make_person(uid, "zh", "clerk", None, 1, "grassroots", True, None, leads, None)


def test_the_reminder_due_now_goes_to_those_who_want_it_and_have_not_had_it():
    due = datetime(2026, 12, 10, 17, 0, tzinfo=TZ)
    d = _deadline(due)
    people = [_clerk(1), _clerk(2), make_person(3, "zh", "member", None, None, None, True, None, None, None)]
    now = due - timedelta(days=1, minutes=-5)  # just after the 1-day reminder
    [send] = policy.deadline_reminders(now, people, [d], settled=set())
    assert isinstance(send, policy.Send) and send.lead == "1d" and [p.user_id for p in send.people] == [1, 2]
    [send] = policy.deadline_reminders(now, people, [d], settled={(1, d.id, "1d")})
    assert [p.user_id for p in send.people] == [2]  # 1 already had it (the delivery log says so)
    assert policy.deadline_reminders(now, people, [d], settled={(1, d.id, "1d"), (2, d.id, "1d")}) == []


def test_after_the_deadline_the_last_missed_reminder_is_settled_as_dropped():
    due = datetime(2026, 12, 10, 17, 0, tzinfo=TZ)
    d = _deadline(due)
    [drop] = policy.deadline_reminders(due + timedelta(hours=1), [_clerk(1), _clerk(2)], [d], settled={(2, d.id, "2h")})
    assert isinstance(drop, policy.Drop) and drop.lead == "2h" and drop.recipients == (1,)
    assert policy.deadline_reminders(due + policy.DROP_WINDOW + timedelta(days=1), [_clerk(1)], [d], set()) == []


def test_nothing_before_the_first_lead_time():
    due = datetime(2026, 12, 10, 17, 0, tzinfo=TZ)
    assert policy.deadline_reminders(due - timedelta(days=7, hours=1), [_clerk(1)], [_deadline(due)], set()) == []
