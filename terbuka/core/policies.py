"""Who may do what and see what (STYLE.md habit 7). Every view and API endpoint goes through here.

The rule of tenancy: a user of one body never reads another body's non-public data. Public data (a body's
identity, contact, calendar, published lists) is open to everyone. Internal data needs a grant in that
body; site administrators (superusers) see everything.

Views declare their policy with the ``@policy(...)`` decorator below; a test walks every URL pattern and
fails if a view has none, so a new view cannot forget it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from .models import PublicBody, User
from .people import grants_for
from .roles import Role

# -- predicates ----------------------------------------------------------------------------------------


def is_site_admin(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def is_member(user: Any, body: PublicBody) -> bool:
    """Holds (or acts in) any position of the body."""
    return is_site_admin(user) or bool(user.is_authenticated and grants_for(user, body))


def has_any_role(user: Any, body: PublicBody, *roles: str) -> bool:
    if is_site_admin(user):
        return True
    return bool(user.is_authenticated) and any(g.role in roles for g in grants_for(user, body))


def can_view_internal(user: Any, body: PublicBody) -> bool:
    return is_member(user, body)


def can_view_audit(user: Any, body: PublicBody) -> bool:
    # Issue #2: admins and the PPID see the log; the PPID's superior supervises the PPID.
    return has_any_role(user, body, Role.ADMIN, Role.PPID, Role.ATASAN_PPID)


def can_manage_body(user: Any, body: PublicBody) -> bool:
    return has_any_role(user, body, Role.ADMIN)


def can_manage_calendar(user: Any, body: PublicBody | None) -> bool:
    if body is None:
        return is_site_admin(user)
    return has_any_role(user, body, Role.ADMIN, Role.PPID)


# -- getters that 404 for what the user may not see -----------------------------------------------------


def get_public_body(slug: str) -> PublicBody:
    return get_object_or_404(PublicBody, slug=slug, is_active=True)


def get_body_for_user(
    user: Any, slug: str, check: Callable[[Any, PublicBody], bool] = can_view_internal
) -> PublicBody:
    """The body, if the user passes ``check`` in it; otherwise 404 (not 403: do not reveal internals)."""
    body = get_public_body(slug)
    if not check(user, body):
        raise Http404
    return body


def visible_bodies(user: Any) -> QuerySet[PublicBody]:
    """Bodies whose internal data the user may see."""
    if is_site_admin(user):
        return PublicBody.objects.filter(is_active=True)
    if not user.is_authenticated:
        return PublicBody.objects.none()
    ids = {g.body_id for g in grants_for(user)}
    return PublicBody.objects.filter(pk__in=ids, is_active=True)


# -- the view decorator ------------------------------------------------------------------------------------

PUBLIC = "public"
AUTHENTICATED = "authenticated"


def policy(kind: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Mark a view with its access policy and enforce the part that does not need the object.

    ``public``: anyone. ``authenticated``: logged in; the view then scopes objects through
    ``get_body_for_user`` and the predicates above, which is what the tests check per view.
    """

    if kind not in {PUBLIC, AUTHENTICATED}:
        raise ValueError(kind)

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if kind == AUTHENTICATED and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            return view(request, *args, **kwargs)

        wrapper.terbuka_policy = kind  # type: ignore[attr-defined]
        return wrapper

    return decorate


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


__all__ = [
    "AUTHENTICATED",
    "PUBLIC",
    "User",
    "can_manage_body",
    "can_manage_calendar",
    "can_view_audit",
    "can_view_internal",
    "get_body_for_user",
    "get_public_body",
    "has_any_role",
    "is_member",
    "is_site_admin",
    "policy",
    "require",
    "visible_bodies",
]
