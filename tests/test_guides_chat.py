"""Guides in chat: a clerk completes the mutual-aid guide, stops half-way and resumes (also after
a restart and from a colleague's account of the same unit), "I'm stuck", Back, English, privacy."""

from __future__ import annotations

from sqlmodel import select

from bot.dev.testing import BotHarness
from domain.guides import GuideProgress, load_guides
from domain.repos import create_invite, create_unit, export_user, forget_user

GUIDE_ZH = "上海职工互助保障项目2020 集中参保"


async def make_clerk(h, uid: int, unit_name: str = "上海测试有限公司工会", unit_id: int | None = None) -> int:
    async with h.app.db.session() as s:
        if unit_id is None:
            unit = await create_unit(s, unit_name)
            unit_id = unit.id
        invite = await create_invite(s, unit_id, None)
        code = invite.code
        await s.commit()
    await h.send(uid, f"/start {code}")
    return unit_id


async def test_clerk_completes_mutual_aid_guide(harness):
    await make_clerk(harness, 201)
    guide = load_guides("zh")["mutual_aid_collective"]
    total = len(guide.steps)
    await harness.send(201, "/guides")
    out = await harness.press(201, GUIDE_ZH)
    assert f"第 1 步，共 {total} 步：{guide.steps[0].title}" in out[-1].text
    assert "https://zzgl.shzgh.org" in out[-1].text
    for i in range(2, total + 1):
        out = await harness.press(201, "下一步 ➡️")
        assert f"第 {i} 步，共 {total} 步：{guide.steps[i - 1].title}" in out[-1].text
    assert "下一步 ➡️" not in out[-1].button_texts and "✅ 完成" in out[-1].button_texts
    out = await harness.press(201, "✅ 完成")
    assert f"{total} 个步骤已全部完成" in out[-1].text
    async with harness.app.db.session() as s:
        row = (await s.exec(select(GuideProgress))).one()
        assert row.completed and row.guide == "mutual_aid_collective" and row.scope.startswith("u")
    out = await harness.send(201, "/guides")
    assert any(b.startswith(GUIDE_ZH) and b.endswith("✅") for b in out[-1].button_texts)
    out = await harness.press(201, GUIDE_ZH)
    assert "已完成" in out[-1].text
    out = await harness.press(201, "从头再看一遍")
    assert f"第 1 步，共 {total} 步" in out[-1].text


async def test_stop_half_way_and_resume_after_restart_and_for_a_colleague(tmp_path):
    total = len(load_guides("zh")["mutual_aid_collective"].steps)
    step4 = load_guides("zh")["mutual_aid_collective"].steps[3].title
    async with BotHarness.create(tmp_path) as h:
        unit_id = await make_clerk(h, 202)
        await h.send(202, "/guides")
        await h.press(202, GUIDE_ZH)
        for _ in range(3):
            await h.press(202, "下一步 ➡️")
        await h.send(202, "/menu")  # wanders off
    async with BotHarness.create(tmp_path) as h:  # the bot restarted
        out = await h.send(202, "/guides")
        assert f"{GUIDE_ZH} （第 4/{total} 步）" in out[-1].button_texts
        out = await h.press(202, GUIDE_ZH)
        assert f"已从上次的进度继续：第 4/{total} 步" in out[-1].text and step4 in out[-1].text
        out = await h.press(202, "⬅️ 上一步")
        assert f"第 3 步，共 {total} 步" in out[-1].text
        # a second clerk of the same unit continues the unit's progress
        await make_clerk(h, 203, unit_id=unit_id)
        out = await h.send(203, "/guides")
        assert f"{GUIDE_ZH} （第 3/{total} 步）" in out[-1].button_texts


async def test_im_stuck_offers_fixes_and_contacts(harness):
    await make_clerk(harness, 204)
    await harness.send(204, "/guides")
    await harness.press(204, GUIDE_ZH)
    for _ in range(10):
        await harness.press(204, "下一步 ➡️")  # step 11: pay and upload the voucher
    out = await harness.press(204, "🆘 我卡住了")
    text = out[-1].text
    assert "【批次撤回】" in text and "清册待校验" in text
    assert "12351" in text and "kefubu@shzbh.org.cn" in text
    assert "redo-collective" not in text and "/faq" in text  # knowledge-base slugs never reach people
    assert "下一步 ➡️" in out[-1].button_texts  # navigation stays available


async def test_progress_is_per_guide_and_english_works(harness):
    await make_clerk(harness, 205)
    await harness.send(205, "/lang")
    await harness.press(205, "English")
    out = await harness.send(205, "/guides")
    title = load_guides("en")["retiree_deduction"].title
    out = await harness.press(205, title)
    assert "Step 1 of 12" in out[-1].text and "Google Chrome" in out[-1].text
    await harness.press(205, "Next ➡️")
    out = await harness.send(205, "/guides")
    assert f"{title} (step 2/12)" in out[-1].button_texts
    assert load_guides("en")["mutual_aid_collective"].title in out[-1].button_texts  # untouched, no mark


async def test_guide_opened_from_the_clerk_menu_and_stale_button(harness):
    await harness.send(206, "/start")
    out = await harness.press(206, "🧾 我是工会经办人")
    assert "📘 分步办理指引" in out[-1].button_texts
    out = await harness.press(206, "📘 分步办理指引")
    assert GUIDE_ZH in out[-1].button_texts
    out = await harness.press_data(206, "g:open:99:0")
    assert harness.answers()[-1].params.get("show_alert") is True


async def test_progress_export_and_forget_without_unit(harness):
    await harness.send(207, "/guides")
    await harness.press(207, "会员梳理")
    await harness.press(207, "下一步 ➡️")
    async with harness.app.db.session() as s:
        data = await export_user(s, 207)
        assert data["guides"][0]["guide"] == "roster_upkeep" and data["guides"][0]["step"] == 2
        counts = await forget_user(s, 207)
        await s.commit()
        assert counts["guides"] == 1
        assert (await s.exec(select(GuideProgress))).all() == []


async def test_forget_keeps_the_units_progress_but_not_who_moved_it(harness):
    await make_clerk(harness, 208)
    await harness.send(208, "/guides")
    await harness.press(208, GUIDE_ZH)
    async with harness.app.db.session() as s:
        counts = await forget_user(s, 208)
        await s.commit()
        row = (await s.exec(select(GuideProgress))).one()
        assert counts["guides"] == 1 and row.updated_by is None and row.scope.startswith("u")
