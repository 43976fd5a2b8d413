"""When the engine says it has no reliable answer (issue 17, honest refusal).

Signals measured on the dev split (``bench/refusal_dev.py --signals``); each is "higher = more likely
the manuals do not answer this".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from domain.answers.text import CJK, EN_STOP, normalize


# words of the way people write that say nothing about the topic (English ones inside a Chinese question
# are not stop-listed by the search terms)
_FILLERS = frozenset("ve re ll isn aren don doesn didn cant won im hi hello hey thanks thank ok okay yes also still "
                     "really very some one".split())


def _words(index, text: str) -> list[str]:
    """The question's content words (no character bigrams, no numbers, no single characters)."""
    out = []
    for t in index.terms(text):
        if t.startswith("#") or t.isdigit() or len(t) < 2 or t in EN_STOP or t in _FILLERS:
            continue
        out.append(t)
    return list(dict.fromkeys(out))


def unknown_share(index, text: str) -> float:
    """The share of the question's content words that no document of the index holds (the corpus does not
    know the topic: "上证指数收盘", "房贷等额本息")."""
    words = _words(index, text)
    return sum(1 for w in words if w not in index.idf) / len(words) if words else 0.0


def _doc_terms(idx, doc_index: int) -> set[str]:
    cache = idx.__dict__.setdefault("_doc_terms", None)
    if cache is None:
        cache = [set() for _ in idx.docs]
        for i, counts, _ in idx.index.fields:
            cache[i].update(counts)
        idx._doc_terms = cache
    return cache[doc_index]


def signals(engine, outcome) -> dict[str, float]:
    """Candidate confidence signals of one answered question, each "higher = more likely unanswerable"
    (measured on the dev split by ``bench/refusal_dev.py --signals``; only ``unknown_share`` is used, for
    questions naming no programme)."""
    idx = engine.indexes[outcome.lang]
    index = idx.index
    text = outcome.understanding.text
    words = _words(index, text)
    allterms = list(dict.fromkeys(t for t in index.terms(text) if not t.isdigit()))
    cands = outcome.candidates
    first = cands[0] if cands else None
    top = first.doc if first is not None else None
    tterms = _doc_terms(idx, idx.docs.index(top)) if top is not None else set()
    w_idf = {t: index.idf.get(t, index.max_idf) for t in allterms}
    total = sum(w_idf.values()) or 1.0
    words_total = sum(w_idf[w] for w in words) or 1.0
    return {
        "score": -(first.score if first else 0.0),
        "margin": (cands[1].score / first.score) if len(cands) > 1 and first.score > 0 else 0.0,
        "unknown_share": unknown_share(index, text),
        "unmatched_weight": 1 - sum(v for t, v in w_idf.items() if t in tterms) / total,
        "unmatched_word_weight": 1 - sum(w_idf[w] for w in words if w in tterms) / words_total,
    }


# -- topics outside the manuals (domain/data/answers/scope.yaml) ------------------------------------

SCOPE = Path(__file__).resolve().parents[1] / "data" / "answers" / "scope.yaml"


@dataclass(frozen=True)
class ScopeHit:
    category: str
    words: tuple[str, ...]
    answered: bool | str  # True: an answer holding the word is shown; "contact": only for a question for whom to ask
    procedure: bool = False  # a procedure the manuals name but never describe (asked how / with what / how long)


@lru_cache(maxsize=1)
def _scope() -> dict:
    raw = yaml.safe_load(SCOPE.read_text(encoding="utf-8"))
    cats = []
    for name, c in (raw.get("topics") or {}).items():
        cats.append((name, _words_of(c), (), c.get("answered", False)))
    for name, c in (raw.get("procedures") or {}).items():
        cats.append((name, _words_of(c["words"]), _words_of(c["asks"]), c.get("answered", False)))
    benefit = raw.get("benefit_terms") or {}
    places = sorted({normalize(w) for w in _words_of((raw.get("topics") or {}).get("places") or {})}, key=len, reverse=True)
    suffixes = sorted({normalize(w) for w in _words_of(raw.get("streets") or {})}, key=len, reverse=True)
    streets = re.compile("(?:" + "|".join(map(re.escape, places)) + r")\s*(?:" + "|".join(map(re.escape, suffixes))
                         + r")(?![a-z])") if places and suffixes else None
    return {"categories": cats, "streets": streets, "contacts": dict(raw.get("contacts") or {}), "unstated": frozenset(benefit.get("unstated") or ()),
            "benefit_asks": _words_of(benefit.get("asks") or {}),
            "benefit_patterns": tuple(re.compile(p, re.I) for p in benefit.get("patterns") or ()), "in_scope": tuple(sorted((normalize(str(w)) for w in raw.get("in_scope") or ()),
                                                         key=len, reverse=True))}


