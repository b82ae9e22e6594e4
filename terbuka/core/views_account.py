"""Accounts: login (throttled), locked accounts and their unlocking, password reset by e-mail, the user's
own API tokens. Thin views; rules in ``login_guard`` and the services."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import login_guard, policies, services
from .models import ApiToken, User
from .people import bodies_of
from .policies import AUTHENTICATED, PUBLIC, policy

# -- login ------------------------------------------------------------------------------------------


class ThrottledLoginForm(auth_forms.AuthenticationForm):
    """Django's login form, judged by ``login_guard.attempt`` (counted, audited, refused while locked)."""

    locked: login_guard.Locked | None = None

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = login_guard.attempt(self.request, username, password)
            except login_guard.Locked as exc:
                self.locked = exc
                raise ValidationError(exc.message, code="locked") from None
            except login_guard.Failed:
                raise self.get_invalid_login_error() from None
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


@method_decorator(policy(PUBLIC), name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True
    authentication_form = ThrottledLoginForm

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        if form.locked is not None:
            response.status_code = 429
            response["Retry-After"] = str(form.locked.retry_after)
        return response


@policy(PUBLIC)
def admin_login(request: HttpRequest) -> HttpResponse:
    """The Django admin's login page: anyone not yet logged in is sent to the one throttled door; a
    logged-in user the admin does not accept is refused here (sending them to the login page would loop
    back to the admin and again here)."""
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            target = request.GET.get("next") or ""
            safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
            return redirect(target if target and safe else "admin:index")
        raise PermissionDenied(_("Akun Anda tidak berhak membuka halaman administrasi."))
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{reverse('login')}?{query}" if query else reverse("login"))


# -- locked accounts --------------------------------------------------------------------------------


def _locked_for(user: Any, body: Any) -> list[dict[str, Any]]:
    """Locked account names the viewer may unlock: a body's people (site administrators: every name)."""
    out = []
    for row in login_guard.locked_rows(login_guard.ACCOUNT):
        person = User.objects.filter(username__iexact=row.subject).first()
        if not policies.is_site_admin(user) and (person is None or body not in bodies_of(person)):
            continue
        out.append({"name": row.subject, "person": person, "until": row.locked_until})
    return out


@policy(AUTHENTICATED)
def locked_accounts(request: HttpRequest, slug: str) -> HttpResponse:
    body = policies.get_body_for_user(request.user, slug)
    policies.require(policies.can_manage_body(request.user, body))
    site_admin = policies.is_site_admin(request.user)
    return render(
        request,
        "core/locked_accounts.html",
        {
            "body": body,
            "accounts": _locked_for(request.user, body),
            "addresses": list(login_guard.locked_rows(login_guard.ADDRESS)) if site_admin else [],
            "minutes": settings.TERBUKA_LOGIN_LOCK_MINUTES,
            "limit": settings.TERBUKA_LOGIN_MAX_FAILURES,
            "window": settings.TERBUKA_LOGIN_WINDOW_MINUTES,
        },
    )


@policy(AUTHENTICATED)
@require_POST
def locked_unlock(request: HttpRequest, slug: str) -> HttpResponse:
    body = policies.get_body_for_user(request.user, slug)
    actor: User = request.user  # type: ignore[assignment]
    if address := request.POST.get("address", "").strip():
        done = services.address_unlock(actor=actor, address=address)
    else:
        done = services.login_unlock(actor=actor, username=request.POST.get("username", ""), body=body)
    if done:
        messages.success(request, _("Kunci dibuka."))
    else:
        messages.info(request, _("Tidak ada kunci yang perlu dibuka."))
    return redirect("locked-accounts", slug=body.slug)


# -- password reset ---------------------------------------------------------------------------------


def _site() -> tuple[str, bool]:
    parts = urlsplit(settings.SITE_URL)
    return parts.netloc or "127.0.0.1:8000", parts.scheme == "https"


@method_decorator(policy(PUBLIC), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by e-mail. The answer is the same whether the address is known or not (no
    enumeration); requests are limited per client address (``TERBUKA_PASSWORD_RESET_PER_HOUR``)."""

    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        address = login_guard.client_address(self.request)
        allowed = login_guard.spend(
            f"{login_guard.RESET}:{address}",
            limit=settings.TERBUKA_PASSWORD_RESET_PER_HOUR,
            per=dt.timedelta(hours=1),
        )
        if not allowed:
            form.add_error(
                None,
                _(
                    "Terlalu banyak permintaan atur ulang kata sandi dari alamat ini. "
                    "Coba lagi satu jam lagi."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            response["Retry-After"] = "3600"
            return response
        # The link names the product's own address (SITE_URL), never the Host header a requester sent.
        domain, use_https = _site()
        form.save(
            domain_override=domain,
            use_https=use_https,
            token_generator=self.token_generator,
            from_email=self.from_email,
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            request=self.request,
            extra_email_context={"site_name": "Terbuka"},
        )
        return HttpResponseRedirect(self.get_success_url())


@method_decorator(policy(PUBLIC), name="dispatch")
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


@method_decorator(policy(PUBLIC), name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.password_reset_done(user=form.user, address=login_guard.client_address(self.request))
        return response


@method_decorator(policy(PUBLIC), name="dispatch")
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


# -- API tokens -------------------------------------------------------------------------------------


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Nama token"),
        max_length=100,
        help_text=gettext_lazy("Untuk apa token ini, mis. «skrip laporan bulanan»."),
    )
    days = forms.IntegerField(
        label=gettext_lazy("Berlaku (hari)"), min_value=1, max_value=3650, required=False
    )


@policy(AUTHENTICATED)
def tokens(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = TokenForm(request.POST or None, initial={"days": settings.TERBUKA_API_TOKEN_DAYS})
    new_key = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _token, new_key = services.token_create(
                    actor=user, user=user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
                )
                form = TokenForm(initial={"days": settings.TERBUKA_API_TOKEN_DAYS})
            except ValidationError as exc:
                form.add_error(None, exc)
                status = 400
        else:
            status = 400
    return render(
        request,
        "core/tokens.html",
        {
            "form": form,
            "new_key": new_key,
            "tokens": ApiToken.objects.filter(user=user).order_by("-created_at"),
        },
        status=status,
    )


@policy(AUTHENTICATED)
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if services.token_revoke(actor=request.user, token=token):  # type: ignore[arg-type]
        messages.success(request, _("Token %(prefix)s… dicabut.") % {"prefix": token.prefix})
    return redirect("tokens")
