"""The installed `terbuka` command works from any folder of the checkout (issue #2 item 2)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
EXE = Path(sys.executable).with_name("terbuka")


def terbuka(var_dir: Path, cwd: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env["TERBUKA_VAR_DIR"] = str(var_dir)
    return subprocess.run([str(EXE), *args], cwd=ROOT / cwd, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """One embedded database, migrated by the command run from a subfolder; each case gets a copy."""
    var_dir = tmp_path_factory.mktemp("var")
    result = terbuka(var_dir, "docs", "migrate", "-v0")
    assert result.returncode == 0, result.stderr
    return var_dir


@pytest.mark.parametrize("cwd", ["docs", "terbuka/core"])
def test_terbuka_command_from_a_subfolder(cwd, migrated, tmp_path):
    var_dir = tmp_path / "var"
    shutil.copytree(migrated, var_dir)
    run = lambda *a: terbuka(var_dir, cwd, *a)  # noqa: E731
    assert run("calendar", "sync", "--years", "2026").returncode == 0
    result = run("calendar", "add", "2026-03-16", "10")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2026-04-07"
    bad = run("calendar", "add", "2026-02-30", "1")
    assert bad.returncode != 0 and "tanggal tidak sah" in bad.stderr
