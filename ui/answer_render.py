"""Text of the answer engine's answers, shared by the chat, inline mode, ``unionbot ask`` and the
benchmark, so all of them show the same words. ``t`` is a bound translator (HTML, escaped params)."""

from __future__ import annotations

import html
import re

from domain.answers import Answer, Outcome
from domain.answers.sources import Doc
from domain.calc.common import Issue, fmt_money
from ui.gloss import gloss
from ui.i18n import fmt_day, fmt_moment, fmt_month
from ui.calc_render import _wan, coverage_text, issue_lines, member_basic_text, mutual_aid_text, numbers_text, retiree_text

_TAG = re.compile(r"<[^>]+>")
_YEAR = re.compile(r"20\d\d")
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def source_line(t, source: tuple[str, ...], section: str = "") -> str:
    codes = " / ".join(f"[{s}]" for s in source if s) or "—"
    if section:
        return t("answer-source-section", codes=codes, section=section)
    return t("faq-source-manual", codes=codes)


def _doc_block(t, doc: Doc) -> str:
    if doc.extra.get("end"):  # "what next?" after a guide's last step: the process ends, with what to wait for
        return t("answer-guide-end" if doc.body else "answer-guide-end-plain", guide=doc.section, check=doc.body)
    text = t("answer-doc", title=doc.title, body=doc.body)
    total = doc.extra.get("of")
    if total:  # a step asked for in order ("从哪里开始", "下一步呢"): its place in the guide
        step = doc.extra.get("step", 0)
        text += "\n" + t("answer-guide-last-step" if step >= total else "answer-guide-step-of", step=step, total=total)
    return text


def _day(t, day) -> str:
    return t("answer-day", day=fmt_day(t, day), weekday=t(f"answer-weekday-{WEEKDAY_KEYS[day.weekday()]}"))


