"""Numbers: patterns, sequence per (body, kind, unit, year), no gaps on rollback, parallel allocation."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from terbuka.documents import numbering, services

DAY = dt.date(2026, 3, 16)


@pytest.mark.django_db
def test_sequence_per_body_kind_unit_and_year(users, bodies):
    body = bodies["kota-serang"]
    dinkes, disdik = body.units.get(slug="dinkes"), body.units.get(slug="disdik")

    def nxt(kind="surat_dinas", unit=dinkes, day=DAY, b=body):
        with transaction.atomic():
            return numbering.allocate(body=b, kind=kind, day=day, unit=unit)

    assert nxt().text == f"400.14/1/{dinkes.code}/III/2026"
    assert nxt().sequence == 2
    assert nxt(unit=disdik).sequence == 1
    assert nxt(kind="nota_dinas").sequence == 1
    assert nxt(day=dt.date(2027, 1, 5)).text == f"400.14/1/{dinkes.code}/I/2027"
    assert nxt(b=bodies["kota-kupang"], unit=None).text == "400.14/1/III/2026"
    assert numbering.preview(body=body, kind="surat_dinas", day=DAY, unit=dinkes).split("/")[1] == "3"


@pytest.mark.django_db
def test_rollback_leaves_no_gap(bodies):
    body = bodies["kota-serang"]
    with pytest.raises(RuntimeError), transaction.atomic():
        numbering.allocate(body=body, kind="surat_dinas", day=DAY)
        raise RuntimeError("the letter failed to save")
    with transaction.atomic():
        assert numbering.allocate(body=body, kind="surat_dinas", day=DAY).sequence == 1


@pytest.mark.django_db
def test_body_pattern(users, bodies):
    body = bodies["kota-serang"]
    services.pattern_set(
        actor=users["admin.kota-serang"],
        body=body,
        kind="nota_dinas",
        pattern="ND/{nomor3}/{unit}/{tahun}",
        klasifikasi="000.1",
    )
    with transaction.atomic():
        n = numbering.allocate(body=body, kind="nota_dinas", day=DAY, unit=body.units.get(slug="dinkes"))
    assert n.text == f"ND/001/{body.units.get(slug='dinkes').code}/2026"
    with pytest.raises(ValidationError) as err:
        services.pattern_set(
            actor=users["admin.kota-serang"], body=body, kind="nota_dinas", pattern="{kode}/{nomor}/{bulanan}"
        )
    assert "{kode}" in str(err.value) and "{bulanan}" in str(err.value)
    with pytest.raises(ValidationError, match="nomor"):
        numbering.validate_pattern("{klasifikasi}/{tahun}")


@pytest.mark.django_db(transaction=True)
def test_allocate_outside_transaction_refused(bodies):
    with pytest.raises(RuntimeError):
        numbering.allocate(body=bodies["kota-serang"], kind="surat_dinas", day=DAY)


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_allocations_on_postgresql(bodies):
    if connection.vendor != "postgresql":
        pytest.skip(
            "Row locks (SELECT … FOR UPDATE) need PostgreSQL; SQLite serialises writers anyway. "
            "Run with DATABASE_URL=postgres://… to exercise this test."
        )
    body = bodies["kota-serang"]
    results: list[int] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(20)
    lock = threading.Lock()

    def worker() -> None:
        from django.db import connections

        try:
            barrier.wait()
            with transaction.atomic():
                n = numbering.allocate(body=body, kind="surat_dinas", day=DAY)
            with lock:
                results.append(n.sequence)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(results) == list(range(1, 21))
