"""Bad input answers 400 with an Indonesian message, never 500 (issue #7 item 11).

Rules that hold for every form and endpoint, whatever the view does:

* ``InputGuardMiddleware``: a NUL character in the path, a query parameter, a form field or a JSON body is
  refused before any view runs (PostgreSQL cannot store it, so it used to surface as a 500 deep in a query).
  File contents are not inspected: binary uploads legitimately contain NUL bytes.
* The same middleware refuses an integer outside the 64-bit range in a query parameter or form field: no id
  or count can be that large, and SQLite raised OverflowError on such a filter (a 500 found by the fuzz:
  ``GET /api/v1/tasks/mine?sop=-17587494329185046014690590720``).
* ``django.core.exceptions.BadRequest`` raised by a view ("malformed input") is rendered by ``bad_request``
  (``handler400``) as a page with its message; the API turns it into ``{"message": …}`` with status 400.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .policies import PUBLIC, policy

NUL = "\x00"


INT_RE = re.compile(r"[+-]?[0-9]+")
INT_MIN, INT_MAX = -(2**63), 2**63 - 1  # every id, count and number column of the database


def _too_big(value: str) -> bool:
    """An integer no database column can hold (ids are 64-bit): SQLite raises OverflowError on it."""
    value = value.strip()
    return len(value) > 18 and INT_RE.fullmatch(value) is not None and not INT_MIN <= int(value) <= INT_MAX


def _where_out_of_range(request: HttpRequest) -> str | None:
    sources = [request.GET]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        sources.append(request.POST)
    for source in sources:
        for key, values in source.lists():
            if any(_too_big(v) for v in values):
                return key[:40]
    return None


def _where_nul(request: HttpRequest) -> str | None:
    if NUL in request.path:
        return _("alamat")
    for key, values in request.GET.lists():
        if NUL in key or any(NUL in v for v in values):
            return _("parameter %(name)s") % {"name": key.replace(NUL, "")[:40] or "?"}
    content_type = request.content_type or ""
    if request.method == "POST" and content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        for key, values in request.POST.lists():
            if NUL in key or any(NUL in v for v in values):
                return _("isian %(name)s") % {"name": key.replace(NUL, "")[:40] or "?"}
        for key, files in request.FILES.lists():
            if any(NUL in (f.name or "") for f in files):
                return _("nama berkas %(name)s") % {"name": key.replace(NUL, "")[:40] or "?"}
    if content_type == "application/json" and request.method in ("POST", "PUT", "PATCH"):
        body = request.body.lower()
        if b"\\u0000" in body or b"\x00" in body:
            return _("isi permintaan (JSON)")
    return None


def bad_input(request: HttpRequest, message: str) -> HttpResponse:
    """A 400 answer: JSON for the API, a page for everything else."""
    if request.path.startswith("/api/"):
        return JsonResponse({"message": message}, status=400)
    return render(request, "400.html", {"message": message}, status=400)


class InputGuardMiddleware:
    """NUL characters and integers no column can hold: 400 before any view runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = _where_nul(request)
        if where is not None:
            return bad_input(
                request, _("Masukan tidak sah: %(where)s berisi karakter NUL.") % {"where": where}
            )
        name = _where_out_of_range(request)
        if name is not None:
            return bad_input(
                request, _("Masukan tidak sah: %(name)s berisi angka di luar jangkauan.") % {"name": name}
            )
        return self.get_response(request)


@policy(PUBLIC)
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: our own BadRequest carries an Indonesian message for the user; other 400s stay generic."""
    message = str(exception) if isinstance(exception, BadRequest) and str(exception) else ""
    return bad_input(request, message or _("Permintaan tidak sah."))
