"""“Where am I / what now” in chat, through the menu buttons and with a typed status."""

from __future__ import annotations

from datetime import date


async def open_status(h, uid):
    await h.send(uid, "/start")
    await h.press(uid, "🧾 我是工会经办人")
    return await h.press(uid, "🧭 我在哪一步")


async def test_voucher_pending_can_i_change_the_roster_withdraw_first(harness):
    out = await open_status(harness, 301)
    assert "互助保障项目2020" in out[-1].button_texts
    await harness.press(301, "互助保障项目2020")
    out = await harness.press(301, "集中参保")
    assert "缴费凭证待上传" in out[-1].button_texts
    out = await harness.press(301, "缴费凭证待上传")
    text = out[-1].text
    assert "状态：<b>缴费凭证待上传</b>" in text
    assert "⛔ 现在不可以" in text and "➡️ 应先：【批次撤回】" in text
    assert "提交确认保费后 15 天内" in text
    out = await harness.press(301, "能否：修改参保名单")
    answer = out[-1].text
    assert "“缴费凭证待上传”状态下，能否修改参保名单" in answer
    assert "⛔ 不可以。" in answer and "【批次撤回】" in answer and "清册待校验" in answer


async def test_allowed_and_conditional_answers(harness):
    await open_status(harness, 302)
    await harness.press(302, "互助保障项目2020")
    await harness.press(302, "集中参保")
    await harness.press(302, "清册待校验")
    out = await harness.press(302, "能否：【批次删除】")
    assert "✅ 可以。" in out[-1].text
    out = await harness.press(302, "🔄 换一个状态")
    await harness.press(302, "缴费凭证待上传")
    out = await harness.press(302, "能否：【批次撤回】")
    assert "⚠️ 有条件可以" in out[-1].text and "缴费凭证上传前" in out[-1].text


async def test_disputed_reading_is_shown(harness):
    await open_status(harness, 303)
    await harness.press(303, "互助保障项目2020")
    await harness.press(303, "即时参保")
    out = await harness.press(303, "清册校验通过")
    assert "两处不一致" in out[-1].text


async def test_retiree_status_and_deadline(harness, monkeypatch):
    monkeypatch.setattr("domain.clock.today", lambda: date(2025, 5, 20))
    await open_status(harness, 304)
    await harness.press(304, "退休住院计划")
    await harness.press(304, "委托代扣款缴费")
    out = await harness.press(304, "代扣申请完成")
    assert "代扣名单不能修改" in out[-1].text
    await harness.press(304, "🔄 换一个状态")
    out = await harness.press(304, "职保会审核通过")
    assert "代扣申请须在 2025-06-04 16:00 前提交" in out[-1].text


async def test_typed_status_label(harness):
    out = await harness.send(305, "/status 名单校验中")
    assert "退休住院计划" in out[-1].text and "系统正在校验名单" in out[-1].text
    out = await harness.send(305, "/status 缴费凭证待上传")
    assert len(out[-1].button_texts) == 4  # three programs + back
    out = await harness.press(305, "互助保障项目2020")
    assert "缴费凭证待上传" in out[-1].text
    out = await harness.send(305, "/status 不存在的状态")
    assert "没有找到" in out[-1].text


async def test_english(harness):
    await harness.send(306, "/lang")
    await harness.press(306, "English")
    out = await harness.send(306, "/status")
    await harness.press(306, "Mutual-aid project 2020")
    await harness.press(306, "Collective")
    await harness.press(306, "缴费凭证待上传")
    out = await harness.press(306, "Can I: Change the roster")
    assert "⛔ No." in out[-1].text and "【批次撤回】" in out[-1].text


async def test_stale_button(harness):
    await harness.send(307, "/status")
    await harness.press_data(307, "st:show:9:-1:0:0")
    assert harness.answers()[-1].params.get("show_alert") is True
