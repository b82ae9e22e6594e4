"""Shared test fixtures: the demo bodies and their standing users (STYLE.md habit 11).

The test database is built once per session and then holds the *shared world*: national holidays
2025–2028 and the demo bodies with their units, officials and logins (``terbuka.core.demo.load_demo``).
Every ``db`` test runs inside a transaction that is rolled back, so it starts from that world and leaves
it as it found it; ``demo``, ``users`` and ``bodies`` cost no queries to set up. A test that needs an
empty registry must not count rows globally: the demo is always there (use
``terbuka.core.tests.factories`` for a small world of your own next to it).

Transactional tests (``transactional_db``, ``live_server``, ``django_db(transaction=True)``) commit for
real and Django flushes every table after them. The next database test would find the world gone:
``pytest_runtest_setup`` below puts it back first (committed, from a copy of its rows taken at the load).

Per-process caches do not roll back with the database; ``_isolate_caches`` resets them after each test.
Uploaded and generated files go to a temporary MEDIA_ROOT for the session (never ``var/media``).
PostgreSQL-only tests carry ``@pytest.mark.postgresql`` and are skipped before any fixture runs elsewhere.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright + live_server share a thread

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HOLIDAY_YEARS = [2025, 2026, 2027, 2028]
PG_ONLY = "needs PostgreSQL (run with DATABASE_URL=postgres://…)"
# With any of these pytest-django runs a TransactionTestCase: real commits, every table flushed after it.
TRANSACTIONAL_FIXTURES = ("transactional_db", "live_server", "django_db_reset_sequences")


class _World:
    """The shared world in the test database, a copy of its rows, and whether a flush may have removed it."""

    result: Any = None
    blocker: Any = None
    maybe_flushed = False
    rows: list[tuple[Any, list[str], list[tuple[Any, ...]]]] = []

    def load(self) -> None:
        """Build the world through the services (as `terbuka demo` does) and keep a copy of its rows."""
        from django.apps import apps

        from terbuka.core import services
        from terbuka.core.demo import load_demo

        services.calendar_sync(actor=None, years=HOLIDAY_YEARS)
        self.result = load_demo()
        self.rows = []
        for model in apps.get_models(include_auto_created=True):
            meta = model._meta
            if not meta.app_config.name.startswith("terbuka.") or meta.proxy or not meta.managed:
                continue
            names = [f.attname for f in meta.concrete_fields]
            rows = list(model._base_manager.order_by("pk").values_list(*names))
            if rows:
                self.rows.append((model, names, rows))

    def restore(self) -> None:
        """Put the copied rows back after a flush: the same world, same keys, in a fraction of a load."""
        from django.db import transaction

        with transaction.atomic():  # foreign keys are checked at commit, so the order does not matter
            for model, names, rows in self.rows:
                model._base_manager.bulk_create([model(**dict(zip(names, row, strict=True))) for row in rows])

    @staticmethod
    def present() -> bool:
        from terbuka.core.models import Holiday, User

        return User.objects.filter(username="admin").exists() and Holiday.objects.exists()


WORLD = _World()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "postgresql(reason=...): needs PostgreSQL; elsewhere skipped before its fixtures run"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip PostgreSQL-only tests at collection, so their fixtures (and the flush after them) never run."""
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    for item in items:
        marker = item.get_closest_marker("postgresql")
        if marker:
            why = marker.kwargs.get("reason")
            item.add_marker(pytest.mark.skip(reason=f"{PG_ONLY}: {why}" if why else PG_ONLY))


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    names = getattr(item, "fixturenames", ())
    return any(name in names for name in TRANSACTIONAL_FIXTURES)


def _uses_db(item: pytest.Item) -> bool:
    names = getattr(item, "fixturenames", ())
    return bool(item.get_closest_marker("django_db")) or "db" in names or _is_transactional(item)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    # After a transactional test Django has flushed every table: put the world back (committed) before
    # this test's own transaction or flush cycle starts.
    if WORLD.maybe_flushed and WORLD.blocker is not None and _uses_db(item):
        with WORLD.blocker.unblock():
            if not WORLD.present():
                WORLD.restore()
        WORLD.maybe_flushed = False
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    yield
    if _is_transactional(item):
        WORLD.maybe_flushed = True


@pytest.fixture(scope="session", autouse=True)
def _media_root() -> Iterator[str]:
    """One temporary MEDIA_ROOT (and default file storage) for the whole session, removed at the end."""
    from django.conf import settings
    from django.test.utils import override_settings

    root = tempfile.mkdtemp(prefix="terbuka-test-media-")
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root, "base_url": settings.MEDIA_URL},
        },
    }
    override = override_settings(MEDIA_ROOT=root, STORAGES=storages)
    override.enable()
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)
        override.disable()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any, _media_root: str) -> None:
    """The test database with the shared world loaded once (holidays 2025–2028 and the demo)."""
    with django_db_blocker.unblock():
        WORLD.load()
    WORLD.blocker = django_db_blocker


@pytest.fixture(autouse=True)
def _isolate_caches() -> Iterator[None]:
    """Per-process state survives a rollback: put it back after each test so no test sees another's.

    - the working-calendar cache (terbuka.core.workdays): keyed by CalendarVersion, whose number a
      rolled-back test hands out again to the next test that edits holidays;
    - the SOP action registry (names and aliases) and the parsed-definition cache (keyed by the file's
      hash, parsed against the registered actions): a test that registers an action must not leave it, or
      definitions parsed with it, to the tests after it;
    - Django's cache backends (per process with the default local-memory cache: counters such as rate
      limits would otherwise carry over);
    - the active language and time zone of this thread.
    User objects carry their own grants cache; the ``users`` fixture fetches fresh ones for every test.
    """
    from terbuka.sop import actions
    from terbuka.sop import models as sop_models

    saved = {
        name: dict(table)
        for name in ("_REGISTRY", "_ALIASES")
        if isinstance(table := getattr(actions, name, None), dict)
    }
    yield
    from django.core.cache import caches
    from django.utils import timezone, translation

    from terbuka.core import workdays

    workdays.clear_cache()
    for cache in caches.all(initialized_only=True):
        cache.clear()
    changed = False
    for name, copy in saved.items():
        table = getattr(actions, name)
        if table != copy:
            table.clear()
            table.update(copy)
            changed = True
    definitions = getattr(sop_models, "_DEFINITIONS", None)
    if changed and isinstance(definitions, dict):
        definitions.clear()
    translation.deactivate()
    timezone.deactivate()


@pytest.fixture
def demo(db: None) -> Any:
    """The five demo bodies with their officials, and national holidays 2025–2028 (loaded per session)."""
    return WORLD.result


@pytest.fixture
def users(demo):
    """users['ppid.kota-serang'] -> User (a fresh object per test: no cached grants carried over)."""
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
