"""Loader and validator of the guide content (data per locale, not code)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from domain.vocabulary import GUIDES

LOCALES_DIR = Path(__file__).resolve().parent.parent.parent / "locales"
LANGS = ("zh", "en")
PROGRAMS = GUIDES
# menu order
GUIDE_ORDER = ("mutual_aid_collective", "mutual_aid_instant", "retiree_deduction", "retiree_voucher",
               "member_card_grassroots", "member_card_district", "ss_card_instant", "card_batch", "roster_upkeep")
STEP_TEXT = ("title", "where", "do", "check")


class GuideError(ValueError):
    pass


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    where: str
    do: str
    check: str
    errors: tuple[tuple[str, str], ...]
    faq: tuple[str, ...]


@dataclass(frozen=True)
class Guide:
    id: str
    program: str
    mode: str | None
    title: str
    source: str
    contacts: tuple[str, ...]
    steps: tuple[Step, ...]

    def step_index(self, step_id: str) -> int | None:
        return next((i for i, s in enumerate(self.steps) if s.id == step_id), None)


def _text(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise GuideError(f"{where}: must be non-empty text")
    return value.strip()


def parse_guide(doc: dict, where: str) -> Guide:
    if not isinstance(doc, dict):
        raise GuideError(f"{where}: not a mapping")
    gid = _text(doc.get("id"), f"{where}: id")
    if doc.get("program") not in PROGRAMS:
        raise GuideError(f"{where}: program must be one of {PROGRAMS}")
    steps = []
    seen = set()
    for i, raw in enumerate(doc.get("steps") or []):
        w = f"{where}: step {i + 1}"
        sid = _text(raw.get("id"), f"{w} id")
        if sid in seen:
            raise GuideError(f"{w}: duplicate step id {sid}")
        seen.add(sid)
        errors = []
        for j, e in enumerate(raw.get("errors") or []):
            errors.append((_text(e.get("error"), f"{w} error {j + 1}"), _text(e.get("fix"), f"{w} fix {j + 1}")))
        if not errors:
            raise GuideError(f"{w}: needs at least one common error with its fix")
        faq = raw.get("faq") or []
        if not faq or not all(isinstance(t, str) and t for t in faq):
            raise GuideError(f"{w}: faq must list topic tags")
        steps.append(Step(sid, *(_text(raw.get(k), f"{w} {k}") for k in STEP_TEXT), tuple(errors), tuple(faq)))
    if not steps:
        raise GuideError(f"{where}: no steps")
    contacts = tuple(doc.get("contacts") or [])
    if not contacts:
        raise GuideError(f"{where}: contacts")
    return Guide(gid, doc["program"], doc.get("mode"), _text(doc.get("title"), f"{where}: title"),
                 _text(doc.get("source"), f"{where}: source"), contacts, tuple(steps))


@lru_cache(maxsize=None)
def load_guides(lang: str, base: Path = LOCALES_DIR) -> dict[str, Guide]:
    folder = base / lang / "guides"
    guides = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        guide = parse_guide(yaml.safe_load(path.read_text(encoding="utf-8")), f"{lang}/guides/{path.name}")
        if guide.id != path.stem:
            raise GuideError(f"{lang}/guides/{path.name}: id must equal the file name")
        guides[guide.id] = guide
    return guides


@lru_cache(maxsize=None)
def load_contacts(lang: str, base: Path = LOCALES_DIR) -> dict[str, str]:
    doc = yaml.safe_load((base / lang / "guides" / "_contacts.yaml").read_text(encoding="utf-8")) or {}
    return {k: _text(v, f"{lang}/guides/_contacts.yaml: {k}") for k, v in doc.items()}


def check_guides(base: Path = LOCALES_DIR) -> list[str]:
    """Problems across locales (empty = fine): same guides, same steps in the same order, same FAQ
    tags, same number of common errors, same program/mode/source/contacts, contacts defined."""
    problems: list[str] = []
    try:
        per_lang = {lang: load_guides.__wrapped__(lang, base) for lang in LANGS}
        contacts = {lang: load_contacts.__wrapped__(lang, base) for lang in LANGS}
    except (GuideError, OSError, yaml.YAMLError) as exc:
        return [str(exc)]
    ref_lang, ref = LANGS[0], per_lang[LANGS[0]]
    if set(contacts[ref_lang]) != set(contacts[LANGS[1]]):
        problems.append("contacts: zh and en keys differ")
    for lang in LANGS:
        if set(per_lang[lang]) != set(GUIDE_ORDER):
            problems.append(f"{lang}: guides {sorted(per_lang[lang])} != {sorted(GUIDE_ORDER)}")
    for gid, g in ref.items():
        other = per_lang[LANGS[1]].get(gid)
        if other is None:
            continue
        for attr in ("program", "mode", "source", "contacts"):
            if getattr(g, attr) != getattr(other, attr):
                problems.append(f"{gid}: {attr} differs between locales")
        if [s.id for s in g.steps] != [s.id for s in other.steps]:
            problems.append(f"{gid}: step ids differ: {[s.id for s in g.steps]} vs {[s.id for s in other.steps]}")
            continue
        for a, b in zip(g.steps, other.steps):
            if a.faq != b.faq:
                problems.append(f"{gid}/{a.id}: faq tags differ")
            if len(a.errors) != len(b.errors):
                problems.append(f"{gid}/{a.id}: number of common errors differs")
        for lang in LANGS:
            for c in per_lang[lang][gid].contacts:
                if c not in contacts[lang]:
                    problems.append(f"{lang}/{gid}: unknown contact {c}")
    return problems
