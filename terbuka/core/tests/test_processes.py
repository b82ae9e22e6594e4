"""Child programs never outlive their owner: own process group, timeout, guard (issue #7 item 6)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from terbuka.core.processes import GroupTimeout, run_group

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_gone(pgid: int, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not group_alive(pgid):
            return True
        time.sleep(0.05)
    return False


def forking_sleeper(tmp_path: Path) -> Path:
    """A stand-in for LibreOffice: forks a background grandchild, records its group, then blocks."""
    script = tmp_path / "slow-soffice"
    script.write_text(
        textwrap.dedent(
            """\
            #!/bin/sh
            sleep 300 &
            echo "$(cut -d' ' -f5 /proc/$$/stat)" > "$MARK"
            sleep 300
            """
        )
    )
    script.chmod(0o755)
    return script


def read_mark(mark: Path, seconds: float = 10.0) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if mark.exists() and mark.read_text().strip():
            return int(mark.read_text())
        time.sleep(0.05)
    raise AssertionError("the child never started")


def test_timeout_kills_the_whole_group(tmp_path, monkeypatch):
    mark = tmp_path / "mark"
    monkeypatch.setenv("MARK", str(mark))
    started = time.monotonic()
    with pytest.raises(GroupTimeout):
        run_group([str(forking_sleeper(tmp_path))], timeout=1.0)
    assert time.monotonic() - started < 10
    pgid = read_mark(mark)
    assert wait_gone(pgid), "a process of the group survived the timeout"


def test_leftovers_are_killed_after_a_normal_exit(tmp_path, monkeypatch):
    script = tmp_path / "leaves-a-child"
    script.write_text('#!/bin/sh\nsleep 300 &\necho "$(cut -d\' \' -f5 /proc/$$/stat)" > "$MARK"\nexit 0\n')
    script.chmod(0o755)
    mark = tmp_path / "mark"
    monkeypatch.setenv("MARK", str(mark))
    result = run_group([str(script)], timeout=20)
    assert result.returncode == 0
    assert wait_gone(read_mark(mark)), "the background child outlived the command"


def test_the_group_dies_with_its_owner_even_by_kill_9(tmp_path):
    mark = tmp_path / "mark"
    owner_code = f"""
import sys
sys.path.insert(0, {str(Path(__file__).resolve().parents[3])!r})
from terbuka.core.processes import run_group
run_group([{str(forking_sleeper(tmp_path))!r}], timeout=300)
"""
    owner = subprocess.Popen([sys.executable, "-c", owner_code], env={**os.environ, "MARK": str(mark)})
    try:
        pgid = read_mark(mark)
        assert group_alive(pgid)
        os.kill(owner.pid, signal.SIGKILL)
        owner.wait()
        assert wait_gone(pgid), "LibreOffice's group outlived the killed worker"
    finally:
        if owner.poll() is None:
            owner.kill()
