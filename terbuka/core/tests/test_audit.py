"""The audit chain: every service write is an event; tampering is detected (issue #2 item 7)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from terbuka.core import audit, services
from terbuka.core.models import Event, Unit


def test_services_write_events_with_old_and_new_values(bodies, users):
    body = bodies["kota-serang"]
    actor = users["admin.kota-serang"]
    services.body_update(actor=actor, body=body, phone="(0254) 111")
    ev = Event.objects.filter(body=body).order_by("-seq").first()
    assert ev.action == "body.update" and ev.actor == actor
    assert ev.new == {"phone": "(0254) 111"} and ev.old == {"phone": "(0254) 200001"}


def test_a_change_with_no_difference_writes_nothing(bodies, users):
    body = bodies["kota-serang"]
    before = Event.objects.count()
    services.body_update(actor=users["admin.kota-serang"], body=body, phone=body.phone)
    assert Event.objects.count() == before


def test_chain_verifies(demo):
    checked, breaks = audit.verify()
    assert checked == Event.objects.count() > 100 and breaks == []
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert out.getvalue().startswith("UTUH")


def test_each_body_has_its_own_chain_numbered_from_one(bodies):
    for body in bodies.values():
        seqs = list(Event.objects.filter(chain=audit.chain_of(body)).values_list("seq", flat=True))
        assert seqs == list(range(1, len(seqs) + 1))


def test_tampered_row_is_detected_and_named(bodies, users):
    body = bodies["kota-kupang"]
    unit = Unit.objects.get(body=body, slug="dinkes")
    services.unit_update(actor=users["admin.kota-kupang"], unit=unit, name="Dinas Kesehatan Kota Kupang")
    target = Event.objects.filter(body=body, action="unit.update").get()
    with connection.cursor() as cur:  # an attacker edits the row directly in the database
        cur.execute("UPDATE core_event SET object_repr = %s WHERE id = %s", ["Dinas Palsu", target.pk])
    _, breaks = audit.verify()
    assert len(breaks) == 1
    assert breaks[0].chain == audit.chain_of(body) and breaks[0].seq == target.seq
    assert "hash tidak cocok" in breaks[0].problem
    err = StringIO()
    with pytest.raises(CommandError, match="1 rantai rusak"):
        call_command("audit", "verify", stderr=err)
    assert f"peristiwa #{target.seq}" in err.getvalue()


def test_deleted_row_is_detected(bodies):
    body = bodies["kota-bontang"]
    middle = Event.objects.filter(body=body).order_by("seq")[3]
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_event WHERE id = %s", [middle.pk])
    _, breaks = audit.verify(audit.chain_of(body))
    assert breaks[0].seq == middle.seq + 1 and "hilang" in breaks[0].problem


def test_deleted_last_row_is_detected(bodies):
    body = bodies["kota-bontang"]
    last = Event.objects.filter(body=body).order_by("-seq").first()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_event WHERE id = %s", [last.pk])
    _, breaks = audit.verify(audit.chain_of(body))
    assert "terakhir hilang" in breaks[0].problem


def test_orm_refuses_bulk_update_and_delete(demo):
    with pytest.raises(PermissionError):
        Event.objects.all().update(action="x")
    with pytest.raises(PermissionError):
        Event.objects.all().delete()
