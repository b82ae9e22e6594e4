"""Benchmark: 100,000 due-date computations with the working-day calendar (target: under 0.3 s).

Run: .venv/bin/python bench/calendar_bench.py   (uses a throwaway SQLite database under bench/out/)
Prints the figures and the machine; docs/benchmarks.md records a run.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["TERBUKA_VAR_DIR"] = str(ROOT / "bench" / "out")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402
from machine import describe  # noqa: E402  (bench/ is the script folder)

django.setup()

from django.core.management import call_command  # noqa: E402

from terbuka.core import services  # noqa: E402
from terbuka.core.workdays import calendar_for  # noqa: E402


def machine() -> str:
    return describe()


def main() -> None:
    call_command("migrate", verbosity=0)
    services.calendar_sync(actor=None, years=[2025, 2026, 2027, 2028])
    rng = random.Random(14)
    base = dt.date(2025, 1, 1)
    cases = [
        (base + dt.timedelta(days=rng.randrange(0, 3 * 365)), rng.choice([1, 7, 10, 14, 17, 30]))
        for _ in range(100_000)
    ]
    runs = []
    for _ in range(5):
        cal = calendar_for()  # includes loading the holidays (cached after the first run)
        t0 = time.perf_counter()
        for start, days in cases:
            cal.add(start, days)
        runs.append(time.perf_counter() - t0)
    cold = []
    for _ in range(3):
        services.calendar_sync(actor=None, years=[2025])  # no change: the cache stays
        from terbuka.core import workdays

        workdays.clear_cache()
        t0 = time.perf_counter()
        cal = calendar_for()
        for start, days in cases:
            cal.add(start, days)
        cold.append(time.perf_counter() - t0)
    print(f"machine: {machine()}")
    each = ", ".join(f"{r:.3f}" for r in runs)
    print(f"100,000 due dates, warm calendar: median {statistics.median(runs):.3f} s (runs: {each})")
    print(
        f"100,000 due dates incl. loading holidays from the database: median {statistics.median(cold):.3f} s"
    )


if __name__ == "__main__":
    main()
