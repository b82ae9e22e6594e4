"""Whole public pages cached per body, path (with its query) and language.

Pages are cached only for anonymous visitors and only for GET answers with status 200. A page is stored
under the *version* of its body (or of the site, for site-wide pages). Anything that shows on a body's pages
changes that version (signals in ``connect``, and ``bump`` for callers that write with ``update()``), so every
process serves the new page on its next request.

The versions are small files under ``VAR_DIR/portal-cache/<database>/`` (one per body slug and one for the
site): reading one is a ``stat``-sized read, not a database round trip, and every gunicorn worker of the
machine sees the same files. A change writes a new random version at once *and again when its transaction
commits*, so a page rendered from old data by another process in between is dropped as well. (Several
machines behind one database must share ``VAR_DIR``, or set ``TERBUKA_PORTAL_CACHE=0``.)

Hits are served by ``PageCacheMiddleware.process_view`` before the middlewares after it (the body time-zone
lookup) and before the view; the ``cached_page`` decorator stores misses (and serves hits itself where the
middleware is not installed). The CSRF token in the page (language switcher) is not cached: it is replaced
by a marker when storing and by the visitor's own token when serving.

Other apps (the DIK helper) call ``bump(body_id)`` after a change shown on the portal.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import tempfile
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

TTL = 60 * 60
MARK = "__TERBUKA_CSRF__"
_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]+)(")|("X-CSRFToken": ")([^"]+)(")')
SITE = "site"
ATTR = "terbuka_page_cache"


def enabled() -> bool:
    return os.environ.get("TERBUKA_PORTAL_CACHE", "1") != "0"


def body_key(slug: str) -> str:
    """Pages are keyed by the body's slug from the URL: serving a cached page needs no query."""
    return f"b-{slug}"


_DIRS: dict[str, Path] = {}


def _dir() -> Path:
    name = str(connection.settings_dict.get("NAME"))
    if "memory" in name:  # an in-memory SQLite database (tests) belongs to this process alone
        name = f"{name}:{os.getpid()}"
    path = _DIRS.get(name)
    if path is None:
        db = hashlib.sha256(name.encode()).hexdigest()[:12]
        path = Path(getattr(settings, "VAR_DIR", tempfile.gettempdir())) / "portal-cache" / db
        path.mkdir(parents=True, exist_ok=True)
        _DIRS[name] = path
    return path


def _write(key: str) -> None:
    path = _dir() / key
    tmp = path.with_name(f".{key}.{os.getpid()}.{random.getrandbits(32)}")
    tmp.write_text(str(random.getrandbits(62)))
    os.replace(tmp, path)


def bump(body_id: int | None = None) -> None:
    """Drop the cached pages of a body (and the site-wide pages, which list every body's information)."""
    from terbuka.core.models import PublicBody

    keys = [SITE]
    if body_id:
        keys += [body_key(s) for s in PublicBody.objects.filter(pk=body_id).values_list("slug", flat=True)]

    def write() -> None:
        for key in keys:
            _write(key)

    write()
    transaction.on_commit(write)


def version(key: str) -> str:
    try:
        with open(os.path.join(_dir(), key), "rb") as fh:
            return fh.read(40).decode()
    except OSError:
        return "0"


def _strip(html: str) -> str:
    return _TOKEN.sub(lambda m: (m.group(1) or m.group(4)) + MARK + (m.group(3) or m.group(6)), html)


def _cache_key(request: HttpRequest, vkey: str) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"portal:{vkey}:{version(vkey)}:{get_language()}:{path}"


def _eligible(request: HttpRequest) -> bool:
    return (
        enabled()
        and request.method == "GET"
        and not request.headers.get("HX-Request")
        and not request.user.is_authenticated
    )


def _hit(request: HttpRequest, key: str) -> HttpResponse | None:
    hit = cache.get(key)
    if hit is None:
        return None
    content_type, disposition, body = hit
    if isinstance(body, str):
        body = body.replace(MARK, get_token(request)) if MARK in body else body
    response = HttpResponse(body, content_type=content_type)
    if disposition:
        response["Content-Disposition"] = disposition
    response["X-Terbuka-Cache"] = "hit"
    return response


def cached_page(
    key_of: Callable[..., str],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a public view; ``key_of(**kwargs)`` gives the version key of the page (``body_key(slug)``
    or ``SITE``)."""

    def deco(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _eligible(request):
                return view(request, *args, **kwargs)
            key = _cache_key(request, key_of(**kwargs))
            served = _hit(request, key)
            if served is not None:
                return served
            response = view(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not response.streaming
                and not response.has_header("Set-Cookie")
            ):
                content_type = response["Content-Type"]
                body: str | bytes = response.content
                if content_type.startswith(("text/", "application/json")):
                    body = _strip(response.content.decode(response.charset or "utf-8"))
                cache.set(key, (content_type, response.get("Content-Disposition", ""), body), TTL)
            response["X-Terbuka-Cache"] = "miss"
            return response

        setattr(wrapper, ATTR, key_of)
        return wrapper

    return deco


class PageCacheMiddleware:
    """Serve cached public pages before the middlewares listed after this one (config/settings.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        key_of = getattr(view_func, ATTR, None)
        if key_of is None or not _eligible(request):
            return None
        return _hit(request, _cache_key(request, key_of(**view_kwargs)))


def connect() -> None:
    """Bump a body's pages whenever something shown on them is saved or deleted."""
    from django.db.models.signals import post_delete, post_save

    from terbuka.core.models import PublicBody, Unit
    from terbuka.registry.models import DipEdition, DipEntry, InformationItem, ItemAttachment
    from terbuka.registry.signals import items_changed
    from terbuka.sop.models import Sop, SopVersion

    from .models import BodyPage

    def by(attr: str) -> Callable[..., None]:
        def handler(sender: Any, instance: Any, **kwargs: Any) -> None:
            obj = instance
            for part in attr.split("."):
                obj = getattr(obj, part, None)
            bump(obj if isinstance(obj, int) else None)

        return handler

    pairs: list[tuple[Any, str]] = [
        (PublicBody, "pk"),
        (Unit, "body_id"),
        (InformationItem, "body_id"),
        (DipEdition, "body_id"),
        (BodyPage, "body_id"),
        (Sop, "body_id"),
        (ItemAttachment, "item.body_id"),
        (DipEntry, "edition.body_id"),
        (SopVersion, "sop.body_id"),
    ]
    for model, attr in pairs:
        handler = by(attr)
        post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"portal-cache-{model.__name__}-s")
        post_delete.connect(
            handler, sender=model, weak=False, dispatch_uid=f"portal-cache-{model.__name__}-d"
        )

    def on_items_changed(sender: Any, body_id: int | None = None, **kwargs: Any) -> None:
        bump(body_id)

    items_changed.connect(on_items_changed, weak=False, dispatch_uid="portal-cache-items-changed")
