"""Every write to the core models: one function per business action (STYLE.md habit 2).

Each takes the acting user keyword-only, runs in a transaction, validates, and records an audit event.
Views, the admin, the API, commands and tests all call these.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import holidays as holidays_pkg
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit, policies
from .audit import Acting
from .models import (
    ActingAssignment,
    ApiToken,
    BodyRole,
    CalendarVersion,
    Holiday,
    LoginThrottle,
    Position,
    PositionRole,
    PublicBody,
    Unit,
    User,
)
from .workdays import bump_version, known_years, sync_window

BODY_FIELDS = [
    "name", "kind", "region", "address", "postal_code", "phone", "email", "website", "letterhead",
    "head_title", "time_zone", "office_opens", "office_closes", "max_upload_mb", "is_active",
]  # fmt: skip


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Peran Anda tidak mengizinkan tindakan ini."))


def _save(obj: Any) -> None:
    obj.full_clean()
    obj.save()


# -- accounts ----------------------------------------------------------------------------------------

ACCOUNT_FIELDS = [
    "username",
    "full_name",
    "nip",
    "rank",
    "phone",
    "email",
    "is_active",
    "is_staff",
    "is_superuser",
]


def user_saved(*, actor: User, user: User, changed: list[str], created: bool) -> None:
    """Record a change to an account made by a site administrator (the admin's user pages); passwords are
    never written to the trail, only that one was set."""
    _require(policies.is_site_admin(actor))
    fields = [f for f in changed if f in ACCOUNT_FIELDS]
    new = {f: getattr(user, f) for f in fields}
    if any(f.startswith("password") for f in changed):
        new["password"] = "diubah"
    audit.record(
        actor=actor, body=None, action="user.create" if created else "user.update", obj=user, new=new
    )


# -- public bodies and units -----------------------------------------------------------------------


@transaction.atomic
def body_create(*, actor: User | None, slug: str, name: str, kind: str, **fields: Any) -> PublicBody:
    if actor is not None:
        _require(policies.is_site_admin(actor))
    body = PublicBody(slug=slug, name=name, kind=kind, **fields)
    _save(body)
    audit.record(actor=actor, body=body, action="body.create", obj=body, new=audit.snapshot(body))
    return body


@transaction.atomic
def body_update(*, actor: User | None, body: PublicBody, **fields: Any) -> PublicBody:
    unknown = set(fields) - set(BODY_FIELDS) - {"logo"}
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    if actor is not None:
        _require(policies.can_manage_body(actor, body))
    body = PublicBody.objects.select_for_update().get(pk=body.pk)
    before = audit.snapshot(body)
    for key, value in fields.items():
        setattr(body, key, value)
    _save(body)
    old, new = audit.diff(before, audit.snapshot(body))
    if new:
        audit.record(actor=actor, body=body, action="body.update", obj=body, old=old, new=new)
    return body


@transaction.atomic
def unit_create(
    *, actor: User | None, body: PublicBody, name: str, slug: str, parent: Unit | None = None, **fields: Any
) -> Unit:
    if actor is not None:
        _require(policies.can_manage_body(actor, body))
    if parent is not None and parent.body_id != body.pk:
        raise ValidationError({"parent": "Unit induk harus berada di badan publik yang sama."})
    unit = Unit(body=body, name=name, slug=slug, parent=parent, **fields)
    _save(unit)
    audit.record(actor=actor, body=body, action="unit.create", obj=unit, new=audit.snapshot(unit))
    return unit


@transaction.atomic
def unit_update(*, actor: User | None, unit: Unit, **fields: Any) -> Unit:
    if actor is not None:
        _require(policies.can_manage_body(actor, unit.body))
    before = audit.snapshot(unit)
    parent = fields.get("parent")
    if parent is not None:
        if parent.body_id != unit.body_id:
            raise ValidationError({"parent": "Unit induk harus berada di badan publik yang sama."})
        if parent.pk == unit.pk or unit in parent.ancestors():
            raise ValidationError({"parent": "Hierarki unit tidak boleh melingkar."})
    for key, value in fields.items():
        setattr(unit, key, value)
    _save(unit)
    old, new = audit.diff(before, audit.snapshot(unit))
    if new:
        audit.record(actor=actor, body=unit.body, action="unit.update", obj=unit, old=old, new=new)
    return unit


# -- people ----------------------------------------------------------------------------------------


def _check_role(body: PublicBody, role: str, unit: Unit | None) -> None:
    """A role a position of this body may carry: built-in or the body's own; unit-bound ones need a unit."""
    from .people import body_role_labels, is_unit_role
    from .roles import Role

    if role not in Role.values and role not in body_role_labels(body):
        raise ValidationError(
            {"roles": _("Peran tidak dikenal di badan publik ini: %(role)s.") % {"role": role}}
        )
    if is_unit_role(body, role) and unit is None:
        raise ValidationError(
            {"unit": _("Peran %(role)s harus terikat pada satu unit kerja.") % {"role": role}}
        )


ROLE_CODE = r"^[a-z][a-z0-9_]{1,29}$"


@transaction.atomic
def body_role_save(
    *,
    actor: User | None,
    body: PublicBody,
    code: str,
    name: str,
    unit_bound: bool = False,
    description: str = "",
) -> BodyRole:
    """A role the body defines for its own SOP lanes (e.g. ``tim_keberatan``); the body's administrator."""
    import re

    from .roles import Role

    if actor is not None:
        _require(policies.can_manage_body(actor, body))
    code = (code or "").strip()
    name = (name or "").strip()
    if not re.match(ROLE_CODE, code):
        raise ValidationError(
            {
                "code": _(
                    "Kode peran: huruf kecil, angka dan '_', diawali huruf, 2-30 karakter "
                    "(mis. tim_keberatan)."
                )
            }
        )
    if code in Role.values:
        raise ValidationError({"code": _("Kode ini sudah dipakai peran bawaan: %(code)s.") % {"code": code}})
    if not name:
        raise ValidationError({"name": _("Nama peran wajib diisi.")})
    row = BodyRole.objects.filter(body=body, code=code).first()
    old = audit.snapshot(row) if row is not None else None
    if row is None:
        row = BodyRole(body=body, code=code)
    elif (
        row.unit_bound != unit_bound and PositionRole.objects.filter(position__body=body, role=code).exists()
    ):
        raise ValidationError(
            {"unit_bound": _("Peran ini sudah dipegang jabatan; keterikatan unit tidak dapat diubah.")}
        )
    row.name, row.unit_bound, row.description = name[:120], unit_bound, description.strip()
    _save(row)
    audit.record(actor=actor, body=body, action="core.role.save", obj=row, old=old, new=audit.snapshot(row))
    return row


@transaction.atomic
def position_add_role(*, actor: User | None, position: Position, role: str) -> PositionRole:
    """Let a position carry one more role (built-in or the body's own)."""
    if actor is not None:
        _require(policies.can_manage_body(actor, position.body))
    _check_role(position.body, role, position.unit)
    row, created = PositionRole.objects.get_or_create(position=position, role=role)
    if created:
        audit.record(
            actor=actor, body=position.body, action="core.position.add_role", obj=position, new={"role": role}
        )
    return row


@transaction.atomic
def position_remove_role(*, actor: User | None, position: Position, role: str) -> None:
    if actor is not None:
        _require(policies.can_manage_body(actor, position.body))
    deleted, _n = PositionRole.objects.filter(position=position, role=role).delete()
    if deleted:
        audit.record(
            actor=actor,
            body=position.body,
            action="core.position.remove_role",
            obj=position,
            old={"role": role},
        )


@transaction.atomic
def position_create(
    *,
    actor: User | None,
    body: PublicBody,
    title: str,
    roles: list[str],
    unit: Unit | None = None,
    holder: User | None = None,
) -> Position:
    if actor is not None:
        _require(policies.can_manage_body(actor, body))
    if unit is not None and unit.body_id != body.pk:
        raise ValidationError({"unit": "Unit harus berada di badan publik yang sama."})
    for role in roles:
        _check_role(body, role, unit)
    position = Position(body=body, unit=unit, title=title, holder=holder)
    _save(position)
    for role in roles:
        pr = PositionRole(position=position, role=role)
        _save(pr)
    audit.record(
        actor=actor,
        body=body,
        action="position.create",
        obj=position,
        new={**audit.snapshot(position), "roles": sorted(roles)},
    )
    return position


POSITION_FIELDS = ["title", "unit", "is_active"]


@transaction.atomic
def position_update(*, actor: User | None, position: Position, **fields: Any) -> Position:
    """Change a position's title, unit or whether it is in use (the holder: ``position_set_holder``)."""
    unknown = set(fields) - set(POSITION_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    if actor is not None:
        _require(policies.can_manage_body(actor, position.body))
    unit = fields.get("unit", position.unit)
    if unit is not None and unit.body_id != position.body_id:
        raise ValidationError({"unit": "Unit harus berada di badan publik yang sama."})
    before = audit.snapshot(position)
    for key, value in fields.items():
        setattr(position, key, value)
    for role in position.roles.values_list("role", flat=True):
        _check_role(position.body, role, position.unit)
    _save(position)
    old, new = audit.diff(before, audit.snapshot(position))
    if new:
        audit.record(
            actor=actor, body=position.body, action="position.update", obj=position, old=old, new=new
        )
    return position


@transaction.atomic
def position_set_holder(*, actor: User | None, position: Position, holder: User | None) -> Position:
    if actor is not None:
        _require(policies.can_manage_body(actor, position.body))
    old = position.holder_id
    position.holder = holder
    _save(position)
    audit.record(
        actor=actor,
        body=position.body,
        action="position.holder",
        obj=position,
        old={"holder": old},
        new={"holder": holder.pk if holder else None},
    )
    return position


@transaction.atomic
def acting_assign(
    *,
    actor: User | None,
    position: Position,
    acting_user: User,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    decree: str = "",
) -> ActingAssignment:
    """Appoint a Plt./Plh. for a position over a date range (inclusive)."""
    if actor is not None:
        _require(policies.can_manage_body(actor, position.body))
    if acting_user.pk == position.holder_id:
        raise ValidationError(_("Pemegang jabatan tidak dapat menjadi pelaksana untuk jabatannya sendiri."))
    assignment = ActingAssignment(
        position=position,
        acting_user=acting_user,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        decree=decree,
    )
    _save(assignment)
    audit.record(
        actor=actor,
        body=position.body,
        action="acting.assign",
        obj=assignment,
        new=audit.snapshot(assignment),
    )
    return assignment


@transaction.atomic
def acting_revoke(*, actor: User | None, assignment: ActingAssignment) -> ActingAssignment:
    if actor is not None:
        _require(policies.can_manage_body(actor, assignment.position.body))
    assignment.revoked_at = timezone.now()
    assignment.save(update_fields=["revoked_at"])
    audit.record(
        actor=actor,
        body=assignment.position.body,
        action="acting.revoke",
        obj=assignment,
        new={"revoked_at": assignment.revoked_at},
    )
    return assignment


# -- calendar --------------------------------------------------------------------------------------


@transaction.atomic
def holiday_save(
    *,
    actor: User | None,
    date: dt.date,
    name: str,
    kind: str,
    body: PublicBody | None = None,
    decree: str = "",
    acting: Acting | None = None,
) -> Holiday:
    """Create or change the day off of a scope (national when ``body`` is None) on a date."""
    if actor is not None:
        _require(policies.can_manage_calendar(actor, body))
    if body is None and date.year not in known_years():
        # A first national day typed into an unknown year would make the year "known" with only that
        # day: sync the year's holidays and cuti bersama first when it is inside the sync window.
        lo, hi = sync_window()
        if lo <= date.year <= hi:
            calendar_sync(actor=None, years=[date.year], on_demand=True)
    existing = Holiday.objects.filter(date=date, body=body).first()
    before = audit.snapshot(existing) if existing else None
    holiday = existing or Holiday(date=date, body=body)
    holiday.name, holiday.kind, holiday.decree = name, kind, decree
    holiday.source = Holiday.Source.MANUAL
    _save(holiday)
    bump_version()
    after = audit.snapshot(holiday, ["date", "name", "kind", "decree", "body"])
    old, new = audit.diff(before or {}, after) if before else (None, after)
    audit.record(
        actor=actor,
        body=body,
        action="holiday.update" if existing else "holiday.create",
        obj=holiday,
        old=old,
        new=new,
        acting=acting,
    )
    return holiday


@transaction.atomic
def holiday_delete(*, actor: User | None, holiday: Holiday) -> None:
    if actor is not None:
        _require(policies.can_manage_calendar(actor, holiday.body))
    before = audit.snapshot(holiday, ["date", "name", "kind", "decree", "body"])
    body = holiday.body
    audit.record(actor=actor, body=body, action="holiday.delete", obj=holiday, old=before)
    holiday.delete()
    bump_version()


def package_holidays(years: list[int]) -> list[tuple[dt.date, str, str]]:
    """National holidays and cuti bersama from the ``holidays`` package (DOMAIN.md §5)."""
    out: list[tuple[dt.date, str, str]] = []
    for category, kind in (("public", Holiday.Kind.NASIONAL), ("government", Holiday.Kind.CUTI_BERSAMA)):
        days = holidays_pkg.country_holidays("ID", years=years, categories=(category,), language="id")
        out += [(day, name, kind) for day, name in days.items()]
    out.sort()
    return out


# The decree every synced national holiday and cuti bersama rests on (DOMAIN.md §5); citizens read it as
# the source of a day ("Cuti bersama (SKB 3 Menteri)"), so it names the decree, not the Python package.
PACKAGE_DECREE = "SKB 3 Menteri"


@transaction.atomic
def calendar_sync(
    *, actor: User | None, years: list[int] | None = None, on_demand: bool = False
) -> dict[str, int]:
    """Seed national days from the package. Idempotent; rows edited by hand are never overwritten."""
    if years is None:
        this = timezone.localdate().year
        years = list(
            range(
                this - settings.TERBUKA_CALENDAR_YEARS_BACK, this + settings.TERBUKA_CALENDAR_YEARS_AHEAD + 1
            )
        )
    existing = {h.date: h for h in Holiday.objects.filter(body__isnull=True, date__year__in=years)}
    merged: dict[dt.date, tuple[str, str]] = {}
    for day, name, kind in package_holidays(years):
        if day in merged:  # two holidays on one day (e.g. a feast on a cuti bersama)
            prev_name, prev_kind = merged[day]
            merged[day] = (f"{prev_name}; {name}", prev_kind if prev_kind == Holiday.Kind.NASIONAL else kind)
        else:
            merged[day] = (name, kind)
    created = updated = kept = 0
    for day, (name, kind) in merged.items():
        row = existing.get(day)
        if row is None:
            Holiday.objects.create(
                date=day,
                name=name,
                kind=kind,
                source=Holiday.Source.PACKAGE,
                decree=PACKAGE_DECREE,
            )
            created += 1
        elif row.source == Holiday.Source.PACKAGE and (row.name, row.kind, row.decree) != (
            name,
            kind,
            PACKAGE_DECREE,
        ):
            row.name, row.kind, row.decree = name, kind, PACKAGE_DECREE
            row.save(update_fields=["name", "kind", "decree", "updated_at"])
            updated += 1
        else:
            kept += 1
    if created or updated:
        bump_version()
        audit.record(
            actor=actor,
            body=None,
            action="calendar.sync",
            object_type="core.holiday",
            object_repr=f"Sinkronisasi hari libur {years[0]}–{years[-1]}",
            new={"years": years, "created": created, "updated": updated, "on_demand": on_demand},
        )
    return {"created": created, "updated": updated, "kept": kept}


@transaction.atomic
def calendar_sync_on_demand(*, years: list[int]) -> list[int]:
    """Sync the years a computation needs and the table lacks (the system acts; audited as such).

    Serialised on the CalendarVersion row, then the years are checked again, so two requests needing the same
    year sync it once. Runs in its own savepoint: inside a caller's transaction (a task completion) a failure
    here rolls back only the sync. Returns the years synced.
    """
    CalendarVersion.objects.get_or_create(pk=1)
    CalendarVersion.objects.select_for_update().filter(pk=1).first()
    missing = sorted(set(years) - known_years())
    if missing:
        calendar_sync(actor=None, years=missing, on_demand=True)
    return missing


# -- API tokens ------------------------------------------------------------------------------------


def _may_manage_token(actor: User | None, user: User) -> bool:
    """The owner, a site administrator, or the system (``actor=None``: the ``terbuka token`` command)."""
    return actor is None or actor.pk == user.pk or policies.is_site_admin(actor)


@transaction.atomic
def token_create(
    *, actor: User | None, user: User, name: str = "", days: int | None = None
) -> tuple[ApiToken, str]:
    """A new token for ``user``, valid ``days`` (default ``TERBUKA_API_TOKEN_DAYS``). The key is returned
    once; only its hash is stored."""
    _require(_may_manage_token(actor, user))
    days = settings.TERBUKA_API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= 3650:
        raise ValidationError(_("Masa berlaku token harus 1 sampai 3650 hari."))
    name = name.strip()
    if len(name) > 100:
        raise ValidationError(_("Nama token paling panjang 100 karakter."))
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[4:12],
        key_hash=ApiToken.hash_key(key),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit.record(
        actor=actor,
        body=None,
        action="token.create",
        obj=token,
        new={"user": user.pk, "name": name, "expires_at": token.expires_at},
    )
    return token, key


@transaction.atomic
def token_revoke(*, actor: User | None, token: ApiToken) -> bool:
    """Revoke a token (its owner, a site administrator or the command line). Returns False when it was
    revoked already (nothing recorded twice)."""
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    _require(_may_manage_token(actor, token.user))
    if token.revoked_at is not None:
        return False
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        actor=actor, body=None, action="token.revoke", obj=token, new={"revoked_at": token.revoked_at}
    )
    return True


# -- login locks ------------------------------------------------------------------------------------


def login_unlock(*, actor: User, username: str, body: PublicBody | None) -> bool:
    """Lift the lock on an account name: a site administrator any, a body's administrator only names of
    people of that body (recorded on the body's chain). Returns whether there was a lock."""
    from . import login_guard
    from .people import bodies_of

    if body is None:
        _require(policies.is_site_admin(actor))
    else:
        _require(policies.can_manage_body(actor, body))
        user = User.objects.filter(username__iexact=username.strip()).first()
        if not policies.is_site_admin(actor):
            _require(user is not None and body in bodies_of(user))
    return login_guard.unlock(actor=actor, key=login_guard.account_key(username), body=body)


def address_unlock(*, actor: User, address: str) -> bool:
    """Lift the lock on a client address (site administrators; recorded on the site chain)."""
    from . import login_guard

    _require(policies.is_site_admin(actor))
    return login_guard.unlock(actor=actor, key=f"{login_guard.ADDRESS}:{address.strip()}", body=None)


def password_reset_done(*, user: User, address: str) -> None:
    """Record that a password was set through the e-mailed reset link (the password itself never)."""
    from . import login_guard
    from .people import bodies_of

    bodies = [] if user.is_superuser else bodies_of(user)
    with transaction.atomic():
        LoginThrottle.objects.filter(key=login_guard.account_key(user.username)).update(
            failures=[], locked_until=None
        )
        audit.record(
            actor=user,
            body=bodies[0] if len(bodies) == 1 else None,
            action="user.password_reset",
            obj=user,
            new={"password": "diubah", "address": address},
        )
