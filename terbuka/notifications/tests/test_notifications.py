"""Notifications from the timeline: a task landing in someone's lane, a letter waiting for their paraf
or signature, a draft sent back to its drafter, a process finished; e-mail per event with retries, or a
daily digest."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from terbuka.core import scheduler
from terbuka.documents import services as documents
from terbuka.notifications.collect import collect
from terbuka.notifications.models import Notification, Preference
from terbuka.sop import services
from terbuka.sop.demo import adopt_all
from terbuka.sop.models import Sop
from terbuka.sop.tests.engine_kit import complete, draft, open_tasks


@pytest.fixture
def kupang_case(users):
    adopt_all()
    sop = Sop.objects.get(body__slug="kota-kupang", slug="usulan-dik")
    return services.case_start(actor=users["petugas.kota-kupang"], sop=sop, title="Usulan DIK 2026")


def kinds(user) -> list[str]:
    return list(Notification.objects.filter(user=user).order_by("pk").values_list("kind", flat=True))


def test_task_signoff_return_and_finish_reach_the_people_concerned(client, users, kupang_case, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    petugas, kadis = users["petugas.kota-kupang"], users["kepala-dinas.kota-kupang"]
    case = kupang_case
    complete(open_tasks(case)[0])  # step 1
    [drafting] = open_tasks(case)
    doc = draft(drafting, petugas)
    services.task_complete(actor=petugas, task=drafting)
    collect()
    assert "paraf" in kinds(kadis)  # the letter waits for the Kepala Dinas's signature
    waiting = Notification.objects.get(user=kadis, kind="paraf")
    assert waiting.url == f"/kerja/sop/tugas/{open_tasks(case)[0].pk}/"
    documents.document_return(actor=kadis, document=doc, note="Lampirkan formulir")
    collect()
    returned = Notification.objects.get(user=petugas, kind="dikembalikan")
    assert returned.text == "Lampirkan formulir"
    collect()  # idempotent: nothing twice
    assert Notification.objects.filter(user=petugas, kind="dikembalikan").count() == 1
    # in-app: unread count, opening marks read, another user's row is not visible
    client.force_login(petugas)
    page = client.get("/kerja/notifikasi/").content.decode()
    assert "Naskah dikembalikan kepada Anda" in page
    r = client.get(f"/kerja/notifikasi/{returned.pk}/")
    assert r.status_code == 302 and r["Location"] == returned.url
    returned.refresh_from_db()
    assert returned.read_at is not None
    assert client.get(f"/kerja/notifikasi/{waiting.pk}/").status_code == 404
    # e-mail per event, sent by the scheduled job
    run = scheduler.run_job(scheduler.JOBS["notifications.email"])
    assert run.ok
    subjects = [m.subject for m in mail.outbox]
    assert any("Menunggu paraf/tanda tangan Anda" in s for s in subjects)
    assert all(m.to for m in mail.outbox)


def test_failed_mail_is_retried_with_backoff(users, kupang_case, settings, monkeypatch):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    complete(open_tasks(kupang_case)[0])
    collect()
    row = Notification.objects.filter(user__email__gt="").first()
    assert row is not None
    from terbuka.notifications import jobs

    def down(*args, **kwargs):
        raise OSError("SMTP tidak menjawab")

    monkeypatch.setattr(jobs, "send_mail", down)
    now = dt.datetime.now(dt.UTC)
    jobs.email_job(now)
    row.refresh_from_db()
    assert (row.emailed_at, row.email_attempts) == (None, 1) and "SMTP" in row.email_error
    jobs.email_job(now)  # not yet: backing off
    row.refresh_from_db()
    assert row.email_attempts == 1
    monkeypatch.undo()
    jobs.email_job(now + dt.timedelta(minutes=5))
    row.refresh_from_db()
    assert row.emailed_at is not None and row.email_error == ""


def test_daily_digest_instead_of_one_mail_each(users, kupang_case, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from terbuka.notifications import jobs

    petugas = users["petugas.kota-kupang"]
    Preference.objects.create(user=petugas, email=Preference.Email.DAILY)
    complete(open_tasks(kupang_case)[0])
    collect()
    jobs.email_job(dt.datetime.now(dt.UTC))
    assert not any(petugas.email in m.to for m in mail.outbox)
    morning = dt.datetime(2030, 1, 2, 1, 30, tzinfo=dt.UTC)  # 08:30 WIB
    jobs.digest_job(morning)
    digests = [m for m in mail.outbox if petugas.email in m.to]
    assert len(digests) == 1 and "Ringkasan pemberitahuan" in digests[0].subject
    jobs.digest_job(morning + dt.timedelta(hours=2))  # once a day
    assert len([m for m in mail.outbox if petugas.email in m.to]) == 1
