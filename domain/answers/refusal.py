"""When the engine says it has no reliable answer (issue 17, honest refusal).

Signals measured on the dev split (``bench/refusal_dev.py --signals``); each is "higher = more likely
the manuals do not answer this".
"""

from __future__ import annotations

from domain.answers.text import CJK


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
