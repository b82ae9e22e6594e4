"""Who works a lane: the roles behind a lane, its holders, and the grant through which someone acts in it.

The one predicate "may this user act on this task" is ``actor_grant``; "which open tasks may this user act
on" (``tasks_q``, used by the inbox, the counts and the API) is built from the same grants and the same rules
(a personal assignment first; a unit-bound task only for its unit; a requester lane worked by its proxies),
and a test checks that the two agree task by task.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from terbuka.core.models import PublicBody, Unit, User
from terbuka.core.people import Grant, grant_for, grants_for, holders_of, is_unit_role
from terbuka.core.roles import Role

if TYPE_CHECKING:
    from .models import Sop, Task
    from .schema import SopDefinition

# A lane bound to the requester (``pemohon``) holds no position in the body: the request desk records the
# requester's steps on their behalf (the petugas, or the PPID). The event names who recorded it.
PROXIES: dict[str, tuple[str, ...]] = {Role.PEMOHON: (Role.PETUGAS, Role.PPID)}


def lane_roles(role: str) -> tuple[str, ...]:
    """The roles whose holders work a lane bound to ``role``."""
    return PROXIES.get(role, (role,))


def lane_holders(body: PublicBody, role: str, unit: Unit | None = None) -> list[User]:
    people: dict[int, User] = {}
    for r in lane_roles(role):
        scoped = unit if (unit is not None or is_unit_role(body, r)) else None
        for u in holders_of(body, r, scoped):
            people.setdefault(u.pk, u)
    return list(people.values())


def lane_grant(actor: User, body: PublicBody, role: str, unit: Unit | int | None) -> Grant | None:
    """The actor's grant for a lane's role (or, for a requester lane, one of its proxy roles)."""
    for r in lane_roles(role):
        found = grant_for(actor, body, r, unit)
        if found is not None:
            return found
    return None


def actor_grant(actor: User, task: Task) -> Grant | None:
    """The grant through which ``actor`` may act on ``task``: a task assigned to someone is theirs alone."""
    if task.assigned_to_id is not None and task.assigned_to_id != actor.pk:
        return None
    return lane_grant(actor, task.case.body, task.role, task.unit_id)


def tasks_q(user: User, body: PublicBody | None = None) -> Q:
    """The tasks ``actor_grant`` allows, as a query: same grants, same rules."""
    mine = Q(assigned_to__isnull=True) | Q(assigned_to=user)
    roles_q = Q(pk__in=[])
    for g in grants_for(user, body):
        roles = [lane for lane, proxies in PROXIES.items() if g.role in proxies] + [g.role]
        roles_q |= Q(case__body_id=g.body_id, role__in=roles) & (Q(unit__isnull=True) | Q(unit_id=g.unit_id))
    return mine & roles_q


def first_role(defn: SopDefinition) -> str:
    """The role of a SOP's first task: who starts its processes."""
    from .steps import kind_of

    return defn.role_of(kind_of(defn.first).first_lane(defn, defn.first))


def starter_grant(user: User, sop: Sop) -> Grant | None:
    """The grant through which ``user`` may start a process of ``sop`` (the first task's lane), if any."""
    version = sop.current_version
    if not sop.is_active or version is None or not user.is_authenticated:
        return None
    return lane_grant(user, sop.body, first_role(version.definition), None)
