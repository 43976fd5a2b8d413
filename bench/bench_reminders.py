"""3,000 reminders through a local fake Bot API server on 127.0.0.1 that enforces 30 messages a
second with 429 answers: achieved rate, duplicates, losses."""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections import Counter, deque
from pathlib import Path

from aiohttp import web

from bot.run.app import build_bot
from bot.db import Database
from bot.sender import Sender
from bot.settings import load_settings
from domain.models import User

N = 3000
LIMIT = 30  # messages per rolling second, as Telegram enforces


class LimitedApi:
    def __init__(self):
        self.window: deque[float] = deque()
        self.delivered: Counter = Counter()
        self.rejected = 0

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await request.json() if request.content_type == "application/json" else dict(await request.post())
        if method == "getMe":
            return web.json_response({"ok": True, "result": {"id": 42, "is_bot": True, "first_name": "bot"}})
        now = time.monotonic()
        while self.window and now - self.window[0] >= 1.0:
            self.window.popleft()
        if len(self.window) >= LIMIT:
            self.rejected += 1
            return web.json_response({"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1",
                                      "parameters": {"retry_after": 1}}, status=429)
        self.window.append(now)
        chat = int(params["chat_id"])
        self.delivered[chat] += 1
        return web.json_response({"ok": True, "result": {"message_id": sum(self.delivered.values()), "date": int(time.time()),
                                                         "chat": {"id": chat, "type": "private"}, "text": params.get("text", "")}})


async def run() -> None:
    api = LimitedApi()
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", api.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    tmp = Path(tempfile.mkdtemp(prefix="unionbot-remind-"))
    settings = load_settings(database_url=f"sqlite+aiosqlite:///{tmp / 'r.db'}", bot_token="123:BENCH",
                             telegram_api_url=f"http://127.0.0.1:{port}", redis_url=None, data_dir=tmp)
    db = Database(settings.database_url)
    await db.upgrade()
    recipients = list(range(100_000, 100_000 + N))
    async with db.session() as s:
        for uid in recipients:
            s.add(User(id=uid, role="clerk"))
        await s.commit()
    bot = build_bot(settings, retry_after=False)
    sender = Sender(bot, db, rate=LIMIT)

    async def text(uid: int) -> str:
        return "提醒：委托代扣渠道 5 月 31 日 17:00 关闭"

    started = time.perf_counter()
    report = await sender.fan_out("rt2025_deduction_channel", "1d", recipients, text)
    elapsed = time.perf_counter() - started
    # the every-minute scheduler run over the same 3,000 people on a day with nothing due
    # (most minutes of the year): users, subscriptions, unit events and the calendar are read again
    from datetime import datetime

    from bot import scheduler

    scheduler._runtime.update(bot=bot, db=db, settings=settings, sender=sender)
    quiet_day = datetime(2026, 11, 24, 10, 0, tzinfo=settings.tz)
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        await scheduler.dispatch_due(quiet_day)
        runs.append(time.perf_counter() - t0)
    scheduler._runtime.clear()
    await bot.session.close()
    await runner.cleanup()
    await db.dispose()
    dupes = sum(1 for c in api.delivered.values() if c > 1)
    lost = sum(1 for uid in recipients if api.delivered[uid] == 0)
    print(f"reminders: {N} recipients through a fake Bot API enforcing {LIMIT} msg/s on 127.0.0.1")
    print(f"  achieved {report.sent / elapsed:.1f} msg/s (target >= 27) in {elapsed:.0f} s; "
          f"429 answers {api.rejected}, flood waits {report.flood_waits}")
    print(f"  duplicates {dupes} (target 0), losses {lost} (target 0), failed {report.failed}")
    print(f"  scheduler run with nothing due over {N} users: {min(runs) * 1000:.0f} ms (best of 5; it runs once a minute)")


def main() -> None:
    asyncio.run(run())


if __name__ == "__main__":
    main()
