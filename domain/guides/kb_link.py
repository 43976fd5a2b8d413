"""Loose link from a guide step's FAQ topic tags to the knowledge base a teammate keeps in
``locales/<lang>/kb*.yaml`` (or ``locales/<lang>/kb/*.yaml``). The reader is tolerant: a file may
hold a list of entries or a mapping with ``entries``/``faq``/``items``; an entry matches when one
of the step's tags is among its ``tags`` or equals its ``id``. No KB yet -> no entries."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from domain.guides.loader import LOCALES_DIR


def _entries(doc) -> list[dict]:
    if isinstance(doc, list):
        return [e for e in doc if isinstance(e, dict)]
    if isinstance(doc, dict):
        for key in ("entries", "faq", "items", "questions"):
            if isinstance(doc.get(key), list):
                return [e for e in doc[key] if isinstance(e, dict)]
        # mapping id -> entry
        return [dict(v, id=v.get("id", k)) for k, v in doc.items() if isinstance(v, dict)]
    return []


def _text(entry: dict, *keys: str) -> str:
    for k in keys:
        v = entry.get(k)
        if isinstance(v, str) and v.strip():
            return v.strip()
        if isinstance(v, list) and v and all(isinstance(x, str) for x in v):
            return "\n".join(x.strip() for x in v)
    return ""


@lru_cache(maxsize=8)
def load_kb(lang: str, base: Path = LOCALES_DIR) -> tuple[tuple[str, tuple[str, ...], str, str], ...]:
    folder = base / lang
    paths = sorted(folder.glob("kb*.yaml")) + sorted((folder / "kb").glob("*.yaml"))
    out = []
    for path in paths:
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        for e in _entries(doc):
            q = _text(e, "q", "question", "title")
            a = _text(e, "a", "answer", "text")
            if not (q and a):
                continue
            tags = e.get("tags") or e.get("topics") or []
            tags = tuple(str(x) for x in tags) if isinstance(tags, list) else (str(tags),)
            out.append((str(e.get("id", "")), tags, q, a))
    return tuple(out)


def related_faq(lang: str, tags: tuple[str, ...] | list[str], limit: int = 3,
                base: Path = LOCALES_DIR) -> list[tuple[str, str, str]]:
    """(id, question, answer) of KB entries sharing a tag with the step, best first."""
    wanted = set(tags)
    scored = []
    for i, (eid, etags, q, a) in enumerate(load_kb(lang, base)):
        score = len(wanted & set(etags)) + (2 if eid in wanted else 0)
        if score:
            scored.append((-score, i, (eid, q, a)))
    return [item for _, _, item in sorted(scored)[:limit]]