def computed_text(t, answer: Answer) -> str:
    c = answer.computed
    if c.error is not None:
        body = "\n".join("⚠️ " + line for line in issue_lines(t, c.error.issues))
        text = t("answer-computed-no" if c.params.get("refused_ask") else "answer-computed-error", body=body)
        from domain.calc.common import money

        tier = c.params.get("tier")
        for item, rate in (c.params.get("item_prices") or {}).items():
            text += "\n" + t("answer-item-price", item=item, full=fmt_money(rate["full"]), half=fmt_money(rate["half"]))
            if tier:  # the rate of the start's tier for each headcount asked ("一个人多少钱，20个人呢")
                for n in c.params.get("counts") or [1]:
                    text += "\n" + t("answer-item-price-people", item=item, tier=t(f"calc-tier-{tier}"),
                                      rate=fmt_money(money(rate[tier])), people=n, total=fmt_money(money(rate[tier]) * n))
        return text
    if c.kind == "mutual_aid_fee":
        text = mutual_aid_text(t, c.result)
        people = c.params.get("people") or 1
        if c.params.get("from_submission"):
            text += "\n" + t("answer-coverage-next-day")
        if c.params.get("tier_named"):  # no start date, a tier named: priced by that tier's range of start dates
            first, last = c.params["tier_named"]
            text += "\n" + t("answer-tier-named", tier=t(f"calc-tier-{c.result.tier}"), start=fmt_day(t, first),
                              end=fmt_day(t, last))
        split = c.params.get("zhibao_split")
        if split:  # "4个有职保的…，1个没有职保的…": the batch's two kinds of people, as the platform's premium table
            text = t("answer-zhibao-split", insured=split[0], uninsured=split[1]) + "\n" + text
        elif people > 1 and not c.params.get("extras"):  # (items only some take: no one figure per person)
            text += "\n" + t("answer-per-person", fee=_per_person(c.result.total, people), people=people)
    elif c.kind == "member_basic_fee":
        text = member_basic_text(t, c.result)
        row = c.result.row
        for label, n in c.params.get("groups") or ():  # each group's share of the total
            text += "\n" + t("answer-group-fee", group=label, people=n,
                              fee=fmt_money(row.fee * n) if row.fee is not None else t("calc-unknown"),
                              city=fmt_money(row.city * n) if row.city is not None else t("calc-unknown"))
    elif c.kind == "coverage":
        text = coverage_text(t, c.result)
        if c.result.mode == "instant":
            text += "\n" + t("answer-coverage-next-day")
        if c.params.get("assumed_items"):
            text += "\n" + t("answer-assumed-items", items="A0, B0, C0")
        if c.params.get("selection"):
            text += "\n" + "\n".join("⚠️ " + w for w in issue_lines(t, c.params["selection"]))
        if c.params.get("event"):
            text += "\n" + event_text(t, c.result, c.params["event"])
    elif c.kind == "due":
        r = c.result
        rule = r["rule"]
        text = t("answer-due", rule=rule.title.get(t.lang) or rule.title.get("zh", ""), event=_day(t, r["event_day"]),
                 due=_day(t, r["due"].date()), time=r["due"].strftime("%H:%M"))
        if rule.days:  # the rule's own count ("1 个工作日后可下载"), which the day above applies
            text += "\n" + t("answer-due-offset", days=rule.days, working="yes" if rule.working_days else "no",
                              kind=rule.kind)
        note = rule.note.get(t.lang) or ""
        if c.params.get("alias"):
            text += "\n" + t(f"answer-due-alias-{c.params['alias'].replace('_', '-')}")
        elif note:
            text += "\n" + note
        if not r["known"]:
            text += "\n" + t("answer-due-holidays-unknown")
    elif c.kind == "processing_time":
        r = c.result
        text = t(f"answer-processing-{r['what'].replace('_', '-')}", sent=_day(t, r["sent"]), first=_day(t, r["first"]),
                 last=_day(t, r["last"]), least=r["least"], most=r["most"])
        if not r["known"]:
            text += "\n" + t("answer-due-holidays-unknown")
    elif c.kind == "roster_numbers":
        text = numbers_text(t, c.result)
        if c.params.get("also"):  # no programme named: the other programme's rule on the same counts
            text += "\n\n" + numbers_text(t, c.params["also"])
    elif c.kind == "ratio_band":
        blocks = []
        for r in c.result:
            block = numbers_text(t, r)
            if r.program == "mutual_aid":
                block += "\n" + t("answer-ratio-when")
            blocks.append(block)
        text = "\n\n".join(blocks)
    elif c.kind == "retiree_deletion":
        r = c.result
        text = t("answer-deletion-ok" if r.ok else "answer-deletion-no", contributors=r.contributors,
                 enrolled=r.enrolled, remove=r.remove, before=fmt_money(r.before_pct), after=fmt_money(r.after_pct),
                 min=fmt_money(r.min_pct), left=r.enrolled - r.remove, most=r.keep_max_remove)
    elif c.kind == "retiree_deduction":
        text = retiree_text(t, c.result)
    elif c.kind == "refund":
        r = c.result
        text = t("calc-refund", paid=fmt_money(r["paid"]), refund=fmt_money(r["refund"]))
    elif c.kind == "receipts":
        r = c.result
        text = t(f"answer-receipts-{r['rule'].replace('_', '-')}", total=fmt_money(r["total"]),
                 first=fmt_money(r["first"]), rest=fmt_money(r["rest"]))
    elif c.kind == "receipts_list":
        r = c.result
        text = t(f"answer-receipts-list-{'ok' if not r['issues'] else 'bad'}-{c.program.replace('_', '-')}",
                 parts=" + ".join(fmt_money(p) for p in r["parts"]), sum=fmt_money(r["sum"]), total=fmt_money(r["total"]))
    elif c.kind == "repeated_submission":
        r = c.result
        text = t("answer-repeated-submission", days="、".join(_day(t, d) for d in r["days"]), last=_day(t, r["last"]),
                 by=fmt_day(t, r["by"]), year=r["by"].year)
        if r["late"]:
            text += "\n" + t("answer-repeated-late", by=fmt_day(t, r["by"]))
    elif c.kind == "address_length":
        r = c.result
        text = t(f"answer-address-{'ok' if r['length'] >= r['min'] else 'short'}", address=r["address"],
                 length=r["length"], min=r["min"])
    elif c.kind == "phone_ratio":
        r = c.result
        text = t("answer-phone-ratio-ok" if r["ok"] else "answer-phone-ratio-low", valid=r["valid"], total=r["total"],
                 pct=fmt_money(r["pct"]), min=fmt_money(r["min_pct"]))
    elif c.kind == "phone_needed":
        r = c.result
        text = t("answer-phone-needed", total=r["total"], least=r["least"], min=fmt_money(r["min_pct"]))
    elif c.kind == "import_limit":
        r = c.result
        text = t("answer-import-limit", people=r["people"], limit=r["limit"], files=r["files"])
    elif c.kind == "deduction_failed":
        r = c.result
        text = t("answer-deduction-failed", people=r["people"], ok=r["ok"], failed=r["failed"]) + "\n⚠️ " + "".join(
            issue_lines(t, [Issue("calc.retiree_failed_options", {"failed": r["failed"]})]))
    elif c.kind == "deduction_unknown":
        r = c.result
        lines = [t("answer-deduction-unknown", people=r.people, ok=r.succeeded, total=fmt_money(r.total_premium),
                   max=fmt_money(r.maximum), least=fmt_money(r.unit_pays_least))]
        lines += [t("answer-deduction-example", amount=fmt_money(a), ok=r.succeeded, deducted=fmt_money(a * r.succeeded),
                    unit=fmt_money(pays)) for a, pays in r.examples]
        if not r.premium_stated:
            lines.append("⚠️ " + "".join(issue_lines(t, [Issue("calc.retiree_premium_inferred",
                                                               {"premium": r.total_premium / r.people})])))
        text = "\n".join(lines)
    elif c.kind == "pending_validation":
        r = c.result
        text = t("answer-pending-validation" if r["remove"] else "answer-pending-validation-all", total=r["total"],
                 passed=r["passed"], remove=r["remove"])
    elif c.kind == "ss_card_lists":
        text = t("answer-ss-card-lists", ready=c.result["ready"], waiting=c.result["waiting"])
    elif c.kind == "eligibility":
        text = eligibility_text(t, c.result)
        if c.params.get("born"):
            text = t("answer-elig-born", born=_when(t, c.params["born"], c), on=fmt_day(t, c.params["on"]),
                     age=c.result.age) + "\n" + text
        verdicts = set(c.result.verdicts.values())
        if verdicts in ({True}, {False}):  # "can he join C1?": yes or no first, when it holds for all asked
            text = t("answer-elig-verdict-yes" if verdicts == {True} else "answer-elig-verdict-no") + "\n" + text
    elif c.kind == "over_age":
        r = c.result
        limit = r.limits.get(r.gender) if r.gender else None
        key = {True: "yes", False: "no", None: "depends"}[r.flagged]
        text = t(f"answer-over-age-{key}", age=r.age, limit=limit or "", f=r.limits.get("F"), m=r.limits.get("M"),
                 who=t("answer-over-age-who", who=t(f"answer-elig-{'female' if r.gender == 'F' else 'male'}"))
                 if r.gender else "")
        if c.params.get("born"):
            text = t("answer-elig-born", born=_when(t, c.params["born"], c), on=fmt_day(t, c.params["on"]),
                     age=r.age) + "\n" + text
        text += "\n" + t("answer-over-age-rule", f=r.limits.get("F"), m=r.limits.get("M"))
    elif c.kind == "window_state":
        text = window_text(t, c)
    elif c.kind == "daily_allowance":
        lines = [t("answer-daily-allowance" + ("-capped" if r.capped else ""), item=r.item, days=r.days,
                   rate=fmt_money(r.per_day), raw=fmt_money(r.raw), max=fmt_money(r.max), amount=fmt_money(r.amount))
                 for r in c.result]
        lines.append(t("answer-benefit-table-rule", year=c.result[0].year))
        text = "\n".join(lines)
    elif c.kind == "benefit_difference":
        r = c.result
        kind = t(f"answer-benefit-kind-{r.kind.replace('_', '-')}")
        text = t("answer-benefit-difference", kind=kind, high_item=r.high_item, high=_amount(t, r.high),
                 low_item=r.low_item, low=_amount(t, r.low), diff=_amount(t, r.difference)) + "\n" + t(
                     "answer-benefit-table-rule", year=r.year)
    elif c.kind == "screen_headcount":
        r = c.result
        text = t("answer-screen-headcount", total=r.total, no_card=r.no_card, retired=r.retired, deceased=r.deceased,
                 unconfirmed=r.unconfirmed, enrolled=r.enrolled)
        if r.submitted:
            text += "\n" + t("answer-screen-submitted", submitted=r.submitted)
    elif c.kind == "channel_total":
        r = c.result
        text = t("answer-channel-total", card=r["card"], ss=r["ss"], total=r["total"])
    elif c.kind == "new_retiree":
        r = c.result
        text = t("answer-new-retiree-yes" if r.new else "answer-new-retiree-no", retired=_when(t, r.retired, c),
                 year=r.plan_year, start=fmt_day(t, r.start), end=fmt_day(t, r.end))
        if r.shifted:
            text += "\n" + t("answer-window-shifted", year=r.manual_year)
    elif c.kind == "retired_member":
        r = c.result
        text = t(f"answer-retired-{r.state.replace('_', '-')}", retired=_when(t, r.retired, c), year=r.year,
                 before=fmt_day(t, r.out_before), until=fmt_day(t, r.system_until), by_year=r.out_before.year,
                 by_month=r.out_before.month, by_day=r.out_before.day)
        if r.shifted:
            text += "\n" + t("answer-window-shifted", year=r.manual_year)
    elif c.kind == "item_selection":
        lines = []
        for items, issues in c.result:
            lines.append(t(f"answer-selection-{'no' if issues else 'yes'}", items=" + ".join(items)))
            lines += ["⚠️ " + w for w in issue_lines(t, issues)]
        lines.append(t("answer-selection-rules"))
        text = "\n".join(lines)
    elif c.kind == "deadline_days":
        r = c.result
        d = r["deadline"]
        due = t("answer-at", day=_day(t, r["due"].date()), time=r["due"].strftime("%H:%M"))
        key = "answer-days-opens" if d.kind == "opens" else "answer-days-range" if r["starts"] else "answer-days-due"
        start = t("answer-at", day=_day(t, r["starts"].date()), time=r["starts"].strftime("%H:%M")) if r["starts"] else ""
        lines = [t(key, title=d.text("title", t.lang), start=start, due=due)]
        for extra in (d.text("missed", t.lang), d.text("note", t.lang)):
            if extra:
                lines.append(extra)
        text = "\n".join(lines)
    elif c.kind == "preset_account":
        r = c.result
        text = t("answer-preset-account", account=r["account"], code=r["code"], password=r["password"])
    else:  # pragma: no cover - every kind above
        text = ""
    groups = c.params.get("groups") or ()
    if groups:  # "会员卡参保1人、社保卡参保2人": computed for everyone together
        text = t("answer-groups", groups=" + ".join(t("answer-group", group=g, people=n) for g, n in groups),
                 people=sum(n for _, n in groups)) + "\n" + text
    if c.params.get("moved"):
        text += "\n" + t("answer-latest-year")
    return text


