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

The calendar knows its range. A year is *known* when national holidays or cuti bersama of that year are in
the Holiday table (``terbuka calendar sync``). A computation that touches any other year never counts it
as holiday-free: a year inside the sync window (``TERBUKA_CALENDAR_SYNC_FROM`` to this year +
``TERBUKA_CALENDAR_SYNC_AHEAD``) is synced on demand from the ``holidays`` package (audited as the
system); any other year is refused with ``CalendarRangeError`` (a ValidationError naming the known range,
which the API, the pages and the CLI show as a 400 / an error line).

Speed and memory: each (calendar, year) has a sorted array of its working-day ordinals, kept in one
process-wide LRU of fixed size (``YEAR_CACHE_SIZE``); calendars of bodies are kept in an LRU of
``BODY_CACHE_SIZE``. "The N-th working day after D" is one binary search plus a step per year crossed, so
100,000 due dates take well under the 0.3 s target (bench/calendar_bench.py, docs/benchmarks.md), and no
request can make a process keep more than the two fixed maxima (bench/calendar_memory.py).
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import functools
import secrets
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, TypeVar
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .models import Holiday, PublicBody

WEEKDAY_NAMES = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTH_NAMES = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
MAX_DAYS = 1000
YEAR_CACHE_SIZE = 2048  # (calendar, year) arrays per process: ~1 KB each
BODY_CACHE_SIZE = 256  # body calendars per process (each holds only its own days off)
# Kinds of national rows that make a year "known" (synced from the SKB 3 Menteri / the package).
NATIONAL_KINDS = ("nasional", "cuti_bersama")

T = TypeVar("T")


def format_date_id(day: dt.date, weekday: bool = False) -> str:
    """16 Maret 2026 (or Senin, 16 Maret 2026): dates as Indonesian letters write them."""
    text = f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    return f"{WEEKDAY_NAMES[day.weekday()]}, {text}" if weekday else text


def format_date_ui(day: dt.date, weekday: bool = False) -> str:
    """A date on a page, in the reader's language: "Senin, 16 Maret 2026" or "Monday, 16 March 2026".
    Letters and other official documents keep ``format_date_id`` (they stay Indonesian)."""
    from django.utils.translation import get_language

    if (get_language() or "id").startswith("en"):
        text = f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"
        return f"{EN_WEEKDAYS[day.weekday()]}, {text}" if weekday else text
    return format_date_id(day, weekday)


# English names written out (strftime would follow the process locale, not the page's language).
EN_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def year_ranges(years: Iterable[int]) -> str:
    """2024, 2025, 2026, 2031 -> "2024–2026, 2031"."""
    out: list[str] = []
    run: list[int] = []
    for y in sorted(set(years)):
        if run and y == run[-1] + 1:
            run.append(y)
            continue
        if run:
            out.append(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [y]
    if run:
        out.append(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]))
    return ", ".join(out)


def sync_window(today: dt.date | None = None) -> tuple[int, int]:
    """The years the calendar may sync on demand: TERBUKA_CALENDAR_SYNC_FROM .. this year + SYNC_AHEAD."""
    from django.conf import settings
    from django.utils import timezone

    this = (today or timezone.localdate()).year
    return int(settings.TERBUKA_CALENDAR_SYNC_FROM), this + int(settings.TERBUKA_CALENDAR_SYNC_AHEAD)


class CalendarRangeError(ValidationError):
    """A computation touches a year the calendar does not know and may not sync."""

    def __init__(self, years: Iterable[int], known: Iterable[int], window: tuple[int, int] | None):
        self.years = sorted(set(years))
        self.known = sorted(set(known))
        self.window = window
        shown = year_ranges(self.years[:50])
        params = {"years": shown, "known": year_ranges(self.known)}
        if not self.known:
            message = _(
                "Tanggal di tahun %(years)s di luar jangkauan kalender hari kerja: kalender belum berisi "
                "hari libur nasional dan cuti bersama."
            )
        else:
            message = _(
                "Tanggal di tahun %(years)s di luar jangkauan kalender hari kerja. Kalender mengenal hari "
                "libur nasional dan cuti bersama tahun %(known)s."
            )
        if window is not None:
            message += " " + _("Tahun %(lo)s–%(hi)s ditambahkan otomatis bila diperlukan.")
            params.update(lo=str(window[0]), hi=str(window[1]))
        super().__init__(message % params, code="calendar_range")


