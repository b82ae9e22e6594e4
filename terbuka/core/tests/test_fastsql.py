"""fastsql writes and reads rows exactly as the ORM does (JSON, time zones, booleans, nulls), on both
databases — the hot path of a completion depends on it (issue #13)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from terbuka.core import fastsql
from terbuka.core.models import Event
from terbuka.sop.models import Task

pytestmark = pytest.mark.django_db


def _event(**kw) -> Event:
    return Event(
        chain="uji:fastsql",
        seq=kw.pop("seq", 1),
        action="uji.fastsql",
        old={"a": [1, "dua", None]},
        new={"ü": {"nested": True}},
        note="catatan",
        created_at=dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC),
        prev_hash="0" * 64,
        hash="f" * 64,
        **kw,
    )


def test_insert_sets_the_key_and_the_orm_reads_back_the_same_values():
    event = fastsql.insert(_event())
    assert event.pk is not None and not event._state.adding
    stored = Event.objects.get(pk=event.pk)
    assert (stored.old, stored.new, stored.created_at, stored.note) == (
        {"a": [1, "dua", None]},
        {"ü": {"nested": True}},
        dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC),
        "catatan",
    )


def test_insert_many_writes_every_row():
    fastsql.insert_many([_event(seq=n) for n in (1, 2, 3)])
    assert list(Event.objects.filter(chain="uji:fastsql").order_by("seq").values_list("seq", flat=True)) == [
        1,
        2,
        3,
    ]


def test_update_changes_only_the_named_fields():
    event = fastsql.insert(_event())
    event.note, event.action = "baru", "tidak.ikut"
    fastsql.update(event, ["note"])
    stored = Event.objects.get(pk=event.pk)
    assert (stored.note, stored.action) == ("baru", "uji.fastsql")


SOP = """format: terbuka-sop/1
identitas: {nama: SOP uji fastsql}
pelaksana:
  - {kode: petugas, nama: Petugas PLID, peran: petugas}
langkah:
  - {no: 1, kegiatan: Catat, pelaksana: petugas, waktu: 1 hari kerja}
"""


def test_from_row_converts_like_the_orm(bodies, users):
    from terbuka.sop import services

    sop = services.sop_adopt(
        actor=None, body=bodies["kota-serang"], slug="fastsql", source=SOP, filename="f.yaml"
    )
    case = services.case_start(actor=users["petugas.kota-serang"], sop=sop.sop, title="fastsql")
    task = case.tasks.get()
    Task.objects.filter(pk=task.pk).update(data={"baris": [{"x": 1}]}, decision=False, on_time=True)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {fastsql.select_list(Task, 't')} FROM sop_task t WHERE t.id = %s", [task.pk])
        row = cursor.fetchone()
    fast = fastsql.from_row(Task, row, 0)
    orm = Task.objects.get(pk=task.pk)
    for field in Task._meta.concrete_fields:
        assert getattr(fast, field.attname) == getattr(orm, field.attname), field.name
    assert fast.data == {"baris": [{"x": 1}]} and fast.decision is False and fast.on_time is True
    assert timezone.is_aware(fast.opened_at)


def test_for_update_only_where_the_database_locks_rows():
    assert ("FOR UPDATE" in fastsql.for_update("t")) == connection.features.has_select_for_update
