"""One answer engine over all the knowledge (chat, inline mode and ``unionbot ask`` use it).

A question is read (programme, intent, parameters: ``understand``), computed when it carries what a
calculator or the calendar needs (``compute``), and otherwise ranked lexically over every source
(``sources``: curated entries, atomic facts, the manuals' passages, guide steps, statuses, the
calendar, contacts). The rules of trust:

- a question naming a programme is never answered about money, an account or a deadline from
  another programme's documents; one naming none gets each programme's value side by side when
  several programmes answer alike;
- below the confidence threshold the engine refuses and offers the closest questions;
- a follow-up in the next minutes ("那退休的呢？") inherits the previous question's programme and topic;
- a message with several questions gets an answer per part.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
import re
import threading
import time as _time
from dataclasses import dataclass, field, replace
from datetime import date

from domain.answers import cache
from domain.answers.compute import Computed, compute
from domain.answers.lexical import Field, LexicalIndex
from domain.answers.parts import MAX_PARTS, QUESTION_WORD, WH, message_parts
from domain.answers.refusal import (asked_cells, asks_unstated_benefit, notice_not_asked, ruling_out, notice_unasked, notice_replaces, refusal_contacts,
                                    scope_hit, scope_refuses, silent_notice, stated_phrases, stated_words, states_aspect,
                                    states_benefit, unknown_share, _doc_terms)
from domain.answers.sources import PRIOR, PROGRAMS, Doc, all_docs
from domain.answers.text import CJK, fix_typos, load_synonyms, normalize, strip_words
from domain.answers.understand import (ITEM, Understanding, _matches, detect_intents, detect_programs, plain_words,
                                       program_list_parts,
                                      quoted_texts, reading, understand, unquoted, vocabulary)

CONTEXT_SECONDS = 600  # a follow-up within ten minutes inherits the previous question's programme and topic
QUOTE = re.compile(r"[“「『\"]([^”」』\"]{2,20})[”」』\"]")
EVIDENCE = {
    "account": re.compile(r"\d{3,}-?\d{8,}|户名|开户|account (?:number|name)|bank"),
    "deadline": re.compile(r"\d{1,2}\s*月\s*\d{1,2}|\d{4}-\d{2}-\d{2}|\d+\s*(?:个)?(?:工作)?[天日]|\d+\s*(?:working )?days?|before|within"),
    "window": re.compile(r"\d{1,2}\s*月\s*\d{1,2}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|(?:january|february|march|april|may|june|july|august|september|october|november|december)", re.I),
    "fee": re.compile(r"\d+\s*(?:元|yuan)|¥"),
    # a mobile or a landline number, not a run of an account number's digits
    "who": re.compile(r"(?<!\d)1\d{10}(?!\d)|(?<![\d-])\d{3,4}-\d{7,8}(?!\d)|(?<!\d)\d{8}(?!\d)|12351|@"),
    "waiting": re.compile(r"免责期|waiting"),
    "coverage": re.compile(r"起保|保障期|coverage|cover"),
    "where": re.compile(r"【|→|->"),
    "benefit": re.compile(r"\d+\s*(?:元|%|yuan)|给付|pays?"),
}
# the fact topics (and knowledge-base tags) that answer each intent
TOPICS = {"account": {"account", "payment"}, "payment": {"payment", "account", "deadline"},
          "deadline": {"deadline", "payment", "window"}, "window": {"window", "deadline"}, "fee": {"fee", "benefit"},
          "waiting": {"waiting", "coverage"}, "coverage": {"coverage", "waiting"}, "who": {"contact"},
          "where": {"where"}, "status": {"status"}, "benefit": {"benefit"}, "refund": {"refund"}}
# topics that say what kind of text a document is rather than what it is about
GENERIC_TOPICS = {"where", "error", "status", "manual", "other", "deadline", "contact"}
SILENT_CODES = {"calc.type_not_priced", "calc.no_data", "calc.no_data_year"}
RELATED_KINDS = {"fact", "entry", "guide", "status", "calendar"}
FIGURE_KINDS = {"duration", "count", "times", "money", "time", "phone", "account"}
SENSITIVE_ASKS = {"money", "benefit", "account"}
SENSITIVE = {"account", "fee", "deadline", "window", "payment", "refund", "receipt", "coverage", "waiting", "benefit"}


@dataclass
class Context:
    """What a follow-up question inherits (plain values: it is kept in the chat's state)."""

    program: str | None = None
    query: str = ""
    at: float = 0.0
    answered: str = ""  # the id of the previous question's first answer (already shown)

    def as_dict(self) -> dict:
        return {"program": self.program, "query": self.query, "at": self.at, "answered": self.answered}

    @classmethod
    def from_dict(cls, raw: dict | None) -> "Context | None":
        if not raw:
            return None
        return cls(raw.get("program"), str(raw.get("query") or ""), float(raw.get("at") or 0),
                   str(raw.get("answered") or ""))

    def fresh(self, now: float) -> bool:
        return bool(self.query) and now - self.at <= CONTEXT_SECONDS


@dataclass
class Answer:
    kind: str  # entry | fact | passage | guide | status | calendar | contact | computed
    score: float
    program: str
    source: tuple[str, ...]
    doc: Doc | None = None
    computed: Computed | None = None
    also: list[Doc] = field(default_factory=list)  # other parts of the question, or other programmes' values
    also_label: str = ""  # "parts" | "programs"
    related: list[Doc] = field(default_factory=list)  # the rules next to the answer
    uncovered: list[str] = field(default_factory=list)  # parts of the message the manuals do not answer
    also_computed: list[Computed] = field(default_factory=list)  # figures computed for other parts of the message

    @property
    def id(self) -> str:
        return self.doc.id if self.doc else f"computed:{self.computed.kind}"


@dataclass
class Outcome:
    query: str
    lang: str
    answers: list[Answer]
    refused: bool
    suggestions: list[Doc]
    context: Context
    understanding: Understanding
    notice: Answer | None = None  # refused, but the manuals' silence is itself the answer (who to ask)
    reason: str = ""  # why it was refused: confidence, scope, aspect, year, silent
    candidates: list[Answer] = field(default_factory=list)  # the ranked answers before the refusal decision
    contacts: list[str] = field(default_factory=list)  # refused: who runs the programme asked about (contact keys)

    @property
    def best(self) -> Answer | None:
        return self.answers[0] if self.answers else None


def _fields(doc: Doc) -> list[Field]:
    body_weight = {"entry": 0.5, "fact": 0.6, "passage": 0.7, "guide": 0.35, "status": 0.3, "calendar": 0.4,
                   "contact": 0.6}.get(doc.kind, 0.4)
    fields = [Field(a, 1.0) for a in doc.asks if a]
    if doc.kind in ("guide", "calendar"):
        fields.append(Field(doc.title, 1.0))
    if doc.section and doc.kind in ("passage", "fact"):
        fields.append(Field(doc.section, 0.3, title=False))
    fields.append(Field(doc.body, body_weight, title=doc.kind in ("passage", "contact")))
    return fields


def doc_key(doc_id: str) -> str:
    """A short, stable key of a document id (button data holds at most 64 bytes)."""
    return hashlib.blake2s(doc_id.encode(), digest_size=6).hexdigest()


class _LangIndex:
    def __init__(self, lang: str, docs: list[Doc], synonyms):
        self.lang = lang
        self.docs = docs
        self.by_id = {d.id: d for d in docs}
        self.by_key = {doc_key(d.id): d for d in docs}
        self.index = LexicalIndex([_fields(d) for d in docs], lang, synonyms)
        # the calendar's dated entries (windows, deadlines, openings), not its relative rules
        self.deadlines = {i for i, d in enumerate(docs) if d.kind == "calendar" and "rule" not in d.extra}


class AnswerEngine:
    def __init__(self, threshold: float | None = None, docs: dict[str, list[Doc]] | None = None):
        synonyms, default_threshold = load_synonyms()
        config = vocabulary().get("engine", {})
        self.threshold = float(threshold if threshold is not None else config.get("threshold", default_threshold))
        self.margin = float(config.get("programs_margin", 0.85))
        self.related = float(config.get("related_ratio", 0.75))
        self.related_max = int(config.get("related_max", 2))
        self.section_ratio = float(config.get("section_ratio", 0.4))
        self.silent_factor = float(config.get("silent_factor", 0.85))
        self.topic_boost = float(config.get("topic_boost", 1.15))
        self.kind_ratio = float(config.get("kind_ratio", 0.7))
        self.general_factor = float(config.get("general_factor", 1.0))
        self.unknown_share = float(config.get("unknown_share", 0.4))
        self.unknown_below = float(config.get("unknown_below", 0.2))
        self.part_ratio = float(config.get("part_ratio", 0.85))
        self.sibling_factor = float(config.get("sibling_factor", 0.85))
        self.part_alone = float(config.get("part_alone", 0.6))
        self.part_own = float(config.get("part_own", 0.0))
        self.shown_ratio = float(config.get("shown_ratio", 0.85))
        self.notice_lead = float(config.get("notice_lead", 0.6))
        self.lead_ratio = float(config.get("lead_ratio", 0.6))
        self.item_boost = float(config.get("item_boost", 1.1))
        self.window_ratio = float(config.get("window_ratio", 0.5))
        self.label_boost = float(config.get("label_boost", 1.2))
        self.quote_boost = float(config.get("quote_boost", 1.0))
        self.context_weight = float(config.get("context_weight", 1.0))
        self.novel_ratio = float(config.get("novel_ratio", 1.0))
        self.shared_ratio = float(config.get("shared_ratio", 1.0))
        self.silent_benefit = float(config.get("silent_benefit", 1.0))
        self.unasked_ratio = float(config.get("unasked_ratio", 0.97))
        self.step_ratio = float(config.get("step_ratio", 0.5))
        if docs is not None:
            self.indexes = {lang: _LangIndex(lang, docs[lang], synonyms[lang]) for lang in ("zh", "en")}
        else:
            self.indexes = cache.load_or_build(lambda: {lang: _LangIndex(lang, all_docs(lang), synonyms[lang])
                                                        for lang in ("zh", "en")})

    # -- ranking ---------------------------------------------------------------------------------
    def _rank(self, text: str, lang: str, programs: list[str], sensitive: bool, intents: set[str] = frozenset(),
              limit: int = 12, items: list[str] = (), weights: dict[str, float] | None = None) -> list[tuple[Doc, float]]:
        idx = self.indexes[lang]
        text = _without_meta(text)
        named = set(programs)
        evidence = [EVIDENCE[i] for i in intents if i in EVIDENCE]
        preferred = set().union(*(TOPICS.get(i, ()) for i in intents)) if intents else set()
        out = []
        asked = normalize(text)
        # what the question quotes in quotation marks (“批次删除”, "新退休"): a label of the platform or the manual
        quotes = [q for q in (normalize(m) for m in QUOTE.findall(text)) if 2 <= len(q) <= 20]
        # ...or after the words that introduce a screen's message ("说退多余款账户信息错误", "写着…")
        quotes += [q for q in (normalize(m) for m in quoted_texts(text)) if 4 <= len(q) <= 40 and q not in quotes]
        for i, score in idx.index.score(text, limit=60, weights=weights):
            doc = idx.docs[i]
            score *= PRIOR.get(doc.kind, 0.8)
            if quotes and any(q in normalize(doc.body) or q in normalize(doc.title) for q in quotes):
                score *= self.quote_boost  # the text that holds the very label quoted
            label = doc.extra.get("label") if doc.kind == "status" else None
            if label and len(label) >= 5 and normalize(label) in asked \
                    and not re.search(re.escape(normalize(label)) + r"\s*(?:里|中|内|里面|上)", asked):
                # "状态显示“缴费凭证待上传”…": the status of that very name (a status named after the list a batch
                # waits in, "待审批参保列表里怎么…", is there the screen the question is about, not its status)
                score *= self.label_boost
            if _doc_silent(doc):
                score *= self.silent_factor  # "the manuals do not say" only wins when nothing says more
                if doc.topic == "benefit" and "benefit" not in intents:
                    # that a programme's payouts are not in the manuals answers only a question about payouts
                    # ("who handles the member-exclusive protection" is not one)
                    score *= self.silent_benefit
            if preferred and doc.topic in preferred:
                score *= self.topic_boost  # a fact filed under the topic the question asks about
            if items:
                if any(_names_item(doc.body, item) for item in items):
                    score *= self.item_boost  # "办了A1…": the text about A1 before the one about A0
                elif ITEM.search(doc.body):
                    score /= self.item_boost  # a text about other items only
            if evidence:
                # a question for an account, a date, an amount…: documents holding one come first
                score *= 1.0 + 0.25 * sum(1 for rx in evidence if rx.search(doc.body)) / len(evidence)
            if named:
                if doc.program in named:
                    score *= 1.15 if doc.program == programs[0] else 1.05
                elif doc.program != "general":
                    if sensitive:
                        continue  # never another programme's money, account or deadline
                    # the other channel of the same protection (会员卡参保 / 社保卡参保) is a close neighbour
                    score *= self.sibling_factor if _siblings(doc.program, named) else 0.6
                elif "general" not in named:
                    score *= self.general_factor  # a question naming a programme prefers that programme's texts
            out.append((doc, score))
        out.sort(key=lambda kv: kv[1], reverse=True)
        return out[:limit]

    def _shared(self, ranked: list[tuple[Doc, float]]) -> list[Doc]:
        """Other programmes' texts answering a question that names no programme about as well as the best
        does: within ``programs_margin`` of it, or, filed under the same topic, within ``shared_ratio``
        (each programme's own way of fixing a wrong receipt). None when the best is platform-wide."""
        best_doc, best_score = ranked[0]
        if best_doc.program == "general":
            return []
        others: list[Doc] = []
        for doc, score in ranked[1:]:
            if score < best_score * min(self.margin, self.shared_ratio):
                break
            if doc.program in (best_doc.program, "general") or _doc_silent(doc) \
                    or any(o.program == doc.program for o in others):
                continue
            if score >= best_score * self.margin or (doc.topic == best_doc.topic and doc.topic not in GENERIC_TOPICS):
                others.append(doc)
        return others[:2]

    def _novel(self, ranked: list[tuple[Doc, float]], query: str, context: Context,
               lang: str) -> list[tuple[Doc, float]]:
        """A follow-up whose best text is the one the previous question was answered with: a candidate within
        ``novel_ratio`` of it holding more of the follow-up's own words (weighted by rarity, those of the
        previous question left out) comes first; the text shown stays first when it holds as much."""
        first, best = ranked[0]
        if first.id != context.answered or self.novel_ratio >= 1.0:
            return ranked
        idx = self.indexes[lang]
        index = idx.index
        before = set(index.terms(context.query))
        own = {t for t in index.terms(query) if t not in before and not t.lstrip("#").isdigit() and t in index.idf}
        if not own:
            return ranked
        position = {d.id: i for i, d in enumerate(idx.docs)}

        def holds(doc: Doc) -> float:
            held = _doc_terms(idx, position[doc.id])
            return sum(index.idf[t] for t in own if t in held)

        shown = holds(first)
        for j, (doc, score) in enumerate(ranked[1:6], start=1):
            if score < best * self.novel_ratio:
                break
            if not _doc_silent(doc) and holds(doc) > shown:
                return [ranked[j], *ranked[:j], *ranked[j + 1:]]
        return ranked

    def _context_weights(self, query: str, inherited: str, lang: str) -> dict[str, float] | None:
        """A follow-up read with the previous question: the terms only the previous question holds count
        ``context_weight`` ("那代扣已经完成以后呢？" after "…提交职保会审核之前能改名单吗": what changed decides)."""
        if self.context_weight >= 1.0 or not _asks_own(query):
            return None  # "那委托代扣的呢？" only swaps the subject: the previous question's predicate counts fully
        index = self.indexes[lang].index
        own = set(index.terms(query))
        return {t: self.context_weight for t in index.terms(inherited) if t not in own}

    def _window(self, text: str, lang: str, programs: list[str], u: Understanding, best: float,
                weekday: bool = False) -> Computed | None:
        """The calendar entry (a window, a deadline or an opening) a question names, as its state on the
        question's day (or, with ``weekday``, its own days with their weekdays: "最后一天是星期几"); None when
        no entry scores close to the best text."""
        from domain.answers.compute import deadline_days, window_state
        from domain.calendar import load_calendar

        idx = self.indexes[lang]
        entries = idx.deadlines
        # the named programme's entries; a programme with none of its own (社保卡即时参保 follows the
        # member protection's schedule) is compared with them all
        allowed = {i for i in entries if idx.docs[i].program in programs} or entries
        scored = idx.index.score(text, allowed=allowed, limit=3)
        if not scored:
            return None
        i, score = scored[0]
        deadline = next((d for d in load_calendar().deadlines if f"calendar:{d.id}" == idx.docs[i].id), None)
        if deadline is None:
            return None
        if score * PRIOR["calendar"] < max(self.threshold, best * self.window_ratio) and not _same_event(
                text, deadline.text("title", "zh") + " " + deadline.text("title", "en")):
            return None
        out = deadline_days(deadline) if weekday else window_state(u, deadline)
        out.params["doc"] = idx.docs[i].id  # shown as the answer itself, not again under it
        return out

    def _prefer_kind(self, ranked: list[tuple[Doc, float]], kinds: list[dict]) -> list[tuple[Doc, float]]:
        """Among close candidates, the one that holds the kind of value asked for comes first (an
        account number for "哪个账户", a figure for "多少", a date for "哪天")."""
        top = ranked[0][0] if ranked else None
        if not kinds or not ranked or (holds_kinds(top.body, kinds) and not (
                _doc_silent(top) and any(k["kind"] in FIGURE_KINDS for k in kinds))):
            # (a text saying the manuals are silent on a figure holds figures only of something else:
            # "the manual does not say how long the review takes (1 working day for the code's)")
            return ranked
        best = ranked[0][1]
        for i, (doc, score) in enumerate(ranked[1:], 1):
            if score < best * self.kind_ratio:
                break
            if holds_kinds(doc.body, kinds) and not _doc_silent(doc):
                return [(doc, best), *ranked[:i], *ranked[i + 1:]]
        return ranked

    def _lead(self, ranked: list[tuple[Doc, float]], floor: float = 0.0) -> str | None:
        """The programme a ranking clearly leads to: its best text's, when it scores ``floor`` at least and no
        close text is another programme's."""
        if not ranked or ranked[0][0].program == "general" or ranked[0][1] < floor:
            return None
        top, best = ranked[0]
        if any(not _near(d.program, top.program) for d, score in ranked[1:6] if score >= best * self.part_ratio):
            return None
        return top.program

    def _parts(self, text: str) -> list[str]:
        # (a question asked of several programmes listed together is asked of each: one part per programme)
        parts = [q for p in message_parts(text) for q in program_list_parts(p, "zh")]
        return parts[:MAX_PARTS]

    @staticmethod
    def _part_checks(part: str, pu: Understanding, programs: list[str], scoped: bool = True):
        """What the texts found for one part of a message must do to answer it (the same rules as for a
        question alone): not miss a topic outside the manuals, say what is paid when the programme's manual
        never does, hold the asked kind of value (``scoped``: whether the message holds a topic outside the
        manuals at all; a part of a message that holds none holds none either). Returns ``refused(docs) -> bool``."""
        hit = scope_hit(part) if scoped else None
        unpaid = asks_unstated_benefit(part, programs)
        kinds = [k for k in asked_kinds(part) if k.get("refuse", True)]
        who = "who" in pu.intents

        def refused(docs: list[Doc]) -> bool:
            if hit is not None and scope_refuses(hit, "\n".join(_held_text(d) for d in docs), who):
                return True
            body = "\n".join(d.body for d in docs)
            if unpaid and not states_benefit(body):
                return True
            return bool(kinds) and not holds_kinds(body, kinds)

        return refused

    def _several(self, parts: list[str], text: str, lang: str, search_lang: str, today: date, u: Understanding,
                 programs: list[str], sensitive: bool, ranked: list[tuple[Doc, float]], answers: list[Answer]):
        """Several questions in one message: each part gets its own best text, not one already shown for
        another part, read with the message's programme (a part naming no programme is about the first
        part's, except for money and deadlines, where that is only a guess); a short part or one asking
        "那…呢" is read with the first part's subject too; in a message naming no programme, every part prefers
        the texts of the programme the whole message clearly reads closest to. A part the manuals do not answer
        (a topic outside them, the asked kind of value in no text found) is listed as uncovered rather than
        answered with a neighbour; when the first part is such a part, the first part that is answered leads.
        Returns the answers, the ranking left for the related rules, the uncovered parts and the text of
        the part the first answer answers (for the refusal checks)."""
        first_doc, first_score = ranked[0]
        computed = bool(answers) and answers[0].kind == "computed"
        scoped = scope_hit(" ".join(parts)) is not None
        pu0 = understand(parts[0], lang, today)
        if not pu0.intents:
            pu0.intents = set(u.intents)
        # a part naming no programme, in a message naming none, is about the first part's programme (not for
        # money, accounts or deadlines: there the first part's programme is only a guess)
        part_programs = programs or ([first_doc.program] if first_doc.program != "general" and not sensitive else [])
        # the first part asks what the manual is silent on and its best text is about another topic ("经办人信息要填哪些，
        # 在哪里改": the refund form's fields): the notice answers it (a text of the notice's own topic is trusted,
        # "我们区局要设置…各自分担多少钱，在哪个菜单设": how the fee is shared, where it is set)
        first_notice = None if computed else self._part_notice(parts[0], "", programs, search_lang)
        if first_notice is not None and first_doc.topic == first_notice.topic and first_doc.id != first_notice.id:
            first_notice = None
        if first_notice is not None:
            first_doc, first_score = first_notice, max(first_score, self.threshold)
        first_hit = scope_hit(parts[0]) if scoped else None
        if computed:
            first_refused = (first_hit is not None and first_hit.answered is False) or asks_unstated_benefit(parts[0], programs)
        elif first_notice is not None:
            first_refused = False
        else:
            first_refused = first_score < self.threshold or self._part_checks(parts[0], pu0, programs, scoped)([first_doc])
        first_outside = first_refused and first_hit is not None and first_hit.answered is False
        whole = self._prefer_kind(self._rank(text, search_lang, programs, sensitive, u.intents, items=u.items),
                                  [k for k in asked_kinds(parts[0]) if k.get("promote")])
        # a message naming no programme is about one: the programme of the text the whole message reads closest
        # to is each part's preference among its close texts (a preference, never a filter)
        guess = whole[0][0].program if not programs and whole and whole[0][0].program != "general" else None
        if guess and any(not _near(d.program, guess) for d, score in whole[1:6] if score >= whole[0][1] * self.part_ratio):
            guess = None  # only a clear lead over every other programme's texts is a guess
        if guess and not computed and first_notice is None and not _near(first_doc.program, guess):
            first_checks = self._part_checks(parts[0], pu0, programs, scoped)
            alt = next(((d, score) for d, score in ranked[1:6] if score >= first_score * self.part_ratio
                        and d.program == guess and not _doc_silent(d) and not first_checks([d])), None)
            if alt is not None:
                first_doc, first_score = alt
        if not (guess and _near(first_doc.program, guess)) and not programs and not computed \
                and first_doc.program != "general":
            # a first part two programmes answer about as closely ("系统校验查的是啥？", the member card's validation
            # or the retiree plan's) is about the programme the other parts, read alone, clearly lead to ("校验完在哪
            # 继续？": only the retiree plan continues after it); ranked again only in that case
            # (farther, down to ``lead_ratio``, when the whole message too reads closest to that programme: "批次删除
            #在什么状态能用？批次撤回呢？", a batch deletion the retiree plan has too, a revocation only the mutual aid)
            whole_lead = whole[0][0].program if whole and whole[0][0].program not in (first_doc.program, "general") else None
            rivals = [(d, score) for d, score in ranked[1:6]
                      if score >= first_score * (self.lead_ratio if d.program == whole_lead else self.part_ratio)
                      and score >= self.threshold and d.program not in (first_doc.program, "general")
                      and not _doc_silent(d)]
            if rivals:
                leads = set()
                for part in parts[1:]:
                    pu = understand(part, lang, today)
                    own = self._rank(part, search_lang, list(pu.programs), sensitive, pu.intents or u.intents,
                                     items=pu.items or u.items)
                    # (only a part a text answers closely alone: "传之前要先干啥" alone points nowhere)
                    leads.add(self._lead(own, self.part_alone))
                lead = leads.pop() if len(leads) == 1 else None
                first_checks = self._part_checks(parts[0], pu0, programs, scoped)
                alt = next(((d, score) for d, score in rivals if lead and d.program == lead
                            and not first_checks([d])), None)
                if alt is not None:
                    first_doc, first_score = alt
                    if not sensitive:
                        part_programs = [first_doc.program]
        also: list[Doc] = []
        main = answers[0].computed if computed else None
        figures: list[Computed] = []  # the other parts' computed answers (two at most: a message has a length)
        covered: list[tuple[str, Doc, list[tuple[Doc, float]]]] = []  # (part, its text, its ranking)
        uncovered: list[str] = []
        for part in parts[1:]:
            pu = understand(part, lang, today)
            progs = pu.programs or part_programs
            short = len(normalize(part)) <= 8 or (not CJK.search(part) and not pu.programs and len(part.split()) <= 6)
            dependent = pu.followup or short
            if not progs and first_doc.program != "general":
                # money or a deadline in a message naming no programme: the first part's programme is only a
                # guess, so a preference among the part's texts, never a filter
                sub = self._part_ranking(part, parts[0], pu, u, [first_doc.program], False, search_lang, first_doc,
                                         dependent, named=False)
            else:
                sub = self._part_ranking(part, parts[0], pu, u, progs, sensitive, search_lang, first_doc, dependent,
                                         named=bool(programs or pu.programs))
            if first_refused and (dependent or (first_outside and not pu.programs)):
                # "激活了有啥用" after a question outside the manuals: outside them too; so is a part naming no programme
                # of its own after a first part about a topic the manuals never cover ("苏州的工会有没有类似的互助保障，
                # 能不能在这个平台办": Suzhou's scheme on this platform)
                uncovered.append(part)
                continue
            figure = self._part_computed(part, parts[0], pu, u, today, [main, *figures]) if len(figures) < 2 else None
            if figure is not None:
                figures.append(figure)  # "…一共多少钱？什么时候起保？": the part's own figure, from the message's parameters
                continue
            shown = {first_doc.id, *(d.id for d in also)}
            notice = self._part_notice(part, parts[0], progs, search_lang)
            if notice is not None:
                # "…经办人信息在哪改，要填哪些": what the manual is silent on is answered with its notice (who to ask),
                # not with the nearest text about something else (the refund form's fields)
                if notice.id not in shown:
                    also.append(notice)
                    covered.append((part, notice, [(notice, self.threshold), *sub]))
                continue
            if not sub:
                uncovered.append(part)
                continue
            refused = self._part_checks(part, pu, progs, scoped)
            ref = sub[0][1]
            if pu.followup and sub[0][0].id in shown:
                # "那已经成立工会的单位呢？": the first part's question for another case, so another text
                ref = next((score for d, score in sub if d.id not in shown), 0.0)
            # (when another part's answer is also this part's best, the next text may be a little farther: two
            # questions of one message seldom ask the same thing)
            ratio = self.shown_ratio if sub[0][0].id in shown else self.part_ratio
            close = [(d, score) for d, score in sub[:4] if score >= self.threshold and score >= ref * ratio]
            # (a part about money or a deadline, in a message naming no programme and with no clear lead: among its
            # close texts, the first part's programme, "提交到职保中心之后还能改名单吗？钱最晚什么时候打过去？")
            prefer = guess or (first_doc.program if not programs and not pu.programs and first_doc.program != "general"
                               else None)
            if prefer:
                close.sort(key=lambda ds: not _near(ds[0].program, prefer))  # (stable: by score otherwise)
            # the part's best text not shown yet: "…找谁？参保业务又打哪个电话？" gets the second number even when the
            # first part's answer also ranks first for it
            pick = next((d for d, score in close if d.id not in shown and (score >= ref or not _doc_silent(d))
                         and not refused([d])), None)
            if pick is not None:
                also.append(pick)
                covered.append((part, pick, sub))
            elif not any(d.id in shown and not refused([d]) for d, _ in close):
                uncovered.append(part)  # (a text shown for another part that answers this one too is enough)
        if first_notice is not None and not computed:
            # (only a part answered closely: "身份证原件要不要" after "去银行网点办会员卡要带什么" asks more of the
            # silent matter, its nearest text, the expired ID card's, answers nothing; the notice then answers alone)
            lead_at = next((i for i, (_, d, sub) in enumerate(covered) if not _doc_silent(d)
                            and next(score for x, score in sub if x.id == d.id) >= self.notice_lead), None)
            if lead_at is not None:
                # the manual is silent on the first part: the first part it answers leads, the notice under it
                part, lead, sub = covered[lead_at]
                rest = [d for d in [first_notice, *also] if d.id != lead.id]
                answers = [Answer(lead.kind, next(score for d, score in sub if d.id == lead.id), lead.program, lead.source,
                                  doc=lead, also=rest, also_label="parts", also_computed=figures)]
                return answers, [r for r in sub if r[0].id not in {lead.id, *(d.id for d in rest)}], uncovered, part
        if first_refused and covered and not computed:
            # the first part is not answered by the manuals: the first part that is leads
            part, lead, sub = covered[0]
            rest = [d for d in also if d.id != lead.id]
            answers = [Answer(lead.kind, next(score for d, score in sub if d.id == lead.id), lead.program, lead.source,
                              doc=lead, also=rest, also_label="parts" if rest or figures else "", also_computed=figures)]
            return answers, [r for r in sub if r[0].id not in {lead.id, *(d.id for d in rest)}], [parts[0], *uncovered], part
        if not programs and not computed and first_notice is None:
            # a message naming no programme is about one: among the first part's close texts, the one of the
            # programme the other parts' answers are about ("告知书在哪？我提交了两次用哪份")
            named = {d.program for d in also} - {"general"}
            if len(named) == 1 and first_doc.program not in named | {"general"}:
                first_checks = self._part_checks(parts[0], pu0, programs, scoped)
                alt = next(((d, score) for d, score in ranked[1:6] if score >= first_score * self.part_ratio
                            and d.program in named and not _doc_silent(d) and d.id not in {x.id for x in also}
                            and not first_checks([d])), None)
                if alt is not None:
                    first_doc, first_score = alt
        if whole and first_notice is None and whole[0][1] > first_score and whole[0][0].id not in {d.id for d in also} \
                and (_doc_silent(first_doc) or not _doc_silent(whole[0][0])):
            # a text answering the whole message scores above the first part's own (not one shown for another part;
            # a text saying the manuals are silent does not replace an answer)
            first_doc, first_score = whole[0]
        if computed:
            # the figure answers one part; the other parts' answers are shown under it too
            shown = [first_doc] if first_doc not in also and not _doc_silent(first_doc) else []
            answers[0].also = [*shown, *also][:3]
            answers[0].also_computed = figures
            answers[0].also_label = "parts" if answers[0].also or figures else ""
        answers.append(Answer(first_doc.kind, first_score, first_doc.program, first_doc.source, doc=first_doc,
                              also=also, also_label="parts", also_computed=figures))
        rest = [r for r in whole if r[0].id != first_doc.id] if whole else ranked[1:]
        return answers, rest, uncovered, parts[0]

    def _part_notice(self, part: str, first: str, programs: list[str], lang: str) -> Doc | None:
        """The notice of silence answering a later part of a message: the manual of the programme asked about
        is silent on what the part asks, read with the first part's subject ("要填哪些" after "经办人信息在哪改":
        the clerk form's fields, an image in [004]); None when it states it, or the part asks no such aspect."""
        cells = asked_cells(part, programs, subject=first, own_unless=True)
        notice_id = silent_notice(cells)
        return self.indexes[lang].by_id.get(notice_id) if notice_id else None

    @staticmethod
    def _part_computed(part: str, first: str, pu: Understanding, u: Understanding, today: date,
                       shown: list[Computed | None]) -> Computed | None:
        """A later part's own computed answer ("…10个人A0B0C0一共多少钱？哪天起保？", "…C3一个人多少钱，20个人呢"):
        the part's question with the message's parameters where it gives none of its own; None when it asks
        nothing a calculator or the calendar answers, or only the figure already shown."""
        from dataclasses import replace

        intents = set(pu.intents) or (set(u.intents) if pu.followup else set())
        if not intents:
            return None
        # (a follow-up part, "20个人呢", asks the first part's question again: with its words)
        read = replace(u, text=f"{part} {first}" if pu.followup else part, intents=intents, programs=pu.programs or u.programs,
                       items=pu.items or u.items, types=pu.types or u.types,
                       people=pu.people if pu.people is not None else u.people,
                       groups=pu.groups if pu.people is not None else u.groups,
                       amount=pu.amount if pu.amount is not None else u.amount, followup=False)
        if pu.day is not None or pu.month is not None:
            read.day, read.month, read.month_year = pu.day, pu.month, pu.month_year
        figure = compute(read, today)
        if figure is None or figure.error is not None:
            return None
        if any(c is not None and c.kind == figure.kind and c.params.get("people") == figure.params.get("people")
               for c in shown):
            return None  # the same figure again
        return figure

    def _part_ranking(self, part: str, first: str, pu: Understanding, u: Understanding, programs: list[str],
                      sensitive: bool, search_lang: str, first_doc: Doc, dependent: bool,
                      named: bool = True) -> list[tuple[Doc, float]]:
        """One later part's ranking: alone, or, for a part that depends on the first ("…意外伤害呢？", "审核几天？",
        "what should they do instead?"), with the first part's subject too, unless it is a question of its own
        that a text of the same programme answers closely ("改完以后点什么")."""
        sens = bool(pu.intents & SENSITIVE) or sensitive
        alone = self._rank(part, search_lang, programs, sens, pu.intents or u.intents, items=pu.items or u.items)
        if dependent:
            merged = self._rank(f"{part} {first}", search_lang, programs, bool((pu.intents | u.intents) & SENSITIVE)
                                or sensitive, pu.intents | u.intents, items=pu.items or u.items)
            if named:
                # another programme's text only counts when the message names none (then the first part's programme
                # is itself a guess): read alone, the part's own words still pick among the programme's texts
                # ("交了以后是谁来审" after the card batch's revocation: who reviews it, not where it is)
                alone = [(d, score) for d, score in alone if d.program in (first_doc.program, "general")]
            if not alone or alone[0][0].id == first_doc.id:
                sub = merged
            elif alone[0][1] < self.part_alone:
                # no text answers the part closely alone: read with the first part, what it asks itself still
                # counts ("会员标签随便写吗" after "导入会员模板哪些必填": the data sheet, not the template again)
                sub = _combined(merged, alone)
            else:
                # both readings count: "审核几天？" after "要申请参保编码吗" is the code's review, not any review
                sub = _combined(alone, merged)
        elif not alone or alone[0][1] < self.part_own:
            # a question of its own that no text answers closely ("信息都对的话点什么" after "单位信息维护要填哪些"):
            # it is asked about the first part's subject, so that reading counts too
            merged = self._rank(f"{part} {first}", search_lang, programs, sens, pu.intents or u.intents,
                                items=pu.items or u.items)
            sub = _combined(alone, merged) if alone else merged
        else:
            sub = alone
        return self._prefer_kind(sub, [k for k in asked_kinds(part) if k.get("promote")])

    # -- the question ------------------------------------------------------------------------------
    def answer(self, query: str, lang: str = "zh", k: int = 3, context: Context | None = None,
               today: date | None = None, now: float | None = None) -> Outcome:
        from domain.clock import today as shanghai_today

        today = today or shanghai_today()
        now = _time.time() if now is None else now
        if lang not in self.indexes:
            lang = "zh"
        search_lang = lang  # English facts carry the platform's Chinese labels too
        query_read = fix_typos(query)
        u = understand(query_read, lang, today)
        if context and context.fresh(now):
            following = self._next_step(query_read, lang, context, now, u)
            if following is not None:
                return following
        text = plain_words(query_read)  # ranked with colloquial words in their plain form (啥 → 什么)
        tail = ""  # a follow-up: the previous question, read with this one
        weights = None  # a follow-up's words count fully, the previous question's only ``context_weight``
        programs = list(u.programs)
        opens = normalize(query_read).strip().startswith(
            tuple(normalize(w) for w in ("and ", *vocabulary()["followup"].get("en", ()), *vocabulary()["followup"].get("zh", ()))))
        if context and context.fresh(now) and context.program and (u.followup or opens):
            # "And members with no member card…?" after a question about the member card channel of the
            # protection: the card named again is still that channel (``program_moves``: the card [003] carries
            # no protection), not the card application
            for move in vocabulary().get("program_moves", []):
                if move["from"] in programs and context.program == move["to"]:
                    programs = list(dict.fromkeys(move["to"] if p == move["from"] else p for p in programs))
        previous_query = context.query if context else ""
        swap = _contrast(query_read, context.query) if context and context.fresh(now) and (u.followup or opens) else None
        if swap is not None:
            # "那退休的呢？" after a question about in-service workers: that question of retired people ("退休的" is the
            # person here, not the retiree plan)
            previous_query, subject = swap
            bare = strip_words(normalize(query_read), subject)
            if context.program and programs and not detect_programs(bare, lang, strong_only=True):
                programs = []
        if context and context.fresh(now) and context.program and programs \
                and not detect_programs(query_read, lang, strong_only=True):
            # "And what's the bank?", "which bank account do we pay it into?" after a question about a
            # programme: a word every programme uses (bank, account) does not switch it
            programs = []
        if context and context.fresh(now) and (u.followup or not programs):
            previous = understand(context.query, lang, today)
            if u.followup or (not programs and (len(normalize(query)) <= 16 or _points_back(query))):
                # a follow-up that is a question of its own ("And what period does the 2023 protection cover?") is
                # read alone, with the previous question's programme; an elliptical one ("那集中参保的呢？") or one of
                # several parts with the previous question's words
                # (a pronoun points back to it: "where do I see why it was?" is read with it)
                if not (u.intents and len(normalize(query)) > 16 and len(self._parts(query_read)) == 1) \
                        or _points_back(query):
                    tail = previous_query if not programs else _without_programs(previous_query, lang)
                    text = f"{query} {tail}"
                    weights = self._context_weights(query, tail, search_lang)
                u.intents |= previous.intents
                if not u.items:
                    u.items = previous.items
                elif previous.items and ADDS.search(normalize(query_read)):
                    # "再每人加一个A1呢", "and if we add C3?": the items asked before, and these too
                    u.items = list(dict.fromkeys([*previous.items, *u.items]))
                _inherit_parameters(u, previous)
            if not programs and context.program:
                programs = [context.program]
        u.programs = programs
        # a question for an amount, a benefit or an account is never answered with another programme's, even
        # when it is worded outside the intent words ("住院一天补贴多少")
        sensitive = bool(u.intents & SENSITIVE) or any(k["kind"] in SENSITIVE_ASKS for k in asked_kinds(u.text))
        answers: list[Answer] = []

        computed = compute(u, today)
        if computed is not None:
            answers.append(Answer("computed", 1.0, computed.program, computed.source, computed=computed))

        # the parts of this message (a follow-up's first part is read with the previous question)
        parts = self._parts(query_read)
        if len(parts) > 1 and tail:
            parts[0] = f"{parts[0]} {tail}"
        elif tail:
            parts = [text]
        # several parts: the first is ranked for what it asks itself (the message's other intents are the other parts')
        first_intents = (detect_intents(parts[0]) or u.intents) if len(parts) > 1 else u.intents
        # (a first part naming some of the message's programmes itself is about those: "互助保障…？退休住院计划呢？")
        own = [p for p in detect_programs(parts[0], lang, strong_only=True) if p != "general"] if len(parts) > 1 else []
        first_programs = own if own and set(own) <= set(programs) and len(own) < len(programs) else programs
        ranked = self._rank(parts[0] if len(parts) > 1 else text, search_lang, first_programs, sensitive, first_intents,
                            items=u.items, weights=weights)
        if tail and context.answered and ranked:
            # "要是上级不同意呢？" after "撤销审核通过后怎么办": the text already shown yields to a close one that holds
            # more of what the follow-up itself says
            ranked = self._novel(ranked, query_read, context, search_lang)
        if computed is None and u.day is not None and ranked and asks_open(query_read):
            # "今天12月20号，现在能提交吗？": the calendar entry asked about, against that day
            window = self._window(parts[0] if len(parts) > 1 else text, search_lang, programs, u, ranked[0][1])
            if window is not None:
                answers.insert(0, Answer("computed", 1.0, window.program, window.source, computed=window))
        elif computed is None and ranked and asks_weekday(query_read):
            # "退休住院计划集中参保最后一天是星期几？": the calendar entry's days, each with its weekday
            days = self._window(parts[0] if len(parts) > 1 else text, search_lang, programs, u, ranked[0][1],
                                weekday=True)
            if days is not None:
                answers.insert(0, Answer("computed", 1.0, days.program, days.source, computed=days))
        if answers and _silent(answers[0]) and u.types and ranked:
            # no official price to compute with, but a close text of the manual's worked examples gives this
            # type a figure (never the figure of another type: "A类 26 元" does not answer A+)
            best = ranked[0][1]
            priced = [(d, s) for d, s in ranked[:6] if s >= max(self.threshold, best * self.kind_ratio)
                      and not _doc_silent(d) and d.program == answers[0].program and _prices_types(d.body, u.types)]
            if priced:
                answers = []
                ranked = [(priced[0][0], best), *[r for r in ranked if r[0].id != priced[0][0].id]]
        ranked = self._prefer_kind(ranked, [k for k in asked_kinds(parts[0] if len(parts) > 1 else u.text)
                                            if k.get("promote")])
        # what the manual of the programme asked about says of what is asked (manual_matrix.yaml); a follow-up
        # asks it of the previous question's subject ("审核要几天" after a unit-name mismatch: that change's review)
        # (a follow-up telling what happened next, "要是被退回了呢", asks what to do then, not the previous aspect again)
        cells = asked_cells(parts[0] if len(parts) > 1 else (text if tail and not _what_if(query_read) else query_read),
                            programs)
        notice_id = self._silent_cell(query_read, parts, programs, cells)
        notice_doc = self.indexes[search_lang].by_id.get(notice_id) if notice_id else None
        if notice_doc is not None and (computed is None or notice_replaces(asked_cells(query_read, programs),
                                                                           computed.kind)):
            # the manual says nothing of this (a card's processing time, a refund when someone leaves…): its
            # notice with who to ask, rather than the nearest text about something else (a calendar entry's
            # state tells when a deadline is, not what happens once it is missed)
            score = next((s for d, s in ranked if d.id == notice_doc.id), self.threshold)
            notice = Answer(notice_doc.kind, score, notice_doc.program, notice_doc.source, doc=notice_doc)
            suggestions = [d for d, _ in ranked if d.id != notice_doc.id and not _doc_silent(d)][:2]
            context_out = Context(programs[0] if programs else None, text if u.followup else query, now)
            return Outcome(query, lang, [], True, suggestions, context_out, u, notice=notice, reason="silent",
                           candidates=[notice], contacts=refusal_contacts(programs or [notice_doc.program]))
        if tail and ranked and _what_if(query_read):
            # what to do once something happened: a text saying the manual is silent on the previous question's
            # matter (how long the review takes) is not the answer to what happens after a rejection
            ranked = [r for r in ranked if not _doc_silent(r[0])] + [r for r in ranked if _doc_silent(r[0])]
        if ranked and _doc_silent(ranked[0][0]) and (states_aspect(cells) or notice_not_asked(ranked[0][0].id, query_read, tail)
                                                     or (not cells and self._stated_close(ranked)
                                                         and notice_unasked(ranked[0][0].id, query_read, tail))):
            # the manual states what is asked ("who can I phone" about the card: [001]'s contacts), or the question
            # says it asks another matter than the silence ranked first (an ``unless`` of its aspects): a text saying
            # the manual is silent on something else of the programme is not the answer
            ranked = self._prefer_stated(ranked, cells, programs, search_lang,
                                         ruling_out(ranked[0][0].id, query_read, tail))
        uncovered: list[str] = []
        part_asked = None  # several parts: the text of the part the first answer answers
        if len(parts) > 1 and ranked:
            # several questions in one message: one answer per part, in the order asked
            answers, ranked, uncovered, part_asked = self._several(parts, text, lang, search_lang, today, u, programs,
                                                                   sensitive, ranked, answers)
            # (as the person wrote them; a follow-up's first part without the previous question read with it)
            uncovered = [_as_written(p[: len(p) - len(tail)].strip() if tail and p.endswith(tail) else p, query)
                         for p in uncovered]
        elif ranked and not programs and (sensitive or self._shared(ranked)):
            # no programme named, and the answer is a figure, or the programmes answer the same question each
            # their own way ("原因在哪看", "票据抬头填错了怎么办"): every programme that answers alike, side by side
            best_doc, best_score = ranked[0]
            others = self._shared(ranked) if not sensitive else []
            for doc, score in ranked[1:] if sensitive else ():
                if score < best_score * self.margin:
                    break
                if doc.program not in (best_doc.program, "general") and all(o.program != doc.program for o in others):
                    others.append(doc)
            answers.append(Answer(best_doc.kind, best_score, best_doc.program, best_doc.source, doc=best_doc,
                                  also=others[:2], also_label="programs" if others else ""))
            ranked = ranked[1:]
        for doc, score in ranked:
            if len(answers) >= k:
                break
            if any(a.doc is not None and a.doc.id == doc.id for a in answers):
                continue
            answers.append(Answer(doc.kind, score, doc.program, doc.source, doc=doc))
        if len(parts) == 1 and answers and answers[0].kind != "computed" and asks_first_step(query_read):
            # "从哪里开始", "where does the clerk start": the first step of the guide of the process asked about
            first_step = self._first_step(query_read, search_lang, answers[0].score, programs)
            if first_step is not None:
                answers = [first_step, *(a for a in answers if a.doc is None or a.doc.id != first_step.doc.id)]
        if answers and (answers[0].also_label != "programs" or not sensitive) and ranked:
            # the rules next to the answer: closely scoring facts of the same programme, shown under it
            first = answers[0]
            shown = first.computed.params.get("doc") if first.computed is not None else None
            rest = [r for r in ranked if r[0].id != shown] or ranked
            # under a computed answer: the best texts (of a window, those other than its calendar entry)
            best_score = first.score if first.kind != "computed" else rest[0][1] / self.related
            section = first.doc.section if first.doc is not None else ""
            related = [doc for doc, score in ranked
                       if doc.kind in RELATED_KINDS and doc.program in (first.program, "general") and not _doc_silent(doc)
                       # (a hair below: under a computed answer the floor is the best text's own score, divided
                       # and multiplied back, which rounding may put just above it)
                       and (score >= best_score * self.related * (1 - 1e-9)
                            or (section and doc.section == section and score >= best_score * self.section_ratio))
                       and (first.doc is None or (doc.id != first.doc.id and doc.body != first.doc.body)) and doc.id != shown
                       and doc not in first.also][: self.related_max - len(first.also) // 2]
            if first.computed is not None and first.computed.kind == "member_basic_fee" and u.types:
                # the manual's own example for the type goes first under the figure (it may differ:
                # [001] gives A+ as 76 in one screenshot and 60 in another)
                example = next((d for d, _ in ranked[:8] if d.program in (first.program, "ss_card")
                                and not _doc_silent(d) and _prices_types(d.body, u.types)), None)
                if example is not None:
                    related = [example, *[d for d in related if d.id != example.id]][: self.related_max]
            first.related = related
        new_context = Context(programs[0] if programs else (answers[0].program if answers and
                              answers[0].program != "general" else None), text if u.followup else query, now,
                              answers[0].id if answers else "")
        confident = bool(answers) and (answers[0].kind == "computed" or answers[0].score >= self.threshold)
        if confident and _silent(answers[0]):
            # the manuals' silence on this is itself the answer (with who to ask), even for a topic out of scope
            suggestions = [a.doc for a in answers[1:] if a.doc is not None][:2]
            return Outcome(query, lang, [], True, suggestions, new_context, u, notice=answers[0], reason="silent",
                           candidates=answers, contacts=refusal_contacts(programs))
        # several parts: the refusal is about the part the first answer answers (the others are answered
        # under it or said to be uncovered)
        asked = part_asked if part_asked is not None else query
        hit = scope_hit(asked)
        if hit is not None and hit.answered is True:
            # a word of another topic that asks for what the manual states of this programme ("寄给" of a card:
            # how it reaches the member, [003]) is not another topic; a longer word of the other topic holding the
            # stated one ("医保个人账户" holds 账户, the programme's account) still is
            asked_here = asked_cells(query_read, programs)
            covered = stated_words(query_read, asked_here)
            if covered and all(any(normalize(w) in normalize(c) for c in covered) for w in hit.words):
                hit = None
            elif not hit.procedure and _told_before_asked(query_read, hit.words, asked_here):
                # what happened, told first ("出车祸住院了，"), then a question for what the manual states in so many
                # words ("A1有没有免责期": the waiting period): the other topic's word is not what is asked
                hit = None
        unpaid = asks_unstated_benefit(asked, programs)
        if confident and answers[0].kind != "computed" and not programs and answers[0].score < self.unknown_below \
                and not _matches(reading(u.text), vocabulary().get("topic_words", [])) \
                and unknown_share(self.indexes[search_lang].index, u.text) >= self.unknown_share:
            # no programme named, most of its words unknown to every manual, and only a weak match: another topic
            confident, unknown = False, True
        else:
            unknown = False
        if not confident:
            reason = "scope" if hit is not None or unpaid else ("unknown" if unknown else "confidence")
        else:
            if hit is not None and hit.answered is True and not hit.procedure and answers[0].doc is not None \
                    and scope_refuses(hit, _held_text(answers[0].doc), "who" in u.intents):
                # a close candidate holding the very word asked about answers instead ("优惠10元是每个人还是每个单位":
                # the bundle discount's text, not the fee table; not for a procedure asked how: "怎么申请理赔")
                floor = answers[0].score * self.kind_ratio
                alt = next((a for a in answers[1:] if a.doc is not None and a.score >= floor and not _doc_silent(a.doc)
                            and not scope_refuses(hit, _held_text(a.doc), "who" in u.intents)), None)
                if alt is not None:
                    answers = [alt, *(a for a in answers if a is not alt)]
            reason = self._refusal(answers[0], u, query, parts, hit, unpaid, part_asked, today)
            if reason == "year":
                # a close candidate of the very year asked answers instead ("the 2023 protection": the text of 2023)
                floor = max(self.threshold, answers[0].score * self.kind_ratio)
                asked = set(_YEAR.findall(u.text))
                for alt in answers[1:]:
                    if alt.doc is not None and alt.score >= floor and not _doc_silent(alt.doc) \
                            and _YEAR.findall(alt.doc.body)[:1] == sorted(asked)[:1] and len(asked) == 1 \
                            and not self._refusal(alt, u, query, parts, hit, unpaid, part_asked, today):
                        answers = [alt, *(a for a in answers if a is not alt)]
                        reason = ""
                        break
        if reason:
            suggestions = [a.doc for a in answers if a.doc is not None][:2]
            notice = next((a for a in answers if unpaid and a.doc is not None and _doc_silent(a.doc)
                           and a.doc.topic == "benefit" and a.doc.program in programs), None)
            return Outcome(query, lang, [], True, suggestions, new_context, u, notice=notice, reason=reason,
                           candidates=answers, contacts=refusal_contacts(programs))
        if uncovered:
            answers[0].uncovered = uncovered
        return Outcome(query, lang, answers[:k], False, [], new_context, u, candidates=answers)

    # -- a guide's steps in order ------------------------------------------------------------------
    def _guide_steps(self, lang: str, gid: str) -> list[Doc]:
        """The steps of guide ``gid``, in order."""
        return sorted((d for d in self.indexes[lang].docs if d.kind == "guide" and d.topic == "where"
                       and d.extra.get("guide") == gid), key=lambda d: d.extra.get("step", 0))

    def _guide_step(self, lang: str, gid: str, number: int) -> Doc | None:
        """Step ``number`` (from 1) of guide ``gid`` as an answer document, marked with its place in the guide;
        one past the last: the guide's end (what its last step says to check or wait for)."""
        steps = self._guide_steps(lang, gid)
        if not steps or number < 1:
            return None
        if number <= len(steps):
            doc = steps[number - 1]
            return replace(doc, extra={**doc.extra, "of": len(steps)})
        last = steps[-1]
        check = next((line[len("✔️ "):] for line in last.body.splitlines() if line.startswith("✔️ ")), "")
        return Doc(f"guide:{gid}:end", "guide", lang, last.program, "where", last.section, check, (), last.source,
                   last.section, {"guide": gid, "step": len(steps) + 1, "of": len(steps), "end": True})

    def _first_step(self, query: str, lang: str, best: float, programs: list[str]) -> Answer | None:
        """The first step of the guide whose step (or a step's error) ranks closest to the process asked about
        (ranked without the words asking where to start: "开始", "start" are no part of the process)."""
        ranked = self._rank(without_step_words(query), lang, programs, False, limit=30)
        if not ranked:
            return None
        floor = max(self.threshold, ranked[0][1] * self.step_ratio)
        for doc, score in ranked:
            if score < floor:
                break
            if doc.kind != "guide" or not doc.extra.get("guide") or (programs and doc.program not in programs):
                continue
            first = self._guide_step(doc.lang, doc.extra["guide"], 1)
            if first is not None:
                return Answer(first.kind, max(score, best), first.program, first.source, doc=first)
        return None

    def _next_step(self, query: str, lang: str, context: Context, now: float, u: Understanding) -> Outcome | None:
        """"下一步呢", "and then?" right after an answer that was a step of a guide: its following step."""
        m = GUIDE_ID.fullmatch(context.answered or "")
        if m is None or not asks_next_step(query, lang) or u.programs:
            return None
        if (u.intents - {"where"}) or asked_kinds(query):
            # "接下来要等多久", "然后钱打到哪个账户": a question of its own (where the next button is, the step says)
            return None
        current = self.indexes[lang].by_id.get(f"guide:{m['guide']}:{m['step']}")
        number = current.extra.get("step", 0) if current is not None else 0
        if m["step"] == "end":
            number = len(self._guide_steps(lang, m["guide"]))
        doc = self._guide_step(lang, m["guide"], number + 1) if number else None
        if doc is None:
            return None
        answer = Answer(doc.kind, 1.0, doc.program, doc.source, doc=doc)
        new_context = Context(context.program or (doc.program if doc.program != "general" else None), context.query,
                              now, doc.id)
        return Outcome(query, lang, [answer], False, [], new_context, u, candidates=[answer])

    @staticmethod
    def _silent_cell(query: str, parts: list[str], programs: list[str], cells) -> str | None:
        """The notice to answer with when the manual of the programme asked about is silent on what each
        part of the message asks (a later part read with the first, as a short part is)."""
        if len(parts) <= 1:
            return silent_notice(cells)
        whole = silent_notice(asked_cells(query, programs))
        if whole is None:
            return None
        for i, part in enumerate(parts):
            # a later part asks of the first part's subject ("…business hall, and is it open on Saturdays?")
            part_cells = asked_cells(part, programs, subject=parts[0] if i else "")
            if states_aspect(part_cells) or (not part_cells and (detect_intents(part) or asked_kinds(part)
                                                                  or _asks_what(part))):
                # a part the manual answers, or one asking something else ("办卡要带什么材料"): answered as usual
                # ("Our worker resigned in March", a fragment "Can the union member service card", ask nothing)
                return None
        return whole

    def _stated_close(self, ranked: list[tuple[Doc, float]]) -> bool:
        """Whether a text that is not a notice of silence, of the notice's own programme, scores within
        ``unasked_ratio`` of the notice ranked first."""
        notice, best = ranked[0]
        return any(not _doc_silent(d) and d.program == notice.program and s >= best * self.unasked_ratio
                   for d, s in ranked[1:6])

    def _prefer_stated(self, ranked: list[tuple[Doc, float]], cells, programs: list[str], lang: str = "zh",
                       ruling: list[str] = ()) -> list[tuple[Doc, float]]:
        """The best text that is not a notice of silence, a text of the topic of the stated aspect first
        (``topics`` in manual_matrix.yaml), or else one holding the words that rule the notice out (``ruling``:
        "删掉", the roster's removal, read as the index reads it: 删除), when one scores above the threshold."""
        from domain.answers.refusal import aspect_topics

        topics = aspect_topics([c for c in cells if c.kind == "stated"])
        allowed = {*programs, "general"} if programs else None
        fits = [(d, s) for d, s in ranked if not _doc_silent(d) and s >= self.threshold
                and (allowed is None or d.program in allowed)]
        pick = next(((d, s) for d, s in fits if d.topic in topics), None)
        if pick is None and ruling:
            index = self.indexes[lang].index
            words = {t for w in ruling for t in index.terms(w)}
            pick = next(((d, s) for d, s in fits if words & set(index.terms(f"{d.title} {d.body}"))), None)
        pick = pick or (fits[0] if fits else None)
        if pick is None:
            return ranked
        return [(pick[0], ranked[0][1]), *[r for r in ranked if r[0].id != pick[0].id]]

    @staticmethod
    def _refusal(answer: Answer, u: Understanding, query: str, parts: list[str], hit, unpaid: bool,
                 part: str | None = None, today: date | None = None) -> str:
        """Why this answer must not be shown ("" if it may): a topic outside the manuals, what a programme
        pays when its manual never says, the asked kind of value missing, another year's dates."""
        if answer.kind == "computed":
            # a figure computed from the question's parameters answers it, unless the question is about
            # something else altogether ("does type A pay for outpatient visits": not its premium)
            # (a day against the cover's waiting period is answered even where the manual gives no benefit terms)
            event = answer.computed.params.get("event") is not None
            # a calendar entry's state on the question's day ("今天6月30号，晚上加班弄退休住院计划集中参保，八点钟还来得及吗")
            # answers whether the named programme's step can still be done; a word of another topic there
            # ("加班") is the asker's circumstance
            window = answer.computed.kind == "window_state" and bool(u.programs)
            # what the unit pays, computed ("失败了5个，单位要补多少"), is not a benefit the manual leaves unstated
            paid = answer.computed.kind in PAYMENT_KINDS
            return "scope" if (hit is not None and hit.answered is False and not window) or (
                unpaid and not event and not paid) else ""
        if hit is not None and scope_refuses(hit, _held_text(answer.doc), "who" in u.intents):
            return "scope"
        if unpaid and not states_benefit(answer.doc.body):
            return "scope"
        # the question asks for a kind of thing (a duration, an amount, a count…): the answer must hold one
        if not _answers_kind(part if part is not None else (u.text if not u.followup else query), answer,
                             several=len(parts) > 1):
            return "aspect"
        if not _same_year(u.text, answer, today):
            return "year"
        return ""

    def doc(self, doc_id: str, lang: str = "zh") -> Doc | None:
        idx = self.indexes.get(lang) or self.indexes["zh"]
        return idx.by_id.get(doc_id)

    def by_key(self, key: str, lang: str = "zh") -> Doc | None:
        """A document from the short key that fits in a button (``doc_key``)."""
        idx = self.indexes.get(lang) or self.indexes["zh"]
        return idx.by_key.get(key)

    def entries(self, program: str, lang: str = "zh") -> list[Doc]:
        """The curated entries of one programme, for browsing (/faq)."""
        idx = self.indexes.get(lang) or self.indexes["zh"]
        return [d for d in idx.docs if d.kind == "entry" and d.program == program]


_CLAUSE = re.compile(r"[，,；;。.!！]\s*")


def _told_before_asked(query: str, words, cells) -> bool:
    """Whether the words of another topic are only in what the question tells before it asks (its clauses
    but the last) and its last clause asks, by a phrase of its own, for an aspect the manual states."""
    clauses = [c for c in _CLAUSE.split(normalize(query)) if c.strip()]
    if len(clauses) < 2:
        return False
    last = clauses[-1]
    told = " ".join(clauses[:-1])
    return all(normalize(w) in told and normalize(w) not in last for w in words) and bool(stated_phrases(last, cells))


def _as_written(part: str, query: str) -> str:
    """A part of the message as the person wrote it (parts are read from the normalised text)."""
    at = query.lower().find(part.lower())
    return query[at:at + len(part)] if at >= 0 else part


# (not the digit of an item code: "只要B0和C1呢" gives no headcount)
_BARE_NUMBER = re.compile(r"(?<![\d.a-z])(\d{1,5})(?![\d.])")
# a follow-up that adds items to those asked before rather than naming new ones
ADDS = re.compile(r"再加|加上|加一个|加个|每人加|都加|另加|追加|\badd(?:ing|ed)?\b|\bplus\b|\balso\b|\btoo\b")


def _inherit_parameters(u: Understanding, previous: Understanding) -> None:
    """A follow-up ("那50个人呢？", "And for 6?", "那要是明年3月1号开始呢") asks the previous question again with
    what it changes: the parameters it does not give are the previous question's, and the previous
    question's words count for what is computed (its 多少钱, its 集中参保)."""
    if not (previous.items or previous.types or previous.people or previous.day or previous.month):
        return
    if u.people is None and previous.people is not None and not (u.day or u.month or u.amount):
        m = _BARE_NUMBER.search(normalize(u.text))  # "And for 50?": a bare number is the new headcount
        u.people = int(m[1]) if m else previous.people
    u.types = u.types or previous.types
    if u.day is None and u.month is None:
        u.day, u.month, u.month_year = previous.day, previous.month, previous.month_year
    if u.people is None:
        u.people, u.groups = previous.people, previous.groups
        u.zhibao = u.zhibao or previous.zhibao  # (a new headcount replaces the previous split too)
    if u.amount is None:
        u.amount = previous.amount
    u.text = f"{u.text} {previous.text}"


def _combined(alone: list[tuple[Doc, float]], merged: list[tuple[Doc, float]]) -> list[tuple[Doc, float]]:
    """Two rankings of one part (read alone, and with the first part) as one: each text by the geometric
    mean of its shares of either ranking's best (a text only one reading finds counts little), on the
    scale of the alone reading."""
    best_a, best_m = alone[0][1], (merged[0][1] if merged else 1.0)
    docs = {d.id: d for d, _ in [*alone, *merged]}
    a = {d.id: s / best_a for d, s in alone}
    m = {d.id: s / best_m for d, s in merged}
    out = [(docs[i], best_a * (max(a.get(i, 0.0), 0.1) * max(m.get(i, 0.0), 0.1)) ** 0.5) for i in docs]
    out.sort(key=lambda kv: kv[1], reverse=True)
    return out


# computed answers of what the unit pays after the entrusted deduction: never a benefit (a premium computed for a
# question about what a protection pays out is, "does type A pay for outpatient visits, and how much")
PAYMENT_KINDS = frozenset({"retiree_deduction", "deduction_unknown", "deduction_failed"})


# a guide step's document id (an error of a step counts as that step): guide:<guide>:<step>[:e<n>]
GUIDE_ID = re.compile(r"guide:(?P<guide>[a-z_]+):(?P<step>[a-z0-9_]+)(?::e\d+)?")


def asks_first_step(text: str) -> bool:
    """"从哪里开始", "第一步做什么", "where does the clerk start": the first step of a process."""
    words = vocabulary().get("steps", {}).get("first", {})
    norm = reading(text, colloquial=True)
    return bool(_matches(norm, [*words.get("zh", ()), *words.get("en", ())])
                or any(re.search(p, norm) for p in words.get("patterns", ())))


def without_step_words(text: str) -> str:
    """The question without its words asking where a process starts (what is left names the process)."""
    words = vocabulary().get("steps", {}).get("first", {})
    norm = normalize(text).replace("-", " ")
    for p in words.get("patterns", ()):
        norm = re.sub(p, " ", norm)
    norm = strip_words(norm, (*words.get("zh", ()), *words.get("en", ())))
    return re.sub(r"\s+", " ", norm).strip() or text


def asks_next_step(text: str, lang: str) -> bool:
    """"下一步呢", "然后呢", "what next?": short, and asking for what follows (not a question of its own)."""
    steps = vocabulary().get("steps", {})
    words = steps.get("next", {})
    norm = reading(text, colloquial=True)
    if not _matches(norm, [*words.get("zh", ()), *words.get("en", ())]):
        return False
    limits = steps.get("next_max", {})
    plain = re.sub(r"[\s\W_]+", " ", reading(text, colloquial=False)).strip()
    if CJK.search(plain):
        return len(plain.replace(" ", "")) <= int(limits.get("zh", 12))
    return len(plain.split()) <= int(limits.get("en", 6))


def _same_event(text: str, title: str) -> bool:
    """Whether a question names the very step a calendar entry is about (``events``: "代扣申请我打算6月5号再交" and
    "提交代扣申请截止"), however many other words it has."""
    norm, title = normalize(text), normalize(title)
    return any(_matches(norm, words) and _matches(title, words) for words in vocabulary().get("events", {}).values())


def asks_open(text: str) -> bool:
    """Whether a question asks if something can still / already be done (``open_words``, ``open_patterns``)."""
    read = reading(text)
    return bool(_matches(read, vocabulary().get("open_words", []))) or any(
        re.search(rx, read) for rx in vocabulary().get("open_patterns", []))


def _near(program: str, guess: str) -> bool:
    """Whether a text of ``program`` fits a message guessed to be about ``guess``: the same programme, the
    platform's, or the other channel of the same protection."""
    return program in (guess, "general") or _siblings(program, {guess})


def asks_weekday(text: str) -> bool:
    """Whether a question asks for a day of the week ("星期几", "周几", "which weekday")."""
    return bool(_matches(reading(text), vocabulary().get("weekday_words", [])))


_POINTER_EN = re.compile(r"\b(?:it|that|this|they|them|those|these|there|he|she|him|her)\b")


def _contrast(query: str, previous: str) -> tuple[str, list[str]] | None:
    """"那退休的呢？" after "互助保障在职职工能参哪些项目？": a follow-up naming one side of a ``contrasts`` group where the
    previous question named another side. Returns the previous question without its side's words and the
    follow-up's words of its side (subjects, not programme names); None when the follow-up swaps no subject."""
    q, p = reading(query, colloquial=False), normalize(previous)
    groups = [[[normalize(str(w)) for w in side] for side in group] for group in vocabulary().get("contrasts", [])]
    subjects = {w for group in groups for side in group for w in side}
    for words in vocabulary()["programs"].values():
        for w in (normalize(str(x)) for x in [*words.get("zh", []), *words.get("en", [])]):
            if w not in subjects and any(c in w for c in subjects):
                q = q.replace(w, " ")  # "退休住院计划" names the plan, not retired people
    for sides in groups:
        named = [i for i, side in enumerate(sides) if _matches(q, side)]
        before = [i for i, side in enumerate(sides) if _matches(p, side)]
        if len(named) == 1 and before and named[0] not in before:
            for i in before:
                p = strip_words(p, _matches(p, sides[i]))
            return p, _matches(q, sides[named[0]])
    return None


# "要是被退回了呢", "如果超过了怎么办", "what if it gets rejected?": a follow-up asking what happens once something has
# happened (a condition, then an event: a verb done, undone or suffered)
WHAT_IF = re.compile(r"^\W*(?:那|那么)?\s*(?:要是|如果|万一|假如|假设|若是|若)(?=.*(?:了|被|不|没|未))"
                     r"|^\W*(?:and\s+|so\s+|but\s+)?(?:what\s+if|what\s+happens\s+if|and\s+if|if)\b", re.I)


def _what_if(text: str) -> bool:
    return bool(WHAT_IF.search(text))


# the words of an introduction that only announce questions ("Mutual aid question:", "Two questions about card
# batches:", "我有两个问题："): not what is asked (a hotline "for business questions" is no answer to them)
META_INTRO = re.compile(r"^[^:：?？\n]{0,60}[:：]")
META_WORDS = re.compile(r"\b(?:quick\s+|short\s+|more\s+)?(?:questions?|ones|things|qs)\b|(?:小)?问题|事情", re.I)


def _without_meta(text: str) -> str:
    m = META_INTRO.match(text)
    if not m or not META_WORDS.search(m.group(0)):
        return text
    return META_WORDS.sub(" ", m.group(0)) + text[m.end():]


def _points_back(text: str) -> bool:
    """A short English question that points back with a pronoun ("where do I fix that?", "who reviews it
    then?"), or one whose first words do: read with the previous question, as a short Chinese one is."""
    norm = normalize(text)
    words = norm.split()
    # (a longer one too when the pronoun opens it: "how much would that be for 10 people for the full year?")
    return norm.isascii() and bool(_POINTER_EN.search(" ".join(words[:8] if len(words) <= 8 else words[:4])))


def _asks_own(text: str) -> bool:
    """Whether a follow-up asks something of its own (an intent, an asked kind or a question word other than
    the 呢 of "那X呢？"), rather than only naming what changed."""
    bare = re.sub(r"呢|what about|how about|and for|same for", " ", normalize(text))
    # (what happened next, "要是被退回了呢", is what changed: it decides)
    return bool(detect_intents(bare) or asked_kinds(bare) or QUESTION_WORD.search(bare) or _what_if(text)
                or re.search(r"\b(?:what|how|when|where|which|who|can|could|will|should)\b", bare))


_WH = re.compile(rf"\b{WH}\b", re.I)  # the wh-words parts.py cuts English questions at


def _asks_what(part: str) -> bool:
    """Whether a part of a message asks a question of its own (a question word: 什么, 哪, what, how…), not
    only tells or names its subject."""
    return bool(QUESTION_WORD.search(part)) if CJK.search(part) else bool(_WH.search(part))


def _siblings(program: str, named: set[str]) -> bool:
    """Whether ``program`` is another channel of a programme named (``sibling_programs``)."""
    return any(program in group and named & set(group) for group in vocabulary().get("sibling_programs", []))


def out_of_scope(query: str) -> bool:
    """A topic outside the manuals (``domain/data/answers/scope.yaml``; Latin words count as whole words:
    "app" is not "application", Chinese ones on word boundaries: "年费" is not in "半年费")."""
    return scope_hit(query) is not None


def _held_text(doc: Doc) -> str:
    """What a document says and the questions it is declared to answer."""
    return "\n".join((doc.title, *doc.asks, doc.body))


def asked_kinds(query: str) -> list[dict]:
    """The kinds of value a question asks for (``asks`` in understand.yaml): a duration, a count… (not in
    what the question quotes from the screen)"""
    norm = reading(unquoted(query))
    out = []
    for kind in vocabulary().get("asks", []):
        text = norm
        for phrase in [*(kind.get("except") or ()), *kind.get("unless", ())]:  # "哪几天" is not "几天"; "几个新员工"
            text = text.replace(normalize(str(phrase)), " ")
        for rx in kind.get("unless_patterns", ()):
            text = re.sub(rx, " ", text)
        # Latin words as whole words ("fine" is not in "the card status is fine"), others as substrings
        if _matches(text, kind["words"]):
            out.append(kind)
    return out


def holds_kinds(text: str, kinds: list[dict]) -> bool:
    return all(re.search(kind["evidence"], text, re.I) for kind in kinds)


def _answers_kind(query: str, answer: Answer, several: bool = False) -> bool:
    """Whether the answer holds the kind of value the question asks for. A one-part question must be
    answered by the answer itself (a neighbour listed under it that holds a duration does not make an
    answer that holds none answer "how long"); a message of several parts by any text shown."""
    kinds = [k for k in asked_kinds(query) if k.get("refuse", True)]
    if not kinds:
        return True
    docs = [answer.doc, *answer.also, *(answer.related if several else [])]
    return holds_kinds("\n".join(d.body for d in docs if d is not None), kinds)


_YEAR = re.compile(r"(?<!\d)(20[1-3]\d)(?!\d)")
# the year after this one, named without its number
_NEXT_YEAR = re.compile(r"明年|下一年|下个年度|下一个年度|\bnext year\b", re.I)


def _same_year(query: str, answer: Answer, today: date | None = None) -> bool:
    """A question about one year's dates is not answered with another year's (the manuals describe
    particular years: "2025年度…时间安排" has no answer when the manual gives 2023's; "明年", "next year" is the
    year after ``today``'s)."""
    asked = set(_YEAR.findall(query))
    if today is not None and _NEXT_YEAR.search(normalize(query)):
        asked.add(str(today.year + 1))
    if not asked or answer.doc is None:
        return True
    if answer.doc.topic not in ("deadline", "window", "coverage") and not (
            detect_intents(query) & {"deadline", "window", "coverage"} or any(k["kind"] == "time" for k in asked_kinds(query))):
        return True
    given = {int(y) for y in _YEAR.findall(answer.doc.body)}
    # a protection year may end in the next calendar year (2025-07-01 … 2026-06-30)
    return not given or any(int(y) in given or int(y) + 1 in given for y in asked)


@lru_cache(maxsize=64)
def _item_rx(item: str) -> re.Pattern:
    return re.compile(rf"(?<![a-z]){item[0]}\s*{item[1]}(?![0-9])|(?<![a-z]){item[0]}[0-3]?\s*[-–、,/和]\s*{item[0]}?{item[1]}(?![0-9])",
                      re.I)


def _names_item(text: str, item: str) -> bool:
    """Whether a text names a mutual-aid item ("A1", "A1、A2、A3", "A1–A3", or its line's name: 特种重病
    for B0–B3, "accidental injury" for C0–C3 — ``eligibility.groups`` in understand.yaml)."""
    if _item_rx(item).search(text):
        return True
    from domain.calc.eligibility import group_of

    names = (vocabulary().get("eligibility", {}).get("groups") or {}).get(group_of(item), [])
    if _matches(normalize(text), names):
        return True
    # a range written with its ends: "A1–A3" names A2
    return any(int(a) <= int(item[1]) <= int(b) for a, b in
               re.findall(rf"(?<![a-z]){item[0]}([0-3])\s*[-–~至到]\s*{item[0]}?([0-3])", text, re.I))


def _prices_types(text: str, types: list[str]) -> bool:
    """Whether a text gives a figure for each protection type asked about ("A+类…76.0元", not "B类手册未给出")."""
    return bool(types) and all(
        re.search(rf"{re.escape(t)}(?!\+)\s*(?:类|type)?[^。；;\n]{{0,20}}?\d+(?:\.\d+)?\s*(?:元|yuan)", text, re.I)
        for t in types)


def _doc_silent(doc: Doc) -> bool:
    entry = doc.extra.get("entry")
    return bool(entry is not None and entry.silent) or bool(doc.extra.get("silent"))


def _silent(answer: Answer) -> bool:
    """The manuals do not answer this: a curated entry that says so, or a figure the manuals never give."""
    if answer.doc is not None:
        return _doc_silent(answer.doc)
    c = answer.computed
    if c is None:
        return False
    if c.error is not None:  # a figure the manuals never give (e.g. the price of type B)
        return any(i.code in SILENT_CODES for i in c.error.issues)
    return getattr(c.result, "total", 0) is None


def _without_programs(text: str, lang: str) -> str:
    norm = normalize(text)
    for words in vocabulary()["programs"].values():
        norm = strip_words(norm, [w for w in (normalize(str(x)) for x in (*words.get("zh", ()), *words.get("en", ())))
                                  if len(w) >= 2 and not w.isascii()])
    return norm


_engine: AnswerEngine | None = None
_engine_lock = threading.Lock()


def get_engine() -> AnswerEngine:
    global _engine
    if _engine is None:
        with _engine_lock:  # the bot's warm-up thread and a first question may ask at once
            if _engine is None:
                _engine = AnswerEngine()
    return _engine


def warm_up() -> None:
    """Load the index and start jieba (about 1 s together) ahead of the first question; the bot
    runs it in a background thread once it is ready (bot/startup.py)."""
    from domain.answers.text import warm_jieba

    get_engine()
    warm_jieba()


__all__ = ["PROGRAMS", "Answer", "AnswerEngine", "Context", "Outcome", "doc_key", "get_engine"]
