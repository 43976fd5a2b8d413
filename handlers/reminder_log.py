"""/reminderlog: admins see what went out in the last 14 days, per deadline and lead time."""

from __future__ import annotations

from datetime import timedelta

from aiogram.filters import Command
from aiogram.types import Message
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import access, clock
from domain.calendar import load_calendar
from domain.models import User
from domain.reminders import store
from domain.reminders.planning import LEAD_CHOICES
from handlers.menu import local_stamp
from handlers.routing import Feature

router = Feature("reminder_log")


@router.message(Command("reminderlog"))
async def reminder_log(message: Message, session: AsyncSession, user: User, t, settings) -> None:
    """Admins: what went out in the last 14 days, per deadline and lead time (sent / failed / dropped /
    dismissed) — the delivery log that keeps every reminder to once."""
    from domain.reminders.events import describe_key

    if not access.is_admin(user):
        await message.answer(t("rl-admins-only"))
        return
    since = clock.now() - timedelta(days=14)
    rows = await store.delivery_summary(session, since, limit=25)
    if not rows:
        await message.answer(t("rl-empty"))
        return
    cal = load_calendar(settings.calendar_folder)
    lines = [t("rl-title")]
    for row in rows:
        kind, what = describe_key(cal.deadlines, cal.rules, row["key"])
        if kind == "deadline":
            about = what.get(t.lang) or what.get("zh")
        elif kind in ("card", "broadcast"):
            about = t(f"rl-{kind}", id=what)
        else:
            about = row["key"]
        lead = t(f"dl-lead-{row['lead']}") if row["lead"] in LEAD_CHOICES else row["lead"]
        statuses = ("sent", "failed", "dropped", "dismissed", "sending")
        counts = t("list-sep-clause").join(t(f"rl-{k}", n=row[k]) for k in statuses if row[k])
        lines.append(t("rl-line", when=local_stamp(row["last"]), about=about, lead=lead, counts=counts))
    await message.answer("\n".join(lines))
