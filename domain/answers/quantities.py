"""The numbers a question writes, each with its unit: amounts ("20万", "306,000元", "1.2k yuan", "500一个人"),
headcounts ("12个人", "1.2万人", "23 retirees", "两位同事"), percentages ("53.3%", "百分之五十"), days and
working days ("2个工作日", "30 days").

A reading of the text only, never a rule: the solvers of ``domain.answers.compute`` pick the figures
they need by the words next to them (``near``). Dates, clock times, item names (A0…C3), years and codes
are not quantities. Unit words are data (``quantities`` in ``domain/data/answers/understand.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from domain.answers.text import normalize
from domain.answers.understand import EN_WORDS as COUNT_WORDS

_ZH_DIGITS = "零一两二俩三仨四五六七八九十百千万"
# understand's English number words, with the teens and tens it does not read as headcounts
EN_WORDS = {**COUNT_WORDS, "thirteen": 13, "fourteen": 14, "sixteen": 16, "seventeen": 17, "eighteen": 18,
            "nineteen": 19, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
MAGNITUDES = {"万": 10000, "w": 10000, "千": 1000, "k": 1000, "thousand": 1000, "百": 100, "hundred": 100,
              "million": 1000000, "百万": 1000000}
CLAUSE = re.compile(r"[，,。；;？?！!\n]")


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # yuan | per_person (yuan each) | people | percent | days | workdays | count (a measure word) | "" (bare)
    start: int
    end: int
    noun: str = ""  # the words right after a count's measure word ("9个手机号" → "手机号")

    @property
    def whole(self) -> bool:
        return self.value == int(self.value)


@lru_cache(maxsize=1)
def _units() -> dict:
    from domain.answers.understand import vocabulary

    return vocabulary().get("quantities") or {}


def _alt(words) -> str:
    return "|".join(re.escape(normalize(str(w))) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    u = _units()
    en_words = "|".join(sorted(EN_WORDS, key=len, reverse=True))
    number = (rf"(?P<num>\d+(?:\.\d+)?|[{_ZH_DIGITS}]+|(?<![a-z])(?:{en_words})(?![a-z]))"
              r"(?P<mag>\s*(?:百万|万|千)|w(?![a-z])|k(?![a-z])|\s+(?:thousand|million)(?![a-z]))?")
    return {
        "number": re.compile(number),
        # what follows a number, tried in this order
        "per_person": re.compile(rf"\s*(?:{_alt(u.get('yuan', []))})?\s*(?:{u.get('per_person', 'x^')})"),
        "yuan": re.compile(rf"\s*(?:{_alt(u.get('yuan', []))})(?![a-z])"),
        "percent": re.compile(r"\s*(?:%|percent\b)"),
        "workdays": re.compile(rf"\s*(?:个|个?半)?\s*(?:{_alt(u.get('workdays', []))})"),
        "days": re.compile(rf"\s*(?:{_alt(u.get('days', []))})(?![a-z期])"),
        "people": re.compile(rf"\s*(?:(?:个|位|名)\s*)?(?:{_alt(u.get('people_zh', []))})|\s+of\s+(?:them|whom|us)(?![a-z])|"
                             rf"\s+(?:(?:{_alt(u.get('people_adjectives_en', []))})\s+){{0,2}}(?:{_alt(u.get('people_en', []))})(?![a-z])"),
        "count": re.compile(r"\s*(?:个|位|名|张|份|条|批|次)(?P<noun>[^\d，,。；;？?！!\s]{0,6})"),
        "percent_zh": re.compile(r"百分之\s*(?P<num>\d+(?:\.\d+)?|[零一两二三四五六七八九十百]+)"),
        "currency_before": re.compile(r"(?:¥|￥|rmb|cny)\s*$"),
    }


def read_value(num: str, mag: str | None = None) -> float | None:
    """'4' → 4, '1.2' + '万' → 12000, '二十万' → 200000, 'twenty' → 20, '5' + 'k' → 5000."""
    from domain.answers.understand import _zh_number

    num = num.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", num):
        value = float(num)
    elif num in EN_WORDS:
        value = float(EN_WORDS[num])
    else:
        n = _zh_number(num)
        if n is None:
            return None
        value = float(n)
    if mag:
        value *= MAGNITUDES[mag.strip()]
    return value


def _skipped(norm: str) -> list[tuple[int, int]]:
    """Spans that hold numbers that are not quantities: dates, clock times, items, years, codes."""
    from domain.answers.understand import (CLOCK_DIGITS, CLOCK_EN, DAY_MONTH_EN, FULL_DATE, MONTH_DAY_EN, MONTH_DAY_ZH,
                                           MONTH_YEAR_ZH, MONTH_ZH)

    spans = []
    for rx in (FULL_DATE, MONTH_DAY_ZH, MONTH_DAY_EN, DAY_MONTH_EN, MONTH_YEAR_ZH, MONTH_ZH, CLOCK_DIGITS, CLOCK_EN,
               re.compile(r"(?<![a-z])[abc]\s*[0-3](?![0-9])"),
               re.compile(r"(?<![\d.])(?:19|20)\d\d(?:\s*(?:年|-\d|/\d)|(?![\d.,%]))(?!\s*(?:元|块|人|个|位|名|yuan|people))"),
               re.compile(r"(?:\d{1,2}|[一二三四五六七八九十两]{1,3})\s*(?:点|时)(?:半|\d{1,2}分?)?(?!\s*(?:\d|[一二三四五六七八九十]))"),
               re.compile(r"(?:周|星期|礼拜)[一二三四五六日天]"),
               re.compile(r"(?:编码|代码|code|账号|帐号|account|号码|电话|手机号)[^\d]{0,4}\d{5,}"),
               re.compile(r"[一两二三四五六七八九十]+\s*(?:月)"),
               re.compile(r"(?:统一|一共|一起|一下|一个月|一样|一致|一次性|一直|一定|一般|一旦|一并|万一|一些|一点|一张表|一条)")):
        spans += [m.span() for m in rx.finditer(norm)]
    return spans


def quantities(text: str) -> list[Quantity]:
    """Every quantity of the text, in order (the text is normalised first: positions are of ``normalize(text)``
    with thousands separators removed, as ``understand`` reads it)."""
    from domain.answers.understand import THOUSANDS

    norm = THOUSANDS.sub("", normalize(text))
    pats = _patterns()
    skip = _skipped(norm)
    out: list[Quantity] = []
    for m in pats["percent_zh"].finditer(norm):
        value = read_value(m["num"])
        if value is not None:
            out.append(Quantity(value, "percent", m.start(), m.end()))
    for m in pats["number"].finditer(norm):
        s, e = m.span("num")
        if any(a <= s < b for a, b in skip) or any(q.start <= s < q.end for q in out):
            continue
        if s and re.match(r"[a-z]", norm[s - 1]) and m["num"][0].isdigit():
            continue  # ("a0", "b2", "x3": a name, not a number)
        if s and norm[s - 1] == "第":
            continue  # ("第一张": an ordinal, not a count)
        num, mag = m["num"], m["mag"]
        if not num[0].isdigit() and num not in EN_WORDS and mag is None and len(num) == 1 and num in "百千万":
            continue
        value = read_value(num, mag)
        if value is None:
            continue
        end = m.end()
        rest = norm[end:]
        unit, noun = "", ""
        for name in ("per_person", "yuan", "percent", "workdays", "days", "people", "count"):
            u = pats[name].match(rest)
            if u and u.end() > 0:
                unit, end = name, end + u.end()
                if name == "count":
                    noun = u["noun"]
                    if _is_people_noun(noun):
                        unit = "people"
                break
        if not unit and pats["currency_before"].search(norm[:s]):
            unit = "yuan"
        if not num[0].isdigit() and not unit and (num not in EN_WORDS or num == "one"):
            continue  # a Chinese number or "one" counts only with its unit ("一共", "one of them"); "three failed" counts
        out.append(Quantity(value, unit, s, end, noun))
    return sorted(out, key=lambda q: q.start)


def _is_people_noun(noun: str) -> bool:
    return any(noun.startswith(normalize(str(w))) for w in _units().get("people_nouns_zh", []))


def near(norm: str, qs: list[Quantity], words: str, units: tuple[str, ...] = ("people", "count", ""),
         taken: tuple[Quantity, ...] = (), reach: int = 12) -> Quantity | None:
    """The quantity of one of ``units`` written closest to one of ``words`` (a regex of alternatives) in the same
    clause, before or after it ("代扣成功8个人", "8人代扣成功", "35 succeeded", "12 deducted ok"), none taken already."""
    best = None
    for w in re.finditer(words, norm):
        for q in qs:
            if q.unit not in units or q in taken:
                continue
            a, b = (q.end, w.start()) if q.end <= w.start() else (w.end(), q.start)
            if b < a:
                continue  # (the word inside the quantity)
            between = norm[a:b]
            if CLAUSE.search(between) or len(between) > reach or re.search(r"\d", between):
                continue
            gap = len(between)
            if best is None or gap < best[0]:
                best = (gap, q)
    return best[1] if best else None
