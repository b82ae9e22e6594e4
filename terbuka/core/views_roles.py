"""The body's own roles (``/kerja/<slug>/peran/``): defined and given to positions by the body's
administrator, so SOP lanes can bind to them (e.g. an objection team) without code."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import policies, services
from .models import BodyRole, Position, PositionRole, PublicBody
from .policies import AUTHENTICATED, policy
from .roles import Role


class BodyRoleForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Kode peran"),
        max_length=30,
        help_text=gettext_lazy("Dipakai di berkas SOP sebagai 'peran', mis. tim_keberatan."),
    )
    name = forms.CharField(label=gettext_lazy("Nama peran"), max_length=120)
    unit_bound = forms.BooleanField(label=gettext_lazy("Dipegang per unit kerja"), required=False)
    description = forms.CharField(
        label=gettext_lazy("Uraian"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class GrantRoleForm(forms.Form):
    position = forms.ModelChoiceField(label=gettext_lazy("Jabatan"), queryset=Position.objects.none())
    role = forms.ChoiceField(label=gettext_lazy("Peran"), choices=())

    def __init__(self, *args: object, body: PublicBody, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["position"].queryset = Position.objects.filter(body=body, is_active=True)  # type: ignore[attr-defined]
        self.fields["role"].choices = [  # type: ignore[attr-defined]
            *[(r.value, str(r.label)) for r in Role if r != Role.PEMOHON],
            *[(r.code, r.name) for r in BodyRole.objects.filter(body=body)],
        ]


@policy(AUTHENTICATED)
def body_roles(request: HttpRequest, slug: str) -> HttpResponse:
    body = policies.get_body_for_user(request.user, slug)
    can_edit = policies.can_manage_body(request.user, body)
    form = BodyRoleForm(request.POST or None)
    grant = GrantRoleForm(body=body)
    if request.method == "POST":
        policies.require(can_edit)
        if form.is_valid():
            try:
                services.body_role_save(actor=request.user, body=body, **form.cleaned_data)  # type: ignore[arg-type]
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Peran disimpan."))
                return redirect("body-roles", slug=body.slug)
    holders = PositionRole.objects.filter(position__body=body).select_related(
        "position__holder", "position__unit"
    )
    by_role: dict[str, list[PositionRole]] = {}
    for pr in holders:
        by_role.setdefault(pr.role, []).append(pr)
    roles = list(BodyRole.objects.filter(body=body))
    return render(
        request,
        "core/body_roles.html",
        {
            "body": body,
            "roles": [(r, by_role.get(r.code, [])) for r in roles],
            "form": form,
            "grant": grant,
            "can_edit": can_edit,
        },
    )


@policy(AUTHENTICATED)
@require_POST
def body_role_grant(request: HttpRequest, slug: str) -> HttpResponse:
    body = policies.get_body_for_user(request.user, slug)
    policies.require(policies.can_manage_body(request.user, body))
    form = GrantRoleForm(request.POST, body=body)
    if not form.is_valid():
        messages.error(request, _("Pilih jabatan dan peran."))
        return redirect("body-roles", slug=body.slug)
    try:
        services.position_add_role(
            actor=request.user,  # type: ignore[arg-type]
            position=form.cleaned_data["position"],
            role=form.cleaned_data["role"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Peran ditambahkan pada jabatan."))
    return redirect("body-roles", slug=body.slug)


@policy(AUTHENTICATED)
@require_POST
def body_role_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    body = policies.get_body_for_user(request.user, slug)
    policies.require(policies.can_manage_body(request.user, body))
    row = get_object_or_404(PositionRole, pk=pk, position__body=body)
    services.position_remove_role(actor=request.user, position=row.position, role=row.role)  # type: ignore[arg-type]
    messages.success(request, _("Peran dicabut dari jabatan."))
    return redirect("body-roles", slug=body.slug)
