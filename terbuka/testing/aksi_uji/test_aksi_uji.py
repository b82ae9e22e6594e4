"""A domain action registered by an app outside the engine, with parameters and typed input, completed
through the web form and through the API; its statutory clock (10 working days, one extension of at most 7
with reasons, a pause); and the undo when the task is returned."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from terbuka.core import clocks
from terbuka.core.models import Event
from terbuka.core.workdays import calendar_for, received_on
from terbuka.sop import services
from terbuka.sop.loader import SopFileError, load_definition
from terbuka.sop.models import Case, StepOutput, Task

from . import actions as plugged

SOURCE = """\
format: terbuka-sop/1
identitas: {nama: Permohonan uji}
pelaksana:
  - {kode: petugas, nama: Petugas, peran: petugas}
  - {kode: ppid, nama: PPID, peran: ppid}
langkah:
  - no: 1
    kegiatan: Menghitung berkas permohonan
    pelaksana: petugas
    waktu: 2 hari kerja
    output: Rekap jumlah berkas
    aksi: {nama: catat_jumlah, satuan: berkas, minimum: 2}
  - no: 2
    kegiatan: Memeriksa rekap
    pelaksana: ppid
    jenis: keputusan
    pertanyaan: Rekap benar?
    ya: selesai
    tidak: 1
    kelengkapan: Rekap jumlah berkas
