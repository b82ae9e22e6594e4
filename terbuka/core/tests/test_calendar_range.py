"""The calendar knows its range (issue #7 item 4, issue #9 item 7, issue #7 item 11).

A year without synced national holidays is never counted as holiday-free: inside the sync window it is
synced on demand (audited as the system), outside it every entry point refuses with a message naming the
known range. The per-process cache is bounded whatever is asked.
"""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from terbuka.core import services, workdays
from terbuka.core.models import Event, Holiday, PublicBody
from terbuka.core.workdays import CalendarRangeError, calendar_for, due_from_moment

D = dt.date
EDGE_DATES = ["0001-01-01", "0001-01-02", "9999-12-30", "9999-12-31"]


@pytest.fixture
def national(db):
    # The session's shared world (conftest.py) already holds 2025–2028; this sync adds nothing to it.
    services.calendar_sync(actor=None, years=[2025, 2026, 2027, 2028])
    workdays.clear_cache()


def test_unsynced_year_in_window_is_synced_on_demand_and_audited(national):
    # 2024 is not in the table. It used to count no holidays: 2024-04-05 + 10 gave 19 April, ignoring
    # Idul Fitri (10-11 April) and its cuti bersama (8, 9, 12, 15 April).
    assert not Holiday.objects.filter(date__year=2024).exists()
    due = calendar_for().explain_add(D(2024, 4, 5), 10)
    assert due.date == D(2024, 4, 29)
    reasons = {s.date: s for s in due.skipped}
    assert reasons[D(2024, 4, 10)].reason == "Hari Raya Idul Fitri"
    assert reasons[D(2024, 4, 8)].source == "Cuti bersama (SKB 3 Menteri)"
    event = Event.objects.filter(action="calendar.sync").order_by("-pk").first()
    assert event is not None and event.actor_id is None
    assert event.new["years"] == [2024] and event.new["on_demand"] is True
    # Synced once: the next computation does not sync again.
    calendar_for().add(D(2024, 6, 3), 5)
    assert Event.objects.filter(action="calendar.sync").count() == 2  # the fixture's and this one


def test_year_outside_window_is_refused_naming_the_known_range(national):
    with pytest.raises(CalendarRangeError) as info:
        calendar_for().add(D(2040, 1, 2), 10)
    message = info.value.messages[0]
    assert "2040" in message and "2025–2028" in message and "2000–2031" in message
    assert not Holiday.objects.filter(date__year=2040).exists()  # nothing synced for a refused year


def test_a_span_reaching_outside_the_window_syncs_nothing(national):
    before = Holiday.objects.count()
    with pytest.raises(CalendarRangeError):
        calendar_for().between(D(2020, 1, 1), D(2045, 1, 1))
    assert Holiday.objects.count() == before


@pytest.mark.parametrize("day", [D(1, 1, 1), D(1, 1, 2), D(9999, 12, 30), D(9999, 12, 31)])
def test_edge_dates_are_refused_not_crashing(national, day):
    cal = calendar_for()
    other = day + dt.timedelta(days=1) if day.year == 1 else day - dt.timedelta(days=1)
    lo, hi = min(day, other), max(day, other)
    for compute in (
        lambda: cal.add(day, 1),
        lambda: cal.explain_add(day, 1000),
        lambda: cal.between(day, other),
        lambda: cal.explain_between(other, day),
        lambda: cal.explain_next(day),
        lambda: cal.skipped_days(lo, hi),
        lambda: cal.is_working_day(day),
    ):
        with pytest.raises(CalendarRangeError):
            compute()


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"])
def test_received_on_at_the_edge_of_time_is_refused(national, moment):
    body = PublicBody.objects.create(slug="x", name="X", kind="kota", time_zone="Asia/Jayapura")
    with pytest.raises(CalendarRangeError):
        due_from_moment(dt.datetime.fromisoformat(moment), body, 10)


def test_the_cache_is_bounded_whatever_is_asked(national, monkeypatch):
    monkeypatch.setattr(workdays, "BODY_CACHE_SIZE", 3)
    built: list[int] = []
    real_build = workdays.WorkingCalendar._build_year

    def recording_build(self, year):
        built.append(year)
        return real_build(self, year)

    monkeypatch.setattr(workdays.WorkingCalendar, "_build_year", recording_build)
    bodies = [PublicBody.objects.create(slug=f"b{i}", name=f"B{i}", kind="kota") for i in range(6)]
    for body in bodies:
        cal = calendar_for(body)
        cal.add(D(2025, 1, 2), 700)
        for day in (D(1, 1, 1), D(9990, 6, 1)):
            with pytest.raises(CalendarRangeError):
                cal.add(day, 1000)
    sizes = workdays.cache_sizes()
    assert sizes["calendars"] == 3
    assert 0 < sizes["year_arrays"] <= workdays.YEAR_CACHE_SIZE
    assert set(built) == {2025, 2026, 2027}  # never an array for year 1 or 9990


