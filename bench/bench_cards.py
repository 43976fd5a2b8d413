"""Check and batch 10,000 card applications and write the bank roster: time and peak memory, in the
card service and then tap by tap through the dispatcher while the pushes drain."""

from __future__ import annotations

import asyncio
import tempfile
import time
import resource
import shutil
from datetime import date
from pathlib import Path

from stdnum.cn import ric

from bot.db import Database
from domain.cards import service
from domain.cards.form import CardAnswers
from domain.models import User
from domain.privacy import DataCipher
from domain.repos import create_unit

N = 10_000


def _ids(n: int) -> list[str]:
    out = []
    for i in range(n):
        first = f"310115{1970 + i % 30}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
        out.append(first + ric.calc_check_digit(first + "0"))
    return out


async def run() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="unionbot-cards-"))
    db = Database(f"sqlite+aiosqlite:///{tmp / 'cards.db'}")
    await db.upgrade()
    cipher = DataCipher("bench")
    async with db.session() as s:
        unit = await create_unit(s, "基准测试工会")
        s.add(User(id=1, role="clerk", unit_id=unit.id))
        await s.commit()
    started = time.perf_counter()
    async with db.session() as s:
        seen = set()
        for i, number in enumerate(_ids(N)):
            if number in seen:
                continue
            seen.add(number)
            answers = CardAnswers(kind="flexible", member_no=f"M{i:06d}", name="张三", doc_type="resident_id",
                                  doc_number=number, expiry="2035-01-01", mobile="13812345678",
                                  address="上海市浦东新区世纪大道100号", union="基准测试工会", branch="上海银行浦东分行",
                                  outlet="陆家嘴网点", bank_phone="13812345678")
            await service.submit(s, cipher, 10_000 + i, answers)
        await s.commit()
    loaded = time.perf_counter() - started
    await db.dispose()  # the set-up database, copied for the run through the dispatcher below
    (tmp / "chat").mkdir()
    shutil.copy(tmp / "cards.db", tmp / "chat" / "test.db")
    db = Database(f"sqlite+aiosqlite:///{tmp / 'cards.db'}")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    async with db.session() as s:  # the clerk's two taps: 提交系统校验, then 提交办卡 (each commits)
        clerk = await s.get(User, 1)
        checked = await service.run_check(s, clerk, date(2026, 11, 24))
        await s.commit()
        checked_at = time.perf_counter()
        batch, submitted = await service.create_batch(s, cipher, clerk, "normal", "上海银行浦东分行", "陆家嘴网点",
                                                      "李经办", "13900001111")
        await s.commit()
    handled = time.perf_counter()
    async with db.session() as s:  # the third tap: 下载清册
        roster, _ = await service.roster_file(s, batch, cipher)
    done = time.perf_counter()
    elapsed, check_s, batch_s, roster_s = done - started, checked_at - started, handled - checked_at, done - handled
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queued, drained, per_push, virtual = await _drain_sample(db)
    await db.dispose()
    taps, pushed, spent = await _through_the_chat(tmp / "chat")
    print(f"cards: {len(seen):,} applications submitted in {loaded:.1f} s (setup, not the measured part)")
    print(f"  system check ({len(checked):,}) {check_s:.2f} s + batch ({len(submitted):,}) {batch_s:.2f} s = "
          f"{check_s + batch_s:.2f} s of handler time (target < 3 s); + roster .xlsx ({len(roster) // 1024} KiB) "
          f"{roster_s:.2f} s = {elapsed:.2f} s in all; process peak RSS {rss_after / 1024:.0f} MiB "
          f"(+{(rss_after - rss_before) / 1024:.0f} MiB during the measured part)")
    print(f"  status pushes queued in the outbox by the same transactions: {queued:,} (none sent by the handler); "
          f"after the commit {drained:,} of them drained through the shared sender: {per_push * 1000:.1f} ms of "
          f"processing each, {drained / virtual:.1f} pushes/s on the sender's clock (limit 30/s): the whole queue "
          f"drains in {queued / min(30.0, drained / virtual) / 60:.0f} min while the clerk goes on")
    print("  the same taps through the dispatcher (handlers, middlewares, replies) on a copy, while each commit's "
          "pushes drain behind them through the shared sender at its real rate: "
          + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in taps.items())
          + f"; check + batch confirm {taps['check'] + taps['batch confirm']:.2f} s of handler time; "
          f"{pushed:,} pushes delivered meanwhile ({pushed / spent:.1f}/s)")


async def _through_the_chat(folder: Path) -> tuple[dict[str, float], int, float]:
    """The clerk's taps on the real dispatcher, each timed until its reply is out; the pushes that each
    commit queued go out in the background meanwhile, as in production, at the sender's real 30/s."""
    from sqlalchemy import func
    from sqlmodel import select

    from bot import pushes
    from bot.dev.testing import BotHarness
    from bot.sender import Sender, set_shared_sender
    from domain import outbox

    class Clerk(BotHarness):
        async def feed(self, update) -> None:  # the reply, not the drain behind it
            await self.dp.feed_update(self.bot, update)

    taps: dict[str, float] = {}
    started = time.perf_counter()
    async with Clerk.create(folder, data_key="bench") as h:
        set_shared_sender(Sender(h.bot, h.app.db))
        await h.send(1, "/applications")
        for name, tap in (("check", lambda: h.press(1, "提交系统校验")), ("batch", lambda: h.press(1, "提交办卡（普通通道）")),
                          ("outlet", lambda: h.press(1, 0)), ("contact", lambda: h.send(1, "李经办")),
                          ("phone + preview", lambda: h.send(1, "13900001111")), ("batch confirm", lambda: h.press(1, "确认")),
                          ("roster", lambda: h.press(1, "下载清册"))):
            at = time.perf_counter()
            await tap()
            taps[name] = time.perf_counter() - at
        spent = time.perf_counter() - started
        await pushes.drain(1.0)  # the rest stays queued, as at a shutdown
        async with h.app.db.session() as s:
            pushed = (await s.exec(select(func.count()).select_from(outbox.OutboxMessage)
                                   .where(outbox.OutboxMessage.done_at != None))).one()  # noqa: E711
    return {k: v for k, v in taps.items() if k in ("check", "batch", "phone + preview", "batch confirm", "roster")}, pushed, spent


SAMPLE = 600


async def _drain_sample(db) -> tuple[int, int, float, float]:
    """Deliver the first SAMPLE queued pushes through a Sender on a virtual clock and a fake Bot API."""
    from sqlalchemy import func
    from sqlmodel import select

    from bot import pushes
    from bot.sender import Sender, set_shared_sender
    from bot.settings import load_settings
    from bot.run.app import build_bot
    from bot.dev.testing import FakeTelegramSession, VirtualClock
    from domain import outbox

    async with db.session() as s:
        queued = (await s.exec(select(func.count()).select_from(outbox.OutboxMessage))).one()
    bot = build_bot(load_settings(bot_token=None, redis_url=None, data_key="bench"), session=FakeTelegramSession())
    clock = VirtualClock()
    set_shared_sender(Sender(bot, db, clock=clock, sleep=clock.sleep))
    started = time.perf_counter()
    report = await pushes.deliver_pending(bot, db, at_most=SAMPLE)
    spent = time.perf_counter() - started
    return queued, report.sent, spent / max(report.sent, 1), max(clock.now, 1e-9)


def main() -> None:
    asyncio.run(run())


if __name__ == "__main__":
    main()
