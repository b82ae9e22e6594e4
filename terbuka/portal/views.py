"""The public site per body: identity, contact, the working-day calendar and deadline calculator."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core import policies
from terbuka.core.models import Holiday, PublicBody
from terbuka.core.policies import PUBLIC, policy
from terbuka.core.workdays import MAX_DAYS, calendar_for, format_date_id


@policy(PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"bodies": PublicBody.objects.filter(is_active=True)})


@policy(PUBLIC)
def body_home(request: HttpRequest, slug: str) -> HttpResponse:
    body = policies.get_public_body(slug)
    return render(request, "portal/body.html", {"body": body, "units": body.units.filter(is_active=True)})


@policy(PUBLIC)
def body_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    body = policies.get_public_body(slug)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("tahun", today.year))
        if not 1900 <= year <= 2200:
            raise ValueError
    except ValueError:
        year = today.year
    holidays = (
        Holiday.objects.filter(date__year=year, body__isnull=True)
        | Holiday.objects.filter(date__year=year, body=body)
    ).order_by("date")
    cal = calendar_for(body)
    result = None
    errors: list[str] = []
    start_raw, days_raw = request.GET.get("mulai", ""), request.GET.get("hari", "")
    if start_raw or days_raw:
        start = days = None
        try:
            start = dt.date.fromisoformat(start_raw)
        except ValueError:
            errors.append(_("Tanggal mulai tidak sah; gunakan format TTTT-BB-HH, mis. 2026-03-16."))
        try:
            days = int(days_raw)
            if not 0 <= days <= MAX_DAYS:
                raise ValueError
        except ValueError:
            errors.append(
                _("Jumlah hari kerja harus bilangan bulat dari 0 sampai %(max)s.") % {"max": MAX_DAYS}
            )
        if start is not None and days is not None and not errors:
            result = cal.explain_add(start, days)
    context = {
        "body": body,
        "year": year,
        "holidays": holidays,
        "working_days_in_year": cal.between(dt.date(year - 1, 12, 31), dt.date(year, 12, 31)),
        "result": result,
        "errors": errors,
        "start_raw": start_raw,
        "days_raw": days_raw,
        "format_date_id": format_date_id,
    }
    template = "portal/_calculator.html" if request.headers.get("HX-Request") else "portal/calendar.html"
    return render(request, template, context)
