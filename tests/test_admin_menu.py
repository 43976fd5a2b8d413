"""The admin menu (/admin and the main menu's button) and /newunit's level and parent steps,
through the real dispatcher."""

from __future__ import annotations

import pytest
from sqlmodel import select

from domain.privacy import DataCipher
from domain.models import Unit, User
from domain.repos import DomainError, create_unit
from handlers.admin_menu import ITEMS
from tests.ops_support import seed_card_applications

MENU = ["单位列表", "新建单位", "经办人邀请链接", "截止日期日历", "群发通知", "提醒发送记录", "没答好的问题",
        "未归属工会的办卡申请"]


async def _units(harness) -> dict[str, Unit]:
    async with harness.app.db.session() as s:
        return {u.name: u for u in (await s.exec(select(Unit))).all()}


async def test_admin_sees_the_menu_a_member_is_refused(harness):
    out = await harness.send(1, "/admin")
    assert out[0].text == "管理员菜单，请选择：" and out[0].button_texts == MENU
    assert len(ITEMS) == len(MENU)
    out = await harness.send(5, "/admin")
    assert out[0].text == "该命令仅限管理员使用。" and not out[0].buttons
    # the main menu: an admin has the button (in either mode), a member has not
    for uid in (1, 5):
        await harness.send(uid, "/start")
    assert "🛠 管理员菜单" in (await harness.press(1, "我是会员"))[-1].button_texts
    assert "🛠 管理员菜单" not in (await harness.press(5, "我是会员"))[-1].button_texts
    assert "🛠 管理员菜单" in (await harness.press(1, "切换到经办人菜单"))[-1].button_texts
    out = await harness.press(1, "🛠 管理员菜单")
    assert out[-1].text == "管理员菜单，请选择：" and out[-1].button_texts == MENU


async def test_an_admin_no_longer_admin_pressing_the_menu_is_refused(harness):
    await harness.send(1, "/admin")
    object.__setattr__(harness.app.settings, "admin_ids", frozenset())  # removed from ADMIN_IDS ...
    async with harness.app.db.session() as s:  # ... and demoted
        (await s.get(User, 1)).role = "member"
        await s.commit()
    for label in ("单位列表", "未归属工会的办卡申请"):
        out = await harness.press(1, label)
        assert out == [] and harness.answers()[-1].params.get("show_alert") is True
        assert harness.answers()[-1].params.get("text") == "该命令仅限管理员使用。"


async def test_each_button_reaches_its_function(harness):
    async with harness.app.db.session() as s:
        await create_unit(s, "浦东新区总工会", level="district")
        await s.commit()
    await harness.send(701, "今天天气怎么样")  # an unanswered question for the FAQ gaps

    async def press(label: str):
        await harness.send(1, "/admin")
        return await harness.press(1, label)

    assert "1. 浦东新区总工会" in (await press("单位列表"))[-1].text
    assert "全称" in (await press("新建单位"))[-1].text
    await harness.send(1, "/cancel")
    out = await press("经办人邀请链接")
    assert out[-1].text == "为哪个单位生成经办人邀请链接？" and out[-1].button_texts == ["1. 浦东新区总工会"]
    out = await harness.press(1, "1. 浦东新区总工会")
    assert "单位 <b>浦东新区总工会</b> 的经办人邀请链接" in out[-1].text and "?start=c" in out[-1].text
    assert "2023, 2025" in (await press("截止日期日历"))[-1].text  # the /calendar upload prompt
    await harness.send(1, "/cancel")
    out = await press("群发通知")
    assert out[-1].text == (await harness.send(1, "/broadcast"))[-1].text  # the same first step as /broadcast
    await harness.send(1, "/cancel")
    assert (await press("提醒发送记录"))[-1].text == (await harness.send(1, "/reminderlog"))[-1].text
    gaps = (await press("没答好的问题"))[-1].text
    assert "今天天气怎么样" in gaps and gaps == (await harness.send(1, "/faqgaps"))[-1].text
    orphans = (await press("未归属工会的办卡申请"))[-1].text  # the cards' /orphans
    assert orphans == "没有未归属工会的办卡申请。" == (await harness.send(1, "/orphans"))[-1].text


