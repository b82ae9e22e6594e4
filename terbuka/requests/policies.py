"""Who may see and do what with requests, objections and disputes (every view and API call asks here)."""

from __future__ import annotations

from typing import Any

from terbuka.core.models import PublicBody
from terbuka.core.people import grants_for
from terbuka.core.policies import has_any_role, is_site_admin
from terbuka.core.roles import Role

from .models import InformationRequest

DESK = (Role.PETUGAS, Role.PPID, Role.ATASAN_PPID, Role.ADMIN)
# Seeing the full NIK/deed number or the ID scan: the PPID and its superior (and the body's administrator).
UNMASK = (Role.PPID, Role.ATASAN_PPID, Role.ADMIN)


def can_handle(user: Any, body: PublicBody) -> bool:
    """The request desk: register, route, answer, record delivery, record objections and disputes."""
    return has_any_role(user, body, *DESK)


def can_view(user: Any, request: InformationRequest) -> bool:
    """The desk, or the PPID Pembantu of the unit the request was routed to."""
    if can_handle(user, request.body):
        return True
    if not getattr(user, "is_authenticated", False) or request.unit_id is None:
        return False
    return any(
        g.role == Role.PPID_PEMBANTU and g.unit_id == request.unit_id for g in grants_for(user, request.body)
    )


def can_list(user: Any, body: PublicBody) -> bool:
    return can_handle(user, body) or has_any_role(user, body, Role.PPID_PEMBANTU)


def can_unmask(user: Any, body: PublicBody) -> bool:
    return has_any_role(user, body, *UNMASK)


def can_answer_objection(user: Any, body: PublicBody) -> bool:
    """Pasal 36(2): the Atasan PPID answers (the administrator only for corrections)."""
    return is_site_admin(user) or has_any_role(user, body, Role.ATASAN_PPID)
