"""Exempted files: opened only by allowed roles; every opening, allowed or refused, is logged (Pasal 54)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from terbuka.core.models import Event
from terbuka.documents import archive
from terbuka.documents.models import FileAccess

from .conftest import minimal_pdf

pytestmark = pytest.mark.django_db


def _get(client, user, stored):
    client.force_login(user)
    return client.get(reverse("documents:download", args=[stored.body.slug, stored.pk]))


@pytest.mark.parametrize(
    "username",
    [
        "ppid.kota-serang",
        "atasan-ppid.kota-serang",
        "tim-uji.kota-serang",
        "ppid-pembantu.dinkes.kota-serang",
    ],
)
def test_allowed_roles_open_and_are_logged(client, users, exempt, username):
    resp = _get(client, users[username], exempt)
    assert resp.status_code == 200
    assert b"".join(resp.streaming_content) == minimal_pdf()
    log = FileAccess.objects.get(stored_file=exempt, user=users[username])
    assert log.allowed
    assert Event.objects.filter(action="documents.file_opened", object_id=str(exempt.pk)).exists()


@pytest.mark.parametrize(
    "username", ["petugas.kota-serang", "ppid-pembantu.disdik.kota-serang", "kepala-dinas.kota-serang"]
)
def test_non_allowed_role_refused_and_logged(client, users, exempt, username):
    resp = _get(client, users[username], exempt)
    assert resp.status_code == 403
    log = FileAccess.objects.get(stored_file=exempt, user=users[username])
    assert not log.allowed and "tidak berwenang" in log.reason
    assert Event.objects.filter(action="documents.file_open_refused", object_id=str(exempt.pk)).exists()


def test_other_body_user_gets_404_and_is_logged(client, users, exempt):
    outsider = users["ppid.kota-kupang"]
    assert _get(client, outsider, exempt).status_code == 404
    detail = client.get(reverse("documents:file", args=[exempt.body.slug, exempt.pk]))
    assert detail.status_code == 404
    # both tries logged, on one row (outsiders' refusals are counted per window: issue #7 item 9)
    (row,) = FileAccess.objects.filter(stored_file=exempt, user=outsider, allowed=False)
    assert row.count == 2


def test_exempt_file_hidden_from_listing_of_non_allowed(client, users, exempt):
    client.force_login(users["petugas.kota-serang"])
    html = client.get(reverse("documents:archive", args=["kota-serang"])).content.decode()
    assert "Rekam medis (uji)" not in html
    client.force_login(users["ppid.kota-serang"])
    html = client.get(reverse("documents:archive", args=["kota-serang"])).content.decode()
    assert "Rekam medis (uji)" in html


def test_internal_file_open_to_members_only(client, users, bodies, upload):
    stored = archive.store_upload(
        actor=None, body=bodies["kota-serang"], file=upload("a.pdf", minimal_pdf()), label="Biasa"
    )
    assert _get(client, users["petugas.kota-serang"], stored).status_code == 200
    assert _get(client, users["petugas.kota-kupang"], stored).status_code == 404
    assert FileAccess.objects.filter(stored_file=stored).count() == 2


def test_site_admin_gets_no_file_link_in_django_admin(admin_client, exempt):
    page = admin_client.get(reverse("admin:documents_storedfile_change", args=[exempt.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert exempt.sha256 in html  # the row is shown …
    assert exempt.file.name not in html and exempt.file.url not in html  # … but not a way to its bytes


def test_listing_and_opening_follow_the_same_rule_for_every_member(users, exempt):
    from terbuka.documents import policies, selectors

    roles = ["petugas", "ppid", "atasan-ppid", "tim-uji", "kepala-daerah", "kabag-hukum", "asisten"]
    names = [f"{r}.kota-serang" for r in [*roles, "kepala-dinas", "admin"]] + [
        f"ppid-pembantu.{u}.kota-serang" for u in ("dinkes", "disdik", "bpkad")
    ]
    outcomes = set()
    for name in names:
        user = users[name]
        allowed = policies.can_open_file(user, exempt)[0]
        listed = selectors.archive_for_user(user, exempt.body).filter(pk=exempt.pk).exists()
        assert listed == allowed, name
        outcomes.add(allowed)
    assert outcomes == {True, False}