async def test_unitless_applications_open_the_cards_orphans_list_and_are_assigned(harness):
    async with harness.app.db.session() as s:
        await create_unit(s, "浦东新区总工会", level="district")
        await seed_card_applications(s, DataCipher("test-data-key"), "浦东新区总工会", 1, first_user=20_000)
        await seed_card_applications(s, DataCipher("test-data-key"), "还没登记的某某工会", 2, first_user=20_100)
        await s.commit()
    await harness.send(1, "/admin")
    out = (await harness.press(1, "未归属工会的办卡申请"))[-1]
    assert out.text.startswith("未归属工会的办卡申请（2 份") and len(out.button_texts) == 2
    assert all("填写的工会：还没登记的某某工会" in b and "310115" not in b and "张三" not in b for b in out.button_texts)
    await harness.press(1, out.button_texts[0])  # the first one: assign it (the cards' flow)
    await harness.send(1, "浦东新区")
    out = await harness.press(1, "浦东新区总工会 (#1)")
    assert "已分配给“浦东新区总工会”" in out[-1].text
    await harness.send(1, "/admin")
    out = (await harness.press(1, "未归属工会的办卡申请"))[-1]
    assert out.text.startswith("未归属工会的办卡申请（1 份") and len(out.button_texts) == 1


async def _new_unit(harness, name: str, level_button: str, lang: str = "zh"):
    await harness.send(1, "/newunit", lang=lang)
    out = await harness.send(1, name, lang=lang)
    return out, await harness.press(1, level_button, lang=lang)


async def _skip_to_summary(harness):
    for _ in range(3):  # credit code, enrollment code, district: skipped
        out = await harness.press(1, "跳过")
    return out


async def test_newunit_district_then_secondary_then_grassroots(harness):
    out, out2 = await _new_unit(harness, "浦东新区总工会", "区局(产业)工会")
    assert out[0].text == "这个单位是哪一级？" and out[0].button_texts == ["基层工会", "二级工会", "区局(产业)工会"]
    assert "统一社会信用代码" in out2[-1].text  # a district union: no parent step
    summary = (await _skip_to_summary(harness))[-1]
    assert "层级：区局(产业)工会" in summary.text and "上级单位：（无）" in summary.text
    assert summary.button_texts == ["创建", "取消"]
    assert "已创建单位 <b>浦东新区总工会</b>" in (await harness.press(1, "创建"))[-1].text

    await _new_unit(harness, "某某基层工会", "基层工会")
    await harness.press(1, "暂不设上级")
    await _skip_to_summary(harness)
    await harness.press(1, "创建")

    _, out = await _new_unit(harness, "浦东新区某某产业二级工会", "二级工会")
    # the parent of a secondary union: district unions only, not the grassroots one
    assert out[-1].button_texts == ["浦东新区总工会（区局(产业)工会）", "暂不设上级"]
    await harness.press(1, "浦东新区总工会")
    summary = (await _skip_to_summary(harness))[-1]
    assert "上级单位：浦东新区总工会" in summary.text
    await harness.press(1, "创建")

    _, out = await _new_unit(harness, "上海甲乙丙有限公司工会", "基层工会")
    assert out[-1].button_texts == ["浦东新区某某产业二级工会（二级工会）", "浦东新区总工会（区局(产业)工会）", "暂不设上级"]
    out = await harness.send(1, "产业")  # search by name
    assert out[0].button_texts == ["浦东新区某某产业二级工会（二级工会）", "暂不设上级"]
    out = await harness.send(1, "徐汇")
    assert out[0].text.startswith("没有名称包含“徐汇”的上级单位") and out[0].button_texts == ["暂不设上级"]
    await harness.send(1, "二级")
    await harness.press(1, "浦东新区某某产业二级工会")
    await harness.send(1, "91350100M000100Y43")
    await harness.send(1, "12345678")
    out = await harness.send(1, "浦东新区总工会")
    assert "统一社会信用代码：91350100M000100Y43" in out[0].text and "参保编码：12345678" in out[0].text
    await harness.press(1, "创建")

    units = await _units(harness)
    assert [(u.level, u.parent_id) for u in units.values()] == [
        ("district", None), ("grassroots", None), ("secondary", units["浦东新区总工会"].id),
        ("grassroots", units["浦东新区某某产业二级工会"].id)]
    assert units["上海甲乙丙有限公司工会"].uscc == "91350100M000100Y43"


