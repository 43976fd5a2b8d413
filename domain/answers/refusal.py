"""When the engine says it has no reliable answer (issue 17, honest refusal).

Signals measured on the dev split (``bench/refusal_dev.py --signals``); each is "higher = more likely
the manuals do not answer this".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from domain.answers.text import CJK, normalize
from domain.answers.understand import _prepared


def _words(index, text: str) -> list[str]:
    """The question's content words (no character bigrams, no numbers, no single characters)."""
    out = []
    for t in index.terms(text):
        if t.startswith("#") or t.isdigit() or len(t) < 2:
            continue
        out.append(t)
    return list(dict.fromkeys(out))


def _doc_terms(idx, doc_index: int) -> set[str]:
    cache = idx.__dict__.setdefault("_doc_terms", None)
    if cache is None:
        cache = [set() for _ in idx.docs]
        for i, counts, _ in idx.index.fields:
            cache[i].update(counts)
        idx._doc_terms = cache
    return cache[doc_index]


def signals(engine, outcome) -> dict[str, float]:
    idx = engine.indexes[outcome.lang]
    index = idx.index
    text = outcome.understanding.text
    words = _words(index, text)
    allterms = list(dict.fromkeys(t for t in index.terms(text) if not t.isdigit()))
    unknown = [w for w in words if w not in index.idf]
    cands = outcome.candidates
    first = cands[0] if cands else None
    top = first.doc if first is not None else None
    top_i = idx.docs.index(top) if top is not None else None
    tterms = _doc_terms(idx, top_i) if top_i is not None else set()
    w_idf = {t: index.idf.get(t, index.max_idf) for t in allterms}
    total = sum(w_idf.values()) or 1.0
    matched = sum(v for t, v in w_idf.items() if t in tterms)
    words_total = sum(w_idf[w] for w in words) or 1.0
    words_matched = sum(w_idf[w] for w in words if w in tterms)
    missing_words = [w for w in words if w not in tterms]
    return {
        "unknown_words": len(unknown) / max(len(words), 1),
        "unknown_any": float(bool(unknown)),
        "unmatched_weight": 1 - matched / total,
        "unmatched_word_weight": 1 - words_matched / words_total,
        "missing_rare_words": float(sum(1 for w in missing_words if index.idf.get(w, 99) > 0.7 * index.max_idf)),
        "score": -(first.score if first else 0.0),
        "margin": (cands[1].score / first.score) if len(cands) > 1 and first.score > 0 else 0.0,
        "cjk": float(bool(CJK.search(text))),
    }


# -- topics outside the manuals (domain/data/answers/scope.yaml) ------------------------------------

SCOPE = Path(__file__).resolve().parents[1] / "data" / "answers" / "scope.yaml"


@dataclass(frozen=True)
class ScopeHit:
    category: str
    word: str
    answered: bool | str  # True: an answer holding the word is shown; "contact": only for a question for whom to ask


@lru_cache(maxsize=1)
def _scope() -> dict:
    raw = yaml.safe_load(SCOPE.read_text(encoding="utf-8"))
    cats = []
    for name, c in (raw.get("topics") or {}).items():
        cats.append((name, _words_of(c), (), c.get("answered", False)))
    for name, c in (raw.get("procedures") or {}).items():
        cats.append((name, _words_of(c["words"]), _words_of(c["asks"]), c.get("answered", False)))
    return {"categories": cats, "in_scope": tuple(sorted((normalize(str(w)) for w in raw.get("in_scope") or ()),
                                                         key=len, reverse=True))}


def _words_of(c: dict) -> tuple[str, ...]:
    return tuple(str(w) for lang in ("zh", "en") for w in c.get(lang) or ())


def _boundaries(norm: str) -> tuple[set[int], set[int]]:
    """Where the question's words start and end (jieba without new-word guessing, so an unknown run is cut
    into single characters and a scope word inside it still lines up)."""
    from domain.answers.text import _Jieba

    tok = _Jieba.get()
    starts, ends = set(), set()
    for _, s, e in tok.tokenize(norm, HMM=False):
        starts.add(s)
        ends.add(e)
    return starts, ends


def _found(norm: str, words: tuple[str, ...], bounds) -> str | None:
    """The first (longest) word of ``words`` in the text: Latin ones as whole words, Chinese ones on word
    boundaries ("年费" is not in "半年费")."""
    rx, others = _prepared(words)
    if rx is not None:
        m = rx.search(norm)
        if m:
            return m.group(0)
    for w in others:
        at = norm.find(w)
        while at >= 0:
            if not CJK.search(w):
                return w
            if bounds is None:
                bounds = _boundaries(norm)
            if at in bounds[0] and at + len(w) in bounds[1]:
                return w
            at = norm.find(w, at + 1)
    return None


def scope_hit(query: str) -> ScopeHit | None:
    """The topic outside the manuals a question is about, if any (the first category that matches)."""
    data = _scope()
    norm = normalize(query)
    for phrase in data["in_scope"]:
        norm = norm.replace(phrase, " ")
    bounds = _boundaries(norm) if CJK.search(norm) else None
    for name, words, asks, answered in data["categories"]:
        word = _found(norm, words, bounds)
        if word is None:
            continue
        if asks and _found(norm, asks, bounds) is None and not any(a in norm for a in asks if CJK.search(a)):
            continue
        return ScopeHit(name, word, answered)
    return None


def scope_refuses(hit: ScopeHit | None, answer_text: str, asks_contact: bool) -> bool:
    """Whether a question about a topic outside the manuals is refused, given the answer found: a category
    whose words the knowledge uses in real answers is answered when that answer holds the very word."""
    if hit is None:
        return False
    holds = _found(normalize(answer_text), (hit.word,), None) is not None
    if hit.answered is True:
        return not holds
    if hit.answered == "contact":
        return not (asks_contact and holds)
    return True
