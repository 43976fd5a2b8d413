"""The questions of one message (issue 17: several questions in one).

A message is cut where a question ends ("？", "?", a new line), then where people join a second
question ("；", 还有, 另外, "also" opening a clause, ", and what …"), then between clauses that each ask
something: at commas (and English full stops), spaces, a particle (吗/呢), a word that takes nothing after
it (多少钱, 多久), or an English wh-question written straight after another. A piece that asks nothing (the subject, a condition, a remark
such as "We already uploaded the voucher.") is not a question of its own: it goes with the next
question, or with the last one when it comes at the end.
"""

from __future__ import annotations

import re

from domain.answers.text import CJK, normalize

MAX_PARTS = 5
HARD = re.compile(r"([？?]+|\n+)")
SOFT = re.compile(r"[；;]+|(?:还有|另外|以及|顺便问一下|顺便问下|顺便|再问一下|再问下)\s*[，,]?"
                  # "also"/"plus" only opening a clause ("…, also …", "and also …"), never "can the card also be used"
                  r"|(?:^|(?<=[,.:;]))\s*(?:also|plus)\b\s*,?|\band also\b\s*,?"
                  # "…, and what does C3 cost?": a second English question joined by "and"
                  r"|,?\s+and\s+(?=(?:what|how|when|where|which|who|whom|why|can|could|is|are|do|does|will|should|must)\b)",
                  re.I)
CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
QUESTION_WORD = re.compile(r"吗|么|呢|谁|什么|啥|哪|怎|(?<![有这那好])几[个天点号月次种]|多少|多久|多长|怎么|咋|如何|是否|能不能|可不可以|"
                           r"有没有|要不要|会不会|是不是|行不行")
# "…能交吗要传啥": a question-final particle, then another question with no punctuation between
ZH_PARTICLE = re.compile(r"(?<=[吗呢])(?=[\u4e00-\u9fffA-Za-z0-9])")
ZH_SOFT_PARTICLE = re.compile(r"(?<=[啊呀吧])(?=[\u4e00-\u9fffA-Za-z0-9])")
# "A0多少钱什么时候交", "审核要多久要传啥": a question ending in a word that takes nothing after it, then another
# question, with no punctuation between
ZH_FINAL = re.compile(r"(?:多少钱|多久|多长时间|几天|多少天|怎么办|是什么|什么意思|有哪些|干嘛|行不行|可以吗|对不对)"
                      r"(?=[\u4e00-\u9fffA-Za-z0-9])")
WH = r"(?:what|how|when|where|which|who|whom|whose|why)"
AUX_START = r"(?:is|are|was|were|do|does|did|can|could|will|would|should|must|may|shall|has|have)"
AUX = r"(?:is|are|was|were|do|does|did|can|could|will|would|should|must|may|shall|has|have|happens|happen|long|much|many|soon|often|far)"
# an English question opens (after "so", "and", "ok"…) with an auxiliary ("Is there a landline"), a
# wh-word ("who signs it off", "how long"), or when/where followed, within two words, by an auxiliary
# ("when does it", "where do I"): "when we submit" is a condition, not a question
EN_QUESTION = re.compile(rf"^\W*(?:(?:so|and|but|then|ok|okay|well|also|hi|hello|sorry|please)\W+)*"
                         rf"(?:{AUX_START}|(?:what|who|whom|whose|which|why|how)|(?:when|where)(?:\s+[a-z'-]+){{0,2}}?\s+{AUX})\b",
                         re.I)
# what opens a second English question written straight after the first: "how long is", "what happens"
EN_OPENS = re.compile(rf"^(?:what|how)(?:\s+[a-z'-]+){{0,2}}?\s+(?:{AUX_START}|happens|happen)\b", re.I)
EN_INVERTED = re.compile(rf"^{WH}(?:\s+[a-z'-]+)?\s+{AUX_START}\s+(?:i|we|you|it|they|he|she|the|a|an|this|that|these|"
                         r"those|our|my|your|their|its)\b", re.I)
# words after which a wh-word starts an embedded clause, not a new question ("tell me how long", "know what")
EMBED = frozenset("""know tell ask asking asked see show explain about of on in to for is are was were and or but matter
    decide check find out understand sure unclear wonder wondering me us them him her says say said shows mean means
    from by at with regardless depends depending idea not confirm learn remember forget forgot exactly
    including except than as that if whether""".split())


def _chinese(text: str) -> bool:
    """Whether a text is written in Chinese (an English question quoting a Chinese label is English)."""
    cjk = len(CJK_CHAR.findall(text))
    return cjk > 0 and cjk * 2 > sum(1 for c in text if c.isascii() and c.isalpha())


def _en_asks(piece: str) -> bool:
    """Whether one of an English piece's clauses opens as a question (a question may follow a statement in
    the same piece: "…(专用收据). can the receipt title differ")."""
    return any(EN_QUESTION.search(c) for c in re.split(r"(?<=[,.:;—–-])\s+", piece))


