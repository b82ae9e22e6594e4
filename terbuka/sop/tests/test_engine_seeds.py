"""Every seed SOP (and the sixth, the objection procedure) runs end to end with the demo users.

Each decision is taken both ways: one walk answers "ya" everywhere, and for every decision step another walk
answers "tidak" on its first visit (then "ya"), so the "tidak" target is visited (or the case ends there).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from terbuka.core.models import Event

from .. import demo, lanes, services
from ..engine import ENGINE
from ..models import Case, CaseEvent, Sop, Task
from ..schema import END
from .engine_kit import SOPS, complete, open_tasks, walk

ALL = [(body, slug, name) for body, (slug, name) in demo.SEEDS.items()] + [
    ("kota-serang", demo.EXTRA[0], demo.EXTRA[1])
]


def _adopt(bodies, body_slug: str, slug: str, name: str):
    path = SOPS / name
    assert path.exists(), f"sops/{name} is missing"
    version = services.sop_adopt(
        actor=None, body=bodies[body_slug], slug=slug, source=path.read_text("utf-8"), filename=name
    )
    return version.sop


def _defn(sop: Sop):
    assert sop.current_version is not None
    return sop.current_version.definition


def _starter(sop: Sop, users):
    defn = _defn(sop)
    role = lanes.first_role(defn)
    people = lanes.lane_holders(sop.body, role)
    assert people, f"no demo user holds {role} in {sop.body}"
    return people[0]


@pytest.mark.parametrize(("body_slug", "slug", "name"), ALL, ids=[f"{b}:{n}" for b, _s, n in ALL])
def test_walk_all_yes(bodies, users, body_slug, slug, name):
    sop = _adopt(bodies, body_slug, slug, name)
    defn = _defn(sop)
    case = services.case_start(actor=_starter(sop, users), sop=sop, title=f"Uji {name}")
    trail = walk(case, decide=lambda task, seen: True)
    case.refresh_from_db()
    assert case.status == Case.Status.DONE
    visited = {s for s, _lane in trail}
    # every step reachable on the all-yes path was done by a holder of its lane's role
    assert defn.first.no in visited
    for t in case.tasks.filter(status=Task.Status.DONE):
        assert t.completed_by is not None
    # one audit event per action taken: a completion, or an initial within a paraf chain
    actions = Event.objects.filter(action__in=["sop.task.complete", "sop.task.paraf"], body=sop.body).count()
    assert actions == len(trail)


def _decision_steps(sop: Sop) -> list[int]:
    return [s.no for s in _defn(sop).langkah if s.jenis == "keputusan"]


def _decisions_in_files() -> list[tuple[str, str, str, int]]:
    """(body, slug, file, step no) for every decision step of the shipped SOP files, read at collection."""
    from ..loader import load_file

    out = []
    for body_slug, slug, name in ALL:
        defn = load_file(str(SOPS / name))
        out += [(body_slug, slug, name, s.no) for s in defn.langkah if s.jenis == "keputusan"]
    return out


DECISIONS = _decisions_in_files()


def test_the_seeds_have_the_decisions_of_their_sources():
    # Bontang step 1 and Kalimantan Barat step 4 have Ya/Tidak in the source; the objection SOP has one.
    found = {(name, no) for _b, _s, name, no in DECISIONS}
    assert ("kota-bontang-pengamanan-dik.yaml", 1) in found
    assert ("provinsi-kalimantan-barat-uji-konsekuensi.yaml", 4) in found
    assert any(name == "contoh-keberatan.yaml" for name, _no in found)


@pytest.mark.parametrize(
    ("body_slug", "slug", "name", "no"),
    DECISIONS,
    ids=[f"{b}:{n}:langkah-{no}" for b, _s, n, no in DECISIONS],
)
def test_walk_each_tidak_branch(bodies, users, body_slug, slug, name, no):
    sop = _adopt(bodies, body_slug, slug, name)
    defn = _defn(sop)
    step = defn.step(no)
    case = services.case_start(actor=_starter(sop, users), sop=sop, title=f"Tidak di langkah {no}")

    def decide(task, seen, no=no):
        return not (task.step_no == no and seen == 0)

    trail = walk(case, decide=decide)
    case.refresh_from_db()
    assert case.status == Case.Status.DONE
    answers = list(
        case.tasks.filter(step_no=no, status=Task.Status.DONE)
        .order_by("pk")
        .values_list("decision", flat=True)
    )
    assert answers[0] is False, f"step {no} never answered tidak: {trail}"
    idx = next(i for i, (s, _l) in enumerate(trail) if s == no)
    if step.tidak == END:
        assert idx == len(trail) - 1
    else:
        assert trail[idx + 1][0] == step.tidak, trail


def test_sixth_sop_is_not_a_seed_and_runs(bodies, users):
    """contoh-keberatan.yaml (UU 14/2008 Pasal 35–36) runs with the same engine, no code of its own."""
    sop = _adopt(bodies, "kota-kupang", *demo.EXTRA)
    defn = _defn(sop)
    assert defn.total_working_days() > 0
    case = services.case_start(actor=_starter(sop, users), sop=sop, title="Keberatan atas penolakan")
    walk(case)
    case.refresh_from_db()
    assert case.status == Case.Status.DONE


def _first_sebar_with_limit(sop: Sop):
    for s in _defn(sop).langkah:
        if s.jenis == "sebar" and s.duration.working_days():
            return s
    return None


def test_fanout_with_a_late_unit(bodies, users):
    """Kupang gives its fan-out a limit (5 hari): the late unit expires and the case goes on by itself."""
    body_slug = "kota-kupang"
    slug, name = demo.SEEDS[body_slug]
    sop = _adopt(bodies, body_slug, slug, name)
    sebar = _first_sebar_with_limit(sop)
    assert sebar is not None
    tz = ZoneInfo(sop.body.time_zone)
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=tz)
    case = services.case_start(actor=_starter(sop, users), sop=sop, title="Usulan DIK 2026", now=start)
    while open_tasks(case)[0].step_no != sebar.no:
        t = open_tasks(case)[0]
        complete(t, True if t.step.jenis == "keputusan" else None, now=start)
    fan = open_tasks(case)
    assert len(fan) == len(ENGINE.fanout_units(sop.body, str(sebar.sebar.peran)))
    late, *others = fan
    for t in others:
        complete(t, now=start)
    assert open_tasks(case) == [late]
    after = dt.datetime.combine(late.due_date + dt.timedelta(days=1), dt.time(9), tzinfo=tz)
    from terbuka.core import scheduler

    # the scheduled expiry job (run by `terbuka jobs run` and the embedded scheduler) closes it
    run = scheduler.run_job(scheduler.JOBS["sop.expire_fanouts"], now=after)
    assert run.ok and run.result.startswith("1 ")
    late.refresh_from_db()
    assert late.status == Task.Status.EXPIRED
    joined = CaseEvent.objects.get(case=case, kind="joined", step_no=sebar.no)
    assert late.unit.name in joined.note
    # the case went on: the next step is open and can be completed
    nxt = open_tasks(case)
    assert nxt and nxt[0].step_no != sebar.no
    walk(case, now=after)
    case.refresh_from_db()
    assert case.status == Case.Status.DONE
    assert all(t.completed_by for t in case.tasks.filter(status=Task.Status.DONE))


def test_demo_adopts_each_body_its_seed_idempotently(bodies):
    first = demo.adopt_all()
    again = demo.adopt_all()
    assert [v.pk for v in first] == [v.pk for v in again]
    expected = [(b, s) for b, s, path in demo.plan() if path.exists()]
    assert sorted((v.sop.body.slug, v.sop.slug) for v in first) == sorted(expected)
    assert Sop.objects.get(body__slug="kota-bontang", slug="pengamanan-dik").current_version.number == 1


def test_fanout_without_a_limit_is_closed_by_hand(bodies, users):
    """Serang's fan-out is "tentatif" (the deadline is in its letter): the PPID closes the collection."""
    from django.core.exceptions import ValidationError

    slug, name = demo.SEEDS["kota-serang"]
    sop = _adopt(bodies, "kota-serang", slug, name)
    sebar = next(s for s in _defn(sop).langkah if s.jenis == "sebar")
    assert sebar.duration.working_days() is None
    case = services.case_start(actor=_starter(sop, users), sop=sop, title="Usulan DIK 2026")
    while open_tasks(case)[0].step_no != sebar.no:
        t = open_tasks(case)[0]
        complete(t, True if t.step.jenis == "keputusan" else None)
    fan = open_tasks(case)
    late, *others = fan
    for t in others:
        complete(t)
    # The expiry job leaves a fan-out with no limit alone.
    services.sop_expire_fanouts(now=dt.datetime(2030, 1, 2, 9, 0, tzinfo=dt.UTC))
    assert open_tasks(case) == [late]
    with pytest.raises(ValidationError):  # the step after the fan-out is not a fan-out
        services.fanout_close(actor=users["ppid.kota-serang"], case=case, step_no=sebar.no + 1)
    services.fanout_close(
        actor=users["ppid.kota-serang"], case=case, step_no=sebar.no, reason="Batas dalam surat: 20 Maret."
    )
    late.refresh_from_db()
    assert late.status == Task.Status.EXPIRED
    joined = CaseEvent.objects.get(case=case, kind="joined", step_no=sebar.no)
    assert late.unit.name in joined.note and "20 Maret" in joined.note
    assert Event.objects.filter(action="sop.fanout.close", actor=users["ppid.kota-serang"]).exists()
    walk(case)
    case.refresh_from_db()
    assert case.status == Case.Status.DONE


