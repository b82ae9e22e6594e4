"""Due dates of the SOP engine go through the same calendar: a year not yet synced is synced on demand
inside the task's own transaction, and a failed sync never breaks that transaction (issue #7 item 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from terbuka.core import services as core_services
from terbuka.core.models import Event, Holiday

from .engine_kit import complete, open_tasks
from .test_engine import WIB, sop, start  # noqa: F401  (fixture)

THURSDAY_2029 = dt.datetime(2029, 8, 16, 9, 0, tzinfo=WIB)  # 17 August 2029 (a Friday) is a holiday


def test_case_started_in_an_unsynced_year_counts_that_years_holidays(sop, users):  # noqa: F811
    assert not Holiday.objects.filter(date__year=2029).exists()
    case = start(sop, users, now=THURSDAY_2029)
    [task] = open_tasks(case)
    assert task.due_date == dt.date(2029, 8, 20)  # Friday 17 August skipped, then the weekend
    event = Event.objects.filter(action="calendar.sync").order_by("-pk").first()
    assert event is not None and event.new["years"] == [2029] and event.new["on_demand"] is True
    complete(task, now=THURSDAY_2029 + dt.timedelta(hours=1))
    assert {t.step_no for t in open_tasks(case)} == {2}


def test_a_sync_that_fails_inside_a_completion_leaves_the_transaction_usable(sop, users, monkeypatch):  # noqa: F811
    case = start(sop, users, now=dt.datetime(2026, 3, 2, 9, 0, tzinfo=WIB))
    [task] = open_tasks(case)
    real_sync = core_services.calendar_sync

    def racing_sync(*, years):
        # Another process committed the same year a moment earlier: our insert hits the unique index.
        real_sync(actor=None, years=years)
        with transaction.atomic():
            row = Holiday.objects.filter(date__year=years[0], body__isnull=True).first()
            Holiday.objects.create(date=row.date, name="dup", kind=row.kind)
        raise AssertionError("unreachable")

    monkeypatch.setattr(core_services, "calendar_sync_on_demand", racing_sync)
    with pytest.raises(IntegrityError):
        racing_sync(years=[2030])  # the fake really fails the way a race does
    Holiday.objects.filter(date__year=2030).delete()
    result = complete(task, now=dt.datetime(2030, 1, 2, 9, 0, tzinfo=WIB))
    assert result is not None
    opened = open_tasks(case)
    assert opened and all(t.due_date and t.due_date.year == 2030 for t in opened)
    assert Holiday.objects.filter(date__year=2030, kind=Holiday.Kind.NASIONAL).exists()
