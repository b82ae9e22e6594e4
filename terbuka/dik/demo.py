"""Demo: Kota Serang, Kota Kupang and Kota Bontang each hold a decreed DIK made by running their SOP.

``prepare(action, task, actor, now)`` is what a demo official does on a step's domain page before completing
the step (fill the unit's rows, decide the items, sign the session's documents, draft a letter from the
register). The demo loader walks each body's SOP with it, and so do the SOP walk tests
(``terbuka/sop/tests/engine_kit.py`` calls an action's ``demo_prepare``).

The scenario (per unit): Dinas Kesehatan proposes two items (one exempt, one decided not exempt), BPKAD one
(exempt in part), Disdikbud and Bagian Hukum one each (exempt), Diskominfo answers late, DPUPR has nothing to
propose. Bontang (seed 002, securing) collects an already-decreed DIK from an agency and its BUMD.
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from django.utils import timezone

from terbuka.core.models import PublicBody, User
from terbuka.core.people import holders_of, local_date
from terbuka.core.roles import Role, role_slug

from .periods import Period, PeriodKind, add_years

# Rows per unit slug; None = the unit has nothing to propose.
SCENARIO: dict[str, list[dict[str, Any]] | None] = {
    "dinkes": [
        {
            "title": "Rekam medis pasien Puskesmas dan RSUD",
            "ground_letter": "h",
            "ground_point": 2,
            "consequence": "Mengungkap riwayat, kondisi dan pengobatan kesehatan pasien",
            "consideration": "Perlindungan rahasia pribadi pasien lebih besar daripada manfaat membukanya",
            "period": ("selama_diperlukan", 5),
            "keputusan": "dikecualikan",
        },
        {
            "title": "Daftar penerima bantuan iuran jaminan kesehatan daerah",
            "ground_letter": "h",
            "ground_point": 3,
            "consequence": "Mengungkap kondisi keuangan penerima",
            "consideration": "Melindungi privasi penerima bantuan",
            "period": ("tahun", 2),
            "keputusan": "tidak_dikecualikan",
            "alasan": "Penerima bantuan yang dibiayai APBD wajib diumumkan untuk pengawasan publik; NIK "
            "disamarkan.",
        },
    ],
    "bpkad": [
        {
            "title": "Dokumen penawaran peserta lelang pengadaan sebelum pengumuman pemenang",
            "ground_letter": "b",
            "consequence": "Mengganggu persaingan usaha yang sehat antar peserta",
            "consideration": "Menjaga persaingan usaha yang sehat sampai pemenang diumumkan",
            "period": ("sampai_peristiwa", "pengumuman pemenang tender"),
            "keputusan": "dikecualikan_sebagian",
            "dikecualikan": "harga penawaran dan dokumen teknis tiap peserta",
            "dibuka": "nama peserta dan nilai pagu anggaran",
        }
    ],
    "disdik": [
        {
            "title": "Hasil tes psikologi dan evaluasi kemampuan peserta didik",
            "ground_letter": "h",
            "ground_point": 4,
            "consequence": "Mengungkap hasil evaluasi kemampuan seseorang",
            "consideration": "Melindungi peserta didik dari stigma",
            "period": ("tahun", 5),
            "keputusan": "dikecualikan",
        }
    ],
    "bagian-hukum": [
        {
            "title": "Berkas perkara gugatan aset daerah yang sedang diperiksa pengadilan",
            "ground_letter": "a",
            "ground_point": 1,
            "consequence": "Menghambat proses pemeriksaan perkara yang sedang berjalan",
            "consideration": "Menjaga kedudukan hukum pemerintah daerah dalam perkara",
            "period": ("peristiwa_a", "putusan berkekuatan hukum tetap"),
            "keputusan": "dikecualikan",
        }
    ],
    "diskominfo": [
        {
            "title": "Dokumen konfigurasi persandian dan kunci enkripsi jaringan intra pemerintah",
            "ground_letter": "c",
            "ground_point": 6,
            "consequence": "Membahayakan keamanan sistem persandian",
            "consideration": "Keamanan jaringan pemerintahan lebih besar daripada manfaat membuka",
            "period": ("selama_diperlukan", 4),
            "keputusan": "dikecualikan",
        }
    ],
    "perumda-air-minum": [
        {
            "title": "Rencana penyesuaian tarif air minum sebelum ditetapkan Wali Kota",
            "ground_letter": "e",
            "ground_point": 3,
            "consequence": "Menimbulkan spekulasi dan kerugian ekonomi daerah",
            "consideration": "Menjaga stabilitas ekonomi daerah sampai tarif ditetapkan",
            "period": ("tanggal_hari", 25),
            "keputusan": "dikecualikan",
        }
    ],
    "dpupr": None,
}
NOTHING = "Tidak ada informasi di Dinas PUPR yang perlu dikecualikan pada tahun ini."
EXPERT = "Dr. Lestari Manafe, S.H., M.H. | Akademisi (Fakultas Hukum)"


def _period(spec: tuple[str, Any], today: dt.date) -> Period:
    kind, value = spec
    if kind == "selama_diperlukan":
        return Period(
            PeriodKind.SELAMA_DIPERLUKAN, review_on=add_years(today, value), review_by="Kepala Daerah"
        )
    if kind == "tahun":
        return Period(PeriodKind.TAHUN, years=value, start=today)
    if kind == "sampai_peristiwa":
        return Period(PeriodKind.SAMPAI_PERISTIWA, event=value)
    if kind == "peristiwa_a":
        return Period(PeriodKind.SAMPAI_PERISTIWA, event=value, start=today)
    if kind == "tanggal_hari":
        return Period(PeriodKind.SAMPAI_TANGGAL, until=today + dt.timedelta(days=value), start=today)
    raise ValueError(kind)


def rows_for(unit_slug: str, today: dt.date) -> list[dict[str, Any]] | None:
    """The unit's proposal rows in the form ``services.proposal_submit`` takes, or None (nothing)."""
    spec = SCENARIO.get(unit_slug, SCENARIO["disdik"])
    if spec is None:
        return None
    keys = ("title", "ground_letter", "ground_point", "statute", "consequence", "consideration")
    return [{**{k: r[k] for k in keys if k in r}, "period": _period(r["period"], today)} for r in spec]


