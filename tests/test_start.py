"""Start and noise: what a start loads, and the migration fast path (tests never assert timings)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_script_heads_are_alembics_heads():
    from alembic.script import ScriptDirectory

    from bot.db import Database, script_heads

    cfg = Database("sqlite+aiosqlite:///:memory:").alembic_config()
    assert script_heads() == set(ScriptDirectory.from_config(cfg).get_heads())


async def test_upgrade_skips_alembic_only_when_the_database_is_at_every_head(tmp_path, monkeypatch):
    from bot import db as dbmod

    url = f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"
    database = dbmod.Database(url)
    try:
        await database.upgrade()  # a new database: Alembic creates everything
        assert await database.current_heads() == dbmod.script_heads()
        assert await database._at_heads()
        # a head the database does not have yet (a new feature's migration): Alembic runs again
        monkeypatch.setattr(dbmod, "script_heads", lambda: {"0002_cards", "9999_new_feature"})
        assert not await database._at_heads()
    finally:
        await database.dispose()


def test_starting_the_bot_loads_no_spreadsheet_reader_segmenter_or_alembic(tmp_path):
    """What `unionbot chat` imports to be ready: the dispatcher and every router, built on a migrated
    database, without openpyxl, python-calamine, jieba or (second start) Alembic."""
    probe = """
import asyncio, sys
from bot.settings import load_settings
from bot.db import Database
from bot.run.app import build_dispatcher
async def go():
    s = load_settings()
    db = Database(s.database_url)
    await db.upgrade()
    build_dispatcher(s, db)
    await db.dispose()
asyncio.run(go())
print(sorted(m for m in ("openpyxl", "python_calamine", "jieba", "alembic") if m in sys.modules))
"""
    env = {"PATH": "/usr/bin:/bin", "DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
                           timeout=300)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().splitlines()[-1] == "['alembic']"  # the first start migrates
    later = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
                           timeout=300)
    assert later.stdout.strip().splitlines()[-1] == "[]"


def test_license_is_an_spdx_string():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"


def test_parsed_catalogs_are_cached_and_a_changed_catalog_is_read_again(tmp_path):
    import os
    import shutil

    from ui.i18n import LOCALES_DIR, Translator

    shutil.copytree(LOCALES_DIR, tmp_path / "locales", ignore=shutil.ignore_patterns(".cache", "kb", "facts", "manuals"))
    base = tmp_path / "locales"
    assert Translator(base).t("en", "calc-again") == "🔁 Calculate again"
    assert list((base / ".cache").glob("ftl-*.pickle"))
    path = base / "en" / "calc.ftl"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("calc-again = ", "calc-again = CHANGED "), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert Translator(base).t("en", "calc-again").startswith("CHANGED ")
    assert len(list((base / ".cache").glob("ftl-*.pickle"))) == 1  # the stale one is gone
