from __future__ import annotations

from typing import Any

from django import template

from ..models import Notification

register = template.Library()


@register.simple_tag
def unread_count(user: Any) -> int:
    """Unread notifications of the user (one indexed count)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
