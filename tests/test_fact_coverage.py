"""The fact sweep (issue 17, item 1) as a regression test: every actionable statement of the five
manuals that was checked, asked the way a member or a clerk would (tests/data/fact_coverage.yaml),
must be carried by the engine's first answer — or by the notice that the manuals are silent on it,
which is the honest answer there. Not the blind split: written from the manuals, section by section."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from bench.bench_answers import has_facts
from domain.answers import get_engine
from ui.answer_render import answer_text, plain, plain_answers
from ui.i18n import BoundTranslator, get_translator

CASES = yaml.safe_load((Path(__file__).parent / "data" / "fact_coverage.yaml").read_text(encoding="utf-8"))
TODAY = date(2026, 12, 2)


def _head(text: str, lang: str) -> str:
    """The answer itself, without the related rules listed under it."""
    label = plain(get_translator().t(lang, "answer-also-related")).strip()
    return text.split(label)[0]


def first_answer(q: str, lang: str) -> str:
    out = get_engine().answer(q, lang, today=TODAY)
    if out.refused:
        notice = out.notice
        return plain(answer_text(BoundTranslator(get_translator(), lang), notice)) if notice is not None else ""
    texts = plain_answers(out, lang)
    return texts[0] if texts else ""


def test_the_sweep_covers_every_manual_in_both_languages():
    per_manual = Counter(c["manual"] for c in CASES)
    assert set(per_manual) == {"000", "001", "002", "003", "004"}, per_manual
    assert all(n >= 30 for n in per_manual.values()), per_manual
    assert {c["lang"] for c in CASES} == {"zh", "en"}
    for c in CASES:
        assert c["q"].strip() and c["section"] and c["must"], c


def _param(i: int, case: dict):
    # ``known``: the knowledge is there but the engine's code does not reach it yet (strict: once it does,
    # the case passes, the xfail fails and the note must go)
    marks = [pytest.mark.xfail(strict=True, reason=case["known"])] if case.get("known") else []
    return pytest.param(case, id=f"{case['manual']}-{i}", marks=marks)


@pytest.mark.parametrize("case", [_param(i, c) for i, c in enumerate(CASES)])
def test_the_first_answer_carries_the_statement(case):
    groups = [g if isinstance(g, list) else [g] for g in case["must"]]
    text = first_answer(case["q"], case["lang"])
    if case.get("head_only"):  # the statement must be the answer, not a related line under it
        text = _head(text, case["lang"])
    assert text, f"refused: {case['q']}"
    assert has_facts(text, groups), (case["q"], case["must"], text[:400])
