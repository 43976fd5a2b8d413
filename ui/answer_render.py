"""Text of the answer engine's answers, shared by the chat, inline mode, ``unionbot ask`` and the
benchmark, so all of them show the same words. ``t`` is a bound translator (HTML, escaped params)."""

from __future__ import annotations

import html
import re

from domain.answers import Answer, Outcome
from domain.answers.sources import Doc
from domain.calc.common import fmt_money
from ui.calc_render import coverage_text, issue_lines, member_basic_text, mutual_aid_text, numbers_text, retiree_text

_TAG = re.compile(r"<[^>]+>")
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def source_line(t, source: tuple[str, ...], section: str = "") -> str:
    codes = " / ".join(f"[{s}]" for s in source if s) or "—"
    if section:
        return t("answer-source-section", codes=codes, section=section)
    return t("faq-source-manual", codes=codes)


def _doc_block(t, doc: Doc) -> str:
    return t("answer-doc", title=doc.title, body=doc.body)


def _day(t, day) -> str:
    return t("answer-day", day=day.isoformat(), weekday=t(f"answer-weekday-{WEEKDAY_KEYS[day.weekday()]}"))


def computed_text(t, answer: Answer) -> str:
    c = answer.computed
    if c.error is not None:
        body = "\n".join("⚠️ " + line for line in issue_lines(t, c.error.issues))
        return t("answer-computed-error", body=body)
    if c.kind == "mutual_aid_fee":
        text = mutual_aid_text(t, c.result)
        people = c.params.get("people") or 1
        if people > 1:
            text += "\n" + t("answer-per-person", fee=_per_person(c.result.total, people), people=people)
    elif c.kind == "member_basic_fee":
        text = member_basic_text(t, c.result)
    elif c.kind == "coverage":
        text = coverage_text(t, c.result)
        if c.result.mode == "instant":
            text += "\n" + t("answer-coverage-next-day")
        if c.params.get("assumed_items"):
            text += "\n" + t("answer-assumed-items", items="A0, B0, C0")
    elif c.kind == "due":
        r = c.result
        rule = r["rule"]
        text = t("answer-due", rule=rule.title.get(t.lang) or rule.title.get("zh", ""), event=_day(t, r["event_day"]),
                 due=_day(t, r["due"].date()), time=r["due"].strftime("%H:%M"))
        note = rule.note.get(t.lang) or ""
        if note:
            text += "\n" + note
        if not r["known"]:
            text += "\n" + t("answer-due-holidays-unknown")
    elif c.kind == "roster_numbers":
        text = numbers_text(t, c.result)
    elif c.kind == "retiree_deduction":
        text = retiree_text(t, c.result)
    elif c.kind == "refund":
        r = c.result
        text = t("calc-refund", paid=fmt_money(r["paid"]), refund=fmt_money(r["refund"]))
    elif c.kind == "receipts":
        r = c.result
        text = t(f"answer-receipts-{r['rule'].replace('_', '-')}", total=fmt_money(r["total"]),
                 first=fmt_money(r["first"]), rest=fmt_money(r["rest"]))
    elif c.kind == "phone_ratio":
        r = c.result
        text = t("answer-phone-ratio-ok" if r["ok"] else "answer-phone-ratio-low", valid=r["valid"], total=r["total"],
                 pct=fmt_money(r["pct"]), min=fmt_money(r["min_pct"]))
    elif c.kind == "import_limit":
        r = c.result
        text = t("answer-import-limit", people=r["people"], limit=r["limit"], files=r["files"])
    elif c.kind == "preset_account":
        r = c.result
        text = t("answer-preset-account", account=r["account"], code=r["code"], password=r["password"])
    else:  # pragma: no cover - every kind above
        text = ""
    if c.params.get("moved"):
        text += "\n" + t("answer-latest-year")
    return text


def _per_person(total, people: int) -> str:
    from domain.calc.common import fmt_money

    return fmt_money(total / people)


def answer_text(t, answer: Answer) -> str:
    """One answer as the person reads it: the answer, the other parts or programmes, the source."""
    if answer.kind == "computed":
        parts = [computed_text(t, answer)]
    else:
        parts = [_doc_block(t, answer.doc)]
    if answer.also:
        label = "answer-also-programs" if answer.also_label == "programs" else "answer-also-parts"
        parts.append(t(label))
        for doc in answer.also:
            if answer.also_label == "programs":
                parts.append(t("answer-also-program-line", program=t(f"faq-program-{doc.program}"), body=doc.body))
            else:
                parts.append(t("answer-also-line", title=doc.title, body=doc.body))
    if answer.related:
        parts.append(t("answer-also-related"))
        parts += [t("answer-also-line", title=doc.title, body=doc.body) for doc in answer.related]
    sources = tuple(dict.fromkeys(s for d in [answer.doc, *answer.also, *answer.related] if d for s in d.source)) or answer.source
    section = answer.doc.section if answer.doc is not None and answer.doc.kind == "passage" else ""
    parts.append("<i>" + t("answer-source", source=source_line(t, sources, section)) + "</i>")
    return "\n\n".join(p for p in parts if p)


def plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


def plain_answers(outcome: Outcome, lang: str) -> list[str]:
    """The ranked answers as plain text (the benchmark and ``unionbot ask``)."""
    from ui.i18n import BoundTranslator, get_translator

    t = BoundTranslator(get_translator(), lang)
    return [plain(answer_text(t, a)) for a in outcome.answers]