def _words_of(c: dict) -> tuple[str, ...]:
    return tuple(str(w) for lang in ("zh", "en") for w in c.get(lang) or ())


def _boundaries(norm: str) -> tuple[set[int], set[int]]:
    """Where the question's words start and end: jieba's words without new-word guessing (an unknown run is
    cut into single characters) and the dictionary words inside them ("出车祸" holds 车祸, "今天天气" 天气)."""
    from domain.answers.text import _Jieba

    tok = _Jieba.get()
    starts, ends = set(), set()
    for mode in ("default", "search"):
        for _, s, e in tok.tokenize(norm, mode=mode, HMM=False):
            starts.add(s)
            ends.add(e)
    return starts, ends


def _aligned(norm: str, start: int, end: int, bounds: tuple[set[int], set[int]]) -> bool:
    """Whether norm[start:end] stands as a word of the text ("半年费" does not hold 年费)."""
    return start in bounds[0] and end in bounds[1]


@lru_cache(maxsize=64)
def _prepared(words: tuple[str, ...]) -> tuple[re.Pattern | None, tuple[str, ...]]:
    """One regex for the Latin words (whole words), and the other words, longest first (ties by the word, so
    every process reads a question alike)."""
    norm = sorted({normalize(str(x)) for x in words if str(x).strip()}, key=lambda w: (-len(w), w))
    latin = [w for w in norm if w.isascii() and not CJK.search(w)]
    rx = re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(w) for w in latin) + r")(?![a-z0-9])") if latin else None
    return rx, tuple(w for w in norm if w not in latin)


def _found_all(norm: str, words: tuple[str, ...], bounds) -> list[str]:
    """The words of ``words`` the text holds: Latin ones as whole words, Chinese ones on word boundaries
    ("年费" is not in "半年费")."""
    rx, others = _prepared(words)
    found = [m.group(0) for m in rx.finditer(norm)] if rx is not None else []
    for w in others:
        if any(w in f for f in found):
            continue  # inside a longer word already found ("会费" in "工会会费")
        at = norm.find(w)
        while at >= 0:
            if bounds is None:
                bounds = _boundaries(norm)
            if _aligned(norm, at, at + len(w), bounds):
                found.append(w)
                break
            at = norm.find(w, at + 1)
    return list(dict.fromkeys(found))


def _found(norm: str, words: tuple[str, ...], bounds) -> str | None:
    found = _found_all(norm, words, bounds)
    return found[0] if found else None


def scope_hit(query: str) -> ScopeHit | None:
    """The topic outside the manuals a question is about, if any (the first category that matches), with
    every word of that category the question holds."""
    data = _scope()
    norm = normalize(query)
    for phrase in data["in_scope"]:
        norm = norm.replace(phrase, " ")
    if data["streets"] is not None:
        norm = data["streets"].sub(" ", norm)  # "南京西路" is a street of Shanghai, not Nanjing
    bounds = _boundaries(norm) if CJK.search(norm) else None
    for name, words, asks, answered in data["categories"]:
        found = _found_all(norm, words, bounds)
        if not found:
            continue
        if asks and _found(norm, asks, bounds) is None and not any(a in norm for a in asks if CJK.search(a)):
            continue
        return ScopeHit(name, tuple(found), answered, bool(asks))
    return None


def scope_refuses(hit: ScopeHit | None, answer_text: str, asks_contact: bool) -> bool:
    """Whether a question about a topic outside the manuals is refused, given the answer found: a category
    whose words the knowledge uses in real answers is answered when that answer holds every one of them."""
    if hit is None:
        return False
    text = normalize(answer_text)
    holds = all(_found(text, (w,), None) is not None for w in hit.words)
    if hit.answered is True:
        # a procedure asked how or with what ("报销咋申请") is not answered by a text that only names it (the
        # benefit table's "住院能报销多少比例"): the manuals never describe it
        return not holds or hit.procedure
    if hit.answered == "contact":
        return not (asks_contact and holds)
    return True


def asks_unstated_benefit(query: str, programs: list[str]) -> bool:
    """A question for what a programme pays out (a death, an outpatient visit, "保什么") about programmes
    whose manuals never give benefit terms (only the mutual-aid project's [002] table does)."""
    data = _scope()
    if not programs or not all(p in data["unstated"] for p in programs):
        return False
    norm = normalize(query)
    for phrase in data["in_scope"]:
        norm = norm.replace(phrase, " ")
    return _found(norm, data["benefit_asks"], None) is not None or any(p.search(norm) for p in data["benefit_patterns"])


