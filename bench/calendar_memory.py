"""Benchmark: what anonymous calendar requests can make a process keep (issue #7 item 4).

The attack of the issue: 36 anonymous requests for years 1 and 9990 grew each worker by ~400 MB for good.
This replays it in one process through the Django test client (the API and the public calculator page),
then a mixed load of in-window requests for every demo body, and prints the resident memory and the calendar
cache after each. Uses a throw-away SQLite database under bench/out/.

Run: .venv/bin/python bench/calendar_memory.py
"""

from __future__ import annotations

import logging
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["TERBUKA_VAR_DIR"] = str(ROOT / "bench" / "out" / "calendar-memory")
os.environ.pop("DATABASE_URL", None)
(ROOT / "bench" / "out" / "calendar-memory").mkdir(parents=True, exist_ok=True)
(ROOT / "bench" / "out" / "calendar-memory" / "terbuka.sqlite3").unlink(missing_ok=True)

import django  # noqa: E402
from machine import describe  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from terbuka.core import services, workdays  # noqa: E402
from terbuka.core.demo import load_demo  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 400s are the point
    setup_test_environment()
    call_command("migrate", verbosity=0)
    services.calendar_sync(actor=None)
    load_demo()
    client = Client()
    workdays.clear_cache()
    client.get("/api/v1/calendar/add", {"start": "2026-03-16", "days": "10"})  # warm: imports, one calendar
    base = rss_mb()
    statuses: dict[int, int] = {}
    for i in range(36):
        day = "0001-01-01" if i % 2 else "9990-01-01"
        for r in (
            client.get("/api/v1/calendar/add", {"start": day, "days": "1000"}),
            client.get("/badan/kota-serang/kalender/", {"mulai": day, "hari": "1000"}),
        ):
            statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
    after_attack = rss_mb()
    print(f"machine: {describe()}")
    print(
        f"36 x 2 requests for years 1 and 9990: statuses {statuses}, RSS {base:.1f} -> {after_attack:.1f} MB"
    )
    print(f"  cache: {workdays.cache_sizes()}")
    rng = random.Random(7)
    slugs = ["kota-serang", "kota-kupang", "kota-bontang", "kabupaten-serang", "provinsi-kalimantan-barat"]
    statuses = {}
    for _ in range(2000):
        year = rng.randrange(2000, 2032)
        r = client.get(
            "/api/v1/calendar/add",
            {
                "start": f"{year}-0{rng.randrange(1, 10)}-1{rng.randrange(0, 10)}",
                "days": str(rng.randrange(0, 1001)),
                "body": rng.choice(slugs),
            },
        )
        statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
    print(
        "2000 requests, random years 2000-2031 (synced on demand), 5 bodies, 0-1000 days: "
        f"statuses {statuses} (400: past 2031, outside the window), "
        f"RSS {rss_mb():.1f} MB; cache: {workdays.cache_sizes()} "
        f"(bounds: {workdays.BODY_CACHE_SIZE} calendars, {workdays.YEAR_CACHE_SIZE} year arrays)"
    )


if __name__ == "__main__":
    main()
