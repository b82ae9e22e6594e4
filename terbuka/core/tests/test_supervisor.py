"""`terbuka serve` keeps the worker alive: restarted with backoff, logged, reported (issue #7 item 6)."""

from __future__ import annotations

import itertools
import logging
import sys
import time

from terbuka.core.supervisor import Supervisor


def test_a_worker_that_exits_is_restarted_with_backoff_and_logged(caplog):
    exits: list[tuple[str, int]] = []
    sup = Supervisor(
        on_exit=lambda child, code: exits.append((child.current_argv[-1], code)),
        base_backoff=0.1,
        max_backoff=0.4,
        healthy_after=60,
    )
    periodic: list[float] = []
    sup.every(0.05, lambda: periodic.append(time.monotonic()))
    with caplog.at_level(logging.WARNING, logger="terbuka.serve"):
        child = sup.add("pekerja", lambda n: [sys.executable, "-c", "import sys; sys.exit(3)", f"w{n}"])
        starts: list[float] = []
        deadline = time.monotonic() + 15
        while child.starts < 4 and time.monotonic() < deadline:
            before = child.starts
            sup.step()
            if child.starts != before:
                starts.append(time.monotonic())
            time.sleep(0.01)
        sup.stop()
    assert child.starts >= 4
    assert exits[:3] == [("w1", 3), ("w2", 3), ("w3", 3)]  # each start has its own worker id
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert gaps[0] >= 0.1 and gaps[1] >= 0.2  # the wait doubles while the worker keeps failing
    assert child.backoff <= 0.4
    assert "exited with code 3" in caplog.text and "restarting in" in caplog.text
    assert periodic, "periodic work (job recovery) never ran"


def test_stop_terminates_a_running_worker():
    sup = Supervisor()
    child = sup.add("pekerja", lambda n: [sys.executable, "-c", "import time; time.sleep(60)"])
    sup.step()
    assert child.proc is not None and child.proc.poll() is None
    proc = child.proc
    sup.stop(timeout=5)
    assert proc.poll() is not None
