"""Working-day arithmetic (DOMAIN.md §4–5).

A working day (hari kerja) is Monday to Friday, minus national holidays and cuti bersama, and minus the
body's own regional or ad-hoc days off. Every statutory clock in UU 14/2008 counts in these days.

Rules, as implemented and tested:

* ``add(start, n)``: the n-th working day *after* ``start``; the start day itself is never counted
  (10 working days after Monday 16 March 2026 is Tuesday 7 April 2026). ``n = 0`` returns ``start``.
* ``between(a, b)``: working days in the half-open span (a, b]: the number you would add to ``a``.
* ``next_working_day(d)``: the first working day strictly after ``d``.
* ``received_on(moment, body)``: office-hours cut-off. A moment at or after the body's closing time, or on
  a day that is not a working day, counts as received on the next working day (in the body's time zone).

Speed: the calendar keeps a sorted array of working-day ordinals and answers with one binary search, so
100,000 due dates take a few tens of milliseconds (bench/calendar_bench.py, docs/benchmarks.md).
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .models import PublicBody

WEEKDAY_NAMES = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTH_NAMES = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
MAX_DAYS = 1000


def format_date_id(day: dt.date, weekday: bool = False) -> str:
    """16 Maret 2026 (or Senin, 16 Maret 2026): dates as Indonesian letters write them."""
    text = f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    return f"{WEEKDAY_NAMES[day.weekday()]}, {text}" if weekday else text


@dataclass(frozen=True)
class SkippedDay:
    date: dt.date
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"date": self.date.isoformat(), "reason": self.reason}


@dataclass(frozen=True)
class DueDate:
    start: dt.date
    days: int
    date: dt.date
    skipped: list[SkippedDay] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.start.isoformat(),
            "days": self.days,
            "date": self.date.isoformat(),
            "skipped": [s.as_dict() for s in self.skipped],
        }


@dataclass(frozen=True)
class Receipt:
    """When a moment counts as received, and why (the office-hours cut-off)."""

    moment: dt.datetime
    date: dt.date
    reason: str


class WorkingCalendar:
    """Working days for one scope (national holidays plus, optionally, one body's own days off)."""

    def __init__(self, holidays: dict[dt.date, tuple[str, str]]):
        # date -> (name, kind)
        self.holidays = holidays
        self._lo = 0  # first ordinal covered by _workdays
        self._hi = 0  # first ordinal not covered
        self._workdays: list[int] = []
        self._lock = threading.Lock()

    # -- coverage ----------------------------------------------------------------------------------
    def _cover(self, lo_year: int, hi_year: int) -> None:
        lo = dt.date(max(lo_year, 1), 1, 1).toordinal()
        hi = dt.date(min(hi_year, 9998) + 1, 1, 1).toordinal()
        if self._workdays and lo >= self._lo and hi <= self._hi:
            return
        with self._lock:
            lo = min(lo, self._lo) if self._workdays else lo
            hi = max(hi, self._hi)
            hol = {d.toordinal() for d in self.holidays}
            # Weekday of ordinal o is (o + 6) % 7 with Monday = 0 (date(1,1,1) was a Monday).
            self._workdays = [o for o in range(lo, hi) if (o + 6) % 7 < 5 and o not in hol]
            self._lo, self._hi = lo, hi

    def _ensure(self, start: dt.date, days: int) -> None:
        # 261 working days a year at most; add a year of margin either side.
        self._cover(start.year - 1, start.year + days // 200 + 2)

    # -- queries -----------------------------------------------------------------------------------
    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def why_not_working(self, day: dt.date) -> str | None:
        if day in self.holidays:
            return self.holidays[day][0]
        if day.weekday() >= 5:
            return WEEKDAY_NAMES[day.weekday()]
        return None

    def add(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``start`` (the start day is not counted)."""
        if days < 0:
            raise ValueError("days must be >= 0")
        if days == 0:
            return start
        o = start.toordinal()
        if not (self._lo <= o and o + days * 2 + 30 < self._hi):
            self._ensure(start, days)
        idx = bisect.bisect_right(self._workdays, o) + days - 1
        if idx >= len(self._workdays):
            self._cover(start.year, start.year + days // 150 + 3)
            idx = bisect.bisect_right(self._workdays, o) + days - 1
        return dt.date.fromordinal(self._workdays[idx])

    def next_working_day(self, day: dt.date) -> dt.date:
        return self.add(day, 1)

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.between(end, start)
        self._cover(start.year - 1, end.year + 1)
        return bisect.bisect_right(self._workdays, end.toordinal()) - bisect.bisect_right(
            self._workdays, start.toordinal()
        )

    def skipped_days(self, start: dt.date, end: dt.date) -> list[SkippedDay]:
        """Every day in (start, end] that is not a working day, with the reason."""
        out = []
        day = start + dt.timedelta(days=1)
        while day <= end:
            reason = self.why_not_working(day)
            if reason:
                out.append(SkippedDay(day, reason))
            day += dt.timedelta(days=1)
        return out

    def explain_between(self, start: dt.date, end: dt.date) -> tuple[int, list[SkippedDay]]:
        """Working days in (start, end] and every day in that span that did not count, with the reason."""
        lo, hi = (start, end) if start <= end else (end, start)
        return self.between(start, end), self.skipped_days(lo, hi)

    def explain_next(self, day: dt.date) -> DueDate:
        return self.explain_add(day, 1)

    def explain_add(self, start: dt.date, days: int) -> DueDate:
        result = self.add(start, days)
        return DueDate(start, days, result, self.skipped_days(start, result))

    def received_on(self, moment: dt.datetime, tz: str, opens: dt.time, closes: dt.time) -> Receipt:
        """The working day a moment counts as received on, in the given time zone and office hours."""
        if moment.tzinfo is None:
            raise ValueError("moment must be timezone-aware")
        local = moment.astimezone(ZoneInfo(tz))
        day = local.date()
        label = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}.get(tz, tz)
        why = self.why_not_working(day)
        if why:
            nxt = self.next_working_day(day)
            reason = _("Diterima pada hari libur (%(why)s); dihitung diterima %(day)s.") % {
                "why": why,
                "day": format_date_id(nxt, weekday=True),
            }
            return Receipt(moment, nxt, reason)
        if local.time() >= closes:
            nxt = self.next_working_day(day)
            reason = _(
                "Diterima pukul %(time)s %(tz)s, setelah jam layanan berakhir (%(closes)s %(tz)s); "
                "dihitung diterima %(day)s."
            ) % {
                "time": local.strftime("%H:%M"),
                "tz": label,
                "closes": closes.strftime("%H:%M"),
                "day": format_date_id(nxt, weekday=True),
            }
            return Receipt(moment, nxt, reason)
        reason = _("Diterima pukul %(time)s %(tz)s pada hari dan jam kerja.") % {
            "time": local.strftime("%H:%M"),
            "tz": label,
        }
        return Receipt(moment, day, reason)


# -- loading from the Holiday table, cached per process and invalidated by CalendarVersion --------------

_cache: dict[int | None, WorkingCalendar] = {}
_cache_version: int | None = None
_cache_lock = threading.Lock()


def _current_version() -> int:
    from .models import CalendarVersion

    row = CalendarVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    return row or 0


def bump_version() -> None:
    """Call inside the transaction that changes holidays."""
    from django.db.models import F

    from .models import CalendarVersion

    updated = CalendarVersion.objects.filter(pk=1).update(version=F("version") + 1)
    if not updated:
        CalendarVersion.objects.get_or_create(pk=1, defaults={"version": 1})


def clear_cache() -> None:
    """Forget every cached calendar (tests: a rolled-back transaction can reuse a version number)."""
    global _cache_version
    with _cache_lock:
        _cache.clear()
        _cache_version = None


def calendar_for(body: PublicBody | int | None = None) -> WorkingCalendar:
    """The working calendar of a body (national days plus the body's own), or the national one."""
    global _cache_version
    from .models import Holiday

    body_id = body if isinstance(body, int) or body is None else body.pk
    version = _current_version()
    with _cache_lock:
        if version != _cache_version:
            _cache.clear()
            _cache_version = version
        cal = _cache.get(body_id)
    if cal is not None:
        return cal
    rows = Holiday.objects.filter(body__isnull=True)
    if body_id is not None:
        rows = Holiday.objects.filter(body__isnull=True) | Holiday.objects.filter(body_id=body_id)
    holidays: dict[dt.date, tuple[str, str]] = {}
    for day, name, kind, row_body in rows.values_list("date", "name", "kind", "body_id").order_by("body_id"):
        if day in holidays and row_body is not None:
            # A body's own day on a national holiday: keep both names.
            holidays[day] = (f"{holidays[day][0]}; {name}", holidays[day][1])
        else:
            holidays[day] = (name, kind)
    cal = WorkingCalendar(holidays)
    with _cache_lock:
        if _cache_version == version:
            _cache[body_id] = cal
    return cal


def received_on(moment: dt.datetime, body: PublicBody, cal: WorkingCalendar | None = None) -> Receipt:
    cal = cal or calendar_for(body)
    return cal.received_on(moment, body.time_zone, body.office_opens, body.office_closes)


def due_from_moment(
    moment: dt.datetime, body: PublicBody, days: int, *, explain: bool = True
) -> tuple[Receipt, DueDate]:
    """Receipt under the cut-off, then ``days`` working days after the day it counts as received.

    ``explain=False`` skips listing the skipped days (hot paths that only store the date).
    """
    cal = calendar_for(body)
    receipt = received_on(moment, body, cal)
    if explain:
        return receipt, cal.explain_add(receipt.date, days)
    return receipt, DueDate(receipt.date, days, cal.add(receipt.date, days))
