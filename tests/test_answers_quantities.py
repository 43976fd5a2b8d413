"""Numbers in people's own words (issue 17, structured answers): the quantity reader — amounts with their
magnitudes, headcounts, amounts per person — and the computed answers that read their figures with it,
each with a worked example of the manuals."""

from __future__ import annotations

from datetime import date

import pytest

from bench.bench_answers import has_facts
from domain.answers import get_engine
from domain.answers.quantities import quantities
from ui.answer_render import plain_answers

TODAY = date(2026, 12, 7)


def first(q, lang):
    out = get_engine().answer(q, lang, today=TODAY)
    assert not out.refused and out.best is not None and out.best.kind == "computed", (out.reason,)
    return out.best.computed, plain_answers(out, lang)[0]


@pytest.mark.parametrize("text, expected", [
    ("第一张抬头子公司开20万，第二张开多少", [(200000, "")]),
    ("保费306,000元", [(306000, "yuan")]),
    ("集团在职1.2万人", [(12000, "people")]),
    ("代扣金额我想设成500一个人", [(500, "per_person")]),
    ("23 retirees were deducted successfully at 100 yuan each", [(23, "people"), (100, "per_person")]),
    ("审核要2个工作日", [(2, "workdays")]),
    ("两位同事，百分之五十", [(2, "people"), (50, "percent")]),
    ("2024年3月1日起保，今天12月7号下午3点，A0", []),  # dates, clock times and items are not quantities
    ("5k yuan, 3 thousand people", [(5000, "yuan"), (3000, "people")]),
])
def test_quantities_are_read_with_their_magnitude_and_unit(text, expected):
    assert [(q.value, q.unit) for q in quantities(text)] == expected


@pytest.mark.parametrize("q, lang, facts", [
    # [004] 代扣结果: 申请代扣28人, 代扣成功23人(代扣金额100元/人) → 23 × 100 = 2,300 deducted
    ("23 retirees were deducted successfully at 100 yuan each. Total deducted?", "en", [["2,300"]]),
    # [004] 申请代扣13人，代扣成功9人(代扣金额300元/人)，代扣失败4人
    ("We set the entrusted deduction at 300 yuan. 13 retirees applied, 9 deducted OK. How much was deducted?", "en",
     [["2,700"], ["4 failed"]]),
    ("退休住院计划申请代扣13人，9个人扣成功了，每人300块，一共扣了多少", "zh", [["2,700"], ["失败/不可代扣 4 人"]]),
])
def test_deduction_figures_by_their_units(q, lang, facts):
    c, text = first(q, lang)
    assert c.kind == "retiree_deduction" and has_facts(text, facts), text


@pytest.mark.parametrize("q, lang", [
    ("代扣金额我想设成500一个人可以吗", "zh"),
    ("退休住院计划我们想给退休职工每人代扣500元，行不行", "zh"),
    ("Can we set the retiree deduction at 500 yuan per person?", "en"),
])
def test_an_amount_that_breaks_the_rule_is_answered_with_a_no(q, lang):
    # [004] 代扣金额须一致，须大于0且小于等于450元/人
    c, text = first(q, lang)
    assert c.error is not None and has_facts(text, [["不可以", "no:"], ["450"]]), text


def test_a_rule_broken_without_asking_is_not_a_no():
    c, text = first("代扣金额500元一个人，10个人，一共扣多少", "zh")
    assert c.error is not None and "不可以" not in text and "450" in text


@pytest.mark.parametrize("q, lang, facts", [
    # [002] 专用收据: 所有收据总金额等于批次总金额
    ("保费306000元，想分两张专用收据，第一张开20万，第二张开多少？", "zh", [["106,000"]]),
    # [002] 导入模板每个文件最多 5000 人
    ("我们集团在职1.2万人，互助保障导入模板要分几个文件？", "zh", [["5000", "5,000"], ["3"]]),
])
def test_amounts_and_headcounts_with_a_magnitude(q, lang, facts):
    _, text = first(q, lang)
    assert has_facts(text, facts), text


@pytest.mark.parametrize("q, lang, facts", [
    # [004] 导入名单：手机号有效率需达到50%
    ("我们20个退休的，只有9个手机号是对的，能导进去吗", "zh", [["45%"], ["50%"], ["失败"]]),
    ("退休的一共30个人 手机号有16个有效的 导入能过50%那条吗", "zh", [["53.3%"], ["达到"]]),
    ("Of our 40 retirees only 15 have a correct phone number. Can we import?", "en", [["37.5%"], ["fails"]]),
])
def test_valid_phone_ratio_in_other_word_orders(q, lang, facts):
    c, text = first(q, lang)
    assert c.kind == "phone_ratio" and has_facts(text, facts), text


