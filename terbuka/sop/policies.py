"""Who may do what with SOPs, cases and tasks (STYLE.md habit 7)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from terbuka.core.models import PublicBody
from terbuka.core.policies import has_any_role, is_member
from terbuka.core.roles import Role

from .models import Case, Sop, Task


def can_manage_sops(user: Any, body: PublicBody) -> bool:
    """Upload new SOP versions: the PPID and the body's administrator."""
    return has_any_role(user, body, Role.PPID, Role.ADMIN)


def can_approve_sops(user: Any, body: PublicBody) -> bool:
    """Approve a draft SOP version (it becomes public and is used for new processes): the PPID, and the
    body's administrator (who sets the product up)."""
    return has_any_role(user, body, Role.PPID, Role.ADMIN)


def can_start_case(user: Any, sop: Sop) -> bool:
    """Start a process: a holder (or Plt./Plh.) of the first step's lane role in the SOP's body."""
    from .lanes import starter_grant

    return starter_grant(user, sop) is not None


def can_view_case(user: Any, case: Case) -> bool:
    """Cases are internal: any member of the body (site admins too)."""
    return is_member(user, case.body)


def can_steer_case(user: Any, case: Case) -> bool:
    """Cancel a case, return or reassign any of its tasks: PPID, admin, or whoever started it."""
    if case.started_by_id is not None and case.started_by_id == getattr(user, "pk", None):
        return True
    return has_any_role(user, case.body, Role.PPID, Role.ADMIN)


def can_see_overdue(user: Any, body: PublicBody) -> bool:
    return has_any_role(user, body, Role.PPID, Role.ADMIN, Role.ATASAN_PPID)


def get_case_for_user(user: Any, case_id: int) -> Case:
    case = get_object_or_404(
        Case.objects.select_related("body", "sop_version__sop", "started_by"), pk=case_id
    )
    if not can_view_case(user, case):
        raise Http404
    return case


def get_task_for_user(user: Any, task_id: int) -> Task:
    task = get_object_or_404(
        Task.objects.select_related(
            "case__body", "case__sop_version__sop", "unit", "assigned_to", "completed_by"
        ),
        pk=task_id,
    )
    if not can_view_case(user, task.case):
        raise Http404
    return task


def get_sop_for_member(user: Any, sop_id: int) -> Sop:
    sop = get_object_or_404(Sop.objects.select_related("body", "current_version"), pk=sop_id)
    if not is_member(user, sop.body):
        raise Http404
    return sop
