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

from domain.answers.text import Synonyms, normalize, terms

K1, B = 1.4, 0.4


@dataclass(frozen=True)
class Field:
    text: str
    weight: float = 1.0  # 1: a way people ask (question, variant); < 1: answer prose
    title: bool = True  # used for the fuzzy match and typo repair vocabulary


class LexicalIndex:
    def __init__(self, docs: list[list[Field]], lang: str, synonyms: Synonyms, strict_unknown: bool = True):
        import numpy as np  # numpy and rapidfuzz load with the first index, not at the bot's start
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
        # per term: the fields holding it and its BM25 contribution there (the query only adds them up)
        self.field_doc = np.fromiter((f[0] for f in self.fields), dtype=np.int32, count=len(self.fields))
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for d, (_, counts, length) in enumerate(self.fields):
            norm = K1 * (1 - B + B * length / self.avg_len)
            for term, tf in counts.items():
                weight = 0.5 if term.startswith("#") else 1.0
                postings[term].append((d, weight * self.idf[term] * tf * (K1 + 1) / (tf + norm)))
        self.postings = {t: (np.array([p[0] for p in ps], dtype=np.int32), np.array([p[1] for p in ps]))
                         for t, ps in postings.items()}
        # typo repair only towards words people ask with, not answer prose
        self.words = sorted(vocabulary)

    def terms(self, text: str) -> list[str]:
        return terms(text, self.lang, self.synonyms)

    def repair(self, query_terms: list[str]) -> list[str]:
        """Unknown words: take the closest indexed word when it is close enough (typos)."""
        from rapidfuzz import fuzz, process

        fixed = []
        for term in query_terms:
            if term in self.idf or term.startswith("#") or len(term) < 2:
                fixed.append(term)
                continue
            cache = self.__dict__.setdefault("_repaired", {})
            if term not in cache:
                match = process.extractOne(term, self.words, scorer=fuzz.ratio, score_cutoff=80 if len(term) > 4 else 86)
                cache[term] = match[0] if match else term
                if len(cache) > 5000:
                    cache.clear()
            fixed.append(cache[term])
        return fixed

    def score(self, query: str, allowed: set[int] | None = None, limit: int = 30,
              weights: dict[str, float] | None = None) -> list[tuple[int, float]]:
        """(doc index, confidence 0..1), best first. ``weights``: a factor per query term (a term
        missing counts fully), for the score and for the best score the query could reach alike."""
        import numpy as np
        from rapidfuzz import fuzz

        qterms = self.repair(self.terms(query))
        weights = weights or {}
        if not any(not t.lstrip("#").isdigit() for t in qterms):
            return []  # nothing but numbers (a date, a phone…): not a question
        acc = np.zeros(len(self.fields))
        for term in sorted(set(qterms)):  # a fixed order: the same sums in every process
            hit = self.postings.get(term)
            if hit is not None:
                acc[hit[0]] += hit[1] * weights.get(term, 1.0)
        best_a = np.zeros(self.n_docs)
        total_a = np.zeros(self.n_docs)
        np.maximum.at(best_a, self.field_doc, acc)
        np.add.at(total_a, self.field_doc, acc)
        doc_scores = best_a + 0.15 * (total_a - best_a)
        if allowed is not None:
            mask = np.zeros(self.n_docs, dtype=bool)
            mask[list(allowed)] = True
            doc_scores[~mask] = 0.0
        top = np.argsort(-doc_scores)[: max(limit, 3)]
        best = {int(i): float(doc_scores[i]) for i in top if doc_scores[i] > 0}
        # the best score the query could reach; a word the index has never seen counts as the rarest
        # word (a question about the weather is mostly unknown words, so it cannot score high)
        unknown_idf = self.max_idf if self.strict_unknown else 0.0
        ceiling = sum(
            (0.5 if t.startswith("#") else 1.0) * weights.get(t, 1.0) * self.idf.get(t, unknown_idf) * (K1 + 1) / (1 + K1)
            for t in sorted(set(qterms))
        ) or 1.0
        known = sum(1 for t in set(qterms) if t in self.idf)
        coverage = known / len(set(qterms))
        ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
        nq = normalize(query)
        out = []
        for i, raw in ranked:
            fuzzy = max((fuzz.ratio(nq, t) for t in self.titles[i]), default=0) / 100
            out.append((i, (0.8 * min(1.0, raw / ceiling) + 0.2 * fuzzy) * coverage))
        out.sort(key=lambda kv: kv[1], reverse=True)
        return out