def _amount(t, value) -> str:
    """An amount of the benefit table as the manual writes it: in 万元 from 10,000 up (with the yuan beside)."""
    if value >= 10000:
        return t("answer-amount-wan", wan=_wan(value), yuan=fmt_money(value))
    return t("answer-amount-yuan", yuan=fmt_money(value))


def event_text(t, cov, event) -> str:
    """The day something happened against the cover: before it starts, after it ends, inside an item's
    waiting period, or covered from then on."""
    day = _day(t, event)
    if event < cov.start:
        return t("answer-event-before", event=day, start=fmt_day(t, cov.start))
    if event > cov.end:
        return t("answer-event-after", event=day, end=fmt_day(t, cov.end))
    lines = []
    for item, since in cov.claims_from.items():
        label = t("calc-cov-plan") if item == "plan" else item
        key = "answer-event-waiting" if event < since else "answer-event-ok"
        lines.append(t(key, item=label, event=day, since=fmt_day(t, since), days=cov.waiting_days[item]))
    if cov.program == "retiree":
        lines.append(t("answer-event-benefits-unstated"))
    return "\n".join(lines)


def _when(t, day, c) -> str:
    """A day as the question gave it: "2022-10" when only the month was said."""
    return fmt_month(t, day) if c.params.get("month_only") else fmt_day(t, day)


