"""The SOP engine on a small SOP written here: start, fan-out, decisions, paraf chain, return, cancel."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from terbuka.core.models import ActingAssignment, Event, Position, Unit
from terbuka.core.tests import factories
from terbuka.core.workdays import calendar_for, due_from_moment

from .. import services
from ..engine import ENGINE
from ..models import Case, CaseEvent, Sop, SopVersion, StepOutput, Task
from .engine_kit import actor_for, attachments_for, complete, draft, open_tasks, pdf, walk

SOURCE = """\
format: terbuka-sop/1
identitas:
  nama: Uji mesin SOP
pelaksana:
  - {kode: petugas, nama: Petugas PLID, peran: petugas}
  - {kode: pembantu, nama: PPID Pembantu, peran: ppid_pembantu}
  - {kode: ppid, nama: PPID Utama, peran: ppid}
  - {kode: atasan, nama: Atasan PPID, peran: atasan_ppid}
  - {kode: hukum, nama: Kabag Hukum, peran: kabag_hukum}
  - {kode: kada, nama: Walikota, peran: kepala_daerah}
langkah:
  - no: 1
    kegiatan: Menyurati seluruh PPID Pembantu
    pelaksana: petugas
    kelengkapan: [Nota dinas]
    waktu: 1 hari
    output: [Surat permintaan usulan]
  - no: 2
    kegiatan: Menyampaikan usulan DIK
    pelaksana: pembantu
    jenis: sebar
    sebar: {peran: ppid_pembantu}
    kelengkapan: [Surat permintaan usulan]
    waktu: 3 hari kerja
    output: [Form usulan DIK]
  - no: 3
    kegiatan: Memeriksa kelengkapan usulan
    pelaksana: ppid
    jenis: keputusan
    pertanyaan: Usulan lengkap?
    ya: 4
    tidak: 1
    waktu: 2 hari kerja
  - no: 4
    kegiatan: Paraf dan penandatanganan SK
    pelaksana: kada
    jenis: paraf
    paraf: {konseptor: petugas, paraf: [hukum, atasan], tanda_tangan: kada, naskah: sk_dik}
    output: [SK penetapan DIK]
    waktu: 3 hari kerja
