"""English glosses of the platform's Chinese names (locales/<lang>/glossary.yaml): an English text keeps
the name the platform shows, since that is what people click, and adds the gloss after its first
appearance in a message: "【批次撤回】 (withdraw the batch)", "“提交办卡” (submit the card application)"."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

LOCALES = Path(__file__).resolve().parents[1] / "locales"
_LABEL = re.compile(r"【([^】]+)】(\s*\()?|“([^”]{2,24})”(\s*\()?")
_BARE = re.compile(r"(?<![\u4e00-\u9fff（）])[\u4e00-\u9fff]{2,16}(?![\u4e00-\u9fff（）])")


@lru_cache(maxsize=4)
def _glossary(lang: str) -> dict[str, str]:
    path = LOCALES / lang / "glossary.yaml"
    raw = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}
    return {str(k): str(v) for k, v in raw.items() if isinstance(v, str)}


def gloss(t, text: str) -> str:
    """English text: each platform name in 【…】 or “…” gets its gloss after its first appearance in the
    message, unless a "(" follows it or its English name stands just before it. Other languages: unchanged."""
    glossary = _glossary(t.lang) if t.lang != "zh" else {}
    if not glossary:
        return text
    seen: set[str] = set()

    def one(m: re.Match) -> str:
        name, explained = (m.group(1), m.group(2)) if m.group(1) is not None else (m.group(3), m.group(4))
        # "Withdraw the batch 【批次撤回】": the English name just before it is the gloss already
        explained = explained or (name in glossary and glossary[name].lower() in text[max(0, m.start() - 60):m.start()].lower())
        # "Submit for system validation (“提交系统校验”)": a name in brackets glosses the English before it
        explained = explained or text[max(0, m.start() - 1):m.start()] in ("(", "（")
        if name in seen or explained or name not in glossary:
            seen.add(name)
            return m.group(0)
        seen.add(name)
        return f"{m.group(0)} ({glossary[name]})"

    text = _LABEL.sub(one, text)

    def bare(m: re.Match) -> str:
        # a name written without brackets ("会员管理 → 会员信息", "choose 发卡支行"): the whole run of Chinese
        # characters must be the name, and it is not glossed already (brackets around or after it)
        name = m.group(0)
        if name not in glossary or name in seen:
            return name
        seen.add(name)
        before, after = text[max(0, m.start() - 1):m.start()], text[m.end():m.end() + 2]
        if before in ("(", "（", "【", "“", "《", "「") or after.lstrip()[:1] in ("(", "（", "】", "”", "》", "」") \
                or glossary[name].lower() in text[max(0, m.start() - 60):m.start()].lower():
            return name
        return f"{name} ({glossary[name]})"

    return _BARE.sub(bare, text)
