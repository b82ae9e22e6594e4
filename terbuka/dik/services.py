"""Every write to the DIK register (STYLE.md habit 2): one function per action, audited, in a transaction.

For other apps (docs/dik.md "for other apps"):

* ``entry_propose`` — record a proposed exemption (a unit's proposal row, or an item a request is about);
* ``consequence_test_open`` / ``test_item_add`` / ``test_attendance`` / ``test_item_decide`` /
  ``consequence_test_close`` — a consequence-test session; closing applies the decisions: "tidak
  dikecualikan" creates (or opens) a public information item through ``terbuka.registry.services``
  (source ``uji``); "dikecualikan" keeps it closed until the decree;
* ``decree_prepare`` / ``decree_signed`` (through the documents hook) / ``decree_distribute``;
* ``monitor`` — the daily declassification monitor (PP 61/2010 Pasal 11), idempotent;
* ``declassification_decide`` — the leadership's approval (entry opened) or a reclassification.

Reads are in ``selectors.py`` (``entry_lookup`` finds an exempted entry for a refusal).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core import audit
from terbuka.core.language import in_official_language
from terbuka.core.models import PublicBody, Unit, User
from terbuka.core.people import grants_for, local_date, today_in
from terbuka.core.policies import has_any_role
from terbuka.core.roles import Role
from terbuka.registry import services as registry
from terbuka.registry.models import Category, InformationItem, Source

from . import grounds
from .models import (
    ConsequenceTest,
    Decision,
    Declassification,
    Decree,
    DikPolicy,
    Distribution,
    Entry,
    EntryEvent,
    ProposalRound,
    Status,
    TestItem,
    TestMember,
    UnitProposal,
)
from .periods import Period, PeriodKind

OFFICE = (Role.PPID, Role.PETUGAS, Role.ADMIN)


# -- who may -----------------------------------------------------------------------------------------------


def is_office(user: Any, body: PublicBody) -> bool:
    return has_any_role(user, body, *OFFICE)


def can_propose(user: Any, body: PublicBody, unit: Unit | None) -> bool:
    """The PPID office for any unit; a PPID Pembantu for its own unit."""
    if is_office(user, body):
        return True
    return unit is not None and any(
        g.role == Role.PPID_PEMBANTU and g.unit_id == unit.pk for g in grants_for(user, body)
    )


def can_test(user: Any, body: PublicBody) -> bool:
    """The consequence-test team, the PPID and its office."""
    return has_any_role(user, body, Role.TIM_UJI, Role.PPID, Role.PETUGAS, Role.ADMIN)


def _require(ok: bool, message: str) -> None:
    if not ok:
        raise PermissionDenied(message)


def policy_for(body: PublicBody) -> DikPolicy:
    """The body's DIK policy (the defaults when it has not set one; nothing is written)."""
    found = DikPolicy.objects.filter(body=body).first()
    return found or DikPolicy(body=body)


@transaction.atomic
def policy_set(*, actor: User | None, body: PublicBody, **fields: Any) -> DikPolicy:
    if actor is not None:
        _require(
            has_any_role(actor, body, Role.PPID, Role.ADMIN), _("Hanya PPID yang mengatur kebijakan DIK.")
        )
    policy, _created = DikPolicy.objects.select_for_update().get_or_create(body=body)
    before = audit.snapshot(policy)
    for key, value in fields.items():
        if not hasattr(policy, key) or key in ("id", "body", "body_id"):
            raise ValueError(f"unknown field {key}")
        setattr(policy, key, value)
    policy.full_clean()
    policy.save()
    old, new = audit.diff(before, audit.snapshot(policy))
    audit.record(actor=actor, body=body, action="dik.policy.set", obj=policy, old=old, new=new)
    return policy


# -- entries -----------------------------------------------------------------------------------------------

ENTRY_FIELDS = (
    "title",
    "description",
    "ground_letter",
    "ground_point",
    "statute",
    "legal_basis",
    "consequence",
    "consideration",
)


def entry_problems(
    *,
    title: str,
    ground_letter: str,
    ground_point: int | None,
    statute: str,
    consequence: str,
    consideration: str,
    period: Period | None,
) -> list[tuple[str, str]]:
    """(field, Indonesian message) for every problem of a proposed row; shared by the form, the XLSX import
    and the API, so each names the same problems."""
    out: list[tuple[str, str]] = []
    if not (title or "").strip():
        out.append(("title", _("Informasi wajib diisi.")))
    elif len(title) > 500:
        out.append(("title", _("Informasi paling panjang 500 karakter.")))
    letter = (ground_letter or "").strip().lower()
    if letter not in grounds.GROUNDS:
        out.append(("ground_letter", _("Huruf Pasal 17 harus salah satu dari a sampai j.")))
    else:
        g = grounds.GROUNDS[letter]
        if ground_point:
            if not g.points:
                out.append(("ground_point", _("Pasal 17 huruf %(l)s tidak mempunyai angka.") % {"l": letter}))
            elif not 1 <= ground_point <= len(g.points):
                out.append(
                    (
                        "ground_point",
                        _("Pasal 17 huruf %(l)s hanya mempunyai angka 1 sampai %(n)s.")
                        % {"l": letter, "n": len(g.points)},
                    )
                )
        if letter == "j" and not (statute or "").strip():
            out.append(
                ("statute", _("Pasal 17 huruf j: sebutkan undang-undang yang melarang pengungkapannya."))
            )
    if not (consequence or "").strip():
        out.append(("consequence", _("Konsekuensi bila informasi dibuka wajib diisi.")))
    if not (consideration or "").strip():
        out.append(("consideration", _("Pertimbangan bila informasi ditutup wajib diisi.")))
    if period is not None:
        if letter in grounds.GROUNDS:
            period = Period(**{**period.__dict__, "letter": letter})
        out += [("period", p) for p in period.problems()]
    return out


def _transition(
    entry: Entry,
    new: str,
    *,
    actor: User | None,
    note: str = "",
    ref: str = "",
    now: dt.datetime | None = None,
) -> None:
    old = entry.status
    entry.status = new
    entry.save(update_fields=["status"])
    EntryEvent.objects.create(
        entry=entry, old=old, new=new, note=note[:2000], ref=ref[:100], actor=actor, at=now or timezone.now()
    )
    audit.record(
        actor=actor,
        body=entry.body,
        action="dik.entry.status",
        obj=entry,
        old={"status": old},
        new={"status": new, "ref": ref},
        note=note,
    )


def _ref(obj: Any) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


