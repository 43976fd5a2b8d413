"""Per-locale texts of the status machines (``locales/<lang>/status.yaml``) and their validator:
every status, action, reason, condition, next step, disputed note and deadline of every machine
must have a text in both languages."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from domain.programs.machine import all_machines

LOCALES_DIR = Path(__file__).resolve().parent.parent.parent / "locales"
LANGS = ("zh", "en")


@lru_cache(maxsize=None)
def status_texts(lang: str, base: Path = LOCALES_DIR) -> dict:
    return yaml.safe_load((base / lang / "status.yaml").read_text(encoding="utf-8")) or {}


def needed_keys() -> dict[str, set]:
    need: dict[str, set] = {k: set() for k in ("programs", "modes", "actions", "reasons", "conditions", "next",
                                                "disputed", "deadlines")}
    need["deadlines"].add("stale")
    statuses: dict[str, set] = {}
    for m in all_machines():
        need["programs"].add(m.program)
        need["modes"] |= set(m.modes)
        need["actions"] |= set(m.actions)
        need["deadlines"] |= set(m.raw.get("deadlines") or {})
        for d in (m.raw.get("deadlines") or {}).values():
            if d.get("disputed"):
                need["disputed"].add(d["disputed"])
        for sid, st in m.raw["statuses"].items():
            statuses.setdefault(m.text_group, set()).add(sid)
            need["next"].add(st["next"])
            for f in (st.get("forbidden") or {}).values():
                need["reasons"].add(f["reason"])
                if f.get("instead"):
                    need["actions"].add(f["instead"])
            for c in (st.get("conditional") or {}).values():
                need["conditions"].add(c["condition"])
            for d in st.get("disputed") or []:
                need["disputed"].add(d["note"])
    need["statuses"] = statuses  # type: ignore[assignment]
    return need


def check_status_texts(base: Path = LOCALES_DIR) -> list[str]:
    problems = []
    need = needed_keys()
    docs = {lang: status_texts.__wrapped__(lang, base) for lang in LANGS}
    for lang, doc in docs.items():
        for section, keys in need.items():
            if section == "statuses":
                for group, sids in keys.items():
                    have = set((doc.get("statuses") or {}).get(group) or {})
                    if sids - have:
                        problems.append(f"{lang}: statuses.{group} missing {sorted(sids - have)}")
                continue
            have = set(doc.get(section) or {})
            if keys - have:
                problems.append(f"{lang}: {section} missing {sorted(keys - have)}")
            for k in have & keys:
                v = doc[section][k]
                if not isinstance(v, str) or not v.strip():
                    problems.append(f"{lang}: {section}.{k} empty")
    def flat(d, prefix=""):
        out = set()
        for k, v in d.items():
            out |= flat(v, f"{prefix}{k}.") if isinstance(v, dict) else {prefix + k}
        return out
    # English glosses the platform's Chinese status labels (zh needs none): every status has one
    glosses = docs["en"].pop("glosses", None) or {}
    docs["zh"].pop("glosses", None)
    for machine in all_machines():
        missing = set(machine.raw["statuses"]) - set(glosses.get(machine.text_group) or {})
        if missing:
            problems.append(f"en: glosses.{machine.text_group} missing {sorted(missing)}")
    if flat(docs["zh"]) != flat(docs["en"]):
        problems.append(f"zh/en status.yaml keys differ: {sorted(flat(docs['zh']) ^ flat(docs['en']))}")
    return problems