def _asks(piece: str) -> bool:
    """Whether a piece of a message asks something: a Chinese question word, or an English question's opening
    (an English question may quote Chinese labels)."""
    return bool(QUESTION_WORD.search(piece)) or _en_asks(piece)


def _join(pieces: list[tuple[str, bool]], sep: str) -> list[str]:
    """Pieces (text, asks) as questions: a piece that asks nothing goes with the next question (a subject, a
    condition), or with the last one at the end (a remark)."""
    out, lead = [], ""
    for text, asks in pieces:
        text = text.strip()
        if not text:
            continue
        lead = f"{lead}{sep}{text}" if lead else text
        if asks:
            out.append(lead)
            lead = ""
    if lead:
        if out:
            out[-1] = f"{out[-1]}{sep}{lead}"
        else:
            out.append(lead)
    return out


def _comma_questions(text: str) -> list[str]:
    """"俺们厂今年想上互助保障，啥时候能办，钱交给谁", "…credit code. What do I click, what proof is needed":
    questions in one sentence parted by commas (in English also full stops), each clause asking; a clause
    asking nothing goes with the next question."""
    if CJK.search(text):
        clauses = [c for c in re.split(r"[，,]", text) if c.strip()]
        asks = [bool(QUESTION_WORD.search(c)) for c in clauses]
        if len(clauses) >= 2 and sum(asks) >= 2:
            return _join(list(zip(clauses, asks)), "，")
    clauses = [c.strip().rstrip(",") for c in re.split(r"(?<=[,.:])\s+", text) if c.strip()]
    asks = [bool(EN_QUESTION.search(c.strip(" ,.:"))) for c in clauses]
    if len(clauses) >= 2 and sum(asks) >= 2:
        return _join(list(zip(clauses, asks)), " ")
    return [text]


def _space_questions(text: str) -> list[str]:
    """"退休计划申请新参保编码 审核要多久啊 要传啥": Chinese clauses parted by spaces, two or more asking; a clause
    asking nothing (the subject) goes with the next question."""
    if not CJK_SPACE.search(text):
        return [text]
    chunks = CJK_SPACE.split(text)
    asks = [bool(QUESTION_WORD.search(c)) for c in chunks]
    if sum(asks) < 2:
        return [text]
    return _join(list(zip(chunks, asks)), " ")


def _particle_questions(text: str) -> list[str]:
    """"能交吗要传啥": a question ended by 吗/呢 (or 啊/呀/吧 after a question word) and another question
    after it, with no punctuation between."""
    if not CJK.search(text):
        return [text]
    out = []
    for piece in ZH_PARTICLE.split(text):
        for p in _soft_particle(piece):
            out.extend(_final_word_questions(p))
    pieces = [(p, bool(QUESTION_WORD.search(p))) for p in out]
    if sum(a for _, a in pieces) < 2:
        return [text]
    return _join(pieces, "")


def _final_word_questions(text: str) -> list[str]:
    """"A0一个人多少钱什么时候交": cut after a word that ends a question (``ZH_FINAL``) when another question
    follows (not a count of people: "多少钱一个人")."""
    out, start = [], 0
    for m in ZH_FINAL.finditer(text):
        rest = text[m.end():]
        if len(rest) >= 3 and QUESTION_WORD.search(rest) and not rest.startswith(("一个人", "每人", "一人", "左右")):
            out.append(text[start:m.end()])
            start = m.end()
    out.append(text[start:])
    return out


def _soft_particle(text: str) -> list[str]:
    """"审核要多久啊要传啥": cut after 啊/呀/吧 when a question word stands before it and another after it."""
    out, start = [], 0
    for m in ZH_SOFT_PARTICLE.finditer(text):
        if QUESTION_WORD.search(text[start:m.start()]) and QUESTION_WORD.search(text[m.start():]):
            out.append(text[start:m.start()])
            start = m.start()
    out.append(text[start:])
    return out


def _wh_questions(text: str) -> list[str]:
    """"how long is the review what documents are needed": English questions written one after another with
    no punctuation: a wh-word opening a question after a question of three words or more (not after a word
    that embeds it: "tell me how long")."""
    if not any(EN_QUESTION.search(c) for c in re.split(r"(?<=[,.:;—–-])\s+", text)):
        return [text]
    out, start = [], 0
    for m in re.finditer(rf"\s+(?={WH}\b)", text, re.I):
        left, right = text[start:m.start()], text[m.end():]
        words = left.split()
        # who, which, where, when may open a relative clause ("staff who are not in 职保"): only a question
        # with its subject after the auxiliary ("when does it", "where do I") counts
        opens = EN_OPENS.search(right) if re.match(r"(?:what|how)\b", right, re.I) else EN_INVERTED.search(right)
        if len(words) >= 3 and words[-1].lower().strip(",") not in EMBED and _en_asks(left) \
                and opens and len(right.split()) >= 3:
            out.append(left)
            start = m.end()
    out.append(text[start:])
    return out


