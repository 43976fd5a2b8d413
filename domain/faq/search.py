"""FAQ search: jieba words + character bigrams, BM25 ranking, domain synonyms, fuzzy typo repair.

Each entry is indexed through its question, its variants and its tags (the answer counts a little).
A query is normalised (NFKC, lower case), colloquial wording is mapped to the knowledge base's
terms with the synonym list (``domain/data/faq/synonyms.yaml``), and words the index does not
know are replaced by the closest indexed word when rapidfuzz finds one close enough (typos).
Chinese text is also indexed as character bigrams, so a mistyped character costs one bigram, not
the whole word. Scores are normalised to 0..1 against the query's best possible score; below
``threshold`` the engine does not answer and only offers the closest questions.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from domain.faq.kb import Entry, load_kb

DATA = Path(__file__).resolve().parents[1] / "data" / "faq"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]+")
EN_STOP = frozenset(
    "a an the i my me we our you your is are was were be been do does did to of in on at for with and or "
    "can could should would will how what when where which who why it its this that there here please "
    "have has had get got if not no any some from by as about into than then so just up out whether today tomorrow".split()
)
ZH_STOP = frozenset(
    "的 了 吗 呢 啊 吧 呀 么 嘛 我 我们 你 你们 他 她 是 在 有 和 与 及 要 会 能 可以 怎么 怎样 怎么样 怎么办 咋 咋办 咋弄 如何 "
    "什么 哪里 哪儿 哪个 一下 请问 请 这个 那个 这 那 还 就 都 也 把 被 给 让 个 吗 行 行不行 能不能 可不可以 为什么 "
    "是不是 一个 一些 有没有 没有 多少 几 哪 现在 今天 已经".split()
)
K1, B = 1.4, 0.4


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower().strip()


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


class _Jieba:
    """jieba, initialised once and quietly, with the domain's words."""

    tokenizer = None

    @classmethod
    def get(cls):
        if cls.tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.initialize()
            words = yaml.safe_load((DATA / "userdict.yaml").read_text(encoding="utf-8")) or []
            for word in words:
                tok.add_word(str(word), freq=200000)
            cls.tokenizer = tok
        return cls.tokenizer


class Synonyms:
    def __init__(self, groups: list[list[str]]):
        self.canon: dict[str, str] = {}
        for group in groups:
            head = normalize(group[0])
            for phrase in group:
                self.canon[normalize(phrase)] = head
        # longest phrases first so "密码忘了" wins over "密码"
        self.phrases = sorted(self.canon, key=len, reverse=True)

    def rewrite(self, text: str) -> str:
        """Replace every colloquial phrase by its canonical term (applied to queries and entries)."""
        out = text
        for phrase in self.phrases:
            if phrase in out and phrase != self.canon[phrase]:
                out = out.replace(phrase, f" {self.canon[phrase]} ")
        return out


