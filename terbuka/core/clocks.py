"""Statutory clocks (DOMAIN.md §4): deadlines the law sets, counted in working days, stored and indexed.

A clock belongs to an owner (a running process, a request, an objection, a dispute), has a kind from
``KINDS`` (the rule and its legal basis), starts on the day a thing counts as received (the office-hours
cut-off of the body: ``workdays.received_on``), may be paused while the office waits for the requester (the
paused working days are added back), may be extended once where the law allows it (with written reasons),
and stops when the duty is done. ``due_date`` and ``due_at`` (the body's closing time on that day, in its own
zone) are stored on every change, so "overdue" is one indexed comparison: ``due_at < now``.

Every change goes through the functions below (one per action, audited), and ``explain`` tells how the date
was computed: the start, each skipped day and why, each pause and the extension with its reasons.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit
from .models import Clock, PublicBody, User
from .people import local_date
from .workdays import calendar_for, received_on


@dataclass(frozen=True)
class ClockKind:
    code: str
    label: Any  # lazy translation
    days: int
    basis: str  # the article that sets it
    max_extension: int = 0  # working days the law allows to add once, with written reasons
    extension_basis: str = ""


KINDS: dict[str, ClockKind] = {
    k.code: k
    for k in (
        ClockKind(
            "pemberitahuan_tertulis",
            gettext_lazy("Pemberitahuan tertulis kepada pemohon"),
            10,
            "UU 14/2008 Pasal 22 ayat (7)",
            max_extension=7,
            extension_basis="UU 14/2008 Pasal 22 ayat (8)",
        ),
        ClockKind(
            "pengajuan_keberatan",
            gettext_lazy("Batas pengajuan keberatan"),
            30,
            "UU 14/2008 Pasal 36 ayat (1)",
        ),
        ClockKind(
            "tanggapan_keberatan",
            gettext_lazy("Tanggapan atas keberatan oleh Atasan PPID"),
            30,
            "UU 14/2008 Pasal 36 ayat (2)",
        ),
        ClockKind(
            "pengajuan_sengketa",
            gettext_lazy("Batas pengajuan sengketa ke Komisi Informasi"),
            14,
            "UU 14/2008 Pasal 37 ayat (2)",
        ),
        ClockKind(
            "mulai_penyelesaian_sengketa",
            gettext_lazy("Komisi Informasi mulai menyelesaikan sengketa"),
            14,
            "UU 14/2008 Pasal 38 ayat (1)",
        ),
        ClockKind(
            "penyelesaian_sengketa",
            gettext_lazy("Penyelesaian sengketa oleh Komisi Informasi"),
            100,
            "UU 14/2008 Pasal 38 ayat (2)",
        ),
    )
}


def kind(code: str) -> ClockKind:
    try:
        return KINDS[code]
    except KeyError:
        raise ValidationError(
            _("Jenis tenggat tidak dikenal: %(code)s. Yang tersedia: %(known)s.")
            % {"code": code, "known": ", ".join(sorted(KINDS))}
        ) from None


def register(clock_kind: ClockKind) -> ClockKind:
    """Let an app add a clock kind (with its legal basis) from its ``ready()``."""
    if clock_kind.code in KINDS and KINDS[clock_kind.code] != clock_kind:
        raise ValueError(f"clock kind {clock_kind.code!r} already registered")
    KINDS[clock_kind.code] = clock_kind
    return clock_kind


def _closing(body: PublicBody, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, body.office_closes, tzinfo=ZoneInfo(body.time_zone))


def _recompute(clock: Clock, body: PublicBody) -> None:
    if clock.status == Clock.Status.PAUSED:
        clock.due_date = None
        clock.due_at = None
        return
    cal = calendar_for(body)
    total = clock.days + clock.extension_days + clock.paused_days
    clock.due_date = cal.add(clock.received_on, total)
    clock.due_at = _closing(body, clock.due_date)


def _owner_key(owner: models.Model) -> dict[str, Any]:
    return {"owner_type": ContentType.objects.get_for_model(owner), "owner_id": owner.pk}


def clocks_of(*owners: models.Model | None) -> list[Clock]:
    """The clocks of the given owners (e.g. a process and its subject), nearest deadline first."""
    q = models.Q(pk__in=[])
    for owner in owners:
        if owner is not None and owner.pk is not None:
            q |= models.Q(**_owner_key(owner))
    return list(Clock.objects.filter(q).order_by("status", "due_at", "pk"))


def get(owner: models.Model, code: str) -> Clock | None:
    return Clock.objects.filter(**_owner_key(owner), kind=code).first()


@transaction.atomic
def clock_start(
    *,
    actor: User | None,
    body: PublicBody,
    owner: models.Model,
    code: str,
    at: dt.datetime | None = None,
    on: dt.date | None = None,
) -> Clock:
    """Start a clock: counted from the day ``at`` counts as received (office-hours cut-off), or from ``on``.

    Starting a kind the owner already has returns the existing clock (idempotent)."""
    spec = kind(code)
    existing = get(owner, code)
    if existing is not None:
        return existing
    at = at or timezone.now()
    start = on if on is not None else received_on(at, body).date
    clock = Clock(
        body=body,
        **_owner_key(owner),
        kind=code,
        started_at=at,
        received_on=start,
        days=spec.days,
    )
    _recompute(clock, body)
    clock.save()
    audit.record(
        actor=actor,
        body=body,
        action="core.clock.start",
        obj=clock,
        new={"kind": code, "from": start, "days": spec.days, "due": clock.due_date, "basis": spec.basis},
    )
    return clock


def _locked(clock: Clock) -> Clock:
    return Clock.objects.select_for_update().select_related("body").get(pk=clock.pk)


@transaction.atomic
def clock_extend(*, actor: User | None, clock: Clock, days: int, reason: str) -> Clock:
    """Extend once, by at most the kind's maximum, with written reasons (e.g. Pasal 22(8): 7 working days)."""
    clock = _locked(clock)
    spec = kind(clock.kind)
    reason = (reason or "").strip()
    if spec.max_extension == 0:
        raise ValidationError(_("Tenggat %(kind)s tidak dapat diperpanjang.") % {"kind": spec.label})
    if clock.extension_days:
        raise ValidationError(_("Tenggat ini sudah pernah diperpanjang; perpanjangan hanya sekali."))
    if not 1 <= days <= spec.max_extension:
        raise ValidationError(
            _("Perpanjangan paling lama %(max)s hari kerja (%(basis)s).")
            % {"max": spec.max_extension, "basis": spec.extension_basis}
        )
    if not reason:
        raise ValidationError(_("Perpanjangan wajib disertai alasan tertulis."))
    if clock.status == Clock.Status.STOPPED:
        raise ValidationError(_("Tenggat ini sudah selesai."))
    old = {"due": clock.due_date, "extension_days": 0}
    clock.extension_days = days
    clock.extension_reason = reason
    clock.extended_at = timezone.now()
    _recompute(clock, clock.body)
    clock.save()
    audit.record(
        actor=actor,
        body=clock.body,
        action="core.clock.extend",
        obj=clock,
        old=old,
        new={"due": clock.due_date, "extension_days": days},
        note=reason,
    )
    return clock


