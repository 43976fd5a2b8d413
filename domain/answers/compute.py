"""Questions that carry their own parameters, answered by the calculators and the calendar.

Each function returns a ``Computed`` (the calculator's result, or its ``CalcError`` when the
parameters break a rule: the answer then states the rule) or ``None`` when the question is not of
its kind. Nothing is computed here: the figures come from ``domain.calc`` and ``domain.calendar``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from domain.answers.understand import Understanding, _matches, reading, vocabulary
from domain.answers.text import normalize, pattern, strip_words
from domain.calc.common import CalcError
from domain.calc.eligibility import GROUPS, group_of, mutual_aid_eligibility
from domain.calc.mutual_aid import check_selection
from domain.vocabulary import COVERAGE_CALC


@dataclass
class Computed:
    kind: str  # mutual_aid_fee | member_basic_fee | coverage | due
    program: str
    result: Any = None
    error: CalcError | None = None
    params: dict = field(default_factory=dict)
    calculator: str = ""  # the /calc dialog that does the same with buttons
    source: tuple[str, ...] = ()


def _start_in_year(u: Understanding, today: date) -> date | None:
    """The start date a question names: a date, or a month (the 1st, in the latest year the figures cover)."""
    if u.day:
        return u.day
    if u.month and u.month_year:
        return date(u.month_year, u.month, 1)
    if u.month:
        from domain.calc.data import latest

        data = latest("mutual_aid")
        year = data.start.year if u.month >= data.start.month else data.end.year
        return date(year, u.month, 1)
    return None


def _clamp_to_data(program: str, day: date, carry: bool = False) -> tuple[date, bool]:
    """A day the figures of no loaded year cover is moved into the latest year (same month and day); with
    ``carry``, a day of the current or the coming protection year stays where it is, computed with the latest
    year's figures carried over (the calculators say so: "按 2024 年手册标准计算")."""
    from domain.calc.data import latest, years_with, program_data, year_for

    for year in years_with(program):
        d = program_data(program, year)
        if d.start <= day <= d.end:
            return day, False
    if carry:
        try:
            year_for(program, day)
            return day, False
        except CalcError:
            pass
    data = latest(program)
    moved = day.replace(year=data.start.year if (day.month, day.day) >= (data.start.month, data.start.day)
                        else data.end.year)
    return moved, True


def asks_amount(u: Understanding) -> bool:
    """Whether the question asks for the premium's amount (多少, 一共, how much…), not only mentions the
    premium ("we pay the premium for A0/B0/C0 and need a receipt: can its title differ?") nor asks what
    a benefit pays ("A0住院一天补多少钱")."""
    from domain.answers.understand import asks_amount_words

    norm = normalize(u.text)
    if not asks_amount_words(u.text):
        return False
    return "benefit" not in u.intents or bool(_matches(norm, vocabulary().get("premium_words", [])))


def _only_parameters(u: Understanding) -> bool:
    """A message made only of items, a headcount and a tier ("A0 half-year, 4 people", "B3 全年 10人"): what
    such a fragment asks is their premium."""
    from domain.answers.understand import ITEM, PEOPLE_EN, PEOPLE_ZH

    if not u.items or u.people is None or _tier_named(u) is None:
        return False
    rest = normalize(u.text)
    for words in (vocabulary().get("fee_tiers") or {}).values():
        rest = strip_words(rest, words)
    rest = PEOPLE_EN.sub(" ", PEOPLE_ZH.sub(" ", ITEM.sub(" ", rest)))
    rest = re.sub(r"\b(?:on|for|and|each|with|the|of|items?|mutual[- ]?aid|instant|enrollment|enrolment)\b", " ", rest)
    return not re.sub(r"[\s,，、.。;；:：!！?？+＋/—–-]|和|参加|参保|保|互助保障|项目|即时", "", rest)


def mutual_aid_fee(u: Understanding, today: date) -> Computed | None:
    if not u.items or (u.program not in (None, "mutual_aid")):
        return None
    if not ("fee" in u.intents and asks_amount(u)) and not _only_parameters(u):
        return None
    from domain.calc.mutual_aid import mutual_aid_fee as fee

    people = u.people or 1
    # "有4个有职保的…，还有1个没有职保的…": the batch's 社保人员 and 非社保人员 (no A0, no bundle for the latter)
    split = u.zhibao
    insured, uninsured = split if split else (people, 0)
    people = insured + uninsured
    start = _start_in_year(u, today)
    moved = False
    if start is None:
        start, moved = today, False
    collective = bool(_matches(normalize(u.text), ["集中参保", "collective"]))
    submitted = False
    if not collective and u.day is not None and start == u.day and _matches(
            normalize(u.text), ["提交", "交了清册", "submit", "submitted", "submitting"]) and not _matches(
            normalize(u.text), ["起保", "cover starting", "cover starts", "cover from", "starting", "starts on"]):
        start, submitted = u.day + timedelta(days=1), True  # instant cover starts the day after the roster is submitted
    start, moved = _clamp_to_data("mutual_aid", start)
    tier_named = None
    if not collective and u.day is None and not u.month:
        start, tier_named = _start_in_tier(u, start)
    base, extras = (u.items, {}) if split else _item_headcounts(u)
    if extras:
        people = insured = max(insured, max(extras.values()))
    try:
        result = fee(base, insured=insured, uninsured=uninsured, start=start,
                     mode="collective" if collective else "instant", extras=extras)
        return Computed("mutual_aid_fee", "mutual_aid", result, params={"people": people, "moved": moved,
                        "from_submission": submitted, "tier_named": tier_named,
                        "groups": u.groups if not split else [], "zhibao_split": split, "extras": extras,
                        "per_person": u.people is None or "每人" in u.text or "per person" in u.text.lower()},
                        calculator="mutual_aid", source=("002",))
    except CalcError as exc:
        # the rule, and each named item's own premium (what "C3 多少钱" asks) from the same year's table
        from domain.calc.data import year_for

        try:
            data = year_for("mutual_aid", start)
            rates = data.raw.get("items") or {}
            tier = next((t["tier"] for t in data.raw.get("rate_tiers") or [] if t["from"] <= start <= t["to"]), None)
        except CalcError:
            rates, tier = {}, None
        prices = {i: rates[i] for i in u.items if i in rates}
        # a start date or month named: the rate of its tier, times the people asked about ("2024年3月…C3…20个人呢");
        # no day but a tier named ("C3 4个人全年多少钱", "half-year, 3 people on B3"): that tier's rate
        tier = tier if (u.day or u.month) and not collective else "full" if collective else _tier_named(u)
        return Computed("mutual_aid_fee", "mutual_aid", error=exc, params={"people": people, "item_prices": prices,
                        "tier": tier, "counts": _headcounts(u) or [people]},
                        calculator="mutual_aid", source=("002",))


def _start_in_tier(u: Understanding, start: date) -> tuple[date, tuple[date, date] | None]:
    """No start date named but a tier ("A0 半年 4个人多少钱", "half-year, 4 people on A0"): the premium is that
    tier's ([002] the start date's range decides full-year or half-year rates), so a start outside the tier named
    moves to the first day of its range; returns the start and the range used (None when nothing moved)."""
    from domain.calc.data import year_for

    named = _tier_named(u)
    if named is None:
        return start, None
    try:
        tiers = year_for("mutual_aid", start).raw.get("rate_tiers") or []
    except CalcError:
        return start, None
    here = next((t for t in tiers if t["from"] <= start <= t["to"]), None)
    wanted = next((t for t in tiers if t["tier"] == named), None)
    if wanted is None or (here is not None and here["tier"] == named):
        return start, None
    return wanted["from"], (wanted["from"], wanted["to"])


def _tier_named(u: Understanding) -> str | None:
    """The premium tier a question names (全年 / 半年, full year / half-year), None for none or both."""
    norm = re.sub(r"[上下]半年", " ", normalize(u.text))  # (a half of the calendar year names months, not a tier)
    tiers = vocabulary().get("fee_tiers") or {}
    named = [tier for tier, words in tiers.items() if _matches(norm, words)]
    if "half" in named and "full" in named and not _matches(strip_words(norm, tiers["half"]), tiers["full"]):
        named = ["half"]  # "半年" holds "年"-words only through the half-year word itself
    return named[0] if len(named) == 1 else None


def _asks_tier(u: Understanding) -> bool:
    """Whether a question asks which premium tier applies ("全年还是半年", "full year or half year?"): both named."""
    norm = normalize(u.text)
    return all(_matches(norm, words) for words in (vocabulary().get("fee_tiers") or {"": []}).values())


_ITEM_CLAUSE = re.compile(r"[，,。；;？?！!]|\band\b|\bwhile\b|另外|还有|其中")


def _item_headcounts(u: Understanding) -> tuple[list[str], dict[str, int]]:
    """The items everyone takes and those only some take, with their headcount ("15 people all take A0+B0+C0, and 5
    of them also A2", "10个人保A0B0C0，其中3个人再加A1"): a clause naming items with a count smaller than the
    batch's is that many people's. ``(u.items, {})`` when every item is everyone's."""
    from domain.answers.quantities import quantities
    from domain.answers.understand import ITEM

    norm = normalize(u.text)
    clauses, last = [], 0
    for m in _ITEM_CLAUSE.finditer(norm):
        clauses.append(norm[last:m.start()])
        last = m.start()
    clauses.append(norm[last:])
    read = []
    for clause in clauses:
        items = list(dict.fromkeys(f"{a.upper()}{b}" for a, b in ITEM.findall(clause)))
        heads = [q.value for q in quantities(clause) if q.unit == "people" and q.whole]
        read.append((items, int(heads[0]) if len(heads) == 1 else None))
    counts = [n for items, n in read if n]
    if len(set(counts)) < 2:
        return u.items, {}
    total = max(counts)
    base = [i for items, n in read if n in (None, total) for i in items]
    extras = {i: n for items, n in read if n and n < total for i in items if i not in base}
    if not base or not extras:
        return u.items, {}
    return list(dict.fromkeys(base)), extras


