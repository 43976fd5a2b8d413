"""The built indexes, kept beside the data so a start does not rebuild them (about 10 s of jieba and
YAML on a slow machine). The file's name is a digest of every input (knowledge files, manuals, data,
and this package's code), so any change rebuilds it; a cache that cannot be read or written is simply
rebuilt in memory. ``UNIONBOT_CACHE_DIR`` moves it (default ``data/cache`` of the checkout)."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ("locales", "domain/data/faq", "domain/data/answers", "domain/data/calendar", "domain/data/programs",
          "domain/answers", "domain/faq", "domain/guides", "domain/programs")
log = logging.getLogger(__name__)


def digest() -> str:
    h = hashlib.sha256()
    for folder in INPUTS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".yaml", ".yml", ".ftl", ".txt", ".md"):
                stat = path.stat()
                h.update(f"{path.relative_to(ROOT)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return h.hexdigest()[:20]


def folder() -> Path:
    return Path(os.environ.get("UNIONBOT_CACHE_DIR") or ROOT / "data" / "cache")


def load_or_build(build):
    path = folder() / f"answers-{digest()}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged or foreign file: rebuild
        log.warning("answer index cache %s unreadable (%s); rebuilding", path.name, type(exc).__name__)
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("answers-*.pickle"):
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, path)
    except OSError as exc:
        log.warning("answer index cache not written (%s)", exc)
    return value
