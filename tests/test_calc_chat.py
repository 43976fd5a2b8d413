"""Calculators in chat: buttons for fixed choices, typed numbers/dates, polite retries, and the
same figures (the same text) as the CLI."""

from __future__ import annotations

import argparse

from bot.dev import cli_calc


def cli_text(argv, capsys) -> str:
    parser = argparse.ArgumentParser(prog="unionbot")
    sub = parser.add_subparsers(dest="command", required=True)
    cli_calc.register(sub)
    args = parser.parse_args(argv)
    assert args.func(args) == 0
    return capsys.readouterr().out.rstrip("\n")


async def start_calc(h, uid, kind):
    await h.send(uid, "/start")
    await h.press(uid, "🧾 我是工会经办人")
    await h.press(uid, "🧮 计算器")
    return await h.press(uid, kind)


async def test_mutual_aid_4780_equals_cli(harness, capsys):
    await start_calc(harness, 401, "互助保障2020保费")
    out = await harness.press(401, "即时参保")
    assert [b for b in out[-1].button_texts if b.startswith("A")] == ["A0", "A1", "A2", "A3"]
    for item in ("A0", "B0", "C0", "A3", "B3", "C3"):
        out = await harness.press(401, item)
    assert "✅ A0" in out[-1].button_texts and "已选：A0, A3, B0, B3, C0, C3" in out[-1].text
    await harness.press(401, "✅ 完成")
    out = await harness.send(401, "四个")
    assert "请输入一个不小于 0 的整数" in out[-1].text
    await harness.send(401, "４")  # full-width digit
    await harness.send(401, "0")
    out = await harness.send(401, "2023/9/31")
    assert "日期格式不对" in out[-1].text
    out = await harness.send(401, "2023-09-15")
    chat = out[-1].text
    assert "<b>合计：4,780 元</b>" in chat
    assert chat == cli_text(["fee", "mutual-aid", "--items", "A0,B0,C0,A3,B3,C3", "--insured", "4",
                             "--start", "2023-09-15"], capsys)


async def test_invalid_selection_says_why_and_keeps_the_choice(harness):
    await start_calc(harness, 402, "互助保障2020保费")
    await harness.press(402, "即时参保")
    await harness.press(402, "B1")
    out = await harness.press(402, "✅ 完成")
    assert "只能在参保基本保障 A0、B0 或 C0 的基础上选择" in out[-1].text
    assert "✅ B1" in out[-1].button_texts
    await harness.press(402, "B0")
    out = await harness.press(402, "✅ 完成")
    assert "有社保" in out[-1].text


async def test_member_basic_806_equals_cli(harness, capsys):
    await start_calc(harness, 403, "会员专享基本保障分摊")
    await harness.press(403, "2024")
    await harness.press(403, "A")
    await harness.press(403, "手册示例标准")
    out = await harness.send(403, "31")
    assert "保障费用：806 元" in out[-1].text and "市总统一划拨：403 元" in out[-1].text
    assert out[-1].text == cli_text(["fee", "member-basic", "--type", "A", "--people", "31", "--year", "2024"], capsys)


async def test_retiree_equals_cli(harness, capsys):
    await start_calc(harness, 404, "退休住院计划代扣")
    out = await harness.send(404, "500")
    out = await harness.send(404, "12")
    out = await harness.send(404, "8")
    assert "不超过 450" in out[-1].text  # the range is checked and explained
    await harness.press(404, "再算一次")
    await harness.press(404, "退休住院计划代扣")
    await harness.send(404, "100")
    await harness.send(404, "12")
    out = await harness.send(404, "8")
    assert "需单位缴纳参保费用：4,600 元" in out[-1].text
    assert out[-1].text == cli_text(["fee", "retiree", "--amount", "100", "--people", "12", "--succeeded", "8"], capsys)


async def test_coverage_submitted_2023_09_14_equals_cli(harness, capsys):
    await start_calc(harness, 405, "保障起止与免责期")
    await harness.press(405, "互助保障项目2020")
    await harness.press(405, "即时参保")
    await harness.press(405, "A0")
    await harness.press(405, "B0")
    await harness.press(405, "✅ 完成")
    out = await harness.send(405, "2023-09-14")
    assert "保障期：2023-09-15 至 2024-06-30" in out[-1].text
    assert "B0：免责期 60 天，2023-11-14 起" in out[-1].text
    assert out[-1].text == cli_text(["coverage", "--program", "mutual-aid", "--mode", "instant", "--submitted",
                                     "2023-09-14", "--items", "A0,B0"], capsys)


