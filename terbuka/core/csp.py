"""Content-Security-Policy on every response (issue 7 item 14; docs/security.md).

Scripts come only from the product's own static files: no inline ``<script>``, no ``onclick=``, no eval
(htmx runs with ``allowEval: false``; behaviour lives in ``static/js/terbuka.js``). Styles come from static
files, plus ``<style>`` blocks that carry this response's nonce (``{% csp_nonce %}``: the SOP matrix's scoped
styles, shared with its PDF). Style *attributes* stay allowed (``style-src-attr 'unsafe-inline'``): computed
widths and the matrix's connector backgrounds use them, and an attribute can carry no script. Nothing is
loaded from another origin, and no page may be framed.

The nonce is fresh per request; it lives in a context variable so templates rendered for the request
without the request object (``render_to_string`` in a view) find it too.
"""

from __future__ import annotations

import contextvars
import secrets
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

_nonce: contextvars.ContextVar[str] = contextvars.ContextVar("terbuka_csp_nonce", default="")

HEADER = "Content-Security-Policy"


def nonce() -> str:
    """This request's style nonce ("" outside a request, e.g. a PDF rendered by the worker)."""
    return _nonce.get()


def policy(style_nonce: str) -> str:
    directives = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": f"'self' 'nonce-{style_nonce}'",
        "style-src-attr": "'unsafe-inline'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{k} {v}" for k, v in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        value = secrets.token_urlsafe(16)
        token = _nonce.set(value)
        request.csp_nonce = value  # type: ignore[attr-defined]
        try:
            response = self.get_response(request)
        finally:
            _nonce.reset(token)
        response.headers.setdefault(HEADER, policy(value))
        return response
