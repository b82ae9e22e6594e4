"""Who holds which role where, including acting officials (Plt./Plh.).

A *grant* is one role a user may exercise in a body (and for unit-bound roles, in one unit), either as the
holder of a position or as the acting official for it. An acting official acts *in the position's name*;
the grant carries the position and the acting kind, so audit events and signatures can say
"Plh. Kepala Dinas …".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from .audit import Acting
from .models import ActingAssignment, Position, PositionRole, PublicBody, Unit, User

ACTING_PREFIX = {"plt": "Plt. ", "plh": "Plh. "}  # as printed before a title: "Plh. Kepala Dinas …"


@dataclass(frozen=True)
class Grant:
    role: str
    body_id: int
    unit_id: int | None
    position: Position
    acting_kind: str = ""  # "", "plt" or "plh"

    @property
    def acting(self) -> Acting | None:
        return Acting(self.position, self.acting_kind) if self.acting_kind else None

    def label(self) -> str:
        return f"{ACTING_PREFIX.get(self.acting_kind, '')}{self.position.title}"


def local_date(moment: dt.datetime, body: PublicBody | None = None) -> dt.date:
    """The calendar date of a moment in the body's own zone (WIB, WITA or WIT)."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(body.time_zone) if body is not None else timezone.get_current_timezone()
    return moment.astimezone(tz).date()


def today_in(body: PublicBody | None = None) -> dt.date:
    return local_date(timezone.now(), body)


def grants_for(user: User, body: PublicBody | None = None, on: dt.date | None = None) -> list[Grant]:
    """Every role the user may exercise (optionally in one body) on a day. Cached per user object."""
    if not user.is_authenticated or not user.is_active:
        return []
    on = on or today_in(body)
    cache_key = (body.pk if body else None, on)
    cache: dict[tuple[int | None, dt.date], list[Grant]] = user.__dict__.setdefault("_terbuka_grants", {})
    if cache_key in cache:
        return cache[cache_key]
    held = Position.objects.filter(holder=user, is_active=True, body__is_active=True)
    acting = ActingAssignment.objects.active_on(on).filter(acting_user=user).select_related("position")
    if body is not None:
        held = held.filter(body=body)
        acting = acting.filter(position__body=body)
    grants: list[Grant] = []
    positions: list[tuple[Position, str]] = [(p, "") for p in held]
    positions += [(a.position, a.kind) for a in acting if a.position.is_active]
    roles_by_position: dict[int, list[str]] = {}
    for pr in PositionRole.objects.filter(position__in=[p.pk for p, _ in positions]):
        roles_by_position.setdefault(pr.position_id, []).append(pr.role)
    for position, kind in positions:
        for role in roles_by_position.get(position.pk, []):
            grants.append(Grant(role, position.body_id, position.unit_id, position, kind))
    cache[cache_key] = grants
    return grants


def has_role(user: User, body: PublicBody, role: str, unit: Unit | int | None = None) -> bool:
    return grant_for(user, body, role, unit) is not None


def grant_for(user: User, body: PublicBody, role: str, unit: Unit | int | None = None) -> Grant | None:
    """The grant through which the user exercises a role (in a unit, when given); own position first."""
    unit_id = unit.pk if isinstance(unit, Unit) else unit
    matching = [
        g for g in grants_for(user, body) if g.role == role and (unit_id is None or g.unit_id == unit_id)
    ]
    matching.sort(key=lambda g: g.acting_kind != "")
    return matching[0] if matching else None


def bodies_of(user: User) -> list[PublicBody]:
    """The bodies in which the user holds (or acts in) any position today."""
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    ids = set(Position.objects.filter(holder=user, is_active=True).values_list("body_id", flat=True))
    ids |= set(
        ActingAssignment.objects.active_on(today)
        .filter(acting_user=user)
        .values_list("position__body_id", flat=True)
    )
    return list(PublicBody.objects.filter(pk__in=ids, is_active=True))


def holders_of(
    body: PublicBody, role: str, unit: Unit | None = None, on: dt.date | None = None
) -> list[User]:
    """Everyone who may act in a role in a body (and unit) on a day: holders and acting officials."""
    on = on or today_in(body)
    positions = Position.objects.filter(body=body, is_active=True, roles__role=role)
    if unit is not None:
        positions = positions.filter(unit=unit)
    users = set(User.objects.filter(positions__in=positions, is_active=True).values_list("pk", flat=True))
    users |= set(
        ActingAssignment.objects.active_on(on)
        .filter(position__in=positions)
        .values_list("acting_user_id", flat=True)
    )
    return list(User.objects.filter(pk__in=users, is_active=True).order_by("username"))


def is_unit_role(body: PublicBody | int, role: str) -> bool:
    """Whether ``role`` is held per unit (PPID Pembantu, or a body's own unit-bound role)."""
    from .models import BodyRole
    from .roles import UNIT_ROLES, Role

    if role in Role.values:
        return role in UNIT_ROLES
    body_id = body if isinstance(body, int) else body.pk
    return BodyRole.objects.filter(body_id=body_id, code=role, unit_bound=True).exists()


def body_role_labels(body: PublicBody | int) -> dict[str, str]:
    """The body's own roles: code -> name (for labels and SOP validation)."""
    from .models import BodyRole

    body_id = body if isinstance(body, int) else body.pk
    return dict(BodyRole.objects.filter(body_id=body_id).values_list("code", "name"))
