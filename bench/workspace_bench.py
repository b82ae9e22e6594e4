"""Benchmark: the workspace pages of one body holding 100,000 finished tasks, 10,000 documents and 100,000
audit events (issue #13: each page under 100 ms there, and flat as data grows).

Run:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/terbuka_wsbench .venv/bin/python bench/workspace_bench.py

The database is created if missing, migrated and given the demo; the first run fills Kota Serang (rows made in
bulk, the audit events hash-chained like real ones), later runs reuse it. Each page is requested in-process
(Django's test client, logged in as the body's PPID) 5 times to warm up and then ``N`` times (default 30);
the median, 90th percentile and the number of SQL statements are printed.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("Set DATABASE_URL=postgres://postgres@127.0.0.1:5432/terbuka_wsbench (a PostgreSQL benchmark).")

from sop_bench import ensure_database  # noqa: E402  (bench/ is the script folder; sets up Django)

ensure_database(os.environ["DATABASE_URL"])

import datetime as dt  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from machine import describe  # noqa: E402

from terbuka.core import audit  # noqa: E402
from terbuka.core import services as core_services  # noqa: E402
from terbuka.core.demo import load_demo  # noqa: E402
from terbuka.core.models import ChainHead, Event, PublicBody, User  # noqa: E402
from terbuka.documents.models import Document  # noqa: E402
from terbuka.sop import services  # noqa: E402
from terbuka.sop.models import Case, CaseEvent, Task  # noqa: E402

BODY = "kota-serang"
TASKS = 100_000
DOCUMENTS = 10_000
EVENTS = 100_000
STEPS = 40
BATCH = 5_000


def fill() -> None:
    call_command("migrate", verbosity=0)
    if not PublicBody.objects.filter(slug=BODY).exists():
        core_services.calendar_sync(actor=None, years=[2025, 2026, 2027, 2028])
        load_demo()
    body = PublicBody.objects.get(slug=BODY)
    done = Task.objects.filter(case__body=body, status=Task.Status.DONE).count()
    if done >= TASKS:
        print(f"reusing the filled body ({done:,} finished tasks)")
        return
    from sop_bench import bench_sop

    version = services.sop_adopt(
        actor=None, body=body, slug="tolok-ukur", source=bench_sop(), filename="bench.yaml"
    )
    ppid = User.objects.get(username=f"ppid.{BODY}")
    rng = random.Random(13)
    start = timezone.now() - dt.timedelta(days=400)
    n_cases = TASKS // STEPS
    print(f"filling {BODY}: {n_cases:,} cases, {TASKS:,} tasks, {DOCUMENTS:,} documents, {EVENTS:,} events…")
    with transaction.atomic():
        cases = Case.objects.bulk_create(
            [
                Case(
                    body=body,
                    sop_version=version,
                    title=f"Tolok ukur ruang kerja {i}",
                    status=Case.Status.DONE,
                    started_by=ppid,
                    started_at=start + dt.timedelta(minutes=i),
                    finished_at=start + dt.timedelta(minutes=i, days=20),
                )
                for i in range(n_cases)
            ],
            batch_size=BATCH,
        )
        tasks = []
        for case in cases:
            for step in range(1, STEPS + 1):
                opened = case.started_at + dt.timedelta(hours=step)
                tasks.append(
                    Task(
                        case=case,
                        step_no=step,
                        lane="petugas",
                        role="petugas",
                        status=Task.Status.DONE,
                        opened_at=opened,
                        due_date=opened.date() + dt.timedelta(days=1),
                        completed_at=opened + dt.timedelta(hours=rng.choice([1, 5, 30])),
                        completed_by=ppid,
                        on_time=rng.random() < 0.9,
                    )
                )
            if len(tasks) >= BATCH:
                Task.objects.bulk_create(tasks, batch_size=BATCH)
                tasks = []
        Task.objects.bulk_create(tasks, batch_size=BATCH)
        Document.objects.bulk_create(
            [
                Document(
                    body=body,
                    kind="nota_dinas",
                    number=f"000/{i}/PPID/2026",
                    date=dt.date(2026, 1, 1) + dt.timedelta(days=i % 300),
                    subject=f"Naskah tolok ukur {i}",
                    status=Document.Status.FINAL,
                    created_by=ppid,
                )
                for i in range(DOCUMENTS)
            ],
            batch_size=BATCH,
        )
        _chain_events(body, ppid)
    print("filled")


def _chain_events(body: PublicBody, actor: User) -> None:
    """EVENTS audit events on the body's chain, hashed and linked exactly as audit.record does."""
    chain = audit.chain_of(body)
    head = audit._lock_head(chain)
    seq, prev = head.seq, head.hash
    rows = []
    now = timezone.now()
    for i in range(EVENTS):
        seq += 1
        event = Event(
            chain=chain,
            seq=seq,
            body=body,
            actor=actor,
            action="sop.task.complete" if i % 3 else "documents.document.sign",
            object_type="sop.task",
            object_id=str(i),
            object_repr=f"Tugas {i}",
            old={"status": "open"},
            new={"status": "done"},
            created_at=now - dt.timedelta(seconds=EVENTS - i),
            prev_hash=prev,
        )
        event.hash = prev = audit.compute_hash(event)
        rows.append(event)
        if len(rows) >= BATCH:
            Event.objects.bulk_create(rows)
            rows = []
    Event.objects.bulk_create(rows)
    ChainHead.objects.filter(pk=head.pk).update(seq=seq, hash=prev)


