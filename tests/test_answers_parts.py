"""Several questions in one message (issue 17): how a message is cut into questions, each part's own
answer, the message's programme carried to every part, and a part the manuals do not answer said so
while the others are answered."""

from __future__ import annotations

from datetime import date

import pytest

from bench.bench_answers import has_facts
from domain.answers import get_engine
from domain.answers.parts import message_parts
from domain.answers.understand import detect_intents
from ui.answer_render import plain_answers

TODAY = date(2026, 12, 2)


def ask(q, lang="zh", context=None):
    out = get_engine().answer(q, lang, context=context, today=TODAY)
    return out, plain_answers(out, lang)


@pytest.mark.parametrize("text, parts", [
    # Chinese without punctuation: a particle, then another question
    ("退休计划新参保编码审核要多久啊要传啥", ["退休计划新参保编码审核要多久啊", "要传啥"]),
    ("代扣申请提交了能改名单吗另外受理单在哪下载", ["代扣申请提交了能改名单吗", "受理单在哪下载"]),
    ("专用收据能开两张吗 金额有什么要求", ["专用收据能开两张吗", "金额有什么要求"]),
    # …or a question ending in a word that takes nothing after it (多少钱, 多久), then another
    ("互助保障A0一个人多少钱什么时候交", ["互助保障A0一个人多少钱", "什么时候交"]),
    # English without punctuation: a second wh-question straight after the first
    ("how long is the review what documents are needed", ["how long is the review", "what documents are needed"]),
    # English commas and full stops: the statement goes with the first question
    ("Our unit name is wrong. What do I click, what proof is needed, and how long is the review?",
     ["Our unit name is wrong. What do I click", "what proof is needed", "how long is the review"]),
    # questions numbered in order: each item, the numbers dropped; the words before the list go with the first
    ("Three things: (1) max people per import file, (2) which browser, (3) the hotline?",
     ["Three things max people per import file", "which browser", "the hotline"]),
    ("1) which browser 2) what is the hotline", ["which browser", "what is the hotline"]),
    ("①浏览器用哪个②热线多少", ["浏览器用哪个", "热线多少"]),
])
def test_a_message_is_cut_where_a_new_question_starts(text, parts):
    assert message_parts(text) == parts


@pytest.mark.parametrize("text", [
    "有4个有职保的保A0B0C0，还有1个没有职保的只能保B0和C0，一共多少钱",  # 还有 before a count, not a question
    "Can the union member service card also be used on the metro?",  # "also" inside a question
    "can you tell me how long the review takes",  # an embedded "how long"
    "can our expat staff who are not in 职保 get A0",  # a relative clause, not a question
    "When is the social security card enrollment complete? We already uploaded the voucher.",  # a remark
    "For 4 people with A0 B0 C0 plus A3 B3 C3, what is the total premium?",  # "plus" joins items
    "什么时候交多少钱",  # one question with two question words
    "退休住院计划集中参保的保障期从哪天到哪天",  # a range
])
def test_a_piece_that_asks_nothing_stays_with_its_question(text):
    assert message_parts(text) == [text]


def test_questions_written_without_punctuation_are_each_answered():
    # [002]: A0 120 a year; pay within 15 days of the roster
    out, texts = ask("互助保障A0一个人多少钱什么时候交")
    assert has_facts(texts[0], [["120 元"], ["15 天"]]), texts[0]


def test_each_part_gets_its_own_text_never_one_shown_for_another_part():
    # [000]/[001]: a wrong entry is sent back (退回) to the grassroots unit; the district (industry) union submits
    out, texts = ask("基层单位提交的参保信息有错误怎么办？二级工会可以直接提交给职保中心吗")
    best = out.best
    ids = [best.doc.id, *(d.id for d in best.also)]
    assert len(ids) == len(set(ids)) == 2, ids
    assert has_facts(texts[0], [["退回"], ["区局"]]), texts[0]


def test_a_part_asking_the_first_parts_question_for_another_case_gets_another_text():
    # [001]/[004]: units without a union register; units with one ask the upper union
    out, texts = ask("没有成立工会的单位平台账号怎么弄？那已经有工会的单位呢？")
    assert has_facts(texts[0], [["注册"], ["上级工会"]]), texts[0]
    assert out.best.doc.id not in {d.id for d in out.best.also}