def _scenario_row(title: str) -> dict[str, Any] | None:
    for rows in SCENARIO.values():
        for r in rows or []:
            if r["title"] == title:
                return r
    return None


def actor_for(body: PublicBody, role: str, unit: Any = None) -> User:
    people = holders_of(body, role, unit)
    preferred = f"{role_slug(role)}.{body.slug}"
    people.sort(key=lambda u: (u.username != preferred, u.username))
    if not people:
        raise LookupError(f"nobody holds {role} in {body}")
    return people[0]


def sign_chain(document: Any, day: dt.date | None = None) -> Any:
    """Every official of the document's chain acts in turn (the demo's officials)."""
    from terbuka.documents import services as documents
    from terbuka.documents.signoff import current_step, may_perform

    body = document.body
    for _ in range(30):
        document.refresh_from_db()
        step = current_step(document)
        if step is None:
            return document
        if step.user is not None:
            who = step.user
        else:
            people = [
                u for u in holders_of(body, step.role, step.unit) if may_perform(u, step, body) is not None
            ]
            if not people:
                raise LookupError(f"nobody can perform {step}")
            who = people[0]
        if step.kind == "ttd":
            documents.document_sign(actor=who, document=document, day=day)
        else:
            documents.document_paraf(actor=who, document=document)
    raise RuntimeError("the chain did not finish")


def decide_and_close(test: Any, actor: User, today: dt.date) -> Any:
    """The team's work at a session: everyone present, each item decided per the scenario, closed, the
    sheet, minutes and determination generated and signed."""
    from . import services
    from .models import ConsequenceTest, Decision

    test.refresh_from_db()
    if test.state == ConsequenceTest.State.BERLANGSUNG:
        services.test_attendance(actor=actor, test=test, present={m.pk: True for m in test.members.all()})
        for item in test.items.select_related("entry"):
            if item.decision:
                continue
            row = _scenario_row(item.entry.title) or {"keputusan": "dikecualikan"}
            decision = row["keputusan"]
            kwargs: dict[str, Any] = {}
            if decision != Decision.TIDAK_DIKECUALIKAN:
                kwargs["period"] = item.entry.period
            if decision == Decision.DIKECUALIKAN_SEBAGIAN:
                kwargs.update(exempt_parts=row["dikecualikan"], open_parts=row["dibuka"])
            if item.entry.warnings:
                kwargs["warning_answer"] = (
                    "Yang dikecualikan hanya bahan pendukungnya, bukan keputusan itu sendiri."
                )
            services.test_item_decide(
                actor=actor,
                item=item,
                decision=decision,
                basis_ok=decision != Decision.TIDAK_DIKECUALIKAN,
                harm=item.entry.consequence,
                public_interest=row.get("alasan", item.entry.consideration),
                **kwargs,
            )
        services.consequence_test_close(actor=actor, test=test)
    test.refresh_from_db()
    if test.sheet_id is None:
        services.test_documents(actor=actor, test=test)
        test.refresh_from_db()
    for doc in (test.sheet, test.minutes, test.determination):
        if doc is not None and doc.status != doc.Status.FINAL:
            sign_chain(doc, day=today)
    return test