def test_a_national_day_typed_into_an_unknown_year_syncs_that_year_first(national):
    services.holiday_save(actor=None, date=D(2029, 7, 9), name="Pemungutan suara", kind=Holiday.Kind.KHUSUS)
    assert Holiday.objects.filter(date__year=2029, kind=Holiday.Kind.NASIONAL).count() >= 10
    assert calendar_for().add(D(2029, 8, 16), 1) == D(2029, 8, 20)  # 17 August 2029 is a Friday


def test_package_rows_name_the_decree_not_the_package(national):
    decrees = set(Holiday.objects.filter(source=Holiday.Source.PACKAGE).values_list("decree", flat=True))
    assert decrees == {"SKB 3 Menteri"}


def test_old_package_label_is_rewritten_by_the_next_sync(national):
    Holiday.objects.filter(date__year=2026).update(decree="SKB 3 Menteri (paket holidays)")
    services.calendar_sync(actor=None, years=[2026])
    assert not Holiday.objects.filter(decree__contains="paket").exists()


# -- every entry point: API, public page, CLI ----------------------------------------------------------


@pytest.mark.parametrize("day", EDGE_DATES)
def test_api_answers_400_for_edge_dates(client, national, day):
    for path, params in (
        ("/api/v1/calendar/add", {"start": day, "days": 1}),
        ("/api/v1/calendar/add", {"start": day, "days": 1000}),
        ("/api/v1/calendar/next", {"date": day}),
        ("/api/v1/calendar/between", {"start": day, "end": day}),
        ("/api/v1/calendar/between", {"start": "9999-12-01", "end": day}),
    ):
        r = client.get(path, params)
        assert r.status_code in (200, 400), (path, params, r.status_code)
        if r.status_code == 400:
            assert "jangkauan kalender" in r.json()["message"] or "Rentang" in r.json()["message"]
    r = client.get("/api/v1/calendar/add", {"start": day, "days": 1})
    assert r.status_code == 400 and "2025–2028" in r.json()["message"]


@pytest.mark.parametrize("at", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"])
def test_api_received_at_the_edge_answers_400(client, national, at):
    PublicBody.objects.create(slug="x", name="X", kind="kota")
    r = client.get("/api/v1/calendar/received", {"at": at, "body": "x", "days": 10})
    assert r.status_code == 400 and "jangkauan kalender" in r.json()["message"]


@pytest.mark.parametrize(("year", "status"), [(1, 400), (9990, 400), (2024, 200), (2026, 200)])
def test_api_holidays_of_a_year(client, national, year, status):
    r = client.get("/api/v1/calendar/holidays", {"year": year})
    assert r.status_code == status
    if status == 200:
        rows = r.json()
        assert len(rows) > 10 and {row["decree"] for row in rows} == {"SKB 3 Menteri"}


def test_36_anonymous_requests_for_far_years_keep_nothing(client, national):
    workdays.clear_cache()
    for i in range(36):
        day = "0001-01-01" if i % 2 else "9990-01-01"
        r = client.get("/api/v1/calendar/add", {"start": day, "days": 1000})
        assert r.status_code == 400
    assert workdays.cache_sizes()["year_arrays"] == 0


@pytest.mark.parametrize(
    "query",
    [
        {"mulai": "9999-12-31", "hari": "1"},
        {"mulai": "0001-01-01", "hari": "1000"},
        {"tahun": "9999"},
        {"tahun": "1"},
        {"tahun": "0"},
        {"tahun": "99999999999999999999"},
        {"tahun": "abc"},
    ],
)
def test_calendar_page_answers_400_with_the_range(client, demo, query):
    r = client.get("/badan/kota-kupang/kalender/", query)
    assert r.status_code == 400
    text = r.content.decode()
    assert "jangkauan" in text or "Tahun tidak sah" in text


def test_calendar_page_syncs_a_year_in_the_window(client, demo):
    r = client.get("/badan/kota-kupang/kalender/", {"tahun": "2024", "mulai": "2024-04-05", "hari": "10"})
    assert r.status_code == 200
    text = r.content.decode()
    assert 'data-date="2024-04-29"' in text
    assert "Cuti bersama (SKB 3 Menteri)" in text
    assert "paket holidays" not in text


def test_cli_refuses_years_outside_the_window(national):
    with pytest.raises(CommandError, match="jangkauan kalender"):
        call_command("calendar", "add", "9999-12-31", "1")
    with pytest.raises(CommandError, match="2025–2028"):
        call_command("calendar", "between", "0001-01-01", "0001-02-01")
    out = StringIO()
    call_command("calendar", "add", "2024-04-05", "10", stdout=out)
    assert out.getvalue().strip() == "2024-04-29"
