"""Concurrent writers never fork a body's audit chain (PostgreSQL: real row locks between connections)."""

import threading

import pytest
from django.db import connections, transaction

from terbuka.core import audit, services
from terbuka.core.models import Event


@pytest.mark.postgresql(reason="SQLite serialises every writer, so there is no race to test")
@pytest.mark.django_db(transaction=True)
def test_parallel_writers_keep_one_unbroken_chain():
    body = services.body_create(actor=None, slug="paralel", name="Badan Paralel", kind="kota")
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def writer(i: int) -> None:
        try:
            barrier.wait()
            for j in range(10):
                # Straight to the chain, with no other row lock that would serialise the writers first.
                with transaction.atomic():
                    audit.record(actor=None, body=body, action="test.write", new={"writer": i, "n": j})
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    seqs = list(
        Event.objects.filter(chain=audit.chain_of(body)).values_list("seq", flat=True).order_by("seq")
    )
    assert seqs == list(range(1, 82))  # body.create + 80 writes, no gap, no duplicate
    assert audit.verify(audit.chain_of(body)) == (81, [])
