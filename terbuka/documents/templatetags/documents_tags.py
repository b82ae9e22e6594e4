from __future__ import annotations

from typing import Any

from django import template

from terbuka.documents import selectors

register = template.Library()


@register.simple_tag
def awaiting_count(user: Any, body: Any) -> int:
    """Drafts in the body waiting for the user's paraf or signature."""
    return len(selectors.awaiting_for_user(user, body))


@register.filter
def kind_title(slug: str) -> str:
    """A document kind as readers know it ("Surat Dinas"), not its code; unknown codes as they are."""
    from terbuka.documents import kinds

    spec = kinds.REGISTRY.get(slug or "")
    return spec.title if spec is not None else (slug or "")
