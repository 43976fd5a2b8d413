"""What the feature routers are given by the wiring, as interfaces: handlers never import bot/.

The dispatcher (bot/run/app.py) puts the objects into aiogram's workflow data, and aiogram hands
each handler the ones its signature names:

- ``settings`` (:class:`Config`): the few settings handlers read (bot/settings.Settings is one);
- ``roster_worker`` (:class:`Worker`): the worker processes that open untrusted files
  (bot/sandbox.Sandbox); a job that does not finish raises ``domain.jobs.JobFailed``;
- ``broadcasts`` (:class:`Broadcasts`): starts the fan-out of a broadcast row the handler has
  committed (bot/broadcasts.Starter, next to the shared sender).

The middlewares add ``session``, ``user``, ``t`` (the translator bound to the user's language,
ui/i18n.BoundTranslator) and ``translator``. A test checks that the wiring's objects have what
these interfaces name.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from aiogram import Bot


@runtime_checkable
class Config(Protocol):
    """The settings handlers read."""

    webapp_url: str | None  # the Mini App's address (the clerk menu's WebApp button), or None
    roster_checks_per_minute: int  # roster checks a user may start per minute

    @property
    def calendar_folder(self) -> Path: ...  # the deadline years admins loaded

    def resolved_data_key(self) -> str: ...  # the secret of the data cipher and the confirmations


@runtime_checkable
class Worker(Protocol):
    """Runs a job (``domain.jobs``) in a worker process, away from the event loop."""

    async def run(self, fn: Callable, *args: Any, progress: Callable[..., None] | None = None) -> Any: ...

    def warm(self, fn: Callable | None = None, *args: Any) -> None: ...  # start a worker ahead of the job


@runtime_checkable
class Broadcasts(Protocol):
    """Starts sending broadcast ``broadcast_id`` (its row committed, status running) in the background."""

    def start(self, bot: Bot, broadcast_id: int) -> object: ...
