"""``unionbot ask "问题" [--lang zh|en] [--json] [-k 3]``: the knowledge base from the command line."""

from __future__ import annotations

import json


def cmd_ask(args) -> int:
    from domain.faq.search import get_engine

    outcome = get_engine().search(args.question, args.lang, k=args.k)
    results = [
        {"id": r.entry.id, "question": r.entry.question, "answer": r.entry.answer, "score": r.score,
         "source": ", ".join(r.entry.source)}
        for r in outcome.results
    ]
    if args.json:
        print(json.dumps({"query": args.question, "results": results}, ensure_ascii=False, indent=2))
        return 0
    if not results:
        closest = "; ".join(r.entry.question for r in outcome.suggestions)
        print(("没有可靠的答案。" if args.lang == "zh" else "No answer I trust.") + (f" ({closest})" if closest else ""))
        return 0
    for r in results:
        print(f"[{r['score']:.2f}] {r['question']}\n{r['answer']}\n({r['source']})\n")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("ask", help="ask the FAQ knowledge base")
    p.add_argument("question")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.add_argument("--json", action="store_true")
    p.add_argument("-k", type=int, default=3, help="how many answers at most")
    p.set_defaults(func=cmd_ask)
