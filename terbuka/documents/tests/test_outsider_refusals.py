"""Refused openings by people outside the body never write to (nor lock) the body's audit chain; they are
counted once per user, file and window in the site chain (issue #7 item 9). Members' refusals still go to
the body's chain, every time."""

from __future__ import annotations

import pytest
from django.urls import reverse

from terbuka.core.audit import chain_of
from terbuka.core.models import ChainHead, Event
from terbuka.documents import archive, services
from terbuka.documents.models import FileAccess

from .conftest import minimal_pdf

pytestmark = pytest.mark.django_db


def _head(body) -> int:
    return ChainHead.objects.get(chain=chain_of(body)).seq


def _refused(chain: str, stored) -> int:
    return Event.objects.filter(
        chain=chain, action="documents.file_open_refused", object_id=str(stored.pk)
    ).count()


@pytest.mark.parametrize("username", ["ppid.kota-kupang", "pemohon"])
def test_outsider_hammering_a_file_leaves_the_body_chain_alone(client, users, exempt, username):
    body = exempt.body
    before = _head(body)
    client.force_login(users[username])
    url = reverse("documents:download", args=[body.slug, exempt.pk])
    for _ in range(100):
        assert client.get(url).status_code == 404
    assert _head(body) == before  # not one event, not one lock of the body's chain head
    assert _refused(chain_of(body), exempt) == 0
    assert _refused("site", exempt) == 1
    (row,) = FileAccess.objects.filter(stored_file=exempt, user=users[username])
    assert (row.allowed, row.count) == (False, 100) and row.last_at is not None


def test_a_new_window_gives_a_new_event(client, users, exempt):
    outsider = users["ppid.kota-kupang"]
    url = reverse("documents:download", args=[exempt.body.slug, exempt.pk])
    client.force_login(outsider)
    client.get(url)
    FileAccess.objects.filter(user=outsider).update(at=exempt.created_at - services.OUTSIDER_REFUSAL_WINDOW)
    client.get(url)
    client.get(url)
    assert _refused("site", exempt) == 2
    assert sorted(FileAccess.objects.filter(user=outsider).values_list("count", flat=True)) == [1, 2]


def test_every_outsider_and_file_is_counted_apart(client, users, bodies, upload, exempt):
    other = archive.store_upload(
        actor=None,
        body=exempt.body,
        file=upload("b.pdf", minimal_pdf()),
        label="Biasa",
        classification="internal",
    )
    for username in ("ppid.kota-kupang", "petugas.kota-bontang"):
        client.force_login(users[username])
        for stored in (exempt, other):
            client.get(reverse("documents:download", args=[stored.body.slug, stored.pk]))
            client.get(reverse("documents:file", args=[stored.body.slug, stored.pk]))
    assert _refused("site", exempt) + _refused("site", other) == 4
    assert FileAccess.objects.count() == 4


def test_members_refusals_still_reach_the_body_chain_every_time(client, users, exempt):
    body = exempt.body
    before = _head(body)
    client.force_login(users["petugas.kota-serang"])
    for _ in range(3):
        assert client.get(reverse("documents:download", args=[body.slug, exempt.pk])).status_code == 403
    assert _head(body) == before + 3
    assert _refused(chain_of(body), exempt) == 3
    assert FileAccess.objects.filter(user=users["petugas.kota-serang"], allowed=False).count() == 3
