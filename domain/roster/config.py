"""Roster templates and rule severities, loaded from ``domain/data/roster/templates.yaml``."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from domain.spreadsheet import WorkbookLimits, default_limits

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "roster" / "templates.yaml"
KINDS = ("members", "mutual-aid", "retiree")
SEVERITIES = ("error", "warning")


class ConfigError(ValueError):
    """The YAML data is inconsistent (a programming/data error, not a user error)."""


_SPACE_RE = re.compile(r"\s+")


def norm_header(text: object) -> str:
    """Header text as compared: NFKC (full-width brackets/asterisks -> ASCII), no spaces or line
    breaks, no asterisks, Chinese enumeration commas unified."""
    s = unicodedata.normalize("NFKC", str(text or ""))
    s = _SPACE_RE.sub("", s).replace("*", "").replace("、", ",")
    return s.lower()


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    aliases: tuple[str, ...]
    required: bool = False
    text: bool = False  # kept as text in the template (document numbers, phones)

    def matches(self, normalized: str) -> bool:
        for alias in self.aliases:
            a = norm_header(alias)
            if normalized == a or normalized.startswith(a + "("):
                return True
        return False


@dataclass(frozen=True, slots=True)
class Template:
    kind: str
    source: str
    columns: tuple[Column, ...]
    detect: tuple[str, ...]
    max_data_rows: int | None
    id_types: tuple[str, ...]
    id_types_strict: bool
    non_id_needs_birth_and_gender: bool
    phone_invalid_is_error: bool
    unique_phones: bool = False
    min_valid_phone_ratio: float | None = None
    age_limits: dict = field(default_factory=dict)  # {"F": 55, "M": 60}
    address_min_chars: int | None = None
    member_types: tuple[str, ...] = ()
    card_member_type: str | None = None
    flexible_member_type: str | None = None
    flexible_labels: tuple[str, ...] = ()

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


@dataclass(frozen=True, slots=True)
class Limits(WorkbookLimits):
    """The workbook guard's limits (domain/spreadsheet.py, one place), and how far down the header is looked for."""

    header_search_rows: int


@dataclass(frozen=True, slots=True)
class RosterConfig:
    limits: Limits
    severities: dict
    templates: dict
    id_document: str
    genders: dict
    yes_no: tuple[str, ...]
    year_start: tuple[int, int]
    next_year_from: tuple[int, int]

    def severity(self, code: str) -> str:
        try:
            return self.severities[code]
        except KeyError:
            raise ConfigError(f"no severity for rule {code}") from None

    def protection_year_start(self, today: date) -> date:
        """Start of the protection year a roster checked on *today* is meant for."""
        m, d = self.year_start
        year = today.year if (today.month, today.day) >= self.next_year_from else today.year - 1
        return date(year, m, d)


def _month_day(text: str) -> tuple[int, int]:
    m, d = (int(x) for x in str(text).split("-"))
    date(2000, m, d)  # validates
    return m, d


def parse_config(raw: dict) -> RosterConfig:
    try:
        limits = Limits(**asdict(default_limits()), header_search_rows=raw["limits"]["header_search_rows"])
        severities = dict(raw["rules"])
        for code, sev in severities.items():
            if sev not in SEVERITIES:
                raise ConfigError(f"rule {code}: severity {sev!r}")
        templates = {}
        for kind, spec in raw["kinds"].items():
            if kind not in KINDS:
                raise ConfigError(f"unknown kind {kind}")
            cols = tuple(
                Column(c["key"], c["header"], tuple(c.get("aliases") or [c["header"]]), bool(c.get("required")), bool(c.get("text")))
                for c in spec["columns"]
            )
            keys = [c.key for c in cols]
            if len(set(keys)) != len(keys):
                raise ConfigError(f"{kind}: duplicate column keys")
            for needed in ("name", "id_type", "id_number"):
                if needed not in keys:
                    raise ConfigError(f"{kind}: column {needed} missing")
            templates[kind] = Template(
                kind=kind,
                source=spec.get("source", ""),
                columns=cols,
                detect=tuple(spec.get("detect") or ()),
                max_data_rows=spec.get("max_data_rows"),
                id_types=tuple(spec["id_types"]),
                id_types_strict=bool(spec.get("id_types_strict", True)),
                non_id_needs_birth_and_gender=bool(spec.get("non_id_needs_birth_and_gender")),
                phone_invalid_is_error=bool(spec.get("phone_invalid_is_error", True)),
                unique_phones=bool(spec.get("unique_phones")),
                min_valid_phone_ratio=spec.get("min_valid_phone_ratio"),
                age_limits={k: int(v) for k, v in (spec.get("age_limits") or {}).items()},
                address_min_chars=spec.get("address_min_chars"),
                member_types=tuple(spec.get("member_types") or ()),
                card_member_type=spec.get("card_member_type"),
                flexible_member_type=spec.get("flexible_member_type"),
                flexible_labels=tuple(spec.get("flexible_labels") or ()),
            )
        if set(templates) != set(KINDS):
            raise ConfigError(f"kinds must be exactly {KINDS}")
        return RosterConfig(
            limits=limits,
            severities=severities,
            templates=templates,
            id_document=str(raw["id_document"]),
            genders=dict(raw["genders"]),
            yes_no=tuple(raw["yes_no"]),
            year_start=_month_day(raw["protection_year"]["start"]),
            next_year_from=_month_day(raw["protection_year"]["next_year_from"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, ConfigError):
            raise
        raise ConfigError(f"roster templates: {exc!r}") from exc


@lru_cache(maxsize=1)
def load_config(path: Path = DATA_FILE) -> RosterConfig:
    with open(path, encoding="utf-8") as fh:
        return parse_config(yaml.safe_load(fh))
