"""Scan of everything people read for words that belong to the team, not to them: internal words
("OCR", "推测", "DOMAIN §7"), identifiers and slugs (``member_basic``, ``ss-import``), file names and
paths (``2023.yaml``, ``domain/data/``). One word list, one function: the catalog test runs it over
the Fluent catalogs, the per-locale data and the data texts shown in messages; the knowledge base
(``locales/<lang>/kb``) runs it with the same list.

``scan_text(text)`` -> the offending words of one text; ``scan_catalogs()`` -> "where: word: text"
lines for everything shipped except the knowledge base; ``scan_yaml_file(path, keys)`` for one data
file (every string value, or only those under ``keys``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"

# Words that must never reach a user: how the team works on the manuals, guesses, dev file names.
INTERNAL_WORDS = (
    "OCR", "推测", "猜测", "行政区划表", "DOMAIN", "§", "TODO", "FIXME", "XXX", "placeholder", "stub",
    "presumably", "slug", "locales/", "domain/", "handlers/", "bot/", "tests/", "data/programs", "data/calendar",
)
# Tags that are also plain English compounds, fine in a sentence ("the member-card channel").
ENGLISH_COMPOUNDS = frozenset({"member-card", "over-age", "card-batch", "half-year", "social-security"})
_FILE = re.compile(r"[\w./-]+\.(?:ya?ml|py|ftl|json|toml|cfg|ini)\b", re.I)
_SNAKE = re.compile(r"(?<![\w.@/-])[a-z]+(?:_[a-z0-9]+)+(?![\w@])")  # member_basic, ce_windows
_TOKEN = re.compile(r"\[\[[^\]]+\]\]")  # guide date tokens, replaced before anyone reads them
_URLISH = re.compile(r"\S+@\S+|https?://\S+|/[a-z_]+\b")  # e-mail, links and /commands may look like ids


@lru_cache(maxsize=1)
def slugs() -> frozenset[str]:
    """Topic tags and ids people must not see: knowledge-base tags, guide FAQ tags and step ids."""
    found: set[str] = set()
    for path in LOCALES.glob("*/kb/*.yaml"):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(entry, dict):
                found |= {str(t) for t in entry.get("tags") or []}
                found.add(str(entry.get("id", "")))
    for path in LOCALES.glob("*/guides/*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if isinstance(doc, dict):
            for step in doc.get("steps") or []:
                found |= {str(t) for t in step.get("faq") or []}
                found.add(str(step.get("id", "")))
    # plain words that happen to be tags too ("deadline", "payment") are fine: only compound ones count
    return frozenset(s for s in found if s and ("-" in s or "_" in s) and s not in ENGLISH_COMPOUNDS)


def scan_text(text: str) -> list[str]:
    """The internal words, identifiers, slugs and file names found in one text."""
    text = _TOKEN.sub(" ", text)
    bare = _URLISH.sub(" ", text)
    found = [w for w in INTERNAL_WORDS if (w.lower() in text.lower() if w.isascii() else w in text)]
    found += _FILE.findall(bare)
    found += _SNAKE.findall(bare)
    words = set(re.findall(r"[A-Za-z0-9_-]+", bare))
    found += sorted(words & slugs())
    return found


def _strings(value, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]")


def scan_yaml_file(path: Path, keys: Iterable[str] | None = None) -> list[str]:
    """Problems in one YAML data file: every string value, or only those whose key path ends in one of
    ``keys`` (e.g. title.zh, missed.en)."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    keys = tuple(keys or ())
    out = []
    for where, text in _strings(doc):
        last = re.sub(r"\[\d+\]", "", where).split(".")
        if keys and not any(k in last for k in keys):
            continue
        for word in scan_text(text):
            out.append(f"{path.relative_to(ROOT)}:{where}: {word!r}: {text[:80]}")
    return out


def _pattern_text(pattern) -> str:
    """The words of a Fluent pattern: text elements, and those of every selector variant (variables and
    variant keys are not text people read)."""
    from fluent.syntax import ast

    parts = []
    for el in pattern.elements:
        if isinstance(el, ast.TextElement):
            parts.append(el.value)
        elif isinstance(el, ast.Placeable) and isinstance(el.expression, ast.SelectExpression):
            parts += [_pattern_text(v.value) for v in el.expression.variants]
        elif isinstance(el, ast.Placeable) and isinstance(el.expression, ast.StringLiteral):
            parts.append(el.expression.value)
        else:
            parts.append(" ")
    return " ".join(parts)


def scan_ftl_file(path: Path) -> list[str]:
    from fluent.syntax import FluentParser, ast

    out = []
    for entry in FluentParser().parse(path.read_text(encoding="utf-8")).body:
        if isinstance(entry, ast.Message) and entry.value is not None:
            text = _pattern_text(entry.value)
            for word in scan_text(text):
                out.append(f"{path.relative_to(ROOT)}:{entry.id.name}: {word!r}: {' '.join(text.split())[:80]}")
    return out


# the knowledge the answer engine reads (the lead's): scanned with include_kb=True, same word list
KNOWLEDGE_DIRS = ("kb", "facts", "manuals")

# what of the domain data is shown in messages (the rest is rules, sources and notes for the team)
DATA_TEXTS = {
    "domain/data/calendar/*.yaml": ("title", "missed", "note"),
    "domain/data/programs/status/*.yaml": ("label", "aliases"),
    "domain/data/cards/*.yaml": ("district", "branch", "name", "address"),
    "domain/data/reminders/*.yaml": ("zh", "en"),
}


def scan_catalogs(include_kb: bool = False) -> list[str]:
    """Everything shipped that people read, except the knowledge base (``KNOWLEDGE_DIRS``) unless
    ``include_kb``."""
    problems: list[str] = []
    for path in sorted(LOCALES.glob("*/*.ftl")):
        problems += scan_ftl_file(path)
    for path in sorted(LOCALES.rglob("*.yaml")):
        part = path.relative_to(LOCALES).parts[1]
        if part in KNOWLEDGE_DIRS and not include_kb:
            continue
        # guide steps' FAQ tags and ids are data for the bot, never shown
        keys = ("title", "where", "do", "check", "error", "fix") if "guides" in path.parts else None
        if path.parent.name == "guides" and path.name.startswith("_"):
            keys = None
        if part in KNOWLEDGE_DIRS:
            keys = ("question", "answer", "variants", "q", "text")
        problems += scan_yaml_file(path, keys)
    for pattern, keys in DATA_TEXTS.items():
        for path in sorted(ROOT.glob(pattern)):
            problems += scan_yaml_file(path, keys)
    return problems
