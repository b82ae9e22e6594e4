"""A throw-away instance of the product for benches that need a real server (gunicorn on a free port)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def terbuka(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [str(BIN / "terbuka"), *args], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def demo_env(out: Path, **extra: str) -> dict[str, str]:
    """A fresh var dir (SQLite, or PostgreSQL from BENCH_DATABASE_URL) with migrations, calendar and demo."""
    shutil.rmtree(out, ignore_errors=True)
    (out / "var").mkdir(parents=True)
    env = {
        **os.environ,
        "TERBUKA_VAR_DIR": str(out / "var"),
        "TERBUKA_TASKS_IMMEDIATE": "1",  # no worker needed: background work runs inline
        "TERBUKA_SOP_PDF_PRERENDER": "0",
        "TERBUKA_DOCUMENTS_PDF": "0",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        **extra,
    }
    env.pop("DATABASE_URL", None)
    if os.environ.get("BENCH_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    terbuka(env, "migrate", "--noinput", "-v0")
    terbuka(env, "calendar", "sync")
    terbuka(env, "demo")
    return env


@contextlib.contextmanager
def serving(env: dict[str, str], workers: int = 2, threads: int = 4) -> Iterator[str]:
    """gunicorn as `terbuka serve` runs it; yields the base URL once it answers."""
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers",
         str(workers), "--threads", str(threads), "--chdir", str(ROOT), "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/", timeout=2).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("server did not start")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
