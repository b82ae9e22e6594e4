"""The public site per body: identity, contact, the working-day calendar and deadline calculator."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core import policies
from terbuka.core.models import PublicBody
from terbuka.core.policies import PUBLIC, policy
from terbuka.core.workdays import (
    MAX_DAYS,
    CalendarRangeError,
    calendar_for,
    format_date_id,
    holidays_of_year,
    sync_window,
)


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
    cal = calendar_for(body)
    errors: list[str] = []
    year_raw = request.GET.get("tahun", "")
    year = today.year
    if year_raw:
        try:
            year = int(year_raw)
        except ValueError:
            errors.append(_("Tahun tidak sah; tulis empat angka, mis. %(year)s.") % {"year": today.year})
    holidays: list = []
    working_days_in_year = None
    try:
        holidays = holidays_of_year(year, body, cal)
        working_days_in_year = cal.between(dt.date(year - 1, 12, 31), dt.date(year, 12, 31))
    except CalendarRangeError as exc:
        errors.extend(exc.messages)
    except (ValueError, OverflowError):  # a year that is not a date at all (0, 10000, ...)
        errors.append(_("Tahun tidak sah; tulis empat angka, mis. %(year)s.") % {"year": today.year})
    lo, hi = sync_window()
    result = None
    calc_errors: list[str] = []
    start_raw, days_raw = request.GET.get("mulai", ""), request.GET.get("hari", "")
    if start_raw or days_raw:
        start = days = None
        try:
            start = dt.date.fromisoformat(start_raw)
        except ValueError:
            calc_errors.append(_("Tanggal mulai tidak sah; gunakan format TTTT-BB-HH, mis. 2026-03-16."))
        try:
            days = int(days_raw)
            if not 0 <= days <= MAX_DAYS:
                raise ValueError
        except ValueError:
            calc_errors.append(
                _("Jumlah hari kerja harus bilangan bulat dari 0 sampai %(max)s.") % {"max": MAX_DAYS}
            )
        if start is not None and days is not None and not calc_errors:
            try:
                result = cal.explain_add(start, days)
            except CalendarRangeError as exc:
                calc_errors.extend(exc.messages)
    context = {
        "body": body,
        "year": year if not errors else today.year,
        "prev_year": year - 1 if not errors and year - 1 >= lo else None,
        "next_year": year + 1 if not errors and year + 1 <= hi else None,
        "holidays": holidays,
        "working_days_in_year": working_days_in_year,
        "year_errors": errors,
        "result": result,
        "errors": calc_errors,
        "start_raw": start_raw,
        "days_raw": days_raw,
        "format_date_id": format_date_id,
    }
    status = 400 if errors or calc_errors else 200
    template = "portal/_calculator.html" if request.headers.get("HX-Request") else "portal/calendar.html"
    return render(request, template, context, status=status)
