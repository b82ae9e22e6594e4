"""The installed `terbuka` command works from any folder of the checkout (issue #2 item 2)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("cwd", ["docs", "terbuka/core"])
def test_terbuka_command_from_a_subfolder(cwd, tmp_path):
    exe = Path(sys.executable).with_name("terbuka")
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env["TERBUKA_VAR_DIR"] = str(tmp_path)
    run = lambda *a: subprocess.run([str(exe), *a], cwd=ROOT / cwd, env=env, capture_output=True, text=True)  # noqa: E731
    assert run("migrate", "-v0").returncode == 0
    assert run("calendar", "sync", "--years", "2026").returncode == 0
    result = run("calendar", "add", "2026-03-16", "10")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2026-04-07"
    bad = run("calendar", "add", "2026-02-30", "1")
    assert bad.returncode != 0 and "tanggal tidak sah" in bad.stderr
