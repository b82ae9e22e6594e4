"""API authentication: bearer tokens (``terbuka token create`` or the workspace's token page) or the browser
session.

A request that carries ``Authorization: Bearer …`` is judged by its token alone: a valid one lets it in
(never CSRF-checked: a token is not sent by the browser on its own), an unknown, revoked or expired one is
a 401 naming why — before the session is looked at, so a bad token on a POST is not answered with the
session's "CSRF check failed" 403 (issue 7 item 12). Without that header the session applies, with
Django's CSRF check on writes.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth

from terbuka.core.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        row = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash_key(token)).first()
        if row is None or not row.user.is_active:
            raise HttpError(401, _("Token tidak dikenal. Buat token baru di halaman Token API ruang kerja."))
        now = timezone.now()
        if row.revoked_at is not None:
            raise HttpError(401, _("Token ini sudah dicabut. Buat token baru di halaman Token API."))
        if row.is_expired(now):
            when = formats.date_format(timezone.localtime(row.expires_at), "j F Y H:i")
            raise HttpError(
                401,
                _("Token ini kedaluwarsa pada %(when)s. Buat token baru di halaman Token API.")
                % {"when": when},
            )
        if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        return row.user


class BrowserSession(SessionAuth):
    """Django's session (with its CSRF check on writes), but only for requests without a bearer token."""

    def __call__(self, request: HttpRequest) -> Any:
        if request.headers.get("Authorization", "").lower().startswith("bearer"):
            return None  # judged by TokenAuth alone (a proxy's Basic auth does not count)
        return super().__call__(request)


# Every authenticated endpoint accepts either; public endpoints say ``auth=None`` and are marked public.
AUTH = [TokenAuth(), BrowserSession()]
PUBLIC = {"x-terbuka-policy": "public"}
