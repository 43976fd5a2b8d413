"""Start-up: the long-running commands pause the garbage collector until they are ready, then
freeze what exists, turn it back on and load the answer engine in the background."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from pathlib import Path

from bot import startup

ROOT = Path(__file__).resolve().parents[1]


def test_ready_freezes_resumes_and_warms_only_after_a_pause(monkeypatch):
    warmed = threading.Event()
    monkeypatch.setattr(startup, "_warm", warmed.set)
    frozen = gc.get_freeze_count()
    startup.ready()  # nothing paused: nothing happens (tests and shared code call it freely)
    assert gc.isenabled() and gc.get_freeze_count() == frozen and not warmed.is_set()
    try:
        startup.pause()
        assert not gc.isenabled()
        startup.pause()  # idempotent
        startup.ready()
        assert gc.isenabled() and gc.get_freeze_count() > frozen
        assert warmed.wait(10)
        warmed.clear()
        startup.ready()  # once only
        assert not warmed.is_set()
        startup.pause()
        startup.ready(warm=False)  # a start that failed: collection on, nothing loaded
        assert gc.isenabled() and not warmed.wait(0.2)
    finally:
        gc.enable()
        gc.unfreeze()


def test_the_answer_engine_is_built_once_when_asked_from_two_threads(monkeypatch):
    import domain.answers as answers

    built = []

    class Engine:
        def __init__(self):
            built.append(self)

    monkeypatch.setattr(answers, "AnswerEngine", Engine)
    monkeypatch.setattr(answers, "_engine", None)
    got = []
    threads = [threading.Thread(target=lambda: got.append(answers.get_engine())) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(built) == 1 and all(e is built[0] for e in got)


def test_chat_start_leaves_collection_on_and_the_engine_loading(tmp_path):
    """``unionbot chat`` in a fresh interpreter: once the banner is out, collection is on again,
    what existed is frozen, and the warm-up thread runs (it has loaded the engine by the end)."""
    probe = (
        "import gc, sys, threading\n"
        "from bot.dev.cli import main\n"
        "import bot.dev.console as console\n"
        "seen = {}\n"
        "echo = console.Console.echo\n"
        "def watch(self, text):\n"
        "    if 'Local console chat' in text:\n"
        "        seen.setdefault('paused', not gc.isenabled())\n"
        "    return echo(self, text)\n"
        "console.Console.echo = watch\n"
        "main(['chat', '--lang', 'en'])\n"
        "for th in threading.enumerate():\n"
        "    if th.name == 'warm-up':\n"
        "        th.join(120)\n"
        "import domain.answers as answers\n"
        "print('RESULT', seen.get('paused'), gc.isenabled(), gc.get_freeze_count() > 0, answers._engine is not None)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_", "ADMIN_", "REDIS_"))}
    env.update(DATA_DIR=str(tmp_path / "data"), DEFAULT_LOCALE="en")
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, input="/quit\n", text=True,
                         capture_output=True, timeout=300)
    line = next((ln for ln in run.stdout.splitlines() if ln.startswith("RESULT")), None)
    assert line is not None, run.stderr[-2000:]
    # the banner was printed while collection was still paused; after: on, frozen, engine loaded
    assert line.split()[1:] == ["True", "True", "True", "True"]