@transaction.atomic
def entry_propose(
    *,
    actor: User | None,
    body: PublicBody,
    unit: Unit | None,
    title: str,
    ground_letter: str,
    consequence: str,
    consideration: str,
    period: Period,
    ground_point: int | None = None,
    statute: str = "",
    legal_basis: str = "",
    description: str = "",
    item: InformationItem | None = None,
    proposal: UnitProposal | None = None,
    replaces: Entry | None = None,
    status: str = Status.DIUSULKAN,
    now: dt.datetime | None = None,
) -> Entry:
    """Record a proposed exemption. Raises ``ValidationError`` (field → messages) and writes nothing when a
    rule is broken. A Pasal 18(1) look-alike is recorded as a warning the team must answer in writing."""
    if actor is not None:
        _require(
            can_propose(actor, body, unit), _("Anda tidak berwenang mengusulkan informasi yang dikecualikan.")
        )
    if unit is not None and unit.body_id != body.pk:
        raise ValidationError({"unit": _("Unit harus berada di badan publik yang sama.")})
    if item is not None and item.body_id != body.pk:
        raise ValidationError({"item": _("Informasi harus milik badan publik yang sama.")})
    problems = entry_problems(
        title=title,
        ground_letter=ground_letter,
        ground_point=ground_point,
        statute=statute,
        consequence=consequence,
        consideration=consideration,
        period=period,
    )
    if problems:
        errors: dict[str, list[str]] = {}
        for field, message in problems:
            errors.setdefault(field, []).append(message)
        raise ValidationError(errors)
    letter = ground_letter.strip().lower()
    g = grounds.GROUNDS[letter]
    entry = Entry(
        body=body,
        unit=unit,
        item=item,
        title=title.strip(),
        description=description.strip(),
        ground_letter=letter,
        ground_point=ground_point or None,
        statute=statute.strip(),
        legal_basis=(legal_basis.strip() or g.citation(ground_point))[:500],
        consequence=consequence.strip(),
        consideration=consideration.strip(),
        proposal=proposal,
        replaces=replaces,
        status=status,
        created_by=actor if actor is not None and actor.pk else None,
        created_at=now or timezone.now(),
    )
    entry.set_period(Period(**{**period.__dict__, "letter": letter}))
    entry.warnings = [w.as_dict() for w in grounds.never_exempt_warnings(title, description)]
    entry.full_clean()
    entry.save()
    EntryEvent.objects.create(entry=entry, old="", new=status, actor=entry.created_by, at=entry.created_at)
    audit.record(actor=actor, body=body, action="dik.entry.propose", obj=entry, new=audit.snapshot(entry))
    return entry


@transaction.atomic
def entry_record_event(*, actor: User | None, entry: Entry, on: dt.date, note: str = "") -> Entry:
    """The event that ends a ``sampai_peristiwa`` period happened: the end date is now known."""
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if actor is not None:
        _require(is_office(actor, entry.body), _("Hanya kantor PPID yang mencatat peristiwa ini."))
    if entry.period_kind != PeriodKind.SAMPAI_PERISTIWA:
        raise ValidationError(_("Jangka waktu entri ini tidak berakhir dengan peristiwa."))
    if entry.period_event_on is not None:
        raise ValidationError(_("Peristiwa ini sudah dicatat."))
    entry.set_period(entry.period.with_event(on))
    entry.save()
    EntryEvent.objects.create(
        entry=entry,
        old=entry.status,
        new=entry.status,
        actor=actor,
        note=_("Peristiwa terjadi %(d)s: %(e)s. %(n)s")
        % {"d": on.isoformat(), "e": entry.period_event, "n": note},
    )
    audit.record(
        actor=actor, body=entry.body, action="dik.entry.event", obj=entry, new={"event_on": on}, note=note
    )
    return entry


# -- proposal rounds -----------------------------------------------------------------------------------------


def proposing_units(body: PublicBody) -> list[Unit]:
    """Units that have a PPID Pembantu today (the fan-out's units)."""
    from terbuka.sop.engine import ENGINE

    return ENGINE.fanout_units(body, Role.PPID_PEMBANTU)


@transaction.atomic
def round_open(
    *,
    actor: User | None,
    body: PublicBody,
    year: int,
    deadline: dt.date | None = None,
    title: str = "",
    case: Any = None,
    now: dt.datetime | None = None,
) -> ProposalRound:
    """Open a proposal round: one answer awaited from every unit with a PPID Pembantu."""
    if actor is not None:
        _require(is_office(actor, body), _("Hanya kantor PPID yang membuka putaran usulan DIK."))
    rnd = ProposalRound.objects.create(
        body=body,
        year=year,
        title=title or _("Usulan Daftar Informasi yang Dikecualikan Tahun %(y)s") % {"y": year},
        deadline=deadline,
        case=case,
        created_by=actor if actor is not None and actor.pk else None,
        created_at=now or timezone.now(),
    )
    UnitProposal.objects.bulk_create([UnitProposal(round=rnd, unit=u) for u in proposing_units(body)])
    audit.record(
        actor=actor, body=body, action="dik.round.open", obj=rnd, new={"year": year, "deadline": deadline}
    )
    return rnd


@transaction.atomic
def round_set_deadline(*, actor: User, rnd: ProposalRound, deadline: dt.date) -> ProposalRound:
    _require(is_office(actor, rnd.body), _("Hanya kantor PPID yang mengubah batas usulan."))
    old = rnd.deadline
    rnd.deadline = deadline
    rnd.save(update_fields=["deadline"])
    audit.record(
        actor=actor,
        body=rnd.body,
        action="dik.round.deadline",
        obj=rnd,
        old={"deadline": old},
        new={"deadline": deadline},
    )
    return rnd


def _proposal_for(actor: User | None, proposal: UnitProposal) -> UnitProposal:
    locked = (
        UnitProposal.objects.select_for_update().select_related("round__body", "unit").get(pk=proposal.pk)
    )
    if actor is not None:
        _require(
            can_propose(actor, locked.round.body, locked.unit),
            _("Hanya PPID Pembantu %(unit)s yang mengisi usulan unit ini.") % {"unit": locked.unit.name},
        )
    return locked


def _is_late(proposal: UnitProposal, now: dt.datetime) -> bool:
    rnd = proposal.round
    if rnd.deadline is not None and local_date(now, rnd.body) > rnd.deadline:
        return True
    if rnd.case_id is not None:
        from terbuka.sop.models import Task

        return Task.objects.filter(
            case_id=rnd.case_id, unit_id=proposal.unit_id, status=Task.Status.EXPIRED
        ).exists()
    return False