"""

WIB = ZoneInfo("Asia/Jakarta")
MONDAY_9 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=WIB)  # a working Monday


@pytest.fixture
def sop(bodies) -> Sop:
    version = services.sop_adopt(
        actor=None, body=bodies["kota-serang"], slug="uji", source=SOURCE, filename="uji.yaml"
    )
    return version.sop


def start(sop, users, now=MONDAY_9) -> Case:
    return services.case_start(actor=users["petugas.kota-serang"], sop=sop, title="DIK 2026", now=now)


def pembantu_units(body) -> list[Unit]:
    return ENGINE.fanout_units(body, "ppid_pembantu")


def test_start_opens_first_task_with_due_date_from_calendar(sop, users, bodies):
    case = start(sop, users)
    [task] = open_tasks(case)
    body = bodies["kota-serang"]
    _receipt, due = due_from_moment(MONDAY_9, body, 1)
    assert (task.step_no, task.lane, task.role, task.due_date) == (1, "petugas", "petugas", due.date)
    assert task.due_date == calendar_for(body).add(MONDAY_9.date(), 1)
    assert Event.objects.filter(action="sop.case.start", object_id=str(case.pk)).exists()


def test_after_office_hours_the_clock_starts_next_working_day(sop, users, bodies):
    friday_evening = dt.datetime(2026, 3, 6, 19, 0, tzinfo=WIB)
    case = start(sop, users, now=friday_evening)
    [task] = open_tasks(case)
    cal = calendar_for(bodies["kota-serang"])
    monday = cal.next_working_day(friday_evening.date())
    assert task.received_on == monday
    assert task.due_date == cal.add(monday, 1)


def test_wrong_role_cannot_start_or_complete(sop, users):
    with pytest.raises(PermissionDenied, match="Petugas PPID"):
        services.case_start(actor=users["kepala-daerah.kota-serang"], sop=sop, title="x")
    case = start(sop, users)
    [task] = open_tasks(case)
    with pytest.raises(PermissionDenied, match="hanya dapat dikerjakan"):
        services.task_complete(actor=users["ppid.kota-serang"], task=task, files=attachments_for(task))
    # another body's petugas holds the same role name but not in this body
    with pytest.raises(PermissionDenied):
        services.task_complete(actor=users["petugas.kota-kupang"], task=task, files=attachments_for(task))


def test_missing_output_is_listed_and_reference_material_is_optional(sop, users):
    case = start(sop, users)
    [task] = open_tasks(case)
    with pytest.raises(ValidationError) as err:
        services.task_complete(actor=users["petugas.kota-serang"], task=task, files=[])
    # "Nota dinas" is no earlier step's output: reference material, shown but not required
    assert err.value.messages == ["Output wajib dilampirkan: Surat permintaan usulan."]
    # names match case-insensitively, ignoring punctuation and spacing; material may be attached too
    services.task_complete(
        actor=users["petugas.kota-serang"],
        task=task,
        files=[("NOTA  DINAS", pdf()), ("surat permintaan-usulan", pdf())],
        now=MONDAY_9,
    )
    task.refresh_from_db()
    assert task.status == Task.Status.DONE
    assert sorted(StepOutput.objects.filter(task=task).values_list("name", flat=True)) == [
        "Nota dinas",
        "Surat permintaan usulan",
    ]


def test_a_file_for_something_the_step_does_not_ask_is_refused(sop, users):
    case = start(sop, users)
    [task] = open_tasks(case)
    with pytest.raises(ValidationError, match="tidak diminta langkah ini"):
        services.task_complete(
            actor=users["petugas.kota-serang"],
            task=task,
            files=[("Surat permintaan usulan", pdf()), ("Foto liburan", pdf())],
        )
    assert not StepOutput.objects.filter(case=case).exists()


def test_fanout_one_task_per_unit_then_join(sop, users, bodies):
    body = bodies["kota-serang"]
    case = start(sop, users)
    complete(open_tasks(case)[0], now=MONDAY_9)
    fan = open_tasks(case)
    units = pembantu_units(body)
    assert len(units) >= 2
    assert sorted(t.unit_id for t in fan) == sorted(u.pk for u in units)
    assert {t.step_no for t in fan} == {2}
    # the step-2 kelengkapan was uploaded at step 1: only the output is needed now
    for t in fan[:-1]:
        complete(t, now=MONDAY_9)
        assert {x.step_no for x in open_tasks(case)} == {2}
    # one PPID Pembantu cannot answer for another unit
    other = fan[0].unit
    with pytest.raises(PermissionDenied):
        services.task_complete(
            actor=users[f"ppid-pembantu.{other.slug}.kota-serang"],
            task=fan[-1],
            files=attachments_for(fan[-1]),
        )
    complete(fan[-1], now=MONDAY_9)
    [nxt] = open_tasks(case)
    assert nxt.step_no == 3


def test_fanout_expires_and_records_units_that_did_not_answer(sop, users, bodies):
    case = start(sop, users)
    complete(open_tasks(case)[0], now=MONDAY_9)
    fan = open_tasks(case)
    late = fan[0]
    for t in fan[1:]:
        complete(t, now=MONDAY_9)
    due = late.due_date
    assert due is not None
    # on the due date itself the unit still has time
    services.sop_expire_fanouts(now=dt.datetime.combine(due, dt.time(15), tzinfo=WIB))
    late.refresh_from_db()
    assert late.status == Task.Status.OPEN
    # the next day the step closes without it
    moved = services.sop_expire_fanouts(
        now=dt.datetime.combine(due + dt.timedelta(days=1), dt.time(8), tzinfo=WIB)
    )
    assert [c.pk for c in moved] == [case.pk]
    late.refresh_from_db()
    assert late.status == Task.Status.EXPIRED
    [nxt] = open_tasks(case)
    assert nxt.step_no == 3
    joined = CaseEvent.objects.get(case=case, kind="joined")
    assert late.unit.name in joined.note
    assert Event.objects.filter(action="sop.fanout.expire", note__contains=late.unit.name).exists()
    # the late unit may still answer: recorded as late, and the case does not move back
    complete(late)
    late.refresh_from_db()
    assert (late.status, late.late, late.on_time) == (Task.Status.DONE, True, False)
    assert StepOutput.objects.get(task=late).late
    assert CaseEvent.objects.filter(case=case, task=late, kind="late_answer").exists()
    assert [t.step_no for t in open_tasks(case)] == [3]
    # running it again changes nothing
    assert (
        services.sop_expire_fanouts(
            now=dt.datetime.combine(due + dt.timedelta(days=3), dt.time(8), tzinfo=WIB)
        )
        == []
    )


def test_decision_needs_an_answer_and_tidak_loops_back(sop, users):
    case = start(sop, users)
    walk_until = [1, 2]
    while open_tasks(case)[0].step_no in walk_until:
        complete(open_tasks(case)[0], now=MONDAY_9)
    [decide] = open_tasks(case)
    assert decide.step_no == 3
    with pytest.raises(ValidationError, match="Ya atau Tidak"):
        services.task_complete(actor=users["ppid.kota-serang"], task=decide)
    complete(decide, False)
    [back] = open_tasks(case)
    assert back.step_no == 1
    trail = walk(case, decide=lambda task, seen: True)
    assert case.status == Case.Status.DONE
    assert [s for s, _ in trail].count(3) == 1


def test_paraf_step_drafter_writes_then_officials_initial_and_sign_the_document_once(sop, users):
    from terbuka.documents import services as documents
    from terbuka.documents.models import Document

    case = start(sop, users)
    while open_tasks(case) and open_tasks(case)[0].step_no in {1, 2, 3}:
        t = open_tasks(case)[0]
        complete(t, True if t.step_no == 3 else None)
    [task] = open_tasks(case)
    # the drafter (konseptor) works first, not the signer
    assert (task.step_no, task.phase, task.lane, task.role) == (4, "konsep", "petugas", "petugas")
    with pytest.raises(ValidationError, match="konsep naskah"):
        services.task_complete(actor=users["petugas.kota-serang"], task=task)
    with pytest.raises(PermissionDenied):
        draft(task, users["kepala-daerah.kota-serang"])
    doc = draft(task, users["petugas.kota-serang"])
    assert [(s.kind, s.role) for s in doc.steps.order_by("order")] == [
        ("paraf", "kabag_hukum"),
        ("paraf", "atasan_ppid"),
        ("ttd", "kepala_daerah"),
    ]
    services.task_complete(actor=users["petugas.kota-serang"], task=task)
    [sign] = open_tasks(case)
    assert (sign.phase, sign.lane, sign.role, sign.document_id) == ("paraf", "hukum", "kabag_hukum", doc.pk)
    # nobody completes the sign-off task by hand: it follows the document
    with pytest.raises(ValidationError, match="ditandatangani"):
        services.task_complete(actor=users["kabag-hukum.kota-serang"], task=sign)
    # the signer cannot sign before the initials
    with pytest.raises(PermissionDenied):
        documents.document_sign(actor=users["kepala-daerah.kota-serang"], document=doc)
    documents.document_paraf(actor=users["kabag-hukum.kota-serang"], document=doc)
    sign.refresh_from_db()
    assert (sign.status, sign.role) == (Task.Status.OPEN, "atasan_ppid")
    # sent back: the drafter has it again; revised, the chain starts over
    documents.document_return(actor=users["atasan-ppid.kota-serang"], document=doc, note="Perbaiki lampiran")
    sign.refresh_from_db()
    assert (sign.lane, sign.role) == ("petugas", "petugas")
    documents.document_revise(actor=users["petugas.kota-serang"], document=doc, context=doc.context)
    sign.refresh_from_db()
    assert sign.role == "kabag_hukum"
    documents.document_paraf(actor=users["kabag-hukum.kota-serang"], document=doc)
    documents.document_paraf(actor=users["atasan-ppid.kota-serang"], document=doc)
    documents.document_sign(actor=users["kepala-daerah.kota-serang"], document=doc)
    sign.refresh_from_db()
    case.refresh_from_db()
    doc = Document.objects.get(pk=doc.pk)
    assert doc.status == Document.Status.FINAL and doc.number
    assert (sign.status, sign.completed_by.username) == (Task.Status.DONE, "kepala-daerah.kota-serang")
    assert case.status == Case.Status.DONE
    out = StepOutput.objects.get(task=sign)
    assert (out.name, out.document_id) == ("SK penetapan DIK", doc.pk)
    kinds = list(CaseEvent.objects.filter(case=case, step_no=4).values_list("kind", flat=True))
    assert kinds.count("paraf") == 3 and "signed" in kinds and "doc_returned" in kinds
    # one sign-off only: the engine recorded no initials of its own
    assert not Event.objects.filter(action="sop.task.paraf").exists()


def test_return_to_earlier_step_with_note(sop, users):
    case = start(sop, users)
    complete(open_tasks(case)[0])
    fan = open_tasks(case)
    with pytest.raises(ValidationError, match="catatan"):
        services.task_return(actor=users["ppid.kota-serang"], task=fan[0], to_step=1, note="")
    with pytest.raises(ValidationError, match="sudah dilalui"):
        services.task_return(actor=users["ppid.kota-serang"], task=fan[0], to_step=3, note="x")
    services.task_return(actor=users["ppid.kota-serang"], task=fan[0], to_step=1, note="Surat salah alamat")
    [again] = open_tasks(case)
    assert again.step_no == 1
    assert Task.objects.filter(case=case, step_no=2, status=Task.Status.RETURNED).count() == len(fan)
    assert CaseEvent.objects.filter(case=case, kind="returned", note="Surat salah alamat").exists()


def test_reassign_limits_task_to_one_person(sop, users, bodies):
    body = bodies["kota-serang"]
    case = start(sop, users)
    [task] = open_tasks(case)
    colleague = users["petugas.kota-serang"]
    with pytest.raises(ValidationError, match="tidak memegang peran"):
        services.task_reassign(
            actor=users["ppid.kota-serang"], task=task, user=users["kabag-hukum.kota-serang"]
        )
    # a second petugas (a new position in the same body) receives the task
    other = factories.official(body, "petugas", title="Petugas PLID 2")
    services.task_reassign(actor=users["ppid.kota-serang"], task=task, user=other)
    with pytest.raises(PermissionDenied, match="pengguna lain"):
        services.task_complete(actor=colleague, task=task, files=attachments_for(task))
    services.task_complete(actor=other, task=task, files=attachments_for(task))
    task.refresh_from_db()
    assert task.completed_by == other


def test_acting_official_completes_and_is_recorded_as_acting(sop, users, bodies):
    body = bodies["kota-serang"]
    case = start(sop, users)
    walk_steps = {1, 2}
    while open_tasks(case)[0].step_no in walk_steps:
        complete(open_tasks(case)[0])
    [task] = open_tasks(case)
    assert task.role == "ppid"
    ppid_position = Position.objects.get(body=body, holder=users["ppid.kota-serang"], roles__role="ppid")
    plh = users["petugas.kota-serang"]
    today = dt.date.today()
    ActingAssignment.objects.create(
        position=ppid_position,
        acting_user=plh,
        kind="plh",
        starts_on=today,
        ends_on=today + dt.timedelta(days=5),
    )
    plh = type(plh).objects.get(pk=plh.pk)  # fresh grants cache
    services.task_delegate(actor=users["ppid.kota-serang"], task=task, user=plh, note="Cuti")
    assert CaseEvent.objects.filter(case=case, kind="delegated").exists()
    services.task_complete(actor=plh, task=task, decision=True)
    task.refresh_from_db()
    assert (task.completed_by, task.acting_kind, task.acting_for) == (plh, "plh", ppid_position)
    ev = Event.objects.get(action="sop.task.complete", object_id=str(task.pk))
    assert (ev.acting_kind, ev.acting_for_id) == ("plh", ppid_position.pk)


def test_two_completions_in_sequence_second_gets_clear_message(sop, users):
    case = start(sop, users)
    [task] = open_tasks(case)
    complete(task)
    with pytest.raises(ValidationError, match="sudah diselesaikan oleh"):
        complete(task)


def test_cancel_needs_reason_and_closes_tasks(sop, users):
    case = start(sop, users)
    with pytest.raises(ValidationError, match="Alasan"):
        services.case_cancel(actor=users["ppid.kota-serang"], case=case, reason=" ")
    with pytest.raises(PermissionDenied):
        services.case_cancel(actor=users["kabag-hukum.kota-serang"], case=case, reason="x")
    services.case_cancel(actor=users["ppid.kota-serang"], case=case, reason="Salah SOP")
    case.refresh_from_db()
    assert (case.status, case.cancel_reason) == (Case.Status.CANCELLED, "Salah SOP")
    assert not open_tasks(case)
    assert Task.objects.filter(case=case, status=Task.Status.CANCELLED).count() == 1


def test_comment_and_audit(sop, users):
    case = start(sop, users)
    [task] = open_tasks(case)
    services.task_comment(actor=users["ppid.kota-serang"], task=task, text="Segera ya")
    assert task.comments.get().text == "Segera ya"
    with pytest.raises(PermissionDenied):
        services.task_comment(actor=users["ppid.kota-kupang"], task=task, text="halo")


def test_new_version_is_a_draft_until_approved_running_cases_keep_theirs(sop, users, bodies):
    case = start(sop, users)
    v2 = services.sop_upload(
        actor=users["ppid.kota-serang"],
        body=bodies["kota-serang"],
        slug="uji",
        source=SOURCE.replace("waktu: 1 hari\n", "waktu: 2 hari\n", 1),
        filename="uji-v2.yaml",
    )
    assert (v2.number, v2.status) == (2, SopVersion.Status.DRAFT)
    sop.refresh_from_db()
    assert sop.current_version.number == 1  # the draft is not in force
    assert start(sop, users).sop_version.number == 1
    with pytest.raises(PermissionDenied):
        services.sop_approve(actor=users["petugas.kota-serang"], version=v2)
    services.sop_approve(actor=users["ppid.kota-serang"], version=v2)
    sop.refresh_from_db()
    assert sop.current_version == v2
    new_case = start(sop, users)
    assert new_case.sop_version == v2
    case.refresh_from_db()
    assert case.sop_version.number == 1
    assert case.definition.step(1).waktu == "1 hari"
    # uploading the text in force again is a no-op
    again = services.sop_upload(
        actor=None, body=bodies["kota-serang"], slug="uji", source=v2.source, filename="uji-v2.yaml"
    )
    assert again.pk == v2.pk
    # a rejected draft needs a reason and never comes into force
    v3 = services.sop_upload(
        actor=None, body=bodies["kota-serang"], slug="uji", source=SOURCE + "\n# v3\n", filename="v3.yaml"
    )
    with pytest.raises(ValidationError, match="alasan"):
        services.sop_reject(actor=users["ppid.kota-serang"], version=v3, note="")
    services.sop_reject(actor=users["ppid.kota-serang"], version=v3, note="Belum dibahas")
    sop.refresh_from_db()
    assert sop.current_version == v2


def test_only_ppid_or_admin_adopts(users, bodies):
    with pytest.raises(PermissionDenied):
        services.sop_adopt(
            actor=users["petugas.kota-serang"],
            body=bodies["kota-serang"],
            slug="x",
            source=SOURCE,
            filename="x",
        )
    with pytest.raises(PermissionDenied):
        services.sop_adopt(
            actor=users["ppid.kota-kupang"], body=bodies["kota-serang"], slug="x", source=SOURCE, filename="x"
        )


def test_unknown_aksi_is_rejected(bodies):
    bad = SOURCE.replace(
        "    output: [Surat permintaan usulan]\n",
        "    output: [Surat permintaan usulan]\n    aksi: tidak_ada\n",
        1,
    )
    with pytest.raises(services.SopInvalid) as err:
        services.sop_adopt(actor=None, body=bodies["kota-serang"], slug="x", source=bad, filename="bad.yaml")
    assert any("tidak_ada" in m and "aksi" in m for m in err.value.messages)


def test_actor_for_prefers_holder(sop, users):
    case = start(sop, users)
    [task] = open_tasks(case)
    assert actor_for(task).username == "petugas.kota-serang"