async def test_retiree_collective_coverage_by_year_button(harness):
    await start_calc(harness, 406, "保障起止与免责期")
    await harness.press(406, "退休住院计划")
    await harness.press(406, "集中参保")
    out = await harness.press(406, "2025")
    assert "保障期：2025-07-01 至 2026-06-30" in out[-1].text and "无免责期" in out[-1].text


async def test_roster_numbers_equals_cli(harness, capsys):
    await start_calc(harness, 407, "清册人数/社保比例校验")
    await harness.press(407, "互助保障项目2020")
    await harness.send(407, "100")
    await harness.send(407, "80")
    out = await harness.send(407, "200")
    assert "校验不通过" in out[-1].text and "加盖公章的《情况说明》" in out[-1].text
    assert out[-1].text == cli_text(["roster-numbers", "--planned", "80", "--last", "100", "--ss-code", "1:80:200"],
                                    capsys)


async def test_collective_premium_with_uninsured_person(harness):
    await start_calc(harness, 408, "互助保障2020保费")
    await harness.press(408, "集中参保")
    for item in ("A0", "B0", "C0", "C3"):
        await harness.press(408, item)
    await harness.press(408, "✅ 完成")
    await harness.send(408, "7")
    out = await harness.send(408, "1")
    out = await harness.press(408, "2023")
    text = out[-1].text
    assert "A0+B0+C0：180 元/人" in text and "= 1,260 元" in text
    assert "C3：225 元/人 × 有社保 7 人 + 无社保 1 人 = 1,800 元" in text


async def test_member_basic_with_the_districts_own_setting(harness, capsys):
    await start_calc(harness, 409, "会员专享基本保障分摊")
    await harness.press(409, "2023")
    out = await harness.press(409, "A+")
    await harness.press(409, "输入本区局")
    await harness.send(409, "76")
    await harness.send(409, "13")
    await harness.send(409, "60")
    out = await harness.send(409, "0")
    assert "分摊不平" in out[-1].text and "参保费用（元/人）" in out[-1].text  # asked again, politely
    for v in ("76", "13", "63", "0"):
        await harness.send(409, v)
    out = await harness.send(409, "10")
    assert "保障费用：760 元" in out[-1].text and "区局/各级工会缴费：630 元" in out[-1].text
    assert out[-1].text == cli_text(["fee", "member-basic", "--type", "A+", "--people", "10", "--year", "2023",
                                     "--fee", "76", "--city", "13", "--district", "63", "--grassroots", "0"], capsys)
    await harness.press(409, "再算一次")
    await harness.press(409, "会员专享基本保障分摊")
    await harness.press(409, "2024")
    out = await harness.press(409, "B")
    assert "手册没有 B 类的费用标准" in out[-1].text and "手册示例标准" not in out[-1].button_texts


async def test_leaving_a_calculator_for_guides_drops_the_form(harness):
    await start_calc(harness, 410, "互助保障2020保费")
    await harness.press(410, "即时参保")
    await harness.press(410, "A0")
    await harness.press(410, "✅ 完成")  # now waiting for a number
    await harness.send(410, "/guides")
    out = await harness.send(410, "你好")
    assert not any("整数" in o.text for o in out)  # not taken as the calculator's answer
    await harness.press_data(410, "c:year:2023")  # an old year button with no calculation running
    assert "请选择要计算的内容" in harness.last(410).text


async def test_member_basic_instant_coverage_and_retiree_ratio(harness, capsys):
    await start_calc(harness, 411, "保障起止与免责期")
    await harness.press(411, "会员专享基本保障")
    await harness.press(411, "即时参保")
    out = await harness.send(411, "2024-05-10")
    assert "保障期：2024-05-11 至 2024-12-31" in out[-1].text and "没有写会员专享基本保障的免责期" in out[-1].text
    assert out[-1].text == cli_text(["coverage", "--program", "member-basic", "--mode", "instant", "--submitted",
                                     "2024-05-10"], capsys)
    await harness.press(411, "再算一次")
    await harness.press(411, "清册人数/社保比例校验")
    await harness.press(411, "退休住院计划")
    await harness.send(411, "70")
    out = await harness.send(411, "100")
    assert "社保编码 1：70%（须不低于 75%）" in out[-1].text and "上传相关材料" in out[-1].text