@transaction.atomic
def proposal_submit(
    *,
    actor: User | None,
    proposal: UnitProposal,
    rows: Sequence[Mapping[str, Any]],
    upload: Any = None,
    now: dt.datetime | None = None,
) -> list[Entry]:
    """A unit's proposal as rows (all or nothing). Earlier rows of the same unit not yet tested are withdrawn
    (kept as history). Each row: title, ground_letter, ground_point, statute, legal_basis, consequence,
    consideration, description, and ``period`` (a ``Period``)."""
    now = now or timezone.now()
    proposal = _proposal_for(actor, proposal)
    if not rows:
        raise ValidationError(_("Isi sekurang-kurangnya satu baris, atau nyatakan tidak ada usulan."))
    body = proposal.round.body
    errors: list[str] = []
    for i, row in enumerate(rows, start=1):
        for _field, message in entry_problems(
            title=row.get("title", ""),
            ground_letter=row.get("ground_letter", ""),
            ground_point=row.get("ground_point"),
            statute=row.get("statute", ""),
            consequence=row.get("consequence", ""),
            consideration=row.get("consideration", ""),
            period=row.get("period"),
        ):
            errors.append(_("Baris %(i)s: %(m)s") % {"i": i, "m": message})
        if row.get("period") is None:
            errors.append(_("Baris %(i)s: jangka waktu wajib diisi.") % {"i": i})
    if errors:
        raise ValidationError(errors)
    for old in proposal.entries.filter(status=Status.DIUSULKAN):
        _transition(old, Status.DITARIK, actor=actor, note=_("Diganti usulan baru unit."), now=now)
    made = [
        entry_propose(
            actor=None,
            body=body,
            unit=proposal.unit,
            proposal=proposal,
            now=now,
            title=row["title"],
            ground_letter=row["ground_letter"],
            ground_point=row.get("ground_point"),
            statute=row.get("statute", ""),
            legal_basis=row.get("legal_basis", ""),
            consequence=row["consequence"],
            consideration=row["consideration"],
            description=row.get("description", ""),
            period=row["period"],
        )
        for row in rows
    ]
    proposal.state = UnitProposal.State.DIAJUKAN
    proposal.note = ""
    proposal.late = _is_late(proposal, now)
    proposal.submitted_by = actor if actor is not None and actor.pk else None
    proposal.submitted_at = now
    if upload is not None:
        proposal.upload = upload
    proposal.save()
    audit.record(
        actor=actor,
        body=body,
        action="dik.proposal.submit",
        obj=proposal,
        new={"rows": len(made), "late": proposal.late, "entries": [e.pk for e in made]},
    )
    return made


@transaction.atomic
def proposal_nothing(
    *, actor: User | None, proposal: UnitProposal, note: str, now: dt.datetime | None = None
) -> UnitProposal:
    """The unit has nothing to propose this round (with a short note)."""
    now = now or timezone.now()
    proposal = _proposal_for(actor, proposal)
    if not (note or "").strip():
        raise ValidationError(_("Tuliskan keterangan mengapa unit tidak mengusulkan."))
    for old in proposal.entries.filter(status=Status.DIUSULKAN):
        _transition(old, Status.DITARIK, actor=actor, note=_("Unit menyatakan tidak ada usulan."), now=now)
    proposal.state = UnitProposal.State.NIHIL
    proposal.note = note.strip()
    proposal.late = _is_late(proposal, now)
    proposal.submitted_by = actor if actor is not None and actor.pk else None
    proposal.submitted_at = now
    proposal.save()
    audit.record(
        actor=actor, body=proposal.round.body, action="dik.proposal.nothing", obj=proposal, note=note
    )
    return proposal


def round_entries(rnd: ProposalRound) -> list[Entry]:
    return list(
        Entry.objects.filter(proposal__round=rnd)
        .exclude(status=Status.DITARIK)
        .select_related("unit")
        .order_by("unit__name", "pk")
    )


# -- consequence tests ---------------------------------------------------------------------------------------


def _member_rows(team: Iterable[Any]) -> list[TestMember]:
    rows = []
    for m in team:
        if isinstance(m, User):
            rows.append(
                TestMember(user=m, name=m.display_name(), nip=m.nip, role=_("Anggota Tim"), present=True)
            )
        else:
            user = m.get("user")
            rows.append(
                TestMember(
                    user=user,
                    name=(m.get("name") or (user.display_name() if user else "")).strip()[:200],
                    nip=(m.get("nip") or (user.nip if user else "") or "")[:30],
                    role=(m.get("role") or _("Anggota Tim"))[:200],
                    present=bool(m.get("present", True)),
                )
            )
    if not rows or any(not r.name for r in rows):
        raise ValidationError(_("Tim uji konsekuensi wajib punya anggota, masing-masing dengan nama."))
    return rows


@transaction.atomic
def consequence_test_open(
    *,
    actor: User | None,
    body: PublicBody,
    held_on: dt.date,
    place: str,
    team: Iterable[Any],
    entries: Iterable[Entry] = (),
    trigger: str = ConsequenceTest.Trigger.PROAKTIF,
    subject: Any = None,
    round: ProposalRound | None = None,
    case: Any = None,
    team_basis: str = "",
) -> ConsequenceTest:
    """Open a session: date, place, trigger (``proaktif`` | ``permohonan`` | ``perintah_komisi``) with a
    link to what triggered it (a request, a Komisi order, a round), its team, and the entries to test
    (each goes to ``diuji``). The request handling of seed 004 uses the same session."""
    if actor is not None:
        _require(can_test(actor, body), _("Anda tidak berwenang membuka sesi uji konsekuensi."))
    if trigger not in ConsequenceTest.Trigger.values:
        raise ValidationError(_("Pemicu uji konsekuensi tidak dikenal."))
    if not (place or "").strip():
        raise ValidationError(_("Tempat uji konsekuensi wajib diisi."))
    members = _member_rows(team)
    test = ConsequenceTest(
        body=body,
        held_on=held_on,
        place=place.strip()[:300],
        trigger=trigger,
        round=round,
        case=case,
        team_basis=team_basis[:300],
        created_by=actor if actor is not None and actor.pk else None,
    )
    if subject is not None:
        test.subject_type = ContentType.objects.get_for_model(subject)
        test.subject_id = subject.pk
    test.save()
    for m in members:
        m.test = test
    TestMember.objects.bulk_create(members)
    audit.record(
        actor=actor,
        body=body,
        action="dik.test.open",
        obj=test,
        new={"held_on": held_on, "trigger": trigger, "team": [m.name for m in members]},
    )
    for entry in entries:
        test_item_add(actor=actor, test=test, entry=entry)
    return test


def _open_test(test: ConsequenceTest) -> ConsequenceTest:
    locked = ConsequenceTest.objects.select_for_update().select_related("body").get(pk=test.pk)
    if locked.state != ConsequenceTest.State.BERLANGSUNG:
        raise ValidationError(_("Sesi uji konsekuensi ini sudah ditutup."))
    return locked


