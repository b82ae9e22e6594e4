"""API tokens (issue 7 item 12): they expire, their owner sees and revokes them on a workspace page, the
command line revokes them, the admin cannot bypass the service, and a bad token is a clean 401 — also on a
POST, where the session's CSRF check used to answer 403 first."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.utils import timezone

from terbuka.core import services
from terbuka.core.models import ApiToken, Event

PPID = "ppid.kota-serang"


def _bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_a_new_token_expires_after_the_configured_days(users, settings):
    settings.TERBUKA_API_TOKEN_DAYS = 30
    token, _key = services.token_create(actor=None, user=users[PPID])
    assert token.expires_at is not None
    assert abs(token.expires_at - (timezone.now() + dt.timedelta(days=30))) < dt.timedelta(minutes=1)


def test_an_expired_token_is_401_with_a_message(users):
    client = Client(enforce_csrf_checks=True)
    token, key = services.token_create(actor=None, user=users[PPID])
    assert client.get("/api/v1/me", headers=_bearer(key)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    r = client.get("/api/v1/me", headers=_bearer(key))
    assert r.status_code == 401
    assert "kedaluwarsa" in r.json()["message"]


@pytest.mark.parametrize("path", ["/api/v1/documents/1/sign", "/api/v1/documents/1/initial"])
def test_a_revoked_token_is_401_not_a_csrf_403_on_writes(users, path):
    client = Client(enforce_csrf_checks=True)
    token, key = services.token_create(actor=None, user=users[PPID])
    services.token_revoke(actor=None, token=token)
    r = client.post(path, headers=_bearer(key))
    assert r.status_code == 401, r.content
    assert "dicabut" in r.json()["message"]


def test_an_unknown_token_on_post_is_401(demo):
    client = Client(enforce_csrf_checks=True)
    r = client.post("/api/v1/documents/1/sign", headers=_bearer("tbk_tidak-ada"))
    assert r.status_code == 401
    assert r.json()["message"]


def test_a_valid_token_on_post_is_never_csrf_checked(users):
    client = Client(enforce_csrf_checks=True)
    _t, key = services.token_create(actor=None, user=users[PPID])
    r = client.post("/api/v1/documents/999999/sign", headers=_bearer(key))
    assert r.status_code == 404  # through auth, no CSRF: the document simply does not exist


def test_the_session_still_needs_csrf_on_writes(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users[PPID])
    r = client.post("/api/v1/documents/999999/sign")
    assert r.status_code == 403


def test_the_token_page_lists_creates_and_revokes_audited(users):
    client = Client()
    client.force_login(users[PPID])
    r = client.post("/kerja/token/", {"name": "skrip laporan", "days": "30"})
    assert r.status_code == 200
    token = ApiToken.objects.get(user=users[PPID], name="skrip laporan")
    page = r.content.decode()
    key = page.split('data-token-key="')[1].split('"')[0]
    assert ApiToken.hash_key(key) == token.key_hash  # shown once, right after creation
    listing = client.get("/kerja/token/").content.decode()
    assert "skrip laporan" in listing and key not in listing  # never again
    assert Event.objects.filter(action="token.create", object_id=str(token.pk), actor=users[PPID]).exists()
    r = client.post(f"/kerja/token/{token.pk}/cabut/")
    assert r.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Event.objects.filter(action="token.revoke", object_id=str(token.pk), actor=users[PPID]).exists()


def test_nobody_revokes_someone_elses_token_from_the_page(users):
    token, _ = services.token_create(actor=None, user=users[PPID])
    client = Client()
    client.force_login(users["ppid.kota-kupang"])
    assert client.post(f"/kerja/token/{token.pk}/cabut/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    with pytest.raises(PermissionDenied):
        services.token_revoke(actor=users["ppid.kota-kupang"], token=token)


def test_cli_revokes_by_id_and_by_user(users):
    a, key_a = services.token_create(actor=None, user=users[PPID])
    b, _ = services.token_create(actor=None, user=users[PPID])
    c, _ = services.token_create(actor=None, user=users["ppid.kota-kupang"])
    out = StringIO()
    call_command("token", "revoke", str(a.pk), stdout=out)
    a.refresh_from_db()
    assert a.revoked_at is not None
    assert Client().get("/api/v1/me", headers=_bearer(key_a)).status_code == 401
    call_command("token", "revoke", "--user", PPID, stdout=out)
    b.refresh_from_db()
    c.refresh_from_db()
    assert b.revoked_at is not None and c.revoked_at is None
    assert Event.objects.filter(action="token.revoke", object_id=str(b.pk)).exists()


def test_the_admin_revokes_only_through_the_service(users):
    token, _ = services.token_create(actor=None, user=users[PPID])
    model_admin = site._registry[ApiToken]
    request = RequestFactory().post("/admin/core/apitoken/")
    request.user = users["admin"]
    request._messages = type("M", (), {"add": lambda *a, **k: None})()
    assert not model_admin.has_change_permission(request, token)
    assert not model_admin.has_delete_permission(request, token)
    model_admin.revoke_tokens(request, ApiToken.objects.filter(pk=token.pk))
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Event.objects.filter(action="token.revoke", object_id=str(token.pk), actor=users["admin"]).exists()
