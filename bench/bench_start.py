"""Start time: how long ``unionbot chat`` takes until it is ready (its banner is printed, i.e. the
database is migrated, the dispatcher and every router are built and the command menu is set),
beside a bare ``python -c "import aiogram.types"`` of the same run, so a loaded machine slows both
alike. Target: ready at most 1 s after what importing aiogram alone costs.

Each round runs both in a fresh interpreter, alternating, in a fresh data folder (first start:
migrations run), then once more in the same folder (a later start); medians are printed."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 3
BANNER = "Local console chat"  # the console's first line once everything is built (console-banner)


def _bare_aiogram() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import aiogram.types"], check=True)
    return time.perf_counter() - started


def _chat_ready(folder: Path) -> float:
    """Seconds from starting ``unionbot chat`` until its banner, then it is told to quit."""
    unionbot = Path(sys.executable).with_name("unionbot")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_", "ADMIN_", "REDIS_"))}
    env.update(DATA_DIR=str(folder / "data"), DEFAULT_LOCALE="en")
    started = time.perf_counter()
    proc = subprocess.Popen([str(unionbot), "chat", "--lang", "en"], cwd=folder, env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    ready = None
    try:
        for line in proc.stdout:
            if BANNER in line:
                ready = time.perf_counter() - started
                break
        proc.stdin.write("/quit\n")
        proc.stdin.close()
        proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    if ready is None:
        raise RuntimeError("unionbot chat never printed its banner")
    return ready


# The same start in one interpreter: the time from the end of `import aiogram.types` until the banner,
# i.e. what the bot adds to aiogram, without the run-to-run noise of two separate imports.
PROBE = f"""
import sys, time
import aiogram.types
after = time.perf_counter()
class Watch:
    def __init__(self, out):
        self.out, self.seen = out, False
    def write(self, text):
        if not self.seen and {BANNER!r} in text:
            self.seen = True
            print(f"OVERHEAD {{time.perf_counter() - after:.3f}}", file=sys.stderr, flush=True)
        return self.out.write(text)
    def flush(self):
        self.out.flush()
sys.stdout = Watch(sys.stdout)
from bot.dev.cli import main
main(["chat", "--lang", "en"])
"""


def _overhead(folder: Path) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_", "ADMIN_", "REDIS_"))}
    env.update(DATA_DIR=str(folder / "data"), DEFAULT_LOCALE="en")
    run = subprocess.run([sys.executable, "-c", PROBE], cwd=folder, env=env, input="/quit\n", text=True,
                         capture_output=True, timeout=300)
    line = next((ln for ln in run.stderr.splitlines() if ln.startswith("OVERHEAD ")), None)
    if line is None:
        raise RuntimeError("the in-process start never reached its banner: " + run.stderr[-500:])
    return float(line.split()[1])


def main() -> None:
    bare, first, later, added = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(ROUNDS):
            folder = Path(tmp) / f"run{n}"
            folder.mkdir()
            bare.append(_bare_aiogram())
            first.append(_chat_ready(folder))
            later.append(_chat_ready(folder))
            added.append(_overhead(folder))
    b, f, l_, a = (statistics.median(x) for x in (bare, first, later, added))
    print(f"start: bare `import aiogram.types` {b:.2f} s; `unionbot chat` ready {l_:.2f} s "
          f"({l_ - b:+.2f} s; first start with migrations {f:.2f} s, {f - b:+.2f} s); "
          f"medians of {ROUNDS} alternating rounds: bare {', '.join(f'{x:.2f}' for x in bare)}; "
          f"chat {', '.join(f'{x:.2f}' for x in later)}; in one interpreter the bot adds {a:.2f} s to the "
          f"aiogram import ({', '.join(f'{x:.2f}' for x in added)})")


if __name__ == "__main__":
    main()
