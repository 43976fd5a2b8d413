"""Personal data at rest: form state sealed in the database and in Redis, abandoned forms expired.

The done-when check of issue 12: a card form abandoned at the document number (and one at the
phone), and a question with an ID and a phone in it, leave neither number in the SQLite files
(db, -wal, -shm) nor in a dump of the Redis database, in any spelling."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from aiogram.fsm.storage.base import StorageKey
from stdnum.cn import ric

from bot.settings import load_settings
from bot.storage import DAY, DatabaseStorage, FsmSeal
from bot.dev.testing import BotHarness
from domain.privacy import DataCipher

ID17 = "31011519900307123"
ID = ID17 + ric.calc_check_digit(ID17 + "0")
PHONE = "13812345678"
QUESTION_PHONE = "13987654321"
QUESTION_ID17 = "11010519491231002"
QUESTION_ID = QUESTION_ID17 + ric.calc_check_digit(QUESTION_ID17 + "0")

FORM_TO_DOC = ["/apply", "灵活就业会员", "我有会员编号，还没有会员服务卡", "M20240001", "张三", "居民身份证", ID]
FORM_TO_PHONE = FORM_TO_DOC + ["✅ 正确", "2031-12-31", PHONE]


def spellings(number: str) -> list[str]:
    """The number as typed: plain, lower-case x, grouped with spaces/hyphens, full-width."""
    wide = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")
    out = {number, number.lower(), number.translate(wide)}
    if len(number) == 11:
        out |= {f"{number[:3]} {number[3:7]} {number[7:]}", f"{number[:3]}-{number[3:7]}-{number[7:]}"}
        core = [number, number[3:]]  # and its last 8 digits, which the mask never shows together
    else:
        out |= {f"{number[:6]} {number[6:14]} {number[14:]}", f"{number[:6]}-{number[6:14]}-{number[14:]}"}
        core = [number[:17], number[6:14]]  # and the birth date it carries
    return sorted(out) + core


def needles(*numbers: str) -> list[bytes]:
    found = []
    for n in numbers:
        for s in spellings(n):
            found += [s.encode("utf-8"), s.encode("utf-16-le")]
    return found


def scan(blobs: dict[str, bytes], *numbers: str) -> list[str]:
    """Like `strings | grep`: which of the numbers (any spelling) occur in which blob."""
    hits = []
    for name, blob in blobs.items():
        for needle in needles(*numbers):
            if needle in blob:
                hits.append(f"{needle!r} in {name}")
    return hits


async def _step(h, uid, item):
    last = h.last_with_buttons(uid)
    if last is not None and any(b.get("text") == item for b in last.buttons):
        return await h.press(uid, item)
    return await h.send(uid, item)


async def _leave_forms_and_ask(h):
    for item in FORM_TO_DOC:
        await _step(h, 2101, item)
    for item in FORM_TO_PHONE:
        await _step(h, 2102, item)
    # questions with an ID and a phone in them, spelt the ways people type them
    await h.send(2103, f"我的身份证{QUESTION_ID}和手机{QUESTION_PHONE}查不到参保信息")
    await h.send(2104, f"身份证 {QUESTION_ID[:6]} {QUESTION_ID[6:14]} {QUESTION_ID[14:].lower()} 电话 "
                       f"{QUESTION_PHONE[:3]} {QUESTION_PHONE[3:7]} {QUESTION_PHONE[7:]} 怎么办")
    # the numbers did reach the form state: the sealed data still reads back for the bot
    data = await h.app.storage.get_data(StorageKey(bot_id=h.bot.id, chat_id=2101, user_id=2101))
    assert data.get("doc_number") == ID
    data = await h.app.storage.get_data(StorageKey(bot_id=h.bot.id, chat_id=2102, user_id=2102))
    assert data.get("mobile") == PHONE


def _db_files(base: Path) -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in base.glob("test.db*")}
    assert "test.db" in files
    return files


async def test_no_id_or_phone_in_the_sqlite_files(tmp_path):
    async with BotHarness.create(tmp_path) as h:
        await _leave_forms_and_ask(h)
        open_files = _db_files(tmp_path)  # while the bot runs: db, -wal, -shm
        assert any(name.endswith("-wal") for name in open_files)
        assert scan(open_files, ID, PHONE, QUESTION_ID, QUESTION_PHONE) == []
    assert scan(_db_files(tmp_path), ID, PHONE, QUESTION_ID, QUESTION_PHONE) == []
    # the scan can fail: the same numbers written in the clear are found
    assert scan({"plain": json.dumps({"doc": ID, "q": "138 1234 5678"}).encode()}, ID, PHONE)
    rows = sqlite3.connect(tmp_path / "test.db").execute("SELECT state, data FROM fsm_state").fetchall()
    assert rows and all(not data.startswith("{") for _, data in rows)  # sealed, not JSON


async def test_no_id_or_phone_in_a_redis_dump(redis_url, tmp_path):
    from redis.asyncio import Redis

    async with BotHarness.create(tmp_path, redis_url=redis_url) as h:
        await _leave_forms_and_ask(h)
        client = Redis.from_url(redis_url)
        try:
            dump = {}
            async for key in client.scan_iter(count=1000):
                raw = await client.dump(key)
                if raw is not None:
                    dump[key.decode()] = key + b"\0" + raw
            assert any(k.endswith(":data") for k in dump)
            assert scan(dump, ID, PHONE, QUESTION_ID, QUESTION_PHONE) == []
        finally:
            await client.aclose()
    assert scan(_db_files(tmp_path), ID, PHONE, QUESTION_ID, QUESTION_PHONE) == []


# --- expiry ---------------------------------------------------------------------------------


def _advance(storage, days: float) -> None:
    base = storage.seal.clock
    storage.seal.clock = lambda: base() + days * DAY


async def test_an_abandoned_form_expires_and_the_member_is_told_once(tmp_path):
    async with BotHarness.create(tmp_path) as h:
        for item in FORM_TO_DOC:
            await _step(h, 2201, item)
        await h.send(2202, "/lang", lang="en")
        for item in ["/apply"]:
            await h.send(2202, item, lang="en")
        await h.send(2203, "密码忘了咋办")  # a question only: no form to tell about
        _advance(h.app.storage, 29)
        out = await h.send(2201, "2031-12-31")  # not yet: the form goes on
        assert not any("没有继续填写" in o.text for o in out)
        _advance(h.app.storage, 31)  # 31 days after the last write of the others; 2 after 2201's
        out = await h.send(2202, "hello", lang="en")
        assert "left unfinished for 30 days has been deleted" in out[0].text
        out = await h.send(2202, "/apply", lang="en")
        assert not any("deleted" in o.text for o in out)  # told once
        out = await h.send(2203, "/start")
        assert not any("没有继续填写" in o.text for o in out)
        _advance(h.app.storage, 31)
        out = await h.send(2201, "/apply")
        assert "30 天没有继续填写" in out[0].text
        assert "接着上次" not in "".join(o.text for o in out)  # a fresh start, nothing kept
        data = await h.app.storage.get_data(StorageKey(bot_id=h.bot.id, chat_id=2201, user_id=2201))
        assert "doc_number" not in data


async def test_the_sweep_expires_forms_of_people_who_never_come_back(tmp_path):
    async with BotHarness.create(tmp_path, form_ttl_days=7) as h:
        storage = h.app.storage
        for item in FORM_TO_DOC:
            await _step(h, 2301, item)
        await h.send(2302, "我的手机13812345678收不到验证码")
        assert not storage.sweep_due()  # the first sweep comes an hour after start
        _advance(storage, 8)
        assert storage.sweep_due()
        assert await storage.sweep() == 1
        assert not storage.sweep_due()
        rows = sqlite3.connect(tmp_path / "test.db").execute("SELECT key, state, data FROM fsm_state").fetchall()
        assert len(rows) == 1 and rows[0][1] is None  # the form is a marker now; the question is gone
        opened = storage.seal.open(rows[0][2])
        assert opened.expired and opened.data == {}
        out = await h.send(2301, "hi")
        assert "7 天没有继续填写" in out[0].text
        out = await h.send(2301, "hi")
        assert not any("没有继续填写" in o.text for o in out)
        data = await storage.get_data(StorageKey(bot_id=h.bot.id, chat_id=2301, user_id=2301))
        assert "doc_number" not in data and data.get("faq_query") == "hi"  # what is left is the new question


async def test_rows_written_in_the_clear_are_read_and_sealed_by_the_sweep(tmp_path):
    from bot.db import Database

    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'legacy.db'}")
    await db.upgrade()
    try:
        plain = json.dumps({"doc_number": ID}, ensure_ascii=False)
        with sqlite3.connect(tmp_path / "legacy.db") as conn:
            conn.execute("INSERT INTO fsm_state (key, state, data, updated_at) VALUES (?, ?, ?, ?)",
                         ("42:5:5:default", "CardForm:expiry", plain, "2026-12-01 00:00:00.000000"))
        storage = DatabaseStorage(db, FsmSeal(DataCipher("k")))
        key = StorageKey(bot_id=42, chat_id=5, user_id=5)
        assert await storage.get_data(key) == {"doc_number": ID}
        assert await storage.sweep() == 0
        (data,) = sqlite3.connect(tmp_path / "legacy.db").execute("SELECT data FROM fsm_state").fetchone()
        assert ID not in data
        assert await DatabaseStorage(db, FsmSeal(DataCipher("k"))).get_data(key) == {"doc_number": ID}
        assert await DatabaseStorage(db, FsmSeal(DataCipher("k"))).get_state(key) == "CardForm:expiry"
    finally:
        await db.dispose()


async def test_redis_forms_expire_too(redis_url, tmp_path):
    from redis.asyncio import Redis

    async with BotHarness.create(tmp_path, redis_url=redis_url) as h:
        storage = h.app.storage
        for item in FORM_TO_DOC:
            await _step(h, 2401, item)
        for item in FORM_TO_DOC:
            await _step(h, 2402, item)
        await h.send(2403, "我的手机13812345678收不到验证码")
        client = Redis.from_url(redis_url)
        try:
            # a value written in the clear by the older version is read, and sealed by the sweep
            legacy_key = storage.key_builder.build(StorageKey(bot_id=h.bot.id, chat_id=2404, user_id=2404), "data")
            await client.set(legacy_key, json.dumps({"mobile": PHONE}))
            assert await storage.get_data(StorageKey(bot_id=h.bot.id, chat_id=2404, user_id=2404)) == {"mobile": PHONE}
            assert await storage.sweep() == 0
            assert PHONE.encode() not in await client.get(legacy_key)
            _advance(storage, 31)
            out = await h.send(2401, "hi")  # at the next message (this also starts the hourly sweep)
            assert "30 天没有继续填写" in out[0].text
            await storage.sweep()  # 2402's form is a marker; 2403's question and 2404's data just go
            keys = sorted(k.decode() for k in await client.keys("fsm:*"))
            assert keys == sorted(storage.key_builder.build(StorageKey(bot_id=h.bot.id, chat_id=u, user_id=u), "data")
                                  for u in (2401, 2402))  # 2401's is its new question
            assert PHONE.encode() not in b"".join([await client.get(k) for k in keys])
            out = await h.send(2402, "hi")
            assert "30 天没有继续填写" in out[0].text
            data = await storage.get_data(StorageKey(bot_id=h.bot.id, chat_id=2402, user_id=2402))
            # the form is gone; what is there is the new question (and its follow-up context)
            assert data["faq_query"] == "hi" and not any(k.startswith("card") for k in data)
        finally:
            await client.aclose()
