"""Ranking and reading of single questions (issue 17, third pass), and the dev bench's breakdown."""

from __future__ import annotations

from datetime import date

import pytest

from bench import bench_answers
from bench.bench_answers import has_facts
from domain.answers import get_engine
from ui.answer_render import plain_answers

TODAY = date(2026, 12, 2)


def ask(q, lang="zh", context=None, today=TODAY):
    out = get_engine().answer(q, lang, context=context, today=today)
    return out, plain_answers(out, lang)


def test_the_bench_breaks_top1_down_by_language_and_kind(monkeypatch):
    cases = [{"id": "a", "q": "x", "lang": "zh", "kind": "plain", "key_facts": [["ok"]]},
             {"id": "b", "q": "y", "lang": "zh", "kind": "multi", "key_facts": [["ok"]]},
             {"id": "c", "q": "z", "lang": "en", "kind": "plain", "key_facts": [["ok"]]},
             {"id": "d", "q": "w", "lang": "en", "unanswerable": True}]
    answers = {"x": ["ok"], "y": ["no"], "z": ["ok"], "w": []}
    monkeypatch.setattr(bench_answers, "load_cases", lambda split: cases)
    monkeypatch.setattr(bench_answers, "_engine", lambda name: lambda q, lang, ctx: (not answers.get(q), answers.get(q, [])))
    r = bench_answers.run("engine", "dev")
    # unanswerable cases are not in the top-1 breakdown
    assert r["breakdown"] == {"lang": {"zh": [1, 2], "en": [1, 1]}, "kind": {"plain": [2, 2], "multi": [0, 1]}}
    lines = bench_answers.breakdown_lines(r)
    assert lines[0].startswith("by lang") and "zh  50.0% (1 missed of 2)" in lines[0]
    assert "multi   0.0% (1 missed of 1)" in lines[1]
    # never for the blind split nor a held-out file: figures only
    assert bench_answers.run("engine", "blind")["breakdown"] == {}
    assert bench_answers.breakdown_lines(bench_answers.run("engine", "file:/x.yaml")) == []
