"""Work on untrusted files in a separate worker process with a memory and a time limit.

``await sandbox.run(fn, *args, progress=cb)`` calls ``fn(progress, *args)`` in a worker process
(the job's ``progress(done, total[, stage])`` calls reach ``cb`` in the bot, in a thread)
(a fresh interpreter started with ``subprocess``, talking over two pipes with
``multiprocessing.connection``: nothing inherited from the bot, and unlike ``multiprocessing``'s
spawn it never re-imports the bot's main module) whose address
space is capped with ``resource.setrlimit(RLIMIT_AS)`` and whose priority is lowered, so the bot
process keeps a core and its memory whatever the file does. The bot waits in a thread (the event
loop never blocks); past the time limit the worker is killed. A worker that ran out of memory,
crashed or was killed is replaced by a fresh one for the next job; healthy workers are reused
(the imports and message catalogs are loaded once) and recycled after ``max_jobs`` jobs.

``fn`` and its arguments must be picklable (module-level functions, plain data). Failures raise
:class:`SandboxError` with ``reason`` ``timeout`` | ``memory`` | ``crashed`` | ``failed``.
"""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from collections.abc import Callable
from typing import Any

from domain.jobs import JobFailed

log = logging.getLogger(__name__)
PROJECT_ROOT = Path(__file__).resolve().parents[1]  # jobs are imported by module name from here
STARTUP_TIMEOUT = 120.0  # seconds for a fresh worker to start and import the job's modules


class SandboxError(JobFailed):
    """A job of this sandbox did not finish (``reason``: timeout | memory | crashed | failed)."""


def _child_main(read_fd: int, write_fd: int, memory_bytes: int) -> None:  # the worker's entry point
    _serve(Connection(read_fd, writable=False), Connection(write_fd, readable=False), memory_bytes)


def _serve(inbox, conn, memory_bytes: int) -> None:  # runs in the worker process
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not Linux / not allowed
        pass
    try:
        os.nice(5)
    except OSError:  # pragma: no cover
        pass

    def progress(done: int, total: int, stage: str | None = None) -> None:
        conn.send(("progress", done, total) if stage is None else ("progress", done, total, stage))

    while True:
        try:
            fn, args = inbox.recv()  # imports fn's module: not counted in the job's time
        except (EOFError, OSError):
            return
        conn.send(("started",))
        try:
            value = fn(progress, *args)
        except MemoryError:
            value = None
            try:
                conn.send(("error", "memory"))
            finally:
                os._exit(3)  # the heap may be in any state: never reuse this process
        except BaseException as exc:  # noqa: BLE001 - reported to the parent by type only
            conn.send(("error", type(exc).__name__))
            continue
        try:
            conn.send(("ok", value))
        except MemoryError:
            os._exit(3)


class _Worker:
    def __init__(self, memory_bytes: int):
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        paths = [str(PROJECT_ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths))
        code = f"from bot.sandbox import _child_main; _child_main({to_child_r}, {from_child_w}, {int(memory_bytes)})"
        try:
            self.process = subprocess.Popen([sys.executable, "-c", code], pass_fds=(to_child_r, from_child_w),
                                            stdin=subprocess.DEVNULL, env=env, close_fds=True)
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        self.outbox = Connection(to_child_w, readable=False)
        self.conn = Connection(from_child_r, writable=False)
        self.jobs = 0

    def alive(self) -> bool:
        return self.process.poll() is None

    def call(self, fn, args, progress, timeout: float):
        # the clock starts once the worker has started and unpickled the job (imports included)
        deadline = time.monotonic() + STARTUP_TIMEOUT
        try:
            self.outbox.send((fn, args))
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self.conn.poll(remaining):
                    raise SandboxError("timeout")
                msg = self.conn.recv()
                if msg[0] == "started":
                    deadline = time.monotonic() + timeout
                    continue
                if msg[0] == "progress":
                    if progress is not None:
                        try:
                            progress(*msg[1:])  # done, total[, stage]
                        except Exception:  # noqa: BLE001 - progress is best-effort
                            log.debug("sandbox progress callback failed", exc_info=True)
                    continue
                if msg[0] == "ok":
                    self.jobs += 1
                    return msg[1]
                raise SandboxError("memory" if msg[1] == "memory" else "failed")
        except (EOFError, OSError):
            try:
                code = self.process.wait(2)
            except subprocess.TimeoutExpired:
                code = None
            raise SandboxError("memory" if code == 3 else "crashed") from None

    def kill(self) -> None:
        try:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait(5)
        finally:
            self.outbox.close()
            self.conn.close()


class Sandbox:
    def __init__(self, memory_mb: int = 1024, timeout: float = 60.0, workers: int = 1, max_jobs: int = 200):
        self.memory_bytes = int(memory_mb) * 1048576
        self.timeout = float(timeout)
        self.max_jobs = max_jobs
        self._slots = threading.BoundedSemaphore(max(1, workers))
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._warming = False
        self.failures: dict[str, int] = {}

    async def run(self, fn: Callable, *args: Any, progress: Callable[[int, int], None] | None = None) -> Any:
        return await asyncio.to_thread(self._run, fn, args, progress)

    def _run(self, fn, args, progress):
        with self._slots:
            with self._lock:
                worker = self._idle.pop() if self._idle else None
            if worker is None or not worker.alive():
                if worker is not None:
                    worker.kill()
                worker = _Worker(self.memory_bytes)
            try:
                value = worker.call(fn, args, progress, self.timeout)
            except SandboxError as exc:
                self.failures[exc.reason] = self.failures.get(exc.reason, 0) + 1
                log.warning("sandbox job %s: %s", getattr(fn, "__name__", "?"), exc.reason)
                if exc.reason == "failed":
                    self._give(worker)
                else:
                    worker.kill()
                raise
            except BaseException:
                worker.kill()
                raise
            self._give(worker)
            return value

    def warm(self, fn: Callable | None = None, *args: Any) -> None:
        """Start a worker in the background (and run *fn* there, e.g. to load imports and message
        catalogs) so that the next job does not wait for it. Does nothing if one is idle or starting."""
        with self._lock:
            if self._idle or self._warming:
                return
            self._warming = True

        def start() -> None:
            worker = None
            try:
                if not self._slots.acquire(blocking=False):
                    return  # every slot is busy: a worker exists anyway
                try:
                    worker = _Worker(self.memory_bytes)
                    if fn is not None:
                        worker.call(fn, args, None, self.timeout)
                    self._give(worker)
                    worker = None
                finally:
                    self._slots.release()
            except Exception:  # noqa: BLE001 - warming is best-effort; the next job starts its own
                log.debug("sandbox warm-up failed", exc_info=True)
            finally:
                if worker is not None:
                    worker.kill()
                with self._lock:
                    self._warming = False

        threading.Thread(target=start, name="sandbox-warm", daemon=True).start()

    def _give(self, worker: _Worker) -> None:
        if worker.jobs >= self.max_jobs or not worker.alive():
            worker.kill()
            return
        with self._lock:
            self._idle.append(worker)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()


_shared: dict[tuple, Sandbox] = {}
_shared_lock = threading.Lock()


def shared_sandbox(memory_mb: int, timeout: float, workers: int = 1) -> Sandbox:
    """One sandbox per configuration per process (the workers are reused across updates)."""
    key = (int(memory_mb), float(timeout), int(workers))
    with _shared_lock:
        box = _shared.get(key)
        if box is None:
            box = _shared[key] = Sandbox(memory_mb, timeout, workers)
        return box