def ensure_register(body: PublicBody, now: dt.datetime | None = None) -> None:
    """A body with no DIK in force gets one, as its agencies and BUMD decided it (seed 002 step 1 collects
    it): proposals of its units, a session deciding them, the decree of the body's policy, signed."""
    from terbuka.documents.signoff import Signer

    from . import services
    from .models import CLOSED, DikPolicy, Entry

    if Entry.objects.filter(body=body, status__in=CLOSED).exists():
        return
    now = now or timezone.now()
    today = local_date(now, body)
    petugas = actor_for(body, Role.PETUGAS)
    units = [u for u in services.proposing_units(body) if u.slug in ("dinkes", "perumda-air-minum")]
    rnd = services.round_open(actor=petugas, body=body, year=today.year, deadline=today, now=now)
    entries = []
    for unit in units:
        prop = rnd.proposals.get(unit=unit)
        entries += services.proposal_submit(
            actor=actor_for(body, Role.PPID_PEMBANTU, unit),
            proposal=prop,
            rows=rows_for(unit.slug, today) or [],
            now=now,
        )
    chair = actor_for(body, Role.TIM_UJI)
    test = services.consequence_test_open(
        actor=petugas,
        body=body,
        held_on=today,
        place=f"Ruang Rapat PPID {body.name}",
        round=rnd,
        team=[
            {"user": chair, "role": "Ketua Tim Pertimbangan"},
            {"user": actor_for(body, Role.PPID), "role": "PPID"},
        ],
        entries=entries,
    )
    decide_and_close(test, chair, today)
    decree = services.decree_prepare(actor=petugas, body=body, year=today.year, rnd=rnd)
    by = services.policy_for(body).decree_by
    signer = Signer(None, Role.PPID if by == DikPolicy.DecreeBy.PPID else Role.KEPALA_DAERAH)
    doc = services.decree_draft(actor=petugas, decree=decree, signers=[signer])
    sign_chain(doc, day=today)
    decree.refresh_from_db()
    services.decree_distribute(actor=petugas, decree=decree, now=now)


def prepare(name: str, task: Any, actor: Any, now: dt.datetime | None) -> dict[str, Any]:
    from terbuka.core.workdays import calendar_for
    from terbuka.sop.models import Task
    from terbuka.sop.services import task_draft_document

    from . import services
    from .models import ConsequenceTest, Declassification, ProposalRound, UnitProposal

    now = now or timezone.now()
    body = task.case.body
    today = local_date(now, body)
    if (
        task.phase == Task.Phase.DRAFT
        and task.document_id is None
        and name
        in (
            "dik_surat_usulan",
            "dik_rekap",
            "dik_persetujuan_uji",
            "dik_sk",
        )
    ):
        task_draft_document(actor=actor, task=task, now=now)
        return {}
    if name == "dik_buka_putaran":
        return {"data": {"tahun": today.year, "batas_usulan": calendar_for(body).add(today, 5).isoformat()}}
    if name == "dik_usulan_unit":
        rnd = ProposalRound.objects.filter(case=task.case).first()
        prop = UnitProposal.objects.filter(round=rnd, unit_id=task.unit_id).select_related("unit").first()
        if prop is not None and prop.state == UnitProposal.State.MENUNGGU:
            rows = rows_for(prop.unit.slug, today)
            if rows is None:
                services.proposal_nothing(actor=actor, proposal=prop, note=NOTHING, now=now)
            else:
                services.proposal_submit(actor=actor, proposal=prop, rows=rows, now=now)
        return {}
    if name == "dik_undangan_uji":
        return {
            "data": {
                "tanggal": today.isoformat(),
                "waktu": "09.00 s.d. selesai",
                "tempat": "Ruang Rapat Dinas Komunikasi dan Informatika "
                + body.name.replace("Pemerintah ", ""),
                "pakar": [EXPERT],
            }
        }
    if name in ("dik_uji_konsekuensi", "dik_ketetapan"):
        test = ConsequenceTest.objects.filter(case=task.case).order_by("-pk").first()
        if test is not None:
            chair = actor if services.can_test(actor, body) else actor_for(body, Role.TIM_UJI)
            decide_and_close(test, chair, today)
        return {}
    if name == "dik_kumpulkan":
        ensure_register(body, now)
        return {}
    if name == "dik_deklasifikasi":
        subject = task.case.subject
        if isinstance(subject, Declassification):
            head = body.head_title or "pimpinan badan publik"
            return {
                "data": {
                    "keputusan": "buka",
                    "persetujuan_pimpinan": f"Disposisi {head} tanggal {today:%d-%m-%Y}",
                }
            }
        return {}
    if name == "dik_simpan":
        return {"data": {"lemari": "Lemari DIK 1", "rak": "Rak 2", "boks": f"Boks DIK {today.year}"}}
    return {}