class FaqIndex:
    """BM25 over question + variants (+ tags, lightly the answer) of one language's entries."""

    def __init__(self, entries: list[Entry], lang: str, synonyms: Synonyms, threshold: float):
        self.entries = entries
        self.lang = lang
        self.synonyms = synonyms
        self.threshold = threshold
        self.docs: list[tuple[int, Counter, int]] = []  # (entry index, term counts, length)
        df: Counter = Counter()
        title_words: set[str] = set()
        for i, entry in enumerate(entries):
            texts = [entry.question, *entry.variants, " ".join(entry.tags)]
            for text in texts:
                terms = Counter(self.terms(text))
                title_words.update(t for t in terms if not t.startswith("#"))
                if terms:
                    self.docs.append((i, terms, sum(terms.values())))
                    df.update(terms.keys())
            # the answer as one weaker document
            answer_terms = Counter(self.terms(entry.answer))
            for term in answer_terms:
                answer_terms[term] = min(answer_terms[term], 1) * 0.3
            if answer_terms:
                self.docs.append((i, answer_terms, max(1, int(sum(answer_terms.values())))))
                df.update(answer_terms.keys())
        n = len(self.docs) or 1
        self.avg_len = sum(d[2] for d in self.docs) / n
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.postings: dict[str, list[int]] = defaultdict(list)
        for d, (_, terms, _) in enumerate(self.docs):
            for term in terms:
                self.postings[term].append(d)
        # typo repair only towards words people ask with (questions, variants, tags), not answer prose
        self.words = sorted(title_words)

    # -- text -> terms ----------------------------------------------------------------
    def terms(self, text: str) -> list[str]:
        text = self.synonyms.rewrite(normalize(text))
        out: list[str] = []
        if self.lang == "zh" or _CJK.search(text):
            tok = _Jieba.get()
            for chunk in _WORD.findall(text):
                if not _CJK.match(chunk):
                    out.append(_stem(chunk) if chunk not in EN_STOP else chunk)
                    continue
                # words without the filler ones; character bigrams inside each run of kept words,
                # so that a mistyped character still matches most of its word
                run = ""
                for word in tok.lcut(chunk):
                    if word in ZH_STOP:
                        out += _bigrams(run)
                        run = ""
                        continue
                    out.append(word)
                    run += word
                out += _bigrams(run)
        else:
            for word in _WORD.findall(text):
                if word in EN_STOP:
                    continue
                out.append(_stem(word))
        return out

    def _repair(self, terms: list[str]) -> list[str]:
        """Unknown words: take the closest indexed word when it is close enough (typos)."""
        fixed = []
        for term in terms:
            if term in self.idf or term.startswith("#") or len(term) < 2:
                fixed.append(term)
                continue
            match = process.extractOne(term, self.words, scorer=fuzz.ratio, score_cutoff=80 if len(term) > 4 else 86)
            fixed.append(match[0] if match else term)
        return fixed

    def _score_terms(self, terms: list[str]) -> dict[int, float]:
        scores: dict[int, float] = defaultdict(float)
        for term in set(terms):
            idf = self.idf.get(term)
            if idf is None:
                continue
            weight = 0.5 if term.startswith("#") else 1.0
            for d in self.postings[term]:
                entry_i, counts, length = self.docs[d]
                tf = counts[term]
                scores[d] += weight * idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / self.avg_len))
        return scores

    def search(self, query: str, k: int = 3) -> SearchOutcome:
        terms = self._repair(self.terms(query))
        if not any(not t.lstrip("#").isdigit() for t in terms):
            return SearchOutcome(query, [], False, [])  # nothing but numbers (a date, a phone…): not a question
        doc_scores = self._score_terms(terms)
        best: dict[int, float] = {}
        total: dict[int, float] = defaultdict(float)
        for d, score in doc_scores.items():
            entry_i = self.docs[d][0]
            best[entry_i] = max(best.get(entry_i, 0.0), score)
            total[entry_i] += score
        # the best-matching phrasing counts fully, the entry's other texts a little
        best = {i: b + 0.15 * (total[i] - b) for i, b in best.items()}
        # the best score the query could reach: every query term matched once in an average doc
        ceiling = sum(
            (0.5 if t.startswith("#") else 1.0) * self.idf.get(t, 0.0) * (K1 + 1) / (1 + K1) for t in set(terms)
        ) or 1.0
        known = sum(1 for t in set(terms) if t in self.idf)
        coverage = known / len(set(terms))
        ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
        results = []
        for entry_i, raw in ranked[: max(k, 3)]:
            entry = self.entries[entry_i]
            fuzzy = max(fuzz.ratio(normalize(query), normalize(q)) for q in (entry.question, *entry.variants)) / 100
            score = (0.8 * min(1.0, raw / ceiling) + 0.2 * fuzzy) * coverage
            results.append(Result(entry, round(score, 4)))
        results.sort(key=lambda r: r.score, reverse=True)
        confident = bool(results) and results[0].score >= self.threshold
        if not confident:
            return SearchOutcome(query, [], False, results[:3])
        return SearchOutcome(query, results[:k], True, [])


def _bigrams(run: str) -> list[str]:
    return ["#" + run[i : i + 2] for i in range(len(run) - 1)]


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


class FaqEngine:
    """Both languages' indexes, built once."""

    def __init__(self, threshold: float | None = None):
        config = yaml.safe_load((DATA / "synonyms.yaml").read_text(encoding="utf-8"))
        self.threshold = float(threshold if threshold is not None else config.get("threshold", 0.35))
        self.indexes = {}
        for lang in ("zh", "en"):
            syn = Synonyms(config.get(lang, []))
            self.indexes[lang] = FaqIndex(load_kb(lang), lang, syn, self.threshold)

    def search(self, query: str, lang: str = "zh", k: int = 3) -> SearchOutcome:
        if lang not in self.indexes:
            lang = "zh"
        if lang == "en" and _CJK.search(query):
            lang = "zh"  # Chinese typed in an English session still finds the Chinese entries
        return self.indexes[lang].search(query, k)

    def entry(self, entry_id: str, lang: str = "zh") -> Entry | None:
        for e in self.indexes.get(lang, self.indexes["zh"]).entries:
            if e.id == entry_id:
                return e
        return None

    def by_program(self, program: str, lang: str = "zh") -> list[Entry]:
        return [e for e in self.indexes[lang].entries if e.program == program]


_engine: FaqEngine | None = None


def get_engine() -> FaqEngine:
    global _engine
    if _engine is None:
        _engine = FaqEngine()
    return _engine