def test_the_first_part_is_ranked_for_what_it_asks_and_the_deadline_part_for_its_deadline():
    # [004]: after the centre's approval the unit submits the deduction application, by 4 June 16:00
    assert "deadline" in detect_intents("最迟什么时候")
    out, texts = ask("退休住院计划职保会审核通过以后，委托代扣的单位还要做什么？最迟什么时候")
    assert has_facts(texts[0], [["代扣申请"], ["6月4日", "6 月 4 日"]]), texts[0]


def test_a_message_naming_no_programme_is_kept_on_one_programme():
    # [001]: the notice downloads itself on submitting; the latest one counts
    out, texts = ask("提交至上级审核以后告知书在哪？我提交了两次，用哪份")
    assert has_facts(texts[0], [["自动下载"], ["最新"]]), texts[0]


def test_a_part_the_manuals_do_not_answer_is_said_so_and_the_others_are_answered():
    # [002]'s account answers the first part; union dues are outside the manuals
    out, texts = ask("互助保障的钱打到哪个账户？工会会费每个月交多少？")
    assert not out.refused and "31602300008022150" in texts[0], texts[0]
    assert out.best.uncovered == ["工会会费每个月交多少"]
    assert "手册里没有可靠的答案" in texts[0] and "“工会会费每个月交多少”" in texts[0] and "12351" in texts[0]
    assert "会费" not in "".join(d.body for d in out.best.also)  # not answered with an unrelated text


def test_an_uncovered_first_part_lets_the_answered_part_lead():
    out, texts = ask("Is the union member service card a credit card? Which account do we pay the mutual-aid premium into?",
                     "en")
    assert not out.refused and "31602300008022150" in texts[0], texts[0]
    assert out.best.uncovered and "credit card" in out.best.uncovered[0]
    assert "The manuals give no reliable answer to this part" in texts[0]


def test_a_part_about_an_uncovered_question_is_uncovered_too_and_the_message_refused():
    # both parts are about the e-membership certificate, which the manuals never describe
    out, _ = ask("电子会员证怎么激活？激活以后有啥用")
    assert out.refused and out.reason == "scope"


def test_a_part_is_answered_only_by_a_text_holding_the_value_it_asks():
    from domain.answers.understand import understand

    engine = get_engine()
    steps = engine.doc("fact:rt_code_apply")  # [004]: where to apply for the code (no review time in it)
    review = engine.doc("fact:rt_code_review_time")  # [004]: reviewed within 1 working day
    refused = engine._part_checks("审核要多久", understand("审核要多久", "zh", TODAY), ["retiree"])
    assert refused([steps]) and not refused([review])


def test_each_part_that_a_calculator_answers_gets_its_own_figure():
    # [002]: 4 × 180 = 720 from A0+B0+C0 together; instant enrollment covers from the next day
    out, texts = ask("我们9月5号提交了互助保障即时参保清册，4个人选A0B0C0，一共多少钱？哪天起保？")
    assert out.best.kind == "computed" and [c.kind for c in out.best.also_computed] == ["coverage"]
    assert has_facts(texts[0], [["720"], ["09-06"]]), texts[0]
    # [001]: A 类 26 元/人 — 31 people 806, and the part "50个人呢" asks it again for 50: 1,300
    out, texts = ask("会员专享保障A类31个人多少钱，50个人呢")
    assert [c.params.get("people") for c in out.best.also_computed] == [50]
    assert has_facts(texts[0], [["806"], ["1300"]]), texts[0]
    # the same calculation again shows its result, not the benefit table a second time
    out, texts = ask("互助保障集中参保4个人选A0+B0+C0多少钱？那6个人呢？")
    assert has_facts(texts[0], [["720"], ["1080"]]) and texts[0].count("保障内容") == 1, texts[0]


# --- through the real dispatcher ------------------------------------------------------------------

async def test_chat_says_which_part_the_manuals_do_not_cover(harness):
    out = await harness.send(850, "互助保障的钱打到哪个账户？工会会费每个月交多少？")
    text = out[0].text
    assert "31602300008022150" in text and "手册里没有可靠的答案" in text and "工会会费每个月交多少" in text
    assert "来源：手册 [002]" in text
    out = await harness.send(851, "Which account do we pay the mutual-aid premium into? And is the union card a credit card?",
                             lang="en")
    assert "31602300008022150" in out[0].text and "The manuals give no reliable answer" in out[0].text
    out = await harness.send(852, "会员专享保障A类31个人多少钱，50个人呢")
    assert "806" in out[0].text and "1,300" in out[0].text and "您问的另一点" in out[0].text


