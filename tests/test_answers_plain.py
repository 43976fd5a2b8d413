"""Plain questions answered rather than refused, and answers that say what is asked (issue 17, the latest
writers' misses of kinds plain, noprog, typo and English, read by cause): a benefit called a cash benefit,
the days of a window asked as "how long", the days of a setting whose value the manual leaves open, a
notice of silence on a matter the question never names, and yes/no rules that say no in so many words."""

from __future__ import annotations

from datetime import date

import pytest

from bench.bench_answers import has_facts
from domain.answers import asked_kinds, get_engine, holds_kinds
from domain.answers.refusal import notice_unasked, scope_hit
from ui.answer_render import plain_answers

TODAY = date(2026, 12, 2)


def ask(q, lang="zh"):
    out = get_engine().answer(q, lang, today=TODAY)
    return out, plain_answers(out, lang)


@pytest.mark.parametrize("q, lang, facts", [
    # "cash" of a benefit is not a payment method (scope.yaml in_scope)
    ("Cash benefit limit of A0?", "en", [["yuan"]]),
    # the days of the ratio setting are stated; only the ratio's value is not
    ("参保金额比例哪几天可以设置", "zh", [["10月25日", "10-25"], ["10月31日", "10-31"]]),
    # a period from one day to another answers "多久" of a window
    ("基层集中参保信息的审核时间段有多久", "zh", [["11月1日", "11-01"], ["12月25日", "12-25"]]),
    # the member-exclusive protection year is the calendar year
    ("会员专享保障的保障年度是按什么算的", "zh", [["自然年"]]),
    ("Member-exclusive protection: which dates does its protection year span?", "en",
     [["January 1"], ["December 31"]]),
    # a notice on retiring mid-year does not answer whether retired and deceased members are removed by hand
    ("会员卡集中参保名单里退休去世的会员要我们自己手动删吗", "zh", [["自动"]]),
])
def test_a_question_the_manual_answers_is_answered_not_refused(q, lang, facts):
    out, texts = ask(q, lang)
    assert not out.refused, out.reason
    assert has_facts(texts[0], facts), texts[0]


@pytest.mark.parametrize("q, facts", [
    ("退休住院计划校验结果是死亡的人还能参保吗", [["不能参保"], ["删除"]]),
    ("退休住院计划交了代扣申请后代扣名单还可以改吗", [["不能"]]),
    ("待办会员里有人校验没通过，可以直接提交办卡吗", [["不能"], ["移除"]]),
    ("互助保障不做经办人填报能继续后面的操作吗", [["不能"], ["保存"]]),
])
def test_a_yes_no_rule_says_no_in_so_many_words(q, facts):
    out, texts = ask(q)
    assert not out.refused, out.reason
    assert has_facts(texts[0], facts), texts[0]


def test_a_cash_benefit_is_no_payment_method_but_paying_in_cash_is():
    assert scope_hit("What is the largest cash benefit of B3?") is None
    assert scope_hit("Can we pay the B3 premium in cash?") is not None


def test_a_period_from_one_day_to_another_is_a_duration_but_a_bare_date_is_not():
    kinds = [k for k in asked_kinds("审核时间段是多久") if k["kind"] == "duration"]
    assert kinds
    assert holds_kinds("审核时间为2022年11月1日至12月25日。", kinds)
    assert holds_kinds("2022-11-01 00:00 – 2022-12-25 23:59", kinds)
    assert holds_kinds("from November 1 to December 25, 2022", kinds)
    assert not holds_kinds("截止日期为2022年12月25日。", kinds)


def test_a_notice_of_silence_is_unasked_only_when_the_question_names_none_of_its_aspects():
    notice = "fact:ce_retire_midyear_silent"
    assert notice_unasked(notice, "退休和去世的会员要手动删吗")
    assert not notice_unasked(notice, "会员年中退休了，会员专享保障还有效吗")
    # a notice no aspect of the matrix files is never ruled out this way
    assert not notice_unasked("fact:no_such_notice", "退休和去世的会员要手动删吗")


@pytest.mark.parametrize("q, lang, facts", [
    # the preset account's name names the retiree plan ([004] alone pre-assigns accounts)
    ("The tuixiu account's first password?", "en", [["Txbz123456"]]),
    ("tuixiu开头的账号初始密码是多少", "zh", [["Txbz123456"]]),
    # paying from the pensions is the entrusted deduction, at most 450 a person
    ("Could our retirees' hospital premium be taken from their pensions?", "en", [["entrusted deduction"], ["450"]]),
    ("退休职工的住院保障费用可以从养老金里扣吗", "zh", [["委托代扣"], ["450"]]),
])
def test_the_retiree_plans_own_words_find_its_texts(q, lang, facts):
    out, texts = ask(q, lang)
    assert not out.refused, out.reason
    assert has_facts(texts[0], facts), texts[0]


def test_how_many_times_is_answered_by_a_text_that_says_how_often():
    kinds = [k for k in asked_kinds("集中参保能提交几次") if k["kind"] == "times"]
    assert kinds and not [k for k in asked_kinds("提交了好几次还是不行") if k["kind"] == "times"]
    assert holds_kinds("截止前可多次操作，以最后一次为准。", kinds)
    assert not holds_kinds("基层工会操作：一、登录系统；二、组织信息梳理。", kinds)
    out, texts = ask("基层工会的集中参保一共能提交几回")
    assert not out.refused and has_facts(texts[0], [["多次"], ["最后"]]), texts[0]


def test_a_missed_window_is_asked_in_the_words_people_use():
    # 没赶上 is 错过 (synonyms.yaml): the same search terms
    from domain.answers.text import load_synonyms, terms

    zh = load_synonyms()[0]["zh"]
    assert "错过" in terms("集中参保没赶上", "zh", zh) and "错过" in terms("6月份赶不上了", "zh", zh)
    assert "错过" not in terms("集中参保赶上了", "zh", zh)