def _headcounts(u: Understanding) -> list[int]:
    """Every headcount a question names, in order ("C3一个人多少钱，20个人呢" → 1, 20)."""
    from domain.answers.understand import PEOPLE_EN, PEOPLE_ZH, _zh_number

    norm = normalize(u.text)
    found = [_zh_number(m[1]) for m in PEOPLE_ZH.finditer(norm)]
    found += [int(m[1]) for m in PEOPLE_EN.finditer(norm) if m[1].isdigit()]
    return list(dict.fromkeys(n for n in found if n))


def mutual_aid_split_fee(u: Understanding, today: date) -> Computed | None:
    """A premium question with people inside and outside 职保 ("两个员工：一个有职保…；另一个35岁、没有职保…
    一共多少") is a premium, not a question of who may join: computed before the age rule is read."""
    if not u.items or u.zhibao is None:
        return None
    return mutual_aid_fee(u, today)


def member_basic_fee(u: Understanding, today: date) -> Computed | None:
    if not u.types or "fee" not in u.intents or u.program not in (None, "card_enrollment", "ss_card") \
            or not asks_amount(u):
        return None
    from domain.calc.member_basic import member_basic_fee as fee

    from domain.calc.data import latest, years_with, program_data

    people = u.people or 1
    covered = any(program_data("member_basic", y).start <= today <= program_data("member_basic", y).end
                  for y in years_with("member_basic"))
    try:
        # the latest year whose figures price this type (the 2024 manual shows type A only; B+ is [001]'s 2023)
        priced = [y for y in years_with("member_basic")
                  if u.types[0] in (program_data("member_basic", y).raw.get("types") or {})]
        if covered and any(program_data("member_basic", y).start <= today <= program_data("member_basic", y).end
                           for y in priced):
            result = fee(u.types[0], people, on=today)
        else:
            result = fee(u.types[0], people, year=max(priced) if priced else latest("member_basic").year)
        if u.amount is not None and result.row.fee is not None and Decimal(str(u.amount)) not in (
                result.row.fee, result.total, *(v for v in (result.row.city, result.row.district) if v is not None)):
            return None  # the question's own figures ("A+类76元一个人") are another example's: answered from the texts
        return Computed("member_basic_fee", "card_enrollment", result, params={"people": people, "moved": not covered,
                                                                               "groups": u.groups},
                        calculator="member_basic", source=("000", "001"))
    except CalcError as exc:
        return Computed("member_basic_fee", "card_enrollment", error=exc, params={"people": people},
                        calculator="member_basic", source=("000", "001"))


def coverage(u: Understanding, today: date) -> Computed | None:
    """'We submitted on 15 July: from which day are we covered?' — the instant enrollment's coverage."""
    if not u.day:
        return None
    event = _event_day(u, today)
    # "full-year or half-year premium?": [002] prices the instant enrollment by the tier of its start day
    tier_asked = bool(_matches(reading(u.text), vocabulary().get("tier_asks", [])))
    if not (u.intents & {"coverage", "waiting"}) and event is None and not (tier_asked or _asks_tier(u)):
        return None
    if not _SUBMITTED.search(normalize(u.text)) and _all_dates(normalize(u.text), today):
        # a day written with no submission ("互助保障7月1号开始保吗"): the protection year's texts answer it (a part
        # of a message, "哪天起保？", carries the message's submission day)
        return None
    program = u.program
    if program is None:
        # no programme named: the mutual-aid roster's words ("正式名单", items) say which one
        if not (u.items or _matches(normalize(u.text), ["即时参保", "清册", "正式名单", "instant enrollment", "roster"])):
            return None
        program = "mutual_aid"
        if not u.items and _matches(normalize(u.text), vocabulary().get("member_instant_cues", [])):
            program = "card_enrollment"  # "基层没在12月25号前交钱，1月5号重新办即时参保": the member-exclusive one
    calc_program = COVERAGE_CALC.get(program)
    if calc_program is None:
        return None
    from domain.calc.coverage import coverage as cover

    items = (u.items or ["A0", "B0", "C0"]) if calc_program == "mutual_aid" else None
    day = u.day
    found = _all_dates(normalize(u.text), today)
    if len(found) > 1:
        day = _submission_day(normalize(u.text), found) or day
        if day.year != u.day.year and not FULL_YEAR.search(u.text):
            day = day.replace(year=u.day.year)
    # a day anchored to now (written with its year, "on 2026-11-30", or "今天12月7号", "yesterday", a weekday): its own
    # dates with the figures carried over, the rule being relative; a bare "9月1日" stays in the manual's year
    submitted, moved = _clamp_to_data(calc_program, day, carry=_anchored(u.text))
    source = {"mutual_aid": ("002",), "retiree": ("004",), "member_basic": ("000", "001")}[calc_program]
    try:
        # a waiting period is the item's own: "B1" alone still has one (the selection rule is said beside it)
        selection = check_selection(items) if calc_program == "mutual_aid" else []
        result = cover(calc_program, "instant", submitted=submitted, items=items, check=False)
        if event is not None:
            # the event's day in the same protection year as the submission (the manual's year when moved)
            event = event.replace(year=submitted.year) if moved or event.year != submitted.year else event
            if event < submitted:
                event = event.replace(year=event.year + 1)
        return Computed("coverage", program, result, params={"moved": moved, "event": event, "selection": selection,
                        "assumed_items": calc_program == "mutual_aid" and not u.items},
                        calculator="coverage", source=source)
    except CalcError as exc:
        return Computed("coverage", program, error=exc, calculator="coverage", source=source)


_NOW = re.compile(r"今天|今日|昨天|前天|本周|这周|上周|(?:周|星期|礼拜)[一二三四五六日天]|\btoday\b|\byesterday\b|\bthis week\b|"
                  r"\blast week\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")


def _anchored(text: str) -> bool:
    """Whether a question's day is tied to now: written with its year, or said relative to today."""
    return bool(FULL_YEAR.search(text) or _NOW.search(normalize(text)))


def _event_day(u: Understanding, today: date) -> date | None:
    """A second day in a question about cover: the day something happened ("9月1日提交…10月15日住院能赔吗",
    "an illness diagnosed on 1 November"), when an event and a claim are asked about."""

    norm = normalize(u.text)
    words = vocabulary().get("claim_events", {})
    if not _matches(norm, words.get("events", [])) or not _matches(reading(u.text), words.get("asks", [])):
        return None
    found = _all_dates(norm, today)
    if len(found) < 2:
        return None
    submitted = _submission_day(norm, found)
    return next((d for _, _, d in reversed(found) if d != submitted), None)


_SUBMITTED = re.compile(r"提交|办妥|办好|办了|办的|走了|即时参保|参保|交了|submit|enrol|complet")


def _submission_day(norm: str, found: list[tuple[int, int, date]]) -> date | None:
    """Of several days in a question, the one a submission is written next to ("没赶上12月25号前划款，12月28号重新走了
    即时参保": the 28th)."""
    if not found:
        return None
    marks = [m.start() for m in _SUBMITTED.finditer(norm)]
    if not marks or len(found) == 1:
        return found[0][2]

    def gap(item):
        s, e, _ = item
        return min(min(abs(m - e), abs(m - s)) for m in marks)

    return min(found, key=gap)[2]


def _all_dates(norm: str, today: date) -> list[tuple[int, int, date]]:
    """Every day written in a question, in order, with where it is written."""
    from domain.answers.understand import _digits_in_dates

    norm = _digits_in_dates(norm)
    from domain.answers.understand import DAY_MONTH_EN, FULL_DATE, MONTH_DAY_EN, MONTH_DAY_ZH, MONTHS_EN, SHORT_MONTH

    found = []
    for rx, order in ((FULL_DATE, "ymd"), (MONTH_DAY_ZH, "md"), (MONTH_DAY_EN, "md"), (DAY_MONTH_EN, "dm")):
        for m in rx.finditer(norm):
            if any(s <= m.start() < e for s, e, _ in found):
                continue
            try:
                if order == "ymd":
                    day = date(int(m[1]), int(m[2]), int(m[3]))
                else:
                    a, b = (m[1], m[2]) if order == "md" else (m[2], m[1])
                    month = MONTHS_EN.get(a) or SHORT_MONTH.get(a) or (int(a) if a.isdigit() else None)
                    written = re.match(r"\s*,?\s*(20\d\d)(?!\d)", norm[m.end():])  # "14 September 2023"
                    day = date(int(written[1]) if written else today.year, month, int(b))
            except (TypeError, ValueError):
                continue
            found.append((m.start(), m.end(), day))
    found += _listed_days(norm, found)
    found.sort()
    return found


_LISTED_BEFORE = re.compile(r"((?:(?<!\d)\d{1,2}(?:st|nd|rd|th)?\s*(?:,\s*(?:and\s+)?|\band\s+|&\s*))+)$")
_LISTED_AFTER_ZH = re.compile(r"(?:\s*(?:、|和|及|与|,|，)\s*(\d{1,2})\s*[日号](?!\s*月))+")
_LISTED_AFTER_EN = re.compile(r"(?:\s*(?:,\s*and|,|\band\b|&)\s*(\d{1,2})(?:st|nd|rd|th)?(?!\d)"
                              r"(?=\s*(?:,|\band\b|&|$|[.;?!)]|20\d\d)))+")
_LISTED_DAY = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")


def _listed_days(norm: str, found: list[tuple[int, int, date]]) -> list[tuple[int, int, date]]:
    """The other days of a list sharing one month: "10, 18 and 24 December 2022", "December 10, 18 and 24",
    "12月10日、18日和24日" — each the written month's (and year's) day."""
    more = []
    for start, end, day in found:
        head = norm[start:end]
        zh = "月" in head
        before = None if zh or re.match(r"\s*[a-z]", head) else _LISTED_BEFORE.search(norm[:start])
        spans = []
        if before:  # "10, 18 and 24 December": the days written before the month
            spans += [(before.start() + m.start(), before.start() + m.end(), m[1]) for m in _LISTED_DAY.finditer(before[1])]
        # "December 10, 18 and 24" / "12月10日、18日和24日" (a Chinese list writes 日 after each day)
        after = (_LISTED_AFTER_ZH if zh else _LISTED_AFTER_EN).match(norm, end)
        if after and not re.match(r"\s*,?\s*20\d\d", norm[end:]):
            spans += [(end + m.start(), end + m.end(), m[1]) for m in _LISTED_DAY.finditer(after[0])]
        for s, e, d in spans:
            if any(a <= s < b for a, b, _ in found) or any(a <= s < b for a, b, _ in more):
                continue
            try:
                more.append((s, e, day.replace(day=int(d))))
            except ValueError:
                continue
    return more