def test_fanout_close_is_refused_to_a_unit_officer(bodies, users):
    from django.core.exceptions import PermissionDenied

    slug, name = demo.SEEDS["kota-serang"]
    sop = _adopt(bodies, "kota-serang", slug, name)
    sebar = next(s for s in _defn(sop).langkah if s.jenis == "sebar")
    case = services.case_start(actor=_starter(sop, users), sop=sop, title="Usulan DIK 2026")
    while open_tasks(case)[0].step_no != sebar.no:
        t = open_tasks(case)[0]
        complete(t, True if t.step.jenis == "keputusan" else None)
    with pytest.raises(PermissionDenied):
        services.fanout_close(actor=users["ppid-pembantu.dinkes.kota-serang"], case=case, step_no=sebar.no)


def test_case_page_offers_closing_the_collection_to_the_ppid(client, bodies, users):
    slug, name = demo.SEEDS["kota-serang"]
    sop = _adopt(bodies, "kota-serang", slug, name)
    sebar = next(s for s in _defn(sop).langkah if s.jenis == "sebar")
    case = services.case_start(actor=_starter(sop, users), sop=sop, title="Usulan DIK 2026")
    while open_tasks(case)[0].step_no != sebar.no:
        t = open_tasks(case)[0]
        complete(t, True if t.step.jenis == "keputusan" else None)
    url = f"/kerja/sop/proses/{case.pk}/sebar/{sebar.no}/tutup/"
    client.force_login(users["ppid-pembantu.dinkes.kota-serang"])
    assert "Tutup pengumpulan" not in client.get(f"/kerja/sop/proses/{case.pk}/").content.decode()
    client.force_login(users["ppid.kota-serang"])
    assert "Tutup pengumpulan" in client.get(f"/kerja/sop/proses/{case.pk}/").content.decode()
    r = client.post(url, {"reason": "Batas dalam surat sudah lewat."}, follow=True)
    assert "Langkah sebar ditutup" in r.content.decode()
    assert open_tasks(case)[0].step_no == sebar.no + 1
    client.force_login(users["ppid.kota-kupang"])
    assert client.post(url).status_code == 404


