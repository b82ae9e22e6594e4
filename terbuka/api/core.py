"""Core endpoints: me, public bodies, units, the working-day calendar."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import WithJsonSchema

from terbuka.core import policies
from terbuka.core.models import PublicBody, Unit, User
from terbuka.core.people import grants_for
from terbuka.core.workdays import MAX_DAYS, calendar_for, due_from_moment, holidays_of_year

from .auth import PUBLIC

router = Router(tags=["inti"])

# Office hours are wall-clock times in the body's own zone (``time_zone``), without an offset; JSON Schema's
# "time" format demands one, so the schema says what is really sent.
LocalTime = Annotated[
    dt.time,
    WithJsonSchema(
        {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2})?$", "description": "jam lokal badan (HH:MM:SS)"}
    ),
]


# Query parameters documented as what they are (a date, a moment, 0..1000 days) but parsed by the views,
# which answer a wrong value with an Indonesian message naming the parameter.
DateText = Annotated[str, WithJsonSchema({"type": "string", "format": "date"})]
MomentText = Annotated[str, WithJsonSchema({"type": "string", "format": "date-time"})]
Days = Annotated[int, WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_DAYS})]


class GrantOut(Schema):
    role: str
    body: str
    unit: str | None
    position: str
    acting: str


class MeOut(Schema):
    username: str
    name: str
    nip: str
    is_site_admin: bool
    grants: list[GrantOut]


class BodyOut(Schema):
    slug: str
    name: str
    kind: str
    region: str
    address: str
    phone: str
    email: str
    website: str
    time_zone: str
    office_opens: LocalTime
    office_closes: LocalTime


class UnitOut(Schema):
    slug: str
    name: str
    short_name: str
    kind: str
    parent: str | None


class SkippedOut(Schema):
    date: dt.date
    reason: str
    source: str = ""


class AddOut(Schema):
    start: dt.date
    days: int
    date: dt.date
    skipped: list[SkippedOut]


class BetweenOut(Schema):
    start: dt.date
    end: dt.date
    working_days: int
    skipped: list[SkippedOut]


class NextOut(Schema):
    date: dt.date
    skipped: list[SkippedOut]


class ReceivedOut(Schema):
    moment: dt.datetime
    date: dt.date
    reason: str
    due: dt.date | None
    skipped: list[SkippedOut]


class HolidayOut(Schema):
    date: dt.date
    name: str
    kind: str
    decree: str
    body: str | None


@router.get("/me", response=MeOut, summary="Pengguna yang sedang masuk dan perannya")
def me(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    assert isinstance(user, User)  # the router's auth guarantees a real user
    slugs = dict(PublicBody.objects.values_list("pk", "slug"))
    units = dict(
        Unit.objects.filter(body_id__in=[g.body_id for g in grants_for(user)]).values_list("pk", "slug")
    )
    return {
        "username": user.username,
        "name": user.display_name(),
        "nip": user.nip,
        "is_site_admin": policies.is_site_admin(user),
        "grants": [
            {
                "role": g.role,
                "body": slugs[g.body_id],
                "unit": units.get(g.unit_id) if g.unit_id else None,
                "position": g.label(),
                "acting": g.acting_kind,
            }
            for g in grants_for(user)
        ],
    }


@router.get("/bodies", response=list[BodyOut], auth=None, openapi_extra=PUBLIC, summary="Daftar badan publik")
def bodies(request: HttpRequest) -> list[PublicBody]:
    return list(PublicBody.objects.filter(is_active=True))


@router.get("/bodies/{slug}", response=BodyOut, auth=None, openapi_extra=PUBLIC, summary="Satu badan publik")
def body_detail(request: HttpRequest, slug: str) -> PublicBody:
    return _body(slug)


@router.get(
    "/bodies/{slug}/units", response=list[UnitOut], auth=None, openapi_extra=PUBLIC, summary="Unit kerja"
)
def units(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    body = _body(slug)
    rows = Unit.objects.filter(body=body, is_active=True).select_related("parent")
    return [
        {
            "slug": u.slug,
            "name": u.name,
            "short_name": u.short_name,
            "kind": u.kind,
            "parent": u.parent.slug if u.parent else None,
        }
        for u in rows
    ]


def _body(slug: str) -> PublicBody:
    try:
        return policies.get_public_body(slug)
    except Http404:
        raise Http404(f"Badan publik '{slug}' tidak ditemukan.") from None


def _calendar_body(slug: str | None) -> PublicBody | None:
    return _body(slug) if slug else None


def _parse_date(value: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HttpError(400, f"{name}: tanggal tidak sah '{value[:40]}' (format YYYY-MM-DD).") from None


@router.get(
    "/calendar/add",
    response=AddOut,
    auth=None,
    openapi_extra=PUBLIC,
    summary="Hari kerja ke-N setelah suatu tanggal, dengan hari yang dilewati",
)
def calendar_add(
    request: HttpRequest, start: DateText, days: Days, body: str | None = None
) -> dict[str, Any]:
    start_date = _parse_date(start, "start")
    if not 0 <= days <= MAX_DAYS:
        raise HttpError(400, f"days: harus antara 0 dan {MAX_DAYS}, bukan {days}.")
    return calendar_for(_calendar_body(body)).explain_add(start_date, days).as_dict()


@router.get(
    "/calendar/between",
    response=BetweenOut,
    auth=None,
    openapi_extra=PUBLIC,
    summary="Jumlah hari kerja dalam rentang (start, end]",
)
def calendar_between(
    request: HttpRequest, start: DateText, end: DateText, body: str | None = None
) -> dict[str, Any]:
    a, b = _parse_date(start, "start"), _parse_date(end, "end")
    if abs((b - a).days) > MAX_DAYS * 2:
        raise HttpError(400, "Rentang terlalu panjang (paling lama 2000 hari).")
    count, skipped = calendar_for(_calendar_body(body)).explain_between(a, b)
    return {"start": a, "end": b, "working_days": count, "skipped": [x.as_dict() for x in skipped]}


@router.get(
    "/calendar/next",
    response=NextOut,
    auth=None,
    openapi_extra=PUBLIC,
    summary="Hari kerja berikutnya setelah suatu tanggal, dengan hari yang dilewati",
)
def calendar_next(request: HttpRequest, date: DateText, body: str | None = None) -> dict[str, Any]:
    due = calendar_for(_calendar_body(body)).explain_next(_parse_date(date, "date"))
    return {"date": due.date, "skipped": [x.as_dict() for x in due.skipped]}


@router.get(
    "/calendar/received",
    response=ReceivedOut,
    auth=None,
    openapi_extra=PUBLIC,
    summary="Kapan suatu saat dihitung diterima (batas jam layanan), dan tenggat N hari kerja sesudahnya",
)
def calendar_received(
    request: HttpRequest, at: MomentText, body: str, days: Days | None = None
) -> dict[str, Any]:
    scope = _body(body)
    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        raise HttpError(
            400, f"at: waktu tidak sah '{at[:40]}' (format ISO 8601, mis. 2026-03-17T16:30+07:00)."
        ) from None
    if moment.tzinfo is None:
        raise HttpError(400, "at: sertakan zona waktu, mis. 2026-03-17T16:30+07:00.")
    if days is not None and not 0 <= days <= MAX_DAYS:
        raise HttpError(400, f"days: harus antara 0 dan {MAX_DAYS}, bukan {days}.")
    receipt, due = due_from_moment(moment, scope, days or 0)
    return {
        "moment": moment,
        "date": receipt.date,
        "reason": receipt.reason,
        "due": due.date if days is not None else None,
        "skipped": [x.as_dict() for x in due.skipped] if days is not None else [],
    }


@router.get(
    "/calendar/holidays",
    response=list[HolidayOut],
    auth=None,
    openapi_extra=PUBLIC,
    summary="Hari libur setahun (nasional, cuti bersama, dan hari libur badan publik)",
)
def calendar_holidays(request: HttpRequest, year: int, body: str | None = None) -> list[dict[str, Any]]:
    scope = _calendar_body(body)
    rows = holidays_of_year(year, scope)  # a year the calendar does not know: synced or refused (400)
    return [
        {
            "date": h.date,
            "name": h.name,
            "kind": h.kind,
            "decree": h.decree,
            "body": scope.slug if scope is not None and h.body_id else None,
        }
        for h in rows
    ]
