"""BM25 over documents made of weighted fields, with typo repair.

A document is indexed through several fields (a question and its variants count fully, an answer or
a passage body counts less). A document scores by its best-matching field plus a little of the
others; scores are normalised to 0..1 against the best score the query could reach, scaled by the
share of the query's terms the index knows, and blended with a fuzzy string match of the query and
the document's title fields.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from domain.answers.text import Synonyms, normalize, terms

K1, B = 1.4, 0.4


@dataclass(frozen=True)
class Field:
    text: str
    weight: float = 1.0  # 1: a way people ask (question, variant); < 1: answer prose
    title: bool = True  # used for the fuzzy match and typo repair vocabulary


class LexicalIndex:
    def __init__(self, docs: list[list[Field]], lang: str, synonyms: Synonyms, strict_unknown: bool = True):
        self.lang = lang
        self.strict_unknown = strict_unknown
        self.synonyms = synonyms
        self.n_docs = len(docs)
        self.fields: list[tuple[int, Counter, int]] = []  # (doc index, weighted term counts, length)
        self.titles: list[list[str]] = [[] for _ in docs]
        df: Counter = Counter()
        vocabulary: set[str] = set()
        for i, doc in enumerate(docs):
            for f in doc:
                counts = Counter(self.terms(f.text))
                if not counts:
                    continue
                if f.title:
                    self.titles[i].append(normalize(f.text))
                    vocabulary.update(t for t in counts if not t.startswith("#"))
                if f.weight != 1.0:
                    for term in counts:
                        counts[term] = min(counts[term], 1) * f.weight
                self.fields.append((i, counts, max(1, int(sum(counts.values())))))
                df.update(counts.keys())
        n = len(self.fields) or 1
        self.avg_len = sum(f[2] for f in self.fields) / n
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self.max_idf = max(self.idf.values(), default=1.0)
        self.postings: dict[str, list[int]] = defaultdict(list)
        for d, (_, counts, _) in enumerate(self.fields):
            for term in counts:
                self.postings[term].append(d)
        # typo repair only towards words people ask with, not answer prose
        self.words = sorted(vocabulary)

    def terms(self, text: str) -> list[str]:
        return terms(text, self.lang, self.synonyms)

    def repair(self, query_terms: list[str]) -> list[str]:
        """Unknown words: take the closest indexed word when it is close enough (typos)."""
        fixed = []
        for term in query_terms:
            if term in self.idf or term.startswith("#") or len(term) < 2:
                fixed.append(term)
                continue
            match = process.extractOne(term, self.words, scorer=fuzz.ratio, score_cutoff=80 if len(term) > 4 else 86)
            fixed.append(match[0] if match else term)
        return fixed

    def score(self, query: str, allowed: set[int] | None = None, limit: int = 30) -> list[tuple[int, float]]:
        """(doc index, confidence 0..1), best first."""
        qterms = self.repair(self.terms(query))
        if not any(not t.lstrip("#").isdigit() for t in qterms):
            return []  # nothing but numbers (a date, a phone…): not a question
        field_scores: dict[int, float] = defaultdict(float)
        for term in set(qterms):
            idf = self.idf.get(term)
            if idf is None:
                continue
            weight = 0.5 if term.startswith("#") else 1.0
            for d in self.postings[term]:
                _, counts, length = self.fields[d]
                tf = counts[term]
                field_scores[d] += weight * idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / self.avg_len))
        best: dict[int, float] = {}
        total: dict[int, float] = defaultdict(float)
        for d, s in field_scores.items():
            i = self.fields[d][0]
            if allowed is not None and i not in allowed:
                continue
            best[i] = max(best.get(i, 0.0), s)
            total[i] += s
        best = {i: b + 0.15 * (total[i] - b) for i, b in best.items()}
        # the best score the query could reach; a word the index has never seen counts as the rarest
        # word (a question about the weather is mostly unknown words, so it cannot score high)
        unknown_idf = self.max_idf if self.strict_unknown else 0.0
        ceiling = sum(
            (0.5 if t.startswith("#") else 1.0) * self.idf.get(t, unknown_idf) * (K1 + 1) / (1 + K1) for t in set(qterms)
        ) or 1.0
        known = sum(1 for t in set(qterms) if t in self.idf)
        coverage = known / len(set(qterms))
        ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)[: max(limit, 3)]
        nq = normalize(query)
        out = []
        for i, raw in ranked:
            fuzzy = max((fuzz.ratio(nq, t) for t in self.titles[i]), default=0) / 100
            out.append((i, (0.8 * min(1.0, raw / ceiling) + 0.2 * fuzzy) * coverage))
        out.sort(key=lambda kv: kv[1], reverse=True)
        return out
