"""A message with several parts where the manuals are silent on one of them (issue 17, honest refusal):
the silent part is answered with its notice (who to ask), never with the nearest text about something
else; a part that only continues a question outside the manuals is outside them too; and the ranking
of a refund question and of a deceased member's removal."""

from __future__ import annotations

from datetime import date

import pytest

from bench.bench_answers import has_facts
from domain.answers import get_engine
from domain.answers.refusal import asked_aspects, ruling_out
from ui.answer_render import plain_answers

TODAY = date(2026, 12, 2)


def ask(q, lang="zh", context=None):
    out = get_engine().answer(q, lang, context=context, today=TODAY)
    return out, plain_answers(out, lang)


def ids(answer):
    return [answer.doc.id, *(d.id for d in answer.also)]


def test_a_later_part_the_manual_is_silent_on_gets_its_notice_not_another_forms_fields():
    # [004]: the clerk is edited in the left menu 【经办人信息】; the section listing its fields is an image
    out, texts = ask("退休计划的经办人信息在哪里修改？具体要填哪些")
    assert not out.refused
    assert out.best.doc.id == "fact:rt_clerk_info", ids(out.best)
    assert "fact:rt_clerk_fields_silent" in ids(out.best), ids(out.best)
    assert "fact:rt_refund" not in ids(out.best), ids(out.best)  # the refund form's fields answer nothing here
    assert has_facts(texts[0], [["经办人信息"], ["未能识别"]]), texts[0]


def test_only_the_parts_own_words_rule_the_silent_aspect_out():
    # the first part asks where (stated), which does not make the fields a stated matter for the second part
    assert "clerk_fields" not in asked_aspects("要填哪些", "退休计划经办人信息在哪改")
    assert "clerk_fields" in asked_aspects("要填哪些", "退休计划经办人信息在哪改", own_unless=True)
    assert "clerk_fields" not in asked_aspects("在哪改", "退休计划经办人信息", own_unless=True)


def test_a_first_part_the_manual_is_silent_on_is_answered_by_the_notice_and_the_next_part_leads():
    out, texts = ask("退休住院计划经办人信息要填哪些字段，在哪里改")
    assert not out.refused
    assert out.best.doc.id == "fact:rt_clerk_info", ids(out.best)
    assert "fact:rt_clerk_fields_silent" in ids(out.best), ids(out.best)
    assert "fact:rt_refund" not in ids(out.best), ids(out.best)


@pytest.mark.parametrize("q", [
    "退休计划经办人信息如何维护，要填什么",
    "退休住院计划维护经办人信息需要验证码吗，要填哪些",
])
def test_every_part_silent_is_refused_with_the_notice(q):
    # how the clerk's information is maintained is that image-only section's content; the notice also gives
    # the menu
    out, _ = ask(q)
    assert out.refused and out.reason == "silent", (out.reason, [a.id for a in out.candidates])
    assert out.notice is not None and out.notice.doc.id == "fact:rt_clerk_fields_silent"


def test_a_later_part_answered_only_by_a_far_text_does_not_lead_over_the_first_parts_notice():
    # [003] lists no materials to bring to the bank; "is the original ID needed" asks more of that silence
    out, _ = ask("到银行网点办会员服务卡要带哪些材料？身份证原件要带吗")
    assert out.refused and out.reason == "silent", [a.id for a in out.candidates]


def test_a_first_part_whose_best_text_is_of_the_notices_topic_is_answered_as_usual():
    # [001] 二: the fee shares are set under 保障金额设置 (the ratio itself is the district's)
    out, texts = ask("区局想设置市总、区局和基层各自承担多少钱，在哪个菜单里设？")
    assert not out.refused, out.reason
    assert has_facts(texts[0], [["保障金额设置"]]), texts[0]


def test_a_part_naming_no_programme_after_another_citys_scheme_is_outside_the_manuals_too():
    out, texts = ask("杭州的工会有没有这种职工互助保障，可以在这个平台上办吗")
    assert out.refused and out.reason == "scope", texts


def test_a_part_naming_its_own_programme_after_another_citys_scheme_is_answered():
    # [002]: the collective enrollment closes on 30 June
    out, texts = ask("南京的工会有没有互助保障？上海的互助保障集中参保几号截止")
    assert not out.refused
    assert has_facts(texts[0], [["6月30日"]]), texts[0]
    assert "南京" in texts[0]  # the other city's part is said to be outside the manuals


@pytest.mark.parametrize("q, doc", [
    ("互助保障多缴的保费怎么退", "fact:ma_refund_select"),  # [002]: above the premium, the refund is filled in
    ("在职互助保障多付的钱怎么退回来", "fact:ma_refund_select"),
])
def test_money_paid_above_the_premium_is_a_refund_question_not_a_fee_question(q, doc):
    out, texts = ask(q)
    assert not out.refused and out.best.doc.id == doc, [a.id for a in out.candidates]


@pytest.mark.parametrize("q", [
    "退休人员去世了，参保名单里要把他删除吗",
    "去世的退休职工要不要从参保名单删掉",  # the leaver's refund notice ranks first: ruled out, the text holding 删除 next
    "退休职工过世了，要从名单里删掉吗",
])
def test_removing_a_deceased_retiree_from_the_roster_is_answered_not_refused_as_a_refund(q):
    # [004]: a check showing 死亡 cannot enroll and is deleted
    out, texts = ask(q)
    assert not out.refused, out.reason
    assert out.best.doc.id == "fact:rt_anom_dead", [a.id for a in out.candidates]
    assert has_facts(texts[0], [["删除"], ["死亡"]]), texts[0]


def test_the_words_ruling_a_notice_out_are_those_of_the_question():
    assert ruling_out("fact:rt_leaver_refund_silent", "去世的退休职工要不要从参保名单删掉") == ["删掉"]
    assert ruling_out("fact:rt_leaver_refund_silent", "退休职工中途去世了保费能退吗") == []


def test_the_refund_for_someone_who_died_stays_the_manuals_silence():
    # ...while the refund for someone who died stays the manuals' silence
    out, _ = ask("退休职工保障期中途去世了，保费能退吗")
    assert out.refused and out.notice is not None and out.notice.doc.id == "fact:rt_leaver_refund_silent"
