"""/forget is confirmed server-side: the button carries the nonce of a signed, expiring
confirmation kept in the person's state; a forged, reused or stale press erases nothing."""

from __future__ import annotations

import time

from aiogram.fsm.storage.base import StorageKey

import domain.privacy as privacy
from domain.models import User
from domain.privacy import Confirmations
from handlers.start import ForgetCb


async def _exists(h, uid: int) -> bool:
    async with h.app.db.session() as s:
        return await s.get(User, uid) is not None


async def test_the_real_button_erases(harness):
    await harness.send(801, "/start")
    await harness.send(801, "/forget")
    out = await harness.press(801, "确认删除")
    assert "已删除" in out[-1].text and not await _exists(harness, 801)


async def test_a_forged_callback_erases_nothing_and_says_so(harness):
    h = harness
    await h.send(802, "/start")
    # no /forget at all: a hand-made callback
    menu = h.last_with_buttons(802)
    for data in (ForgetCb(yes=True, nonce="AAAAAAAAAAAA").pack(), "forget:1", "forget:1:x:y"):
        out = await h.press_data(802, data, call=menu)
        assert "没有删除任何数据" in out[-1].text, data
        assert await _exists(h, 802)
    # after /forget, a press with another nonce (e.g. an older confirmation) is refused too
    await h.send(802, "/forget")
    confirm = h.last_with_buttons(802)
    out = await h.press_data(802, ForgetCb(yes=True, nonce="forged-nonce").pack(), call=confirm)
    assert "已失效" in out[-1].text and await _exists(h, 802)
    # and the genuine button still works afterwards
    out = await h.press(802, "确认删除")
    assert "已删除" in out[-1].text and not await _exists(h, 802)


async def test_a_stale_or_reused_confirmation_erases_nothing(harness, monkeypatch):
    h = harness
    await h.send(803, "/start")
    await h.send(803, "/forget")
    later = time.time() + privacy.CONFIRM_TTL + 5
    monkeypatch.setattr(privacy, "_now", lambda: later)
    out = await h.press(803, "确认删除")
    assert "已失效" in out[-1].text and "5 分钟" in out[-1].text and await _exists(h, 803)
    monkeypatch.undo()
    await h.send(803, "/forget", lang="en")
    button = h.last_with_buttons(803)
    out = await h.press(803, "不删除")
    assert await _exists(h, 803)
    # "keep it" spent the confirmation: pressing yes on the same message now erases nothing
    yes = next(b["callback_data"] for b in button.buttons if b["callback_data"].startswith("forget:1"))
    out = await h.press_data(803, yes, call=button)
    assert "没有删除任何数据" in out[-1].text and await _exists(h, 803)


async def test_a_token_moved_to_another_person_or_altered_is_refused(harness):
    h = harness
    for uid in (804, 805):
        await h.send(uid, "/start")
        await h.send(uid, "/forget")
    key = lambda uid: StorageKey(bot_id=h.bot.id, chat_id=uid, user_id=uid)  # noqa: E731
    token_804 = (await h.app.storage.get_data(key(804)))["forget_token"]
    await h.app.storage.set_data(key(805), {"forget_token": token_804})  # 805's state now holds 804's
    out = await h.press_data(805, ForgetCb(yes=True, nonce=Confirmations.nonce(token_804)).pack(),
                             call=h.last_with_buttons(805))
    assert "已失效" in out[-1].text and await _exists(h, 805)
    issued, nonce, sig = token_804.split(".")
    await h.app.storage.set_data(key(804), {"forget_token": f"{int(issued) + 3600}.{nonce}.{sig}"})
    out = await h.press(804, "确认删除")
    assert "已失效" in out[-1].text and await _exists(h, 804)


def test_confirmations_unit():
    c = Confirmations("secret")
    token = c.issue("forget", 1)
    assert c.check(token, "forget", 1, Confirmations.nonce(token))
    assert not c.check(token, "forget", 2, Confirmations.nonce(token))
    assert not c.check(token, "other", 1, Confirmations.nonce(token))
    assert not c.check(token, "forget", 1, "x")
    assert not Confirmations("another").check(token, "forget", 1, Confirmations.nonce(token))
    assert not c.check(None, "forget", 1, "x") and not c.check("garbage", "forget", 1, "x")
