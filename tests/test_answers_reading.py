"""How the answer engine reads questions and files its documents (issue 17, second pass): the
guides' date tokens, the status machines' topics, hyphens and colloquial words, several headcounts,
"is it open on that day", can-I answers and the parts of a message."""

from __future__ import annotations

from datetime import date

import pytest

from bench.bench_answers import has_facts
from ui.answer_render import plain_answers
from domain.answers import asked_kinds, get_engine
from domain.answers.sources import guide_docs, status_docs
from domain.answers.understand import detect_intents, detect_programs

TODAY = date(2026, 12, 2)


def ask(q, lang="zh", context=None, today=TODAY):
    out = get_engine().answer(q, lang, context=context, today=today)
    return out, plain_answers(out, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_guide_steps_quote_dates_not_tokens(lang):
    docs = guide_docs(lang)
    assert docs and not [d.id for d in docs if "[[" in d.body]
    submit = next(d for d in docs if d.id == "guide:member_card_district:submit_centre")
    assert "2022-12-26" in submit.body and "2022-12-31" in submit.body  # [001]: 26–31 December 2022


def test_status_documents_are_filed_under_the_programme_they_describe():
    by_id = {d.id: d for d in status_docs("zh")}
    # the member-card channel of member protection [001] is card_enrollment, card_batch the card [003]
    assert {d.program for i, d in by_id.items() if i.startswith("status:member_protection:")} == {"card_enrollment"}
    assert {d.program for i, d in by_id.items() if i.startswith("status:card_batch:")} == {"member_card"}
    assert {d.program for i, d in by_id.items() if i.startswith("status:ss_card:")} == {"ss_card"}


def test_hyphenated_and_colloquial_words_are_read():
    assert detect_programs("In the social-security-card instant enrollment screen, what card status …", "en") == ["ss_card"]
    assert detect_programs("For the member-service-card collective enrollment, when is the ratio window?",
                           "en")[0] == "card_enrollment"
    assert "window" in detect_intents("二级工会审核是啥时候到啥时候")
    assert {k["kind"] for k in asked_kinds("审核要多久 要传啥")} >= {"duration", "documents"}


def test_a_guide_step_answers_with_its_window():
    out, texts = ask("When is the district union allowed to click 提交列表中的参保信息 to send the list to the centre?", "en")
    assert not out.refused and has_facts(texts[0], [["12-26"], ["12-31"]]), texts[0]


def test_each_part_gets_a_text_not_shown_yet():
    # [004]: system help 王老师 18019450397; business questions 12351 — the first part's answer ranks first
    # for the second part too, so the second part gets the next one
    out, texts = ask("退休计划系统不会操作问谁？业务上的问题打什么电话？")
    assert not out.refused and has_facts(texts[0], [["18019450397"], ["12351"]]), texts[0]


def test_a_short_english_part_asks_about_the_first_parts_subject():
    out, texts = ask("Social-security-card enrollment: people in 待校验 show 挂失. Can they be submitted? What then?", "en")
    assert not out.refused and out.best.program == "ss_card"
    assert has_facts(texts[0], [["cannot be submitted"], ["会员卡参保", "member service card"]]), texts[0]


@pytest.mark.parametrize("q, facts", [
    # [002]: A1–A3 wait 30 days after instant enrollment, not for a hospital stay caused by an accident
    ("即时参保买了A2，因为意外受伤住院也有免责期吗", [["A1、A2、A3"], ["不执行"]]),
    ("互助保障集中参保有免责期吗？即时参保加了A3，意外住院也要等30天吗？", [["无免责期"], ["不执行"]]),
])
def test_the_text_about_the_named_item_comes_first(q, facts):
    out, texts = ask(q)
    assert not out.refused and has_facts(texts[0], facts), texts[0]


@pytest.mark.parametrize("q, facts", [
    ("Our company changed its name. Where do we change it for the mutual-aid project?", [["5th floor"], ["信息修改"]]),
    ("A member's mobile number is wrong in member management. Must I delete them and import again?",
     [["no need to delete"], ["overwrite"]]),
    ("Member protection: after the district union confirmed submission to the centre, can the list be changed?",
     [["cannot be changed"]]),
])
def test_english_answers_say_it_plainly(q, facts):
    out, texts = ask(q, "en")
    assert not out.refused and has_facts(texts[0], facts), texts[0]


@pytest.mark.parametrize("q, lang, facts", [
    # [000]: 合计参保人数 3 人（会员卡参保 1 人，社保卡参保 2 人），保障费用 78 元，市总统一划拨 39 元
    ("A类会员专享保障，会员卡参保1人、社保卡参保2人，一共多少钱，市总出多少", "zh", [["78"], ["39"], ["3 人", "3人"]]),
    ("Type A member protection: 1 person via the member card and 2 via the social security card. Total fee and city share?",
     "en", [["78"], ["39"]]),    ("审核时看到会员卡1人社保卡2人，A类合计多少钱", "zh", [["78"], ["3 人", "3人"]]),
    ("即时参保审核里1个会员卡参保，2个社保卡参保，A类的，总共多少钱", "zh", [["78"], ["3 人", "3人"]]),
])
def test_headcounts_of_several_groups_are_added_up(q, lang, facts):
    out, texts = ask(q, lang)
    assert out.best.kind == "computed" and out.best.computed.result.people == 3
    assert has_facts(texts[0], facts), texts[0]


@pytest.mark.parametrize("q, people", [
    ("这个批次12个人总保费5400，代扣成功的8个人一共扣了800，剩下多少", 12),  # 8 of the 12: not another group
    ("去年200人参保，今年175人，能直接提交吗", 200),
    ("会员卡参保3人和社保卡参保5人，B+类各多少", 8),
    ("名单上会员卡4人社保卡3人，A类一共多少钱", 7),  # the next label right after a count, no separator
    ("看到4个会员卡参保，3个社保卡参保，A类一共多少钱", 7),  # each count before its label
    ("A类按26元一人算，我们单位15个人，一共多少", 15),  # a rate per person is not the headcount
    ("3个人保A0，2个人保A1，一共多少钱", 3),  # items, not groups of a channel
    ("已经有20个人参保了，还有5个没参保，要交多少", 20),  # labels not alike: not groups side by side
])
def test_only_groups_side_by_side_are_added(q, people):
    from domain.answers.understand import understand

    assert understand(q, "zh", TODAY).people == people


@pytest.mark.parametrize("q, lang, state, facts", [
    # [001]: the district union submits to the centre only from 26 to 31 December
    ("今天12月20号，区局能点“提交列表中的参保信息”吗？", "zh", "before", [["12-26"], ["12-31"], ["不能"]]),
    # [004]: the entrusted-deduction channel closes on 31 May 17:00; afterwards only voucher payment
    ("退休住院计划，6月3号了还能选委托代扣吗", "zh", "closed", [["05-31"], ["缴费凭证"]]),
    # [002]: collective enrollment 1–30 June 2023, a day of that year is compared as it is
    ("互助保障2023年6月20日还能集中参保吗", "zh", "open", [["2023-06-30"], ["可以"]]),
    ("Retiree plan: it's June 3rd, can we still choose the entrusted deduction?", "en", "closed",
     [["May 31"], ["voucher"]]),
])
def test_can_we_still_on_a_day_is_answered_from_the_calendar(q, lang, state, facts):
    out, texts = ask(q, lang)
    assert out.best.kind == "computed" and out.best.computed.kind == "window_state", out.best
    assert out.best.computed.result["state"] == state
    assert has_facts(texts[0], facts), texts[0]
    assert ("2023" in q) != ("按同样的月日推算" in texts[0] or "same days are assumed" in texts[0])


def test_without_a_day_the_window_is_not_computed():
    out, _ = ask("退休住院计划还能选委托代扣吗")
    assert out.best is None or out.best.kind != "computed"


def test_eligibility_by_age_follows_the_manual():
    from domain.calc.eligibility import mutual_aid_eligibility

    # [002]: outside 职保 only women under 55 and men under 60, never A0; 职保 members in service join all
    assert mutual_aid_eligibility(56, "F", False).verdicts == {"A0": False, "A1-A3": False, "B0-B3": False, "C0-C3": False}
    assert mutual_aid_eligibility(58, "M", False).verdicts == {"A0": False, "A1-A3": True, "B0-B3": True, "C0-C3": True}
    assert mutual_aid_eligibility(54, "F", False, ["C0-C3"]).verdicts == {"C0-C3": True}
    assert set(mutual_aid_eligibility(62, "M", True).verdicts.values()) == {True}
    # not said whether 职保: only what holds either way is a verdict
    assert mutual_aid_eligibility(57, None, None, ["A1-A3"]).verdicts == {"A1-A3": None}
    assert mutual_aid_eligibility(40, None, None, ["A0", "C0-C3"]).verdicts == {"A0": None, "C0-C3": True}


@pytest.mark.parametrize("q, lang, facts", [
    ("单位有个不属于职保的女同事，57岁，还能报特种重病吗", "zh", [["不能参加"], ["55"]]),
    ("不在职保范围的男员工59岁，可以参加A2吗", "zh", [["可以参加"], ["60"]]),
    ("A 57-year-old woman outside 职保: can she join the accident cover?", "en", [["cannot join"], ["55"]]),
])
def test_can_this_person_join_is_answered_with_the_age_rule(q, lang, facts):
    out, texts = ask(q, lang)
    assert out.best.kind == "computed" and out.best.computed.kind == "eligibility"
    assert has_facts(texts[0], facts), texts[0]


def test_a_premium_is_computed_only_when_an_amount_is_asked():
    out, _ = ask("We pay the premium for our staff's A0/B0/C0 cover and need a special receipt (专用收据). "
                 "Can the receipt title be a different company?", "en")
    assert out.best is None or out.best.kind != "computed"
    out, texts = ask("How much is the premium for A0, B0 and C0 for one person?", "en")
    assert out.best.kind == "computed" and has_facts(texts[0], [["180"]])


def test_an_enhanced_item_alone_gets_the_rule_and_its_own_premium():
    # [002]: C3 225 yuan a full year, 112.5 half; only on top of a basic item
    out, texts = ask("What does C3 cost per person for a full year?", "en")
    assert out.best.kind == "computed" and out.best.computed.error is not None
    assert has_facts(texts[0], [["225"], ["112.5"], ["A0, B0", "basic"]]), texts[0]


def test_what_the_unit_still_pays_after_a_deduction():
    # [004] example: 12 people, 5,400 yuan in all; 8 deducted, 800 yuan; the unit pays 4,600
    out, texts = ask("退休住院计划这个批次12个人总保费5400，代扣成功的8个人一共扣了800，剩下单位要付多少？")
    assert out.best.kind == "computed" and out.best.computed.kind == "retiree_deduction"
    assert has_facts(texts[0], [["4600"]]), texts[0]


def test_a_type_is_priced_from_the_latest_year_that_prices_it():
    # [001] 2023: B+ 100 yuan a person (2014 people, 201,400); the 2024 manual shows type A only
    out, texts = ask("会员专享保障B+类300人，参保资金总额多少？")
    assert out.best.kind == "computed" and out.best.computed.result.year == 2023
    assert has_facts(texts[0], [["30000"]]), texts[0]


def test_english_roster_numbers_with_words_in_between():
    # [002]: ±10 % against last year; outside it the social-security ratio (75 %–100 %) applies
    out, texts = ask("Last year we enrolled 200 people in mutual aid; this year our roster has 175. Can we submit?", "en")
    assert out.best.kind == "computed" and out.best.computed.kind == "roster_numbers"
    assert has_facts(texts[0], [["-12.5%"], ["10%"], ["75%"]]), texts[0]


def test_when_as_a_conjunction_does_not_ask_for_a_time():
    assert not [k for k in asked_kinds("Which deletion reasons are allowed when deleting a member?") if k["kind"] == "time"]
    assert [k for k in asked_kinds("When is the collective window?") if k["kind"] == "time"]
    out, texts = ask("Which reasons are allowed when deleting a member in 会员管理?", "en")
    assert not out.refused and has_facts(texts[0], [["犯罪"], ["死亡"]]), texts[0]


def test_a_programme_named_about_another_programmes_matter():
    from domain.answers.understand import understand

    # the service card [003] carries no protection: "有卡…没上保障" is 会员卡参保 [001]
    assert understand("会员早就有会员卡了但今年没上保障，走哪个入口", "zh", TODAY).programs == ["card_enrollment"]
    assert understand("会员卡在哪个银行网点领", "zh", TODAY).programs == ["member_card"]
    # a person who retired is not the retiree plan
    assert understand("有个会员是2022年10月退休的，集中参保时系统会去掉他吗", "zh", TODAY).programs == []
    assert understand("退休住院计划2025年什么时候集中参保", "zh", TODAY).programs == ["retiree"]


def test_a_short_part_that_is_a_question_of_its_own_is_read_alone():
    # [004]: fill in the retirement month with 【编辑】, then 【处理完成，再次提交系统校验】
    out, texts = ask("退休住院计划校验结果显示退休年月为空或值无效怎么改？改好了再点哪个？")
    assert has_facts(texts[0], [["编辑"], ["再次提交系统校验"]]), texts[0]
    # …but not about another programme: "最晚哪天" after a question about the member-card channel's account
    out, texts = ask("基层工会会员卡集中参保的钱要打到哪个账户？最晚哪天？")
    assert "代扣" not in texts[0] and has_facts(texts[0], [["12月25日", "12-25"]]), texts[0]


@pytest.mark.parametrize("q, lang, people", [
    ("30个有职保的员工全部参加A0、B0、C0", "zh", 30),
    ("我们集团在职一万二千人要参加互助保障", "zh", 12000),
    ("三百五十名职工", "zh", 350),
    ("6 in-service workers with 职保, items A0 and C1", "en", 6),
])
def test_headcounts_written_with_words_between_or_in_chinese_numerals(q, lang, people):
    from domain.answers.understand import understand

    assert understand(q, lang, TODAY).people == people


@pytest.mark.parametrize("q, facts", [
    # [002]: 30 × 180 (A0+B0+C0 together, full year)
    ("在职互助保障集中参保，30个有职保的员工全部参加A0、B0、C0三项，一年保费一共多少钱？", [["5400"]]),
    # [002]: 5,000 rows per import template: 12,000 people need 3 files
    ("我们集团在职一万二千人要参加互助保障，名单要拆成几个文件上传？", [["3 个", "3个"]]),
])
def test_computed_with_those_headcounts(q, facts):
    out, texts = ask(q)
    assert out.best.kind == "computed" and has_facts(texts[0], facts), texts[0]


@pytest.mark.parametrize("q, facts", [
    ("有个同事辞职了，会员名单里能直接删掉他吗", [["转移"]]),  # 辞职 is 离职: transfer, not delete [001]
    ("单位有位同事拿台胞证，给他办会员服务卡走哪个通道", [["特殊办卡通道"]]),  # 台胞证 is a non-ID document [003]
])
def test_colloquial_words_reach_the_manuals_terms(q, facts):
    out, texts = ask(q)
    assert not out.refused and has_facts(texts[0], facts), texts[0]


def test_english_groups_named_before_the_noun():
    from domain.answers.understand import understand

    u = understand("The upper-review list has 1 member-card enrollee and 2 SS-card enrollees, all type A.", "en", TODAY)
    assert u.groups == [("member-card", 1), ("ss-card", 2)] and u.people == 3


def test_a_computed_answer_shows_the_other_parts_answers_too():
    # [002]: the refund is paid minus due (480); the refund form's fields
    out, texts = ask("互助保障应缴2520元，财务转了3000元，退款退多少？退款要填哪些信息？")
    assert out.best.kind == "computed" and out.best.also
    assert has_facts(texts[0], [["480"], ["退款帐号", "退款账号"]]), texts[0]


def test_asked_kinds_match_latin_words_whole():
    assert "consequence" not in {k["kind"] for k in asked_kinds("What if the card status is fine but employment is unclear?")}
    assert "consequence" in {k["kind"] for k in asked_kinds("Is there a fine if we pay late?")}


@pytest.mark.parametrize("q", ["集中参保名单里面会不会有退休和去世的会员？", "做2023年度集中参保，有位会员是2022年12月31日退休的，在保障范围吗"])
def test_retired_members_are_people_not_the_retiree_plan(q):
    from domain.answers.understand import understand

    assert "retiree" not in understand(q, "zh", TODAY).programs


def test_a_word_every_programme_uses_does_not_switch_the_programme_of_the_conversation():
    first, _ = ask("How many days after submitting the roster must the mutual-aid premium be paid?", "en")
    out, texts = ask("Which bank account does the money go to, and in whose name is it?", "en", context=first.context)
    assert not out.refused and "31602300008022150" in texts[0], texts[0]  # [002]'s account, not [001]'s


def test_a_part_naming_no_programme_is_about_the_first_parts_programme():
    # [003]: submit → 完善网点信息 (发卡支行, 经办网点…); the batch then shows in 办卡批次管理
    out, texts = ask("会员服务卡点提交办卡以后要填哪些信息？提交完在哪看批次？")
    assert has_facts(texts[0], [["发卡支行"], ["办卡批次管理"]]), texts[0]


# --- through the real dispatcher ------------------------------------------------------------------

async def test_chat_open_on_a_day_groups_and_age(harness):
    out = await harness.send(830, "12月20号区局能点“提交列表中的参保信息”吗？")
    assert "12-26" in out[0].text and "不能" in out[0].text and "来源：手册 [001]" in out[0].text
    out = await harness.send(831, "A类会员专享保障，会员卡参保1人、社保卡参保2人，一共多少钱")
    assert "78" in out[0].text and "会员卡参保 1 人" in out[0].text
    out = await harness.send(832, "A 57-year-old woman outside 职保: can she still join the accident cover?", lang="en")
    assert "cannot join" in out[0].text and "Source: manual [002]" in out[0].text


def test_the_other_channel_of_the_same_protection_is_a_close_neighbour():
    out, texts = ask("点提交至上级审核老是跳 请在待提交中勾选要参保的人员 我明明选好保障类型了")
    assert not out.refused and has_facts(texts[0], [["待提交"], ["勾选"]]), texts[0]
    # …but never for money: a member-card question's account is [001]'s
    out, texts = ask("会员卡参保的钱打到哪个账户")
    assert "316023-03002745697" in texts[0]


def test_an_english_second_question_joined_by_and_is_a_part():
    engine = get_engine()
    assert len(engine._parts("What does C2 pay for accidental death, and what does C2 cost for a full year?")) == 2
    assert len(engine._parts("Tick the people and submit them to the upper review")) == 1
    # [002]: C2 pays 100,000 on accidental death and costs 75 a year — the figure and the other part both shown
    out, texts = ask("What does C2 pay for accidental death, and what does C2 cost for a full year?", "en")
    assert out.best.kind == "computed" and has_facts(texts[0], [["100000"], ["75 yuan"]]), texts[0]


def test_a_text_saying_the_manuals_are_silent_is_not_preferred_for_its_figure():
    # [004]: the validation takes about 30–60 minutes; the silent fact only quotes another review's day
    out, texts = ask("How long does 提交系统校验 take for the retiree list, and what does it check?", "en")
    assert not out.refused and has_facts(texts[0], [["30–60 minutes", "30-60 minutes"]]), texts[0]
    assert {k["kind"] for k in asked_kinds("how soon is it ready?")} == {"duration"}
    from domain.answers import holds_kinds

    assert holds_kinds("One working day after the application", [k for k in asked_kinds("how soon?")])


@pytest.mark.parametrize("q, lang, facts", [
    ("待办会员共80人，校验通过77人，3人没通过，现在能直接点提交办卡吗？批次里会有几个人？", "zh", [["移除"], ["77 人"], ["3 人"]]),
    ("80 members are pending, 77 passed validation and 3 failed. Can I submit the card application now?", "en",
     [["remove the 3"], ["holds 77"]]),
])
def test_pending_members_who_failed_validation_are_removed_first(q, lang, facts):
    out, texts = ask(q, lang)
    assert out.best.kind == "computed" and out.best.computed.kind == "pending_validation"
    assert has_facts(texts[0], facts), texts[0]


def test_a_mutual_aid_roster_validation_count_is_not_the_card_list():
    out, _ = ask("互助保障清册校验通过120人，有5人未通过，怎么办")
    assert out.best is None or out.best.kind != "computed" or out.best.computed.kind != "pending_validation"


def test_a_few_people_is_not_how_many():
    assert "count" not in {k["kind"] for k in asked_kinds("待办里有几个人校验没通过 提交办卡按钮点不了 怎么弄")}
    assert "count" in {k["kind"] for k in asked_kinds("批次里会有多少人？")}
    out, texts = ask("待办里有几个人校验没通过，提交办卡按钮点不了，怎么弄")
    assert not out.refused and has_facts(texts[0], [["移除"]]), texts[0]


def test_a_weekend_call_gets_the_contact_with_its_hours():
    out, texts = ask("It is Sunday evening. Can I call 郑老师 about member management now?", "en")
    assert not out.refused and "Monday to Friday" in texts[0], texts[0]


def test_the_centre_names_no_programme():
    from domain.answers.understand import detect_programs

    # 职保会 / 职保中心 runs every programme: only weakly the mutual-aid project's
    assert detect_programs("区局打款晚了，过了1月20号才打给职保会，会员卡参保的保障从什么时候算", "zh")[0] == "card_enrollment"


@pytest.mark.parametrize("q, lang, facts", [
    ("退休计划里没有社保的人员，情况一栏可以选哪几种？", "zh", [["干保"], ["出国"], ["新退休"]]),
    ("A foreign employee has a passport, not a Chinese ID card: how does the unit get her a member service card?", "en",
     [["特殊办卡通道"]]),
])
def test_more_ways_of_asking(q, lang, facts):
    out, texts = ask(q, lang)
    assert not out.refused and has_facts(texts[0], facts), texts[0]


@pytest.mark.parametrize("q, lang", [
    ("Deduction result: applied for 13 retirees, 9 succeeded, 4 failed. What can we do about the 4?", "en"),
    ("退休住院计划申请代扣13人，成功9人，失败的4个人怎么办", "zh"),
])
def test_failed_deductions_without_an_amount_get_the_units_options(q, lang):
    out, texts = ask(q, lang)
    assert out.best.kind == "computed" and out.best.computed.kind == "deduction_failed"
    assert out.best.computed.result == {"people": 13, "ok": 9, "failed": 4}
    assert has_facts(texts[0], [["75%"], ["单位", "unit"]]), texts[0]


def test_clauses_parted_by_spaces_that_each_ask_are_parts():
    engine = get_engine()
    assert engine._parts("退休计划申请新参保编码 审核要多久啊 要传啥") == ["退休计划申请新参保编码 审核要多久啊", "要传啥"]
    # one question with spaces (a message quoted from the screen) stays whole
    one = "点提交至上级审核老是跳 请在待提交中勾选要参保的人员 咋回事啊"
    assert engine._parts(one) == [one]


def test_an_english_date_keeps_its_written_year():
    from domain.answers.understand import understand

    assert understand("We submitted the roster on 14 September 2023.", "en", TODAY).day == date(2023, 9, 14)
    assert understand("submitted on Sept 14, 2023", "en", TODAY).day == date(2023, 9, 14)
    out, texts = ask("We submitted the mutual-aid roster on 14 September 2023. By when do we have to pay?", "en")
    assert out.best.kind == "computed" and "September 29, 2023" in texts[0], texts[0]  # [002]: within 15 days


def test_more_ways_of_asking_for_a_figure_or_a_window():
    out, texts = ask("会员卡参保2人、社保卡参保3人都是A类，市总一共划拨多少")
    assert out.best.kind == "computed" and has_facts(texts[0], [["65"]]), texts[0]  # 5 × 13
    out, texts = ask("Can a 50-year-old woman without 职保 join B0?", "en")
    assert out.best.computed.kind == "eligibility" and "can join" in texts[0]
    out, texts = ask("Today is December 28. Can the district union still submit the member-protection list to the centre?", "en")
    assert out.best.computed.kind == "window_state" and out.best.computed.result["state"] == "open"


def test_an_overpayment_alone_is_not_a_refund_calculation():
    out, texts = ask("互助保障的保费汇错了多汇了500元怎么退")
    assert out.best.kind != "computed" and has_facts(texts[0], [["退款"]]), texts[0]


def test_a_quoted_status_name_gets_that_status():
    out, texts = ask("清册状态显示“缴费凭证待上传”是什么意思，下一步干嘛")
    assert out.best.kind == "status" and out.best.id == "status:mutual_aid:voucher_pending", out.best.id


@pytest.mark.parametrize("first, second, lang, facts", [
    ("会员专享保障A类31个人多少钱", "那50个人呢？", "zh", [["1300"], ["650"]]),  # 50 × 26, city 50 × 13
    ("互助保障集中参保4个人选A0+B0+C0多少钱", "那6个人呢", "zh", [["1080"]]),  # 6 × 180
    ("How much is type A member protection for 31 people?", "And for 50?", "en", [["1300"]]),
])
def test_a_follow_up_recomputes_with_what_it_changes(first, second, lang, facts):
    previous, _ = ask(first, lang)
    out, texts = ask(second, lang, context=previous.context)
    assert out.best.kind == "computed" and has_facts(texts[0], facts), texts[0]


def test_a_short_part_is_read_with_the_first_parts_subject_too():
    # [002]: the enrollment code's review takes 1 working day (the attachments' 2, the voucher's 10)
    out, texts = ask("我们是新单位第一次参加互助保障，要申请参保编码吗？审核几天？")
    assert "参保编码审核时间为提交申请后1个工作日" in texts[0], texts[0]


def test_a_missed_window_in_english_is_answered_with_what_remains():
    out, texts = ask("What happens if we miss the mutual-aid collective enrollment window?", "en")
    assert not out.refused and has_facts(texts[0], [["instant"]]), texts[0]


@pytest.mark.parametrize("q, lang, kind", [
    ("Our unit enrolled 3 people in mutual aid instant enrollment on 20 July 2023. When does their cover start?", "en", "coverage"),
    ("即时参保2023年7月20号提交的清册，A0什么时候能报销", "zh", "coverage"),
])
def test_more_ways_of_asking_for_the_cover(q, lang, kind):
    out, texts = ask(q, lang)
    assert out.best.kind == "computed" and out.best.computed.kind == kind
    assert ("July 21, 2023" if lang == "en" else "2023-07-21") in texts[0], texts[0]  # [002]: the day after the roster


def test_a_waiting_period_names_no_programme_and_member_protection_states_none():
    from domain.answers.understand import detect_programs

    assert detect_programs("Is there a waiting period for the member-exclusive protection?", "en") == ["card_enrollment"]
    out, _ = ask("会员专享基本保障有没有免责期")
    assert out.refused and out.notice is not None and out.notice.id == "fact:ce_waiting_silent"


def test_the_premium_named_without_an_amount_asked_is_not_a_fee_question():
    from domain.answers.understand import understand

    assert "fee" not in understand("保费确认提交以后还能改保障项目吗", "zh", TODAY).intents
    assert "fee" in understand("A0保费多少", "zh", TODAY).intents
    assert "fee" in understand("What is the premium in total for 3 people?", "en", TODAY).intents


def test_chinese_labels_in_english_questions_are_the_english_terms():
    from domain.answers.text import load_synonyms, terms

    en = load_synonyms()[0]["en"]
    assert "special receipt" in " ".join(terms("how do I fill the 专用收据 info", "en", en))
    assert "instant enrollment" in en.rewrite("即时参保 cover")


def test_filler_words_do_not_match():
    from domain.answers.text import load_synonyms, terms

    zh = load_synonyms()[0]["zh"]
    assert not {"人能", "怎么弄", "人"} & set(terms("超龄的人能参保吗 怎么弄", "zh", zh))
    out, texts = ask("超龄的人能参保吗")
    assert out.best.program == "mutual_aid" and "超龄" in texts[0], texts[0]


def test_the_card_screens_name_the_member_card():
    from domain.answers.understand import detect_intents, detect_programs

    assert detect_programs("打印清册以后去哪办", "zh") == ["member_card"]  # [003]'s button, not the mutual-aid roster
    assert detect_programs("Why can't I tick some members in card info management?", "en") == ["member_card"]
    assert "where" not in detect_intents("卡片信息管理里找不到某个会员")  # a missing person, not a missing button
    out, texts = ask("卡片信息管理里找不到某个会员")
    assert "关联企业" in texts[0], texts[0]


@pytest.mark.parametrize("q, kind, facts", [
    ("For type A member protection, how much does the city pay for 100 members?", "member_basic_fee", [["1300"]]),
    ("Our roster was submitted on Thursday afternoon. What's the last day to pay?", "due", [["15 days"]]),
    ("My mutual aid instant enrollment was submitted on 3 January 2024. When does cover end?", "coverage", [["June 30, 2024"]]),
    ("Retiree roster: 200 retirees, 90 have valid phone numbers. Will the import work?", "phone_ratio", [["45%"], ["50%"]]),
])
def test_english_parameters_in_more_wordings(q, kind, facts):
    out, texts = ask(q, "en")
    assert out.best.kind == "computed" and out.best.computed.kind == kind, out.best
    assert has_facts(texts[0], facts), texts[0]


def test_questions_parted_by_commas_are_parts():
    engine = get_engine()
    assert engine._parts("俺们厂今年想给工人上互助保障，啥时候能办，钱交给谁") == ["俺们厂今年想给工人上互助保障，啥时候能办", "钱交给谁"]
    one = "我们有个女员工不在职保范围内，今年56岁了，还能参加A1或者意外伤害吗？"
    assert engine._parts(one) == [one]
    out, texts = ask("俺们厂今年想给工人上互助保障，啥时候能办，钱交给谁")
    assert has_facts(texts[0], [["6月30日"], ["31602300008022150"]]), texts[0]


def test_outside_zhibao_without_an_age_never_a0_the_rest_by_age():
    from domain.calc.eligibility import mutual_aid_eligibility

    assert mutual_aid_eligibility(None, None, False).verdicts == {"A0": False, "A1-A3": None, "B0-B3": None, "C0-C3": None}
    out, texts = ask("新来的小王没有社保，能买互助保障吗")
    assert out.best.computed.kind == "eligibility" and has_facts(texts[0], [["A0：不能参加"], ["看年龄"], ["55"]]), texts[0]


def test_a_split_asks_for_the_amounts():
    out, texts = ask("How is the fee split for type A through the social-security card for 10 people?", "en")
    assert out.best.kind == "computed" and has_facts(texts[0], [["260"], ["130"]]), texts[0]


def test_a_few_people_in_a_clause_is_no_question():
    q = "我们单位有几个新员工还没办工会的卡，不过都有上海社保卡，想给他们上今年的会员专享保障，应该走哪条路？"
    assert get_engine()._parts(q) == [q]


@pytest.mark.parametrize("q, lang, facts", [
    ("whats the waitng period for B0 instant enrolment", "en", [["60 days", "60-day"]]),  # [002]: 特种重病 60 days
    ("即时参保B1要等多久才保", "zh", [["60天"]]),
])
def test_an_item_is_also_named_by_its_lines_name(q, lang, facts):
    out, texts = ask(q, lang)
    assert not out.refused and has_facts(texts[0], facts), texts[0]


@pytest.mark.parametrize("q, lang", [("A0住院一天补多少钱", "zh"), ("How much does B2 pay for a serious illness?", "en")])
def test_what_a_benefit_pays_is_not_computed_as_a_premium(q, lang):
    out, _ = ask(q, lang)
    assert out.best is not None and out.best.kind != "computed"
    assert out.best.doc.topic == "benefit", out.best.id


def test_a_password_length_is_answered_and_an_e_mail_accounts_use_asks_no_address():
    out, texts = ask("How long must the registration password be?", "en")  # a length answers it: 8 to 20
    assert not out.refused and "8 to 20" in texts[0], texts[0]
    assert "email" not in {k["kind"] for k in asked_kinds("企业注册邮箱账号是干嘛用的")}
    assert "email" in {k["kind"] for k in asked_kinds("退款邮箱是多少")}


def test_can_it_start_on_a_day():
    out, texts = ask("明天6月1号集中参保能开始吗，互助保障")
    assert out.best.kind == "computed" and out.best.computed.result["state"] == "open", texts[0]


def test_a_follow_up_naming_the_card_stays_in_the_card_channel_of_the_protection():
    # [001]: members without a member service card are not on the member card collective list; [000]: those
    # holding a Shanghai social security card with a resident ID (身份证) use the social security card channel
    previous, _ = ask("Who can enroll through the member card channel?", "en")
    assert previous.context.program == "card_enrollment"
    out, texts = ask("And those without a member card yet, what do they do?", "en", context=previous.context)
    assert out.understanding.programs == ["card_enrollment"], out.understanding.programs
    assert not out.refused and out.best.program == "card_enrollment", out.best.id


def test_english_relative_who_and_login_account_ask_for_no_contact_and_no_bank_account():
    assert "who" not in detect_intents("ppl who retired in oct/nov were not greyed out, do i remove them by hand?")
    assert "who" in detect_intents("Staff who are not in 职保: who can I call?")
    assert "account" not in detect_intents("Who can register a new account for the mutual aid?")
    assert "account" in detect_intents("Which account do we pay the mutual aid premium to?")


@pytest.mark.parametrize("q", ["Who can join the mutual aid A0?", "who qualifies for the mutual aid B items",
                               "Mutual aid: who is eligible for A0, and is there an age limit?"])
def test_english_who_asking_who_may_take_part_asks_for_no_contact(q):
    # who may take part is the programme's eligibility (参保对象), not a person to phone
    assert "who" not in detect_intents(q)
    out, texts = ask(q, "en")
    assert not out.refused and out.best.program == "mutual_aid", out.best.id
    assert "12351" not in texts[0].split("\n\n")[0], texts[0]


def test_english_who_asking_for_a_person_still_asks_for_a_contact():
    assert "who" in detect_intents("Who can I call about the mutual aid A0?")
    assert "who" in detect_intents("who reviews the mutual aid enrollment")
