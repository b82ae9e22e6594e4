"""Seeds 000 (Kota Serang), 001 (Kota Kupang) and 002 (Kota Bontang) run end to end with the demo users,
doing their work on the register: six units asked (four on time, one late, one with nothing), a test session
deciding exempt / partly exempt / not exempt, the decree numbered and signed, the DIK public; Bontang with
time moved across an expiry (an approved declassification, and an automatic opening)."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from terbuka.dik import demo, selectors, services
from terbuka.dik.models import (
    ConsequenceTest,
    Decision,
    Declassification,
    Decree,
    Distribution,
    Entry,
    ProposalRound,
    Status,
    UnitProposal,
)
from terbuka.dik.periods import Period, PeriodKind
from terbuka.sop import services as sop
from terbuka.sop.demo import SEEDS
from terbuka.sop.models import Case, StepOutput, Task
from terbuka.sop.tests.engine_kit import SOPS, pdf

pytestmark = pytest.mark.django_db


def _adopt(body, slug):
    sop_slug, name = SEEDS[slug]
    return sop.sop_adopt(
        actor=None, body=body, slug=sop_slug, source=(SOPS / name).read_text("utf-8"), filename=name
    ).sop


def _moment(body, day, hour=9):
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(body.time_zone))


@pytest.mark.parametrize("slug", ["kota-serang", "kota-kupang"])
def test_the_proposal_round_runs_to_a_public_decree(client, bodies, slug):
    body = bodies[slug]
    _adopt(body, slug)
    services.policy_set(actor=None, body=body, dprd_name="DPRD Kota", dprd_email="setwan@dprd.example.go.id")
    now = _moment(body, dt.date(2026, 3, 2))
    case = demo.run_proposal_round(body, now=now, late_unit="diskominfo")
    case.refresh_from_db()
    assert case.status == Case.Status.DONE
    rnd = ProposalRound.objects.get(case=case)
    states = {p.unit.slug: (p.state, p.late) for p in rnd.proposals.select_related("unit")}
    assert len(states) == 6
    assert states["dpupr"][0] == UnitProposal.State.NIHIL
    assert states["diskominfo"] == (UnitProposal.State.DIAJUKAN, True)  # answered after the collection closed
    on_time = sorted(s for s, (st, late) in states.items() if st == UnitProposal.State.DIAJUKAN and not late)
    assert on_time == ["bagian-hukum", "bpkad", "dinkes", "disdik"]
    # the late unit's task is recorded as a late answer
    assert Task.objects.filter(case=case, unit__slug="diskominfo", late=True).exists()
    test = ConsequenceTest.objects.get(case=case)
    decisions = sorted(test.items.values_list("decision", flat=True))
    assert set(decisions) == set(Decision.values)
    assert test.members.filter(present=True).count() >= 3 and test.sheet.status == "final"
    assert test.minutes.status == "final" and test.determination.status == "final"
    decree = Decree.objects.get(case=case)
    assert decree.is_signed and decree.register_number and decree.number
    assert decree.document.status == "final" and decree.document.kind == "sk_dik"
    entries = Entry.objects.filter(proposal__round=rnd)
    assert entries.filter(status=Status.DITETAPKAN).count() == 5  # incl. the late unit's row
    not_exempt = entries.get(status=Status.TIDAK_DIKECUALIKAN)
    assert not_exempt.item.is_public and not_exempt.item.source == "uji"
    # every output of every step is a document or data of the product: no upload stands in for it
    outputs = StepOutput.objects.filter(case=case)
    assert outputs.exists()
    assert not outputs.filter(stored_file__isnull=False, document__isnull=True).exists()
    # distributed to every PPID Pembantu and the DPRD, the DPRD by e-mail
    dist = Distribution.objects.filter(decree=decree)
    assert dist.count() == 7 and dist.get(unit__isnull=True).emailed
    # the public sees it, and the API says the same
    page = client.get(f"/badan/{slug}/dik/").content.decode()
    assert decree.register_number in page and "Rekam medis pasien" in page
    assert "Daftar penerima bantuan" not in page  # decided not exempt: public information, not in the DIK
    data = client.get(f"/api/v1/dik?body={slug}").json()
    assert data["nomor_sk"] == decree.register_number and data["jumlah"] == 5
    assert {r["huruf"] for r in data["informasi"]} >= {"a", "b", "h"}
    partly = next(r for r in data["informasi"] if r["dikecualikan_sebagian"])
    assert "harga penawaran" in partly["dikecualikan_sebagian"]


def _start_serang(bodies, users):
    body = bodies["kota-serang"]
    sop_obj = _adopt(body, "kota-serang")
    case = sop.case_start(actor=users["petugas.kota-serang"], sop=sop_obj, title="Usulan DIK 2026")
    return body, case


def test_no_dummy_file_completes_a_unit_proposal(bodies, users):
    _body, case = _start_serang(bodies, users)
    # the first step: the letter, drafted from the round and signed
    first = case.tasks.get(step_no=1)
    demo.prepare("dik_surat_usulan", first, users["petugas.kota-serang"], None)
    sop.task_complete(actor=users["petugas.kota-serang"], task=first)
    demo.sign_chain(case.tasks.get(step_no=1, phase="paraf").document)
    unit_task = case.tasks.get(step_no=2, unit__slug="dinkes")
    with pytest.raises(ValidationError) as err:
        sop.task_complete(
            actor=users["ppid-pembantu.dinkes.kota-serang"], task=unit_task, files=[("Surat Dinas", pdf())]
        )
    assert "Isi usulan unit" in " ".join(err.value.messages)
    assert "tidak menerima unggahan" in " ".join(err.value.messages)
    # with the proposal filled in, the file is still refused: it would stand beside the real proposal
    extra = demo.prepare("dik_usulan_unit", unit_task, users["ppid-pembantu.dinkes.kota-serang"], None)
    with pytest.raises(ValidationError) as err:
        sop.task_complete(
            actor=users["ppid-pembantu.dinkes.kota-serang"],
            task=unit_task,
            files=[("Surat Dinas", pdf())],
            **extra,
        )
    assert err.value.messages == [
        "Langkah ini tidak menerima unggahan: dokumennya disusun oleh sistem dari daftar DIK "
        "(atau sudah dibuat pada langkah sebelumnya)."
    ]
    assert not StepOutput.objects.filter(task=unit_task).exists()


def test_serang_step_4_refuses_a_dummy_file_for_the_recap(bodies, users):
    """Step 4 passes on the signed letter and recap: a PDF uploaded as the "Usulan daftar" is refused and
    nothing is stored; completed without a file, its kelengkapan are the product's own documents."""
    body = bodies["kota-serang"]
    _adopt(body, "kota-serang")
    now = _moment(body, dt.date(2026, 3, 2))
    from terbuka.sop import actions
    from terbuka.sop.models import Sop

    case = sop.case_start(
        actor=users["petugas.kota-serang"],
        sop=Sop.objects.get(body=body, slug="usulan-dik"),
        title="Usulan DIK",
        now=now,
    )
    for _ in range(80):
        open_ = list(case.tasks.filter(status=Task.Status.OPEN).order_by("pk"))
        if open_ and open_[0].step_no == 4:
            break
        t = open_[0]
        if t.phase == Task.Phase.SIGNOFF:
            demo.sign_chain(t.document)
            continue
        who = demo.actor_for(body, t.role, t.unit)
        sop.task_complete(actor=who, task=t, now=now, **demo.prepare(actions.bind(t.step).name, t, who, now))
    t4 = case.tasks.get(step_no=4, status=Task.Status.OPEN)
    petugas = demo.actor_for(body, t4.role, t4.unit)
    stored = StepOutput.objects.filter(case=case).count()
    with pytest.raises(ValidationError) as err:
        sop.task_complete(
            actor=petugas,
            task=t4,
            now=now,
            files=[("Usulan daftar Informasi Yang Dikecualikan", pdf())],
        )
    assert "tidak menerima unggahan" in " ".join(err.value.messages)
    assert StepOutput.objects.filter(case=case).count() == stored
    sop.task_complete(actor=petugas, task=t4, now=now)
    t4.refresh_from_db()
    assert t4.status == Task.Status.DONE
    # what step 5 receives is the signed recap made by the product, not an upload
    keys = {o.key for o in StepOutput.objects.filter(case=case, document__isnull=False)}
    assert any("usulan daftar" in k for k in keys)
    assert not StepOutput.objects.filter(case=case, stored_file__isnull=False, document__isnull=True).exists()