@transaction.atomic
def test_item_add(*, actor: User | None, test: ConsequenceTest, entry: Entry) -> TestItem:
    test = _open_test(test)
    if actor is not None:
        _require(can_test(actor, test.body), _("Anda tidak berwenang mengubah sesi uji konsekuensi."))
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if entry.body_id != test.body_id:
        raise ValidationError(_("Informasi ini milik badan publik lain."))
    if entry.status not in (Status.DIUSULKAN, Status.DITETAPKAN, Status.DIKECUALIKAN, Status.DEKLASIFIKASI):
        raise ValidationError(
            _("Informasi berstatus '%(s)s' tidak dapat diuji.") % {"s": entry.get_status_display()}
        )
    item, created = TestItem.objects.get_or_create(
        test=test,
        entry=entry,
        defaults={"harm": entry.consequence, "public_interest": entry.consideration},
    )
    if created and entry.status == Status.DIUSULKAN:
        _transition(entry, Status.DIUJI, actor=actor, ref=_ref(test), note=str(test))
    return item


@transaction.atomic
def test_attendance(*, actor: User | None, test: ConsequenceTest, present: Mapping[int, bool]) -> None:
    """Record who attended (member pk → present)."""
    test = _open_test(test)
    if actor is not None:
        _require(can_test(actor, test.body), _("Anda tidak berwenang mengubah sesi uji konsekuensi."))
    for member in test.members.all():
        if member.pk in present and member.present != bool(present[member.pk]):
            member.present = bool(present[member.pk])
            member.save(update_fields=["present"])
    audit.record(
        actor=actor,
        body=test.body,
        action="dik.test.attendance",
        obj=test,
        new={str(k): bool(v) for k, v in present.items()},
    )


def period_to_json(period: Period) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in period.__dict__.items():
        out[key] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def period_from_json(data: Mapping[str, Any]) -> Period:
    values = dict(data)
    for key in ("until", "start", "event_on", "review_on"):
        if values.get(key):
            values[key] = dt.date.fromisoformat(values[key])
    return Period(**values)


@transaction.atomic
def test_item_decide(
    *,
    actor: User | None,
    item: TestItem,
    decision: str,
    basis_ok: bool | None,
    harm: str,
    public_interest: str,
    period: Period | None = None,
    basis_note: str = "",
    exempt_parts: str = "",
    open_parts: str = "",
    warning_answer: str = "",
    now: dt.datetime | None = None,
) -> TestItem:
    """The team's decision on one item: the legal-basis check, the harm if opened, the public-interest
    balance, and ``dikecualikan`` | ``dikecualikan_sebagian`` (which parts) | ``tidak_dikecualikan`` with the
    period. A Pasal 18(1) look-alike cannot be exempted without a written answer."""
    item = TestItem.objects.select_for_update().select_related("entry", "test__body").get(pk=item.pk)
    _open_test(item.test)
    body = item.test.body
    if actor is not None:
        _require(
            has_any_role(actor, body, Role.TIM_UJI, Role.PPID),
            _("Hanya Tim Uji Konsekuensi yang memutuskan."),
        )
    errors: list[str] = []
    if decision not in Decision.values:
        errors.append(_("Pilih keputusan: dikecualikan, dikecualikan sebagian, atau tidak dikecualikan."))
    closes = decision in (Decision.DIKECUALIKAN, Decision.DIKECUALIKAN_SEBAGIAN)
    if basis_ok is None:
        errors.append(_("Nyatakan apakah dasar hukumnya sesuai."))
    if closes:
        if basis_ok is False:
            errors.append(_("Informasi tidak dapat dikecualikan bila dasar hukumnya tidak sesuai."))
        if not harm.strip():
            errors.append(
                _("Uraikan konsekuensi (bahaya) bila informasi dibuka (UU 14/2008 Pasal 2 ayat (4)).")
            )
        if not public_interest.strip():
            errors.append(_("Uraikan pertimbangan kepentingan publik yang lebih besar bila ditutup."))
        if period is None:
            errors.append(_("Tetapkan jangka waktu pengecualian."))
        else:
            period = Period(**{**period.__dict__, "letter": item.entry.ground_letter})
            errors += period.problems()
        if item.entry.warnings and not warning_answer.strip():
            errors.append(
                _("Jawab secara tertulis peringatan Pasal 18 ayat (1): %(w)s")
                % {"w": grounds.warning_text(item.entry.warnings)}
            )
    if decision == Decision.DIKECUALIKAN_SEBAGIAN and (not exempt_parts.strip() or not open_parts.strip()):
        errors.append(_("Sebutkan bagian yang dikecualikan dan bagian yang dibuka."))
    if errors:
        raise ValidationError(errors)
    item.decision = decision
    item.basis_ok = basis_ok
    item.basis_note = basis_note.strip()
    item.harm = harm.strip()
    item.public_interest = public_interest.strip()
    item.exempt_parts = exempt_parts.strip() if decision == Decision.DIKECUALIKAN_SEBAGIAN else ""
    item.open_parts = open_parts.strip() if decision == Decision.DIKECUALIKAN_SEBAGIAN else ""
    item.warning_answer = warning_answer.strip()
    item.period = period_to_json(period) if closes and period is not None else None
    item.decided_by = actor if actor is not None and actor.pk else None
    item.decided_at = now or timezone.now()
    item.save()
    audit.record(
        actor=actor,
        body=body,
        action="dik.test.decide",
        obj=item,
        new={"entry": item.entry_id, "decision": decision, "period": item.period},
    )
    return item


def _ensure_item(entry: Entry, *, title: str = "", public: bool) -> InformationItem:
    """The registry item of an entry (created through the registry's services)."""
    if entry.item_id is not None and not title:
        item = InformationItem.objects.get(pk=entry.item_id)
        if public and not item.is_public:
            item = registry.item_publish(actor=None, item=item)
        return item
    item = registry.item_create(
        actor=None,
        body=entry.body,
        title=title or entry.title,
        category=Category.SETIAP_SAAT if public else Category.DIKECUALIKAN,
        is_public=public,
        unit=entry.unit,
        summary=entry.description,
        year=entry.tested_on.year if entry.tested_on else None,
        source=Source.UJI if public else Source.USULAN,
        source_ref=_ref(entry),
    )
    return item


