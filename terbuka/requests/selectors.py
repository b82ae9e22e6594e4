"""Reads of requests as the asker may see them, with their clocks and explanations."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from terbuka.core import clocks
from terbuka.core.models import Clock, PublicBody
from terbuka.core.people import grants_for
from terbuka.core.roles import Role
from terbuka.documents.models import Document

from . import policies
from .models import InformationRequest
from .services import NOTICE, objection_window


def requests_for(user: Any, body: PublicBody) -> QuerySet[InformationRequest]:
    qs = InformationRequest.objects.filter(body=body).select_related("unit")
    if policies.can_handle(user, body):
        return qs
    units = [g.unit_id for g in grants_for(user, body) if g.role == Role.PPID_PEMBANTU and g.unit_id]
    return qs.filter(unit_id__in=units)


def overdue_ids(body: PublicBody) -> list[int]:
    ct = ContentType.objects.get_for_model(InformationRequest)
    return list(
        Clock.objects.filter(
            body=body, owner_type=ct, kind=NOTICE, status=Clock.Status.RUNNING, due_at__lt=timezone.now()
        ).values_list("owner_id", flat=True)
    )


def with_clocks(rows: list[InformationRequest]) -> list[dict[str, Any]]:
    ct = ContentType.objects.get_for_model(InformationRequest)
    by_owner = {
        c.owner_id: c
        for c in Clock.objects.filter(owner_type=ct, owner_id__in=[r.pk for r in rows], kind=NOTICE)
    }
    out = []
    for r in rows:
        clock = by_owner.get(r.pk)
        out.append({"r": r, "clock": clock, "late": clock is not None and clocks.is_late(clock)})
    return out


def _clock_rows(*owners: Any) -> list[dict[str, Any]]:
    out = []
    for owner in owners:
        for clock in clocks.clocks_of(owner):
            out.append({"clock": clock, "explain": clocks.explain(clock), "late": clocks.is_late(clock)})
    return out


def letters_for_requester(req: InformationRequest) -> list[Document]:
    """Signed letters addressed to the requester: the answer, the extension notice, objection answers."""
    ids = [req.notice_id, req.extension_letter_id, *[o.answer_letter_id for o in req.objections.all()]]
    return list(
        Document.objects.filter(pk__in=[i for i in ids if i], status=Document.Status.FINAL).order_by("pk")
    )


def public_view(req: InformationRequest) -> dict[str, Any]:
    last, why = objection_window(req)
    return {
        "req": req,
        "clocks": _clock_rows(req),
        "letters": letters_for_requester(req),
        "copies": list(req.redactions.all()) if req.answered_at else [],
        "objections": list(req.objections.all()),
        "objection_last": last,
        "objection_why": why,
        "objection_open": last is not None and timezone.localdate() <= last,
    }


def officer_view(req: InformationRequest) -> dict[str, Any]:
    objections = list(req.objections.all())
    disputes = list(req.disputes.all())
    return {
        "req": req,
        "clocks": _clock_rows(req, *objections, *disputes),
        "letters": [d for d in (req.notice, req.extension_letter) if d is not None],
        "copies": list(req.redactions.select_related("original", "redacted")),
        "objections": objections,
        "disputes": disputes,
    }
