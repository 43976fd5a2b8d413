"""The calculators' chat dialogs as data: for each calculator, its steps in order given the answers
so far (a step that depends on an earlier answer is listed only when it applies), what each step
asks (message ids and their parameters), how a typed answer is read and checked, and which domain
function computes the result. ``handlers/calc.py`` only renders: it shows ``next_step``, stores
what ``read`` returns, and shows what ``solve`` computes.

Answers are plain JSON values (the chat keeps them in its state): counts as ints, amounts as
decimal strings, dates as ISO strings, choices as their value.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from domain import clock
from domain.calc.common import Issue, fmt_money
from domain.calc.coverage import coverage
from domain.calc.data import ITEMS, offered_years, program_data, year_for
from domain.calc.member_basic import TYPES, SplitRow, member_basic_fee
from domain.calc.mutual_aid import check_selection, mutual_aid_fee
from domain.calc.retiree import retiree_deduction
from domain.calc.roster_numbers import SsCode, roster_numbers

Answers = dict[str, Any]


@dataclass(frozen=True)
class Option:
    value: str
    label: str | None = None  # message id; None: the value is its own label (a year, an item)
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Choice:
    """Buttons: one of ``options(answers)``; ``button`` is the button data's action (``c:<button>:<value>``)."""

    name: str
    button: str
    ask: Callable[[Answers], tuple[str, dict]]
    options: Callable[[Answers], list[Option]]
    in_a_row: bool = False  # all buttons on one row (else one a row)


@dataclass(frozen=True)
class Items:
    """The mutual-aid items, toggled one by one and confirmed with "done" (checked then)."""

    name: str = "items"
    ask: str = "calc-ask-items"


@dataclass(frozen=True)
class Typed:
    """Typed answers: ``asks`` has one message id per value (several for a group of values read one
    after another); ``read`` is how one value is read; ``check`` is run on the whole group and its
    issues send the person back to the group's first value."""

    name: str
    asks: tuple[str, ...]
    read: str  # count | amount | date
    minimum: int | None = None  # for amounts: the smallest value read as one
    ask_params: Callable[[Answers], dict] = lambda answers: {}
    check: Callable[[list], list[Issue]] | None = None

    @property
    def group(self) -> bool:
        return len(self.asks) > 1


Step = Choice | Items | Typed

BAD = {"count": "calc-bad-number", "amount": "calc-bad-amount", "date": "calc-bad-date"}


def read_count(text: str | None) -> int | None:
    raw = unicodedata.normalize("NFKC", text or "").strip().replace(",", "").replace("人", "")
    return int(raw) if raw.isdigit() else None


def read_amount(text: str | None) -> Decimal | None:
    raw = unicodedata.normalize("NFKC", text or "").strip().replace(",", "").replace("元", "")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def read(step: Typed, text: str | None):
    """One typed value as it is kept (int, decimal string, ISO date), or None when it is not one:
    the person is asked again with ``BAD[step.read]``."""
    if step.read == "count":
        return read_count(text)
    if step.read == "amount":
        value = read_amount(text)
        if value is None or (step.minimum is not None and value < step.minimum):
            return None
        return str(value)
    day = clock.parse_date(text)
    return day.isoformat() if day else None


# --- the steps -------------------------------------------------------------------------------------

def _fixed(message_id: str, **params) -> Callable[[Answers], tuple[str, dict]]:
    return lambda answers: (message_id, params)


MODE = Choice("mode", "mode", _fixed("calc-ask-mode"),
              lambda a: [Option("collective", "calc-mode-collective"), Option("instant", "calc-mode-instant")],
              in_a_row=True)


def _years(program: str | Callable[[Answers], str]) -> Choice:
    def options(answers: Answers) -> list[Option]:
        name = program(answers) if callable(program) else program
        return [Option(str(y)) for y in offered_years(name)]

    return Choice("year", "year", _fixed("calc-ask-year"), options, in_a_row=True)


def _programs(*programs: str) -> Choice:
    return Choice("program", "prog", _fixed("calc-ask-program"),
                  lambda a: [Option(p, f"calc-program-{p}") for p in programs])