def test_ratio_from_a_count_of_retirees_and_contributors():
    # [004] 参保比例 = 参保人员 / 社保人员, at least 75 % per code: 120 / 150 = 80 %
    c, text = first("Retiree plan: 120 retirees on a social-security code with 150 contributors. Is the ratio OK?", "en")
    assert c.kind == "roster_numbers" and has_facts(text, [["80%"], ["75%"]]), text


def test_a_ratio_naming_no_programme_gives_both_rules():
    # [002] 75%–100% of the unit, [004] at least 75 % per code (上传相关材料)
    c, text = first("社保人数200，参保140，参保比例多少？要传材料吗", "zh")
    assert has_facts(text, [["70%"], ["75%–100%"], ["须不低于 75%"], ["上传相关材料"]]), text


def test_a_new_unit_uploads_its_forms_whatever_the_ratio():
    # [002] 新参保单位无论比例是否达标均需上传《社会保险费缴费申报表》或《单位参加城镇社会保险基本情况》
    c, text = first("我们是新参保单位 拟参保40人 社保缴费45人 比例在75%-100%之间 还要传附件吗", "zh")
    assert has_facts(text, [["88.9%"], ["都需要上传"], ["缴费申报表"]]) and "可直接【清册提交】" not in text, text


def test_items_only_some_people_take_are_charged_to_them_only():
    # [002] 保费一览表 (全年): A0+B0+C0 190 − 10 = 180, A2 230 → 15 × 180 + 5 × 230 = 3,850
    from domain.calc.mutual_aid import mutual_aid_fee

    r = mutual_aid_fee("A0,B0,C0", insured=15, start=date(2023, 9, 1), extras={"A2": 5})
    assert r.total == 3850 and [(line.item, line.insured_people) for line in r.lines] == [("A0+B0+C0", 15), ("A2", 5)]
    c, text = first("15 people all take A0+B0+C0 for the full year, and 5 of them also A2. Total premium?", "en")
    assert c.kind == "mutual_aid_fee" and has_facts(text, [["3,850"]]) and "per person" not in text.split("\n\n")[0], text
    c, text = first("10个人保A0B0C0，其中3个人再加A1，一共多少钱", "zh")
    assert has_facts(text, [["2,205"], ["有社保 3 人"]]), text  # 10 × 180 + 3 × 135


def test_an_extra_item_for_more_people_than_the_batch_is_refused():
    from domain.calc.common import CalcError
    from domain.calc.mutual_aid import mutual_aid_fee

    with pytest.raises(CalcError) as exc:
        mutual_aid_fee("A0,B0,C0", insured=5, start=date(2023, 9, 1), extras={"A2": 6})
    assert [i.code for i in exc.value.issues] == ["calc.extra_people_range"]


# -- dates and ages -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("q, lang, facts", [
    # [000] 即时参保的起保日期是提交参保的第二天; the member protection runs to 31 December
    ("我今天12月7号给店里3个人提交了社保卡即时参保，保障哪天开始算，到哪天结束", "zh", [["2026-12-08"], ["2026-12-31"]]),
    ("We submitted SS-card instant enrollment on 2026-11-30. What are the start and end dates?", "en",
     [["December 1, 2026"], ["December 31, 2026"]]),
])
def test_a_submission_tied_to_today_is_covered_from_the_next_day_of_that_year(q, lang, facts):
    c, text = first(q, lang)
    assert c.kind == "coverage" and has_facts(text, facts), text


def test_mutual_aid_cover_says_which_premium_table_its_start_pays():
    # [002] 起保日期在2023-07-01至12-31按全年保费, 2024-01-01至06-30按半年
    c, text = first("我们9月15号在平台上提交了正式参保名单，互助保障从哪天开始保？按全年还是半年交", "zh")
    assert c.kind == "coverage" and has_facts(text, [["2023-09-16"], ["全年费率"]]), text
    c, text = first("互助保障即时参保，2024年2月1号提交的清册，哪天起保", "zh")
    assert has_facts(text, [["2024-02-02"], ["半年费率"]]), text


def test_a_bare_premium_question_is_computed():
    # [002] 半年费率 A0 60 元/人: 10 × 60 = 600
    c, text = first("Mutual aid instant enrollment starting 2024-03-01, 10 people take A0 only. Premium?", "en")
    assert c.kind == "mutual_aid_fee" and has_facts(text, [["600"]]), text


def test_attachments_uploaded_on_a_weekday_are_reviewed_two_working_days_later():
    # [002] 附件（职保会）审核时间为提交申请后2个工作日: Monday → Wednesday
    c, text = first("周一上午传的互助附件 职保会审核要几个工作日 周几大概能出结果", "zh")
    assert c.kind == "due" and has_facts(text, [["2 个工作日"], ["周三"]]), text


def test_a_deadline_named_by_its_step_is_checked_against_the_day():
    # [004] 委托代扣申请需在6月4日16点完成提交
    c, text = first("代扣申请我打算6月5号上午再交 来得及吗", "zh")
    assert c.kind == "window_state" and has_facts(text, [["06-04"], ["不能"]]), text


