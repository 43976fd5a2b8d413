"""Questions in people's own words (issue 17, the fresh writers' misses read by cause): numbered lists of
questions, a follow-up not answered again with the text already shown, where a screen is (stated) apart
from what its image-only section asks to fill in (silent), the field's homophone typos and a few people's
phone numbers that ask no count."""

from __future__ import annotations

from datetime import date

import pytest

from bench.bench_answers import has_facts
from domain.answers import Context, get_engine
from domain.answers.parts import message_parts
from domain.answers.text import fix_typos
from domain.answers.understand import quoted_texts
from ui.answer_render import plain_answers

TODAY = date(2026, 12, 2)


def ask(q, lang="zh", context=None):
    out = get_engine().answer(q, lang, context=context, today=TODAY)
    return out, plain_answers(out, lang)


@pytest.mark.parametrize("text, parts", [
    ("退休住院计划：1）代扣申请截止几号 2）校验要多久", ["退休住院计划，代扣申请截止几号", "校验要多久"]),
    ("(1)A0多少钱 (2)什么时候交", ["A0多少钱", "什么时候交"]),
    ("①专用收据能开几张②开错了怎么办", ["专用收据能开几张", "开错了怎么办"]),
    # an item asks whatever its words ("代扣申请截止": no question word)
    ("退休计划：1）代扣申请截止 2）校验要多久", ["退休计划，代扣申请截止", "校验要多久"]),
    ("Retiree plan: 1) deduction deadline 2) how long is validation",
     ["Retiree plan deduction deadline", "how long is validation"]),
])
def test_a_numbered_list_of_questions_is_one_question_per_number(text, parts):
    assert [p.replace(" ", "") for p in message_parts(text)] == [p.replace(" ", "") for p in parts]
    assert message_parts(text.replace("2）", "").replace("(2)", "").replace("②", "").replace("2)", "")) != parts


@pytest.mark.parametrize("text", ["保费1.5万 2.3万", "我们1、2月份都交了吗", "A1)和A2)能一起买吗", "第1步点哪个"])
def test_numbers_that_open_no_list_do_not_cut(text):
    assert message_parts(text) == [text]


def test_each_numbered_question_is_answered():
    out, texts = ask("退休住院计划：1）代扣申请截止 2）电子票据开错了怎么办")
    assert has_facts(texts[0], [["6月4日"], ["窗口"]]), texts[0]


def test_a_follow_up_is_not_answered_again_with_the_text_already_shown():
    first, _ = ask("基层工会的会员专享保障费什么时候前要划到区局？")
    assert first.context.answered == first.best.id
    out, texts = ask("那要是没按时划呢", context=first.context)
    assert out.best.id != first.best.id
    assert has_facts(texts[0], [["参保均失败", "均无效", "参保失败"], ["即时参保"]]), texts[0]


def test_the_text_already_shown_stays_when_it_answers_the_follow_up_as_well():
    first, _ = ask("互助保障的钱打到哪个账户")
    out, texts = ask("那退休的呢？", context=first.context)
    assert "31602300008023554" in texts[0]  # the retiree plan's account, not a text of the first answer


def test_the_context_keeps_the_answer_shown_through_the_chat_state():
    ctx = Context("retiree", "退休住院计划委托代扣怎么扣", 1.0, "fact:rt_paymethod_two")
    assert Context.from_dict(ctx.as_dict()) == ctx
    assert Context.from_dict({"program": None, "query": "x", "at": 1}).answered == ""  # kept before this field


def test_where_a_screen_is_is_answered_though_its_section_is_an_image():
    out, texts = ask("退休住院计划的经办人信息在哪维护")
    assert not out.refused and "【经办人信息】" in texts[0]
    out, texts = ask("Where is the clerk information of the retiree plan maintained?", "en")
    assert not out.refused and "经办人信息" in texts[0]
    out, _ = ask("退休住院计划经办人信息要填哪些字段")  # the image-only section: the notice
    assert out.refused and out.notice is not None and out.notice.id == "fact:rt_clerk_fields_silent"




@pytest.mark.parametrize("typed, meant", [
    ("会员电话填措了", "会员电话填错了"), ("有一建移除的吗", "有一键移除的吗"), ("名字是生辟字", "名字是生僻字"),
    ("推休人员显示死忘", "退休人员显示死亡"),
])
def test_homophone_typos_of_the_field_are_read(typed, meant):
    assert fix_typos(typed) == meant


def test_a_few_peoples_phone_numbers_ask_no_count():
    out, texts = ask("会员管理 要改几个人的手机号 是不是要先删了再导入")
    assert not out.refused and has_facts(texts[0], [["覆盖"], ["无需删除"]]), texts[0]


@pytest.mark.parametrize("q, quoted", [
    ("凭证审核不通过，说退多余款账户信息错误，怎么办", ["退多余款账户信息错误"]),
    ("凭证审核没过，反馈写退多余款账户信息错误", ["退多余款账户信息错误"]),
    ("系统提示导入失败怎么办", ["导入失败"]),
    ("右上角有个红字提示 怎么处理", []),  # nothing quoted: what follows asks
    ("我说一下我们单位的情况", []),
])
def test_a_screens_message_after_the_word_that_introduces_it_is_quoted(q, quoted):
    assert quoted_texts(q) == quoted


def test_the_text_holding_the_message_quoted_without_quotation_marks_comes_first():
    out, texts = ask("凭证审核不通过，说退多余款账户信息错误，咋办")
    assert out.best.id == "fact:rt_voucher_rejected" and "【编辑】" in texts[0]
    assert "refund" not in out.understanding.intents  # the message is what they see, not what they ask


def test_a_money_part_naming_no_programme_prefers_the_first_parts_programme_among_its_close_texts():
    out, _ = ask("区局确认提交到职保中心以后名单还能改吗？钱最晚什么时候打过去？")
    assert out.best.program == "card_enrollment"
    assert out.best.also and all(d.program == "card_enrollment" for d in out.best.also), [d.id for d in out.best.also]


def test_printing_the_roster_is_the_service_card_s_roster():
    # [002]'s 清册 is submitted online, never printed; [003]'s card roster is printed and taken to the bank
    from domain.answers.understand import detect_programs
    assert detect_programs("办卡批次交上去了，清册怎么打印", "zh")[0] == "member_card"
    assert detect_programs("互助保障清册怎么提交", "zh") == ["mutual_aid"]
    out, texts = ask("批次提交以后清册怎么打印？打印完要干什么")
    assert has_facts(texts[0], [["打印清册"], ["下载需打印附件"], ["银行"]]), texts[0]