@transaction.atomic
def consequence_test_close(
    *, actor: User | None, test: ConsequenceTest, now: dt.datetime | None = None
) -> ConsequenceTest:
    """Close a session and apply its decisions: exempt (in full or in part) → the entry ``dikecualikan``
    with its period (a closed registry item; the open parts of a partial exemption become a public item);
    not exempt → ``tidak_dikecualikan`` and a public information item (registry, source ``uji``)."""
    now = now or timezone.now()
    test = _open_test(test)
    if actor is not None:
        _require(can_test(actor, test.body), _("Anda tidak berwenang menutup sesi uji konsekuensi."))
    items = list(test.items.select_related("entry").order_by("pk"))
    errors = []
    if not items:
        errors.append(_("Sesi ini belum menguji satu informasi pun."))
    undecided = [i.entry.title for i in items if not i.decision]
    if undecided:
        errors.append(_("Belum diputuskan: %(t)s.") % {"t": "; ".join(undecided)})
    if not test.members.filter(present=True).exists():
        errors.append(_("Catat kehadiran: sekurang-kurangnya satu anggota tim hadir."))
    if errors:
        raise ValidationError(errors)
    for item in items:
        entry = Entry.objects.select_for_update().get(pk=item.entry_id)
        entry.tested_on = test.held_on
        if item.decision == Decision.TIDAK_DIKECUALIKAN:
            # Public from now on: no end date and nothing for the monitor to watch (the proposed period stays
            # on the entry as what was proposed).
            entry.ends_on = entry.watch_on = None
            entry.save(update_fields=["tested_on", "ends_on", "watch_on"])
            public = _ensure_item(entry, public=True)
            if entry.item_id is None:
                entry.item = public
                entry.save(update_fields=["item"])
            item.public_item = public
            item.save(update_fields=["public_item"])
            _transition(
                entry, Status.TIDAK_DIKECUALIKAN, actor=actor, ref=_ref(test), note=str(test), now=now
            )
            if entry.replaces_id:
                _open_replaced(entry, actor=actor, now=now)
            continue
        assert item.period is not None
        entry.set_period(period_from_json(item.period))
        entry.consequence = item.harm
        entry.consideration = item.public_interest
        entry.exempt_parts = item.exempt_parts
        entry.open_parts = item.open_parts
        entry.warning_answer = item.warning_answer
        entry.save()
        if entry.item_id is None:
            entry.item = _ensure_item(entry, public=False)
            entry.save(update_fields=["item"])
        if item.decision == Decision.DIKECUALIKAN_SEBAGIAN:
            title = _("%(t)s — bagian yang dibuka: %(p)s") % {"t": entry.title, "p": item.open_parts}
            item.public_item = _ensure_item(entry, title=title[:500], public=True)
            item.save(update_fields=["public_item"])
        _transition(entry, Status.DIKECUALIKAN, actor=actor, ref=_ref(test), note=str(test), now=now)
    test.state = ConsequenceTest.State.SELESAI
    test.closed_at = now
    test.save(update_fields=["state", "closed_at"])
    audit.record(
        actor=actor,
        body=test.body,
        action="dik.test.close",
        obj=test,
        new={d: sum(1 for i in items if i.decision == d) for d in Decision.values},
    )
    return test


def _open_replaced(entry: Entry, *, actor: User | None, now: dt.datetime) -> None:
    """A reclassification decided "not exempt": the entry it was to replace opens."""
    assert entry.replaces_id is not None
    old = Entry.objects.select_for_update().get(pk=entry.replaces_id)
    if old.status in CLOSED_FOR_REPLACE:
        entry_open(actor=actor, entry=old, note=_("Reklasifikasi: tidak dikecualikan lagi."), now=now)


CLOSED_FOR_REPLACE = (Status.DITETAPKAN, Status.DEKLASIFIKASI, Status.DIKECUALIKAN)


# -- decree --------------------------------------------------------------------------------------------------


def decree_entries(body: PublicBody, rnd: ProposalRound | None = None) -> list[Entry]:
    """The entries a new decree fixes: decided exempt, not yet decreed (of the round, when given)."""
    qs = Entry.objects.filter(body=body, status=Status.DIKECUALIKAN)
    if rnd is not None:
        qs = qs.filter(proposal__round=rnd) | qs.filter(test_items__test__round=rnd)
    return list(qs.distinct().select_related("unit").order_by("unit__name", "ends_on", "pk"))


def register_rows(
    entries: Iterable[Entry], *, decree_number: str = "", status: str = ""
) -> list[dict[str, str]]:
    """The DIK columns (DOMAIN.md §6) of entries, for the lampiran and the lists."""
    rows = []
    for e in entries:
        rows.append(
            {
                "informasi": e.title
                + (f" ({_('dikecualikan sebagian')}: {e.exempt_parts})" if e.exempt_parts else ""),
                "unit": e.unit.name if e.unit else "",
                "dasar_hukum": e.legal_basis or e.citation(),
                "konsekuensi": e.consequence,
                "pertimbangan": e.consideration,
                "jangka_waktu": e.period_text(),
                "tanggal_uji": e.tested_on.strftime("%d-%m-%Y") if e.tested_on else "",
                "nomor_sk": decree_number
                or (e.decree.register_number or e.decree.number if e.decree else ""),
                "status": status or e.get_status_display(),
            }
        )
    return rows


@transaction.atomic
def decree_prepare(
    *, actor: User | None, body: PublicBody, year: int, rnd: ProposalRound | None = None, case: Any = None
) -> Decree:
    """A decree awaiting its document: who decrees follows the body's policy."""
    entries = decree_entries(body, rnd)
    if not entries:
        raise ValidationError(_("Belum ada informasi yang diputuskan dikecualikan untuk ditetapkan."))
    decree = Decree.objects.create(
        body=body, year=year, decreed_by=policy_for(body).decree_by, round=rnd, case=case
    )
    audit.record(
        actor=actor,
        body=body,
        action="dik.decree.prepare",
        obj=decree,
        new={"entries": [e.pk for e in entries]},
    )
    return decree


@transaction.atomic
def decree_attach(*, actor: User | None, decree: Decree, document: Any) -> Decree:
    """Link the decree to its ``sk_dik`` letter (drafted by a SOP step or by ``decree_draft``)."""
    decree = Decree.objects.select_for_update().get(pk=decree.pk)
    if document.kind != "sk_dik" or document.body_id != decree.body_id:
        raise ValidationError(_("Naskah keputusan harus berjenis SK DIK dari badan publik yang sama."))
    decree.document = document
    decree.save(update_fields=["document"])
    audit.record(
        actor=actor, body=decree.body, action="dik.decree.attach", obj=decree, new={"document": document.pk}
    )
    if document.status == document.Status.FINAL:
        decree_signed(document, actor)
    return decree


@in_official_language
@transaction.atomic
def decree_draft(
    *,
    actor: User,
    decree: Decree,
    signers: Sequence[Any],
    case: Any = None,
    step_no: int | None = None,
    label: str = "",
) -> Any:
    """Draft the decree's ``sk_dik`` letter from the register with its sign-off chain (outside a SOP)."""
    from terbuka.documents.services import generate_document

    stored = generate_document(
        actor=actor,
        body=decree.body,
        kind="sk_dik",
        context=decree_context(decree.body, decree.round),
        signers=signers,
        case=case,
        step_no=step_no,
        label=label,
    )
    assert stored.document is not None
    decree_attach(actor=actor, decree=decree, document=stored.document)
    return stored.document


