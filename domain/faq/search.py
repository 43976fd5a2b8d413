"""The knowledge-base-only search of before the answer engine, kept as the engine's baseline in
``bench/bench_answers.py`` and for the paraphrase regression of ``tests/test_faq.py``. It ranks the
curated entries alone with the engine's own text handling and BM25 (``domain.answers.lexical``);
chat, inline mode and ``unionbot ask`` use ``domain.answers`` instead."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.answers.lexical import Field, LexicalIndex
from domain.answers.text import CJK, load_synonyms
from domain.faq.kb import Entry, load_kb


@dataclass
class Result:
    entry: Entry
    score: float


@dataclass
class SearchOutcome:
    query: str
    results: list[Result]  # ranked, best first
    confident: bool  # the best result is above the threshold
    suggestions: list[Result] = field(default_factory=list)  # closest questions when not confident


class FaqEngine:
    """Both languages' entry indexes, built once."""

    def __init__(self, threshold: float | None = None):
        synonyms, default = load_synonyms()
        self.threshold = float(threshold if threshold is not None else default)
        self.entries = {lang: load_kb(lang) for lang in ("zh", "en")}
        self.indexes = {
            lang: LexicalIndex([[Field(e.question), *(Field(v) for v in e.variants), Field(" ".join(e.tags)),
                                 Field(e.answer, 0.3, title=False)] for e in entries], lang, synonyms[lang],
                               strict_unknown=False)
            for lang, entries in self.entries.items()
        }

    def search(self, query: str, lang: str = "zh", k: int = 3) -> SearchOutcome:
        if lang not in self.indexes:
            lang = "zh"
        if lang == "en" and CJK.search(query):
            lang = "zh"  # Chinese typed in an English session still finds the Chinese entries
        ranked = [Result(self.entries[lang][i], round(s, 4)) for i, s in self.indexes[lang].score(query, limit=3)][:3]
        if not ranked or ranked[0].score < self.threshold:
            return SearchOutcome(query, [], False, ranked[:3])
        return SearchOutcome(query, ranked[:k], True, [])


_engine: FaqEngine | None = None


def get_engine() -> FaqEngine:
    global _engine
    if _engine is None:
        _engine = FaqEngine()
    return _engine