def due(u: Understanding, today: date) -> Computed | None:
    """'We submitted the roster on Thursday: by when must we pay?' — a relative rule of the calendar."""
    if not u.day or not (u.intents & {"deadline", "window", "payment", "account", "fee"} or "到账" in u.text
                         or _matches(reading(u.text), vocabulary().get("weekday_asks", []))):
        return None
    norm = normalize(u.text)
    patterns = vocabulary().get("event_patterns", {})
    aliases = vocabulary().get("event_aliases", {})
    event = next((e for e, words in {**vocabulary().get("events", {}), **{a: v["words"] for a, v in aliases.items()}}.items()
                  if _matches(norm, words) or any(re.search(rx, norm) for rx in patterns.get(e, []))), None)
    if event is None:
        return None
    alias = aliases.get(event)
    if alias:  # "点了【提交确认保费】": the payment page counts its 15 days from there ([002])
        event = alias["rule_event"]
    from domain.calendar import TZ, load_calendar

    cal = load_calendar()
    district = _matches(norm, ["区局", "产业工会", "区工会", "district union", "industry union", "our district"])
    rules = [r for r in cal.rules if r.after_event == event and (u.program is None or _program_of(r.program) == u.program)
             and (not district or "district" in r.audience or u.program is not None)]
    if not rules:
        return None  # (a district union's own step is not a unit's rule: "our district union submitted the list")
    earlier = [r for r in rules if r.protection_year <= u.day.year]
    rule = max(earlier or rules, key=lambda r: r.protection_year)
    moment = datetime.combine(u.day, time(15, 0), TZ)
    when, known = rule.due_and_known(moment, cal.workdays)
    return Computed("due", _program_of(rule.program), {"rule": rule, "event_day": u.day, "due": when,
                                                       "known": known}, params={"alias": alias.get("note") if alias else None},
                    source=(rule.source,))


def processing_time(u: Understanding, today: date) -> Computed | None:
    """'周一把密码重置申请表发邮件了，最晚哪天能处理好' — a processing time the manuals give in working days
    (``processing_times``: the account reset e-mail, 1–3 working days [002][004]), counted from the day named."""
    if not u.day:
        return None
    norm = normalize(u.text)
    read = reading(u.text)
    for key, rule in (vocabulary().get("processing_times") or {}).items():
        if not (_matches(norm, rule.get("words", [])) and _matches(norm, rule.get("sent", []))
                and _matches(read, rule.get("asks", []))):
            continue
        from domain.calendar import load_calendar

        workdays = load_calendar().workdays
        least, most = rule["working_days"]
        first, known_first = workdays.add_working_days(u.day, int(least))
        last, known_last = workdays.add_working_days(u.day, int(most))
        return Computed("processing_time", "general", {"what": key, "sent": u.day, "first": first, "last": last,
                                                       "least": least, "most": most,
                                                       "known": known_first and known_last},
                        source=tuple(str(s) for s in rule.get("source", ())))
    return None


def _program_of(calendar_program: str) -> str:
    from domain.answers.sources import program_id

    return program_id(calendar_program)


_NUM = r"(\d+(?:\.\d+)?(?:\s*万|\s*千|w(?![a-z])|k(?![a-z]))?)"  # a figure and its magnitude ("20万", "1.2万", "5k")


def _num(token: str) -> float:
    """A figure of ``_NUM`` with its magnitude: "20万" → 200000, "1.2万" → 12000, "5k" → 5000."""
    from domain.answers.quantities import read_value

    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(万|千|w|k)?", token.strip())
    return read_value(m[1], m[2])
FULL_YEAR = re.compile(r"20\d\d")
_MONTHS_EN = ("january february march april may june july august september october november december").split()
# a count in Chinese numerals ("四十人", "五十个"): only with its measure word, so 一共 / 统一 are not counts
_ZH_COUNT = r"([一两二三四五六七八九十百千万零]+)\s*(?:个|位|名)?\s*人|([一两二三四五六七八九十百千万零]+)\s*(?:个|位|名)"


def _zh_count(m) -> float | None:
    from domain.answers.understand import read_number

    return read_number(m[1] or m[2])


def _after(norm: str, words: str, unit: str = r"\s*(?:个|位|名)?\s*(?:人|元|块)?") -> float | None:
    """The number written after one of ``words`` ('|'-separated, the first that matches wins), e.g. 去年…200人,
    拟参保人数四十人."""
    for word in words.split("|"):
        gap = 24 if word.isascii() else 10  # English puts more words in between ("this year our roster has 175")
        m = pattern(rf"(?:{word})[^\d，,。；;？?]{{0,{gap}}}?{_NUM}{unit}").search(norm)
        if m:
            return _num(m[1])
        if not word.isascii():
            m = pattern(rf"(?:{word})[^\d，,。；;？?一两二三四五六七八九十百千万零]{{0,{gap}}}?(?:{_ZH_COUNT})").search(norm)
            if m:
                return _zh_count(m)
    return None


def _before(norm: str, words: str, unit: str = r"\s*(?:个|位|名)?\s*(?:人)?\s*") -> float | None:
    """The number written just before one of ``words`` ('|'-separated): "100人缴费", "50 contributors"."""
    for word in words.split("|"):
        m = pattern(rf"{_NUM}{unit}(?:[a-z-]+\s+){{0,2}}?(?:{word})").search(norm)
        if m:
            return _num(m[1])
        m = pattern(rf"(?:{_ZH_COUNT})\s*(?:{word})").search(norm)
        if m:
            return _zh_count(m)
    return None


# "150 insured of 180 social-security retirees", "80 out of 100 retirees enrolled": a part of a whole, in English
_OF_PAIR = re.compile(r"(?<![\d.])(\d+)\s+(?:[a-z-]+\s+){0,2}?(?:out\s+)?of\s+(?:the\s+|our\s+)?(\d+)(?![\d.%])")


def _of_pair(norm: str) -> tuple[float, float] | None:
    """The part and the whole of the one "N of M" a question writes (N below M), none when there are several."""
    found = [(float(m[1]), float(m[2])) for m in _OF_PAIR.finditer(norm) if float(m[1]) < float(m[2])]
    return found[0] if len(found) == 1 else None


_PLANNED = "去年|上年度|上一年|last year"
# what the ratio check divides: the people to enrol by those paying social security under the linked codes
_PLANNED_WORDS = ("今年|拟参保|计划参保|计划报|打算报|打算参保|准备报|准备参保|要参保|只报了|只报|报了|参保人数|参保人员|参保了|参保|"
                  "enrolling|enroll?(?![emi])|"
                  "plan to enrol|plan to enroll|planning to enrol|planning to enroll|planned|this year")
_CONTRIB_WORDS = ("社保编码下有|社保编码下|缴费人数|缴费的有|缴费的|在缴社保|缴社保|社保人数|社保人员|社保在职人数|缴费|"
                  "social-security code has|social security code has|social-security headcount|social security headcount|"
                  "contributors:|contributors of")
_CONTRIB_BEFORE = ("人在缴社保|人缴社保|人缴纳社保|人交社保|人在交社保|人缴费|个?社保人员|名社保人员|contributors|contributing|"
                   "paying social security|insured in social security|in social security|with social security|"
                   "retirees on record|people on record|on record")
_RATIO_WORDS = ["比例", "校验", "过得了", "能过", "通过", "能提交", "上传", "材料", "附件", "ratio", "check", "pass", "percentage",
                "upload", "material", "attachment",
                # a yes-or-no ask once both counts are given ("…put 28 on our roster. Is that OK?")
                "行吗", "行不行", "可以吗", "够吗", "够不够", "is that ok", "is this ok", "is that enough", "enough", "acceptable"]


