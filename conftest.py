"""Shared test fixtures: the demo bodies and their standing users (STYLE.md habit 11)."""

from __future__ import annotations

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright + live_server share a thread

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def demo(db):
    """The five demo bodies with their officials, and national holidays 2025–2028."""
    from terbuka.core import services
    from terbuka.core.demo import load_demo

    services.calendar_sync(actor=None, years=[2025, 2026, 2027, 2028])
    return load_demo()


@pytest.fixture
def users(demo):
    """users['ppid.kota-serang'] -> User."""
    from terbuka.core.models import User

    class _Users(dict):
        def __missing__(self, key: str):
            value = User.objects.get(username=key)
            self[key] = value
            return value

    return _Users()


@pytest.fixture
def bodies(demo):
    from terbuka.core.models import PublicBody

    return {b.slug: b for b in PublicBody.objects.all()}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.skip("Tes peramban butuh chromium Debian (/usr/bin/chromium): apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
