"""Two people complete the same task at the same moment: exactly one succeeds (PostgreSQL row lock)."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from terbuka.core.models import Event, User
from terbuka.core.tests import factories

from .. import services
from ..engine import ENGINE
from ..models import Task
from .engine_kit import pdf
from .test_engine import SOURCE


@pytest.mark.postgresql(reason="SELECT … FOR UPDATE; SQLite serialises writers, no row lock to test")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_completions_exactly_one_succeeds(users, bodies):
    body = bodies["kota-serang"]
    sop = services.sop_adopt(actor=None, body=body, slug="uji", source=SOURCE, filename="uji.yaml").sop
    first = users["petugas.kota-serang"]
    second = factories.official(body, "petugas", title="PLID 2")
    case = services.case_start(actor=first, sop=sop, title="Balapan")
    task = case.tasks.get()
    barrier = threading.Barrier(2)
    results: list[str] = []
    lock = threading.Lock()

    def run(user_id: int) -> None:
        try:
            user = User.objects.get(pk=user_id)
            files = [("Nota dinas", pdf()), ("Surat permintaan usulan", pdf())]
            barrier.wait(timeout=10)
            services.task_complete(actor=user, task=task.pk, files=files)
            outcome = "ok"
        except ValidationError as exc:
            outcome = "refused: " + " ".join(exc.messages)
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run, args=(u.pk,)) for u in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(r.split(":")[0] for r in results) == ["ok", "refused"], results
    refused = next(r for r in results if r.startswith("refused"))
    assert "sudah diselesaikan oleh" in refused
    task.refresh_from_db()
    assert task.status == Task.Status.DONE
    assert Event.objects.filter(action="sop.task.complete", object_id=str(task.pk)).count() == 1
    # the next step opened once per unit, not twice
    assert case.tasks.filter(step_no=2).count() == len(ENGINE.fanout_units(body, "ppid_pembantu"))
