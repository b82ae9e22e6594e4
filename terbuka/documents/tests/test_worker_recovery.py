"""Background work that dies (issue #7 item 6): jobs left RUNNING by a dead worker are queued again or
marked failed, the document shows the failure with "Coba lagi", and LibreOffice never outlives the worker.

The last test does it for real on PostgreSQL: a `db_worker` subprocess, a blocking "LibreOffice", kill -9.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from terbuka.core.models import Event
from terbuka.core.task_recovery import LOST_CLASS_PATH, recover
from terbuka.core.tests.test_processes import group_alive
from terbuka.documents import rendering, services
from terbuka.documents.models import Document
from terbuka.documents.signoff import Signer
from terbuka.documents.tasks import render_pdf

from .helpers import required_only

ROOT = Path(__file__).resolve().parents[3]


def signed_letter(users, bodies, monkeypatch) -> Document:
    monkeypatch.setattr(services, "_queue_pdf", lambda document: None)  # the tests queue by hand
    head = users["kepala-dinas.kota-serang"]
    stored = services.generate_document(
        actor=head,
        body=bodies["kota-serang"],
        kind="nota_dinas",
        day=dt.date(2026, 3, 16),
        context=required_only("nota_dinas"),
        signers=[Signer(head, "kepala_dinas")],
        sign_now=True,
    )
    monkeypatch.undo()
    assert stored.document is not None
    return stored.document


def enqueue_in_database(document: Document) -> DBTaskResult:
    result: Any = DatabaseBackend(alias="default", params={}).enqueue(render_pdf, [document.pk], {})
    return DBTaskResult.objects.get(pk=result.id)


def claim(job: DBTaskResult, worker: str, minutes_ago: float = 0) -> None:
    job.claim(worker)
    DBTaskResult.objects.filter(pk=job.pk).update(
        started_at=job.started_at - dt.timedelta(minutes=minutes_ago)
    )


def fake_soffice(tmp_path: Path, *, blocking: bool) -> Path:
    """A stand-in for LibreOffice: either blocks (forking a grandchild, like soffice.bin) or writes a PDF."""
    script = tmp_path / ("soffice-blocking" if blocking else "soffice-ok")
    if blocking:
        body = """\
            #!/bin/sh
            sleep 300 &
            echo "$(cut -d' ' -f5 /proc/$$/stat)" >> "$FAKE_SOFFICE_MARK"
            sleep 300
            """
    else:
        body = """\
            #!/bin/sh
            for a; do last="$a"; done
            out="$(dirname "$last")/naskah.pdf"
            printf '%%PDF-1.4\\n1 0 obj<<>>endobj\\ntrailer<<>>\\n%%%%EOF\\n' > "$out"
            """
    script.write_text(textwrap.dedent(body))
    script.chmod(0o755)
    return script


# -- recovery on its own (both databases) -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_stuck_job_is_requeued_then_failed_and_the_document_says_so(users, bodies, monkeypatch):
    doc = signed_letter(users, bodies, monkeypatch)
    job = enqueue_in_database(doc)
    claim(job, "worker-a", minutes_ago=30)
    report = recover(stuck_after=600, max_attempts=2)
    job.refresh_from_db()
    assert report.requeued == [str(job.pk)] and job.status == TaskResultStatus.READY
    assert job.started_at is None

    claim(job, "worker-b", minutes_ago=30)
    report = recover(stuck_after=600, max_attempts=2)
    job.refresh_from_db()
    assert report.failed == [str(job.pk)] and job.status == TaskResultStatus.FAILED
    assert job.exception_class_path == LOST_CLASS_PATH and "worker-b" in job.traceback
    doc.refresh_from_db()
    assert doc.render_error == str(rendering.PDF_LOST)
    assert recover(stuck_after=0, max_attempts=2).summary() == "0 diantrekan ulang, 0 ditandai gagal"


@pytest.mark.django_db
def test_a_recent_job_of_a_live_worker_is_left_alone_but_a_dead_workers_is_not(users, bodies, monkeypatch):
    doc = signed_letter(users, bodies, monkeypatch)
    job = enqueue_in_database(doc)
    claim(job, "worker-live")
    assert not recover(stuck_after=600)
    job.refresh_from_db()
    assert job.status == TaskResultStatus.RUNNING
    assert recover(stuck_after=600, dead_workers=["worker-live"]).requeued == [str(job.pk)]


@pytest.mark.django_db
def test_tasks_command_recovers(users, bodies, monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    doc = signed_letter(users, bodies, monkeypatch)
    job = enqueue_in_database(doc)
    claim(job, "worker-x", minutes_ago=60)
    out = StringIO()
    call_command("tasks", "recover", "--max-attempts", "1", stdout=out)
    assert "1 ditandai gagal" in out.getvalue()
    call_command("tasks", "status", stdout=out)
    assert "FAILED: 1" in out.getvalue()


@pytest.mark.django_db
def test_retry_button_requeues_for_officials_who_see_it(client, users, bodies, monkeypatch, tmp_path):
    doc = signed_letter(users, bodies, monkeypatch)
    Document.objects.filter(pk=doc.pk).update(render_error=str(rendering.PDF_LOST))
    monkeypatch.setattr(settings, "TERBUKA_SOFFICE", str(fake_soffice(tmp_path, blocking=False)))
    queued: list[int] = []
    monkeypatch.setattr(services, "_queue_pdf", lambda document: queued.append(document.pk))
    url = f"/kerja/dokumen/kota-serang/naskah/{doc.pk}/"
    retry = f"{url}pdf/coba-lagi/"

    client.force_login(users["petugas.kota-kupang"])  # another body: 404, nothing queued
    assert client.post(retry).status_code == 404
    client.force_login(users["kepala-dinas.kota-serang"])
    page = client.get(url).content.decode()
    assert str(rendering.PDF_LOST).split(";")[0] in page.replace("&quot;", '"')
    assert retry in page and "Coba lagi" in page
    assert client.get(retry).status_code == 405  # POST only
    r = client.post(retry)
    assert r.status_code == 302 and queued == [doc.pk]
    doc.refresh_from_db()
    assert doc.render_error == ""
    event = Event.objects.get(action="document.pdf.retry")
    assert event.actor_id == users["kepala-dinas.kota-serang"].pk and event.old["render_error"]
    client.post(retry)  # nothing failed any more: refused, nothing queued
    assert queued == [doc.pk]


# -- the real thing on PostgreSQL ----------------------------------------------------------------------------


def _until(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _processes_running(needle: str) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if needle in cmdline and state != "Z":
                out.append(int(entry.name))
    return out


def _start_worker(env: dict[str, str], worker_id: str) -> subprocess.Popen[bytes]:
    terbuka = str(Path(sys.executable).parent / "terbuka")
    return subprocess.Popen(
        [terbuka, "db_worker", "--interval", "0.2", "--no-startup-delay", "--worker-id", worker_id, "-v0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.django_db(transaction=True)
def test_kill_9_of_the_worker_during_a_render_on_postgresql(client, users, bodies, monkeypatch, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: on SQLite the test database lives in memory, so no worker process can open it"
        )
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs Linux /proc to check process groups")
    doc = signed_letter(users, bodies, monkeypatch)
    blocking = fake_soffice(tmp_path, blocking=True)
    mark = tmp_path / "groups"
    db = connection.settings_dict
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("TERBUKA_TASKS_IMMEDIATE", "TERBUKA_TESTING")},
        "DATABASE_URL": (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "TERBUKA_SOFFICE": str(blocking),
        "FAKE_SOFFICE_MARK": str(mark),
    }
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    job = enqueue_in_database(doc)
    groups: list[int] = []
    workers: list[subprocess.Popen[bytes]] = []
    try:
        for attempt, worker_id in enumerate(f"kill-{x}-{uuid.uuid4().hex[:8]}" for x in "ab"):
            worker = _start_worker(env, worker_id)
            workers.append(worker)
            # The worker claims the job and LibreOffice (the stand-in) starts in its own process group.
            started = lambda n=attempt: mark.exists() and len(mark.read_text().split()) > n  # noqa: E731
            _until(started, 60, "LibreOffice to start")
            pgid = int(mark.read_text().split()[attempt])
            groups.append(pgid)
            assert pgid != worker.pid and group_alive(pgid)
            job.refresh_from_db()
            assert job.status == TaskResultStatus.RUNNING and job.worker_ids[-1] == worker_id

            os.kill(worker.pid, signal.SIGKILL)
            worker.wait()
            _until(lambda g=pgid: not group_alive(g), 10, "the LibreOffice group to die with its worker")
            job.refresh_from_db()
            assert job.status == TaskResultStatus.RUNNING  # what the library leaves behind

            if attempt == 0:
                # serve's path: it saw this worker exit and names it.
                report = recover(dead_workers=[worker_id], max_attempts=2)
                job.refresh_from_db()
                assert report.requeued == [str(job.pk)] and job.status == TaskResultStatus.READY
            else:
                # the periodic path: running past the timeout.
                report = recover(stuck_after=0, max_attempts=2)
                job.refresh_from_db()
                assert report.failed == [str(job.pk)] and job.status == TaskResultStatus.FAILED
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    assert not any(group_alive(g) for g in groups)
    assert _processes_running(str(blocking)) == [], "a LibreOffice stand-in survived"

    # The document page shows the failure and offers "Coba lagi"; the retry renders the PDF.
    doc.refresh_from_db()
    assert doc.final_pdf is None and doc.render_error == str(rendering.PDF_LOST)
    client.force_login(users["kepala-dinas.kota-serang"])
    url = f"/kerja/dokumen/kota-serang/naskah/{doc.pk}/"
    page = client.get(url).content.decode()
    assert "Coba lagi" in page and f"{url}pdf/coba-lagi/" in page
    monkeypatch.setattr(settings, "TERBUKA_SOFFICE", str(fake_soffice(tmp_path, blocking=False)))
    assert client.post(f"{url}pdf/coba-lagi/").status_code == 302  # the test backend runs the job at once
    doc.refresh_from_db()
    assert doc.render_error == "" and doc.final_pdf is not None
    assert Event.objects.filter(action="document.pdf.retry", object_id=str(doc.pk)).exists()