def eligibility_text(t, r) -> str:
    """Who may join which mutual-aid items, from the age, sex and 职保 the question gives ([002])."""
    who = [t(f"answer-elig-{'female' if r.gender == 'F' else 'male'}")] if r.gender else []
    if r.age is not None:
        who.append(t("answer-elig-age", age=r.age))
    if r.zhibao is not None:
        who.append(t("answer-elig-zhibao" if r.zhibao else "answer-elig-not-zhibao"))
    lines = [t("answer-elig-who", who=t("answer-elig-sep").join(who))]
    for group, verdict in r.verdicts.items():
        key = "yes" if verdict else "no" if verdict is False else "depends" if r.zhibao is None else "by-age"
        lines.append(t(f"answer-elig-{key}", group=t(f"answer-elig-group-{group.lower()}"), f=r.limits.get("F"),
                       m=r.limits.get("M")))
    lines.append(t("answer-elig-rule", f=r.limits.get("F"), m=r.limits.get("M")))
    return "\n".join(lines)


def window_text(t, c) -> str:
    """'Can we still …?' on a day: the calendar entry's state then, its dates, what happens once missed."""
    r = c.result
    d = r["deadline"]
    due = fmt_moment(t, r["due"])
    start = fmt_moment(t, r["starts"]) if r["starts"] else ""
    when = t("answer-window-range", start=start, due=due) if start else t("answer-window-by", due=due)
    clock = r["clock"].strftime("%H:%M") if r.get("clock") else ""
    lines = [t(f"answer-window-{r['state'].replace('_', '-')}", day=_day(t, r["day"]), title=d.text("title", t.lang),
               when=when, due=due, clock=clock, hour=r["due"].strftime("%H:%M"), left=(r["due"].date() - r["day"]).days)]
    missed = d.text("missed", t.lang)
    if r["state"] in ("closed", "opened", "not_open", "too_late") and missed and not (c.params.get("shifted") and _YEAR.search(missed)):
        lines.append(missed)  # (a text naming the manual's year is not shown against another year's day)
    if d.text("note", t.lang):
        lines.append(d.text("note", t.lang))
    if c.params.get("shifted"):
        lines.append(t("answer-window-shifted", year=c.params["manual_year"]))
    return "\n".join(lines)


