"""The member card application form (handlers/card.py) spread over two workers that share only
PostgreSQL and Redis: every answer or button press goes to the other worker than the one before,
for several users at once; each application completes with the right data."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import select
from stdnum.cn import ric

from bot.run.app import build_bot, build_dispatcher
from bot.db import Database
from bot.settings import load_settings
from bot.dev.testing import BotHarness, FakeTelegramSession
from domain.repos import create_unit

pytest.importorskip("handlers.card", reason="the card form (handlers/card.py) is not merged")
from domain.cards.models import CardApplication  # noqa: E402


def rid(first17: str) -> str:
    return first17 + ric.calc_check_digit(first17 + "0")  # stdnum expects a placeholder check digit


def card_form(n: int) -> list[str]:
    return ["/apply", "关联企业会员（在单位工会入会）", "我有会员编号，还没有会员服务卡", f"M2024{n:04d}", "张三", "居民身份证",
            rid(f"31010119900307{n:03d}"), "✅ 正确", "2031-12-31", f"138{n:08d}",
            "上海市浦东新区世纪大道100号", "上海某某快递服务工会", "浦东新区", "上海银行浦东分行 · 陆家嘴网点",
            "同上（用刚才的手机号）", "✅ 确认提交"]


async def _step(workers: list[BotHarness], k: int, uid: int, item: str):
    h = workers[k % len(workers)]
    last = h.last_with_buttons(uid)
    if last is not None and any(b.get("text") == item for b in last.buttons):
        return await h.press(uid, item)
    return await h.send(uid, item)


async def test_card_applications_alternating_between_two_workers(pg_url, redis_url, tmp_path):
    settings = load_settings(database_url=pg_url, redis_url=redis_url, data_key="k", data_dir=tmp_path,
                             throttle_rate=1000.0, throttle_burst=1000, bot_token=None)
    first = Database(pg_url)
    await first.upgrade()
    async with first.session() as s:
        await create_unit(s, "上海某某快递服务工会")
        await s.commit()
    await first.dispose()
    telegram = FakeTelegramSession()  # one Telegram: both workers see the same chats and keyboards
    dbs, workers = [], []
    for _ in range(2):
        db = Database(pg_url)
        app = build_dispatcher(settings, db)
        dbs.append(db)
        workers.append(BotHarness(app, build_bot(settings, session=telegram), telegram))
    workers[1].updates = workers[0].updates
    users = [4101, 4102, 4103, 4104]
    try:
        async def one(n: int, uid: int):
            out = []
            for k, item in enumerate(card_form(n)):
                out = await _step(workers, k + n, uid, item)
            return out

        finals = await asyncio.gather(*(one(n, uid) for n, uid in enumerate(users)))
        for out in finals:
            assert "申请已提交" in out[-1].text
        async with dbs[0].session() as s:
            apps = (await s.exec(select(CardApplication))).all()
        assert sorted(a.user_id for a in apps) == users
    finally:
        for w in workers:
            await w.app.storage.close()
        for db in dbs:
            await db.dispose()
