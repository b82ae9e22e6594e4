"""Whole public pages cached per body, path (with its query) and language.

Pages are cached only for anonymous visitors and only for GET answers with status 200. A page is stored with
the version of its body (``PageVersion``: one indexed row read per request); anything that shows on a body's
pages changes that version in the same transaction (signals below, and ``bump`` for callers that write with
``update()``), so every gunicorn process serves the new page on its next request, whatever cache backend
the site uses. The CSRF token in the page (language switcher) is not cached: it is replaced by a marker when
storing and by the visitor's own token when serving.

Other apps (the DIK helper) call ``bump(body_id)`` after a change shown on the portal.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from .models import PageVersion

TTL = 60 * 60
MARK = "__TERBUKA_CSRF__"
_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]+)(")|("X-CSRFToken": ")([^"]+)(")')


SITE = "site"


def body_key(slug: str) -> str:
    """Pages are keyed by the body's slug (from the URL), so a cached page costs one query: its version."""
    return f"b:{slug}"


def bump(body_id: int | None = None) -> None:
    """Drop the cached pages of a body (and the site-wide pages, which list every body's information)."""
    from terbuka.core.models import PublicBody

    keys = [SITE]
    if body_id:
        keys += [body_key(s) for s in PublicBody.objects.filter(pk=body_id).values_list("slug", flat=True)]
    with transaction.atomic():
        for key in keys:
            value = random.getrandbits(62)
            if not PageVersion.objects.filter(key=key).update(version=value):
                PageVersion.objects.get_or_create(key=key, defaults={"version": value})


def version(key: str) -> int:
    row = PageVersion.objects.filter(key=key).values_list("version", flat=True).first()
    return int(row or 0)


def _strip(html: str) -> str:
    return _TOKEN.sub(lambda m: (m.group(1) or m.group(4)) + MARK + (m.group(3) or m.group(6)), html)


def cached_page(
    key_of: Callable[..., str],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a public view; ``key_of(**kwargs)`` gives the version key of the page (``body_key(slug)``
    or ``SITE``)."""

    def deco(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method != "GET" or request.user.is_authenticated or request.headers.get("HX-Request"):
                return view(request, *args, **kwargs)
            vkey = key_of(**kwargs)
            ver = version(vkey)
            path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
            key = f"portal:{vkey}:{ver}:{get_language()}:{path}"
            hit = cache.get(key)
            if hit is not None:
                content_type, html = hit
                response = HttpResponse(html.replace(MARK, get_token(request)), content_type=content_type)
                response["X-Terbuka-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not response.streaming
                and not response.has_header("Set-Cookie")
            ):
                html = response.content.decode(response.charset or "utf-8")
                cache.set(key, (response["Content-Type"], _strip(html)), TTL)
            response["X-Terbuka-Cache"] = "miss"
            return response

        return wrapper

    return deco


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
