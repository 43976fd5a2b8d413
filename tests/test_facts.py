"""The atomic fact base (locales/<lang>/facts/*.yaml): one actionable statement of a manual per fact,
the same facts in both languages, each with its programme, topic, source manual and section."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from domain.answers.sources import PROGRAMS

LOCALES = Path(__file__).resolve().parents[1] / "locales"
FILES = sorted(p.name for p in (LOCALES / "zh" / "facts").glob("*.yaml"))
SOURCE = re.compile(r"^00[0-4](?:,\s*00[0-4])*$")
BIG_NUMBER = re.compile(r"\d{3,}(?:\.\d+)?")


def load(lang: str, name: str) -> list[dict]:
    return yaml.safe_load((LOCALES / lang / "facts" / name).read_text(encoding="utf-8")) or []


def test_both_languages_have_the_same_fact_files():
    assert FILES and FILES == sorted(p.name for p in (LOCALES / "en" / "facts").glob("*.yaml"))


@pytest.mark.parametrize("name", FILES)
def test_each_fact_exists_in_both_languages_with_the_same_programme_source_and_topic(name):
    zh, en = {f["id"]: f for f in load("zh", name)}, {f["id"]: f for f in load("en", name)}
    assert set(zh) == set(en), set(zh) ^ set(en)
    for fid, fact in zh.items():
        for key in ("program", "topic", "source", "section"):
            assert fact.get(key) == en[fid].get(key), (fid, key)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_fact_names_its_programme_topic_source_and_section(lang):
    seen: set[str] = set()
    for name in FILES:
        for fact in load(lang, name):
            fid = fact["id"]
            assert fid not in seen, f"duplicate id {fid}"
            seen.add(fid)
            assert fact.get("program") in PROGRAMS, fid
            assert fact.get("topic") and fact.get("section"), fid
            assert SOURCE.match(str(fact.get("source", ""))), fid
            assert str(fact.get("text", "")).strip(), fid
            asks = fact.get("q") or []
            assert asks and all(isinstance(q, str) and q.strip() for q in asks), fid
    assert len(seen) >= 550


def test_the_decisive_figures_are_the_same_in_both_languages():
    """An amount, an account number or a phone in the Chinese fact is in the English one too."""
    def figures(text: str) -> set[str]:
        return set(BIG_NUMBER.findall(re.sub(r"(?<=\d)[,\s](?=\d{3})", "", text)))

    for name in FILES:
        en = {f["id"]: f for f in load("en", name)}
        for fact in load("zh", name):
            missing = figures(fact["text"]) - figures(en[fact["id"]]["text"])
            assert not missing, (fact["id"], missing)


def test_no_internal_word_in_any_fact():
    from bot.dev.textscan import scan_catalogs

    assert [p for p in scan_catalogs(include_kb=True) if "/facts/" in p] == []


def test_the_benefit_table_is_in_the_facts_item_by_item():
    """[002]'s 保障项目一览表 (the benefit table data): each item's fact states its amounts and percentages,
    in Chinese as the table prints them (1.8万元) and in English in full (18,000 yuan)."""
    from decimal import Decimal

    from domain.calc import benefits

    def zh_amount(v: Decimal) -> str:
        return f"{v / 10000:g}万" if v >= 10000 else f"{v:g}"

    table = benefits("mutual_aid", 2023)
    zh = {f["id"]: f["text"] for name in FILES for f in load("zh", name)}
    en = {f["id"]: re.sub(r"(?<=\d),(?=\d{3})", "", f["text"]) for name in FILES for f in load("en", name)}
    assert len(table.items) == 12
    for code, item in table.items.items():
        ids = [i for i in zh if i == f"ma_{code.lower()}" or i.startswith(f"ma_{code.lower()}_")]
        zh_text, en_text = "\n".join(zh[i] for i in ids), "\n".join(en[i] for i in ids)
        for benefit in item.benefits:
            for key, value in benefit.values.items():
                if not isinstance(value, (int, Decimal)) or isinstance(value, bool):
                    continue
                if key.endswith("_pct"):
                    assert f"{value}%" in zh_text and f"{value}%" in en_text, (code, key)
                elif key != "illnesses":
                    assert zh_amount(Decimal(value)) in zh_text, (code, key, value, zh_text)
                    assert f"{Decimal(value):g}" in en_text, (code, key, value, en_text)
