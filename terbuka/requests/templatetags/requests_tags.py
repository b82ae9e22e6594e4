"""The workspace's request links: open and overdue requests of a body, for those who may list them."""

from __future__ import annotations

from typing import Any

from django import template

from terbuka.core.models import PublicBody

from .. import policies, selectors
from ..models import InformationRequest

register = template.Library()

OPEN = (InformationRequest.Status.TERDAFTAR, InformationRequest.Status.DIPROSES)


@register.simple_tag
def request_counts(user: Any, body: PublicBody) -> dict[str, Any]:
    if not policies.can_list(user, body):
        return {"allowed": False}
    qs = selectors.requests_for(user, body)
    return {
        "allowed": True,
        "open": qs.filter(status__in=OPEN).count(),
        "overdue": qs.filter(pk__in=selectors.overdue_ids(body)).count(),
        "desk": policies.can_handle(user, body),
    }