# -- the demo loader


def walk(case: Any, now: dt.datetime | None = None, *, late_unit: str = "", limit: int = 200) -> None:
    """Run a case to its end as the demo officials would: each open task by a holder of its role (the fan-out
    closed by the PPID while ``late_unit`` is still silent; it answers late afterwards)."""
    from terbuka.sop import actions
    from terbuka.sop.models import Case, Task
    from terbuka.sop.services import fanout_close, task_complete

    body = case.body
    for _ in range(limit):
        case.refresh_from_db()
        if case.status != Case.Status.OPEN:
            return
        tasks = list(case.tasks.filter(status=Task.Status.OPEN).select_related("unit").order_by("pk"))
        if not tasks:
            raise RuntimeError(f"{case}: open without open tasks")
        pending = [t for t in tasks if not (t.unit and t.unit.slug == late_unit)]
        if not pending:  # only the late unit is left: the PPID closes the collection
            fanout_close(
                actor=actor_for(body, Role.PPID),
                case=case,
                step_no=tasks[0].step_no,
                reason="Batas waktu dalam surat telah lewat.",
                now=now,
            )
            late = case.tasks.filter(status=Task.Status.EXPIRED, unit__slug=late_unit).first()
            if late is not None:
                who = actor_for(body, late.role, late.unit)
                extra = prepare("dik_usulan_unit", late, who, now)
                task_complete(actor=who, task=late, now=now, **extra)
            continue
        task = pending[0]
        if task.phase == Task.Phase.SIGNOFF:
            sign_chain(task.document, day=local_date(now or timezone.now(), body))
            continue
        who = task.assigned_to or actor_for(body, task.role, task.unit)
        action = actions.bind(task.step)
        extra = prepare(action.name, task, who, now) if action is not None else {}
        task.refresh_from_db()
        decision = True if task.step.jenis == "keputusan" else None
        task_complete(actor=who, task=task, decision=decision, now=now, **extra)
    raise RuntimeError(f"{case} did not finish")


def run_proposal_round(
    body: PublicBody, now: dt.datetime | None = None, late_unit: str = "diskominfo"
) -> Any:
    """Start the body's DIK proposal SOP and run it to the published decree."""
    from terbuka.sop.models import Sop
    from terbuka.sop.services import case_start

    sop = Sop.objects.get(body=body, slug="usulan-dik")
    now = now or timezone.now()
    case = case_start(
        actor=actor_for(body, Role.PETUGAS),
        sop=sop,
        now=now,
        title=f"Penyusunan DIK {body.name} Tahun {local_date(now, body).year}",
    )
    walk(case, now, late_unit=late_unit)
    return case


def seed_demo_dik(stdout: IO[Any] | None = None) -> None:
    """The demo hook: each of the three bodies holds a decreed DIK (idempotent: skipped once it has one)."""
    from django.db import transaction

    from terbuka.sop.models import Sop
    from terbuka.sop.services import case_start

    from . import selectors, services
    from .models import DikPolicy

    for slug in ("kota-serang", "kota-kupang"):
        body = PublicBody.objects.filter(slug=slug).first()
        if body is None or selectors.current_decree(body) is not None:
            continue
        if not Sop.objects.filter(body=body, slug="usulan-dik").exists():
            continue
        with transaction.atomic():
            services.policy_set(
                actor=None, body=body, dprd_name=f"DPRD {body.name.replace('Pemerintah ', '')}"
            )
            run_proposal_round(body)
        if stdout is not None:
            stdout.write(f"DIK {slug}: {selectors.public_entries(body).count()} informasi ditetapkan\n")
    body = PublicBody.objects.filter(slug="kota-bontang").first()
    if body is not None and selectors.current_decree(body) is None:
        sop = Sop.objects.filter(body=body, slug="pengamanan-dik").first()
        if sop is not None:
            with transaction.atomic():
                services.policy_set(actor=None, body=body, decree_by=DikPolicy.DecreeBy.PPID)
                case = case_start(
                    actor=actor_for(body, Role.PETUGAS), sop=sop, title="Pengamanan DIK (rutin)"
                )
                walk(case)
                counts = services.monitor(body=body)
            if stdout is not None:
                stdout.write(
                    f"DIK kota-bontang: {selectors.public_entries(body).count()} informasi; {counts}\n"
                )
