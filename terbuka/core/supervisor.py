"""Keep the background worker alive under `terbuka serve`: restart it when it exits, with backoff, and log.

``Supervisor`` owns child processes started from an argv factory (so each start gets a fresh worker id).
``step()`` is called about once a second by serve's main loop: a child that exited is logged, reported to
``on_exit`` (serve recovers the jobs that worker held at once) and started again after a backoff that
doubles on each quick failure (``base_backoff`` … ``max_backoff`` seconds) and resets once a child has run
for ``healthy_after`` seconds. ``every(seconds, fn)`` runs periodic work (the job recovery) from the same
loop. Nothing here imports Django, so it is tested with plain commands.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field

logger = logging.getLogger("terbuka.serve")


@dataclass
class Child:
    name: str
    argv: Callable[[int], list[str]]  # start number -> argv
    proc: subprocess.Popen[bytes] | None = None
    starts: int = 0
    started_at: float = 0.0
    restart_at: float | None = None
    backoff: float = 0.0
    exits: list[int] = field(default_factory=list)
    current_argv: list[str] = field(default_factory=list)


@dataclass
class _Periodic:
    seconds: float
    fn: Callable[[], object]
    due: float


class Supervisor:
    def __init__(
        self,
        *,
        on_exit: Callable[[Child, int], object] | None = None,
        base_backoff: float = 1.0,
        max_backoff: float = 60.0,
        healthy_after: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.children: list[Child] = []
        self.periodic: list[_Periodic] = []
        self.on_exit = on_exit
        self.base_backoff = base_backoff
        self.max_backoff = max_backoff
        self.healthy_after = healthy_after
        self.clock = clock

    def add(self, name: str, argv: Callable[[int], list[str]]) -> Child:
        child = Child(name=name, argv=argv)
        self.children.append(child)
        self._start(child)
        return child

    def every(self, seconds: float, fn: Callable[[], object]) -> None:
        self.periodic.append(_Periodic(seconds, fn, self.clock() + seconds))

    def _start(self, child: Child) -> None:
        child.starts += 1
        child.current_argv = child.argv(child.starts)
        child.proc = subprocess.Popen(child.current_argv)
        child.started_at = self.clock()
        child.restart_at = None
        logger.warning("%s started (pid %s, start %s)", child.name, child.proc.pid, child.starts)

    def step(self) -> None:
        now = self.clock()
        for child in self.children:
            if child.proc is not None:
                code = child.proc.poll()
                if code is None:
                    continue
                child.exits.append(code)
                ran = now - child.started_at
                child.backoff = (
                    self.base_backoff
                    if ran >= self.healthy_after or not child.backoff
                    else min(child.backoff * 2, self.max_backoff)
                )
                child.restart_at = now + child.backoff
                child.proc = None
                logger.error(
                    "%s exited with code %s after %.1f s; restarting in %.1f s",
                    child.name, code, ran, child.backoff,
                )  # fmt: skip
                if self.on_exit is not None:
                    try:
                        self.on_exit(child, code)
                    except Exception:
                        logger.exception("handling the exit of %s failed", child.name)
            elif child.restart_at is not None and now >= child.restart_at:
                self._start(child)
        for job in self.periodic:
            if now >= job.due:
                job.due = now + job.seconds
                try:
                    job.fn()
                except Exception:
                    logger.exception("periodic work failed")

    def stop(self, timeout: float = 10.0) -> None:
        for child in self.children:
            if child.proc is not None and child.proc.poll() is None:
                child.proc.send_signal(signal.SIGTERM)
        for child in self.children:
            if child.proc is None:
                continue
            try:
                child.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                child.proc.kill()
                child.proc.wait()
