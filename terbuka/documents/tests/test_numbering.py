"""Numbers: patterns, sequence per (body, kind, unit, year), no gaps on rollback, parallel allocation."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

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
    # nota dinas prints the same pattern and klasifikasi as surat dinas: one counter, so never the same number
    assert nxt(kind="nota_dinas").sequence == 3
    assert nxt(day=dt.date(2027, 1, 5)).text == f"400.14/1/{dinkes.code}/I/2027"
    assert nxt(b=bodies["kota-kupang"], unit=None).text == "400.14/1/III/2026"
    assert numbering.preview(body=body, kind="surat_dinas", day=DAY, unit=dinkes).split("/")[1] == "4"


@pytest.mark.django_db
def test_pattern_without_unit_counts_per_body_and_db_refuses_duplicates(users, bodies):
    from django.db import IntegrityError

    from terbuka.documents.models import Document

    body = bodies["kota-serang"]
    dinkes, disdik = body.units.get(slug="dinkes"), body.units.get(slug="disdik")
    services.pattern_set(
        actor=users["ppid.kota-serang"],
        body=body,
        kind="surat_dinas",
        pattern="{klasifikasi}/{nomor}/{tahun}",
    )
    with transaction.atomic():
        a = numbering.allocate(body=body, kind="surat_dinas", day=DAY, unit=dinkes)
        b = numbering.allocate(body=body, kind="surat_dinas", day=DAY, unit=disdik)
    assert (a.text, b.text) == ("400.14/1/2026", "400.14/2/2026")
    Document.objects.create(body=body, kind="surat_dinas", number=a.text, date=DAY, status="final")
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(body=body, kind="nota_dinas", number=a.text, date=DAY, status="final")
    Document.objects.create(body=body, kind="nota_dinas", date=DAY)  # drafts have no number yet
    Document.objects.create(body=body, kind="nota_dinas", date=DAY)
    with pytest.raises(ValidationError, match="tahun"):
        numbering.validate_pattern("{klasifikasi}/{nomor}/{unit}")


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


@pytest.mark.postgresql(reason="row locks (SELECT … FOR UPDATE); SQLite serialises writers anyway")
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_allocations_on_postgresql(bodies):
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


@pytest.mark.django_db
def test_draft_preview_and_final_number_share_one_format(users, bodies):
    body = bodies["kota-kupang"]
    services.pattern_set(
        actor=users["ppid.kota-kupang"],
        body=body,
        kind="nota_dinas",
        pattern="{klasifikasi}/{nomor}/{unit}/{unit}-/{tahun}",
    )
    assert numbering.draft_number(body=body, kind="nota_dinas", day=DAY) == "400.14/……/2026"
    assert numbering.preview(body=body, kind="nota_dinas", day=DAY) == "400.14/1/2026"
    with transaction.atomic():
        assert numbering.allocate(body=body, kind="nota_dinas", day=DAY).text == "400.14/1/2026"
