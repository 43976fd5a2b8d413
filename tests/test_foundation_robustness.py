"""Restart in the middle of a form, bad input of every kind, errors and flooding."""

from __future__ import annotations

import io
import logging

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message, PhotoSize, Sticker
from sqlmodel import select

from bot.db import Database
from bot.logging_setup import RedactingFormatter
from bot.settings import load_settings
from bot.dev.testing import BotHarness
from domain.models import FsmRecord, Unit, User


async def _all_rows(db):
    async with db.session() as s:
        return (
            sorted((u.id, u.lang, u.role) for u in (await s.exec(select(User))).all()),
            [u.name for u in (await s.exec(select(Unit))).all()],
            sorted((r.key, r.state, r.data) for r in (await s.exec(select(FsmRecord))).all()),
        )


async def test_form_continues_after_restart(tmp_path):
    settings = load_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'r.db'}", admin_ids="1",
                             data_key="k", throttle_rate=1000, throttle_burst=1000, redis_url=None)
    async with BotHarness.create(settings=settings) as first:
        await first.send(1, "/newunit")
        out = await first.send(1, "上海某某科技有限公司工会委员会")
        assert "哪一级" in out[0].text
        await first.press(1, "区局(产业)工会")
    # a new process: new Dispatcher, new storage object, same database
    async with BotHarness.create(settings=settings) as second:
        out = await second.send(1, "91350100M000100Y43")
        assert "参保编码" in out[0].text
        await second.press(1, "跳过")
        await second.send(1, "浦东新区总工会")
        out = await second.send(1, "创建")
        assert "已创建单位" in out[-1].text and "上海某某科技有限公司工会委员会" in out[-1].text
        assert "https://t.me/unionbot_local_bot?start=c" in out[-1].text


async def test_bad_input_everywhere_gets_a_helpful_reply_and_changes_nothing(harness):
    h = harness
    await h.send(200, "/start")
    await h.send(1, "/newunit")  # admin in the middle of a form
    before = await _all_rows(h.app.db)

    sticker = Sticker(file_id="s1", file_unique_id="s1", type="regular", width=10, height=10, is_animated=False, is_video=False)
    out = await h.send_update(200, h.updates.message(200, None, sticker=sticker))
    assert "只能处理文字消息" in out[0].text
    photo = [PhotoSize(file_id="p1", file_unique_id="p1", width=10, height=10)]
    out = await h.send_update(1, h.updates.message(1, None, photo=photo))
    assert "请用文字回答" in out[0].text  # in a form: asked to answer the question
    out = await h.send(200, "x" * 4096)
    assert "太长" in out[0].text
    out = await h.send(200, "/definitely_not_a_command")
    assert "没有这个命令" in out[0].text
    out = await h.send(200, "   ")
    assert out and out[0].text

    # a stale button (callback data no handler knows) and a forged one
    start_call = h.session.sent_to(200)[0]
    from aiogram.types import Message as Msg

    msg = Msg.model_validate(start_call.result, context={"bot": h.bot})
    await h.feed(h.updates.callback(200, "m:does_not_exist", msg))
    await h.feed(h.updates.callback(200, "\x00garbage:::", msg))
    answers = [c.params.get("text") for c in h.answers()[-2:]]
    assert answers == ["这个按钮已失效，请使用最新的消息或发送 /start。"] * 2
    # a callback from another user's message
    await h.feed(h.updates.callback(201, "m:mode_clerk", msg))
    assert h.answers()[-1].params["text"] == "这个按钮不是发给您的。"
    # the admin's form still waits for the unit name, and nothing changed in the database
    after = await _all_rows(h.app.db)
    assert after[1] == before[1] == []
    assert after[2] == before[2]
    assert [r for r in after[0] if r[0] == 201] == []  # the forging user was never registered


async def test_group_chats_are_pointed_to_private_chat(harness):
    out = await harness.send_update(-500, harness.updates.message(300, "/start", chat_id=-500))
    assert "私聊" in out[0].text


async def test_exceptions_never_escape_and_log_has_no_personal_data(tmp_path, caplog):
    boom = Router(name="boom")

    @boom.message(Command("boom"))
    async def explode(message: Message) -> None:
        raise ValueError("could not parse 11010519491231002X for 13812345678")

    async with BotHarness.create(tmp_path) as h:
        h.dp.include_router(boom)
        h.dp.sub_routers.insert(0, h.dp.sub_routers.pop())  # before the fallback router
        with caplog.at_level(logging.ERROR):
            out = await h.send(7, "/boom")
    assert "参考编号" in out[0].text
    ref = out[0].text.split("<code>")[1].split("</code>")[0]
    record = next(r for r in caplog.records if "failed" in r.getMessage())
    rendered = RedactingFormatter().format(record)
    assert ref in rendered and "Traceback" in rendered and "ValueError" in rendered
    assert "11010519491231002X" not in rendered and "13812345678" not in rendered
    assert "[ID]" in rendered and "[PHONE]" in rendered


async def test_flooding_gets_one_notice(tmp_path):
    async with BotHarness.create(tmp_path, throttle_rate=0.5, throttle_burst=3) as h:
        replies = []
        for _ in range(12):
            replies += await h.send(9, "/privacy")
    notices = [r for r in replies if "太快" in r.text]
    assert len(notices) == 1
    assert len(replies) == 3 + 1


async def test_documents_round_trip_through_the_fake_session(harness):
    from aiogram import F

    echo = Router(name="echo-doc")

    @echo.message(F.document)
    async def got(message: Message, bot) -> None:
        buf = io.BytesIO()
        await bot.download(message.document, destination=buf)
        from aiogram.types import BufferedInputFile

        await message.answer_document(BufferedInputFile(buf.getvalue()[::-1], filename="back.bin"))

    harness.dp.include_router(echo)
    harness.dp.sub_routers.insert(0, harness.dp.sub_routers.pop())
    out = await harness.send_document(8, content=b"abc123", file_name="x.xlsx")
    assert out[0].file_name == "back.bin" and out[0].file_bytes == b"321cba"


async def test_user_language_and_role_come_from_telegram_and_admin_ids(tmp_path):
    async with BotHarness.create(tmp_path, admin_ids="77") as h:
        await h.send(77, "/start", lang="en")
        await h.send(78, "/start", lang="zh-hans")
        async with h.app.db.session() as s:
            assert (await s.get(User, 77)).role == "admin"
            assert (await s.get(User, 77)).lang == "en"
            assert (await s.get(User, 78)).role == "member"
            assert (await s.get(User, 78)).lang == "zh"


async def test_database_is_reused_not_recreated(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"
    db = Database(url)
    await db.upgrade()
    await db.upgrade()  # idempotent
    assert await db.current_heads()
    await db.dispose()


async def test_updates_of_one_user_never_interleave_and_idle_locks_are_forgotten():
    import asyncio

    from bot.run.app import LocalEventIsolation

    iso = LocalEventIsolation()
    order = []

    async def work(key, tag):
        async with iso.lock(key):
            order.append(f"{tag}-in")
            await asyncio.sleep(0.01)
            order.append(f"{tag}-out")

    await asyncio.gather(work("u1", "a"), work("u1", "b"), work("u2", "c"))
    a_or_b = [x for x in order if x[0] in "ab"]
    assert a_or_b in (["a-in", "a-out", "b-in", "b-out"], ["b-in", "b-out", "a-in", "a-out"])
    assert iso._locks == {}
