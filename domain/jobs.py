"""A job that runs in a worker process, away from the bot (the roster check, its conversions):
a module-level function ``fn(progress, *args)`` with picklable arguments, ``progress(done, total[,
stage])`` reporting back. A job that did not finish raises :class:`JobFailed`; the worker pool that
runs them is the wiring's (``bot/sandbox.py``), and the feature routers receive it as an interface
(``handlers/ports.Worker``)."""

from __future__ import annotations


class JobFailed(Exception):
    """The job did not finish: ``reason`` is ``timeout`` | ``memory`` | ``crashed`` | ``failed``."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
