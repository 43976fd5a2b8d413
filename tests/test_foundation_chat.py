"""First conversation, roles, language, cancel, privacy, forget — through the real Dispatcher."""

from __future__ import annotations

from sqlmodel import select

from domain.models import User


async def test_start_greets_in_chinese_with_role_buttons(harness):
    out = await harness.send(100, "/start")
    assert "工会服务助手" in out[0].text
    assert out[0].button_texts == ["🙋 我是会员（申请会员服务卡）", "🧾 我是工会经办人"]


async def test_start_greets_in_english_for_english_clients(harness):
    out = await harness.send(101, "/start", lang="en")
    assert "Union Service Assistant" in out[0].text
    assert "I'm a union clerk" in out[0].button_texts[1]


async def test_unknown_language_falls_back_to_default_chinese(harness):
    out = await harness.send(102, "/start", lang="fr")
    assert "工会服务助手" in out[0].text


async def test_choosing_a_role_shows_that_menu_and_is_remembered(harness):
    await harness.send(103, "/start")
    out = await harness.press(103, "🧾 我是工会经办人")
    assert out[-1].text.startswith("经办人工作台")
    assert "还没有绑定工会组织" in out[-1].text
    help_text = (await harness.send(103, "/help"))[0].text
    assert "/roster" in help_text and "/guides" in help_text


async def test_help_for_members_and_admins(harness):
    member = (await harness.send(104, "/help"))[0].text
    assert "/apply" in member and "/newunit" not in member
    admin = (await harness.send(1, "/help"))[0].text
    assert "/newunit" in admin


async def test_lang_switch_is_stored_per_user(harness):
    await harness.send(105, "/lang")
    out = await harness.press(105, "English")
    assert out[-1].text == "Language set to English."
    out = await harness.send(105, "/start")  # client still says zh; the stored choice wins
    assert "Union Service Assistant" in out[0].text
    async with harness.app.db.session() as s:
        assert (await s.get(User, 105)).lang == "en"


async def test_cancel_leaves_a_form_without_saving(harness):
    assert (await harness.send(1, "/cancel"))[0].text == "当前没有进行中的操作。"
    await harness.send(1, "/newunit")
    await harness.send(1, "测试工会委员会")
    out = await harness.send(1, "/cancel")
    assert "已退出" in out[0].text
    # nothing half-made: the next text is not taken as a unit field
    async with harness.app.db.session() as s:
        from domain.models import Unit

        assert (await s.exec(select(Unit))).all() == []


async def test_privacy_and_forget(harness):
    assert "加密" in (await harness.send(106, "/privacy"))[0].text
    await harness.send(106, "/start")
    out = await harness.send(106, "/forget")
    assert out[0].button_texts == ["确认删除", "不删除"]
    out = await harness.press(106, "不删除")
    assert "没有删除" in out[-1].text
    async with harness.app.db.session() as s:
        assert await s.get(User, 106) is not None
    await harness.send(106, "/forget")
    out = await harness.press(106, "确认删除")
    assert "已删除" in out[-1].text
    async with harness.app.db.session() as s:
        assert await s.get(User, 106) is None


async def test_commands_menu_is_set_per_language(harness):
    from bot.run.app import set_commands

    await set_commands(harness.bot, harness.app.translator)
    calls = [c for c in harness.calls if c.method == "setMyCommands"]
    assert len(calls) == 2
    zh, en = calls
    assert "language_code" not in zh.params and en.params["language_code"] == "en"
    assert {"command": "start", "description": "开始 / 主菜单"} in zh.params["commands"]
    assert {"command": "start", "description": "Start / main menu"} in en.params["commands"]