def decree_context(body: PublicBody, rnd: ProposalRound | None = None) -> dict[str, Any]:
    """The ``sk_dik`` letter's data from the register (the lampiran of exempted items)."""
    policy = policy_for(body)
    rows = register_rows(decree_entries(body, rnd), status=str(Status.DITETAPKAN.label))
    ctx: dict[str, Any] = {"daftar": rows}
    tembusan = [_("Ketua Komisi Informasi Provinsi"), _("Atasan PPID")]
    if policy.dprd_name:
        tembusan.append(policy.dprd_name)
    ctx["tembusan"] = tembusan
    if policy.decree_by == DikPolicy.DecreeBy.PPID:
        name = body.name.upper()
        who = f"PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI {name}"
        ctx["kop"] = {"kepala": ""}
        ctx["pejabat_penetap"] = who
    return ctx


def decree_signed(document: Any, actor: User | None) -> Decree | None:
    """The SK was signed (documents hook): number, date, and every entry it lists becomes ``ditetapkan``."""
    decree = Decree.objects.select_for_update().filter(document=document).first()
    if decree is None or decree.signed_on is not None:
        return decree
    decree.number = document.number or ""
    decree.register_number = getattr(document, "register_number", "") or ""
    decree.signed_on = document.date or timezone.localdate()
    decree.save()
    for entry in decree_entries(decree.body, decree.round):
        entry = Entry.objects.select_for_update().get(pk=entry.pk)
        entry.decree = decree
        entry.save(update_fields=["decree"])
        _transition(entry, Status.DITETAPKAN, actor=actor, ref=_ref(decree), note=str(decree))
        if entry.replaces_id:
            old = Entry.objects.select_for_update().get(pk=entry.replaces_id)
            if old.status in CLOSED_FOR_REPLACE:
                _transition(old, Status.DIGANTI, actor=actor, ref=_ref(entry), note=_("Direklasifikasi."))
                Declassification.objects.filter(entry=old, state=Declassification.State.BERJALAN).update(
                    state=Declassification.State.DIPERPANJANG, decided_at=timezone.now()
                )
    audit.record(
        actor=actor,
        body=decree.body,
        action="dik.decree.signed",
        obj=decree,
        new={"number": decree.number, "register": decree.register_number},
    )
    return decree


def on_document_event(event: str, document: Any, actor: User | None, grant: Any) -> None:
    if event == "signed" and document.kind == "sk_dik":
        decree_signed(document, actor)


@transaction.atomic
def decree_distribute(
    *, actor: User | None, decree: Decree, now: dt.datetime | None = None
) -> list[Distribution]:
    """Send the signed decree to every PPID Pembantu and the DPRD: recorded, e-mailed where an address is
    known. Idempotent (a recipient gets it once)."""
    from django.core.mail import send_mail

    from terbuka.core.people import holders_of

    now = now or timezone.now()
    decree = Decree.objects.select_for_update().select_related("body").get(pk=decree.pk)
    body = decree.body
    if actor is not None:
        _require(is_office(actor, body), _("Hanya kantor PPID yang mendistribusikan keputusan."))
    if not decree.is_signed:
        raise ValidationError(_("Keputusan belum ditandatangani."))
    done = {(d.unit_id, d.recipient) for d in decree.distributions.all()}
    policy = policy_for(body)
    targets: list[tuple[Unit | None, str, str]] = []
    for unit in proposing_units(body):
        people = holders_of(body, Role.PPID_PEMBANTU, unit)
        email = next((p.email for p in people if p.email), "")
        targets.append((unit, _("PPID Pembantu %(u)s") % {"u": unit.name}, email))
    dprd = policy.dprd_name or _("DPRD %(b)s") % {"b": body.name.replace("Pemerintah ", "")}
    targets.append((None, dprd, policy.dprd_email))
    made = []
    subject = _("Keputusan tentang Daftar Informasi yang Dikecualikan %(b)s") % {"b": body.name}
    from django.conf import settings

    link = f"{settings.SITE_URL.rstrip('/')}/badan/{body.slug}/dik/"
    for target, recipient, email in targets:
        if (target.pk if target else None, recipient) in done:
            continue
        emailed = False
        if email:
            sent = send_mail(
                subject,
                _("Dengan hormat, bersama ini kami sampaikan %(s)s Nomor %(n)s. Daftar dan keputusan: %(l)s")
                % {"s": subject, "n": decree.register_number or decree.number, "l": link},
                None,
                [email],
                fail_silently=True,
            )
            emailed = bool(sent)
        made.append(
            Distribution.objects.create(
                decree=decree,
                unit=target,
                recipient=recipient[:300],
                email=email,
                emailed=emailed,
                at=now,
                by=actor if actor is not None and actor.pk else None,
            )
        )
    audit.record(
        actor=actor,
        body=body,
        action="dik.decree.distribute",
        obj=decree,
        new={"recipients": [d.recipient for d in made]},
    )
    return made


# -- opening, declassification and the monitor --------------------------------------------------------------


@transaction.atomic
def entry_open(*, actor: User | None, entry: Entry, note: str = "", now: dt.datetime | None = None) -> Entry:
    """The entry's information becomes public: status ``dibuka``, its registry item joins the DIP."""
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if entry.status not in CLOSED_FOR_REPLACE:
        raise ValidationError(_("Informasi ini tidak sedang dikecualikan."))
    item = _ensure_item(entry, public=True)
    if entry.item_id is None:
        entry.item = item
        entry.save(update_fields=["item"])
    _transition(entry, Status.DIBUKA, actor=actor, note=note, now=now)
    return entry


def _monitor_actor(body: PublicBody, sop: Any) -> User | None:
    """Who the monitor starts the body's declassification process as: a holder of its first lane."""
    from terbuka.core.people import holders_of
    from terbuka.sop import lanes

    if sop.current_version is None:
        return None
    people = holders_of(body, lanes.first_role(sop.current_version.definition))
    return people[0] if people else None


