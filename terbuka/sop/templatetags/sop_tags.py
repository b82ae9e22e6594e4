from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from terbuka.sop import selectors

register = template.Library()


@register.simple_tag
def my_task_counts(user: Any) -> dict[str, int]:
    """Open tasks waiting for the user, and how many of them are past their due date (two queries)."""
    mine = selectors.my_tasks(user)
    return {
        "open": mine.count(),
        "overdue": mine.filter(due_at__lt=timezone.now()).count(),
    }


@register.simple_tag
def start_guide(user: Any, body: Any) -> list[dict[str, Any]]:
    """The first-run guide of the workspace home: each process the body has adopted, who starts it (the
    first step's lane), and whether this user may start it. One query for the SOPs; the definitions are
    cached per version and the user's grants per request."""
    from terbuka.core.people import body_role_labels
    from terbuka.core.roles import role_label
    from terbuka.sop.lanes import first_role, starter_grant

    labels: dict[str, str] | None = None
    rows = []
    for sop in selectors.current_sops(body):
        role = first_role(sop.current_version.definition)  # type: ignore[union-attr]
        label = role_label(role)
        if label == role:  # the body's own role: its name from the body
            labels = labels if labels is not None else body_role_labels(body)
            label = labels.get(role, role)
        rows.append({"sop": sop, "role": label, "mine": starter_grant(user, sop) is not None})
    return rows
