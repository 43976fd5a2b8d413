"""Background work of one kind in this process (admin broadcasts, status pushes): one task per key,
started once while it runs, waited for by tests and the console, and given a grace period at
shutdown — what it had not finished stays in the database for the next process."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, Hashable

log = logging.getLogger(__name__)


class Tasks:
    def __init__(self, what: str):
        self.what = what  # for the log: "broadcasts", "status pushes"
        self.running: dict[Hashable, asyncio.Task] = {}

    def __contains__(self, key: Hashable) -> bool:
        task = self.running.get(key)
        return task is not None and not task.done()

    def start(self, key: Hashable, work: Callable[[], Coroutine[Any, Any, None]], name: str) -> asyncio.Task:
        """The task running for ``key``, or a new one running ``work()``."""
        task = self.running.get(key)
        if task is None or task.done():
            task = asyncio.create_task(work(), name=name)
            self.running[key] = task
            task.add_done_callback(lambda done, key=key: self.running.pop(key, None)
                                   if self.running.get(key) is done else None)
        return task

    async def wait_idle(self) -> None:
        """Wait for every task of this kind (tests, the console)."""
        while self.running:
            await asyncio.gather(*list(self.running.values()), return_exceptions=True)

    async def drain(self, timeout: float) -> bool:
        """At shutdown: let running tasks finish for up to ``timeout`` seconds."""
        if not self.running:
            return True
        try:
            await asyncio.wait_for(self.wait_idle(), timeout)
            return True
        except TimeoutError:
            log.info("%s interrupted by shutdown; they resume after the restart", self.what)
            return False
