"""What a question is about: programme, intent and parameters (items, headcount, dates, amounts).

Words come from ``domain/data/answers/understand.yaml``. Everything here is a reading of the text,
never a rule: the rules stay with the calculators and the calendar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from functools import lru_cache
from pathlib import Path

import yaml

from domain.answers.text import normalize, pattern

DATA = Path(__file__).resolve().parents[1] / "data" / "answers" / "understand.yaml"
ITEM = re.compile(r"(?<![a-z])([abc])\s*([0-3])(?![0-9])", re.I)
TYPE = re.compile(r"(?<![a-z])([ab]\+?)\s*(?:类|type|型)|(?:type|类型)\s*([ab]\+?)(?![a-z])", re.I)
ZH_NUM = {"一": 1, "两": 2, "二": 2, "俩": 2, "三": 3, "仨": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
          "十": 10}
EN_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "a": 1, "an": 1}
# "30个有职保的员工", "一万二千人": a few words may stand between a counted measure word and the people
PEOPLE_ZH = re.compile(r"(\d+(?:\.\d+)?\s*[万千]|\d+|[一两二俩三仨四五六七八九十百千万零]+)\s*(?:(?:个|位|名)[^\d，,。；;？?、]{0,6}?)?\s*"
                       r"(?:人|员工|同事|职工|会员|新人|新同事|新员工)")
PEOPLE_COUNT = re.compile(r"人数\s*[:：为是有]?\s*(\d+)")
PEOPLE_EN = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an)\s+(?:new\s+|in-service\s+|in service\s+|"
                       r"retired\s+|more\s+|other\s+|full-time\s+|of our\s+|of the\s+)*"
                       r"(?:people|persons|person|employees|employee|staff|colleagues|colleague|members|member|workers|worker|hires|retirees|retiree|"
                       r"teachers|teacher|drivers|driver|nurses|nurse|doctors|engineers|clerks|couriers|cleaners|guards|"
                       r"technicians|operators|interns|trainees|contractors|labourers|laborers|enrollees|enrolees)\b")
# "会员卡参保1人、社保卡参保2人": headcounts of groups written side by side (a label, then the count)
GROUP_ZH = re.compile(r"([\u4e00-\u9fffa-z0-9+]{2,12}?)\s*(\d+|[一两二俩三仨四五六七八九十]+)\s*(?:个|位|名)?\s*(?:人|员工|同事|职工|会员)(?![数员])")
GROUP_SEP = re.compile(r"(?:[、，,；;+\s]|和|及|与|加|另有|还有|另外)+")
# "1个会员卡参保，2个社保卡参保": the count written before each group's label (a clause of its own)
GROUP_ZH_BEFORE = re.compile(r"(\d+|[一两二俩三仨四五六七八九十]+)\s*(?:个|位|名)\s*([\u4e00-\u9fffa-z+]{2,8}?)"
                             r"(?=\s*(?:[、，,；;。？?！!]|和|及|与|$))")
# "26元一人", "A类按26块/人": a rate per person, not a headcount
PER_PERSON_ZH = re.compile(r"(?:元|块|rmb|yuan)\s*(?:每|/)?\s*$")
GROUP_EN = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:(?:people|person|persons|members|member|employees|employee|staff)\s+)?"
                      r"(?:via|through|by|on|with|in|from)\s+(?:the\s+)?([a-z][a-z ]{2,30}?)(?:\s+channel)?"
                      r"(?=\s*(?:,|;|\.|\?|\band\b|$))")
# "1 member-card enrollee and 2 SS-card enrollees"
GROUP_EN_NOUN = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+([a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2}?)\s+"
                           r"(?:enrollees?|enrolees?|people|persons|members|employees|workers|staff)\b")
GROUP_SEP_EN = re.compile(r"\s*(?:,|;|\band\b|\s)+\s*")
FULL_DATE = re.compile(r"(20\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?")
MONTH_DAY_ZH = re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
MONTH_ZH = re.compile(r"(?<![\d.])(\d{1,2}|[一二三四五六七八九十]|十一|十二)\s*月(?!\s*\d{1,2}\s*[日号])(?:份)?")
MONTHS_EN = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTH_DAY_EN = re.compile(r"\b(" + "|".join(MONTHS_EN) + r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b")
DAY_MONTH_EN = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + "|".join(MONTHS_EN) +
                          r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?:\b|\.)")  # "29 Dec 2023"
MONTH_EN = re.compile(r"\b(?:in|from|starting|starts|start|since|beginning|begins|begin|of)\s+(?:in\s+|from\s+)?("
                      + "|".join(MONTHS_EN) + r")\b(?:\s*,?\s*(20\d\d))?")
MONTH_YEAR_ZH = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])")
WEEKDAY_ZH = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")
WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_EN = re.compile(r"\b(" + "|".join(WEEKDAYS_EN) + r")\b")
AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:元|块|rmb|yuan|cny)", re.I)
# words that name the retiree plan itself, not a person who retired
RETIREE_PLAN = ("退休住院", "退休计划", "代扣", "养老金", "新退休", "retiree plan", "retiree hospitalization", "pension", "deduction")
# ...also written apart: "给退休职工交住院保障的钱" is the retiree hospitalisation plan, not the in-service mutual aid
RETIREE_PLAN_APART = re.compile(r"退休[^，,。；;？?]{0,8}住院|住院[^，,。；;？?]{0,8}退休(?!前)|retire\w*\W+(?:\w+\W+){0,4}hospitali[sz]")
SHORT_MONTH = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
               "nov": 11, "dec": 12}


@dataclass
class Understanding:
    text: str
    lang: str
    programs: list[str]  # named in the question, strongest first
    intents: set[str]
    items: list[str] = field(default_factory=list)  # mutual-aid items A0…C3
    types: list[str] = field(default_factory=list)  # member-exclusive protection types A, A+, B, B+
    people: int | None = None
    day: date | None = None  # a date named in the question (or a weekday, resolved to the last one)
    month: int | None = None  # a month named without a day
    month_year: int | None = None  # the year written with that month ("2024年3月", "February 2024")
    amount: float | None = None
    clock: time | None = None  # a time of day the question names ("晚上八点钟", "at 4:30 pm"), not a deadline's own
    zhibao: tuple[int, int] | None = None  # people inside and outside 职保, when both are counted (zhibao_counts)
    followup: bool = False
    groups: list[tuple[str, int]] = field(default_factory=list)  # headcounts of groups side by side, to add up

    @property
    def program(self) -> str | None:
        return self.programs[0] if self.programs else None


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def _zh_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([万千])", text)
    if m:  # "1.2万" → 12000, "3千" → 3000
        return int(float(m[1]) * {"万": 10000, "千": 1000}[m[2]])
    if any(unit in text for unit in "百千万"):  # "一万二千", "三百五十"
        total, section, digit = 0, 0, 0
        for ch in text:
            if ch in ZH_NUM and ch != "十":
                digit = ZH_NUM[ch]
            elif ch in "十百千":
                section += (digit or 1) * {"十": 10, "百": 100, "千": 1000}[ch]
                digit = 0
            elif ch == "万":
                total += (section + digit) * 10000
                section = digit = 0
            elif ch != "零":
                return None
        return total + section + digit or None
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + ZH_NUM.get(text[1:], 0)
    if "十" in text:
        head, _, tail = text.partition("十")
        return ZH_NUM.get(head, 1) * 10 + (ZH_NUM.get(tail, 0) if tail else 0)
    return ZH_NUM.get(text)


def reading(text: str, colloquial: bool = True) -> str:
    """The text as words are matched in it: normalised, hyphens as spaces ("social-security-card" is
    "social security card"), and a copy with colloquial words in their plain form ("啥时候" →
    "什么时候", ``colloquial`` in understand.yaml) appended, so either spelling matches."""
    norm = normalize(text).replace("-", " ")
    if not colloquial:
        return norm
    plain = norm
    for word, meaning in vocabulary().get("colloquial", {}).items():
        plain = plain.replace(normalize(str(word)), normalize(str(meaning)))
    return norm if plain == norm else f"{norm} | {plain}"


def plain_words(text: str) -> str:
    """The text with its colloquial words in their plain form (``colloquial``: "啥时候" → "什么时候", "咋" →
    "怎么"), as it is ranked: the manuals never say 啥, so the colloquial word would count as unknown."""
    out = text
    for word, meaning in vocabulary().get("colloquial", {}).items():
        out = out.replace(str(word), str(meaning))
    return out


@lru_cache(maxsize=256)
def _prepared(words: tuple[str, ...]) -> tuple[re.Pattern | None, tuple[str, ...]]:
    """One regex for the Latin words (whole words only), and the other words longest first (a
    hyphenated word also matches with a space: "mutual-aid", "mutual aid")."""
    spelled = {normalize(str(x)) for x in words if str(x).strip()}
    norm = sorted(spelled | {w.replace("-", " ") for w in spelled}, key=len, reverse=True)
    latin = [w for w in norm if w.isascii() and w.replace(" ", "").isalnum()]
    rx = re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(w) for w in latin) + r")(?![a-z0-9])") if latin else None
    return rx, tuple(w for w in norm if w not in latin)


def _matches(text: str, words) -> list[str]:
    rx, others = _prepared(tuple(words))
    found = rx.findall(text) if rx is not None else []
    for w in others:
        if w in text and not any(w in f for f in found):
            found.append(w)
    return found


def detect_programs(text: str, lang: str, strong_only: bool = False) -> list[str]:
    """Programmes named in the text, strongest first (the longest words count most); with
    ``strong_only``, those named by more than a word every programme uses ("银行")."""
    norm = reading(text, colloquial=False)
    vocab = vocabulary()
    for name in vocab.get("association_names", []):
        norm = norm.replace(normalize(str(name)).replace("-", " "), " ")
    scores = {}
    weak = {normalize(str(w)) for w in vocab.get("weak_program_words", [])}
    money = bool(detect_intents(text) & {"account", "payment"})
    for program, words in vocab["programs"].items():
        hits = _matches(norm, list(words.get("zh", [])) + list(words.get("en", [])))
        if (program == "general" and money) or strong_only:
            # "账号" / "account" of a question about paying is the bank account, not the login
            hits = [h for h in hits if h not in weak]
        if hits:
            # a programme named only by a word every programme uses ("银行") counts little
            scores[program] = sum(len(h) * (0.25 if h in weak else 1.0) for h in hits)
    # "退休人员" inside a question about the card or the mutual-aid roster is a person, not the retiree plan
    if "retiree" in scores and RETIREE_PLAN_APART.search(norm) and not _matches(norm, RETIREE_PLAN):
        scores["retiree"] += 4  # as strong as the plan's own name ("退休住院")
    if "retiree" in scores and len(set(scores) - {"general"}) > 1 and not _matches(norm, RETIREE_PLAN) \
            and not RETIREE_PLAN_APART.search(norm):
        scores["retiree"] = scores["retiree"] / 3
    ranked = sorted(scores, key=lambda p: scores[p], reverse=True)
    # a word of another programme in passing ("去银行汇" in a mutual-aid question) does not name it
    return [p for p in ranked if scores[p] >= 0.6 * scores[ranked[0]]]


def unquoted(text: str) -> str:
    """The text without what it quotes from the screen (``quoted`` in understand.yaml: “…”, "…", 「…」,
    what follows 写着 / says): a message shown to the user ("写着退多余款账户信息错误") is what they see,
    not what they ask for."""
    for rx in _quoted():
        text = rx.sub(" ", text)
    return text


QUOTE_MARK = re.compile(r"^\s*(?:写着|写的是|提示说|报错说|显示说|反馈写|反馈说|反馈是|提示|说|says|reads|shows the message)?"
                        r"\s*[:：]?\s*[“”\"「」『』]?|[“”\"「」『』]\s*$", re.I)


def quoted_texts(text: str) -> list[str]:
    """What the text quotes from the screen, without its marks or the word that introduces it
    ("说退多余款账户信息错误" -> "退多余款账户信息错误")."""
    out = []
    for rx in _quoted():
        for m in rx.finditer(text):
            q = QUOTE_MARK.sub("", m.group(0)).strip()
            if q and q not in out:
                out.append(q)
    return out


@lru_cache(maxsize=1)
def _quoted() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(rx, re.I) for rx in vocabulary().get("quoted", []))


def detect_intents(text: str) -> set[str]:
    norm = reading(unquoted(text))
    vocab = vocabulary()
    found = {name: hits for name, words in vocab["intents"].items()
             if (hits := _matches(norm, list(words.get("zh", [])) + list(words.get("en", []))))}
    # English "account" is also the platform login ("register a new account", "account and password"),
    # which Chinese tells apart (账号 / 账户): the bare word with a login word asks for no bank account
    if set(found.get("account", ())) <= {"account"} and _matches(norm, vocab.get("login_account", [])):
        found.pop("account", None)
    # "people who retired in October", "staff who are not in 职保": a relative "who" asks for no contact
    if set(found.get("who", ())) <= {"who"} and "who" in found:
        relative = re.compile(str(vocab.get("relative_who", r"(?!x)x")))
        if len(relative.findall(norm)) >= len(re.findall(r"(?<![a-z0-9])who(?![a-z0-9])", norm)):
            found.pop("who", None)
    return set(found)


def _groups(norm: str) -> list[tuple[str, int]]:
    """Headcounts written side by side for groups ("会员卡参保1人、社保卡参保2人", "在职的3人和新来的2人"):
    each (label, count) when two or more follow each other with only a separator between. Counts of a
    part of a group (成功 8 人, 其中 2 人) or of another year (去年 200 人) are not groups to add up."""
    stop = [normalize(str(w)) for w in vocabulary().get("not_groups", [])]
    found: list[tuple[str, int]] = []
    best: list[tuple[str, int]] = []
    end = None
    for m in GROUP_ZH.finditer(norm):
        label, n = m[1], _zh_number(m[2])
        between = norm[end:m.start()] if end is not None else None
        lead = GROUP_SEP.match(label)
        if lead:
            between, label = (between + lead[0] if between is not None else None), label[lead.end():]
        # with a separator between, or none at all ("会员卡1人社保卡2人": the next label right after the count)
        joined = between is not None and (between == "" or GROUP_SEP.fullmatch(between) is not None)
        label = re.split(r"[、，,；;。？?！!：:]", label)[-1]
        if len(label) > 6:  # "待提交参保列表里会员卡参保" -> "会员卡参保"
            label = re.split(r"[里中内]", label)[-1] or label
        if n is None or not label or any(w in label for w in stop):
            found, end = [], None
            continue
        found = [*found, (label, n)] if joined else [(label, n)]
        end = m.end()
        if len(found) > len(best):
            best = found
    if len(best) < 2:
        # "1个会员卡参保，2个社保卡参保": counts before labels alike in form (the same last two characters), a
        # clause each; not items ("3个人保A0，2个人保A1" are the mutual-aid items' own headcounts)
        best, found, end = [], [], None
        for m in GROUP_ZH_BEFORE.finditer(norm):
            label, n = m[2], _zh_number(m[1])
            joined = end is not None and GROUP_SEP.fullmatch(norm[end:m.start()] or "-") is not None \
                and found[-1][0][-2:] == label[-2:]
            if n is None or any(w in label for w in stop):
                found, end = [], None
                continue
            found = [*found, (label, n)] if joined else [(label, n)]
            end = m.end()
            best = found if len(found) > len(best) else best
    if len(best) < 2:
        best, found, end = [], [], None
        matches = sorted([*GROUP_EN.finditer(norm), *GROUP_EN_NOUN.finditer(norm)], key=lambda m: m.start())
        for m in matches:  # "1 via the member card and 2 via the social security card", "1 member-card enrollee and 2 …"
            n = int(m[1]) if m[1].isdigit() else EN_NUM[m[1]]
            joined = end is not None and GROUP_SEP_EN.fullmatch(norm[end:m.start()]) is not None
            found = [*found, (m[2].strip(), n)] if joined else [(m[2].strip(), n)]
            end = m.end()
            best = found if len(found) > len(best) else best
    return best if len(best) >= 2 else []


EN_WORDS = {**{k: v for k, v in EN_NUM.items() if k not in ("a", "an")}, "eleven": 11, "twelve": 12, "fifteen": 15,
            "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}
# a count: digits, Chinese numerals ("两个", "一万二千"), or an English number word
NUMBER = r"(\d+(?:\.\d+)?|[一两二俩三仨四五六七八九十百千万零]+|" + "|".join(sorted(EN_WORDS, key=len, reverse=True)) + r")"
# a count of people in Chinese ("4个", "一名", "30人", "两位同事"): a measure word or 人 after it
COUNT_ZH = re.compile(r"(\d+|[一两二俩三仨四五六七八九十百千万零]+)\s*(?:个|位|名|人)")
COUNT_EN = re.compile(r"\b(\d+|" + "|".join(sorted(EN_WORDS, key=len, reverse=True)) + r")\b(?!\s*(?:%|years?|days?|yuan|元))")
CLAUSE = re.compile(r"[，,；;。？?！!：:]")


def read_number(token: str) -> float | None:
    """'4' -> 4, '两' -> 2, '一万二千' -> 12000, 'five' -> 5, '3.5' -> 3.5."""
    token = token.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return float(token)
    if token in EN_WORDS:
        return float(EN_WORDS[token])
    n = _zh_number(token)
    return float(n) if n is not None else None


def _marks(norm: str, words, insured: bool, taken: list[tuple[int, int, bool]]) -> None:
    for w in sorted({normalize(str(x)) for x in words if str(x).strip()}, key=len, reverse=True):
        latin = w.isascii()
        for m in re.finditer(re.escape(w), norm):
            if latin and (re.match(r"[a-z0-9]", norm[m.end():m.end() + 1]) or
                          (m.start() and re.match(r"[a-z0-9]", norm[m.start() - 1]))):
                continue
            if any(s < m.end() and m.start() < e for s, e, _ in taken):
                continue
            taken.append((m.start(), m.end(), insured))


def zhibao_counts(text: str) -> tuple[int, int] | None:
    """Headcounts of the people covered by 职保 (the manual's 社保人员) and of those outside it, when a
    question gives both ("有4个有职保的保A0B0C0，还有1个没有职保的", "two staff: one with 职保 …; the
    other, 35, without"): each group's count is the number just before its word in the same clause, or
    else just after it ("有职保的4人"). None unless both groups have a count."""
    norm = reading(text, colloquial=False)
    words = vocabulary().get("eligibility", {})
    marks: list[tuple[int, int, bool]] = []
    _marks(norm, words.get("not_zhibao", []), False, marks)
    _marks(norm, words.get("zhibao", []), True, marks)
    if any(m[2] for m in marks):  # "4 with social security and 1 without": a bare "without" after a group
        first = min(m[0] for m in marks if m[2])
        taken = list(marks)
        _marks(norm, words.get("not_zhibao_bare", []), False, taken)
        marks += [b for b in taken[len(marks):] if b[0] > first]
    marks.sort()
    counts = {True: 0, False: 0}
    found = {True: False, False: False}
    prev = 0
    for i, (s, e, insured) in enumerate(marks):
        nxt = marks[i + 1][0] if i + 1 < len(marks) else len(norm)
        before = norm[prev:s]
        before = CLAUSE.split(before)[-1]
        hits = [m for m in (*COUNT_ZH.finditer(before), *COUNT_EN.finditer(before))]
        n, used = None, e
        if not hits and re.search(r"\b(?:the other|another)\b|另外?一?(?:个|位|名)|另一人", before):
            n = 1.0  # "the other has no social security", "另一位没有职保"
        elif hits:
            n = read_number(max(hits, key=lambda m: m.end())[1])
        else:
            after = CLAUSE.split(norm[e:nxt])[0]
            m = COUNT_ZH.search(after) or COUNT_EN.search(after)
            if m:
                n, used = read_number(m[1]), e + m.end()
        if n is None:
            continue
        counts[insured] += int(n)
        found[insured] = True
        prev = used
    if found[False] and not found[True]:
        # "5个人，其中1个没社保", "5 people, of whom 1 has no social security": the rest are covered
        m = re.search(r"(\d+|[一两二俩三仨四五六七八九十]+)\s*(?:个|位|名)?\s*(?:人|员工|同事|职工|people|staff|employees)?"
                      r"\s*[，,]?\s*(?:其中|of whom|of them|including)", norm)
        total = read_number(m[1]) if m else None
        if total is not None and total > counts[False]:
            counts[True], found[True] = int(total) - counts[False], True
    return (counts[True], counts[False]) if all(found.values()) else None


CLOCK_ZH = re.compile(r"(上午|早上|早晨|中午|下午|傍晚|晚上|夜里|夜间)?\s*(?<![早快晚多少好慢差有再这那])"
                      r"(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:点|时)(?!\s*前)"
                      r"(?:\s*(半|一刻|\d{1,2})\s*分?)?钟?")
CLOCK_DIGITS = re.compile(r"(?<![\d.])(\d{1,2})\s*[:：]\s*(\d{2})(?!\d)(?:\s*(am|pm|a\.m\.|p\.m\.))?")
CLOCK_EN = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|o'clock)")
LATE_WORDS = ("下午", "傍晚", "晚上", "夜里", "夜间", "evening", "tonight", "afternoon", "at night")
# the time a deadline itself is stated with ("17点关", "截止到16点") is not the time the question asks about
CLOCK_OF_DEADLINE = re.compile(r"^\s*(?:前|之前|以前|关|关闭|截止|结束|止|close|closes|deadline)")


def _clock(norm: str) -> time | None:
    """The time of day a question names: "晚上八点钟" → 20:00, "16:30", "4 pm"; a time stated as a
    deadline's ("17点关闭") is skipped. A period word anywhere before it (晚上, 下午, evening) puts an hour
    under 12 in the afternoon."""
    found = []
    for m in CLOCK_DIGITS.finditer(norm):
        h, mi = int(m[1]), int(m[2])
        if m[3] and m[3].startswith("p") and h < 12:
            h += 12
        found.append((m.start(), m.end(), h, mi, bool(m[3])))
    for m in CLOCK_EN.finditer(norm):
        h, mi = int(m[1]), int(m[2] or 0)
        if m[3].startswith("p") and h < 12:
            h += 12
        found.append((m.start(), m.end(), h, mi, m[3] != "o'clock"))
    for m in CLOCK_ZH.finditer(norm):
        if any(s <= m.start() < e for s, e, *_ in found):
            continue
        h = _zh_number(m[2]) if not m[2].isdigit() else int(m[2])
        if h is None:
            continue
        mi = 30 if m[3] == "半" else 15 if m[3] == "一刻" else int(m[3]) if m[3] else 0
        period = m[1] or ""
        found.append((m.start(), m.end(), h, mi, bool(period)) if not period else
                     (m.start(), m.end(), h + 12 if period in LATE_WORDS and h < 12 else h, mi, True))
    for start, end, h, mi, explicit in sorted(found):
        if CLOCK_OF_DEADLINE.match(norm[end:]) or re.search(
                r"(?:截止到|截至|截止|关闭|到|至|until|till|by|deadline|closes?)\s*(?:is|at|是|在)?\s*$", norm[max(0, start - 14):start]):
            continue
        if not explicit and h < 12 and (any(w in norm[:start] for w in LATE_WORDS) or 1 <= h <= 6):
            h += 12  # (an hour of 1-6 said plainly, "三点", is in the afternoon: nobody submits at 3 a.m.)
        if 0 <= h <= 23 and 0 <= mi <= 59:
            return time(h, mi)
    return None


def _last_weekday(today: date, weekday: int) -> date:
    delta = (today.weekday() - weekday) % 7
    return today - timedelta(days=delta)


def _month_year(norm: str) -> int | None:
    m = MONTH_YEAR_ZH.search(norm)
    if m:
        return int(m[1])
    m = MONTH_EN.search(norm)
    return int(m[2]) if m and m[2] else None


ZH_MONTH_DAY = re.compile(r"(?<![一二三四五六七八九十\d])(十[一二]?|[一二三四五六七八九])\s*月\s*([一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*([日号])")


def _digits_in_dates(norm: str) -> str:
    """"六月三十号" → "6月30号": a month and day in Chinese numerals read as the digits they are."""
    return ZH_MONTH_DAY.sub(lambda m: f"{_zh_number(m[1])}月{_zh_number(m[2])}{m[3]}", norm)


def _day(norm: str, today: date) -> tuple[date | None, int | None]:
    norm = _digits_in_dates(norm)
    m = FULL_DATE.search(norm)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])), None
        except ValueError:
            return None, None
    for rx, order in ((MONTH_DAY_ZH, "md"), (MONTH_DAY_EN, "md"), (DAY_MONTH_EN, "dm")):
        m = rx.search(norm)
        if m:
            a, b = m[1], m[2]
            month_s, day_s = (a, b) if order == "md" else (b, a)
            month = MONTHS_EN.get(month_s) or SHORT_MONTH.get(month_s) or (int(month_s) if month_s.isdigit() else None)
            written = re.match(r"\s*,?\s*(20\d\d)(?!\d)", norm[m.end():])  # "14 September 2023", "Sept 14, 2023"
            try:
                return date(int(written[1]) if written else today.year, month, int(day_s)), None
            except (TypeError, ValueError):
                return None, None
    m = WEEKDAY_ZH.search(norm)
    if m:
        return _last_weekday(today, "一二三四五六日".find(m[1]) if m[1] != "天" else 6), None
    m = WEEKDAY_EN.search(norm)
    if m:
        return _last_weekday(today, WEEKDAYS_EN.index(m[1])), None
    if "今天" in norm or "today" in norm:
        return today, None
    if "昨天" in norm or "yesterday" in norm:
        return today - timedelta(days=1), None
    m = MONTH_ZH.search(norm)
    if m:
        month = _zh_number(m[1])
        if month and 1 <= month <= 12:
            return None, month
    m = MONTH_EN.search(norm)
    if m:
        return None, MONTHS_EN[m[1]]
    return None, None


def asks_amount_words(text: str) -> bool:
    """Whether the words ask for an amount: 多少 / how much… (``amount_asks``), or a question that is only the
    premium's name ("…10 people take A0 only. Premium?", "A0+B0+C0 十个人，保费？")."""
    if _matches(reading(text), vocabulary().get("amount_asks", [])):
        return True
    asks = {normalize(str(w)) for w in vocabulary().get("premium_words", []) + vocabulary().get("bare_amount_asks", [])}
    for m in re.finditer(r"([^，,。；;？?！!.]+)[？?]", normalize(text)):
        if m[1].strip().removeprefix("the ").removesuffix("呢").strip() in asks:
            return True
    return False


THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def understand(text: str, lang: str, today: date) -> Understanding:
    text = THOUSANDS.sub("", text)  # "1,040 contributors", "12,960 yuan": one number each
    norm = normalize(text)
    u = Understanding(text, lang, detect_programs(text, lang), detect_intents(text))
    if "fee" in u.intents and not asks_amount_words(text):
        # "保费确认提交以后还能改保障项目吗": the premium named, no amount asked — not a question of how much
        u.intents.discard("fee")
    if "account" in u.intents:
        moved = vocabulary().get("money_program", {})
        u.programs = list(dict.fromkeys(moved.get(p, p) for p in u.programs))
    read = reading(text, colloquial=False)
    for move in vocabulary().get("program_moves", []):
        if move["from"] in u.programs and _matches(read, move["when"]):
            u.programs = list(dict.fromkeys(move["to"] if p == move["from"] else p for p in u.programs))
    person = _matches(read, vocabulary().get("retired_person", [])) or any(
        re.search(rx, read) for rx in vocabulary().get("retired_person_patterns", []))
    if u.programs == ["retiree"] and person and not _matches(read, RETIREE_PLAN) and not RETIREE_PLAN_APART.search(read):
        u.programs = []  # a person who retired, and no programme named
    u.items = list(dict.fromkeys(f"{a.upper()}{b}" for a, b in ITEM.findall(norm)))
    u.types = list(dict.fromkeys((m[0] or m[1]).upper() for m in TYPE.findall(norm)))
    # (a rate per person, "A类按26元一人", is not the headcount: the next count is)
    m = next((x for x in PEOPLE_ZH.finditer(norm) if not (_zh_number(x[1]) == 1 and PER_PERSON_ZH.search(
        norm[:x.start()]))), None) or PEOPLE_COUNT.search(norm)
    if m:
        u.people = _zh_number(m[1])
    else:
        found = list(PEOPLE_EN.finditer(norm))
        # a figure before a word ("100 members") over "a"/"an" ("type A member protection")
        m = next((x for x in found if x[1].isdigit()), None) or next(
            (x for x in found if x[1] not in ("a", "an") or not norm[:x.start()].rstrip().endswith("type")), None)
        if m:
            u.people = int(m[1]) if m[1].isdigit() else EN_NUM.get(m[1])
    if u.people is None:  # "2.5k staff", "3 thousand people": a headcount with its magnitude
        from domain.answers.quantities import quantities

        u.people = next((int(q.value) for q in quantities(text) if q.unit == "people" and q.whole), None)
    u.groups = _groups(norm)
    if u.groups:
        u.people = sum(n for _, n in u.groups)
    u.day, u.month = _day(norm, today)
    if u.month:
        u.month_year = _month_year(norm)
    m = AMOUNT.search(norm)
    if m:
        u.amount = float(m[1])
    u.clock = _clock(norm)
    u.zhibao = zhibao_counts(text)
    words = vocabulary()["followup"]
    stripped = norm.strip(" ?？!！。.")
    starts = any(stripped.startswith(w) for w in words.get("zh", []) + words.get("en", []))
    first = re.split(r"[？?，,。！!]", stripped)[0]
    u.followup = ((len(stripped) <= 14 and (starts or stripped.endswith("呢")))
                  # "那在职职工互助保障的集中参保呢？几号几点关？": the first clause asks "and for …?"
                  or (starts and first.endswith("呢") and len(first) <= 24)
                  # "And what's the bank?"
                  or (starts and stripped.isascii() and len(stripped.split()) <= 10))
    return u


# what may stand between two programmes listed in one question ("会员专享保障、互助保障和退休住院计划",
# "the mutual aid and the retiree plan")
LIST_SEP = re.compile(r"^\s*(?:[、，,/&]|和|与|及|以及|跟|或|或者|还有|and|or)\s*(?:the\s+)?$", re.I)
# a question comparing the programmes listed is one question ("会员卡和社保卡参保有什么区别")
LIST_COMPARES = re.compile(r"区别|差别|不同|不一样|一样吗|相同|对比|比较|哪个好|哪个更|分开|区分|分清|differ|compare|comparison|"
                           r"versus|\bvs\b|same|separate|distinguish|tell apart", re.I)
# …or a list named as one group ("会员卡、互助保障这些业务找哪个老师": whom to ask about all of them)
LIST_GROUP = re.compile(r"^\s*(?:这些|那些|这类|这几|那几|等|之类|什么的|一类|etc\b|and so on|and such|and the like)", re.I)
# a count of the programmes just listed ("三个的", "两个"): said once for all, dropped from each one's question
LIST_COUNT = re.compile(r"^\s*(?:这|那)?(?:[两二三四五2-5]\s*个|(?:all\s+)?(?:both|two|three|four|each)(?:\s+of\s+them)?)(?![a-z])", re.I)


def _program_spans(text: str) -> list[tuple[int, int, str]]:
    """Where the text names a programme by one of its own words (not a word every programme uses, not the
    general platform): (start, end, programme), in order, overlapping spans of one programme merged."""
    vocab = vocabulary()
    weak = {normalize(str(w)) for w in vocab.get("weak_program_words", [])}
    spans = []
    for program, words in vocab["programs"].items():
        if program == "general":
            continue
        for w in {normalize(str(x)) for x in [*words.get("zh", []), *words.get("en", [])]} - weak:
            rx = re.escape(w).replace(r"\ ", "[ -]").replace(r"\-", "[ -]")
            if w.isascii():
                rx = rf"(?<![a-z0-9]){rx}(?![a-z0-9])"
            spans += [(m.start(), m.end(), program) for m in pattern(rx, re.I).finditer(text)]
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int, str]] = []
    for s, e, p in spans:
        if out and s < out[-1][1]:
            if p == out[-1][2]:
                out[-1] = (out[-1][0], max(e, out[-1][1]), p)
            elif e - s > out[-1][1] - out[-1][0]:
                out[-1] = (s, e, p)  # the longer word names the programme
            continue
        out.append((s, e, p))
    return out