def _type_options(answers: Answers) -> list[Option]:
    # each type says up front whether the year has a fee for it or the district's setting is needed
    types = program_data("member_basic", int(answers["year"])).raw.get("types") or {}
    return [Option(tp, "calc-type-priced", {"type": tp, "fee": fmt_money(types[tp]["fee"])}) if tp in types
            else Option(tp, "calc-type-unpriced", {"type": tp}) for tp in TYPES]


def _priced(answers: Answers) -> bool:
    year = answers.get("year")
    types = program_data("member_basic", int(year)).raw.get("types") or {} if year else {}
    return answers.get("type") in types


def _split_ask(answers: Answers) -> tuple[str, dict]:
    return ("calc-ask-split", {}) if _priced(answers) else ("calc-ask-split-unpriced", {"type": answers.get("type")})


def _split_options(answers: Answers) -> list[Option]:
    manual = [Option("manual", "calc-split-manual")] if _priced(answers) else []
    return manual + [Option("district", "calc-split-district")]


def _split_check(values: list) -> list[Issue]:
    return SplitRow(*(Decimal(v) for v in values)).check()


def _retiree_max(answers: Answers) -> dict:
    return {"max": str(year_for("retiree", clock.today()).raw["deduction_max"])}


TYPE = Choice("type", "type", _fixed("calc-ask-type"), _type_options)
SPLIT_BY = Choice("split_by", "split", _split_ask, _split_options)
SPLIT = Typed("split", ("calc-ask-split-fee", "calc-ask-split-city", "calc-ask-split-district",
                        "calc-ask-split-grassroots"), "amount", minimum=0, check=_split_check)
INSURED = Typed("insured", ("calc-ask-insured",), "count")
UNINSURED = Typed("uninsured", ("calc-ask-uninsured",), "count")
START = Typed("start", ("calc-ask-start",), "date")
SUBMITTED = Typed("submitted", ("calc-ask-submitted",), "date")
PEOPLE = Typed("people", ("calc-ask-people",), "count")
AMOUNT = Typed("amount", ("calc-ask-amount",), "amount", ask_params=_retiree_max)
RETIREES = Typed("people", ("calc-ask-retiree-people",), "count")
SUCCEEDED = Typed("succeeded", ("calc-ask-succeeded",), "count")
LAST = Typed("last", ("calc-ask-last",), "count")
PLANNED = Typed("planned", ("calc-ask-planned",), "count")
CONTRIBUTORS = Typed("contributors", ("calc-ask-contributors",), "count")


# --- the dialogs: steps given the answers so far, and the domain function that computes ------------

def _mutual_aid_steps(a: Answers) -> list[Step]:
    return [MODE, Items(), INSURED, UNINSURED, _years("mutual_aid") if a.get("mode") == "collective" else START]


def _mutual_aid(a: Answers):
    if a["mode"] == "collective":
        return mutual_aid_fee(a["items"], a["insured"], a.get("uninsured", 0), mode="collective",
                              data=program_data("mutual_aid", int(a["year"])))
    return mutual_aid_fee(a["items"], a["insured"], a.get("uninsured", 0), date.fromisoformat(a["start"]), "instant")


def _member_basic_steps(a: Answers) -> list[Step]:
    return [_years("member_basic"), TYPE, SPLIT_BY, *([SPLIT] if a.get("split_by") == "district" else []), PEOPLE]


def _member_basic(a: Answers):
    override = SplitRow(*(Decimal(v) for v in a["split"])) if a.get("split_by") == "district" else None
    return member_basic_fee(a["type"], a["people"], int(a["year"]), override=override)


def _retiree(a: Answers):
    return retiree_deduction(Decimal(a["amount"]), a["people"], a["succeeded"])


def _coverage_steps(a: Answers) -> list[Step]:
    items = [Items()] if a.get("program") == "mutual-aid" else []
    last = SUBMITTED if a.get("mode") == "instant" else _years(lambda answers: answers["program"])
    return [_programs("mutual-aid", "retiree", "member-basic"), MODE, *items, last]


def _coverage(a: Answers):
    if a["mode"] == "instant":
        return coverage(a["program"], "instant", date.fromisoformat(a["submitted"]), a.get("items"))
    return coverage(a["program"], "collective", None, a.get("items"), int(a["year"]))


