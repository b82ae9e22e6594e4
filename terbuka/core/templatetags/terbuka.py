from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import get_language

from terbuka.core.roles import role_label
from terbuka.core.workdays import format_date_id

register = template.Library()


@register.filter
def tgl(value: dt.date | dt.datetime | None, style: str = "") -> str:
    """A date as Indonesian letters write it (16 Maret 2026); ISO in English."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if get_language() == "en":
        return value.strftime("%A, %d %B %Y" if style == "hari" else "%d %B %Y")
    return format_date_id(value, weekday=style == "hari")


register.filter("role_label", role_label)
