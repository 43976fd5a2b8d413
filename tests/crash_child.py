"""The process that the crash tests (tests/test_ops_crash.py) kill and restart: the bot's real
delivery code — the shared sender and its delivery log, the broadcast engine, the scheduler's
reminder run, the push engine — on a database file (or PostgreSQL) and the real aiohttp Bot API
client pointed at the tests' fake Bot API server (30 messages a second, 429 answers).

``python -m tests.crash_child start DB_URL API_URL``
    seeds the people, then does at once what the running bot does: an admin's broadcast to every
    member (what handlers/broadcast.confirm does), a clerk's system check of the card applications
    whose status pushes the push engine drains after the commit (what the database middleware
    does), and the scheduler's reminder run with its fan-out to the clerks. It never stops by
    itself: the test SIGKILLs it in the middle.
``python -m tests.crash_child resume DB_URL API_URL``
    the restarted process: the scheduler role's run (the console's /tick: ``scheduler.attach`` and
    ``dispatch_due``) repeated until nothing is left, as the minute job would, then exits.

``CRASH_STALE`` (seconds) shortens the delivery log's stale-claim time and the broadcasts'
no-progress time (60 s and 120 s in production) so the test does not wait minutes.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ADMIN = 1
CLERK = 900
UNION = "崩溃测试工会"
BROADCAST_TEXT = "【崩溃测试】工会服务助手通知：本周五下午系统维护。"
AT = "2025-05-30 18:00"  # the 1-day reminder of 31 May 17:00 and the 7-day one of 4 June 16:00 are due
PUSH_FIRST = 10_000  # members with a card application: a status push each, and the broadcast
BROADCAST_ONLY_FIRST = 20_000  # members without one: the broadcast only
REMINDER_FIRST = 30_000  # clerks who follow the retiree plan: its reminders
TODAY = date(2026, 11, 24)


def counts() -> tuple[int, int, int]:
    """(pushes, broadcast-only members, reminder clerks) from CRASH_COUNTS, e.g. '100,20,50'."""
    p, b, r = (int(x) for x in os.environ.get("CRASH_COUNTS", "100,20,50").split(","))
    return p, b, r


def push_members() -> list[int]:
    return list(range(PUSH_FIRST, PUSH_FIRST + counts()[0]))


def broadcast_members() -> list[int]:
    return push_members() + list(range(BROADCAST_ONLY_FIRST, BROADCAST_ONLY_FIRST + counts()[1]))


def reminder_clerks() -> list[int]:
    return list(range(REMINDER_FIRST, REMINDER_FIRST + counts()[2]))


def _bot(settings):
    """The bot as bot/run/runner.py builds it: 429 retries and the global outgoing limit on its session."""
    from bot.run.app import build_bot
    from bot.ops.ratelimit import install_outgoing_limit

    bot = build_bot(settings)
    install_outgoing_limit(bot, settings, None)
    return bot


def _settings(db_url: str, api_url: str):
    from bot.settings import load_settings

    data = Path(os.environ.get("CRASH_DATA_DIR", "."))
    return load_settings(database_url=db_url, bot_token="123456:CRASH-test_token", telegram_api_url=api_url,
                         redis_url=None, data_dir=data, admin_ids=str(ADMIN), data_key="crash-test-data-key",
                         log_level="WARNING")


def _shorten_stale() -> None:
    seconds = os.environ.get("CRASH_STALE")
    if seconds:
        from domain.broadcasts import store as broadcasts_store
        from domain.reminders import store as deliveries

        deliveries.STALE = timedelta(seconds=float(seconds))
        broadcasts_store.STALE = timedelta(seconds=float(seconds))


async def _seed(db, settings) -> None:
    from domain.models import User
    from domain.privacy import DataCipher
    from domain.reminders.models import Subscription
    from domain.repos import create_unit
    from tests.ops_support import seed_card_applications

    async with db.session() as s:
        s.add(User(id=ADMIN, role="admin", lang="zh"))
        unit = await create_unit(s, UNION)
        s.add(User(id=CLERK, role="clerk", unit_id=unit.id, lang="zh"))
        for uid in broadcast_members()[len(push_members()):]:
            s.add(User(id=uid, role="member", lang="zh"))
        for uid in reminder_clerks():
            s.add(User(id=uid, role="clerk", lang="zh"))
            s.add(Subscription(user_id=uid, programs="retiree"))
        await s.commit()
        await seed_card_applications(s, DataCipher(settings.data_key.get_secret_value()), UNION, counts()[0],
                                     first_user=PUSH_FIRST)
        await s.commit()


async def _broadcast(bot, db) -> None:
    """What the admin's confirmation does (handlers/broadcast.confirm)."""
    from bot import broadcasts
    from domain.broadcasts import store
    from ui.broadcast_render import progress_text
    from ui.i18n import BoundTranslator, get_translator

    translator = get_translator()
    t = BoundTranslator(translator, "zh")
    async with db.session() as s:
        recipients = await store.audience_ids(s, "members")
        row = await store.create(s, ADMIN, "members", BROADCAST_TEXT, len(recipients))
        await s.commit()
        status = await bot.send_message(ADMIN, progress_text(t, row.id, 0, 0, len(recipients)))
        await store.progress(s, row.id, 0, 0, message=(status.chat.id, status.message_id))
    await broadcasts.start_fan_out(bot, db, row.id)