def roster_numbers(u: Understanding, today: date) -> Computed | None:
    """Headcount change against last year, and the social-security ratio (清册校验 [002][004])."""
    norm = normalize(u.text)
    if u.program not in (None, "mutual_aid", "retiree") or not re.search(r"\d|[一两二三四五六七八九十百千]\s*(?:个|位|名|人)", norm):
        return None
    from domain.calc.roster_numbers import SsCode, roster_numbers as numbers

    program = u.program or "mutual_aid"
    last = _after(norm, _PLANNED)
    if last is not None:
        # the rest of the question without last year's count ("去年参保1200人，今年计划报1150人")
        m = re.search(rf"(?:{_PLANNED})[^\d，,。；;？?]{{0,24}}?\d+(?:\.\d+)?", norm)
        norm = norm[:m.start()] + " " * (m.end() - m.start()) + norm[m.end():] if m else norm
    # "60 people enrolling", "8 staff to enrol": English puts the count before the word
    planned = _before(norm, "people enrolling|staff enrolling|employees enrolling|enrolling|to enrol|to enroll|to be enrolled|"
                            "planned enrollees|planned|on our roster|on the roster|on our list|in our roster") if norm.isascii() else None
    planned = planned if planned is not None else _after(norm, _PLANNED_WORDS)
    contributors = _before(norm, _CONTRIB_BEFORE, unit=r"\s*") if norm.isascii() else None  # "1,040 contributors"
    if contributors is None:
        contributors = _after(norm, _CONTRIB_WORDS)
    if contributors is None:
        contributors = _before(norm, _CONTRIB_BEFORE, unit=r"\s*") or _before(norm, _CONTRIB_BEFORE)
    if contributors is None:
        # "社保那边9个人交着", "9 people pay social security": a headcount next to 社保 / social security, by its unit
        from domain.answers.quantities import near, quantities

        q = near(norm, quantities(norm), r"社保|缴社保|交社保|social security|social-security|contributors?|contributing",
                 units=("people",), reach=8)
        if q is not None and (planned is None or q.value != planned or len(
                re.findall(rf"(?<![\d.]){int(q.value)}(?![\d.])", norm)) > 1):
            contributors = q.value
    if last is None and (planned is None or contributors is None or planned == contributors) and norm.isascii() \
            and _of_pair(norm):
        planned, contributors = _of_pair(norm)  # "150 insured of 180 social-security retirees"
    if planned is None and contributors is not None:
        planned = _before(norm, "人参保|人要参保|to enrol|to enroll", unit=r"\s*(?:个|位|名)?\s*")
    if planned is None and contributors is not None:
        # "120 retirees on a social-security code with 150 contributors": the other headcount is the one enrolled
        from domain.answers.quantities import quantities

        heads = [q.value for q in quantities(norm) if q.unit == "people" and q.value != contributors]
        planned = heads[0] if len(heads) == 1 else None
    if planned is not None and contributors is not None and planned == contributors and len(
            re.findall(rf"(?<![\d.]){int(planned)}(?![\d.])", norm)) < 2:
        return None  # the same figure read twice ("社保人员参保60人"): not two counts
    if planned is None or (last is None and contributors is None):
        return None
    if last is None and not _matches(norm, _RATIO_WORDS):
        return None  # two counts, but no check asked about ("参保60人，缴费多少"): not the ratio
    codes = [SsCode("—", int(planned), int(contributors))] if contributors else None
    new_unit = bool(re.search(r"新参保|新单位|first time|new unit", norm))
    try:
        result = numbers(program, planned=int(planned), last_year=int(last) if last else None, codes=codes,
                         new_unit=new_unit, on=None)
        if u.program is None and last is None and codes and not new_unit and not re.search(
                r"员工|职工|在职|同事|店|拟参保|staff|employee|worker|colleague|shop", norm):
            # no programme named, only the ratio: [002]'s rule for the unit, and [004]'s per code beside it
            also = numbers("retiree", planned=int(planned), codes=codes, on=None)
            return Computed("roster_numbers", program, result, params={"also": also}, calculator="numbers",
                            source=("002", "004"))
    except CalcError as exc:
        return Computed("roster_numbers", program, error=exc, calculator="numbers", source=("002",))
    return Computed("roster_numbers", program, result, calculator="numbers",
                    source=("002",) if program == "mutual_aid" else ("004",))


_PCT = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*%|百分之([一二三四五六七八九十百零两]+|\d+)")
_COMPARATIVE = re.compile(r"(?:不到|没到|没达到|没有到|达不到|不够|低于|少于|未达|未达到|不足|不满|超过|高于|大于|小于|以上|以下|"
                          r"below|under|less than|more than|over|above|at least)\s*$")


def ratio_band(u: Understanding, today: date) -> Computed | None:
    """'社保编码下面参保比例只有60%，能提交吗': the ratio read off the platform against the rule's band
    ([002] 75 %–100 % of the unit, [004] at least 75 % per code); a question naming neither gets both."""
    norm = normalize(u.text)
    if not _matches(norm, ["比例", "ratio", "percentage", "占比"]) or u.program not in (None, "mutual_aid", "retiree"):
        return None
    found = list(_PCT.finditer(norm))
    if len(found) != 1 or _COMPARATIVE.search(norm[:found[0].start()]):
        return None  # ("不到75%怎么办", "在75%到100%之间": the rule itself, which the texts answer)
    m = found[0]
    if float(m[1] or 0) in (75.0, 100.0) and not re.search(
            r"(?:只有|才|是|为|显示|达到了|到了|有|shows?|showing|is|at|only|got|reads?)\s*$", norm[:m.start()]):
        return None  # ("75%比例怎么算", "How is the 75% ratio computed?": the rule's own limit, not a unit's ratio)
    from domain.answers.understand import read_number
    from domain.calc.roster_numbers import ratio_verdict

    pct = float(m[1]) if m[1] else read_number(m[2])
    if pct is None:
        return None
    new_unit = bool(re.search(r"新参保|新单位|first time|new unit", norm))
    programs = [u.program] if u.program else ["mutual_aid", "retiree"]
    try:
        results = [ratio_verdict(p, pct, planned=u.people, new_unit=new_unit) for p in programs]
    except CalcError as exc:
        return Computed("ratio_band", programs[0], error=exc, calculator="numbers", source=("002",))
    source = tuple({"mutual_aid": "002", "retiree": "004"}[p] for p in programs)
    return Computed("ratio_band", programs[0], results, calculator="numbers", source=source)


def retiree_deletion(u: Understanding, today: date) -> Computed | None:
    """'一个社保编码下40个退休人员，参保了32个，代扣失败4个，我想把这4个删掉可以吗' — [004] deletes people whose
    deduction failed only while the code's ratio (参保人员 / 社保人员) stays at 75 % or more."""
    norm = normalize(u.text)
    if u.program not in (None, "retiree") or not re.search(r"删|减掉|减少|去掉|移除|remove|delete", norm):
        return None
    contributors = _after(norm, "社保编码下有|社保编码下|社保人数|社保人员|social security code has|under the code|code has|"
                                "code we have|code there are|code shows|social-security headcount|social security headcount")
    if contributors is None:
        contributors = _before(norm, r"个?社保人员|名?有社保|retirees? with social security|people with social security")
    enrolled = _after(norm, "参保了|已参保|参保人数|参保|enrolled|enrol")
    pair = _of_pair(norm) if norm.isascii() else None
    if contributors is None and pair:
        enrolled, contributors = pair  # "80 of 100 retirees enrolled"
    if enrolled is None:
        enrolled = _before(norm, "人参保|个参保|人已参保|enrolled|are enrolled")
    # (a count, not the rule's percentage: "delete the failures and keep 75%")
    remove = _after(norm, r"删掉|删除|删了|删|减掉|去掉|移除|remove|delete|把这|把",
                    unit=r"\s*(?:个|位|名)?\s*人?(?![\d.]|\s*(?:%|percent))")
    if remove is None:
        remove = _after(norm, "代扣失败|扣款失败|失败|failed")
    if remove is None:
        remove = _before(norm, "人?代扣失败|failed|deduction failures|failures|failed deductions")
    if None in (contributors, enrolled, remove) or len({contributors, enrolled}) < 2:
        return None
    from domain.calc.roster_numbers import retiree_deletion as deletion

    try:
        result = deletion(int(contributors), int(enrolled), int(remove))
    except CalcError as exc:
        return Computed("retiree_deletion", "retiree", error=exc, source=("004",))
    return Computed("retiree_deletion", "retiree", result, source=("004",))


def refund(u: Understanding, today: date) -> Computed | None:
    norm = normalize(u.text)
    if not re.search(r"多的|退多少|退款|退回|退还|返还|能退|退给|refund|overpa|多交|多付|多汇|多转|多打|"
                     r"(?:comes?|coming|get|gets|getting|paid|pay|given|sent|money|is)\s+(?:it\s+|us\s+|them\s+)?back\b|"
                     r"\b(?:returned|the excess|the surplus|the difference|too much)\b", norm):
        return None
    due_ = _after(norm, "应缴|应交|保费|premium|due|应付")
    paid = _after(norm, "汇了|交了|付了|打了|转了|paid|transferred|sent")
    if due_ is None or paid is None or due_ == paid:
        return None  # ("多汇了500元": the figure read twice is the overpayment itself, not a premium and a payment)
    from domain.calc.payments import refund_due

    program = u.program or "mutual_aid"
    try:
        return Computed("refund", program, {"refund": refund_due(due_, paid), "paid": paid, "due": due_},
                        calculator="refund", source=("002",) if program == "mutual_aid" else ("004",))
    except CalcError as exc:
        return Computed("refund", program, error=exc, calculator="refund", source=("002",))


def _zh_count_word(word: str) -> int | None:
    """A small count written as a digit, a Chinese numeral or an English word ("两", "3", "three")."""
    if word.isdigit():
        return int(word)
    return {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
            "two": 2, "three": 3, "four": 4, "five": 5}.get(word)


def receipts(u: Understanding, today: date) -> Computed | None:
    norm = normalize(u.text)
    if not re.search(r"收据|票据|发票|receipt|invoice", norm):
        return None
    total = _after(norm, "总共|一共|合计|总额|总金额|交了|缴了|付了|支付了|汇了|转了|实缴|实付|实交|实际支付|实际缴费|实际缴纳|"
                         "缴费金额|应缴|保费|total|paid|premium due|premium|due")
    if total is None:  # "the premium due for our mutual-aid batch is 12,960 yuan"
        m = re.search(r"(?:premium|total|amount due)[^\d]{0,40}?(\d+(?:\.\d+)?)\s*(?:元|yuan|rmb)", norm)
        total = float(m[1]) if m else None
    first = _after(norm, r"一张|第一张|one for|one receipt for|one receipt of|one invoice for|one invoice of|a receipt for|"
                         r"a receipt of|an invoice for|first")
    program = "retiree" if (u.program == "retiree" or "电子票据" in norm) else "mutual_aid"
    from domain.calc.common import money

    if total is not None:
        # "three special receipts of 5,000, 5,000 and 2,000": every amount but the total, against the rule
        # (counts, dates and items are not amounts: "2张", "2023年", "7月", "A0")
        from domain.answers.quantities import quantities

        amounts = [q.value for q in quantities(norm) if q.unit in ("yuan", "") and not re.match(
            r"\s*(?:[a-z-]+\s+)?(?:receipts?|invoices?)\b", norm[q.end:])]
        parts = list(amounts)
        if total in parts:
            parts.remove(total)
        # "两张各3000", "two receipts of 3,000 each": one amount written for several receipts
        each = re.search(r"(\d+|[两二三四五六七八九十])\s*张\s*(?:各|每张|都是|都开)\s*(\d+(?:\.\d+)?)|"
                         r"(\d+|two|three|four|five)\s+(?:receipts?|invoices?)\s+(?:of|for)\s+(\d+(?:\.\d+)?)\s*(?:yuan\s+)?each",
                         norm)
        if each is not None:
            count = _zh_count_word(each[1] or each[3])
            amount = float(each[2] or each[4])
            if count and 1 < count <= 10 and amount in parts:
                parts.remove(amount)
                parts += [amount] * count
        parts = [a for a in parts if a >= 1]
        if len(parts) >= 2:  # (one amount given and the other asked: the rest, below)
            from domain.calc.payments import check_receipts

            issues = check_receipts(program, total, parts)
            return Computed("receipts_list", program, {"total": money(total), "parts": [money(p) for p in parts],
                                                       "sum": money(sum(parts)), "issues": issues},
                            calculator="receipts", source=("002",) if program == "mutual_aid" else ("004",))
    if total is None or first is None or first >= total:
        return None

    rest = money(total) - money(first)
    return Computed("receipts", program, {"total": money(total), "first": money(first), "rest": rest,
                                          "rule": "not_exceed" if program == "retiree" else "equal"},
                    calculator="receipts", source=("002",) if program == "mutual_aid" else ("004",))