_PAYS = re.compile(r"给付|赔付|理赔|不赔|赔偿|pay(?:s)? out|payout|benefit|compensat", re.I)


def states_benefit(text: str) -> bool:
    """Whether a text says what is paid out (or that nothing is: "不予给付"), so it answers a benefit question."""
    return bool(_PAYS.search(text))


def refusal_contacts(programs: list[str]) -> list[str]:
    """The support contacts (keys) for a refused question about these programmes: who runs the programme's
    online operations, besides the 12351 hotline every refusal names."""
    table = _scope()["contacts"]
    return list(dict.fromkeys(table[p] for p in programs if p in table))


# -- what each manual states and does not (domain/data/answers/manual_matrix.yaml) --------------------

MATRIX = Path(__file__).resolve().parents[1] / "data" / "answers" / "manual_matrix.yaml"
CELL_KINDS = ("stated", "silent", "unstated", "na")


@dataclass(frozen=True)
class Cell:
    """One programme × aspect cell of the matrix: what the manual says of it (``kind``: stated, silent,
    unstated or na) and ``value``: where it says it (stated), the document saying it does not (silent),
    or why not (unstated, na)."""

    aspect: str
    program: str
    kind: str
    value: str

    @property
    def notice(self) -> str | None:
        """The id of the document that says the manual is silent here (a fact or an entry), if any."""
        return self.value if self.kind == "silent" and self.value.split(":")[0] in ("fact", "entry") else None


@lru_cache(maxsize=1)
def matrix() -> dict[str, dict]:
    """The aspects, each with its detection words (``phrases``, ``words`` + ``asks``, ``unless``), the
    programme it implies (``programs``) and its cells, one per programme."""
    raw = yaml.safe_load(MATRIX.read_text(encoding="utf-8")) or {}
    out = {}
    for name, a in (raw.get("aspects") or {}).items():
        cells = {}
        for program, c in (a.get("cells") or {}).items():
            (kind, value), = c.items()
            cells[program] = Cell(name, program, kind, str(value))
        out[name] = {"phrases": _words_of(a.get("phrases") or {}), "words": _words_of(a.get("words") or {}),
                     "asks": _words_of(a.get("asks") or {}), "unless": _words_of(a.get("unless") or {}),
                     "programs": tuple(a.get("programs") or ()), "topics": tuple(a.get("topics") or ()),
                     "over_computed": frozenset(a.get("over_computed") or ()),
                     "narrows": frozenset(a.get("narrows") or ()),
                     "cells": cells}
    return out


@lru_cache(maxsize=512)
def asked_aspects(query: str, subject: str = "", own_unless: bool = False) -> tuple[str, ...]:
    """The aspects a question asks for, in the matrix's order (a phrase of the aspect, or one of its words
    together with one of its asks; none of its ``unless`` phrases). ``subject``: the first part of the
    message, for a later part that asks of it ("…premium? can we get it refunded"): its words count there
    (``own_unless``: only the part's own words rule an aspect out, the first part asking another matter,
    "经办人信息在哪改，要填哪些")."""
    from domain.answers.understand import _matches, reading

    read = reading(query)
    about = f"{read} {reading(subject)}" if subject else read
    out = []
    for name, a in matrix().items():
        if not (a["phrases"] or a["words"]):
            continue  # described, not detected (another rule acts on it: scope.yaml)
        if a["unless"] and _matches(read if own_unless else about, a["unless"]):
            continue
        if (a["phrases"] and _matches(read, a["phrases"])) or (
                a["words"] and a["asks"] and _matches(about, a["words"]) and _matches(read, a["asks"])):
            out.append(name)
    narrowed = {n for name in out for n in matrix()[name]["narrows"]}
    return tuple(name for name in out if name not in narrowed)


def asked_cells(query: str, programs: list[str], subject: str = "", own_unless: bool = False) -> list[Cell]:
    """The cells of what a question asks about the programmes it is about (those named, else the one
    the aspect implies: a card's processing time is the member service card's; else, when every programme
    is silent on it, or every one states it, all of them: a refund when someone leaves, whom to phone)."""
    out = []
    for name in asked_aspects(query, subject, own_unless):
        a = matrix()[name]
        if not programs and not a["programs"]:
            # no programme named: when every programme it applies to is silent on it, so is the answer; when
            # every one states it, it is answered ("who can I ring about org codes": [001]'s contacts), not with
            # a text saying the manuals are silent on something else
            cells = [c for c in a["cells"].values() if c.kind != "na"]
            if cells and (all(c.kind == "silent" for c in cells) or all(c.kind == "stated" for c in cells)):
                out.extend(cells)
            continue
        for program in (programs or a["programs"]):
            cell = a["cells"].get(program)
            if cell is not None:
                out.append(cell)
    return out