def monitor(
    *,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    body: PublicBody | None = None,
    stdout: Any = None,
) -> dict[str, int]:
    """The daily monitor (PP 61/2010 Pasal 11; seed 002 step 3). Idempotent.

    * A decreed entry whose end (or review date) falls within the body's warning window (30 working days)
      gets one declassification: a process on the body's SOP (policy ``declass_sop``), subject the
      declassification, with the approval the body requires.
    * An entry whose period ended with no decision opens by itself, unless the body's policy says otherwise.
    """
    from terbuka.core.workdays import calendar_for
    from terbuka.sop.models import Sop
    from terbuka.sop.services import case_cancel, case_start

    counts = {"dibuka_otomatis": 0, "deklasifikasi_dibuka": 0}
    bodies = [body] if body is not None else list(PublicBody.objects.filter(is_active=True))
    for b in bodies:
        day = today or (local_date(now, b) if now is not None else today_in(b))
        policy = policy_for(b)
        cal = calendar_for(b)
        # Only entries that can be within the warning window (working days are at most ~1.5 calendar days
        # each, holidays included) or already past their end: the calendar is never asked about 2056.
        horizon = day + dt.timedelta(days=policy.warn_working_days * 2 + 30)
        candidates = Entry.objects.filter(
            body=b, status__in=(Status.DITETAPKAN, Status.DEKLASIFIKASI), watch_on__lte=horizon
        ).order_by("watch_on", "pk")
        for entry in candidates:
            assert entry.watch_on is not None
            with transaction.atomic():
                entry = Entry.objects.select_for_update().get(pk=entry.pk)
                if entry.status not in (Status.DITETAPKAN, Status.DEKLASIFIKASI) or entry.watch_on is None:
                    continue
                ends = entry.ends_on
                if ends is not None and ends <= day and policy.auto_open:
                    running = entry.declassifications.filter(state=Declassification.State.BERJALAN)
                    for d in running:
                        d.state = Declassification.State.OTOMATIS
                        d.decided_at = timezone.now()
                        d.save(update_fields=["state", "decided_at"])
                        if d.case_id is not None and d.case is not None and d.case.status == "open":
                            starter = _monitor_actor(b, d.case.sop_version.sop) or d.case.started_by
                            assert starter is not None
                            case_cancel(
                                actor=starter,
                                case=d.case,
                                reason=_("Jangka waktu berakhir tanpa keputusan: dibuka otomatis."),
                            )
                    if not running:
                        Declassification.objects.get_or_create(
                            entry=entry,
                            ends_on=ends,
                            defaults={"state": Declassification.State.OTOMATIS, "decided_at": timezone.now()},
                        )
                    entry_open(
                        actor=None,
                        entry=entry,
                        note=_(
                            "Jangka waktu pengecualian berakhir %(d)s tanpa keputusan: dibuka otomatis "
                            "(PP 61/2010 Pasal 11)."
                        )
                        % {"d": ends.isoformat()},
                    )
                    counts["dibuka_otomatis"] += 1
                    if stdout is not None:
                        stdout.write(f"dibuka otomatis: {entry} ({b.slug})\n")
                    continue
                watch = entry.watch_on
                if entry.status != Status.DITETAPKAN:
                    continue
                left = cal.between(day, watch) if watch > day else 0
                if left > policy.warn_working_days:
                    continue
                decl, created = Declassification.objects.get_or_create(entry=entry, ends_on=watch)
                if not created:
                    continue
                _transition(
                    entry,
                    Status.DEKLASIFIKASI,
                    actor=None,
                    ref=_ref(decl),
                    note=_("Berakhir %(d)s: %(n)s hari kerja lagi.") % {"d": watch.isoformat(), "n": left},
                )
                sop = Sop.objects.filter(body=b, slug=policy.declass_sop, is_active=True).first()
                starter = _monitor_actor(b, sop) if sop is not None else None
                if sop is not None and starter is not None:
                    decl.case = case_start(
                        actor=starter,
                        sop=sop,
                        subject=decl,
                        unit=entry.unit,
                        title=_("Deklasifikasi: %(t)s") % {"t": entry.title[:250]},
                    )
                    decl.save(update_fields=["case"])
                audit.record(
                    actor=None,
                    body=b,
                    action="dik.declassification.open",
                    obj=decl,
                    new={"entry": entry.pk, "ends_on": watch, "case": decl.case_id},
                )
                counts["deklasifikasi_dibuka"] += 1
                if stdout is not None:
                    stdout.write(f"deklasifikasi dibuka: {entry} ({b.slug}), {left} hari kerja\n")
    return counts


@transaction.atomic
def declassification_decide(
    *,
    actor: User | None,
    declassification: Declassification,
    approve: bool,
    note: str = "",
    now: dt.datetime | None = None,
) -> Declassification:
    """The leadership's decision: approve → the entry opens and joins the DIP; refuse (with reasons) → a
    reclassification: a new entry to be tested again (PP 61/2010 Pasal 10); the old one stays until then."""
    now = now or timezone.now()
    decl = (
        Declassification.objects.select_for_update().select_related("entry__body").get(pk=declassification.pk)
    )
    body = decl.entry.body
    if actor is not None:
        _require(
            has_any_role(actor, body, Role.TIM_UJI, Role.PPID, Role.KEPALA_DAERAH, Role.ATASAN_PPID),
            _("Anda tidak berwenang memutus deklasifikasi."),
        )
    if decl.state != Declassification.State.BERJALAN:
        raise ValidationError(_("Deklasifikasi ini sudah diputus."))
    if not approve and not note.strip():
        raise ValidationError(_("Tuliskan alasan bila informasi tetap dikecualikan."))
    entry = decl.entry
    if approve:
        entry_open(actor=actor, entry=entry, note=note or _("Deklasifikasi disetujui."), now=now)
        decl.state = Declassification.State.DIBUKA
    else:
        entry_reclassify(actor=None, entry=entry, note=note, now=now)
        decl.state = Declassification.State.DIPERPANJANG
    decl.decided_at = now
    decl.note = note.strip()
    decl.save(update_fields=["state", "decided_at", "note"])
    audit.record(
        actor=actor,
        body=body,
        action="dik.declassification.decide",
        obj=decl,
        new={"approve": approve},
        note=note,
    )
    return decl


@transaction.atomic
def entry_reclassify(*, actor: User | None, entry: Entry, note: str, now: dt.datetime | None = None) -> Entry:
    """Start a reclassification (PP 61/2010 Pasal 10): a new entry, ``diusulkan``, replacing this one once a
    new consequence test decides it; this one stays ``ditetapkan`` (history kept)."""
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if actor is not None:
        _require(
            has_any_role(actor, entry.body, Role.PPID, Role.ADMIN),
            _("Reklasifikasi dilakukan oleh PPID (PP 61/2010 Pasal 10)."),
        )
    if not (note or "").strip():
        raise ValidationError(_("Tuliskan alasan reklasifikasi."))
    if entry.status not in CLOSED_FOR_REPLACE:
        raise ValidationError(_("Hanya informasi yang sedang dikecualikan yang dapat direklasifikasi."))
    if entry.replaced_by.exclude(status__in=(Status.DITARIK, Status.TIDAK_DIKECUALIKAN)).exists():
        raise ValidationError(_("Reklasifikasi informasi ini sudah berjalan."))
    new = Entry.objects.get(pk=entry.pk)
    new.pk = None
    new.id = None
    new.status = Status.DIUSULKAN
    new.replaces = entry
    new.decree = None
    new.tested_on = None
    new.proposal = None
    new.created_by = actor if actor is not None and actor.pk else None
    new.created_at = now or timezone.now()
    new.save()
    EntryEvent.objects.create(
        entry=new, old="", new=Status.DIUSULKAN, actor=new.created_by, note=note, ref=_ref(entry)
    )
    if entry.status == Status.DEKLASIFIKASI:
        _transition(
            entry,
            Status.DITETAPKAN,
            actor=actor,
            note=_("Reklasifikasi: diuji ulang. %(n)s") % {"n": note},
            ref=_ref(new),
            now=now,
        )
    audit.record(
        actor=actor,
        body=entry.body,
        action="dik.entry.reclassify",
        obj=new,
        new={"replaces": entry.pk},
        note=note,
    )
    return new