_OK_WORDS = r"代扣成功|扣款成功|成功|succeeded|successfully|successful|deducted ok|deducted fine|went through|deducted"
_FAILED_WORDS = r"代扣失败|扣款失败|失败|没扣成功|未成功|扣不了|不能代扣|failed|unsuccessful|not deducted|could not be deducted|bounced"
_APPLIED_WORDS = r"申请代扣|申请参保|申请|参保|一共|总共|共有|共|applied for|applied|apply for|enrolled|in total|total of"


def _deduction_figures(norm: str) -> dict:
    """The figures of an entrusted deduction, each by its unit and the words beside it: the deduction per
    person ("代扣金额300元", "500一个人", "at 100 yuan each"), the people who applied, succeeded and failed
    ("12个人参保，代扣成功8个人", "15 retirees applied, 12 deducted OK", "23 retirees were deducted successfully")."""
    from domain.answers.quantities import near, quantities

    qs = quantities(norm)
    each = [q for q in qs if q.unit == "per_person"]
    amount = each[0] if each else None
    if amount is None:  # "代扣金额300", "每人扣300": the amount's own words, with or without 元
        amount = near(norm, qs, r"代扣金额|扣款金额|代扣额|扣款额|每人扣|每人代扣|每人|deduction amount", units=("yuan", ""), reach=8)
    if amount is None:
        amount = near(norm, qs, r"设为|设成|定为|定成|设置为|设置成|set to|set at", units=("yuan",), reach=4)
    if amount is None:
        amount = near(norm, qs, r"扣多少|deduction of|deduction at|deduction is|deduction set at|set the deduction|"
                                r"deduction to|set it at|set at|at", units=("yuan",), reach=24)
    ok = near(norm, qs, _OK_WORDS)
    failed = near(norm, qs, _FAILED_WORDS, taken=(ok,) if ok else ())
    used = tuple(q for q in (ok, failed) if q)
    people = near(norm, qs, _APPLIED_WORDS, taken=used)
    if people is None:
        heads = [q for q in qs if q.unit == "people" and q not in used]
        people = max(heads, key=lambda q: q.value) if heads else None
    return {"amount": amount.value if amount else None, "ok": ok.value if ok else None,
            "failed": failed.value if failed else None, "people": people.value if people else None}


def retiree_deduction(u: Understanding, today: date) -> Computed | None:
    from domain.answers.understand import asks_amount_words

    norm = normalize(u.text)
    if u.program != "retiree" and "代扣" not in norm and "deduct" not in norm:
        return None
    figures = _deduction_figures(norm)
    people, ok, amount = figures["people"], figures["ok"], figures["amount"]
    if people is None and ok is not None and figures["failed"] is not None:
        people = ok + figures["failed"]
    if ok is None and people is not None and figures["failed"] is not None and figures["failed"] <= people:
        ok = people - figures["failed"]
    if people is None:
        people = ok if ok is not None else u.people
    # "12个人总保费5400，代扣成功的8个人一共扣了800": the batch's premium and what the deduction took
    total = _after(norm, "总保费|参保总费用|总费用|保费总额|保费一共|保费合计|total premium|premium of|premium is",
                   unit=r"\s*(?:元|块|yuan)?")
    deducted = _after(norm, "一共扣了|共扣了|总共扣了|扣了|扣到|deducted a total of|deducted", unit=r"\s*(?:元|块|yuan)?")
    if deducted is not None and ok is not None and deducted == ok:
        deducted = None  # ("deducted 12 people": the count, not the money)
    if amount is None and deducted is not None and ok:
        amount = deducted / ok
    if people is not None and amount is None and ok is not None and ok < people and _matches(
            norm, vocabulary().get("options_asks", [])):
        # no amount, but some deductions failed: what the unit can do about those ([004])
        return Computed("deduction_failed", "retiree", {"people": int(people), "ok": int(ok),
                                                        "failed": int(people - ok)}, calculator="retiree", source=("004",))
    from domain.calc.retiree import deduction_unknown, retiree_deduction as deduction

    if amount is None and people is not None and ok is not None and asks_amount_words(u.text) and re.search(
            r"单位|unit|company|employer", norm):
        # "12个人参保，总费用5400，代扣成功8个人，单位还要缴多少": no amount, so the rule and its bounds
        try:
            result = deduction_unknown(int(people), int(ok), total_premium=total)
        except CalcError as exc:
            return Computed("retiree_deduction", "retiree", error=exc, calculator="retiree", source=("004",))
        return Computed("deduction_unknown", "retiree", result, calculator="retiree", source=("004",))
    if people is None and amount is not None:
        try:  # "每人代扣500元，行不行": no headcount, but the amount alone breaks the rule
            deduction(amount, 1)
        except CalcError as exc:
            return Computed("retiree_deduction", "retiree", error=exc, calculator="retiree", source=("004",))
    if people is None or amount is None:
        return None

    try:
        result = deduction(amount, int(people), succeeded=int(ok) if ok is not None else None,
                           premium=total / people if total else None)
    except CalcError as exc:
        return Computed("retiree_deduction", "retiree", error=exc, calculator="retiree", source=("004",))
    return Computed("retiree_deduction", "retiree", result, calculator="retiree", source=("004",))


def roster_limits(u: Understanding, today: date) -> Computed | None:
    """The roster's own limits applied to the question's numbers: 5,000 people per import template
    [002], at least 50 % valid mobile numbers in the retiree roster [004]."""
    from math import ceil

    from domain.calc.data import latest

    norm = normalize(u.text)
    m = re.search(rf"{_NUM}\s*(?:个|位|名)?\s*(?:人|退休职工|退休人员|职工|retirees|people)[^\d]{{0,16}}?"
                  rf"(?:有效手机号|有效的手机号|valid (?:mobile|phone)(?: numbers?)?)\D{{0,6}}?{_NUM}", norm)
    if m is None:
        m2 = re.search(rf"{_NUM}\s*(?:个|位|名)?\s*(?:人|retirees|people)\D{{0,20}}?(?:only\s+)?{_NUM}\s*"
                       rf"(?:(?:of them\s+)?(?:have|has|with)\s+)?(?:valid|有效)", norm)
        m = m2
    invalid = False
    if m is None:
        # "导入100个退休职工，只有40个手机号是有效的"; "200个退休职工，其中90个手机号是空的或者错的"
        m = re.search(rf"{_NUM}\s*(?:个|位|名)?\s*(?:人|退休职工|退休人员|职工|retirees|people)\D{{0,12}}?{_NUM}\s*(?:个|位|名)?\s*"
                      rf"(?:的|of the\s+|of their\s+)?\s*(?:手机号|手机号码|电话|mobile numbers?|phone numbers?)\D{{0,6}}?"
                      rf"(有效|valid|空|错|无效|不对|invalid|missing|wrong|blank)",
                      norm)
        invalid = bool(m) and m[3] not in ("有效", "valid")
    counted = None
    if m:
        total, valid = int(_num(m[1])), int(_num(m[2]))
        counted = (total, total - valid if invalid else valid)  # (a count of the missing or wrong numbers)
    else:
        counted = _phone_counts(norm)
    if counted and (u.program is None or "retiree" in u.programs):
        total, valid = counted
        rules = latest("retiree").raw.get("roster_checks", {})
        need = rules.get("phone_valid_min")
        if need and total > 0 and valid <= total:
            pct = Decimal(valid * 100) / Decimal(total)
            return Computed("phone_ratio", "retiree", {"total": total, "valid": valid, "pct": pct.quantize(Decimal("0.1")),
                                                       "min_pct": Decimal(str(need)) * 100,
                                                       "ok": pct >= Decimal(str(need)) * 100}, source=("004",))
    if m is None and (u.program is None or "retiree" in u.programs) and u.people and re.search(
            r"有效|valid", norm) and re.search(r"手机|电话|mobile|phone", norm) and _matches(
            reading(u.text), ["几个", "多少个", "多少", "至少", "起码", "最少", "how many", "at least", "minimum"]):
        # "我们20个退休人员，手机号起码要几个有效的": the fewest valid numbers the roster of that many needs
        need = latest("retiree").raw.get("roster_checks", {}).get("phone_valid_min")
        if need:
            least = ceil(Decimal(u.people) * Decimal(str(need)))
            return Computed("phone_needed", "retiree", {"total": u.people, "least": int(least),
                                                        "min_pct": Decimal(str(need)) * 100}, source=("004",))
    if u.program in (None, "mutual_aid") and u.people and _matches(norm, ["导入", "模板", "excel", "一次传", "一次导",
                                                                            "上传", "文件", "拆成", "分成", "分几",
                                                                            "import", "template", "upload", "file"]):
        limit = latest("mutual_aid").raw.get("roster_checks", {}).get("import_max_rows")
        if limit and u.people > int(limit):
            return Computed("import_limit", "mutual_aid", {"people": u.people, "limit": int(limit),
                                                            "files": ceil(u.people / int(limit))}, source=("002",))
    return None


_PHONE = r"手机号码|手机号|手机|电话号码|电话|号码|mobile numbers?|phone numbers?|mobiles|phones|numbers"
_PHONE_OK = r"有效|对的|正确|是对的|没问题|能用|valid|correct|right|good|usable|working"
_PHONE_BAD = r"无效|错的|错误|不对|是错的|空的|空着|空白|为空|没填|未填|缺|不正确|invalid|wrong|blank|missing|empty|incorrect|bad"


