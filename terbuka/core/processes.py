"""Child programs (LibreOffice) that never outlive their owner: own process group, timeout, guard.

``run_group(cmd, timeout=…)`` starts ``cmd`` in a new session (``start_new_session=True``, so it is the
leader of its own process group) through a small guard: this same file run as a script. The guard starts the
command inside the group and watches its parent, the worker: when the worker is gone (exited, crashed,
``kill -9``), the guard kills the whole group, the LibreOffice processes it forked included. On timeout the
caller kills the whole group. After a normal exit the caller kills whatever the command left behind in the
group, before the guard (the group leader) is reaped, so the group id cannot belong to anyone else yet.

This module imports only the standard library at the top: the guard runs as ``python -I processes.py`` in
a few milliseconds, without Django.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

POLL = 0.05  # seconds between checks of the child (caller) and of the owner (guard)


class GroupTimeout(Exception):
    """The command ran past its timeout; its whole process group was killed."""


@dataclass(frozen=True)
class GroupResult:
    returncode: int
    pgid: int


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def run_group(
    cmd: list[str], *, timeout: float, cwd: str | Path | None = None, output: Path | None = None
) -> GroupResult:
    """Run ``cmd`` in its own process group, guarded; kill the group on timeout and after it exits.

    stdout and stderr go to ``output`` (a file, so a chatty program never blocks on a full pipe).
    """
    guard = [sys.executable, "-I", str(Path(__file__).resolve()), str(os.getpid()), "--", *cmd]
    with open(output or os.devnull, "wb") as out:
        proc = subprocess.Popen(guard, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    pgid = proc.pid
    deadline = time.monotonic() + timeout
    timed_out = False
    try:
        while True:
            # WNOWAIT: learn that the guard exited without reaping it, so its pid (the group id) stays ours.
            if os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                break
            if time.monotonic() > deadline:
                timed_out = True
                break
            time.sleep(POLL)
    finally:
        _kill_group(pgid)  # the timeout, leftovers of a normal exit, or an exception in this process
        proc.wait()
    if timed_out:
        raise GroupTimeout(f"{cmd[0]} ran longer than {timeout:g} s; process group {pgid} killed")
    return GroupResult(proc.returncode, pgid)


def _guard(argv: list[str]) -> int:
    """Guard (group leader): run the command; kill the whole group as soon as the owner is gone."""
    owner = int(argv[0])
    cmd = argv[2:] if argv[1:2] == ["--"] else argv[1:]
    child = subprocess.Popen(cmd)
    while True:
        try:
            return child.wait(timeout=POLL * 4)
        except subprocess.TimeoutExpired:
            if os.getppid() != owner:  # reparented: the owner died without cleaning up
                os.killpg(0, signal.SIGKILL)


if __name__ == "__main__":
    sys.exit(_guard(sys.argv[1:]))