class Counter(list[str]):
    """An execute wrapper that notes each statement."""

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
    ) -> Any:
        self.append(sql)
        return execute(sql, params, many, context)


PAGES = [
    ("workspace home", "/kerja/"),
    ("inbox", "/kerja/sop/tugas/"),
    ("SOP list with SLA", f"/kerja/sop/badan/{BODY}/"),
    ("Atasan PPID dashboard", f"/kerja/sop/badan/{BODY}/dasbor/"),
    ("audit log", f"/kerja/{BODY}/audit/"),
    ("audit log, filtered by action", f"/kerja/{BODY}/audit/?aksi=documents.document.sign"),
    ("archive list", f"/kerja/dokumen/{BODY}/"),
    ("awaiting my paraf/signature", f"/kerja/dokumen/{BODY}/menunggu-saya/"),
]


def measure(n: int) -> None:
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    # One connection for the whole run (as a worker with CONN_MAX_AGE keeps it), so statements can be counted.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    client = Client()
    client.force_login(User.objects.get(username=f"ppid.{BODY}"))
    print("| page | median ms | p90 ms | SQL statements | status |\n|---|---|---|---|---|")
    for label, url in PAGES:
        for _ in range(5):
            client.get(url)
        queries = Counter()
        with connection.execute_wrapper(queries):
            response = client.get(url)
        times = []
        for _ in range(n):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p90 = times[int(len(times) * 0.9) - 1]
        print(
            f"| {label} (`{url}`) | {statistics.median(times):.1f} | {p90:.1f} | {len(queries)} |"
            f" {response.status_code} |"
        )
    body = PublicBody.objects.get(slug=BODY)
    print(
        f"\ndata: {Task.objects.filter(case__body=body).count():,} tasks, "
        f"{Document.objects.filter(body=body).count():,} documents, "
        f"{Event.objects.filter(body=body).count():,} audit events, "
        f"{CaseEvent.objects.filter(case__body=body).count():,} timeline rows in {BODY}"
    )
    print(f"machine: {describe()}, PostgreSQL {connection.pg_version}")  # type: ignore[attr-defined]
    print("load average at the end:", " ".join(Path("/proc/loadavg").read_text().split()[:3]))


def settle() -> None:
    """What a running installation has done by the time anyone looks: autovacuum's statistics and the daily
    full walk of the audit chain (the page then walks only the events since)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    audit.check_chain(audit.chain_of(PublicBody.objects.get(slug=BODY)), full=True)


if __name__ == "__main__":
    fill()
    settle()
    measure(int(os.environ.get("N", "30")))
