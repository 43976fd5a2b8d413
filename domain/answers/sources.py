"""Everything the answer engine can answer from, as one list of documents per language.

Sources (each document names its kind and its source manual):
- ``entry``: the curated knowledge base (``locales/<lang>/kb/*.yaml``);
- ``fact``: the atomic fact base, one actionable statement of a manual each (``locales/<lang>/facts/*.yaml``);
- ``passage``: the manuals themselves cut into passages with their section title
  (``locales/zh/manuals/NNN.txt``, the OCR text; ``locales/en/manuals/domain.md``, the English
  specification of the same manuals, whose lines carry their manual's tag);
- ``guide``: every guide step (where the button is, what to do and check) and every error/fix of a step;
- ``status``: every status of the status machines with what it means;
- ``calendar``: every calendar entry (deadlines and windows) of the shipped years;
- ``contact``: the support channels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from domain.vocabulary import ANSWERS, GUIDE_TOPIC, answer_topic

LOCALES = Path(__file__).resolve().parents[2] / "locales"
# programme ids of the answer engine (those of the knowledge base); other parts' spellings map to
# them in domain/vocabulary.py
PROGRAMS = ANSWERS
# how much each kind is trusted when two documents score alike (curated first, raw OCR last)
PRIOR = {"entry": 1.0, "fact": 0.97, "computed": 1.0, "guide": 0.93, "status": 0.9, "calendar": 0.9,
         "contact": 0.9, "passage": 0.8, "benefit": 0.97}
SOURCE_TAG = re.compile(r"\[(00[0-4])\]")
# a fact that says the manuals do not give something is an honest "I don't know", not an answer
# (the statement of silence opens the fact, right after the programme's name)
SILENT_FACT = re.compile(r"^[^：:。；]{0,40}[：:]\s*(?:the )?(?:手册(?:未|没有|并未|均未)(?:写明|说明|给出|规定|提及|列明|列出|写)|"
                         r"(?:manuals?|handbook) (?:does|do) not (?:say|state|give|specify|list|mention))", re.I)
# ...or that says the manual only has an image there (the text of that screen is not known)
IMAGE_ONLY = re.compile(r"为图片|仅有截图|未能识别|未用文字说明|image-only|images? only|only (?:a )?screenshots?|not legible", re.I)
CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Doc:
    id: str
    kind: str
    lang: str
    program: str
    topic: str
    title: str  # the question or heading shown above the answer
    body: str  # the answer text
    asks: tuple[str, ...] = ()  # ways people ask for it (indexed fully)
    source: tuple[str, ...] = ()
    section: str = ""
    extra: dict = field(default_factory=dict, compare=False)


def program_id(value: str | None) -> str:
    return answer_topic(value)


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def kb_docs(lang: str) -> list[Doc]:
    from domain.faq.kb import load_kb

    docs = []
    for e in load_kb(lang):
        topic = e.tags[0] if e.tags else "other"
        docs.append(Doc(f"entry:{e.id}", "entry", lang, program_id(e.program), topic, e.question, e.answer,
                        (e.question, *e.variants, " ".join(e.tags)), e.source, extra={"entry": e}))
    return docs


def fact_docs(lang: str, base: Path = LOCALES) -> list[Doc]:
    docs = []
    for path in sorted((base / lang / "facts").glob("*.yaml")):
        for raw in _yaml(path):
            source = tuple(s.strip() for s in str(raw.get("source", "")).split(",") if s.strip())
            text = str(raw["text"]).strip()
            asks = tuple(str(q) for q in raw.get("q") or ())
            docs.append(Doc(f"fact:{raw['id']}", "fact", lang, program_id(raw.get("program")),
                            str(raw.get("topic") or "other"), asks[0] if asks else text[:40], text,
                            asks, source, str(raw.get("section") or ""),
                            {"silent": bool(raw.get("silent")) or bool(SILENT_FACT.search(text)) or bool(IMAGE_ONLY.search(text))}))
    return docs


_HEADING_ZH = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|第.{1,3}[章节部分])")
_MANUAL_PROGRAM = {"000": "ss_card", "001": "card_enrollment", "002": "mutual_aid", "003": "member_card",
                   "004": "retiree"}
_MANUAL_TITLE = {"000": "社保卡即时参保操作说明", "001": "工会会员服务卡集中参保操作说明",
                 "002": "上海职工互助保障项目2020 参保手册", "003": "工会会员服务卡办理操作说明",
                 "004": "“退休住院计划”单位团体线上参保操作手册"}


def _clean(line: str) -> str:
    return re.sub(r"\s+", " ", line.replace("**", "").replace("■", "").strip(" -•\t"))


_NOISE = re.compile(r"[~=_<>{}\[\]|]{2,}|[▲◆✿💮🛞≡Ξ]")


def _readable(line: str) -> bool:
    """A line of the manual's text rather than OCR of a screenshot (menus, charts, figures)."""
    if _NOISE.search(line):
        return False
    cjk = len(CJK_CHAR.findall(line))
    return cjk >= 6 or (cjk >= 3 and len(line) <= 40 and not line.replace(" ", "").isdigit()) or "http" in line


