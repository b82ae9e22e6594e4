"""The SOP's SLA: closed processes are folded into a tally on the SOP row when they close, open ones are
counted live — the result equals counting every finished task, and the SOP list page runs the same number of
statements however many processes have finished (issue #13)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count, Q

from .. import selectors, services
from ..models import Case, Sop, Task

pytestmark = pytest.mark.django_db

SOURCE = """format: terbuka-sop/1
identitas: {nama: SOP uji SLA}
pelaksana:
  - {kode: petugas, nama: Petugas PLID, peran: petugas}
langkah:
  - {no: 1, kegiatan: Terima, pelaksana: petugas, waktu: 1 hari kerja}
  - {no: 2, kegiatan: Jawab, pelaksana: petugas, waktu: 1 hari kerja}
"""


@pytest.fixture
def sop(bodies) -> Sop:
    return services.sop_adopt(
        actor=None, body=bodies["kota-serang"], slug="sla", source=SOURCE, filename="sla.yaml"
    ).sop


def _walk(sop: Sop, actor, title: str, steps: int, late: bool = False) -> Case:
    start = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)
    case = services.case_start(actor=actor, sop=sop, title=title, now=start)
    for n in range(steps):
        task = case.tasks.get(status=Task.Status.OPEN)
        when = start + (dt.timedelta(days=10 * (n + 1)) if late else dt.timedelta(hours=n + 1))
        services.task_complete(actor=actor, task=task.pk, now=when)
    return case


def _brute_force(sop: Sop) -> tuple[int, int, int, int]:
    done = Task.objects.filter(case__sop_version__sop=sop, on_time__isnull=False).aggregate(
        n=Count("pk"), ok=Count("pk", filter=Q(on_time=True))
    )
    cases = Case.objects.filter(sop_version__sop=sop)
    return done["n"], done["ok"], cases.filter(status="open").count(), cases.filter(status="done").count()


def test_tally_plus_live_count_equals_counting_every_task(sop, users):
    actor = users["petugas.kota-serang"]
    _walk(sop, actor, "selesai", 2)
    _walk(sop, actor, "selesai terlambat", 2, late=True)
    cancelled = _walk(sop, actor, "batal", 1)
    services.case_cancel(actor=users["ppid.kota-serang"], case=cancelled, reason="uji")
    _walk(sop, actor, "berjalan", 1)
    sop.refresh_from_db()
    assert sop.sla_cases_done == 2 and sop.sla_steps_done == 5  # 2 + 2 + the cancelled case's one step
    sla = selectors.sop_sla(sop)
    assert (sla.steps_done, sla.on_time, sla.cases_open, sla.cases_done) == _brute_force(sop)
    assert sla.on_time < sla.steps_done  # the late case counts against it


def test_sop_list_runs_the_same_statements_however_many_processes_finished(client, sop, users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(users["ppid.kota-serang"])
    url = "/kerja/sop/badan/kota-serang/"
    _walk(sop, users["petugas.kota-serang"], "satu", 2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for i in range(4):
        _walk(sop, users["petugas.kota-serang"], f"lagi {i}", 2)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few) > 0