def test_the_session_step_needs_the_decisions_not_a_file(bodies, users):
    body = bodies["kota-kupang"]
    _adopt(body, "kota-kupang")
    now = _moment(body, dt.date(2026, 3, 2))
    from terbuka.sop.models import Sop

    sop_obj = Sop.objects.get(body=body, slug="usulan-dik")
    case = sop.case_start(actor=users["petugas.kota-kupang"], sop=sop_obj, title="Usulan DIK", now=now)
    # walk up to step 7 without deciding
    for _ in range(60):
        open_ = list(case.tasks.filter(status=Task.Status.OPEN).order_by("pk"))
        if open_ and open_[0].step_no == 7:
            break
        t = open_[0]
        if t.phase == Task.Phase.SIGNOFF:
            demo.sign_chain(t.document)
            continue
        who = demo.actor_for(body, t.role, t.unit)
        from terbuka.sop import actions

        extra = demo.prepare(actions.bind(t.step).name, t, who, now)
        sop.task_complete(actor=who, task=t, now=now, **extra)
    t7 = case.tasks.get(step_no=7, status=Task.Status.OPEN)
    with pytest.raises(ValidationError) as err:
        sop.task_complete(
            actor=users["tim-uji.kota-kupang"],
            task=t7,
            now=now,
            files=[("Lembar Analisa Uji Konsekuensi", pdf())],
        )
    assert "Putuskan semua informasi" in " ".join(err.value.messages)


