from __future__ import annotations

import datetime as dt

from django import template

from terbuka.core.roles import role_label
from terbuka.core.workdays import format_date_ui

register = template.Library()


@register.filter
def tgl(value: dt.date | dt.datetime | None, style: str = "") -> str:
    """A date as Indonesian letters write it (16 Maret 2026); ISO in English."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date_ui(value, weekday=style == "hari")


register.filter("role_label", role_label)


@register.filter
def tenggat(value: dt.datetime | None, body: object = None) -> str:
    """A deadline with its hour in the body's own zone: "Selasa, 7 April 2026 pukul 16.00 WITA"."""
    if value is None:
        return ""
    from zoneinfo import ZoneInfo

    from django.utils.translation import gettext as _

    zone = getattr(body, "time_zone", None)
    label = getattr(body, "tz_label", "")
    local = value.astimezone(ZoneInfo(zone)) if zone else value
    return _("%(day)s pukul %(time)s %(tz)s") % {
        "day": tgl(local.date(), "hari"),
        "time": local.strftime("%H.%M"),
        "tz": label,
    }


@register.simple_tag
def csp_nonce() -> str:
    """`` nonce="…"`` for a ``<style>`` block under the Content-Security-Policy (terbuka/core/csp.py); nothing
    outside a request (PDF rendering), where no policy applies."""
    from django.utils.html import format_html

    from terbuka.core.csp import nonce

    value = nonce()
    return format_html(' nonce="{}"', value) if value else ""
