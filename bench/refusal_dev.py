"""The refusal decision on the dev split only (issue 17): which unanswerable questions are answered,
which answerable ones are refused, and how well candidate confidence signals separate the two.

    .venv/bin/python -m bench.refusal_dev            # the misses, with the reason of each refusal
    .venv/bin/python -m bench.refusal_dev --signals  # each signal's separation (AUC, best cut) on dev
    .venv/bin/python -m bench.refusal_dev --file dev_third.yaml   # one file of the dev split only
    .venv/bin/python -m bench.refusal_dev --knowledge  # the knowledge's own questions: answerable ones refused,
                                                      # and those of the notices of silence answered

It never reads the blind split (``bench/faq/blind_test.yaml``).
"""

from __future__ import annotations

import sys
from pathlib import Path


from bench.bench_answers import SPLITS, load_cases

assert not any("blind" in path.name for path in SPLITS["dev"])


def dev_cases(only: str | None = None) -> list[dict]:
    return load_cases("dev", only)


def _auc(pos: list[float], neg: list[float]) -> float:
    """P(a random unanswerable case scores above a random answerable one); ties count half."""
    if not pos or not neg:
        return 0.5
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def knowledge(engine) -> None:
    """The questions every curated entry and fact declares it answers (``q``, variants): answerable by
    construction, so a refusal is a false one, except for the entries and facts that say the manuals are
    silent, whose questions must get that notice (or another refusal)."""
    from domain.answers import _doc_silent

    refused, answered, n_ans, n_silent = [], [], 0, 0
    for lang in ("zh", "en"):
        for doc in engine.indexes[lang].docs:
            if doc.kind not in ("entry", "fact"):
                continue
            silent = _doc_silent(doc)
            for q in doc.asks:
                out = engine.answer(q, lang)
                if silent:
                    n_silent += 1
                    if not out.refused:
                        answered.append((lang, doc.id, q, out.best.id if out.best else ""))
                else:
                    n_ans += 1
                    if out.refused:
                        refused.append((lang, doc.id, out.reason, q))
    print(f"knowledge: {n_ans} questions of answering texts, {len(refused)} refused; "
          f"{n_silent} questions of notices of silence, {len(answered)} answered")
    print("\nanswerable, refused:")
    for lang, doc_id, reason, q in refused:
        print(f"  {lang} {doc_id:40} {reason:10} {q[:70]}")
    print("\nsilent, answered:")
    for lang, doc_id, q, best in answered:
        print(f"  {lang} {doc_id:40} {best[:36]:36} {q[:60]}")


def main(argv: list[str]) -> None:
    from domain.answers import AnswerEngine, Context

    if "--knowledge" in argv:
        knowledge(AnswerEngine())
        return

    only = argv[argv.index("--file") + 1] if "--file" in argv else None
    cases = dev_cases(only)
    engine = AnswerEngine()
    rows = []
    for case in cases:
        ctx = engine.answer(case["context"], case["lang"]).context if case.get("context") else None
        out = engine.answer(case["q"], case["lang"], context=ctx)
        rows.append((case, out))
    un = [(c, o) for c, o in rows if c.get("unanswerable")]
    an = [(c, o) for c, o in rows if not c.get("unanswerable")]
    refused_ok = sum(o.refused for _, o in un)
    refused_bad = [(c, o) for c, o in an if o.refused]
    total = refused_ok + len(refused_bad)
    print(f"dev{' ' + only if only else ''}: {len(an)} answerable, {len(un)} unanswerable; "
          f"refusal recall {refused_ok / max(len(un), 1):.1%} precision {refused_ok / max(total, 1):.1%} "
          f"({len(refused_bad)} answerable refused)")
    print("\nunanswerable, answered:")
    for c, o in un:
        if not o.refused:
            best = o.best
            print(f"  {c['id']:6} {best.score:.3f} {best.id[:40]:40} {c['q'][:70]}")
    print("\nunanswerable, refused, by reason:")
    for reason in sorted({o.reason for _, o in un if o.refused}):
        ids = [c["id"] for c, o in un if o.refused and o.reason == reason]
        print(f"  {reason:10} {len(ids):3}  {' '.join(ids)}")
    print("\nanswerable, refused:")
    for c, o in refused_bad:
        print(f"  {c['id']:6} {o.reason:10} {c['q'][:80]}")
    if "--signals" in argv:
        from domain.answers.refusal import signals

        # measured on the ranked candidates before any refusal rule (threshold 0)
        bare = AnswerEngine(threshold=0.0)
        groups = {"all": lambda o: True, "no programme named": lambda o: not o.understanding.programs,
                  "a programme named": lambda o: bool(o.understanding.programs)}
        measured = []
        for c, _ in rows:
            ctx = bare.answer(c["context"], c["lang"]).context if c.get("context") else None
            o = bare.answer(c["q"], c["lang"], context=ctx)
            if o.candidates and o.candidates[0].doc is not None:
                measured.append((bool(c.get("unanswerable")), o, signals(bare, o)))
        for label, keep in groups.items():
            chosen = [(u, s) for u, o, s in measured if keep(o)]
            n_un = sum(1 for u, _ in chosen if u)
            print(f"\nsignal separation, {label} ({n_un} unanswerable, {len(chosen) - n_un} answerable; "
                  f"AUC: unanswerable above answerable, 0.5 = none):")
            for name in chosen[0][1] if chosen else ():
                pos = [s[name] for u, s in chosen if u]
                neg = [s[name] for u, s in chosen if not u]
                print(f"  {name:22} AUC {_auc(pos, neg):.3f}  mean unanswerable {sum(pos) / max(len(pos), 1):.3f}  "
                      f"answerable {sum(neg) / max(len(neg), 1):.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