def _phone_counts(norm: str) -> tuple[int, int] | None:
    """The people of a roster and how many of their mobile numbers are valid, by the words beside each count
    ("我们20个退休的，只有9个手机号是对的", "退休的一共30个人 手机号有16个有效的", "of 40 retirees only 15 have a
    correct phone"): (total, valid), or None without both."""
    from domain.answers.quantities import near, quantities

    if not re.search(_PHONE, norm) or not re.search(f"{_PHONE_OK}|{_PHONE_BAD}", norm):
        return None
    qs = [q for q in quantities(norm) if q.whole and q.unit in ("people", "count", "")]
    phone = next((q for q in qs if re.match(_PHONE, q.noun)), None) or near(norm, qs, _PHONE, units=("count", ""),
                                                                                    reach=20 if norm.isascii() else 6)
    if phone is None:
        return None
    rest = [q for q in qs if q is not phone and q.value >= phone.value and (q.unit == "people" or not q.noun)]
    if not rest:
        return None
    total = next((q for q in rest if q.unit == "people"), rest[0])
    # the clause of the count says which numbers it counts ("只有9个手机号是对的", "手机号空着的有30个")
    start = max((m.end() for m in CLAUSE_END.finditer(norm[:phone.start])), default=0)
    clause = CLAUSE_END.split(norm[start:])[0]
    bad = re.search(_PHONE_BAD, clause) and not re.search(_PHONE_OK, clause)
    return int(total.value), int(total.value - phone.value if bad else phone.value)


CLAUSE_END = re.compile(r"[，,。；;？?！!]")


def preset_account(u: Understanding, today: date) -> Computed | None:
    """'Our enrollment code is 310088: what is our preset account?' — tuixiu + the code [004]."""
    norm = normalize(u.text)
    if not _matches(norm, ["预派", "预置", "初始密码", "默认账号", "默认登录", "默认的账号", "默认的登录", "初始账号", "preset",
                           "initial password", "pre-assigned", "pre assigned", "default account", "default login",
                           "initial account"]) or not (
            "retiree" in u.programs or not set(u.programs) - {"general"}):
        return None  # (only [004] pre-assigns accounts: a question naming no other programme is about it)
    m = re.search(r"(?:参保编码|编码|enrollment code|enrolment code|code)\D{0,6}?(\d{5,12})", norm)
    if m is None:
        return None
    from domain.calc.data import latest

    preset = latest("retiree").raw.get("preset_account")
    if not preset:
        return None
    return Computed("preset_account", "retiree", {"account": f"{preset['prefix']}{m[1]}", "code": m[1],
                                                  "password": preset["password"]}, source=("004",))


def _shifted(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + years, day=28)


def window_state(u: Understanding, deadline) -> Computed:
    """'Today is 20 December: can the district union submit now?' — a calendar entry's window (or
    deadline, or opening) against the day the question names. The manuals give one year's dates; a day
    of another year is compared with the same dates moved to that year (and the answer says so)."""
    day = u.day
    end = deadline.due
    start = deadline.starts
    best = None
    for years in (day.year - end.year - 1, day.year - end.year, day.year - end.year + 1):
        s = _shifted(start, years).date() if start else None
        e = _shifted(end, years).date()
        lo = s or e
        gap = 0 if lo <= day <= e else min(abs((day - lo).days), abs((day - e).days))
        if best is None or gap < best[0]:
            best = (gap, years)
    years = best[1]
    start_at = _shifted(start, years) if start else None
    due_at = _shifted(end, years)
    if deadline.kind == "opens":
        state = "opened" if day >= due_at.date() else "not_open"
    elif start_at is not None and day < start_at.date():
        state = "before"
    elif day > due_at.date():
        state = "closed"
    elif day == due_at.date():
        state = "last_day"
        if u.clock is not None and deadline.kind != "opens":
            # "6月30号晚上八点钟还来得及吗": the hour asked against the hour the entry closes that day
            state = "in_time" if u.clock < due_at.time() else "too_late"
    else:
        state = "open"
    if state == "before" and u.clock is not None and start_at is not None and day == start_at.date() \
            and u.clock >= start_at.time():
        state = "open"
    return Computed("window_state", _program_of(deadline.program),
                    {"deadline": deadline, "day": day, "state": state, "starts": start_at, "due": due_at,
                     "clock": u.clock},
                    params={"shifted": years != 0, "manual_year": end.year}, source=(deadline.source,))


def deadline_days(deadline) -> Computed:
    """'退休住院计划集中参保最后一天是星期几？几点关？' — a calendar entry's own days with their weekdays and hours."""
    return Computed("deadline_days", _program_of(deadline.program),
                    {"deadline": deadline, "starts": deadline.starts, "due": deadline.due}, source=(deadline.source,))


_AGE = re.compile(r"(?<!\d)(\d{2})\s*(?:周岁|岁)|(?<!\d)(\d{2})[- ]years?[- ]old|\baged?\s+(\d{2})\b")


def eligibility(u: Understanding, today: date) -> Computed | None:
    """'A woman outside 职保, 56: can she still join A1 or the accident cover?' — the age rule of [002]."""
    if u.program not in (None, "mutual_aid"):
        return None
    words = vocabulary().get("eligibility", {})
    norm = normalize(u.text)
    m = _AGE.search(norm)
    over_age = bool(_matches(norm, words.get("over_age", [])))
    if not _matches(norm, words.get("can", [])) and not over_age:
        return None
    born, month_only = _born(norm) if m is None else (None, False)
    on = None
    if born is not None:
        # "1969年5月出生的女职工": her age on the day asked, or on 1 July of the protection year named, or on the
        # 1st of the month named with its year ("2023年7月集中参保", "join C1 in July 2023"), or today
        year = _plan_year(norm, None, today)
        on = u.day or (date(year, 7, 1) if year else _month_named(norm) or today)
    not_zhibao = bool(_matches(norm, words.get("not_zhibao", [])))
    if m is None and born is None and not not_zhibao:
        return None  # (without an age only "outside 职保" says something: never A0, the rest by age)
    gender = "F" if _matches(norm, words.get("female", [])) else "M" if _matches(norm, words.get("male", [])) else None
    if over_age and (m is not None or born is not None):
        # "1962年5月出生，2023年7月集中参保，会不会被判超龄": the roster's own over-age check ([002] 规则一)
        from domain.calc.eligibility import over_age_check

        age = int(next(g for g in m.groups() if g)) if m else \
            on.year - born.year - ((on.month, on.day) < (born.month, born.day))
        return Computed("over_age", "mutual_aid", over_age_check(age, gender),
                        params={"born": born, "on": on, "month_only": month_only}, source=("002",))
    groups = list(dict.fromkeys(group_of(i) for i in u.items))
    for group, names in (words.get("groups") or {}).items():
        if _matches(norm, names) and group not in groups:
            groups.append(group)
    if u.program is None and not groups:
        return None
    gender = "F" if _matches(norm, words.get("female", [])) else "M" if _matches(norm, words.get("male", [])) else None
    zhibao = False if _matches(norm, words.get("not_zhibao", [])) else True if _matches(norm, words.get("zhibao", [])) else None
    order = {g: i for i, g in enumerate(GROUPS)}
    age = int(next(g for g in m.groups() if g)) if m else None
    if born is not None:
        age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    result = mutual_aid_eligibility(age, gender, zhibao, sorted(groups, key=order.get) or None)
    return Computed("eligibility", "mutual_aid", result, params={"born": born, "on": on, "month_only": month_only},
                    source=("002",))


_BORN_ZH = re.compile(r"(19\d\d|20\d\d)\s*年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号])?\s*(?:份)?\s*(?:出生|生的|生人|出世)|"
                      r"(?:出生于|生于|出生日期是?|生日是?)\s*(19\d\d|20\d\d)\s*[年.-]\s*(\d{1,2})(?:\s*[月.-]\s*(\d{1,2}))?")
_BORN_EN = re.compile(r"born\s+(?:in\s+|on\s+)?(?:(" + "|".join(_MONTHS_EN) + r")\s+(?:(\d{1,2})(?!\d)(?:st|nd|rd|th)?,?\s+)?)?"
                      r"(19\d\d|20\d\d)(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")


def _month_named(norm: str) -> date | None:
    """The 1st of a month written with its year that is not the birth date ("1962年5月出生，2023年7月集中参保" →
    2023-07-01, "born 1965-03 … in July 2023")."""
    from domain.answers.understand import MONTH_EN, MONTH_YEAR_ZH, MONTHS_EN

    born = [m.span() for rx in (_BORN_ZH, _BORN_EN) for m in rx.finditer(norm)]
    for m in MONTH_YEAR_ZH.finditer(norm):
        if not any(a <= m.start() < b for a, b in born) and 1 <= int(m[2]) <= 12:
            return date(int(m[1]), int(m[2]), 1)
    for m in MONTH_EN.finditer(norm):
        if m[2] and not any(a <= m.start() < b for a, b in born):
            return date(int(m[2]), MONTHS_EN[m[1]], 1)
    return None


def _born(norm: str) -> tuple[date | None, bool]:
    """A birth date ("1969年5月出生", "出生于1968-03-02", "born in May 1969"; the 1st when no day is given) and
    whether only the month was said."""
    m = _BORN_ZH.search(norm)
    try:
        if m:
            y, mo, d = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
            return date(int(y), int(mo), int(d) if d else 1), not d
        m = _BORN_EN.search(norm)
        if m:
            if m[4]:  # "born 1968-03-02", "born 1965-03"
                return date(int(m[3]), int(m[4]), int(m[5]) if m[5] else 1), not m[5]
            return date(int(m[3]), _MONTHS_EN.index(m[1]) + 1 if m[1] else 1, int(m[2]) if m[2] else 1), not m[2]
    except ValueError:
        return None, False
    return None, False