def test_a_follow_up_that_is_a_question_of_its_own_is_read_alone_with_the_previous_programme():
    # [001]: the 2023 protection runs 1 January – 31 December 2023 (the previous question was about paying)
    first, _ = ask("会员专享保障集中参保，基层单位的钱最晚什么时候交给区局")
    out, texts = ask("那2023年度的保障期是从哪一天到哪一天？", context=first.context)
    assert not out.refused and has_facts(texts[0], [["2023年1月1日"], ["2023年12月31日"]]), texts[0]


def test_an_english_question_opening_with_so_is_a_part_and_the_association_names_no_programme():
    from domain.answers.understand import detect_programs

    assert message_parts("So who signs it off, and what do we fill in when submitting?") == [
        "So who signs it off", "what do we fill in when submitting"]
    # the association (职保会 / the mutual-aid centre) receives several programmes' money: it names none
    assert detect_programs("Can a secondary union send the list straight to the mutual-aid centre?", "en") == []
    assert detect_programs("钱是不是交给职工保障互助会", "zh") == []
    assert detect_programs("How do we pay the mutual-aid premium?", "en") == ["mutual_aid"]


def test_what_a_button_the_manuals_only_name_is_for_is_outside_them_in_every_part():
    # [001] shows the 申报灵活就业会员项目经费 button, never what it does or how much is declared
    out, _ = ask("会员信息页面那个项目经费的按钮是干嘛的？每人能申报多少？")
    assert out.refused and out.reason == "scope"


def test_a_long_list_of_questions_is_read_in_at_most_five_parts():
    from domain.answers.parts import MAX_PARTS

    parts = message_parts("审核要多久？要传啥？" * 10)
    assert len(parts) == MAX_PARTS == 5 and parts[-1].count("要传啥") == 8


def test_a_message_naming_no_programme_follows_the_programme_the_whole_message_reads_closest_to():
    # [001]: the member-exclusive collective enrollment covers 1 January – 31 December 2023; paid late, only
    # instant enrollment is left — both parts about that programme, not one about the mutual aid's year
    out, texts = ask("Collective enrollment confirmation page: what is the protection period of 2023? "
                     "What happens if we miss the payment deadline?", "en")
    assert {out.best.program, *(d.program for d in out.best.also)} == {"card_enrollment"}, out.best
    assert has_facts(texts[0], [["January 1, 2023", "2023-01-01"], ["instant"]]), texts[0]


def test_an_uncovered_part_of_a_follow_up_is_quoted_as_written():
    first, _ = ask("互助保障的钱打到哪个账户？")
    out, texts = ask("那工会会费呢？互助保障最晚什么时候付款？", context=first.context)
    assert not out.refused and out.best.uncovered == ["那工会会费呢"], out.best.uncovered  # not the previous question
    assert "15" in texts[0]


def test_a_later_part_no_text_answers_closely_alone_is_read_with_the_first_part_too():
    # "都核对好了以后点哪个" names nothing; after the unit-information page it is that page's button ([004]
    # 【信息确认无误】), not the button after the anomalies are handled
    out, texts = ask("退休住院计划单位信息维护页面有哪些字段？都核对好了以后点哪个？")
    assert out.best.doc.id == "fact:rt_unitinfo_fields"
    assert [d.id for d in out.best.also] == ["fact:rt_unitinfo_confirm"], [d.id for d in out.best.also]
    assert "信息确认无误" in texts[0]


def test_a_later_part_about_money_or_dates_prefers_the_first_parts_programme_without_being_limited_to_it():
    # no programme named, a voucher (money) asked about: the second part is about the first part's voucher ([000]:
    # approved → 参保完成), not the retiree plan's voucher review
    out, texts = ask("区局工会的缴费凭证在哪个菜单上传？传好了什么时候算参保完成？")
    assert out.best.doc.program == "ss_card", out.best.doc.id
    assert all(d.program != "retiree" for d in out.best.also), [d.id for d in out.best.also]


@pytest.mark.parametrize("q", ["会员卡撤销办卡批次申请要写什么？交上去以后谁来审？", "撤销办卡批次申请填哪些？交完谁来审核"])
def test_a_short_later_part_read_alone_keeps_to_the_messages_programme(q):
    # "谁来审" alone reads closest to the social-security card's review; after the card batch's revocation it is that
    # revocation's review ([003]: the upper union)
    out, _ = ask(q)
    assert [d.id for d in out.best.also] == ["fact:mc_revoke_submit"], [d.id for d in out.best.also]


