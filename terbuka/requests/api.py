"""API for requests: public submit and status (with the proof-of-work challenge), the officer's list,
filters and actions (token or session, same services and policies as the web pages)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from terbuka.api.auth import PUBLIC
from terbuka.core import clocks
from terbuka.core import policies as core_policies
from terbuka.core.models import Unit

from . import guard, policies, selectors, services
from .models import InformationRequest

router = Router(tags=["permohonan"])


class ChallengeOut(Schema):
    challenge: str
    bits: int
    how: str


class RequestIn(Schema):
    body: str
    name: str
    id_kind: str = "nik"
    id_number: str
    address: str
    phone: str = ""
    email: str = ""
    occupation: str = ""
    proxy_note: str = ""
    information: str
    purpose: str
    obtain: str
    send: str
    pow_challenge: str
    pow_nonce: str


class DeadlineOut(Schema):
    kind: str
    label: str
    due_date: dt.date | None
    status: str
    late: bool
    explanation: list[str]


class LetterOut(Schema):
    id: int
    label: str
    number: str
    kind: str
    url: str


class SubmittedOut(Schema):
    number: str
    secret: str
    status_url: str
    received_on: dt.date
    deadline: DeadlineOut


class StatusOut(Schema):
    number: str
    body: str
    status: str
    status_label: str
    outcome: str
    outcome_label: str
    received_on: dt.date
    deadlines: list[DeadlineOut]
    letters: list[LetterOut]
    objections: list[str]


class RequestRowOut(Schema):
    id: int
    number: str
    status: str
    outcome: str
    name: str
    id_masked: str
    information: str
    unit: str | None
    received_on: dt.date
    due_date: dt.date | None
    late: bool


class ActionIn(Schema):
    action: str
    days: int | None = None
    reasons: list[str] = []
    outcome: str = ""
    refusal_ground: str = ""
    holder_body: str = ""
    answer_note: str = ""
    fee: str = ""
    how: str = ""
    receipt_signed: bool = False
    unit: int | None = None


def _deadline(clock: Any) -> DeadlineOut:
    explanation = clocks.explain(clock)
    return DeadlineOut(
        kind=clock.kind,
        label=str(explanation.kind.label),
        due_date=clock.due_date,
        status=clock.status,
        late=clocks.is_late(clock),
        explanation=explanation.lines,
    )


@router.get("/requests/challenge", response=ChallengeOut, auth=None, openapi_extra=PUBLIC)
def challenge(request: HttpRequest) -> ChallengeOut:
    """A proof-of-work challenge: find a decimal nonce with SHA-256(challenge ":" nonce) starting with
    ``bits`` zero bits, and send both with the request."""
    value = guard.new_challenge()
    return ChallengeOut(
        challenge=value,
        bits=int(value.split(".")[0]),
        how=_("SHA-256(challenge + ':' + nonce) harus diawali sejumlah bit nol; nonce berupa angka desimal."),
    )


@router.post("/requests", response={201: SubmittedOut, 429: dict}, auth=None, openapi_extra=PUBLIC)
def submit(request: HttpRequest, payload: RequestIn) -> Any:
    """Submit a request (public, no account): number, secret for the status link, deadline explained."""
    body = core_policies.get_public_body(payload.body)
    data = payload.dict()
    try:
        guard.admit(
            body=body,
            address=request.META.get("REMOTE_ADDR", "") or "-",
            challenge=data.pop("pow_challenge"),
            nonce=data.pop("pow_nonce"),
        )
    except guard.RateLimited as exc:
        raise HttpError(429, exc.messages[0]) from None
    req, secret = services.request_submit(body=body, data=data, channel="api")
    guard.count_submission(body=body, address=request.META.get("REMOTE_ADDR", "") or "-")
    clock = services.notice_clock(req)
    assert clock is not None
    return Status(
        201,
        SubmittedOut(
            number=req.number,
            secret=secret,
            status_url=request.build_absolute_uri(
                reverse("requests_public:status", args=[req.number]) + f"?kode={secret}"
            ),
            received_on=req.received_on,
            deadline=_deadline(clock),
        ),
    )


@router.get("/requests/{number}", response=StatusOut, auth=None, openapi_extra=PUBLIC)
def status(request: HttpRequest, number: str, secret: str = "") -> StatusOut:
    """The status of a request for its number and secret; a wrong secret answers as a wrong number (404)."""
    req = services.request_by_secret(number, secret)
    if req is None:
        raise Http404(_("Permohonan tidak ditemukan."))
    view = selectors.public_view(req)
    return StatusOut(
        number=req.number,
        body=req.body.name,
        status=req.status,
        status_label=req.get_status_display(),
        outcome=req.outcome,
        outcome_label=req.get_outcome_display() if req.outcome else "",
        received_on=req.received_on,
        deadlines=[_deadline(c["clock"]) for c in view["clocks"]],
        letters=[
            LetterOut(
                id=d.pk,
                label=d.label,
                number=d.number,
                kind=d.kind,
                url=request.build_absolute_uri(
                    reverse("requests_public:letter", args=[req.number, d.pk]) + f"?kode={secret}"
                ),
            )
            for d in view["letters"]
        ],
        objections=[o.number for o in view["objections"]],
    )


@router.get("/bodies/{slug}/requests", response=list[RequestRowOut])
def officer_list(
    request: HttpRequest, slug: str, status: str = "", late: bool = False, q: str = ""
) -> list[RequestRowOut]:
    """The body's requests as the caller may see them (the desk: all; a PPID Pembantu: its unit's)."""
    body = core_policies.get_body_for_user(request.user, slug, policies.can_list)
    qs = selectors.requests_for(request.user, body)
    if status:
        qs = qs.filter(status=status)
    if late:
        qs = qs.filter(pk__in=selectors.overdue_ids(body))
    if q:
        qs = qs.filter(information__icontains=q[:100])
    rows = selectors.with_clocks(list(qs[:500]))
    return [
        RequestRowOut(
            id=row["r"].pk,
            number=row["r"].number,
            status=row["r"].status,
            outcome=row["r"].outcome,
            name=row["r"].name,
            id_masked=row["r"].id_masked,
            information=row["r"].information,
            unit=row["r"].unit.name if row["r"].unit else None,
            received_on=row["r"].received_on,
            due_date=row["clock"].due_date if row["clock"] else None,
            late=row["late"],
        )
        for row in rows
    ]


@router.post("/bodies/{slug}/requests/{request_id}/actions", response=RequestRowOut)
def officer_action(request: HttpRequest, slug: str, request_id: int, payload: ActionIn) -> RequestRowOut:
    """One action on a request: ``route`` (unit), ``extend`` (days, reasons), ``decide`` (outcome, …),
    ``notice`` (draft the letter for the PPID to sign), ``answered``, ``delivered`` (how, receipt_signed),
    ``archive``."""
    body = core_policies.get_body_for_user(request.user, slug, policies.can_list)
    req = get_object_or_404(InformationRequest, body=body, pk=request_id)
    if not policies.can_view(request.user, req):
        raise Http404
    user: Any = request.user
    if not policies.can_handle(user, body):
        raise PermissionDenied(_("Hanya petugas PPID yang dapat menangani permohonan."))
    a = payload.action
    if a == "route":
        unit = get_object_or_404(Unit, body=body, pk=payload.unit or 0)
        services.request_route(actor=user, request=req, unit=unit)
    elif a == "extend":
        services.request_extend(actor=user, request=req, days=payload.days or 0, reasons=payload.reasons)
    elif a == "decide":
        services.request_decide(
            actor=user,
            request=req,
            outcome=payload.outcome,
            refusal_ground=payload.refusal_ground,
            holder_body=payload.holder_body,
            answer_note=payload.answer_note,
            fee=payload.fee,
        )
    elif a == "notice":
        services.request_draft_notice(actor=user, request=req)
    elif a == "answered":
        services.request_answered(actor=user, request=req)
    elif a == "delivered":
        services.request_delivered(
            actor=user, request=req, how=payload.how, receipt_signed=payload.receipt_signed
        )
    elif a == "archive":
        services.request_archive(actor=user, request=req)
    else:
        raise ValidationError(_("Tindakan tidak dikenal: %(a)s") % {"a": a})
    row = selectors.with_clocks([InformationRequest.objects.select_related("unit").get(pk=req.pk)])[0]
    return RequestRowOut(
        id=row["r"].pk,
        number=row["r"].number,
        status=row["r"].status,
        outcome=row["r"].outcome,
        name=row["r"].name,
        id_masked=row["r"].id_masked,
        information=row["r"].information,
        unit=row["r"].unit.name if row["r"].unit else None,
        received_on=row["r"].received_on,
        due_date=row["clock"].due_date if row["clock"] else None,
        late=row["late"],
    )