def pending_validation(u: Understanding, today: date) -> Computed | None:
    """'待办会员共80人，校验通过77人，3人没通过，能提交办卡吗？' — [003]: the members who failed or were not
    validated must be removed before the card application; the batch then holds those who passed."""
    norm = normalize(u.text)
    if u.program not in (None, "member_card") or not _matches(norm, ["待办", "办卡", "card"]):
        return None  # (a mutual-aid roster's validation counts are another matter)

    def count(*patterns: str) -> int | None:
        for rx in patterns:
            m = re.search(rx, norm)
            if m:
                return int(m[1])
        return None

    n = r"(\d+)\s*(?:个|位|名)?\s*人?"
    passed = count(rf"(?:校验通过|验证通过)\D{{0,3}}?{n}", rf"{n}\s*(?:校验通过|通过校验|通过了校验)",
                   r"(\d+)\s+(?:members?\s+|people\s+)?(?:have\s+)?passed")
    if passed is None:
        return None
    total = count(rf"(?:待办会员共|待办共|待办会员|待办里|待办|共有|一共|总共)\D{{0,3}}?{n}",
                  r"(\d+)\s+(?:members?\s+|people\s+)?(?:are\s+|in\s+the\s+)?pending", r"pending\D{0,12}?(\d+)")
    failed = count(rf"{n}\s*(?:没通过|未通过|不通过|没过)", rf"(?:未通过|没通过|不通过)\D{{0,3}}?{n}", r"(\d+)\s+(?:have\s+)?failed")
    if total is None and failed is None:
        return None
    total = total if total is not None else passed + failed
    if passed > total:
        return None
    return Computed("pending_validation", "member_card", {"total": total, "passed": passed,
                                                          "remove": total - passed}, source=("003",))


def ss_card_lists(u: Understanding, today: date) -> Computed | None:
    """'SS-card instant: 5 people are in 待提交 and 3 are stuck in 待校验. How many can we submit?' — [000]: only
    the 待提交 list's people are submitted (ticked, then 提交至上级审核); those in 待校验 cannot be submitted
    (此列表中人员不能提交参保) until 获取社保卡和就业状态 validates them again."""
    norm = normalize(u.text)
    if u.program not in (None, "ss_card", "card_enrollment") or not _matches(
            reading(u.text), ["几个", "几人", "多少人", "多少个", "how many", "how much of", "how many people"]):
        return None
    counts: dict[str, int] = {}
    for clause in _ITEM_CLAUSE.split(norm):
        named = [name for name in ("待提交", "待校验") if name in clause]
        numbers = re.findall(r"(?<![\d.])(\d+)(?![\d.])", clause)
        if len(named) == 1 and len(numbers) == 1:  # each list with its own count, one clause each
            counts.setdefault(named[0], int(numbers[0]))
    ready, waiting = counts.get("待提交"), counts.get("待校验")
    if ready is None or waiting is None:
        return None
    return Computed("ss_card_lists", "ss_card", {"ready": ready, "waiting": waiting}, source=("000",))


def _benefit_kinds(norm: str) -> list[str]:
    return [kind for kind, words in (vocabulary().get("benefit_kinds") or {}).items() if _matches(norm, words)]


def benefit_arithmetic(u: Understanding, today: date) -> Computed | None:
    """Arithmetic on the [002] benefit table: 'A3 住院了20天，按天数补贴能拿多少' → 20 × 300 = 6,000 (capped at
    the item's maximum); 'difference in accidental death benefit between C1 and C3' → 30万 − 5万 = 25万."""
    if u.program not in (None, "mutual_aid"):
        return None
    norm = reading(u.text)
    from domain.calc.benefits import benefit_difference, daily_allowance
    from domain.calc.data import latest
    from domain.answers.understand import read_number

    year = latest("mutual_aid").year
    kinds = _benefit_kinds(norm)
    if "免责" in norm or "等待期" in norm or "waiting" in norm:
        return None  # (the days of a waiting period are not a stay in hospital)
    days = None
    from domain.answers.understand import _digits_in_dates

    stay = _digits_in_dates(norm)
    for s_, e_, _ in _all_dates(stay, today):  # ("10月15日住院" is a day, not 15 days in hospital)
        stay = stay[:s_] + " " * (e_ - s_) + stay[e_:]
    for rx in vocabulary().get("hospital_days_patterns", []):
        m = re.search(rx, stay)
        if m and not (m[1] == "一" or m[1] in ("a", "one")):  # ("住院一天补多少": the rate per day, not a stay)
            days = read_number(m[1])
            break
    items = [i for i in u.items]
    if days is not None and (not items or any(i.startswith("A") for i in items)) and \
            ("daily_allowance" in kinds or _matches(norm, vocabulary().get("amount_asks", []) + ["能拿", "能赔", "赔多少", "补多少", "给多少", "pay", "get"])):
        try:
            result = daily_allowance(items or ["A1", "A2", "A3"], int(days), year)
        except CalcError as exc:
            return Computed("daily_allowance", "mutual_aid", error=exc, source=("002",))
        return Computed("daily_allowance", "mutual_aid", result, params={"assumed_items": not items}, source=("002",))
    if len(items) == 2 and len(kinds) >= 1 and _matches(norm, vocabulary().get("difference_words", [])):
        kind = next((k for k in kinds if k != "daily_allowance"), kinds[0])
        try:
            result = benefit_difference(kind, items[0], items[1], year)
        except CalcError:
            return None  # (an item without that benefit: the texts answer what each pays)
        return Computed("benefit_difference", "mutual_aid", result, source=("002",))
    return None


def _labelled(norm: str, words, taken: set[int] | None = None, before: bool = True) -> int | None:
    """The count a screen label shows: right after it ("会员总人数：128人", "没办卡的20个", "退休 0") or, with
    ``before``, right before it ("32 without a card"); a number at a position in ``taken`` is another label's
    (the positions of the numbers read are added to it)."""
    taken = set() if taken is None else taken
    for w in sorted((normalize(str(x)) for x in words), key=len, reverse=True):
        for m in re.finditer(rf"(?<![a-z]){re.escape(w)}(?![a-z])\s*(?:的)?\s*(?:人数|人|number|count|of)?\s*[:：为是有=]?\s*(\d+)",
                             norm):
            if m.start(1) not in taken:
                taken.add(m.start(1))
                return int(m[1])
        if not before:
            continue
        for m in re.finditer(rf"(?<![\d.])(\d+)\s*(?:人|个|位|名|people|members?)?\s*(?:are\s+|were\s+)?{re.escape(w)}(?![a-z])",
                             norm):
            if m.start(1) not in taken:
                taken.add(m.start(1))
                return int(m[1])
    return None


def screen_headcount(u: Understanding, today: date) -> Computed | None:
    """'会员总人数 128, 未办卡人数 32, 退休 0, 死亡 0, 待确认 1: how many are on the enrollment list?' — the
    collective enrollment screen of the member-exclusive protection ([001]): 128 − 32 − 0 − 0 − 1 = 95."""
    norm = normalize(u.text)
    labels = vocabulary().get("screen_counts") or {}
    if not _matches(norm, labels.get("total", [])):
        return None
    # each number is one label's: the counts written after their labels first ("会员总数120 没办卡的20个": the 120
    # is the total's, not the count of those without a card written before it)
    taken: set[int] = set()
    counts = {k: _labelled(norm, words, taken, before=False) for k, words in labels.items()}
    for k, words in labels.items():
        if counts[k] is None:
            counts[k] = _labelled(norm, words, taken)
    if counts.get("total") is None or (counts.get("no_card") is None and counts.get("unconfirmed") is None):
        return None
    if not _matches(reading(u.text), ["多少人", "几个人", "几人", "多少个", "参保人数", "how many", "number of"]):
        return None
    from domain.calc.member_basic import collective_headcount

    try:
        result = collective_headcount(counts["total"], *(counts.get(k) or 0 for k in ("no_card", "retired", "deceased",
                                                                                     "unconfirmed")),
                                      submitted=counts.get("submitted"))
    except CalcError as exc:
        return Computed("screen_headcount", "card_enrollment", error=exc, source=("001",))
    return Computed("screen_headcount", "card_enrollment", result, source=("001",))


CJK_RUN = re.compile(r"[\u4e00-\u9fff]")
_CHANNELS = {"card": r"会员卡参保通道|会员卡参保|会员卡通道|member[- ]card (?:enrol?lment )?channel|member[- ]card enrol?lment",
             "ss": r"社保卡参保通道|社保卡参保|社保卡通道|social[- ]security[- ]card (?:enrol?lment )?channel|ss[- ]card (?:enrol?lment )?channel|"
                   r"social[- ]security[- ]card enrol?lment"}


def _channel_counts(norm: str) -> dict[str, int]:
    """The count written next to each channel's name, the nearest on either side ("会员卡参保通道显示3人",
    "4 in the member-card channel"); a number is one channel's only."""
    numbers = [(m.start(), m.end(), int(m[1])) for m in re.finditer(r"(?<![\d.])(\d+)(?![\d.])", norm)]
    # Chinese writes the count after the name, English mostly before it: the other side counts as farther
    after_first = bool(CJK_RUN.search(norm))
    pairs = []
    for key, label in _CHANNELS.items():
        for m in re.finditer(label, norm):
            for k, (a, b, n) in enumerate(numbers):
                gap = a - m.end() if a >= m.end() else m.start() - b if b <= m.start() else None
                if gap is not None and gap <= 12 and not re.search(r"[，,。；;？?]", norm[min(b, m.end()):max(a, m.start())]):
                    pairs.append((gap + (0 if (a >= m.end()) == after_first else 12), key, k, n))
    out: dict[str, int] = {}
    used: set[int] = set()
    for gap, key, k, n in sorted(pairs):
        if key not in out and k not in used:
            out[key] = n
            used.add(k)
    return out


def channel_total(u: Understanding, today: date) -> Computed | None:
    """'同一批次号，会员卡参保通道显示3人、社保卡参保通道显示5人，一共多少人' — [000]: each channel shows only its own
    people of a batch (常见问题), and the batch's 合计参保人数 counts both: 3 + 5 = 8."""
    norm = normalize(u.text)
    if not (re.search(_CHANNELS["card"], norm) and re.search(_CHANNELS["ss"], norm)):
        return None
    # a headcount asked ("一共是多少人"), not the batch's money ("会员卡参保1人、社保卡参保2人，一共多少钱")
    read = reading(u.text)
    if _matches(read, ["多少钱", "费用", "保费", "几块", "how much", "cost", "premium", "fee"]) or not _matches(read, ["多少人", "几个人", "几人", "多少个人", "总人数", "合计参保人数",
                                                             "how many", "headcount", "number of people"]):
        return None
    counts = _channel_counts(norm)
    if len(counts) < 2:
        return None
    card, ss = counts["card"], counts["ss"]
    return Computed("channel_total", "ss_card", {"card": card, "ss": ss, "total": card + ss}, source=("000",))