# -- the session's documents: lembar uji, berita acara, ketetapan --------------------------------------------


def _team_rows(test: ConsequenceTest) -> list[dict[str, str]]:
    return [
        {"nama": m.name, "nip": m.nip or "-", "peran": m.role, "tanda": ""}
        for m in test.members.filter(present=True).order_by("pk")
    ]


def test_sheet_rows(test: ConsequenceTest) -> list[dict[str, str]]:
    """The consequence-test sheet columns (DOMAIN.md §3 [P]) from the decided items."""
    rows = []
    for item in test.items.select_related("entry").order_by("pk"):
        e = item.entry
        g = grounds.GROUNDS.get(e.ground_letter)
        period = period_from_json(item.period).describe() if item.period else _("- (dibuka)")
        rows.append(
            {
                "informasi": e.title,
                "undang_undang": e.statute or "UU 14/2008",
                "pasal": "17",
                "huruf": e.ground_letter,
                "angka": str(e.ground_point or "-"),
                "konsekuensi": item.harm or "-",
                "pertimbangan": item.public_interest or "-",
                "jangka_waktu": period if g else "-",
            }
        )
    return rows


def _outcome(item: TestItem) -> str:
    if item.decision == Decision.DIKECUALIKAN_SEBAGIAN:
        return _("Dikecualikan sebagian: %(x)s; dibuka: %(o)s") % {
            "x": item.exempt_parts,
            "o": item.open_parts,
        }
    return str(Decision(item.decision).label) if item.decision else "-"


@in_official_language
@transaction.atomic
def test_documents(*, actor: User, test: ConsequenceTest, chair: User | None = None) -> ConsequenceTest:
    """Generate the session's lembar uji konsekuensi and berita acara (initialled by every present member
    who has an account, signed by the chair) and the ketetapan (signed by the PPID), from the rows."""
    from terbuka.documents.services import generate_document
    from terbuka.documents.signoff import Signer

    test = ConsequenceTest.objects.select_for_update().select_related("body").get(pk=test.pk)
    body = test.body
    _require(can_test(actor, body), _("Anda tidak berwenang menyusun naskah uji konsekuensi."))
    if test.state != ConsequenceTest.State.SELESAI:
        raise ValidationError(_("Tutup sesi (semua keputusan diambil) sebelum menyusun naskahnya."))
    if test.sheet_id is not None:
        raise ValidationError(_("Naskah sesi ini sudah disusun."))
    chair = chair or actor
    chair_role = next((g.role for g in grants_for(chair, body) if g.role in (Role.TIM_UJI, Role.PPID)), None)
    if chair_role is None:
        raise ValidationError(_("Ketua sidang harus anggota Tim Uji Konsekuensi atau PPID."))
    chain: list[Any] = []
    for m in test.members.filter(present=True, user__isnull=False).select_related("user").order_by("pk"):
        if m.user_id == chair.pk:
            continue
        assert m.user is not None
        role = next((g.role for g in grants_for(m.user, body)), None)
        if role is not None:
            chain.append(Signer(m.user, role, kind="paraf"))
    signers = [*chain, Signer(chair, chair_role)]
    tim = _team_rows(test)
    year = test.held_on.year
    sheet = generate_document(
        actor=actor,
        body=body,
        kind="lembar_uji_konsekuensi",
        signers=signers,
        classification="internal",
        context={
            "judul": _("INFORMASI YANG DIKECUALIKAN %(b)s TAHUN %(y)s") % {"b": body.name.upper(), "y": year},
            "tempat_rapat": test.place,
            "informasi": test_sheet_rows(test),
            "tim": tim,
        },
        label=_("Lembar analisa uji konsekuensi"),
        case=test.case,
    )
    minutes = generate_document(
        actor=actor,
        body=body,
        kind="berita_acara_uji_konsekuensi",
        signers=signers,
        context={
            "tempat_rapat": test.place,
            "dasar_tim": test.team_basis or _("Penugasan Tim Uji Konsekuensi %(b)s") % {"b": body.name},
            "hasil": [
                {
                    "informasi": i.entry.title,
                    "dasar": i.entry.citation(),
                    "hasil": _outcome(i),
                    "jangka_waktu": period_from_json(i.period).describe() if i.period else "-",
                }
                for i in test.items.select_related("entry").order_by("pk")
            ],
            "catatan": [
                _(
                    "Informasi yang tidak dikecualikan dicatat sebagai informasi publik dalam Daftar "
                    "Informasi Publik."
                ),
                *[
                    _('Peringatan Pasal 18 ayat (1) atas "%(t)s" dijawab: %(a)s')
                    % {"t": i.entry.title, "a": i.warning_answer}
                    for i in test.items.select_related("entry").exclude(warning_answer="")
                ],
            ],
            "tim": tim,
        },
        label=_("Berita acara uji konsekuensi"),
        case=test.case,
    )
    exempt = [i for i in test.items.select_related("entry").order_by("pk") if i.period]
    determination = generate_document(
        actor=actor,
        body=body,
        kind="ketetapan_uji_konsekuensi",
        signers=[Signer(None, Role.PPID)],
        context={
            "informasi": [
                {
                    "informasi": i.entry.title
                    + (f" ({_('sebagian')}: {i.exempt_parts})" if i.exempt_parts else ""),
                    "dasar_hukum": i.entry.citation(),
                    "jangka_waktu": period_from_json(i.period or {}).describe(),
                }
                for i in exempt
            ]
            or [
                {
                    "informasi": _("Tidak ada informasi yang dikecualikan."),
                    "dasar_hukum": "-",
                    "jangka_waktu": "-",
                }
            ],
        },
        label=_("Ketetapan Uji Konsekuensi"),
        case=test.case,
    )
    test.sheet, test.minutes, test.determination = sheet.document, minutes.document, determination.document
    test.save(update_fields=["sheet", "minutes", "determination"])
    audit.record(
        actor=actor,
        body=body,
        action="dik.test.documents",
        obj=test,
        new={"sheet": test.sheet_id, "minutes": test.minutes_id, "determination": test.determination_id},
    )
    return test
