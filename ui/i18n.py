"""Fluent catalogs under ``locales/<lang>/*.ftl``: Simplified Chinese first, English second.

Every parameter is HTML-escaped (messages go out with parse_mode=HTML), so catalog text may use
<b>/<i>/<code> while user-supplied values can never inject markup.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import pickle
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from fluent.runtime import FluentBundle
from fluent.runtime.types import fluent_number
from fluent.syntax import FluentParser, ast

from domain.messages import MessageRef  # a parameter that is a message of its own (used by handlers too)
try:
    from importlib.metadata import version as _version

    FLUENT_VERSION = _version("fluent.syntax")
except Exception:  # noqa: BLE001 - any version string will do, it only keys the cache
    FLUENT_VERSION = "?"

LOCALES_DIR = Path(__file__).resolve().parents[1] / "locales"
LANGS = ("zh", "en")
log = logging.getLogger(__name__)


def code_to_id(code: str) -> str:
    """Domain code "id.checksum" -> message id "err-id-checksum"."""
    return "err-" + code.replace(".", "-").replace("_", "-")


def _arg(value):
    # Text becomes an escaped string; a whole number stays a Fluent number without digit grouping
    # (2025, not "2,025") so that English plural selectors ([one] / *[other]) can choose on it.
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return fluent_number(value, useGrouping=False)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) else str(int(value))
    if isinstance(value, (date, datetime)):
        return html.escape(value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat())
    if value is None:
        return ""
    return html.escape(str(value), quote=False)


def parsed_catalogs(locales_dir: Path = LOCALES_DIR) -> dict[str, ast.Resource]:
    """Every catalog parsed, keyed by path. Parsing all of them costs about half a second at each
    start, so the result is kept in ``locales/.cache/`` under a key made of every file's path, size
    and mtime (a changed catalog is parsed again); an unwritable folder just means no cache."""
    files = sorted(locales_dir.glob("*/*.ftl"))
    stamp = repr([(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files] + [FLUENT_VERSION])
    cache = locales_dir / ".cache" / f"ftl-{hashlib.sha256(stamp.encode()).hexdigest()[:24]}.pickle"
    try:
        return pickle.loads(cache.read_bytes())  # written by this function only, in the project's folder
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    parser = FluentParser()
    parsed = {str(p): parser.parse(p.read_text(encoding="utf-8")) for p in files}
    try:
        cache.parent.mkdir(exist_ok=True)
        for old in cache.parent.glob("ftl-*.pickle"):
            old.unlink(missing_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(parsed))
        tmp.replace(cache)
    except OSError:
        pass
    return parsed


class Translator:
    def __init__(self, locales_dir: Path = LOCALES_DIR, default: str = "zh"):
        self.default = default if default in LANGS else "zh"
        self.bundles: dict[str, FluentBundle] = {}
        self.ids: dict[str, set[str]] = {}
        self.problems: list[str] = []
        parsed = parsed_catalogs(locales_dir)
        for lang in LANGS:
            bundle = FluentBundle([lang if lang != "zh" else "zh-CN"], use_isolating=False)
            ids: set[str] = set()
            for path in sorted((locales_dir / lang).glob("*.ftl")):
                resource = parsed[str(path)]  # parsed once: checked here, then given to the bundle
                for entry in resource.body:
                    if isinstance(entry, ast.Junk):
                        self.problems.append(f"{path.relative_to(locales_dir)}: syntax error near {entry.content[:40]!r}")
                    elif isinstance(entry, ast.Message):
                        if entry.id.name in ids:
                            self.problems.append(f"{path.relative_to(locales_dir)}: duplicate id {entry.id.name}")
                        ids.add(entry.id.name)
                bundle.add_resource(resource)
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
                params = {k: (self.t(candidate, v.key, **v.kwargs) if isinstance(v, MessageRef) else v) for k, v in params.items()}
                text, errors = bundle.format_pattern(msg.value, {k: _arg(v) for k, v in params.items()})
                if errors:
                    log.warning("message %s (%s): %s", key, candidate, "; ".join(map(str, errors)))
                return text
        log.warning("missing message id %s", key)
        return key

    def err(self, lang: str | None, code: str, **params) -> str:
        return self.t(lang, code_to_id(code), **params)

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

    def ref(self, ref: MessageRef) -> str:
        """A message the domain named (``domain.messages.MessageRef``), with its parameters."""
        return self.translator.t(self.lang, ref.key, **ref.kwargs)


@lru_cache(maxsize=4)
def get_translator(default: str = "zh") -> Translator:
    return Translator(default=default)


def translator_for(lang: str) -> BoundTranslator:
    """The message catalog in *lang*; module-level, so a job sent to the roster worker process
    (bot/sandbox.py) can carry it by name."""
    return BoundTranslator(get_translator(), lang)


def fmt_day(t, day) -> str:
    """A day as the reader's language writes it (``t`` a bound translator): 2025-06-04 in Chinese,
    June 4, 2025 in English (date-day)."""
    return t("date-day", iso=day.isoformat(), year=day.year, month=day.month, d=day.day)


def fmt_month(t, day) -> str:
    """A month of a year: 2025-06 in Chinese, June 2025 in English (date-month)."""
    return t("date-month", iso=day.strftime("%Y-%m"), year=day.year, month=day.month)


def fmt_moment(t, moment) -> str:
    """A day and time: 2025-06-30 17:00 in Chinese, June 30, 2025 17:00 in English (date-moment)."""
    return t("date-moment", day=fmt_day(t, moment.date()), time=moment.strftime("%H:%M"))
