"""Fluent catalogs under ``locales/<lang>/*.ftl``: Simplified Chinese first, English second.

Every parameter is HTML-escaped (messages go out with parse_mode=HTML), so catalog text may use
<b>/<i>/<code> while user-supplied values can never inject markup.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import FluentParser, ast

from domain.messages import MessageRef  # a parameter that is a message of its own (used by handlers too)

LOCALES_DIR = Path(__file__).resolve().parents[1] / "locales"
LANGS = ("zh", "en")
log = logging.getLogger(__name__)


def code_to_id(code: str) -> str:
    """Domain code "id.checksum" -> message id "err-id-checksum"."""
    return "err-" + code.replace(".", "-").replace("_", "-")


def _arg(value):
    # Everything becomes an escaped string: Fluent would otherwise group digits (2025 -> "2,025").
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) else str(int(value))
    if isinstance(value, (date, datetime)):
        return html.escape(value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat())
    if value is None:
        return ""
    return html.escape(str(value), quote=False)


class Translator:
    def __init__(self, locales_dir: Path = LOCALES_DIR, default: str = "zh"):
        self.default = default if default in LANGS else "zh"
        self.bundles: dict[str, FluentBundle] = {}
        self.ids: dict[str, set[str]] = {}
        self.problems: list[str] = []
        parser = FluentParser()
        for lang in LANGS:
            bundle = FluentBundle([lang if lang != "zh" else "zh-CN"], use_isolating=False)
            ids: set[str] = set()
            for path in sorted((locales_dir / lang).glob("*.ftl")):
                text = path.read_text(encoding="utf-8")
                for entry in parser.parse(text).body:
                    if isinstance(entry, ast.Junk):
                        self.problems.append(f"{path.relative_to(locales_dir)}: syntax error near {entry.content[:40]!r}")
                    elif isinstance(entry, ast.Message):
                        if entry.id.name in ids:
                            self.problems.append(f"{path.relative_to(locales_dir)}: duplicate id {entry.id.name}")
                        ids.add(entry.id.name)
                bundle.add_resource(FluentResource(text))
            self.bundles[lang] = bundle
            self.ids[lang] = ids

    def normalize(self, lang: str | None) -> str:
        if not lang:
            return self.default
        lang = lang.lower()
        if lang.startswith("zh"):
            return "zh"
        if lang.startswith("en"):
            return "en"
        return self.default

    def has(self, key: str, lang: str = "zh") -> bool:
        return key in self.ids.get(lang, ())

    def t(self, lang: str | None, key: str, **params) -> str:
        lang = self.normalize(lang)
        for candidate in (lang, self.default, "zh"):
            bundle = self.bundles[candidate]
            if bundle.has_message(key):
                msg = bundle.get_message(key)
                if msg.value is None:
                    break
                params = {k: (self.t(candidate, v.key) if isinstance(v, MessageRef) else v) for k, v in params.items()}
                text, errors = bundle.format_pattern(msg.value, {k: _arg(v) for k, v in params.items()})
                if errors:
                    log.warning("message %s (%s): %s", key, candidate, "; ".join(map(str, errors)))
                return text
        log.warning("missing message id %s", key)
        return key

    def err(self, lang: str | None, code: str, **params) -> str:
        return self.t(lang, code_to_id(code), **params)

    def variants(self, key: str) -> set[str]:
        """The message in every language (for matching button texts)."""
        return {self.t(lang, key) for lang in LANGS}

    def check(self) -> list[str]:
        """Catalog problems: syntax errors, duplicates, ids missing in one language."""
        problems = list(self.problems)
        zh, en = self.ids["zh"], self.ids["en"]
        problems += [f"en is missing {k}" for k in sorted(zh - en)]
        problems += [f"zh is missing {k}" for k in sorted(en - zh)]
        return problems


@dataclass(frozen=True, slots=True)
class BoundTranslator:
    """What handlers get as ``t``: ``t("key", **params)``, ``t.err(code)``, ``t.lang``."""

    translator: Translator
    lang: str

    def __call__(self, key: str, **params) -> str:
        return self.translator.t(self.lang, key, **params)

    def err(self, code: str, **params) -> str:
        return self.translator.err(self.lang, code, **params)


@lru_cache(maxsize=4)
def get_translator(default: str = "zh") -> Translator:
    return Translator(default=default)
