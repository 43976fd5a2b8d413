"""The long-running commands (``unionbot chat``, ``run``, ``webhook``) start without
garbage-collector passes, and load the answer engine once they are ready.

Starting the bot builds some 320,000 long-lived objects (aiogram's and pydantic's models,
SQLAlchemy's tables, the routers, the catalogs) and next to no garbage (about 2,000 unreachable
objects). CPython's collector meanwhile runs some 760 times, four of them full passes of about
0.1 s each: a quarter to a third of the start. So these commands pause it (:func:`pause`) until
they are ready (:func:`ready`), which freezes what exists then (``gc.freeze``: moved to a
permanent generation that later passes skip, so the bot also meets fewer long pauses while it
runs), turns collection back on and starts a background thread that loads the answer index and
jieba (about 1 s), which the first question would otherwise wait for. Both are idempotent, and
``ready`` does nothing unless ``pause`` ran, so code shared with tests may call it freely.
"""

from __future__ import annotations

import gc
import logging
import threading

log = logging.getLogger(__name__)
_paused = False


def pause() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def ready(warm: bool = True) -> None:
    """Collection back on (what exists frozen); with *warm*, the answer engine loads in the background."""
    global _paused
    if not _paused:
        return
    _paused = False
    gc.freeze()
    gc.enable()
    if warm:
        threading.Thread(target=_warm, name="warm-up", daemon=True).start()


def _warm() -> None:
    try:
        from domain.answers import warm_up

        warm_up()
    except Exception:  # noqa: BLE001 - the first question loads it again and reports what is wrong
        log.warning("answer engine warm-up failed", exc_info=True)