def zh_passages(base: Path = LOCALES) -> list[Doc]:
    """The manuals' OCR text in passages of a few lines, each under the nearest heading."""
    docs = []
    for path in sorted((base / "zh" / "manuals").glob("*.txt")):
        tag = path.stem
        lines = [_clean(x) for x in path.read_text(encoding="utf-8").splitlines()]
        lines = [x for x in lines if len(x) > 1 and _readable(x)]
        heading = _MANUAL_TITLE.get(tag, tag)
        chunk: list[str] = []
        n = 0

        def flush():
            nonlocal chunk, n
            text = "\n".join(chunk).strip()
            if len(text) >= 12:
                n += 1
                docs.append(Doc(f"passage:{tag}:{n}", "passage", "zh", _MANUAL_PROGRAM.get(tag, "general"), "manual",
                                heading, text, (), (tag,), heading))
            chunk = []

        for line in lines:
            is_heading = bool(_HEADING_ZH.match(line)) and len(line) <= 30
            if is_heading:
                flush()
                heading = line
                continue
            chunk.append(line)
            if sum(len(x) for x in chunk) >= 160:
                flush()
        flush()
    return docs


_SECTION_PROGRAM = (("2.7", "retiree"), ("2.6", "mutual_aid"), ("2.5", "ss_card"), ("2.4", "card_enrollment"),
                    ("2.3", "member_card"), ("2.2", "general"), ("2.1", "general"))


def en_passages(base: Path = LOCALES) -> list[Doc]:
    """The English specification of the manuals: each bullet or table row under its headings."""
    path = base / "en" / "manuals" / "domain.md"
    if not path.exists():
        return []
    docs = []
    h2 = h3 = bold = ""
    program = "general"
    n = 0
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("## "):
            h2, h3, bold = line[3:], "", ""
            continue
        if line.startswith("# ") or h2.startswith("0."):
            continue
        if line.startswith("### "):
            h3, bold = line[4:], ""
            number = h3.split(" ", 1)[0]
            program = next((p for prefix, p in _SECTION_PROGRAM if number.startswith(prefix)), "general")
            for tag, p in _MANUAL_PROGRAM.items():
                if f"[{tag}]" in h3 and not number.startswith("2."):
                    program = p
            continue
        if line.startswith("**") and line.count("**") >= 2 and line.index("**", 2) < 80:
            bold = line.split("**")[1]
            line = line.split("**", 2)[2].strip()
            if not line:
                continue
        if not line or set(line) <= set("|-: "):
            continue
        text = _clean(line.replace("|", " · ").strip(" ·"))
        if len(text) < 12:
            continue
        tags = tuple(dict.fromkeys(SOURCE_TAG.findall(line) or SOURCE_TAG.findall(h3) or SOURCE_TAG.findall(bold)))
        section = " · ".join(x for x in (h3 or h2, bold) if x)
        n += 1
        docs.append(Doc(f"passage:en:{n}", "passage", "en", program, "manual", section, text, (), tags, section))
    return docs


