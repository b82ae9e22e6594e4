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