def test_a_part_whose_best_text_another_part_shows_gets_its_next_one():
    # both parts read closest to the abnormal card's text; the first part asks which statuses are abnormal ([000]:
    # 封存、挂失、锁定、注销、不明确), so that text is shown for it too
    out, texts = ask("社保卡状态什么情况算异常？异常的话能等它自己恢复吗")
    assert [d.id for d in out.best.also] == ["entry:ss_status_abnormal"], [d.id for d in out.best.also]
    assert "挂失" in texts[0]


@pytest.mark.parametrize("text, parts", [
    # a message announcing how many questions it asks: as many items, parted by commas, each a question
    ("Three quick ones: mutual-aid premium account number, retiree plan account number, and which bank both are at?",
     ["Three quick ones mutual-aid premium account number", "retiree plan account number", "which bank both are at"]),
    ("两个问题：互助保障的账号，退休住院计划的账号", ["两个问题，互助保障的账号", "退休住院计划的账号"]),
    # …not when the items do not number as announced
    ("Two things: the A0 price, the deadline, and the account", [
        "Two things: the A0 price, the deadline, and the account"]),
])
def test_a_message_announcing_its_questions_is_cut_into_as_many(text, parts):
    assert message_parts(text) == parts


@pytest.mark.parametrize("text, parts", [
    ("会员专享保障、互助保障、退休住院计划三个的保障年度各是怎么算的",
     ["会员专享保障的保障年度各是怎么算的", "互助保障的保障年度各是怎么算的", "退休住院计划的保障年度各是怎么算的"]),
    ("What is the protection year of the mutual aid and the retiree plan?",
     ["What is the protection year of the mutual aid?", "What is the protection year of the retiree plan?"]),
    # a comparison is one question; a retired person next to a programme is no list
    ("会员卡和社保卡参保有什么区别", ["会员卡和社保卡参保有什么区别"]),
    ("互助保障退休的人能参加吗", ["互助保障退休的人能参加吗"]),
    ("待审批列表里会员卡参保和社保卡参保怎么分开看", ["待审批列表里会员卡参保和社保卡参保怎么分开看"]),
    # …and a list named as one group asks once about all of them
    ("会员卡、互助保障这些业务找谁", ["会员卡、互助保障这些业务找谁"]),
])
def test_a_question_asked_of_several_programmes_is_asked_of_each(text, parts):
    from domain.answers.understand import program_list_parts

    assert program_list_parts(text, "zh") == parts


def test_each_programme_listed_in_one_question_gets_its_own_answer():
    out, texts = ask("Three quick ones: mutual-aid premium account number, retiree plan account number, and which bank both "
                     "are at?", "en")
    assert not out.refused
    assert "31602300008022150" in texts[0] and "31602300008023554" in texts[0], texts[0]
    out, texts = ask("互助保障和退休住院计划的保障年度各是怎么算的")
    assert "7月1日" in texts[0] and {d.program for d in [out.best.doc, *out.best.also]} >= {"mutual_aid", "retiree"}


@pytest.mark.parametrize("q", ["系统校验查什么？校验完了在哪继续办？", "系统校验查的是什么？校验完在哪里继续？"])
def test_a_first_part_two_programmes_answer_takes_the_programme_the_other_parts_lead_to(q):
    # the member card and the retiree plan both have a system validation; only the retiree plan continues after
    # it (【继续办理参保】): the first part is answered with the retiree plan's, the second part too
    out, texts = ask(q)
    assert out.best.program == "retiree", texts[0]
    assert {d.program for d in out.best.also} <= {"retiree", "general"}, texts[0]
    assert "继续办理参保" in texts[0], texts[0]


def test_a_first_part_takes_the_programme_the_other_parts_and_the_whole_message_lead_to():
    # the retiree plan has a batch deletion too, but only the mutual aid a revocation (批次撤回): the whole message
    # is about the mutual aid, whose deletion text answers the first part a little less closely
    out, texts = ask("批次删除要在什么状态？批次撤回要在什么状态？")
    assert out.best.program == "mutual_aid", texts[0]
    assert "清册校验不通过" in texts[0] and "缴费凭证" in texts[0], texts[0]