class _UnknownYears(Exception):
    """Internal: a computation reached years the calendar does not know (resolved by sync or refusal)."""

    def __init__(self, years: Iterable[int]):
        super().__init__()
        self.years = frozenset(years)


class DayOff(NamedTuple):
    name: str
    kind: str
    decree: str = ""


@dataclass(frozen=True)
class SkippedDay:
    date: dt.date
    reason: str
    source: str = ""  # e.g. "Cuti bersama (SKB 3 Menteri)"; empty for weekends

    def as_dict(self) -> dict[str, str]:
        return {"date": self.date.isoformat(), "reason": self.reason, "source": self.source}


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


def _index_by_year(days: Iterable[dt.date]) -> dict[int, frozenset[int]]:
    out: dict[int, set[int]] = {}
    for d in days:
        out.setdefault(d.year, set()).add(d.toordinal())
    return {y: frozenset(v) for y, v in out.items()}


Resolver = Callable[["WorkingCalendar", frozenset[int]], "WorkingCalendar"]


class WorkingCalendar:
    """Working days for one scope: national days off plus, optionally, one body's own.

    ``known_years=None`` means every year is known (a calendar built by hand, e.g. in a test); otherwise a
    computation touching another year asks ``resolve`` for a calendar that knows it (on-demand sync), or
    fails with ``CalendarRangeError``.
    """

    def __init__(
        self,
        national: Mapping[dt.date, DayOff],
        own: Mapping[dt.date, DayOff] | None = None,
        *,
        known_years: frozenset[int] | None = None,
        resolve: Resolver | None = None,
        scope: int | None = None,
        national_index: dict[int, frozenset[int]] | None = None,
    ):
        # The national mapping and its index are shared by every body's calendar (not copied).
        self._national = national
        self._own = own or {}
        self.known_years = known_years
        self.scope = scope
        self._resolve = resolve
        nat = national_index if national_index is not None else _index_by_year(self._national)
        own_idx = _index_by_year(self._own)
        self._off_by_year = (
            {y: nat.get(y, frozenset()) | own_idx.get(y, frozenset()) for y in {*nat, *own_idx}}
            if own_idx
            else nat
        )

    # -- the known range -------------------------------------------------------------------------------
    def _check(self, year: int) -> None:
        if self.known_years is not None and year not in self.known_years:
            raise _UnknownYears([year])

    def _need(self, first: int, last: int) -> None:
        if self.known_years is None:
            return
        missing = [y for y in range(first, last + 1) if y not in self.known_years]
        if missing:
            raise _UnknownYears(missing)

    def _run(self, compute: Callable[[WorkingCalendar], T]) -> T:
        """Run a computation; on an unknown year, sync it (or refuse) and run again on the fresh calendar."""
        cal = self
        for _attempt in range(6):
            try:
                return compute(cal)
            except _UnknownYears as exc:
                if cal._resolve is None:
                    raise CalendarRangeError(exc.years, cal.known_years or (), None) from None
                cal = cal._resolve(cal, exc.years)
        raise CalendarRangeError([], cal.known_years or (), None)

    def _year(self, year: int) -> array[int]:
        if self.known_years is not None and year not in self.known_years:
            raise _UnknownYears([year])
        return _year_array(self, year)

    def _build_year(self, year: int) -> array[int]:
        first = dt.date(year, 1, 1).toordinal()
        last = dt.date(year, 12, 31).toordinal()
        off = self._off_by_year.get(year, frozenset())
        # Weekday of ordinal o is (o + 6) % 7 with Monday = 0 (date(1,1,1) was a Monday).
        return array("l", [o for o in range(first, last + 1) if (o + 6) % 7 < 5 and o not in off])

    # -- queries ---------------------------------------------------------------------------------------
    def day_off(self, day: dt.date) -> DayOff | None:
        """The day off on ``day`` (national and the body's own names joined), or None."""
        self._check(day.year)
        nat, own = self._national.get(day), self._own.get(day)
        if nat and own:
            return DayOff(f"{nat.name}; {own.name}", nat.kind, nat.decree)
        return nat or own

    def is_working_day(self, day: dt.date) -> bool:
        return self._run(lambda c: day.weekday() < 5 and c.day_off(day) is None)

    def why_not_working(self, day: dt.date) -> str | None:
        return self._run(lambda c: c._why(day))

    def _why(self, day: dt.date) -> str | None:
        off = self.day_off(day)
        if off is not None:
            return off.name
        if day.weekday() >= 5:
            return WEEKDAY_NAMES[day.weekday()]
        return None

    def _add(self, start: dt.date, days: int) -> dt.date:
        if days < 0:
            raise ValueError("days must be >= 0")
        if days == 0:
            return start
        year = start.year
        arr = self._year(year)
        i = bisect.bisect_right(arr, start.toordinal())
        remaining = days
        while i + remaining > len(arr):
            remaining -= len(arr) - i
            year += 1
            arr = self._year(year)  # year 10000 is never known: refused before any date is built
            i = 0
        return dt.date.fromordinal(arr[i + remaining - 1])

    def add(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``start`` (the start day is not counted)."""
        try:  # the hot path (100,000 due dates in the bench): no closure unless a year is unknown
            return self._add(start, days)
        except _UnknownYears:
            return self._run(lambda c: c._add(start, days))

    def next_working_day(self, day: dt.date) -> dt.date:
        return self.add(day, 1)

    def _between(self, start: dt.date, end: dt.date) -> int:
        if end < start:
            return -self._between(end, start)
        if end == start:
            return 0
        first = dt.date.fromordinal(start.toordinal() + 1).year  # the first day counted
        self._need(first, end.year)
        lo, hi = start.toordinal(), end.toordinal()
        total = 0
        for year in range(first, end.year + 1):
            arr = _year_array(self, year)
            total += bisect.bisect_right(arr, hi) - bisect.bisect_right(arr, lo)
        return total

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        return self._run(lambda c: c._between(start, end))

    def _source(self, off: DayOff) -> str:
        from .models import Holiday

        try:
            kind = str(Holiday.Kind(off.kind).label)
        except ValueError:
            kind = off.kind
        return f"{kind} ({off.decree})" if off.decree else kind

    def _skipped(self, start: dt.date, end: dt.date) -> list[SkippedDay]:
        if end <= start:
            return []
        self._need(dt.date.fromordinal(start.toordinal() + 1).year, end.year)
        out = []
        for o in range(start.toordinal() + 1, end.toordinal() + 1):
            day = dt.date.fromordinal(o)
            off = self.day_off(day)
            if off is not None:
                out.append(SkippedDay(day, off.name, self._source(off)))
            elif day.weekday() >= 5:
                out.append(SkippedDay(day, WEEKDAY_NAMES[day.weekday()]))
        return out

    def skipped_days(self, start: dt.date, end: dt.date) -> list[SkippedDay]:
        """Every day in (start, end] that is not a working day, with the reason."""
        return self._run(lambda c: c._skipped(start, end))

    def explain_between(self, start: dt.date, end: dt.date) -> tuple[int, list[SkippedDay]]:
        """Working days in (start, end] and every day in that span that did not count, with the reason."""
        lo, hi = (start, end) if start <= end else (end, start)
        return self._run(lambda c: (c._between(start, end), c._skipped(lo, hi)))

    def explain_next(self, day: dt.date) -> DueDate:
        return self.explain_add(day, 1)

    def _explain_add(self, start: dt.date, days: int) -> DueDate:
        result = self._add(start, days)
        return DueDate(start, days, result, self._skipped(start, result))

    def explain_add(self, start: dt.date, days: int) -> DueDate:
        return self._run(lambda c: c._explain_add(start, days))

    def received_on(self, moment: dt.datetime, tz: str, opens: dt.time, closes: dt.time) -> Receipt:
        """The working day a moment counts as received on, in the given time zone and office hours."""
        if moment.tzinfo is None:
            raise ValueError("moment must be timezone-aware")
        return self._run(lambda c: c._received_on(moment, tz, closes))

    def _received_on(self, moment: dt.datetime, tz: str, closes: dt.time) -> Receipt:
        try:
            local = moment.astimezone(ZoneInfo(tz))
        except OverflowError:  # a moment at the very edge of year 1 or 9999
            raise _UnknownYears([moment.year]) from None
        day = local.date()
        label = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}.get(tz, tz)
        why = self._why(day)
        if why:
            nxt = self._add(day, 1)
            reason = _("Diterima pada hari libur (%(why)s); dihitung diterima %(day)s.") % {
                "why": why,
                "day": format_date_ui(nxt, weekday=True),
            }
            return Receipt(moment, nxt, reason)
        if local.time() >= closes:
            nxt = self._add(day, 1)
            reason = _(
                "Diterima pukul %(time)s %(tz)s, setelah jam layanan berakhir (%(closes)s %(tz)s); "
                "dihitung diterima %(day)s."
            ) % {
                "time": local.strftime("%H:%M"),
                "tz": label,
                "closes": closes.strftime("%H:%M"),
                "day": format_date_ui(nxt, weekday=True),
            }
            return Receipt(moment, nxt, reason)
        reason = _("Diterima pukul %(time)s %(tz)s pada hari dan jam kerja.") % {
            "time": local.strftime("%H:%M"),
            "tz": label,
        }
        return Receipt(moment, day, reason)


@functools.lru_cache(maxsize=YEAR_CACHE_SIZE)
def _year_array(cal: WorkingCalendar, year: int) -> array[int]:
    """The working-day ordinals of one year of one calendar: the bounded per-process cache."""
    return cal._build_year(year)


# -- loading from the Holiday table, cached per process and invalidated by CalendarVersion --------------


@dataclass
class _National:
    version: int
    days: dict[dt.date, DayOff]
    index: dict[int, frozenset[int]]
    known: frozenset[int]


_national: _National | None = None
_calendars: OrderedDict[int | None, WorkingCalendar] = OrderedDict()
_cache_lock = threading.Lock()


def clear_cache() -> None:
    """Drop every cached calendar and year array of this process."""
    global _national
    with _cache_lock:
        _national = None
        _calendars.clear()
        _year_array.cache_clear()


def cache_sizes() -> dict[str, int]:
    """How much this process keeps: body calendars and (calendar, year) arrays (for tests and benches)."""
    return {"calendars": len(_calendars), "year_arrays": _year_array.cache_info().currsize}


def _current_version() -> int:
    from .models import CalendarVersion

    row = CalendarVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    return row or 0


def bump_version() -> None:
    """Call inside the transaction that changes holidays.

    The new value is random rather than +1: a version written in a transaction that is then rolled back
    (an on-demand sync inside a task completion that fails) is never reused by a later commit, so a
    process can never keep a calendar of rolled-back rows under a committed version number.
    """
    from .models import CalendarVersion

    value = secrets.randbits(62)
    updated = CalendarVersion.objects.filter(pk=1).update(version=value)
    if not updated:
        CalendarVersion.objects.update_or_create(pk=1, defaults={"version": value})


def known_years() -> frozenset[int]:
    """Years with national holidays or cuti bersama in the table (read from the database, uncached)."""
    from .models import Holiday

    dates = Holiday.objects.filter(body__isnull=True, kind__in=NATIONAL_KINDS).dates("date", "year")
    return frozenset(d.year for d in dates)


def _load_national(version: int) -> _National:
    from .models import Holiday

    days: dict[dt.date, DayOff] = {}
    known: set[int] = set()
    for day, name, kind, decree in Holiday.objects.filter(body__isnull=True).values_list(
        "date", "name", "kind", "decree"
    ):
        days[day] = DayOff(name, kind, decree)
        if kind in NATIONAL_KINDS:
            known.add(day.year)
    return _National(version, days, _index_by_year(days), frozenset(known))


def _sync_missing(cal: WorkingCalendar, years: frozenset[int]) -> WorkingCalendar:
    """The resolver of cached calendars: sync years inside the window on demand, refuse the others."""
    from django.db import DatabaseError

    window = sync_window()
    lo, hi = window
    if any(not lo <= y <= hi for y in years):
        raise CalendarRangeError(years, cal.known_years or (), window)
    from .services import calendar_sync_on_demand

    # The sync runs in its own savepoint: if it fails (a concurrent sync wrote the same rows first), the
    # caller's transaction is intact, and the fresh calendar below tells whether the years are known now.
    with contextlib.suppress(DatabaseError):
        calendar_sync_on_demand(years=sorted(years))
    fresh = calendar_for(cal.scope)
    if fresh.known_years is not None and not years <= fresh.known_years:
        raise CalendarRangeError(years - fresh.known_years, fresh.known_years, window)
    return fresh


def calendar_for(body: PublicBody | int | None = None, *, version: int | None = None) -> WorkingCalendar:
    """The working calendar of a body (national days plus the body's own), or the national one.

    ``version``: the calendar version the caller has already read in its transaction (the SOP engine reads
    it with the task it locks), which saves a round trip; by default it is read here."""
    global _national
    from .models import Holiday

    body_id = body if isinstance(body, int) or body is None else body.pk
    if version is None:
        version = _current_version()
    with _cache_lock:
        if _national is None or _national.version != version:
            _national = None
            _calendars.clear()
            _year_array.cache_clear()
        national = _national
        cal = _calendars.get(body_id)
        if cal is not None:
            _calendars.move_to_end(body_id)
            return cal
    if national is None:
        national = _load_national(version)
    own: dict[dt.date, DayOff] = {}
    if body_id is not None:
        for day, name, kind, decree in Holiday.objects.filter(body_id=body_id).values_list(
            "date", "name", "kind", "decree"
        ):
            own[day] = DayOff(name, kind, decree)
    cal = WorkingCalendar(
        national.days,
        own,
        known_years=national.known,
        resolve=_sync_missing,
        scope=body_id,
        national_index=national.index,
    )
    with _cache_lock:
        if _national is None:
            _national = national
        if _national.version == version:
            _calendars[body_id] = cal
            while len(_calendars) > BODY_CACHE_SIZE:
                _calendars.popitem(last=False)
    return cal


def holidays_of_year(
    year: int, body: PublicBody | None = None, cal: WorkingCalendar | None = None
) -> list[Holiday]:
    """The Holiday rows of a year (national plus the body's own), for listings.

    The year must be one the calendar knows: inside the sync window it is synced on demand, outside it
    ``CalendarRangeError`` is raised, so a listing never shows an unsynced year as free of holidays.
    """
    from .models import Holiday

    (cal or calendar_for(body))._run(lambda c: c._check(year))
    rows = Holiday.objects.filter(date__year=year, body__isnull=True)
    if body is not None:
        rows = rows | Holiday.objects.filter(date__year=year, body=body)
    return list(rows.order_by("date"))


def received_on(moment: dt.datetime, body: PublicBody, cal: WorkingCalendar | None = None) -> Receipt:
    cal = cal or calendar_for(body)
    return cal.received_on(moment, body.time_zone, body.office_opens, body.office_closes)


def due_from_moment(
    moment: dt.datetime, body: PublicBody, days: int, *, explain: bool = True
) -> tuple[Receipt, DueDate]:
    """Receipt under the cut-off, then ``days`` working days after the day it counts as received.

    ``explain=False`` skips listing the skipped days (hot paths that only store the date).
    """
    if moment.tzinfo is None:
        raise ValueError("moment must be timezone-aware")

    def compute(cal: WorkingCalendar) -> tuple[Receipt, DueDate]:
        receipt = cal._received_on(moment, body.time_zone, body.office_closes)
        if explain:
            return receipt, cal._explain_add(receipt.date, days)
        return receipt, DueDate(receipt.date, days, cal._add(receipt.date, days))

    return calendar_for(body)._run(compute)