def test_refusing_an_objection_needs_reasons(bodies, users):
    """contoh-keberatan step 4 names the generic action "setujui": "tidak" without a note is refused."""
    from django.core.exceptions import ValidationError

    sop = _adopt(bodies, "kota-kupang", *demo.EXTRA)
    case = services.case_start(actor=_starter(sop, users), sop=sop, title="Keberatan")
    while open_tasks(case)[0].step_no != 4:
        complete(open_tasks(case)[0])
    task = open_tasks(case)[0]
    with pytest.raises(ValidationError, match="Tuliskan alasan bila tidak menyetujui"):
        complete(task, False)
    complete(task, False, note="Informasi dikecualikan berdasarkan Pasal 17 huruf h.")
    assert open_tasks(case)[0].step_no == 6


def test_unggah_dokumen_needs_a_file_when_the_step_names_none(bodies, users):
    from django.core.exceptions import ValidationError

    source = """\
format: terbuka-sop/1
identitas: {nama: Bukti}
pelaksana:
  - {kode: petugas, nama: Petugas, peran: petugas}
langkah:
  - {no: 1, kegiatan: Mengunggah bukti pengiriman, pelaksana: petugas, aksi: unggah_dokumen}
"""
    version = services.sop_adopt(
        actor=None, body=bodies["kota-serang"], slug="bukti", source=source, filename="b.yaml"
    )
    case = services.case_start(actor=users["petugas.kota-serang"], sop=version.sop, title="Bukti kirim")
    task = open_tasks(case)[0]
    with pytest.raises(ValidationError, match="sekurang-kurangnya satu dokumen"):
        complete(task, files=[])
    from .engine_kit import pdf

    complete(task, files=[("Bukti pengiriman", pdf())])
    case.refresh_from_db()
    assert case.status == Case.Status.DONE
