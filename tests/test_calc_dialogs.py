"""The calculators' dialogs as data (domain/calc/dialogs.py), walked without a chat: the steps
follow the answers, typed answers are read or refused, a group's check sends it back to its first
value, and the result is the domain function's."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.calc import dialogs, member_basic_fee, mutual_aid_fee, retiree_deduction
from domain.calc.dialogs import Choice, Items, Typed


def names(answers) -> list[str]:
    return [s.name for s in dialogs.steps(answers)]


def walk(answers: dict, *typed_or_chosen) -> dict:
    """Answer the next steps in turn: a Choice or Items with the value given, a Typed with text."""
    for given in typed_or_chosen:
        step = dialogs.next_step(answers)
        if isinstance(step, Typed):
            taken = dialogs.take(answers, step, given)
            assert taken.bad is None and not taken.issues, (step.name, given)
            answers = taken.answers
        else:
            answers = dialogs.answer(answers, step, given)
    return answers


def test_steps_follow_the_answers():
    assert names({"kind": "mutual-aid", "mode": "instant"}) == ["mode", "items", "insured", "uninsured", "start"]
    assert names({"kind": "mutual-aid", "mode": "collective"}) == ["mode", "items", "insured", "uninsured", "year"]
    assert names({"kind": "coverage", "program": "retiree", "mode": "instant"}) == ["program", "mode", "submitted"]
    assert names({"kind": "coverage", "program": "mutual-aid"}) == ["program", "mode", "items", "year"]
    assert names({"kind": "numbers", "program": "retiree"}) == ["program", "planned", "contributors"]
    assert names({"kind": "numbers", "program": "mutual-aid"}) == ["program", "last", "planned", "contributors"]
    assert names({"kind": "member-basic", "split_by": "district"}) == ["year", "type", "split_by", "split", "people"]
    assert names({"kind": "member-basic", "split_by": "manual"}) == ["year", "type", "split_by", "people"]
    assert names({"kind": "nothing"}) == [] and dialogs.next_step({}) is None


def test_typed_answers_are_read_or_refused_with_their_message():
    count = dialogs.INSURED
    assert dialogs.take({"kind": "mutual-aid"}, count, "四个").bad == "calc-bad-number"
    assert dialogs.take({"kind": "mutual-aid"}, count, "４").answers["insured"] == 4  # full-width digit
    assert dialogs.take({}, dialogs.START, "2023/9/31").bad == "calc-bad-date"
    assert dialogs.take({}, dialogs.START, "2023年9月15日").answers["start"] == "2023-09-15"
    assert dialogs.take({}, dialogs.AMOUNT, "1,200元").answers["amount"] == "1200"
    assert dialogs.take({}, dialogs.AMOUNT, "abc").bad == "calc-bad-amount"
    assert dialogs.take({}, dialogs.SPLIT, "-1").bad == "calc-bad-amount"  # a split part is never negative


def test_a_group_that_does_not_add_up_is_asked_again_from_its_first_value():
    answers = {"kind": "member-basic", "year": "2023", "type": "A+", "split_by": "district"}
    step = dialogs.next_step(answers)
    assert step is dialogs.SPLIT
    for value, ask in (("76", "calc-ask-split-city"), ("13", "calc-ask-split-district"),
                       ("60", "calc-ask-split-grassroots")):
        taken = dialogs.take(answers, step, value)
        assert taken.ask == ask
        answers = taken.answers
    taken = dialogs.take(answers, step, "0")  # 13 + 60 + 0 is not 76
    assert taken.issues and taken.ask == "calc-ask-split-fee" and taken.answers["partial"] == []
    answers = walk(taken.answers, "76", "13", "63", "0", "10")
    assert "partial" not in answers and answers["split"] == ["76", "13", "63", "0"]
    expected = member_basic_fee("A+", 10, 2023, override=dialogs.SplitRow(*(Decimal(v) for v in ("76", "13", "63", "0"))))
    assert dialogs.solve(answers).total == expected.total


def test_pressing_an_earlier_button_again_drops_the_answers_after_it():
    answers = walk({"kind": "mutual-aid"}, "instant", ["A0"], "3", "0")
    assert dialogs.next_step(answers) is dialogs.START
    again = dialogs.answer(answers, dialogs.MODE, "collective")
    assert again == {"kind": "mutual-aid", "mode": "collective"}
    assert isinstance(dialogs.next_step(again), Items)


def test_a_choice_offers_only_what_the_data_has():
    answers = {"kind": "member-basic", "year": "2024", "type": "B"}  # 2024 has no fee for B
    split_by = dialogs.find_step(answers, "split")
    assert isinstance(split_by, Choice)
    assert [o.value for o in split_by.options(answers)] == ["district"]
    assert split_by.ask(answers) == ("calc-ask-split-unpriced", {"type": "B"})
    assert [o.value for o in split_by.options({**answers, "type": "A"})] == ["manual", "district"]


def test_finished_dialogs_compute_with_the_domain_functions():
    answers = walk({"kind": "mutual-aid"}, "instant", ["A0", "B0", "C0", "A3", "B3", "C3"], "4", "0", "2023-09-15")
    assert dialogs.next_step(answers) is None
    assert dialogs.solve(answers).total == mutual_aid_fee("A0,B0,C0,A3,B3,C3", 4, 0, date(2023, 9, 15)).total == 4780
    answers = walk({"kind": "retiree"}, "100", "12", "8")
    assert dialogs.solve(answers).unit_pays == retiree_deduction(Decimal("100"), 12, 8).unit_pays
    answers = walk({"kind": "coverage"}, "retiree", "collective", "2025")
    assert dialogs.solve(answers).start == date(2025, 7, 1)


def test_items_toggle_in_their_own_order():
    chosen = dialogs.toggle([], "B0")
    chosen = dialogs.toggle(chosen, "A0")
    assert chosen == ["A0", "B0"] and dialogs.toggle(chosen, "B0") == ["A0"] and dialogs.toggle(chosen, "Z9") == chosen
    assert dialogs.check_items(["B1"])  # only on top of a basic item