def _numbers_steps(a: Answers) -> list[Step]:
    return [_programs("mutual-aid", "retiree"), *([LAST] if a.get("program") == "mutual-aid" else []),
            PLANNED, CONTRIBUTORS]


def _numbers(a: Answers):
    program, last = a["program"], a.get("last") or None
    return roster_numbers(program, a["planned"], last, [SsCode("1", a["planned"], a["contributors"])],
                          new_unit=(program == "mutual-aid" and not last))


@dataclass(frozen=True)
class Dialog:
    kind: str  # also the result's renderer (the handler's table)
    steps: Callable[[Answers], list[Step]]
    solve: Callable[[Answers], Any]


DIALOGS = {d.kind: d for d in (
    Dialog("mutual-aid", _mutual_aid_steps, _mutual_aid),
    Dialog("member-basic", _member_basic_steps, _member_basic),
    Dialog("retiree", lambda a: [AMOUNT, RETIREES, SUCCEEDED], _retiree),
    Dialog("coverage", _coverage_steps, _coverage),
    Dialog("numbers", _numbers_steps, _numbers),
)}
KINDS = tuple(DIALOGS)


def steps(answers: Answers) -> list[Step]:
    dialog = DIALOGS.get(answers.get("kind"))
    return dialog.steps(answers) if dialog else []


def next_step(answers: Answers) -> Step | None:
    """The first step not answered yet; None when every step is (then ``solve``)."""
    return next((s for s in steps(answers) if s.name not in answers), None)


def find_step(answers: Answers, button: str) -> Choice | Items | None:
    """The step of this dialog that a button answers (``item`` and ``done`` answer the items)."""
    for s in steps(answers):
        if (isinstance(s, Choice) and s.button == button) or (isinstance(s, Items) and button in ("item", "done")):
            return s
    return None


def answer(answers: Answers, step: Step, value) -> Answers:
    """The answers with ``step`` answered ``value``; answers of the steps after it are dropped, so a
    button of an earlier step pressed again takes the dialog down that branch afresh."""
    order = [s.name for s in steps(answers)]
    later = set(order[order.index(step.name) + 1:]) if step.name in order else set()
    kept = {k: v for k, v in answers.items() if k not in later and k not in ("chosen", "partial")}
    return {**kept, step.name: value}


@dataclass(frozen=True)
class Taken:
    """What a typed message did: the new answers, and what to tell the person: ``bad`` (not read,
    ask again), ``issues`` (the group's values do not agree: why, then ``ask`` from its first value
    again) or ``ask`` (the group's next value). All empty: the step is answered."""

    answers: Answers
    bad: str | None = None
    issues: list[Issue] = field(default_factory=list)
    ask: str | None = None


def take(answers: Answers, step: Typed, text: str | None) -> Taken:
    value = read(step, text)
    if value is None:
        return Taken(answers, bad=BAD[step.read])
    if not step.group:
        return Taken(answer(answers, step, value))
    so_far = [*answers.get("partial", []), value]
    if len(so_far) < len(step.asks):
        return Taken({**answers, "partial": so_far}, ask=step.asks[len(so_far)])
    issues = step.check(so_far) if step.check else []
    if issues:  # say why and ask again from the first value, nothing else is lost
        return Taken({**answers, "partial": []}, issues=issues, ask=step.asks[0])
    return Taken(answer(answers, step, so_far))


def selection(answers: Answers) -> list[str]:
    """The items chosen so far (while toggling), else those the items step was answered with."""
    return list(answers["chosen"] if "chosen" in answers else answers.get("items") or [])


def toggle(chosen: list[str], item: str) -> list[str]:
    """The item selection with ``item`` switched, in the items' own order."""
    if item not in ITEMS:
        return chosen
    picked = set(chosen) ^ {item}
    return [i for i in ITEMS if i in picked]


def check_items(chosen: list[str]) -> list[Issue]:
    return check_selection(chosen)


def solve(answers: Answers):
    """The result of the finished dialog (a domain result; raises CalcError with the reasons)."""
    return DIALOGS[answers["kind"]].solve(answers)