async def _pushes(bot, db) -> None:
    """A clerk's system check: the status changes and their outbox rows in one commit, then the
    push engine (what bot.middlewares.DbSessionMiddleware does after the commit)."""
    from bot import pushes
    from domain.cards import service
    from domain.models import User

    async with db.session() as s:
        await service.run_check(s, await s.get(User, CLERK), TODAY)
        await s.commit()
    await pushes.kick(bot, db)


async def start(db_url: str, api_url: str) -> None:
    from bot import scheduler
    from bot.db import Database

    settings = _settings(db_url, api_url)
    db = Database(settings.database_url)
    await db.upgrade()
    await _seed(db, settings)
    bot = _bot(settings)
    scheduler.attach(bot, db, settings)
    at = datetime.strptime(AT, "%Y-%m-%d %H:%M").replace(tzinfo=settings.tz)
    print("started", flush=True)
    await asyncio.gather(_broadcast(bot, db), _pushes(bot, db), scheduler.dispatch_due(at))
    print("finished before it was killed", flush=True)
    await asyncio.Event().wait()


async def _left(db) -> int:
    """What is not settled yet: running broadcasts, queued pushes, claimed deliveries."""
    from sqlalchemy import func
    from sqlmodel import select

    from domain.broadcasts.models import Broadcast
    from domain.outbox import OutboxMessage
    from domain.reminders.models import Delivery

    async with db.session() as s:
        running = (await s.exec(select(func.count()).select_from(Broadcast).where(Broadcast.status == "running"))).one()
        queued = (await s.exec(select(func.count()).select_from(OutboxMessage)
                               .where(OutboxMessage.done_at == None))).one()  # noqa: E711
        claimed = (await s.exec(select(func.count()).select_from(Delivery).where(Delivery.status == "sending"))).one()
    return running + queued + claimed


async def resume(db_url: str, api_url: str, timeout: float = 120.0) -> None:
    from bot import broadcasts, pushes, scheduler
    from bot.db import Database

    _shorten_stale()
    settings = _settings(db_url, api_url)
    db = Database(settings.database_url)
    await db.upgrade()
    bot = _bot(settings)
    scheduler.attach(bot, db, settings)
    at = datetime.strptime(AT, "%Y-%m-%d %H:%M").replace(tzinfo=settings.tz)
    print("resuming", flush=True)
    end = time.monotonic() + timeout
    runs = 0
    while time.monotonic() < end:
        await scheduler.dispatch_due(at)  # the scheduler role's run at start-up, then every "minute"
        runs += 1
        await asyncio.sleep(0.25)
        if not broadcasts._tasks.running and not pushes._runs.running and await _left(db) == 0:
            break
    await broadcasts.wait_idle()
    await pushes.wait_idle()
    left = await _left(db)
    print(f"runs {runs} left {left}", flush=True)
    await bot.session.close()
    await db.dispose()
    sys.exit(0 if left == 0 else 1)


def main() -> None:
    import logging

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    command, db_url, api_url = sys.argv[1:4]
    asyncio.run(start(db_url, api_url) if command == "start" else resume(db_url, api_url))


if __name__ == "__main__":
    main()
