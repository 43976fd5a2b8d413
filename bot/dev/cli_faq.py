"""``unionbot ask "问题" [--lang zh|en] [--json] [-k 3]``: the answer engine from the command line.

JSON: ``{"query", "results": [{"id", "kind", "question", "answer", "score", "source"}]}``; ``results``
empty means refused. ``kind`` is entry, fact, passage, guide, status, calendar, contact or computed
(``id`` is unique within its kind); ``answer`` is the text a person reads (plain)."""

from __future__ import annotations

import json


def cmd_ask(args) -> int:
    from ui.answer_render import answer_text, plain
    from ui.i18n import BoundTranslator, get_translator
    from domain.answers import get_engine

    t = BoundTranslator(get_translator(), args.lang)
    outcome = get_engine().answer(args.question, args.lang, k=args.k)
    results = [
        {"id": a.id.split(":", 1)[1] if ":" in a.id else a.id, "kind": a.kind, "question": a.doc.title if a.doc is not None else args.question,
         "answer": plain(answer_text(t, a)), "score": round(a.score, 4), "source": ", ".join(a.source)}
        for a in outcome.answers
    ]
    if args.json:
        print(json.dumps({"query": args.question, "results": results}, ensure_ascii=False, indent=2))
        return 0
    if not results:
        if outcome.notice is not None:
            print(plain(answer_text(t, outcome.notice)))
        closest = "; ".join(d.title for d in outcome.suggestions)
        print(t("faq-cli-no-answer") + (f" ({closest})" if closest else ""))
        return 0
    for r in results:
        print(f"[{r['score']:.2f}] ({r['kind']})\n{r['answer']}\n")
    return 0


def cmd_answers_build(args) -> int:
    """Build the answer engine's index into its cache (``make install`` runs it, so no start waits for it)."""
    import time

    from domain.answers import cache, get_engine
    from domain.answers.text import _Jieba

    started = time.perf_counter()
    engine = get_engine()
    _Jieba.get()
    sizes = {lang: len(idx.docs) for lang, idx in engine.indexes.items()}
    print(f"answer index ready in {time.perf_counter() - started:.1f} s ({sizes['zh']} zh / {sizes['en']} en documents)"
          f" in {cache.folder()}")
    return 0


def register(subparsers) -> None:
    b = subparsers.add_parser("answers", help="the answer engine's index")
    b.add_argument("action", choices=["build"])
    b.set_defaults(func=cmd_answers_build)
    p = subparsers.add_parser("ask", help="ask the answer engine (knowledge base, facts, manuals, calculators)")
    p.add_argument("question")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.add_argument("--json", action="store_true")
    p.add_argument("-k", type=int, default=3, help="how many answers at most")
    p.set_defaults(func=cmd_ask)