def program_list_parts(text: str, lang: str) -> list[str]:
    """One question asked of several programmes listed together ("会员专享保障、互助保障、退休住院计划三个的保障年度各是
    怎么算的"): the question once per programme, with that programme alone in the list (each programme answers
    it its own way); the text itself when it lists fewer than two."""
    spans = _program_spans(text)
    best: list[tuple[int, int, str]] = []
    run: list[tuple[int, int, str]] = []
    for span in spans:
        if run and LIST_SEP.match(text[run[-1][1]:span[0]]) and span[2] not in {p for _, _, p in run}:
            run.append(span)
        elif run and span[2] == run[-1][2] and not text[run[-1][1]:span[0]].strip():
            run[-1] = (run[-1][0], span[1], span[2])
        else:
            run = [span]
        if len(run) > len(best):
            best = list(run)
    if len(best) < 2 or LIST_COMPARES.search(text) or LIST_GROUP.match(text[best[-1][1]:]) \
            or len((text[:best[0][0]] + text[best[-1][1]:]).strip(" ?？的")) < 2:  # (a list asking nothing)
        return [text]
    head, tail = text[:best[0][0]], text[best[-1][1]:]
    m = LIST_COUNT.match(tail)
    if m:
        tail = tail[m.end():]
    tail = f" {tail}" if tail[:1].isascii() and tail[:1].isalnum() else tail
    parts = [f"{head}{text[s:e]}{tail}" for s, e, _ in best]
    # each question names its programme alone ("退休人员和互助保障…": a person, then a programme, is no list)
    if any(detect_programs(part, lang, strong_only=True)[:1] != [p] for part, (_, _, p) in zip(parts, best)):
        return [text]
    return parts
