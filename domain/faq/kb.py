"""The knowledge base: ``locales/<lang>/kb/*.yaml``, one entry per question, same ids in both languages."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from domain.vocabulary import ANSWERS

LOCALES = Path(__file__).resolve().parents[2] / "locales"
PROGRAMS = ANSWERS
FIELDS = {"id", "program", "question", "variants", "answer", "source", "tags", "faq_no", "silent"}


@dataclass(frozen=True)
class Entry:
    id: str
    program: str
    question: str
    answer: str
    variants: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    faq_no: int | None = None
    silent: bool = False  # the manuals are silent: the answer says so and who to ask (a refusal, kindly put)
    extra: dict = field(default_factory=dict, compare=False)


class KbError(ValueError):
    pass


@lru_cache(maxsize=4)
def load_kb(lang: str) -> list[Entry]:
    entries: list[Entry] = []
    seen: set[str] = set()
    folder = LOCALES / lang / "kb"
    for path in sorted(folder.glob("*.yaml")):
        items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for n, raw in enumerate(items, 1):
            where = f"{path.name} entry {n}"
            if not isinstance(raw, dict):
                raise KbError(f"{where}: not a mapping")
            unknown = set(raw) - FIELDS
            missing = {"id", "program", "question", "answer", "source"} - set(raw)
            if unknown or missing:
                raise KbError(f"{where}: unknown fields {sorted(unknown)} / missing {sorted(missing)}")
            if raw["program"] not in PROGRAMS:
                raise KbError(f"{where}: unknown program {raw['program']!r}")
            if raw["id"] in seen:
                raise KbError(f"{where}: duplicate id {raw['id']!r}")
            seen.add(raw["id"])
            entries.append(
                Entry(
                    id=str(raw["id"]),
                    program=raw["program"],
                    question=str(raw["question"]).strip(),
                    answer=str(raw["answer"]).strip(),
                    variants=tuple(str(v) for v in raw.get("variants") or ()),
                    source=tuple(str(s) for s in (raw["source"] if isinstance(raw["source"], list) else [raw["source"]])),
                    tags=tuple(str(t) for t in raw.get("tags") or ()),
                    faq_no=raw.get("faq_no"),
                    silent=bool(raw.get("silent")),
                )
            )
    return entries


def check_kb() -> list[str]:
    """Problems between the two languages (ids, programs, FAQ numbers, sources)."""
    zh = {e.id: e for e in load_kb("zh")}
    en = {e.id: e for e in load_kb("en")}
    problems = [f"en is missing {i}" for i in sorted(set(zh) - set(en))]
    problems += [f"zh is missing {i}" for i in sorted(set(en) - set(zh))]
    for i in sorted(set(zh) & set(en)):
        a, b = zh[i], en[i]
        if (a.program, a.faq_no, a.source, a.tags, a.silent) != (b.program, b.faq_no, b.source, b.tags, b.silent):
            problems.append(f"{i}: program/faq_no/source/tags differ between zh and en")
    return problems