def guide_docs(lang: str) -> list[Doc]:
    from domain.guides.dates import fill_own_year
    from domain.guides.loader import load_guides

    docs = []
    for gid, guide in load_guides(lang).items():
        program = GUIDE_TOPIC.get(gid, program_id(guide.program))
        source = tuple(SOURCE_TAG.findall(guide.source)) or (guide.source.strip("[]"),)
        for i, step in enumerate(guide.steps, 1):
            body = "\n".join(x for x in (step.where and f"📍 {step.where}", step.do, step.check and f"✔️ {step.check}") if x)
            body = fill_own_year(body, lang)  # the guides' date tokens: the dates of the manuals' own years
            docs.append(Doc(f"guide:{gid}:{step.id}", "guide", lang, program, "where",
                            f"{guide.title} · {i}. {step.title}", body, (step.title, step.where), source,
                            guide.title, {"guide": gid, "step": i, "silent": bool(IMAGE_ONLY.search(body))}))
            for j, (error, fix) in enumerate(step.errors, 1):
                docs.append(Doc(f"guide:{gid}:{step.id}:e{j}", "guide", lang, program, "error",
                                error, fill_own_year(fix, lang), (error, f"{step.title} {error}"), source, guide.title,
                                {"guide": gid, "step": i}))
    return docs


def status_docs(lang: str) -> list[Doc]:
    from domain.programs.machine import all_machines
    from domain.programs.texts import status_texts

    texts = status_texts(lang)
    docs = []
    for m in all_machines():
        names = texts.get("programs", {})
        meanings = (texts.get("statuses") or {}).get(m.text_group, {})
        source = tuple(SOURCE_TAG.findall(str(m.raw.get("source", "")))) if hasattr(m, "raw") else ()
        for sid in m.statuses:
            info = m.status(sid)
            label = info.get("label", sid)
            meaning = meanings.get(sid)
            if not meaning:
                continue
            nxt = (texts.get("next") or {}).get(info.get("next") or "", "")
            body = meaning + (f"\n➡️ {nxt}" if nxt else "")
            aliases = tuple(info.get("aliases") or ())
            docs.append(Doc(f"status:{m.program}:{sid}", "status", lang, program_id(m.program), "status",
                            f"{names.get(m.program, m.program)} · {label}", body, (label, *aliases, f"{label} 状态"),
                            source, extra={"label": label}))
    return docs


def calendar_docs(lang: str) -> list[Doc]:
    from domain.calendar import load_calendar

    from domain.answers.understand import vocabulary

    words = vocabulary()["programs"]
    docs = []
    cal = load_calendar()

    def named(program: str, title: str) -> tuple[str, ...]:
        # the title and the title with the programme's name: "委托代扣渠道关闭" is asked as "退休住院计划…代扣"
        name = (words.get(program_id(program), {}).get(lang) or [""])[0]
        return (title, f"{name} {title}") if name and name not in title else (title,)

    for d in cal.deadlines:
        when = d.due.strftime("%Y-%m-%d %H:%M")
        if d.starts:
            when = f"{d.starts.strftime('%Y-%m-%d %H:%M')} – {when}"
        parts = [f"{d.text('title', lang)}: {when}"]
        if d.text("missed", lang):
            parts.append(d.text("missed", lang))
        if d.text("note", lang):
            parts.append(d.text("note", lang))
        docs.append(Doc(f"calendar:{d.id}", "calendar", lang, program_id(d.program), "deadline",
                        d.text("title", lang), "\n".join(parts), named(d.program, d.text("title", lang)), (d.source,),
                        extra={"year": d.protection_year}))
    for r in cal.rules:
        body = r.text("title", lang) if hasattr(r, "text") else (r.title.get(lang) or r.title.get("zh", ""))
        note = r.note.get(lang) or ""
        docs.append(Doc(f"calendar:{r.id}", "calendar", lang, program_id(r.program), "deadline",
                        r.title.get(lang) or r.title.get("zh", ""), body + (f"\n{note}" if note else ""),
                        (r.title.get(lang) or "",), (r.source,), extra={"year": r.protection_year, "rule": r.id}))
    return docs


def contact_docs(lang: str) -> list[Doc]:
    from domain.guides.loader import load_contacts

    return [Doc(f"contact:{key}", "contact", lang, "general", "contact", text.split("：")[0].split(":")[0], text,
                (text,), ("001", "002", "004")) for key, text in load_contacts(lang).items()]


def all_docs(lang: str) -> list[Doc]:
    docs = kb_docs(lang) + fact_docs(lang) + guide_docs(lang) + status_docs(lang) + calendar_docs(lang) + contact_docs(lang)
    docs += zh_passages() if lang == "zh" else en_passages()
    return docs
