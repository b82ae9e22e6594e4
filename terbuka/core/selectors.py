"""Reads that depend on who asks (STYLE.md habit 3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict

from .models import Event, PublicBody, Unit, User
from .people import Grant, grants_for
from .policies import can_manage_body, can_view_audit, visible_bodies


@dataclass
class Membership:
    body: PublicBody
    grants: list[Grant]
    units: list[Unit]
    can_view_audit: bool
    can_manage: bool = False


def memberships(user: User) -> list[Membership]:
    out = []
    for body in visible_bodies(user):
        grants = [g for g in grants_for(user, body)]
        unit_ids = {g.unit_id for g in grants if g.unit_id}
        units = list(Unit.objects.filter(pk__in=unit_ids)) if unit_ids else []
        out.append(Membership(body, grants, units, can_view_audit(user, body), can_manage_body(user, body)))
    return out


@dataclass
class AuditFilter:
    action: str = ""
    actor: str = ""
    object_type: str = ""
    since: dt.date | None = None
    until: dt.date | None = None

    @classmethod
    def from_query(cls, q: QueryDict) -> AuditFilter:
        def date(name: str) -> dt.date | None:
            try:
                return dt.date.fromisoformat(q.get(name, ""))
            except ValueError:
                return None

        return cls(
            action=q.get("aksi", "").strip(),
            actor=q.get("pelaku", "").strip(),
            object_type=q.get("objek", "").strip(),
            since=date("dari"),
            until=date("sampai"),
        )

    def as_query(self) -> dict[str, Any]:
        return {
            "aksi": self.action,
            "pelaku": self.actor,
            "objek": self.object_type,
            "dari": self.since.isoformat() if self.since else "",
            "sampai": self.until.isoformat() if self.until else "",
        }


def audit_events(body: PublicBody, f: AuditFilter) -> QuerySet[Event]:
    qs = Event.objects.filter(body=body).select_related("actor", "acting_for").order_by("-created_at", "-seq")
    if f.action:
        qs = qs.filter(action=f.action)
    if f.actor:
        qs = qs.filter(actor__username__icontains=f.actor)
    if f.object_type:
        qs = qs.filter(object_type=f.object_type)
    if f.since:
        qs = qs.filter(created_at__date__gte=f.since)
    if f.until:
        qs = qs.filter(created_at__date__lte=f.until)
    return qs


def _distinct_cached(body: PublicBody, column: str) -> list[str]:
    """The distinct values of an audit column in a body, for the filter lists: counted at most every five
    minutes (a distinct over every event of a large body cost more than the rest of the page, issue #13)."""
    from django.core.cache import cache

    key = f"audit-distinct:{body.pk}:{column}"
    found: list[str] | None = cache.get(key)
    if found is None:
        found = list(
            Event.objects.filter(body=body)
            .exclude(**{column: ""})
            .values_list(column, flat=True)
            .distinct()
            .order_by(column)
        )
        cache.set(key, found, 300)
    return found


def audit_object_types(body: PublicBody) -> list[str]:
    return _distinct_cached(body, "object_type")


def audit_actions(body: PublicBody) -> list[str]:
    return _distinct_cached(body, "action")
