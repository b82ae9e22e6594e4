"""Officer workspace: home, the audit log. Thin views; reads through selectors, access through policies."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import audit, audit_export, audit_labels, policies, selectors, services, views_account
from .audit import Acting
from .forms import ActingForm, BodyHolidayForm
from .models import ActingAssignment, Holiday, PublicBody
from .people import grant_for
from .policies import AUTHENTICATED, PUBLIC, policy
from .roles import Role

LoginView = views_account.LoginView  # throttled (issue 7 item 8); kept here for config/urls.py


@policy(PUBLIC)
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, asked for by browsers and feed readers whatever the page says: the product's icon."""
    from django.templatetags.static import static

    return redirect(static("favicon.svg"), permanent=True)


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
    """The body's audit trail as sentences, with the chain's verification status, filters and exports."""
    body = policies.get_body_for_user(request.user, slug, policies.can_view_audit)
    filters = selectors.AuditFilter.from_query(request.GET)
    events = selectors.audit_events(body, filters)
    fmt = request.GET.get("unduh", "")
    if fmt in ("csv", "xlsx"):
        return audit_export.response(body, events, fmt)
    chain = audit.chain_of(body)
    if request.method == "POST" and request.POST.get("periksa") == "penuh":
        # The whole chain on demand (the daily job does the same): seconds on a large body, so only if asked.
        audit.check_chain(chain, full=True)
        return redirect(request.get_full_path())
    page = Paginator(events, 50).get_page(request.GET.get("halaman"))
    rows = [{"e": e, "sentence": audit_labels.sentence(e), "changes": audit_labels.changes(e)} for e in page]
    # Only the events since the last check are walked here, so the page stays fast however long the chain.
    status = audit.check_chain(chain)
    return render(
        request,
        "core/audit_log.html",
        {
            "body": body,
            "page": page,
            "rows": rows,
            "filters": filters,
            "actions": [(a, audit_labels.label(a)) for a in selectors.audit_actions(body)],
            "object_types": selectors.audit_object_types(body),
            "chain": status,
        },
    )


def _acting_for_calendar(user: Any, body: PublicBody) -> Acting | None:
    grant = grant_for(user, body, Role.PPID) or grant_for(user, body, Role.ADMIN)
    return grant.acting if grant else None


@policy(AUTHENTICATED)
def body_holidays(request: HttpRequest, slug: str) -> HttpResponse:
    """The body's own days off (regional holidays, ad-hoc days): listed for members, edited by PPID/admin."""
    body = policies.get_body_for_user(request.user, slug)
    can_edit = policies.can_manage_calendar(request.user, body)
    form = BodyHolidayForm(request.POST or None)
    if request.method == "POST":
        policies.require(can_edit)
        if form.is_valid():
            try:
                services.holiday_save(
                    actor=request.user,  # type: ignore[arg-type]
                    body=body,
                    acting=_acting_for_calendar(request.user, body),
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Hari libur disimpan."))
                return redirect("body-holidays", slug=body.slug)
    rows = Holiday.objects.filter(body=body).order_by("-date")
    return render(
        request, "core/body_holidays.html", {"body": body, "rows": rows, "form": form, "can_edit": can_edit}
    )


@policy(AUTHENTICATED)
@require_POST
def body_holiday_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    body = policies.get_body_for_user(request.user, slug)
    policies.require(policies.can_manage_calendar(request.user, body))
    holiday = get_object_or_404(Holiday, pk=pk, body=body)
    services.holiday_delete(actor=request.user, holiday=holiday)  # type: ignore[arg-type]
    messages.success(request, _("Hari libur dihapus."))
    return redirect("body-holidays", slug=body.slug)


@policy(AUTHENTICATED)
def acting_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Plt./Plh. appointments of a body: listed for members, recorded by the body's administrator."""
    body = policies.get_body_for_user(request.user, slug)
    can_edit = policies.can_manage_body(request.user, body)
    form = ActingForm(request.POST or None, body=body)
    if request.method == "POST":
        policies.require(can_edit)
        if form.is_valid():
            try:
                services.acting_assign(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Penunjukan pelaksana dicatat."))
                return redirect("acting-list", slug=body.slug)
    rows = (
        ActingAssignment.objects.filter(position__body=body)
        .select_related("position", "position__holder", "acting_user")
        .order_by("-starts_on")
    )
    return render(
        request, "core/acting.html", {"body": body, "rows": rows, "form": form, "can_edit": can_edit}
    )


@policy(AUTHENTICATED)
@require_POST
def acting_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    body = policies.get_body_for_user(request.user, slug)
    policies.require(policies.can_manage_body(request.user, body))
    assignment = get_object_or_404(ActingAssignment, pk=pk, position__body=body, revoked_at__isnull=True)
    services.acting_revoke(actor=request.user, assignment=assignment)  # type: ignore[arg-type]
    messages.success(request, _("Penunjukan pelaksana dicabut."))
    return redirect("acting-list", slug=body.slug)
