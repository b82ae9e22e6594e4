"""Reads of the DIK register (for views, the API, the requests app and the reports)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db.models import Q, QuerySet

from terbuka.core.models import PublicBody

from .models import CLOSED, ConsequenceTest, Decree, Entry, Status

PUBLIC = (Status.DITETAPKAN, Status.DEKLASIFIKASI)


def public_entries(body: PublicBody) -> QuerySet[Entry]:
    """The decreed DIK as the public sees it: in force, ordered by end date (open-ended last)."""
    return (
        Entry.objects.filter(body=body, status__in=PUBLIC)
        .select_related("unit", "decree", "decree__document")
        .order_by("ends_on", "watch_on", "title", "pk")
    )


def register(body: PublicBody, statuses: Any = None) -> QuerySet[Entry]:
    """The whole register ordered by end date (seed 002 step 2: "berdasarkan urutan jangka waktu")."""
    qs = Entry.objects.filter(body=body).select_related("unit", "decree")
    if statuses:
        qs = qs.filter(status__in=statuses)
    return qs.order_by("ends_on", "watch_on", "title", "pk")


def ending_within(body: PublicBody, today: dt.date, days: int = 90) -> QuerySet[Entry]:
    """Decreed entries whose end or review date falls in the next ``days`` calendar days."""
    return register(body, PUBLIC).filter(watch_on__gte=today, watch_on__lte=today + dt.timedelta(days=days))


def tests_held(body: PublicBody, start: dt.date, end: dt.date) -> QuerySet[ConsequenceTest]:
    return (
        ConsequenceTest.objects.filter(body=body, held_on__gte=start, held_on__lte=end)
        .prefetch_related("items__entry", "members")
        .order_by("held_on", "pk")
    )


def current_decree(body: PublicBody) -> Decree | None:
    return Decree.objects.filter(body=body, signed_on__isnull=False).select_related("document").first()


_WORD = re.compile(r"\w{3,}", re.UNICODE)


def entry_lookup(body: PublicBody, text: str, *, limit: int = 5) -> list[Entry]:
    """Entries that keep information like ``text`` closed (decided exempt, decreed or being declassified),
    best match first: for a refusal, the requests app cites the entry's ground, consequence and period.

    Matching: every word of three letters or more of ``text`` is looked for in the entry's title and
    description; entries are ranked by how many words they contain."""
    words = [w.casefold() for w in _WORD.findall(text or "")]
    if not words:
        return []
    cond = Q()
    for w in words:
        cond |= Q(title__icontains=w) | Q(description__icontains=w)
    found = list(
        Entry.objects.filter(body=body, status__in=CLOSED).filter(cond).select_related("unit", "decree")
    )

    def score(e: Entry) -> tuple[int, int]:
        hay = f"{e.title} {e.description}".casefold()
        return (-sum(1 for w in words if w in hay), e.pk)

    found.sort(key=score)
    return found[:limit]
