"""Indonesian first: the language is Indonesian unless the user chose another with the switcher.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a ministry PC with an English
browser would show English. Here only an explicit choice (the language cookie set by the switcher) counts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class BodyTimezoneMiddleware:
    """Show times in the body's own zone (WIB, WITA or WIT): deadlines and office hours are local.

    A page about one body (a ``slug`` in the URL) uses that body's zone; other officer pages use the zone of
    the officer's own body; everything else the server default (WIB).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        timezone.deactivate()
        return response

    def process_view(
        self, request: HttpRequest, view_func: object, view_args: object, view_kwargs: dict[str, Any]
    ) -> None:
        from .models import PublicBody
        from .people import grants_for

        tz = None
        slug = view_kwargs.get("slug")
        if isinstance(slug, str):
            tz = PublicBody.objects.filter(slug=slug).values_list("time_zone", flat=True).first()
        user = getattr(request, "user", None)
        if tz is None and user is not None and user.is_authenticated:
            body_ids = sorted({g.body_id for g in grants_for(user)})
            if body_ids:
                tz = PublicBody.objects.filter(pk=body_ids[0]).values_list("time_zone", flat=True).first()
        if tz:
            timezone.activate(ZoneInfo(tz))
        return None
