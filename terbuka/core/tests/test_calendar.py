"""Working-day arithmetic (DOMAIN.md §5) on real holiday data synced from the holidays package."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from terbuka.core import services
from terbuka.core.models import Holiday
from terbuka.core.tests import factories
from terbuka.core.workdays import calendar_for, due_from_moment, received_on

D = dt.date


@pytest.fixture
def national(db):
    services.calendar_sync(actor=None, years=[2025, 2026, 2027])


def test_ten_working_days_after_16_march_2026(national):
    due = calendar_for().explain_add(D(2026, 3, 16), 10)
    assert due.date == D(2026, 4, 7)
    skipped = {s.date: s.reason for s in due.skipped}
    assert skipped[D(2026, 3, 18)].startswith("Cuti Bersama")
    assert skipped[D(2026, 3, 19)] == "Hari Suci Nyepi"
    assert skipped[D(2026, 3, 28)] == "Sabtu" and skipped[D(2026, 3, 29)] == "Minggu"
    assert skipped[D(2026, 4, 3)] == "Wafat Yesus Kristus"
    # Every day between start and result is either counted or explained, never both.
    counted = [D(2026, 3, 16) + dt.timedelta(days=i) for i in range(1, 23)]
    counted = [d for d in counted if d not in skipped]
    assert len(counted) == 10 and counted[-1] == D(2026, 4, 7)


def test_2026_has_17_holidays_and_8_cuti_bersama(national):
    rows = Holiday.objects.filter(date__year=2026, body__isnull=True)
    assert rows.filter(kind=Holiday.Kind.NASIONAL).count() == 17
    assert sorted(rows.filter(kind=Holiday.Kind.CUTI_BERSAMA).values_list("date", flat=True)) == [
        D(2026, 2, 16), D(2026, 3, 18), D(2026, 3, 20), D(2026, 3, 23), D(2026, 3, 24),
        D(2026, 5, 15), D(2026, 5, 28), D(2026, 12, 24),
    ]  # fmt: skip


def test_year_boundary(national):
    cal = calendar_for()
    # 23 Dec 2026 (Wed) + 3: 24 cuti bersama, 25 Natal, 26-27 weekend -> 28, 29, 30.
    assert cal.add(D(2026, 12, 23), 3) == D(2026, 12, 30)
    # 31 Dec 2026 (Thu) + 1: 1 Jan 2027 is Tahun Baru (Fri), weekend -> Mon 4 Jan 2027.
    due = cal.explain_add(D(2026, 12, 31), 1)
    assert due.date == D(2027, 1, 4)
    assert [s.date for s in due.skipped] == [D(2027, 1, 1), D(2027, 1, 2), D(2027, 1, 3)]


def test_zero_days_is_the_start_and_between_is_inverse_of_add(national):
    cal = calendar_for()
    assert cal.add(D(2026, 3, 21), 0) == D(2026, 3, 21)
    start = D(2026, 3, 16)
    for n in (1, 5, 10, 17, 30, 250):
        assert cal.between(start, cal.add(start, n)) == n
    assert cal.between(D(2026, 4, 7), D(2026, 3, 16)) == -10
    assert cal.next_working_day(D(2026, 3, 17)) == D(2026, 3, 25)


def test_body_holiday_counts_only_for_that_body(national):
    body, other = factories.body(), factories.body()
    services.holiday_save(
        actor=None,
        date=D(2026, 3, 17),
        name="HUT Kota A",
        kind=Holiday.Kind.DAERAH,
        body=body,
        decree="Perwali 1/2026",
    )
    assert calendar_for(body).add(D(2026, 3, 16), 1) == D(2026, 3, 25)
    assert calendar_for(other).add(D(2026, 3, 16), 1) == D(2026, 3, 17)
    assert calendar_for(body).explain_add(D(2026, 3, 16), 1).skipped[0].reason == "HUT Kota A"


def test_editing_a_holiday_changes_the_arithmetic_at_once(national):
    assert calendar_for().add(D(2026, 7, 6), 1) == D(2026, 7, 7)
    h = services.holiday_save(
        actor=None, date=D(2026, 7, 7), name="Pemungutan suara", kind=Holiday.Kind.KHUSUS
    )
    assert calendar_for().add(D(2026, 7, 6), 1) == D(2026, 7, 8)
    services.holiday_delete(actor=None, holiday=h)
    assert calendar_for().add(D(2026, 7, 6), 1) == D(2026, 7, 7)


def test_sync_is_idempotent_and_keeps_manual_edits(national):
    row = Holiday.objects.get(date=D(2026, 8, 17), body__isnull=True)
    services.holiday_save(actor=None, date=row.date, name="HUT RI ke-81", kind=row.kind, decree="SKB 2025")
    result = services.calendar_sync(actor=None, years=[2025, 2026, 2027])
    assert result["created"] == 0 and result["updated"] == 0
    assert Holiday.objects.get(date=D(2026, 8, 17), body__isnull=True).name == "HUT RI ke-81"


@pytest.mark.parametrize(
    ("tz", "utc_time", "expected_day", "after_hours"),
    [
        # 16:00 local is closing time. 09:30 UTC is 16:30 WIB, 17:30 WITA, 18:30 WIT: all after hours.
        ("Asia/Jakarta", dt.time(9, 30), D(2026, 3, 25), True),
        # 08:30 UTC is 15:30 WIB (in hours) but 16:30 WITA and 17:30 WIT (after hours).
        ("Asia/Jakarta", dt.time(8, 30), D(2026, 3, 17), False),
        ("Asia/Makassar", dt.time(8, 30), D(2026, 3, 25), True),
        ("Asia/Jayapura", dt.time(6, 59), D(2026, 3, 17), False),  # 15:59 WIT
        ("Asia/Jayapura", dt.time(7, 0), D(2026, 3, 25), True),  # 16:00 WIT
    ],
)
def test_office_hours_cut_off_in_each_time_zone(national, tz, utc_time, expected_day, after_hours):
    body = factories.body(time_zone=tz)
    moment = dt.datetime.combine(D(2026, 3, 17), utc_time, tzinfo=dt.UTC)
    receipt = received_on(moment, body)
    assert receipt.date == expected_day
    assert ("setelah jam layanan" in receipt.reason) is after_hours


def test_received_on_a_holiday_counts_from_next_working_day(national):
    body = factories.body()
    moment = dt.datetime(2026, 3, 19, 3, 0, tzinfo=dt.UTC)  # 10:00 WIB on Nyepi
    receipt, due = due_from_moment(moment, body, 10)
    assert receipt.date == D(2026, 3, 25)
    assert "Hari Suci Nyepi" in receipt.reason
    assert due.date == calendar_for(body).add(D(2026, 3, 25), 10)


def test_naive_moment_is_refused(national):
    body = factories.body()
    with pytest.raises(ValueError):
        received_on(dt.datetime(2026, 3, 17, 9, 0), body)


def test_command_add_and_explain(national):
    out = StringIO()
    call_command("calendar", "add", "2026-03-16", "10", stdout=out)
    assert out.getvalue().strip() == "2026-04-07"
    out = StringIO()
    call_command("calendar", "add", "2026-03-16", "10", "--explain", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "2026-04-07"
    assert "2026-03-18 Cuti Bersama Hari Suci Nyepi" in lines[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "2026-02-30", "3"], "tanggal tidak sah"),
        (["add", "2026-03-16", "1001"], "0..1000"),
        (["add", "2026-03-16", "3", "--body", "tidak-ada"], "badan publik tidak dikenal"),
    ],
)
def test_command_bad_input(national, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("calendar", *args)


def test_command_between_and_next_explain(national):
    out = StringIO()
    call_command("calendar", "between", "2026-03-16", "2026-04-07", "--explain", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "10" and len(lines) == 13 and "2026-03-19 Hari Suci Nyepi" in lines[2]
    out = StringIO()
    call_command("calendar", "next", "2026-12-23", "--explain", stdout=out)
    assert out.getvalue().splitlines() == [
        "2026-12-28",
        "  dilewati 2026-12-24 Cuti Bersama Hari Raya Natal",
        "  dilewati 2026-12-25 Hari Raya Natal",
        "  dilewati 2026-12-26 Sabtu",
        "  dilewati 2026-12-27 Minggu",
    ]
