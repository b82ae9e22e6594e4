"""Admin for site and body administrators. Every change made here goes through the services: their rules
(who may, what is valid) and their audit events, exactly as the workspace pages and the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import services
from .models import ActingAssignment, ApiToken, Event, Holiday, Position, PublicBody, Unit, User


class ServiceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # Django's class is not subscriptable at runtime
    """The admin writes only through the services (their rules and their audit events), never by saving
    the model itself. Subclasses say how a form becomes a service call; deletes are refused unless a
    subclass names a service for them (``delete_through``)."""

    writes_through_services = True  # checked for every registered admin by core/tests/test_admin_services.py

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        """The form calls the service while it validates, so a rule the service enforces shows on the
        form as an error (the admin's change view runs in one transaction: nothing stays half done)."""
        base = super().get_form(request, obj, change=change, **kwargs)
        admin_ = self

        class Through(base):  # type: ignore[valid-type,misc]
            def _post_clean(self) -> None:
                super()._post_clean()
                if self.errors:
                    return
                try:
                    with transaction.atomic():
                        actor: User = request.user  # type: ignore[assignment]
                        self.saved = admin_.save_through(actor, self.instance, self, change)
                except ValidationError as exc:
                    self.add_error(None, exc.messages)

        return Through

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        saved = form.saved
        obj.pk = saved.pk
        obj.__dict__.update({k: v for k, v in saved.__dict__.items() if not k.startswith("_")})

    def save_through(self, actor: User, obj: Any, form: Any, change: bool) -> Any:
        raise NotImplementedError

    def changed(self, form: Any, fields: list[str]) -> dict[str, Any]:
        return {f: form.cleaned_data[f] for f in fields if f in form.changed_data and f in form.cleaned_data}

    def delete_through(self, actor: User, obj: Any) -> None:
        raise PermissionDenied

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.delete_through(request.user, obj)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return type(self).delete_through is not ServiceAdmin.delete_through and super().has_delete_permission(
            request, obj
        )


@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]  # Django's class is not subscriptable at runtime
    """Accounts are managed by site administrators here; every save is recorded by ``services.user_saved``."""

    writes_through_services = True
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("Pegawai"), {"fields": ("full_name", "nip", "rank", "phone")}),
    )
    list_display = ("username", "full_name", "nip", "email", "is_active", "is_superuser")
    search_fields = ("username", "full_name", "nip", "email")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            actor: User = request.user  # type: ignore[assignment]
            services.user_saved(actor=actor, user=obj, changed=list(form.changed_data), created=not change)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        raise PermissionDenied  # people leave positions; accounts are deactivated, never deleted

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PublicBody)
class PublicBodyAdmin(ServiceAdmin):
    list_display = ("name", "slug", "kind", "region", "time_zone")
    search_fields = ("name", "slug", "region")
    prepopulated_fields = {"slug": ("name",)}

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("slug",) if obj is not None else ()

    def save_through(self, actor: User, obj: Any, form: Any, change: bool) -> Any:
        if change:
            return services.body_update(
                actor=actor, body=obj, **self.changed(form, [*services.BODY_FIELDS, "logo"])
            )
        data = {f: form.cleaned_data[f] for f in [*services.BODY_FIELDS, "logo"] if f in form.cleaned_data}
        return services.body_create(
            actor=actor,
            slug=form.cleaned_data["slug"],
            **{**data, "name": data["name"], "kind": data["kind"]},
        )


UNIT_FIELDS = ["name", "short_name", "code", "kind", "parent", "is_active", "letterhead", "address"]


@admin.register(Unit)
class UnitAdmin(ServiceAdmin):
    list_display = ("name", "body", "parent", "kind", "code")
    list_filter = ("body", "kind")
    search_fields = ("name", "slug")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("body", "slug") if obj is not None else ()

    def save_through(self, actor: User, obj: Any, form: Any, change: bool) -> Any:
        if change:
            return services.unit_update(actor=actor, unit=obj, **self.changed(form, UNIT_FIELDS))
        data = {f: form.cleaned_data.get(f) for f in UNIT_FIELDS if f != "parent" and f in form.cleaned_data}
        return services.unit_create(
            actor=actor,
            body=form.cleaned_data["body"],
            name=data.pop("name"),
            slug=form.cleaned_data["slug"],
            parent=form.cleaned_data.get("parent"),
            **data,
        )


def _role_choices() -> list[tuple[str, str]]:
    from .models import BodyRole
    from .roles import Role

    builtin = [(r.value, str(r.label)) for r in Role if r != Role.PEMOHON]
    custom = [
        (code, f"{name} ({code})") for code, name in BodyRole.objects.values_list("code", "name").distinct()
    ]
    return builtin + sorted(set(custom))