@transaction.atomic
def clock_pause(*, actor: User | None, clock: Clock, reason: str, on: dt.date | None = None) -> Clock:
    """Stop the count while the office waits for the requester (e.g. to complete the request)."""
    clock = _locked(clock)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Tuliskan alasan penangguhan tenggat."))
    if clock.status != Clock.Status.RUNNING:
        raise ValidationError(_("Tenggat ini tidak sedang berjalan."))
    on = on or local_date(timezone.now(), clock.body)
    old = {"status": clock.status, "due": clock.due_date}
    clock.status = Clock.Status.PAUSED
    clock.paused_since = on
    clock.pause_reason = reason
    _recompute(clock, clock.body)
    clock.save()
    audit.record(
        actor=actor,
        body=clock.body,
        action="core.clock.pause",
        obj=clock,
        old=old,
        new={"status": clock.status, "since": on},
        note=reason,
    )
    return clock


@transaction.atomic
def clock_resume(*, actor: User | None, clock: Clock, on: dt.date | None = None) -> Clock:
    """Count again; the working days of the pause are added to the deadline."""
    clock = _locked(clock)
    if clock.status != Clock.Status.PAUSED or clock.paused_since is None:
        raise ValidationError(_("Tenggat ini tidak sedang ditangguhkan."))
    on = on or local_date(timezone.now(), clock.body)
    if on < clock.paused_since:
        raise ValidationError(_("Tanggal dilanjutkan tidak boleh sebelum tanggal penangguhan."))
    cal = calendar_for(clock.body)
    days = cal.between(clock.paused_since, on)
    clock.pauses = [
        *clock.pauses,
        {
            "from": clock.paused_since.isoformat(),
            "to": on.isoformat(),
            "days": days,
            "reason": clock.pause_reason,
        },
    ]
    clock.paused_days += days
    clock.status = Clock.Status.RUNNING
    clock.paused_since = None
    clock.pause_reason = ""
    _recompute(clock, clock.body)
    clock.save()
    audit.record(
        actor=actor,
        body=clock.body,
        action="core.clock.resume",
        obj=clock,
        new={"status": clock.status, "paused_days": days, "due": clock.due_date},
    )
    return clock