_MONTH_TOKEN = r"(\d{1,2}|十一|十二|[一二三四五六七八九十])"
_RETIRED_ZH = re.compile(r"(?:(20\d\d)\s*年\s*|(去年|今年|前年)\s*)?" + _MONTH_TOKEN +
                         r"\s*月\s*(?:(\d{1,2})\s*[日号])?\s*(?:份)?\s*(?:底|初|中)?\s*(?:当天|当日|那天)?\s*(?:的时候)?\s*"
                         r"(?:才|就|已经|已|刚|刚刚)?\s*(?:办理了?|办了|办的)?\s*退(?:了|的)?休")
_RETIRED_EN = re.compile(r"retired\s+(?:in\s+|on\s+|at the end of\s+)?(?:(last|this)\s+)?(" + "|".join(_MONTHS_EN) +
                         r")(?:\s+(\d{1,2})(?!\d)(?:st|nd|rd|th)?)?(?:,?\s+(20\d\d))?")
_PLAN_YEAR = re.compile(r"(20\d\d)\s*年\s*(?:度)?\s*(?:的)?\s*(?:集中参保|参保|保障|退休住院计划|会员专享)|"
                        r"(?:for|in)\s+(?:the\s+)?(20\d\d)\s+(?:collective|enrollment|enrolment|plan|protection|year)|"
                        r"(20\d\d)\s+(?:collective|enrollment|enrolment|protection year|plan year)")


def _retired_on(norm: str, today: date) -> tuple[date | None, tuple[int, int, bool] | None]:
    """The day someone retired ("2024年9月退休", "去年10月份退休的", "retired in October 2022"; the 1st when no
    day is given), where it is written and whether only its month was."""
    from domain.answers.understand import _zh_number

    m = _RETIRED_ZH.search(norm)
    if m:
        year = int(m[1]) if m[1] else {"去年": today.year - 1, "今年": today.year, "前年": today.year - 2}.get(m[2] or "", None)
        month = int(m[3]) if m[3].isdigit() else _zh_number(m[3])
        if year is None or not month or not 1 <= month <= 12:
            return None, None
        try:
            return date(year, month, int(m[4]) if m[4] else 1), (*m.span(), not m[4])
        except ValueError:
            return None, None
    m = _RETIRED_EN.search(norm)
    if m:
        year = int(m[4]) if m[4] else (today.year - 1 if m[1] == "last" else today.year if m[1] == "this" else None)
        if year is None:
            return None, None
        try:
            return date(year, _MONTHS_EN.index(m[2]) + 1, int(m[3]) if m[3] else 1), (*m.span(), not m[3])
        except ValueError:
            return None, None
    return None, None


def _plan_year(norm: str, skip: tuple[int, int] | None, today: date) -> int | None:
    for m in _PLAN_YEAR.finditer(norm):
        if skip and skip[0] <= m.start() < skip[1]:
            continue
        return int(m[1] or m[2] or m[3])
    if re.search(r"今年(?:的)?(?:集中参保|参保)|this year's (?:collective|enrol)", norm):
        return today.year
    if re.search(r"明年(?:的)?(?:集中参保|参保)|next year's (?:collective|enrol)", norm):
        return today.year + 1
    return None


def retirement(u: Understanding, today: date) -> Computed | None:
    """A member's retirement day against the rule that depends on it: [004] 新退休 ("上年度7月1至本年度6月30号办理退休",
    no material needed) for the retiree plan; [001] the member-exclusive collective enrollment (retired before
    1 January: outside it; the system greys out only those retired by the end of August, September to December
    are removed by hand, 不予给付 otherwise)."""
    norm = normalize(u.text)
    retired, span = _retired_on(norm, today)
    if retired is None:
        return None
    year = _plan_year(norm, span, today)
    new_words = _matches(norm, ["新退休", "new retiree", "newly retired", "new retirees"])
    # a retiree without social-security information to upload material for is [004]'s case even when no programme is
    # named ("去年9月退休的人没有社保信息，算哪类，要上传材料吗"): only the retiree plan classifies them
    unmatched = u.program is None and _matches(norm, ["社保信息", "无社保", "没社保", "没有社保", "no social security",
                                                      "social security information", "social-security information"]) \
        and _matches(norm, ["材料", "上传", "哪类", "哪一类", "哪种", "material", "upload", "which case", "which category"])
    if new_words or unmatched or (u.program == "retiree" and _matches(
            norm, ["材料", "上传", "无社保", "没社保", "没有社保", "社保记录", "material", "upload", "no social security"])):
        from domain.calc.retiree import new_retiree

        try:
            return Computed("new_retiree", "retiree", new_retiree(retired, year), params={"month_only": span[2]},
                            source=("004",))
        except CalcError:
            return None
    if u.program not in (None, "card_enrollment", "member_card", "general") or not _matches(
            norm, ["标灰", "系统", "去掉", "剔除", "排除", "名单", "一起保", "跟着", "管他", "管她", "要管", "能保", "还能保", "集中参保",
                   "greyed", "grayed", "system", "remove", "exclude", "list", "collective"]):
        return None
    from domain.calc.member_basic import retired_member

    try:
        return Computed("retired_member", "card_enrollment", retired_member(retired, year),
                        params={"month_only": span[2]}, source=("001",))
    except CalcError:
        return None


def item_selection(u: Understanding, today: date) -> Computed | None:
    """'Can one employee have both A1 and A2? And can we buy A2 alone?' — each part's items against [002]'s
    selection rules (a basic item at least; at most one level per enhanced line; enhanced only on a basic
    item; each item once), by the calculator's own check."""
    if not u.items or u.program not in (None, "mutual_aid") or asks_amount(u):
        return None
    norm = reading(u.text).replace("跟着一起", " ").replace("跟大家一起", " ")  # (along with the others: a person joining)
    if not _matches(norm, vocabulary().get("selection_words", [])) or not _matches(norm, vocabulary().get("selection_asks", [])):
        return None
    words = vocabulary().get("eligibility", {})
    if _AGE.search(norm) or re.search(r"退休|retire", norm) or _matches(norm, words.get("not_zhibao", [])):
        return None  # who may join (a retiree, an age, outside 职保) is another question than which items go together
    from domain.answers.understand import ITEM
    from domain.calc.mutual_aid import check_selection

    parts = []
    for clause in re.split(r"[？?。；;！!]", normalize(u.text)):
        items = list(dict.fromkeys(f"{a.upper()}{b}" for a, b in ITEM.findall(clause)))
        if items:
            parts.append((items, check_selection(items)))
    if not parts:
        return None
    return Computed("item_selection", "mutual_aid", parts, source=("002",))


_QUOTED = re.compile(r"[\"“”「」『』'‘’](.{1,40}?)[\"“”「」『』'‘’]")


def address_length(u: Understanding, today: date) -> Computed | None:
    """'导入表里工作单位地址就写了"浦东新区"四个字，行不行' — the member import's work address must be at least 6
    characters for a service card ([001]); the rule's figure is the roster template's (``address_min_chars``)."""
    norm = normalize(u.text)
    if not _matches(norm, ["地址", "address"]):
        return None
    m = _QUOTED.search(u.text)
    if m is None:
        return None
    from domain.roster.config import load_config

    need = load_config().templates["members"].address_min_chars
    if not need:
        return None
    written = m[1].strip()
    if not re.search(r"[\u4e00-\u9fff]", written):
        return None  # (the rule counts 字: a Latin spelling of the address is not what the sheet holds)
    return Computed("address_length", "member_card", {"address": written, "length": len(written.replace(" ", "")),
                                                      "min": int(need)}, source=("001",))


def repeated_submission(u: Understanding, today: date) -> Computed | None:
    """'12月20号交了一次集中参保，12月24号又改了重新交了一次，以哪次为准？' — [001]: the grassroots submission may be
    repeated until its deadline, the last one counts."""
    norm = normalize(u.text)
    if u.program not in (None, "card_enrollment", "member_card", "general") or not _matches(
            reading(u.text), ["以哪次为准", "哪次为准", "以哪个为准", "哪次算", "算哪次", "以哪一次", "哪一次有效", "which one counts",
                              "which counts", "which submission counts", "which one is valid", "which is valid"]):
        return None
    found = _all_dates(norm, today)
    if len(found) < 2:
        return None
    from domain.calc.data import program_data, years_with

    years = [y for y in years_with("member_basic") if (program_data("member_basic", y).raw.get("collective") or {}).get(
        "grassroots_submit_by")]
    if not years:
        return None
    by = program_data("member_basic", max(years)).raw["collective"]["grassroots_submit_by"]
    days = sorted({d.replace(year=by.year) for _, _, d in found})
    kept = [d for d in days if d <= by]
    if not kept:
        return None
    return Computed("repeated_submission", "card_enrollment", {"days": days, "last": kept[-1], "by": by,
                                                               "late": [d for d in days if d > by]}, source=("001",))


SOLVERS = (mutual_aid_split_fee, benefit_arithmetic, screen_headcount, channel_total, retirement, address_length, repeated_submission, eligibility, pending_validation, ss_card_lists, mutual_aid_fee, item_selection, member_basic_fee, coverage, due, processing_time, refund, receipts, retiree_deletion, retiree_deduction,
           roster_numbers, ratio_band, roster_limits, preset_account)


def compute(u: Understanding, today: date) -> Computed | None:
    for solver in SOLVERS:
        out = solver(u, today)
        if out is not None:
            if out.error is not None and (_matches(reading(u.text), vocabulary().get("permission_asks", [])) or any(
                    re.search(rx, normalize(u.text)) for rx in vocabulary().get("permission_patterns", []))):
                out.params["refused_ask"] = True  # "设成500一个人可以吗": the rule broken answers the ask with a no
            return out
    return None
