"""Content-Security-Policy and session length (issue 7 item 14).

The header is on every response; no template carries inline script or inline event handlers; the session
ends with the browser and lasts at most TERBUKA_SESSION_HOURS."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I)


def _directives(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


@pytest.mark.parametrize(
    "path", ["/", "/masuk/", "/badan/kota-serang/", "/api/v1/docs", "/api/v1/openapi.json", "/tidak-ada/"]
)
def test_every_response_carries_the_policy(client, demo, path):
    r = client.get(path)
    policy = _directives(r.headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no host
    assert "'unsafe-inline'" not in policy["style-src"] and "'unsafe-eval'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]


def test_the_style_nonce_changes_per_response(client, demo):
    a = _directives(client.get("/masuk/").headers["Content-Security-Policy"])["style-src"]
    b = _directives(client.get("/masuk/").headers["Content-Security-Policy"])["style-src"]
    assert a != b and any(w.startswith("'nonce-") for w in a)


def test_a_logged_in_page_has_it_too(client, users):
    client.force_login(users["ppid.kota-serang"])
    assert "script-src 'self'" in client.get("/kerja/").headers["Content-Security-Policy"]


def test_no_template_has_inline_script_or_handlers():
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        for rx in (INLINE_SCRIPT, INLINE_HANDLER):
            for m in rx.finditer(text):
                offenders.append(f"{path.relative_to(TEMPLATES)}: {m.group(0).strip()}")
        if "hx-on" in text:  # htmx evaluates hx-on with Function(): needs 'unsafe-eval'
            offenders.append(f"{path.relative_to(TEMPLATES)}: hx-on")
        # Other htmx features that evaluate code: "js:" values (hx-vals, hx-headers) and trigger filters.
        for m in re.finditer(r"hx-[a-z-]+=[\"'](js:|javascript:)|hx-trigger=[\"'][^\"']*\[", text):
            offenders.append(f"{path.relative_to(TEMPLATES)}: {m.group(0)}")
        if "javascript:" in text:
            offenders.append(f"{path.relative_to(TEMPLATES)}: javascript: URL")
    assert offenders == []


def test_htmx_is_configured_for_the_policy(client, demo):
    page = client.get("/masuk/").content.decode()
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", page).group(1)
    assert '"includeIndicatorStyles":false' in config.replace(" ", "")
    assert '"allowEval":false' in config.replace(" ", "")


def test_session_length_is_a_setting_with_a_short_default():
    assert settings.TERBUKA_SESSION_HOURS == 8
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_the_session_cookie_is_a_browser_session_cookie(client, demo):
    from django.conf import settings as s

    r = client.post("/masuk/", {"username": "ppid.kota-serang", "password": s.TERBUKA_DEMO_PASSWORD})
    assert r.status_code == 302
    cookie = r.cookies[s.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"]  # gone when the browser closes
    assert client.session.get_expiry_age() <= 8 * 3600