def test_bontang_declassification_across_an_expiry(bodies, users):
    body = bodies["kota-bontang"]
    sop_obj = _adopt(body, "kota-bontang")
    services.policy_set(actor=None, body=body, decree_by="ppid")
    start = dt.date(2026, 3, 2)
    now = _moment(body, start)
    case = sop.case_start(actor=users["petugas.kota-bontang"], sop=sop_obj, title="Pengamanan DIK", now=now)
    demo.walk(case, now)
    case.refresh_from_db()
    assert case.status == Case.Status.DONE
    decree = selectors.current_decree(body)
    assert decree is not None and decree.decreed_by == "ppid"
    tariff = Entry.objects.get(body=body, title__startswith="Rencana penyesuaian tarif")
    assert tariff.status == Status.DITETAPKAN and tariff.ends_on == start + dt.timedelta(days=25)
    # a second entry, ending later, that nobody will decide on
    late = services.entry_propose(
        actor=None,
        body=body,
        unit=body.units.get(slug="dinkes"),
        title="Data kepegawaian tenaga honorer",
        ground_letter="h",
        ground_point=3,
        consequence="Mengungkap keuangan pribadi",
        consideration="Privasi",
        period=Period(PeriodKind.SAMPAI_TANGGAL, until=start + dt.timedelta(days=120)),
        status=Status.DITETAPKAN,
    )
    # day 0: nothing is within 30 working days of its end except the tariff plan
    out = io.StringIO()
    call_command("dik", "monitor", "--badan", "kota-bontang", "--tanggal", start.isoformat(), stdout=out)
    assert "1 deklasifikasi dibuka" in out.getvalue()
    decl = Declassification.objects.get(entry=tariff)
    assert decl.case is not None and decl.case.subject == decl
    assert Entry.objects.get(pk=tariff.pk).status == Status.DEKLASIFIKASI
    # idempotent: the scheduler's run the same day opens nothing more
    assert services.monitor(body=body, today=start) == {"dibuka_otomatis": 0, "deklasifikasi_dibuka": 0}
    from terbuka.core import scheduler

    run = scheduler.run_job(scheduler.JOBS["dik.monitor"], now=now)
    assert run.ok and run.result.startswith("0 deklasifikasi")
    # the leadership approves on the body's SOP: the entry opens and its item joins the DIP
    demo.walk(decl.case, _moment(body, start + dt.timedelta(days=3)))
    decl.refresh_from_db()
    tariff.refresh_from_db()
    assert decl.state == Declassification.State.DIBUKA and tariff.status == Status.DIBUKA
    assert tariff.item.is_public
    assert [e.new for e in tariff.events.order_by("pk")][-3:] == ["ditetapkan", "deklasifikasi", "dibuka"]
    # time moves forward: 30 working days before its end the second entry gets a process...
    services.monitor(body=body, today=start + dt.timedelta(days=90))
    d2 = Declassification.objects.get(entry=late)
    assert d2.state == Declassification.State.BERJALAN
    # ...nobody decides; the period ends: it opens by itself (PP 61/2010 Pasal 11), the process is cancelled
    counts = services.monitor(body=body, today=start + dt.timedelta(days=121))
    assert counts["dibuka_otomatis"] == 1
    late.refresh_from_db()
    d2.refresh_from_db()
    assert late.status == Status.DIBUKA and d2.state == Declassification.State.OTOMATIS
    assert d2.case.status == Case.Status.CANCELLED
    assert "PP 61/2010 Pasal 11" in late.events.order_by("pk").last().note


def test_no_automatic_opening_when_the_policy_says_so(bodies):
    body = bodies["kota-bontang"]
    services.policy_set(actor=None, body=body, auto_open=False)
    e = services.entry_propose(
        actor=None,
        body=body,
        unit=None,
        title="Notulen rapat terbatas",
        ground_letter="i",
        consequence="x",
        consideration="y",
        status=Status.DITETAPKAN,
        period=Period(PeriodKind.SAMPAI_TANGGAL, until=dt.date(2026, 4, 1)),
    )
    services.monitor(body=body, today=dt.date(2026, 5, 1))
    e.refresh_from_db()
    assert e.status == Status.DEKLASIFIKASI  # a process opened, but nothing opened by itself