def silent_notice(cells: list[Cell]) -> str | None:
    """The document to answer with when every programme asked about is silent on what is asked (the
    notice of the first such cell), or None when the manual states it for one of them."""
    if not cells or any(c.kind == "stated" for c in cells):
        return None
    return next((c.notice for c in cells if c.notice), None)


def notice_replaces(cells: list[Cell], computed_kind: str) -> bool:
    """Whether the silent notice of these cells replaces a computed answer of this kind (``over_computed``:
    the figure computed is of something else than what is asked)."""
    return any(computed_kind in matrix()[c.aspect]["over_computed"] for c in cells if c.kind == "silent")


def notice_not_asked(doc_id: str, query: str, subject: str = "") -> bool:
    """Whether a notice of silence is, by the question's own words, not what it asks: the notice of aspects
    each of which the question rules out by one of its ``unless`` phrases ("电子票据总金额有啥要求": the receipt's
    amount, which [004] states, not when the receipt arrives). A notice no aspect names is never ruled out here."""
    from domain.answers.understand import _matches, reading

    aspects = [a for a in matrix().values() if any(c.kind == "silent" and c.value == doc_id for c in a["cells"].values())]
    if not aspects:
        return False
    read = reading(query)
    about = f"{read} {reading(subject)}" if subject else read

    # (a question naming none of an aspect's words is not ruled out: the words of a silent matter are never all listed,
    # "别的工会转给我们的会员" is a transfer to review all the same)
    return all(a["unless"] and _matches(about, a["unless"]) for a in aspects)


def ruling_out(doc_id: str, query: str, subject: str = "") -> list[str]:
    """The ``unless`` phrases of the question that rule out the aspects this notice of silence answers
    ("删掉" in "去世的退休职工要不要从参保名单删掉": the roster's removal, not the leaver's refund)."""
    from domain.answers.understand import _matches, reading

    read = reading(query)
    about = f"{read} {reading(subject)}" if subject else read
    found: list[str] = []
    for a in matrix().values():
        if a["unless"] and any(c.kind == "silent" and c.value == doc_id for c in a["cells"].values()):
            found += [w for w in _matches(about, a["unless"]) if w not in found]
    return found


def notice_unasked(doc_id: str, query: str, subject: str = "") -> bool:
    """Whether a notice of silence the matrix files under its aspects answers none the question asks: every
    aspect it is the notice of is detected by its words, and the question holds none of them ("退休和去世的要手动删吗"
    ranks the notice on retiring during the year first, a matter the question never names). A notice no aspect
    names is never ruled out here."""
    aspects = {name for name, a in matrix().items()
               if any(c.kind == "silent" and c.value == doc_id for c in a["cells"].values())}
    if not aspects or any(not (matrix()[n]["phrases"] or matrix()[n]["words"]) for n in aspects):
        return False
    return not aspects & set(asked_aspects(query, subject))


def states_aspect(cells: list[Cell]) -> bool:
    """Whether the manual states what is asked for a programme asked about."""
    return any(c.kind == "stated" for c in cells)


def aspect_topics(cells: list[Cell]) -> set[str]:
    """The fact topics that answer the aspects of these cells (``topics`` in manual_matrix.yaml)."""
    return {t for c in cells for t in matrix()[c.aspect]["topics"]}


def stated_phrases(query: str, cells: list[Cell]) -> set[str]:
    """The phrases of the question that by themselves ask for an aspect the manual states ("免责期": the waiting
    period, which [002] states) — a whole question of its own, whatever else the question tells."""
    from domain.answers.understand import _matches, reading

    read = reading(query)
    return {w for c in cells if c.kind == "stated" for w in matrix()[c.aspect]["phrases"] if _matches(read, (w,))}


def stated_words(query: str, cells: list[Cell]) -> set[str]:
    """The words of the question that ask for an aspect the manual states ("寄给" asking how a card
    reaches the member, which [003] states: the bank outlet), so they are not read as another topic."""
    from domain.answers.understand import _matches, reading

    read = reading(query)
    out = set()
    for c in cells:
        if c.kind == "stated":
            a = matrix()[c.aspect]
            # each phrase on its own: overlapping ones ("failed with insufficient", "insufficient balance") both count
            out.update(w for w in (*a["phrases"], *a["words"]) if _matches(read, (w,)))
    return out