class PositionForm(forms.ModelForm):  # type: ignore[type-arg]  # Django's class is not subscriptable at runtime
    roles = forms.MultipleChoiceField(label=_("Peran"), required=False, choices=())

    class Meta:
        model = Position
        fields = ["body", "unit", "title", "holder", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = _role_choices()  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["roles"].initial = list(self.instance.roles.values_list("role", flat=True))


@admin.register(Position)
class PositionAdmin(ServiceAdmin):
    form = PositionForm
    list_display = ("title", "body", "unit", "holder")
    list_filter = ("body",)
    search_fields = ("title", "holder__username", "holder__full_name")
    autocomplete_fields = ("holder",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("body",) if obj is not None else ()

    def save_through(self, actor: User, obj: Any, form: Any, change: bool) -> Any:
        roles = list(form.cleaned_data.get("roles") or [])
        if not change:
            return services.position_create(
                actor=actor,
                body=form.cleaned_data["body"],
                title=form.cleaned_data["title"],
                unit=form.cleaned_data.get("unit"),
                holder=form.cleaned_data.get("holder"),
                roles=roles,
            )
        position = Position.objects.get(pk=obj.pk)
        fields = self.changed(form, services.POSITION_FIELDS)
        if fields:
            position = services.position_update(actor=actor, position=position, **fields)
        if "holder" in form.changed_data:
            position = services.position_set_holder(
                actor=actor, position=position, holder=form.cleaned_data.get("holder")
            )
        held = set(position.roles.values_list("role", flat=True))
        for role in held - set(roles):
            services.position_remove_role(actor=actor, position=position, role=role)
        for role in set(roles) - held:
            services.position_add_role(actor=actor, position=position, role=role)
        return position


@admin.register(ActingAssignment)
class ActingAssignmentAdmin(ServiceAdmin):
    """Appointments are made here or on the workspace page; once made they are only revoked."""

    list_display = ("position", "kind", "acting_user", "starts_on", "ends_on", "revoked_at")
    list_filter = ("kind",)
    actions = ["revoke"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None:
            return ("position", "acting_user", "kind", "starts_on", "ends_on", "decree", "revoked_at")
        return ("revoked_at",)

    def save_through(self, actor: User, obj: Any, form: Any, change: bool) -> Any:
        if change:
            return obj  # nothing to change: revoke with the action
        data = form.cleaned_data
        return services.acting_assign(
            actor=actor,
            position=data["position"],
            acting_user=data["acting_user"],
            kind=data["kind"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            decree=data.get("decree", ""),
        )

    @admin.action(description=_("Cabut penunjukan terpilih"))
    def revoke(self, request: HttpRequest, queryset: Any) -> None:
        for assignment in queryset.filter(revoked_at__isnull=True):
            services.acting_revoke(actor=request.user, assignment=assignment)  # type: ignore[arg-type]


@admin.register(Holiday)
class HolidayAdmin(ServiceAdmin):
    list_display = ("date", "name", "kind", "body", "decree", "source")
    list_filter = ("kind", "body", "source")
    date_hierarchy = "date"
    search_fields = ("name", "decree")
    exclude = ("source",)

    def save_through(self, actor: User, obj: Any, form: Any, change: bool) -> Any:
        data = form.cleaned_data
        if change and ("date" in form.changed_data or "body" in form.changed_data):
            services.holiday_delete(actor=actor, holiday=Holiday.objects.get(pk=obj.pk))
        return services.holiday_save(
            actor=actor,
            date=data["date"],
            name=data["name"],
            kind=data["kind"],
            body=data.get("body"),
            decree=data.get("decree", ""),
        )

    def delete_through(self, actor: User, obj: Any) -> None:
        services.holiday_delete(actor=actor, holiday=obj)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # Django's class is not subscriptable at runtime
    list_display = ("chain", "seq", "created_at", "actor", "action", "object_repr")
    list_filter = ("action", "body")
    search_fields = ("object_repr", "action")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # Django's class is not subscriptable at runtime
    """Tokens are read here and revoked only through ``services.token_revoke`` (audited): no add, no edit,
    no delete, one action."""

    writes_through_services = True
    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "expires_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at", "expires_at", "revoked_at")
    actions = ["revoke_tokens"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # tokens are created and revoked by their owners (services token_create, token_revoke)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Cabut token terpilih"), permissions=["view"])
    def revoke_tokens(self, request: HttpRequest, queryset: Any) -> None:
        actor: User = request.user  # type: ignore[assignment]
        with transaction.atomic():
            count = sum(services.token_revoke(actor=actor, token=token) for token in queryset)
        self.message_user(request, _("%(n)d token dicabut.") % {"n": count})


admin.site.site_header = _("Administrasi Terbuka")
admin.site.site_title = "Terbuka"