@pytest.mark.parametrize("q, lang, facts, absent", [
    # [002] 校验规则一 在职超龄校验：女性未满55周岁、男性未满60周岁 (age on 1 July of the collective year)
    ("男职工1962年5月出生，2023年7月集中参保，会不会被判超龄？", "zh", [["61 周岁"], ["已满 60"], ["社保尚在缴金"]], "未满 60 周岁："),
    ("A woman born in 1970-02 joins the 2023 collective enrollment: is she over age?", "en", [["53 full years"], ["under 55"]],
     "flags this person (否"),
])
def test_the_roster_over_age_check_from_a_birth_date(q, lang, facts, absent):
    c, text = first(q, lang)
    assert c.kind == "over_age" and has_facts(text, facts) and absent not in text, text


def test_a_birth_month_and_the_month_asked_about():
    # [002] 不属于职保的: 男性未满60周岁 may join C; born 1965-03 is 58 on 1 July 2023
    c, text = first("Male employee born 1965-03, no 职保, can he join C1 in July 2023?", "en")
    assert c.kind == "eligibility" and has_facts(text, [["58"], ["can join"]]), text


def test_the_preset_account_asked_as_the_default_login():
    # [004] 账号：tuixiu+参保编码
    c, text = first("我们参保编码是310456，退休计划的默认登录账号是什么？", "zh")
    assert c.kind == "preset_account" and "tuixiu310456" in text, text


def test_what_the_unit_pays_without_a_deduction_amount():
    # [004] 情形2: 参保总人数12人, 参保总费用5400元, 代扣成功8人 (个人代扣800 at 100元/人) → 需单位缴纳4600元
    c, text = first("12个人参保，总费用5400，代扣成功8个人，单位还要缴多少", "zh")
    assert c.kind == "deduction_unknown" and c.result.unit_pays_least == 1800
    assert has_facts(text, [["5,400 元 − 8 人 × 代扣金额"], ["至少缴 1,800"], ["单位缴 4,600"]]), text


def test_a_computed_payment_is_not_an_unstated_benefit():
    # "补多少" of what the unit makes up is a payment, computed; not a benefit the manual leaves unsaid
    c, text = first("退休计划委托代扣，每人扣200元，申请了30人，失败了5个，单位要补多少", "zh")
    assert c.kind == "retiree_deduction" and has_facts(text, [["已代扣：5,000"]]), text


def test_a_headcount_with_a_magnitude_in_english():
    # [002] 每个文件最多 5000 人
    c, text = first("We have 12k staff for mutual aid, how many import files?", "en")
    assert c.kind == "import_limit" and c.result["files"] == 3, text


@pytest.mark.parametrize("q, lang, lead", [
    # [002] 不属于职保: 女性未满55周岁、男性未满60周岁 may join A1–A3, B, C; never A0
    ("Male employee born 1965-03, no 职保, can he join C1 in July 2023?", "en", "Yes."),
    ("没有职保的女同事56岁，能参加B1和C1吗", "zh", "不可以。"),
    ("没有职保的男同事50岁，能参加A0和C1吗", "zh", None),  # one yes and one no: no single verdict
])
def test_an_eligibility_question_gets_its_yes_or_no_first(q, lang, lead):
    c, text = first(q, lang)
    assert c.kind == "eligibility"
    assert text.startswith(lead) if lead else not text.startswith(("可以。", "不可以。")), text


def test_a_small_unit_ratio_from_counts_in_other_words():
    # [002] 单位参保人数小于等于10人：每个社保编码参保比例需达100% (8 / 9 = 88.9 %)
    c, text = first("我们小店就8个人参保，社保那边9个人交着，校验会卡吗", "zh")
    assert c.kind == "roster_numbers" and has_facts(text, [["88.9%"], ["100%"], ["10 人"]]), text
    assert "退休住院计划" not in text.split("相关规定")[0]  # (in-service staff: not the retiree plan's rule)


@pytest.mark.parametrize("q, lang, facts", [
    # [004] 代扣金额须大于0且小于等于450元/人
    ("代扣额设为0元可以吗", "zh", [["不可以"], ["现在是 0"]]),
    # [004] 申请代扣 − 失败 = 成功; English number words count ("three failed")
    ("Twenty retirees applied for deduction at 200 yuan each; three failed. What is deducted?", "en",
     [["17 deducted"], ["3,400"]]),
    # [004] 有效手机号需达到50%: the count of blank numbers is taken from the valid ones
    ("退休的有50个人，手机号空着的有30个，导入会失败吗", "zh", [["20/50 = 40%"], ["失败"]]),
])
def test_more_word_orders_of_the_retiree_figures(q, lang, facts):
    _, text = first(q, lang)
    assert has_facts(text, facts), text