@transaction.atomic
def clock_stop(*, actor: User | None, clock: Clock, reason: str = "", at: dt.datetime | None = None) -> Clock:
    """The duty is done (notice given, objection answered): the clock stops; lateness stays on record."""
    clock = _locked(clock)
    if clock.status == Clock.Status.STOPPED:
        return clock
    at = at or timezone.now()
    if clock.status == Clock.Status.PAUSED and clock.paused_since is not None:
        clock.pauses = [
            *clock.pauses,
            {"from": clock.paused_since.isoformat(), "to": None, "days": 0, "reason": clock.pause_reason},
        ]
    clock.status = Clock.Status.STOPPED
    clock.stopped_at = at
    clock.stop_reason = reason[:200]
    clock.save()
    audit.record(
        actor=actor,
        body=clock.body,
        action="core.clock.stop",
        obj=clock,
        new={"status": clock.status, "late": is_late(clock, at)},
        note=reason,
    )
    return clock


# -- reads ---------------------------------------------------------------------------------------------------


def is_late(clock: Clock, now: dt.datetime | None = None) -> bool:
    """Past the deadline: still running after ``due_at``, or stopped after it."""
    if clock.due_at is None:
        return False
    if clock.status == Clock.Status.STOPPED:
        return clock.stopped_at is not None and clock.stopped_at > clock.due_at
    return (now or timezone.now()) > clock.due_at


def overdue(body: PublicBody, now: dt.datetime | None = None) -> models.QuerySet[Clock]:
    """Running clocks past their deadline (one indexed comparison; the zone is in ``due_at``)."""
    return Clock.objects.filter(body=body, status=Clock.Status.RUNNING, due_at__lt=now or timezone.now())


def nearest(body: PublicBody, limit: int = 10) -> models.QuerySet[Clock]:
    """Running clocks of a body, nearest deadline first (for the Atasan PPID's dashboard)."""
    return Clock.objects.filter(body=body, status=Clock.Status.RUNNING).order_by("due_at", "pk")[:limit]


@dataclass(frozen=True)
class Explanation:
    kind: ClockKind
    start: dt.date
    days: int
    due: dt.date | None
    lines: list[str]


def explain(clock: Clock) -> Explanation:
    """How the date was computed, in Indonesian sentences: start, skipped days, pauses, extension."""
    from .workdays import format_date_ui as format_date_id  # the page's language

    spec = kind(clock.kind)
    body = clock.body
    cal = calendar_for(body)
    lines = [
        _("%(days)s hari kerja sejak %(start)s (%(basis)s).")
        % {"days": clock.days, "start": format_date_id(clock.received_on), "basis": spec.basis}
    ]
    if clock.received_on != local_date(clock.started_at, body):
        lines.append(
            _("Diterima %(at)s, di luar jam/hari kerja: dihitung sejak hari kerja berikutnya.")
            % {"at": format_date_id(local_date(clock.started_at, body))}
        )
    for pause in clock.pauses:
        lines.append(
            _("Ditangguhkan %(days)s hari kerja (%(start)s s.d. %(end)s): %(reason)s")
            % {
                "days": pause["days"],
                "start": format_date_id(dt.date.fromisoformat(pause["from"])),
                "end": format_date_id(dt.date.fromisoformat(pause["to"])) if pause["to"] else "…",
                "reason": pause["reason"],
            }
        )
    if clock.status == Clock.Status.PAUSED and clock.paused_since is not None:
        lines.append(
            _("Sedang ditangguhkan sejak %(start)s: %(reason)s")
            % {"start": format_date_id(clock.paused_since), "reason": clock.pause_reason}
        )
    if clock.extension_days:
        lines.append(
            _("Diperpanjang %(days)s hari kerja (%(basis)s): %(reason)s")
            % {"days": clock.extension_days, "basis": spec.extension_basis, "reason": clock.extension_reason}
        )
    if clock.due_date is not None:
        total = clock.days + clock.extension_days + clock.paused_days
        for skipped in cal.skipped_days(clock.received_on, clock.due_date):
            lines.append(
                _("Tidak dihitung: %(day)s (%(why)s)")
                % {"day": format_date_id(skipped.date), "why": skipped.reason}
            )
        lines.append(
            _("Batas waktu: %(due)s pukul %(time)s %(tz)s (%(total)s hari kerja).")
            % {
                "due": format_date_id(clock.due_date, weekday=True),
                "time": body.office_closes.strftime("%H.%M"),
                "tz": body.tz_label,
                "total": total,
            }
        )
    return Explanation(spec, clock.received_on, clock.days, clock.due_date, lines)
