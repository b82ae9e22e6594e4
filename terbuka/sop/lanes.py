"""Who works a lane: the roles behind a lane, its holders, and the grant through which someone acts in it.

Shared by the engine (``services``), the access policy (``policies``), the inbox and the reminders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from terbuka.core.models import PublicBody, Unit, User
from terbuka.core.people import Grant, grant_for, holders_of
from terbuka.core.roles import UNIT_ROLES, Role

if TYPE_CHECKING:
    from .models import Sop
    from .schema import SopDefinition, Step

# A lane bound to the requester (``pemohon``) holds no position in the body: the request desk records the
# requester's steps on their behalf (the petugas, or the PPID). The event names who recorded it.
PROXIES: dict[str, tuple[str, ...]] = {Role.PEMOHON: (Role.PETUGAS, Role.PPID)}


def lane_roles(role: str) -> tuple[str, ...]:
    """The roles whose holders work a lane bound to ``role``."""
    return PROXIES.get(role, (role,))


def lane_holders(body: PublicBody, role: str, unit: Unit | None = None) -> list[User]:
    people: dict[int, User] = {}
    for r in lane_roles(role):
        for u in holders_of(body, r, unit if r in UNIT_ROLES or unit is not None else None):
            people.setdefault(u.pk, u)
    return list(people.values())


def lane_grant(actor: User, body: PublicBody, role: str, unit: Unit | int | None) -> Grant | None:
    """The actor's grant for a lane's role (or, for a requester lane, one of its proxy roles)."""
    for r in lane_roles(role):
        found = grant_for(actor, body, r, unit)
        if found is not None:
            return found
    return None


def step_role(defn: SopDefinition, step: Step) -> str:
    if step.jenis == "sebar" and step.sebar is not None:
        return str(step.sebar.peran)
    if step.jenis == "paraf" and step.paraf is not None:
        first = step.paraf.paraf[0] if step.paraf.paraf else step.paraf.tanda_tangan
        return str(defn.lane(first).peran)
    return str(defn.lane(step.pelaksana).peran)


def starter_grant(user: User, sop: Sop) -> Grant | None:
    """The grant through which ``user`` may start a process of ``sop`` (the first step's lane), if any."""
    version = sop.current_version
    if not sop.is_active or version is None or not user.is_authenticated:
        return None
    defn = version.definition
    return lane_grant(user, sop.body, step_role(defn, defn.first), None)
