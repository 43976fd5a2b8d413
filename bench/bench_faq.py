"""FAQ search: top-1 / top-3 accuracy on the labelled paraphrase set and milliseconds per query."""

from __future__ import annotations

import time
from pathlib import Path

import yaml

from domain.faq.search import FaqEngine

EVAL = Path(__file__).resolve().parents[1] / "tests" / "data" / "faq_eval.yaml"


def main() -> None:
    started = time.perf_counter()
    engine = FaqEngine()
    build = time.perf_counter() - started
    cases = yaml.safe_load(EVAL.read_text(encoding="utf-8"))
    top1 = top3 = answered = off_ok = off = 0
    for case in cases:
        ids = [r.entry.id for r in engine.search(case["q"], case["lang"], k=3).results]
        if not case["expect"]:
            off += 1
            off_ok += not ids
            continue
        answered += 1
        top1 += bool(ids) and ids[0] in case["expect"]
        top3 += any(i in case["expect"] for i in ids)
    rounds = 20
    t0 = time.perf_counter()
    for _ in range(rounds):
        for case in cases:
            engine.search(case["q"], case["lang"], k=3)
    per_query = (time.perf_counter() - t0) * 1000 / (rounds * len(cases))
    print(f"faq: {answered} labelled paraphrases + {off} off-topic, index built in {build * 1000:.0f} ms")
    print(f"  top-1 accuracy {top1 / answered:.1%}   top-3 accuracy {top3 / answered:.1%}   (targets 90% / 97%)")
    print(f"  off-topic questions left unanswered: {off_ok}/{off}")
    print(f"  {per_query:.3f} ms per query on one core (target < 5 ms)")


if __name__ == "__main__":
    main()
