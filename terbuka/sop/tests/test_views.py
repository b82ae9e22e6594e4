"""The SOP workspace and public pages: inbox, task form, case page, overdue, upload, tenancy."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from terbuka.core.workdays import calendar_for

from .. import services
from ..models import Reminder, Sop, Task
from ..reminders import send_reminders
from .engine_kit import open_tasks, pdf
from .test_engine import SOURCE


@pytest.fixture
def sop(bodies) -> Sop:
    return services.sop_adopt(
        actor=None, body=bodies["kota-serang"], slug="uji", source=SOURCE, filename="uji.yaml"
    ).sop


def login(client, users, name):
    client.force_login(users[name])
    return client


def test_inbox_lists_my_tasks_with_due_date_and_overdue_in_red(client, sop, users, bodies):
    long_ago = timezone.now() - dt.timedelta(days=30)
    old = services.case_start(actor=users["petugas.kota-serang"], sop=sop, title="Proses lama", now=long_ago)
    fresh = services.case_start(actor=users["petugas.kota-serang"], sop=sop, title="Proses baru")
    login(client, users, "petugas.kota-serang")
    html = client.get("/kerja/sop/tugas/").content.decode()
    assert "Proses lama" in html and "Proses baru" in html
    old_task, fresh_task = open_tasks(old)[0], open_tasks(fresh)[0]
    assert f'data-due="{old_task.due_date:%Y-%m-%d}"' in html
    assert html.count('class="overdue"') == 1
    assert html.index("Proses lama") < html.index("Proses baru")  # ordered by due date
    assert fresh_task.due_date >= calendar_for(bodies["kota-serang"]).add(timezone.localdate(), 0)
    # someone without the role sees none of it
    login(client, users, "kabag-hukum.kota-serang")
    assert "Proses lama" not in client.get("/kerja/sop/tugas/").content.decode()


def test_inbox_filter_by_sop(client, sop, users, bodies):
    other = services.sop_adopt(
        actor=None,
        body=bodies["kota-serang"],
        slug="lain",
        source=SOURCE.replace("Uji mesin SOP", "SOP lain"),
        filename="lain.yaml",
    ).sop
    services.case_start(actor=users["petugas.kota-serang"], sop=sop, title="Proses A")
    services.case_start(actor=users["petugas.kota-serang"], sop=other, title="Proses B")
    login(client, users, "petugas.kota-serang")
    html = client.get(f"/kerja/sop/tugas/?sop={other.pk}", headers={"HX-Request": "true"}).content.decode()
    assert "Proses B" in html and "Proses A" not in html
    assert "<html" not in html  # htmx gets only the rows


def test_complete_task_through_the_form(client, sop, users):
    case = services.case_start(actor=users["petugas.kota-serang"], sop=sop, title="Lewat formulir")
    task = open_tasks(case)[0]
    login(client, users, "petugas.kota-serang")
    page = client.get(f"/kerja/sop/tugas/{task.pk}/").content.decode()
    assert "Kelengkapan (bila ada): Nota dinas" in page and "Output: Surat permintaan usulan" in page
    # missing output: the error is shown, nothing changes
    r = client.post(f"/kerja/sop/tugas/{task.pk}/selesai/", {"bahan_0": pdf(), "note": "x"})
    assert r.status_code == 400
    assert "Output wajib dilampirkan: Surat permintaan usulan." in r.content.decode()
    r = client.post(
        f"/kerja/sop/tugas/{task.pk}/selesai/", {"bahan_0": pdf(), "output_0": pdf(), "note": "beres"}
    )
    assert r.status_code == 302 and r["Location"] == f"/kerja/sop/proses/{case.pk}/"
    task.refresh_from_db()
    assert task.status == Task.Status.DONE and task.note == "beres"
    case_page = client.get(f"/kerja/sop/proses/{case.pk}/").content.decode()
    assert "Tugas diselesaikan" in case_page and "Surat permintaan usulan" in case_page


def test_decision_radio_and_wrong_role_cannot_submit(client, sop, users):
    case = services.case_start(actor=users["petugas.kota-serang"], sop=sop, title="Keputusan")
    from .engine_kit import complete

    while open_tasks(case)[0].step_no != 3:
        complete(open_tasks(case)[0])
    task = open_tasks(case)[0]
    login(client, users, "ppid.kota-serang")
    page = client.get(f"/kerja/sop/tugas/{task.pk}/").content.decode()
    assert "Usulan lengkap?" in page and 'type="radio"' in page
    r = client.post(f"/kerja/sop/tugas/{task.pk}/selesai/", {"note": ""})
    assert "Pilih Ya atau Tidak." in r.content.decode()
    login(client, users, "petugas.kota-serang")
    r = client.post(f"/kerja/sop/tugas/{task.pk}/selesai/", {"decision": "ya"})
    assert "hanya dapat dikerjakan oleh PPID" in r.content.decode()
    login(client, users, "ppid.kota-serang")
    r = client.post(f"/kerja/sop/tugas/{task.pk}/selesai/", {"decision": "tidak", "note": "kurang"})
    assert r.status_code == 302
    assert open_tasks(case)[0].step_no == 1


def test_other_body_gets_404(client, sop, users):
    case = services.case_start(actor=users["petugas.kota-serang"], sop=sop, title="Rahasia")
    task = open_tasks(case)[0]
    login(client, users, "ppid.kota-kupang")
    for url in [
        f"/kerja/sop/proses/{case.pk}/",
        f"/kerja/sop/tugas/{task.pk}/",
        "/kerja/sop/badan/kota-serang/",
        "/kerja/sop/badan/kota-serang/uji/",
        "/kerja/sop/badan/kota-serang/terlambat/",
        "/kerja/sop/badan/kota-serang/unggah/",
    ]:
        assert client.get(url).status_code == 404, url
    for url in [f"/kerja/sop/tugas/{task.pk}/selesai/", f"/kerja/sop/proses/{case.pk}/batal/"]:
        assert client.post(url, {"reason": "x"}).status_code == 404, url
    task.refresh_from_db()
    assert task.status == Task.Status.OPEN


def test_overdue_list_for_ppid(client, sop, users):
    services.case_start(
        actor=users["petugas.kota-serang"],
        sop=sop,
        title="Terlambat sekali",
        now=timezone.now() - dt.timedelta(days=20),
    )
    services.case_start(actor=users["petugas.kota-serang"], sop=sop, title="Masih ada waktu")
    login(client, users, "ppid.kota-serang")
    html = client.get("/kerja/sop/badan/kota-serang/terlambat/").content.decode()
    assert "Terlambat sekali" in html and "Masih ada waktu" not in html
    login(client, users, "petugas.kota-serang")
    assert client.get("/kerja/sop/badan/kota-serang/terlambat/").status_code == 404


def test_upload_shows_errors_line_by_line_and_only_for_ppid(client, users):
    broken = SOURCE.replace("    waktu: 1 hari\n", "    waktu: sebentar\n", 1).replace(
        "pelaksana: ppid\n", "pelaksana: siapa\n"
    )
    url = "/kerja/sop/badan/kota-serang/unggah/"
    login(client, users, "petugas.kota-serang")
    assert client.get(url).status_code == 403
    login(client, users, "ppid.kota-serang")
    r = client.post(url, {"slug": "rusak", "file": SimpleUploadedFile("rusak.yaml", broken.encode())})
    html = r.content.decode()
    assert r.status_code == 400 and "Berkas SOP belum benar" in html
    assert "rusak.yaml:" in html and "sebentar" in html and "siapa" in html
    assert not Sop.objects.filter(slug="rusak").exists()
    r = client.post(url, {"slug": "baru", "file": SimpleUploadedFile("baru.yaml", SOURCE.encode())})
    assert r.status_code == 302
    # a draft until the PPID approves it: not public, starts nothing
    sop = Sop.objects.get(slug="baru")
    assert sop.current_version is None
    assert client.get("/badan/kota-serang/sop/baru/").status_code == 404
    detail = client.get(r["Location"]).content.decode()
    assert "menunggu persetujuan" in detail.lower()
    login(client, users, "petugas.kota-serang")
    decide = "/kerja/sop/badan/kota-serang/baru/versi/1/putuskan/"
    assert client.post(decide, {"keputusan": "setujui"}).status_code == 403
    login(client, users, "ppid.kota-serang")
    client.post(decide, {"keputusan": "setujui"})
    sop.refresh_from_db()
    assert sop.current_version.number == 1
    assert client.get("/badan/kota-serang/sop/baru/").status_code == 200


def test_sop_page_shows_sla(client, sop, users):
    case = services.case_start(actor=users["petugas.kota-serang"], sop=sop, title="SLA")
    from .engine_kit import complete

    complete(open_tasks(case)[0])
    login(client, users, "kabag-hukum.kota-serang")
    html = client.get("/kerja/sop/badan/kota-serang/uji/").content.decode()
    assert "100% (1 dari 1)" in html


def test_public_pages_list_current_sops_with_matrix_and_pdf(client, sop, bodies):
    html = client.get("/badan/kota-serang/sop/").content.decode()
    assert "Uji mesin SOP" in html
    detail = client.get("/badan/kota-serang/sop/uji/").content.decode()
    assert "Menyurati seluruh PPID Pembantu" in detail and "Petugas PLID" in detail
    r = client.get("/badan/kota-serang/sop/uji/matriks.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
    assert client.get("/badan/kota-kupang/sop/uji/").status_code == 404


def test_reminders_are_sent_once(sop, users, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for u in ("petugas.kota-serang",):
        users[u].email = f"{u}@example.test"
        users[u].save()
    monday = dt.datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    case = services.case_start(
        actor=users["petugas.kota-serang"], sop=sop, title="Pengingat", now=monday - dt.timedelta(days=20)
    )
    services.case_start(actor=users["petugas.kota-serang"], sop=sop, title="Segera", now=monday)
    later = monday + dt.timedelta(hours=1)
    first = send_reminders(now=later)
    assert first["overdue"] == 1 and first["due_soon"] == 1
    assert len(mail.outbox) == 2
    assert any("Terlambat: Pengingat" in m.subject for m in mail.outbox)
    again = send_reminders(now=later + dt.timedelta(hours=2))
    assert again["overdue"] == 0 and again["due_soon"] == 0 and len(mail.outbox) == 2
    assert Reminder.objects.filter(task__case=case).count() == 1


def test_only_the_first_lane_may_start_a_process(client, users, bodies):
    """Kupang's first step is the Petugas PLID's: the PPID is neither offered nor allowed the start."""
    from .. import demo as sop_demo

    sop_demo.adopt_all()
    detail = "/kerja/sop/badan/kota-kupang/usulan-dik/"
    client.force_login(users["petugas.kota-kupang"])
    assert "Mulai proses" in client.get(detail).content.decode()
    client.force_login(users["ppid.kota-kupang"])
    assert "Mulai proses" not in client.get(detail).content.decode()
    assert client.get(detail + "mulai/").status_code == 403


def test_dashboard_for_the_atasan_ppid_shows_late_work_and_nearest_clocks(client, sop, users, bodies):
    import datetime as dt

    case = services.case_start(
        actor=users["petugas.kota-serang"],
        sop=sop,
        title="Lama",
        now=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC),
    )
    from terbuka.core import clocks

    clocks.clock_start(actor=None, body=bodies["kota-serang"], owner=case, code="pemberitahuan_tertulis")
    login(client, users, "atasan-ppid.kota-serang")
    page = client.get("/kerja/sop/badan/kota-serang/dasbor/").content.decode()
    assert 'data-testid="late">1<' in page and "Lama" in page
    assert "Pemberitahuan tertulis kepada pemohon" in page
    login(client, users, "ppid-pembantu.dinkes.kota-serang")
    assert client.get("/kerja/sop/badan/kota-serang/dasbor/").status_code == 404