def _per_person(total, people: int) -> str:
    from domain.calc.common import fmt_money

    return fmt_money(total / people)


def answer_text(t, answer: Answer) -> str:
    """One answer as the person reads it: the answer, the other parts or programmes, the source."""
    if answer.kind == "computed":
        parts = [computed_text(t, answer)]
    else:
        parts = [_doc_block(t, answer.doc)]
    if answer.also or answer.also_computed:
        label = "answer-also-programs" if answer.also_label == "programs" else "answer-also-parts"
        parts.append(t(label))
        for figure in answer.also_computed:  # another part's computed figure
            text = computed_text(t, Answer("computed", 1.0, figure.program, figure.source, computed=figure))
            if answer.computed is not None and figure.kind == answer.computed.kind:
                text = text.split("\n\n")[0]  # the same calculation for other figures: its result, not the table again
            parts.append(text)
        for doc in answer.also:
            if answer.also_label == "programs":
                parts.append(t("answer-also-program-line", program=t(f"faq-program-{doc.program}"), body=doc.body))
            else:
                parts.append(t("answer-also-line", title=doc.title, body=doc.body))
    if answer.related:
        parts.append(t("answer-also-related"))
        parts += [t("answer-also-line", title=doc.title, body=doc.body) for doc in answer.related]
    if answer.uncovered:  # the parts of the message the manuals do not answer, said plainly
        parts.append(t("answer-uncovered", parts=t("answer-uncovered-sep").join(
            t("answer-uncovered-part", part=p) for p in answer.uncovered)))
    sources = tuple(dict.fromkeys([*(s for d in [answer.doc, *answer.also, *answer.related] if d for s in d.source),
                                   *(s for c in answer.also_computed for s in c.source)])) or answer.source
    if answer.kind == "computed":  # the manuals the figure comes from first, then those of the texts under it
        sources = tuple(dict.fromkeys((*answer.source, *sources)))
    section = answer.doc.section if answer.doc is not None and answer.doc.kind == "passage" else ""
    parts.append("<i>" + t("answer-source", source=source_line(t, sources, section)) + "</i>")
    return gloss(t, "\n\n".join(p for p in parts if p))  # English: the Chinese names of the screen glossed


def plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


def plain_answers(outcome: Outcome, lang: str) -> list[str]:
    """The ranked answers as plain text (the benchmark and ``unionbot ask``)."""
    from ui.i18n import BoundTranslator, get_translator

    t = BoundTranslator(get_translator(), lang)
    return [plain(answer_text(t, a)) for a in outcome.answers]
