"""Officer workspace: home, the audit log. Thin views; reads through selectors, access through policies."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from . import policies, selectors
from .policies import AUTHENTICATED, PUBLIC, policy
from .roles import Role


@method_decorator(policy(PUBLIC), name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True


@policy(PUBLIC)
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("portal:home")


@policy(AUTHENTICATED)
def workspace(request: HttpRequest) -> HttpResponse:
    memberships = selectors.memberships(request.user)  # type: ignore[arg-type]
    return render(
        request,
        "core/workspace.html",
        {"memberships": memberships, "is_site_admin": policies.is_site_admin(request.user), "Role": Role},
    )


@policy(AUTHENTICATED)
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    body = policies.get_body_for_user(request.user, slug, policies.can_view_audit)
    filters = selectors.AuditFilter.from_query(request.GET)
    events = selectors.audit_events(body, filters)
    page = Paginator(events, 50).get_page(request.GET.get("halaman"))
    return render(
        request,
        "core/audit_log.html",
        {
            "body": body,
            "page": page,
            "filters": filters,
            "actions": selectors.audit_actions(body),
        },
    )