# a numbered list of questions: "1）校验要多久 2）代扣申请截止", "(1)… (2)…", "①…②…", "1. … 2. …" (a number
# opening an item: at the start, after a space, a colon or punctuation, never inside a figure: "1.5万", "A1)")
ENUM = re.compile(r"(?:^|(?<=[\s：:，,。；;？?！!\u4e00-\u9fff]))(?:[（(]\s*([1-9])\s*[）)]|([1-9])\s*[）)、.．](?!\d)|([①-⑨]))\s*")
CIRCLED = "①②③④⑤⑥⑦⑧⑨"


def _enumerated(text: str) -> str:
    """A message listing its questions by number, each item ended as a question ("…：1）A 2）B" -> "…：\nA？\nB？"):
    an item asks whatever its words, as one a question mark ends does. Only numbers 1, 2, 3… in order count."""
    marks = []
    for m in ENUM.finditer(text):
        n = int(m.group(1) or m.group(2) or CIRCLED.index(m.group(3)) + 1)
        if n == len(marks) + 1:
            marks.append(m)
    if len(marks) < 2:
        return text
    items = [text[m.end():(marks[i + 1].start() if i + 1 < len(marks) else len(text))].strip(" ，,；;")
             for i, m in enumerate(marks)]
    intro = text[:marks[0].start()].strip(" ：:，,")
    body = "\n".join(i if i.endswith(("？", "?")) else f"{i}？" for i in items if i)
    return f"{intro}\n{body}" if intro else body


# a message announcing how many questions it asks ("Three quick ones:", "两个问题：", "问三件事："), then listing them
ANNOUNCE = re.compile(r"^(?P<intro>[^:：]{0,40}?(?:(?P<en>two|three|four|five|[2-5])\s+(?:quick\s+|short\s+|more\s+)?"
                      r"(?:ones|questions|things|qs)\b|(?P<zh>[两二三四五2-5])\s*个?(?:小)?(?:问题|事|事情|点))[^:：]{0,40}[:：])\s*(?P<body>.+)$",
                      re.I | re.S)
COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5}


def _announced(text: str) -> str:
    """"Three quick ones: A, B, and which bank both are at?": as many items as announced, parted by commas (、；
    ", and"), each item a question whatever its words ("…：\nA？\nB？\nC？"); the text itself otherwise."""
    m = ANNOUNCE.match(text.strip())
    if not m:
        return text
    n = m.group("en") or m.group("zh")
    n = int(n) if n.isdigit() else COUNTS[n.lower()]
    items = [i.strip(" ，,、；;。.？?") for i in re.split(r"[，,、；;]\s*(?:and\s+|or\s+|还有|以及)?|\s+and\s+|？|\?", m.group("body"))]
    items = [i for i in items if i]
    if len(items) != n:
        return text
    return m.group("intro").strip().rstrip(":：") + "\n" + "\n".join(f"{i}？" if _chinese(i) else f"{i}?" for i in items)


def message_parts(text: str, announced: bool = False) -> list[str]:
    """The questions of one message, in the order asked (the whole message when it holds one)."""
    listed = text if announced else _announced(text)
    if listed != text:
        parts = message_parts(listed, announced=True)
        return parts if len(parts) > 1 else [text]
    listed = _enumerated(text)
    if listed != text:
        parts = message_parts(listed)
        return parts if len(parts) > 1 else [text]
    raw = HARD.split(text)
    # (piece, ended by a question mark)
    hard = [(raw[i], i + 1 < len(raw) and "?" in raw[i + 1].replace("？", "?")) for i in range(0, len(raw), 2)]
    pieces: list[tuple[str, bool]] = []
    for piece, marked in hard:
        soft = [s for s in SOFT.split(piece) if s and s.strip(" ，,。.！!")]
        if not soft:
            continue
        clauses = [q for s in soft for q in _split_clauses(s.strip(" ，,。.！!")) if q.strip()]
        # the clause a question mark ends asks, whatever its words; the others only with a question word
        pieces += [(q, _asks(q) or (marked and j == len(clauses) - 1)) for j, q in enumerate(clauses)]
    parts = _join(pieces, "，" if _chinese(text) else " ")
    # a fragment too short to be read alone ("啊") stays with the question before it
    out: list[str] = []
    for p in parts:
        if out and len(normalize(p)) < (3 if _chinese(p) else 8):
            out[-1] = f"{out[-1]} {p}"
        else:
            out.append(p)
    if len(out) > MAX_PARTS:  # a long list of questions: the last ones are read together (each part costs a ranking)
        out = [*out[:MAX_PARTS - 1], " ".join(out[MAX_PARTS - 1:])]
    return out if len(out) > 1 else [text]


def _split_clauses(text: str) -> list[str]:
    """One piece of a message cut into its clauses: commas, spaces, particles, English wh-questions."""
    out = []
    for c in _comma_questions(text):
        for s in _space_questions(c):
            for p in _particle_questions(s):
                out.extend(_wh_questions(p))
    return out
