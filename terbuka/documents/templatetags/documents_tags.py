from __future__ import annotations

from typing import Any

from django import template

from terbuka.documents import selectors

register = template.Library()


@register.simple_tag
def awaiting_count(user: Any, body: Any) -> int:
    """Drafts in the body waiting for the user's paraf or signature."""
    return len(selectors.awaiting_for_user(user, body))
