"""The design card's boundaries: domain/ never imports Telegram or the wiring."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("aiogram", "bot", "handlers", "aiohttp", "telegram")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_domain_never_imports_telegram_or_wiring():
    offenders = {
        str(p.relative_to(ROOT)): sorted(_imports(p) & set(FORBIDDEN))
        for p in (ROOT / "domain").rglob("*.py")
        if _imports(p) & set(FORBIDDEN)
    }
    assert offenders == {}


def test_every_feature_module_exposes_a_router():
    import importlib

    from handlers import FEATURES

    for name in FEATURES:
        if (ROOT / "handlers" / f"{name}.py").exists():
            assert hasattr(importlib.import_module(f"handlers.{name}"), "router")
