"""Loader, validator and queries for the program status machines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from domain import clock
from domain.calc.common import CalcError
from domain.calc.data import carry_horizon, collective_year, latest, lookup, year_for
from domain.vocabulary import MACHINES

STATUS_DIR = Path(__file__).resolve().parent.parent / "data" / "programs" / "status"
PROGRAMS = MACHINES
# which data-file section holds a machine's deadlines
DATA_SECTION = {"mutual_aid": "mutual_aid", "retiree": "retiree", "member_protection": "member_basic",
                "ss_card": "member_basic", "card_batch": None, "enrollment_code": "mutual_aid"}


class MachineError(ValueError):
    pass


@dataclass(frozen=True)
class Decision:
    action: str
    verdict: str  # allowed / forbidden / conditional
    reason: str | None = None  # forbidden: reason code
    instead: str | None = None  # forbidden: what to do instead
    condition: str | None = None  # conditional: condition code
    disputed: str | None = None  # note code when the manual contradicts itself on this action

    @property
    def allowed(self) -> bool:
        return self.verdict == "allowed"


@dataclass
class StatusInfo:
    program: str
    status: str
    label: str
    label_in_manual: bool | str
    decisions: list[Decision]
    next: str
    deadline: dict[str, Any] | None
    transitions: dict[str, list[str]] = field(default_factory=dict)

    def by_verdict(self, verdict: str) -> list[Decision]:
        return [d for d in self.decisions if d.verdict == verdict]


@dataclass(frozen=True)
class Machine:
    program: str
    raw: dict

    @property
    def actions(self) -> list[str]:
        return list(self.raw["actions"])

    @property
    def statuses(self) -> list[str]:
        return list(self.raw["statuses"])

    @property
    def modes(self) -> list[str]:
        return list(self.raw.get("modes") or [])

    @property
    def text_group(self) -> str:
        return self.raw.get("text_group", self.program)

    def status(self, status: str) -> dict:
        try:
            return self.raw["statuses"][status]
        except KeyError:
            raise MachineError(f"{self.program}: unknown status {status!r}") from None


def validate_machine(doc: dict, where: str) -> None:
    def need(cond, what):
        if not cond:
            raise MachineError(f"{where}: {what}")

    need(doc.get("program") in PROGRAMS, "program must be one of " + ", ".join(PROGRAMS))
    actions = doc.get("actions") or []
    need(actions and len(set(actions)) == len(actions), "actions: unique, non-empty")
    common = set(doc.get("common_allowed") or [])
    need(common <= set(actions), "common_allowed must be actions")
    statuses = doc.get("statuses") or {}
    need(statuses, "statuses")
    if doc.get("program") == "card_batch":  # the card's statuses are domain/cards/status.py's ids
        from domain.cards.status import REVIEW_OUTCOMES, STATUSES as CARD_STATUSES

        unknown = sorted(set(statuses) - set(CARD_STATUSES) - REVIEW_OUTCOMES)
        need(not unknown, f"statuses {unknown} are not card statuses (domain/cards/status.py)")
    labels: dict[str, str] = {}
    for sid, st in statuses.items():
        w = f"status {sid}"
        need(isinstance(st.get("label"), str) and st["label"], f"{w}: label")
        for name in [st["label"], *(st.get("aliases") or [])]:
            need(name not in labels, f"{w}: label/alias {name!r} also used by {labels.get(name)}")
            labels[name] = sid
        allowed = set(st.get("allowed") or []) | common
        forbidden = set((st.get("forbidden") or {}))
        conditional = set((st.get("conditional") or {}))
        need(not (allowed & forbidden) and not (allowed & conditional) and not (forbidden & conditional),
             f"{w}: an action is in two lists")
        need(allowed | forbidden | conditional == set(actions),
             f"{w}: every action must be allowed, forbidden or conditional; missing "
             f"{sorted(set(actions) - allowed - forbidden - conditional)}, unknown {sorted((allowed | forbidden | conditional) - set(actions))}")
        for a, f in (st.get("forbidden") or {}).items():
            need(isinstance(f, dict) and f.get("reason"), f"{w}: forbidden {a} needs a reason")
            inst = f.get("instead")
            need(inst is None or inst in actions or inst == "instant_for_missed", f"{w}: instead {inst!r} is not an action")
        for a, c in (st.get("conditional") or {}).items():
            need(isinstance(c, dict) and c.get("condition"), f"{w}: conditional {a} needs a condition")
        for d in st.get("disputed") or []:
            need(d.get("action") in actions and d.get("note"), f"{w}: disputed needs action and note")
        need(isinstance(st.get("next"), str), f"{w}: next")
        dl = st.get("deadline")
        need(dl is None or dl in (doc.get("deadlines") or {}), f"{w}: deadline {dl!r} not in deadlines")
        for action, targets in (st.get("transitions") or {}).items():
            for target in targets:
                need(target in statuses or target == "deleted", f"{w}: transition to unknown status {target!r}")
            if action in actions:
                need(action not in forbidden, f"{w}: transition on a forbidden action {action}")


@lru_cache(maxsize=None)
def load_machine(program: str) -> Machine:
    program = program.replace("-", "_")
    path = STATUS_DIR / f"{program}.yaml"
    if program not in PROGRAMS or not path.exists():
        raise MachineError(f"no status machine for {program!r}")
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    validate_machine(doc, path.name)
    if doc["program"] != program:
        raise MachineError(f"{path.name}: program must be {program}")
    return Machine(program, doc)


def find_status(program: str, label: str) -> str | None:
    """Status id for what the platform shows (label or alias, also the id itself); '，' = ','."""
    m = load_machine(program)
    text = (label or "").strip().replace("，", ",").replace(" ", "")
    for sid, st in m.raw["statuses"].items():
        names = [sid, st["label"], *(st.get("aliases") or [])]
        if any(text == n.replace("，", ",").replace(" ", "") for n in names):
            return sid
    return None


def decide(program: str, status: str, action: str) -> Decision:
    m = load_machine(program)
    st = m.status(status)
    if action not in m.actions:
        raise MachineError(f"{program}: unknown action {action!r}")
    disputed = next((d["note"] for d in st.get("disputed") or [] if d["action"] == action), None)
    if action in (st.get("allowed") or []) or action in (m.raw.get("common_allowed") or []):
        return Decision(action, "allowed", disputed=disputed)
    if action in (st.get("conditional") or {}):
        return Decision(action, "conditional", condition=st["conditional"][action]["condition"], disputed=disputed)
    f = st["forbidden"][action]
    return Decision(action, "forbidden", reason=f["reason"], instead=f.get("instead"), disputed=disputed)


def _deadline(m: Machine, key: str | None, mode: str | None, today: date) -> dict | None:
    if not key:
        return None
    spec = m.raw["deadlines"][key]
    if spec.get("modes") and mode and mode not in spec["modes"]:
        return None
    out: dict[str, Any] = {"key": key}
    if "fixed" in spec:
        out["value"] = spec["fixed"]
        return out
    section = spec["section"]
    try:  # collective enrollment is for the coming year once its window has opened
        data = collective_year(section, today) if mode == "collective" else year_for(section, today)
    except CalcError:
        try:
            data = latest(section)
        except CalcError:
            return out
    # this year's figure, else the newest year that has it, dates moved on (marked stale below)
    year = data.year
    value, source = lookup(section, spec["key"], year)
    if _last_day(value) is not None and _last_day(value) < today and year + 1 <= carry_horizon():
        year += 1  # this year's date has passed: the coming year's is the one to keep
        value, source = lookup(section, spec["key"], year)
    source = source or (data.carried_from if year == data.year else None)
    out.update({"year": source or year, "target": year, "value": value, "unit": spec.get("unit"),
                "disputed": spec.get("disputed")})
    if source is not None:
        out["stale"] = True  # carried over: the data files do not reach this protection year yet
    return out


def _last_day(value: Any) -> date | None:
    if isinstance(value, dict):
        value = value.get("end") or value.get("date")
    return value if isinstance(value, date) else None




def describe(program: str, status: str, mode: str | None = None, today: date | None = None) -> StatusInfo:
    m = load_machine(program)
    st = m.status(status)
    decisions = [decide(program, status, a) for a in m.actions]
    return StatusInfo(program, status, st["label"], st.get("label_in_manual", True), decisions, st["next"],
                      _deadline(m, st.get("deadline"), mode, today or clock.today()),
                      dict(st.get("transitions") or {}))


def all_machines() -> list[Machine]:
    return [load_machine(p) for p in PROGRAMS]