"""

WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def sop(bodies):
    plugged.LOG.clear()
    return services.sop_adopt(
        actor=None, body=bodies["kota-serang"], slug="uji-aksi", source=SOURCE, filename="uji.yaml"
    ).sop


def start(sop, users, now=None):
    return services.case_start(actor=users["petugas.kota-serang"], sop=sop, title="Permohonan 1", now=now)


def test_parameters_are_checked_when_the_file_loads():
    from terbuka.sop import actions

    bad = SOURCE.replace("satuan: berkas, minimum: 2", "minimum: dua, warna: merah")
    with pytest.raises(SopFileError) as err:
        load_definition(bad, "uji.yaml", actions=actions.known)
    lines = [str(p) for p in err.value.problems]
    assert any("uji.yaml:12: langkah[no=1].aksi.warna: parameter tidak dikenal" in x for x in lines), lines
    assert any(
        "uji.yaml:12: langkah[no=1].aksi.satuan: parameter aksi 'catat_jumlah' wajib" in x for x in lines
    )
    assert any("langkah[no=1].aksi.minimum: parameter aksi 'catat_jumlah' tidak sah" in x for x in lines)
    # a pinned version written with the action's old name still loads
    old = load_definition(
        SOURCE.replace("nama: catat_jumlah", "nama: hitung_jumlah"), "v1.yaml", actions.known
    )
    assert old.step(1).action_name == "hitung_jumlah"


def test_completed_through_the_web_form_with_the_actions_own_rules(client, sop, users):
    case = start(sop, users)
    [task] = case.tasks.all()
    client.force_login(users["petugas.kota-serang"])
    page = client.get(f"/kerja/sop/tugas/{task.pk}/").content.decode()
    assert "Catat jumlah" in page and "Satuan: berkas" in page
    assert 'name="aksi-jumlah"' in page and 'name="aksi-keterangan"' in page
    # the action owns its output: no upload is asked for it
    assert "Output: Rekap jumlah berkas" not in page
    url = f"/kerja/sop/tugas/{task.pk}/selesai/"
    r = client.post(url, {"aksi-jumlah": "satu"})
    assert r.status_code == 400
    r = client.post(url, {"aksi-jumlah": "1"})
    assert r.status_code == 400 and "Jumlah paling sedikit 2 berkas." in r.content.decode()
    task.refresh_from_db()
    assert task.status == Task.Status.OPEN and not StepOutput.objects.filter(task=task).exists()
    r = client.post(url, {"aksi-jumlah": "3", "aksi-keterangan": "lengkap"})
    assert r.status_code == 302
    task.refresh_from_db()
    assert task.status == Task.Status.DONE
    assert task.data == {"jumlah": 3, "keterangan": "lengkap"}
    out = StepOutput.objects.get(task=task)
    assert (out.name, out.summary) == ("Rekap jumlah berkas", "3 berkas")
    event = Event.objects.get(action="sop.task.complete", object_id=str(task.pk))
    assert event.new is not None
    assert event.new["result"] == {"jumlah": 3, "satuan": "berkas"}
    assert event.new["input"] == {"jumlah": 3, "keterangan": "lengkap"}
    # the next step sees it as its kelengkapan
    nxt = case.tasks.get(step_no=2)
    client.force_login(users["ppid.kota-serang"])
    assert "3 berkas" in client.get(f"/kerja/sop/tugas/{nxt.pk}/").content.decode()


def test_completed_through_the_api_with_json_input(client, sop, users):
    from terbuka.core import services as core

    case = start(sop, users)
    [task] = case.tasks.all()
    _token, key = core.token_create(actor=None, user=users["petugas.kota-serang"])
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    url = f"/api/v1/tasks/{task.pk}/complete"

    def post(payload):
        return client.post(url, json.dumps(payload), content_type="application/json", **headers)

    r = post({"input": {"jumlah": 1}})
    assert r.status_code == 400 and "Jumlah paling sedikit 2 berkas." in r.json()["message"]
    r = post({"input": {"jumlah": 5, "warna": "merah"}})
    assert r.status_code == 400 and "Isian tidak dikenal: warna" in r.json()["message"]
    r = post({"input": {}})
    assert r.status_code == 400 and "Jumlah wajib diisi" in r.json()["message"]
    r = post({"input": {"jumlah": 5}})
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["result"] == {"jumlah": 5, "satuan": "berkas"}
    assert body["task"]["input"] == {"jumlah": 5, "keterangan": ""}
    assert body["opened"][0]["step_no"] == 2
    case_json = client.get(f"/api/v1/cases/{case.pk}", **headers).json()
    assert case_json["outputs"][0]["summary"] == "5 berkas"


def test_returned_task_undoes_what_the_action_did(sop, users):
    case = start(sop, users)
    [task] = case.tasks.all()
    services.task_complete(actor=users["petugas.kota-serang"], task=task, data={"jumlah": 4})
    check = case.tasks.get(step_no=2)
    services.task_return(actor=users["ppid.kota-serang"], task=check, to_step=1, note="Hitung ulang")
    assert ("undo", task.pk) in plugged.LOG
    again = case.tasks.get(step_no=1, status=Task.Status.OPEN)
    assert ("opened", again.pk) in plugged.LOG


def test_statutory_clock_ten_days_one_extension_of_seven_with_reasons_and_a_pause(client, sop, users, bodies):
    body = bodies["kota-serang"]
    friday_evening = dt.datetime(2026, 3, 6, 17, 30, tzinfo=WIB)  # after office hours
    case = start(sop, users, now=friday_evening)
    clock = clocks.clocks_of(case)[0]
    cal = calendar_for(body)
    start_day = received_on(friday_evening, body).date
    assert start_day == dt.date(2026, 3, 9)  # counts from Monday
    assert (clock.kind, clock.received_on, clock.due_date) == (
        "pemberitahuan_tertulis",
        start_day,
        cal.add(start_day, 10),
    )
    assert clock.due_date is not None
    assert clock.due_at == dt.datetime.combine(clock.due_date, body.office_closes, tzinfo=WIB)
    # the statutory deadline is apart from the sum of the step times (2 working days)
    client.force_login(users["ppid.kota-serang"])
    page = client.get(f"/kerja/sop/proses/{case.pk}/").content.decode()
    assert "Pemberitahuan tertulis kepada pemohon" in page and "Pasal 22 ayat (7)" in page
    # one extension, at most 7 working days, with written reasons
    with pytest.raises(ValidationError, match="alasan"):
        clocks.clock_extend(actor=users["ppid.kota-serang"], clock=clock, days=7, reason=" ")
    with pytest.raises(ValidationError, match="paling lama 7"):
        clocks.clock_extend(
            actor=users["ppid.kota-serang"], clock=clock, days=8, reason="Dokumen di unit lain"
        )
    clock = clocks.clock_extend(
        actor=users["ppid.kota-serang"], clock=clock, days=7, reason="Dokumen di unit lain"
    )
    assert clock.due_date == cal.add(start_day, 17)
    with pytest.raises(ValidationError, match="sekali"):
        clocks.clock_extend(actor=users["ppid.kota-serang"], clock=clock, days=1, reason="lagi")
    # a pause while waiting for the requester adds the working days it lasted
    paused = clocks.clock_pause(
        actor=users["ppid.kota-serang"],
        clock=clock,
        reason="Menunggu kelengkapan dari pemohon",
        on=dt.date(2026, 3, 10),
    )
    assert paused.due_date is None
    resumed = clocks.clock_resume(actor=users["ppid.kota-serang"], clock=clock, on=dt.date(2026, 3, 13))
    assert resumed.paused_days == cal.between(dt.date(2026, 3, 10), dt.date(2026, 3, 13))
    assert resumed.due_date == cal.add(start_day, 17 + resumed.paused_days)
    lines = clocks.explain(resumed).lines
    assert any("Diperpanjang 7 hari kerja" in x for x in lines)
    assert any("Ditangguhkan" in x and "Menunggu kelengkapan" in x for x in lines)
    assert any("Tidak dihitung" in x for x in lines)  # Nyepi and cuti bersama in March 2026
    # the API shows the clock with its explanation
    from terbuka.core import services as core

    _t, key = core.token_create(actor=None, user=users["ppid.kota-serang"])
    data = client.get(f"/api/v1/cases/{case.pk}", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    [c] = data["clocks"]
    assert (c["kind"], c["extension_days"], c["due_date"]) == (
        "pemberitahuan_tertulis",
        7,
        resumed.due_date.isoformat(),
    )
    assert c["explanation"] == lines
    assert Event.objects.filter(action="core.clock.extend", note="Dokumen di unit lain").exists()
    # a finished process stops nothing it did not declare; cancelling stops its own clocks
    services.case_cancel(actor=users["ppid.kota-serang"], case=case, reason="Uji")
    assert Case.objects.get(pk=case.pk).status == Case.Status.CANCELLED
