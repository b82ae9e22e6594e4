"""Every seed SOP (and the sixth, the objection procedure) runs end to end with the demo users.

Each decision is taken both ways: one walk answers "ya" everywhere, and for every decision step another walk
answers "tidak" on its first visit (then "ya"), so the "tidak" target is visited (or the case ends there).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from terbuka.core.models import Event

from .. import demo, services
from ..models import Case, CaseEvent, Sop, Task
from ..schema import END
from .engine_kit import SOPS, complete, open_tasks, walk

ALL = [(body, slug, name) for body, (slug, name) in demo.SEEDS.items()] + [
    ("kota-serang", demo.EXTRA[0], demo.EXTRA[1])
]


def _adopt(bodies, body_slug: str, slug: str, name: str):
    path = SOPS / name
    if not path.exists():
        pytest.skip(f"sops/{name} belum ditulis (dikerjakan bersamaan oleh pembuat definisi SOP)")
    version = services.sop_adopt(
        actor=None, body=bodies[body_slug], slug=slug, source=path.read_text("utf-8"), filename=name
    )
    return version.sop


def _defn(sop: Sop):
    assert sop.current_version is not None
    return sop.current_version.definition


def _starter(sop: Sop, users):
    defn = _defn(sop)
    role = services._step_role(defn, defn.first)
    people = services.lane_holders(sop.body, role)
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


@pytest.mark.parametrize(("body_slug", "slug", "name"), ALL, ids=[f"{b}:{n}" for b, _s, n in ALL])
def test_walk_each_tidak_branch(bodies, users, body_slug, slug, name):
    sop = _adopt(bodies, body_slug, slug, name)
    defn = _defn(sop)
    steps = _decision_steps(sop)
    if not steps:
        pytest.skip(f"{name} has no decision step")
    for no in steps:
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


@pytest.mark.parametrize("body_slug", ["kota-kupang", "kota-serang"])
def test_fanout_with_a_late_unit(bodies, users, body_slug):
    slug, name = demo.SEEDS[body_slug]
    sop = _adopt(bodies, body_slug, slug, name)
    sebar = _first_sebar_with_limit(sop)
    if sebar is None:
        pytest.skip(f"{name}: no fan-out step with a time limit (the source gives no waktu)")
    tz = ZoneInfo(sop.body.time_zone)
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=tz)
    case = services.case_start(actor=_starter(sop, users), sop=sop, title="Usulan DIK 2026", now=start)
    while open_tasks(case)[0].step_no != sebar.no:
        t = open_tasks(case)[0]
        complete(t, True if t.step.jenis == "keputusan" else None, now=start)
    fan = open_tasks(case)
    assert len(fan) == len(services.fanout_units(sop.body, str(sebar.sebar.peran)))
    late, *others = fan
    for t in others:
        complete(t, now=start)
    assert open_tasks(case) == [late]
    after = dt.datetime.combine(late.due_date + dt.timedelta(days=1), dt.time(9), tzinfo=tz)
    from ..reminders import send_reminders

    result = send_reminders(now=after)
    assert result["fanouts_closed"] == 1
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