async def test_newunit_bad_input_and_cancel(harness):
    await harness.send(1, "/newunit")
    assert "至少 2 个字" in (await harness.send(1, "甲"))[0].text
    await harness.send(1, "某某公司工会")
    out = await harness.send(1, "市级")
    assert out[0].text.startswith("没有这个层级") and out[0].button_texts == ["基层工会", "二级工会", "区局(产业)工会"]
    out = await harness.send(1, "基层")  # the level typed as the start of its label
    assert out[0].text.startswith("还没有可作为上级的单位")
    await harness.press(1, "暂不设上级")
    assert "校验码不对" in (await harness.send(1, "91350100M000100Y44"))[0].text
    await harness.press(1, "跳过")
    await harness.press(1, "跳过")
    await harness.press(1, "跳过")
    assert (await harness.send(1, "好的"))[0].text == "请点“创建”或“取消”。"
    assert (await harness.press(1, "取消"))[-1].text == "已取消，没有创建单位。"
    assert await _units(harness) == {}
    # a button of the finished dialog is stale
    await harness.press(1, "取消")
    assert harness.answers()[-1].params.get("show_alert") is True
    # a member cannot start it
    assert (await harness.send(5, "/newunit"))[0].text == "该命令仅限管理员使用。"


async def test_newunit_many_parents_asks_to_search_english(harness):
    async with harness.app.db.session() as s:
        for i in range(10):
            await create_unit(s, f"第{i}区总工会", level="district")
        await s.commit()
    out = await harness.send(1, "/admin", lang="en")  # the first contact: English is stored
    assert out[0].text == "Admin menu, please choose:" and "Card applications without a union" in out[0].button_texts
    out, out2 = await _new_unit(harness, "Some Secondary Union", "Secondary union", lang="en")
    assert out[0].button_texts == ["Grassroots union", "Secondary union", "District / industry union"]
    assert out2[-1].text.startswith("There are 10 possible parent units; the first 8 are below.")
    assert len(out2[-1].buttons) == 9
    out = await harness.send(1, "第9区", lang="en")
    assert out[0].button_texts == ["第9区总工会 (District / industry union)", "No parent for now"]
    await harness.press(1, "第9区总工会", lang="en")
    for _ in range(3):
        out = await harness.press(1, "Skip", lang="en")
    assert "Parent unit: 第9区总工会" in out[-1].text
    assert "Created unit" in (await harness.send(1, "Create", lang="en"))[-1].text


async def test_a_district_union_has_no_parent_in_the_domain(harness):
    """The one rule for the chat and the CLI (both call create_unit)."""
    async with harness.app.db.session() as s:
        top = await create_unit(s, "浦东新区总工会", level="district")
        with pytest.raises(DomainError) as err:
            await create_unit(s, "徐汇区总工会", level="district", parent_id=top.id)
        assert err.value.code == "unit.parent_of_district"
        with pytest.raises(DomainError) as err:
            await create_unit(s, "某工会", level="county")
        assert err.value.code == "unit.level"


async def test_invite_picker_with_many_units_points_to_the_command(harness):
    async with harness.app.db.session() as s:
        for i in range(32):
            await create_unit(s, f"第{i:02d}号公司工会")
        await s.commit()
    await harness.send(1, "/admin")
    out = await harness.press(1, "经办人邀请链接")
    assert out[-1].text.startswith("单位较多，下面列出前 30 个。") and "/invite" in out[-1].text
    assert len(out[-1].buttons) == 30
    assert "第31号公司工会" in (await harness.send(1, "/invite 32"))[0].text
