"""The test set-up itself (conftest.py): one shared world per session, and no state carried between tests.

Each pair below is symmetric: whichever of the two runs second would see the first one's leftovers if the
set-up let them through, so the proof holds in the default order and in a shuffled one (make test-random).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from terbuka.core import services
from terbuka.core.models import Holiday, PublicBody, User
from terbuka.core.workdays import calendar_for

D = dt.date
# Two Tuesdays that are ordinary working days in 2026; each case below makes one of them a holiday.
DAYS = {"a": D(2026, 7, 7), "b": D(2026, 7, 14)}


def test_a_plain_db_test_starts_in_the_demo_world(db):
    assert PublicBody.objects.count() == 5
    assert User.objects.filter(username="ppid.kota-serang").exists()
    assert Holiday.objects.filter(body__isnull=True, date__year=2028).exists()


def test_demo_users_and_bodies_fixtures(users, bodies):
    assert set(bodies) >= {"kota-serang", "kota-kupang", "kota-bontang", "kabupaten-serang"}
    assert users["ppid.kota-serang"].positions.filter(body=bodies["kota-serang"]).exists()


@pytest.mark.parametrize("mine", sorted(DAYS))
def test_a_rolled_back_holiday_leaves_no_calendar_behind(demo, mine):
    other = next(k for k in DAYS if k != mine)
    services.holiday_save(actor=None, date=DAYS[mine], name=f"Libur uji {mine}", kind=Holiday.Kind.KHUSUS)
    cal = calendar_for()
    assert not cal.is_working_day(DAYS[mine])
    # The other case's holiday was rolled back with its test; a calendar cached under the same
    # CalendarVersion number would still have it.
    assert cal.is_working_day(DAYS[other])


@pytest.mark.parametrize("mine", ["uji_isolasi_a", "uji_isolasi_b"])
def test_an_action_registered_by_a_test_is_gone_after_it(mine):
    from terbuka.sop import actions

    other = "uji_isolasi_b" if mine == "uji_isolasi_a" else "uji_isolasi_a"
    assert not actions.known(other) and not actions.known(f"{other}_lama")
    actions.register(
        type("AksiUji", (actions.Action,), {"name": mine, "label": "Uji", "aliases": (f"{mine}_lama",)})
    )
    assert actions.known(mine) and actions.known(f"{mine}_lama")


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_language_a_test_activates_does_not_stay(language):
    from django.utils import translation

    assert translation.get_language() in (None, settings.LANGUAGE_CODE)
    translation.activate("en")


@pytest.mark.parametrize("mine", ["a", "b"])
def test_the_cache_starts_empty(mine):
    from django.core.cache import cache

    assert cache.get("uji-isolasi") is None
    cache.set("uji-isolasi", mine)


def test_files_go_to_a_temporary_media_root(db):
    root = Path(settings.MEDIA_ROOT)
    assert not root.is_relative_to(settings.BASE_DIR) and not root.is_relative_to(settings.VAR_DIR)
    name = default_storage.save("uji/isolasi.txt", ContentFile(b"x"))
    assert Path(default_storage.path(name)).is_relative_to(root)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", ["Kota Serang (uji A)", "Kota Serang (uji B)"])
def test_after_a_flush_the_next_test_finds_the_world_again(name):
    # Transactional tests commit, and Django empties every table after each; the next one must still start
    # from the shared world, unchanged.
    body = PublicBody.objects.get(slug="kota-serang")
    assert body.name == "Pemerintah Kota Serang"
    assert User.objects.filter(username="admin").exists()
    assert calendar_for(body).add(D(2026, 3, 16), 10) == D(2026, 4, 7)
    body.name = name
    body.save(update_fields=["name"])
