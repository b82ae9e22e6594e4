"""Benchmark: SOP task completions per second on PostgreSQL, each with its audit event, beside the raw-SQL
ceiling of the same statements (bench/sop_ceiling.py) measured in the same run (issue #13: the engine within
3x of the ceiling, i.e. a ratio of at least 1/3).

Run:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/terbuka_bench .venv/bin/python bench/sop_bench.py

The database is created if missing and migrated; the demo bodies are loaded. A SOP of 40 ordinary steps
(each "1 hari kerja", no documents, so the figure measures the engine, not file storage) is adopted, and
cases are walked by the demo PLID officer: every completion locks the task row, checks the actor's grant,
writes the task, its timeline row and the hash-chained audit event, computes the next due date and opens
the next task — one transaction per completion, exactly as the workspace and the API do it.
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("Set DATABASE_URL=postgres://postgres@127.0.0.1:5432/terbuka_bench (a PostgreSQL benchmark).")


def ensure_database(url: str) -> None:
    from urllib.parse import urlparse

    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


ensure_database(os.environ["DATABASE_URL"])

import django  # noqa: E402
from machine import describe  # noqa: E402  (bench/ is the script folder)

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from terbuka.core import services as core_services  # noqa: E402
from terbuka.core.demo import load_demo  # noqa: E402
from terbuka.core.models import Event, PublicBody, User  # noqa: E402
from terbuka.sop import services  # noqa: E402
from terbuka.sop.models import Sop, Task  # noqa: E402

STEPS = 40


def bench_sop() -> str:
    lines = [
        "format: terbuka-sop/1",
        "identitas:",
        "  nama: SOP tolok ukur",
        "pelaksana:",
        "  - {kode: petugas, nama: Petugas PLID, peran: petugas}",
        "langkah:",
    ]
    for n in range(1, STEPS + 1):
        lines += [
            f"  - no: {n}",
            f"    kegiatan: Langkah {n}",
            "    pelaksana: petugas",
            "    waktu: 1 hari kerja",
        ]
    return "\n".join(lines) + "\n"


def machine() -> str:
    return f"{describe()}, PostgreSQL {connection.pg_version}"  # type: ignore[attr-defined]


BODIES = ["kota-serang", "kota-kupang", "kota-bontang", "kabupaten-serang", "provinsi-kalimantan-barat"]


def setup() -> None:
    call_command("migrate", verbosity=0)
    if not PublicBody.objects.filter(slug="kota-serang").exists():
        core_services.calendar_sync(actor=None, years=[2025, 2026, 2027, 2028])
        load_demo()
    for slug in BODIES:
        body = PublicBody.objects.get(slug=slug)
        services.sop_adopt(
            actor=None, body=body, slug="tolok-ukur", source=bench_sop(), filename="bench.yaml"
        )


def walk_cases(body_slug: str, n_cases: int, tag: str) -> tuple[int, float]:
    """Start ``n_cases`` cases in one body and complete every step of each; returns (completions, seconds)."""
    body = PublicBody.objects.get(slug=body_slug)
    sop = Sop.objects.get(body=body, slug="tolok-ukur")
    actor = User.objects.get(username=f"petugas.{body_slug}")
    ids = [
        services.case_start(actor=actor, sop=sop, title=f"Tolok ukur {tag}.{i}").pk for i in range(n_cases)
    ]
    done = 0
    started = time.perf_counter()
    for _ in range(STEPS):
        for task_id in Task.objects.filter(case_id__in=ids, status=Task.Status.OPEN).values_list(
            "pk", flat=True
        ):
            services.task_complete(actor=actor, task=task_id)
            done += 1
    return done, time.perf_counter() - started


def _worker(args: tuple[str, int, str]) -> tuple[int, float]:
    connection.close()  # a fresh connection per process
    return walk_cases(*args)


def ceiling_cases(workers: int, tag: str) -> list[tuple[int, int, int]]:
    """One fresh case per worker (each in its own body) for the raw-SQL ceiling to walk."""
    out = []
    for w in range(workers):
        body = PublicBody.objects.get(slug=BODIES[w % len(BODIES)])
        sop = Sop.objects.get(body=body, slug="tolok-ukur")
        actor = User.objects.get(username=f"petugas.{body.slug}")
        case = services.case_start(actor=actor, sop=sop, title=f"Plafon {tag}.{w}")
        out.append((case.pk, body.pk, actor.pk))
    return out


def run(rounds: int = 5, cases: int = 10) -> dict[int, float]:
    from sop_ceiling import ceiling

    setup()
    results: dict[int, float] = {}
    ceilings: dict[int, float] = {}
    for workers in (1, 2, 4):
        rates = []
        for r in range(rounds):
            events_before = Event.objects.count()
            connection.close()
            jobs = [(BODIES[w % len(BODIES)], cases, f"{workers}w{r}.{w}") for w in range(workers)]
            started = time.perf_counter()
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                out = pool.map(_worker, jobs)
            wall = time.perf_counter() - started
            done = sum(d for d, _s in out)
            busy = max(s for _d, s in out)  # the completion phase (case starts excluded)
            assert Event.objects.count() - events_before == done + workers * cases  # + one per case start
            rates.append(done / busy)
            print(
                f"{workers} worker(s), round {r + 1}: {done} completions in {busy:.2f} s"
                f" = {done / busy:.0f}/s"
                f" (wall incl. case starts and process start {wall:.2f} s)"
            )
        results[workers] = statistics.median(rates)
        raw = []
        for r in range(rounds):
            connection.close()
            raw.append(ceiling(ceiling_cases(workers, f"{workers}w{r}"), STEPS * cases, workers))
        ceilings[workers] = statistics.median(raw)
        print(
            f"median with {workers} worker(s): Terbuka {results[workers]:.0f} completions/s, "
            f"raw SQL ceiling {ceilings[workers]:.0f}/s, ratio {results[workers] / ceilings[workers]:.2f}"
        )
    print(f"machine: {machine()}")
    print("load average at the end:", " ".join(Path("/proc/loadavg").read_text().split()[:3]))
    return results


if __name__ == "__main__":
    run(rounds=int(os.environ.get("ROUNDS", "5")), cases=int(os.environ.get("CASES", "10")))
