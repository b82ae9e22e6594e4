"""Admin for site and body administrators. Every change made here is written to the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import audit
from .models import ActingAssignment, ApiToken, Event, Holiday, Position, PositionRole, PublicBody, Unit, User
from .workdays import bump_version


def _body_of(obj: Any) -> PublicBody | None:
    if isinstance(obj, PublicBody):
        return obj
    if isinstance(obj, ActingAssignment):
        return obj.position.body
    return getattr(obj, "body", None)


class AuditedAdmin(admin.ModelAdmin):
    """Record an audit event for every save and delete made in the admin."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = audit.snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else {}
            super().save_model(request, obj, form, change)
            after = audit.snapshot(obj)
            old, new = audit.diff(before, after) if change else (None, after)
            label = obj._meta.model_name
            audit.record(
                actor=request.user,  # type: ignore[arg-type]
                body=_body_of(obj),
                action=f"{label}.{'update' if change else 'create'}",
                obj=obj,
                old=old,
                new=new,
                note="admin",
            )
            if isinstance(obj, Holiday):
                if not change or new:
                    obj.source = Holiday.Source.MANUAL
                    Holiday.objects.filter(pk=obj.pk).update(source=Holiday.Source.MANUAL)
                bump_version()

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            audit.record(
                actor=request.user,  # type: ignore[arg-type]
                body=_body_of(obj),
                action=f"{obj._meta.model_name}.delete",
                obj=obj,
                old=audit.snapshot(obj),
                note="admin",
            )
            super().delete_model(request, obj)
            if isinstance(obj, Holiday):
                bump_version()

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("Pegawai"), {"fields": ("full_name", "nip", "rank", "phone")}),
    )
    list_display = ("username", "full_name", "nip", "email", "is_active", "is_superuser")
    search_fields = ("username", "full_name", "nip", "email")


class UnitInline(admin.TabularInline):
    model = Unit
    fk_name = "body"
    extra = 0
    fields = ("name", "slug", "short_name", "code", "kind", "parent", "is_active")


@admin.register(PublicBody)
class PublicBodyAdmin(AuditedAdmin):
    list_display = ("name", "slug", "kind", "region", "time_zone")
    search_fields = ("name", "slug", "region")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ("name", "body", "parent", "kind", "code")
    list_filter = ("body", "kind")
    search_fields = ("name", "slug")


class PositionRoleInline(admin.TabularInline):
    model = PositionRole
    extra = 1


@admin.register(Position)
class PositionAdmin(AuditedAdmin):
    list_display = ("title", "body", "unit", "holder")
    list_filter = ("body",)
    search_fields = ("title", "holder__username", "holder__full_name")
    inlines = [PositionRoleInline]
    autocomplete_fields = ("holder",)


@admin.register(ActingAssignment)
class ActingAssignmentAdmin(AuditedAdmin):
    list_display = ("position", "kind", "acting_user", "starts_on", "ends_on", "revoked_at")
    list_filter = ("kind",)


@admin.register(Holiday)
class HolidayAdmin(AuditedAdmin):
    list_display = ("date", "name", "kind", "body", "decree", "source")
    list_filter = ("kind", "body", "source")
    date_hierarchy = "date"
    search_fields = ("name", "decree")
    exclude = ("source",)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
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
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


admin.site.site_header = _("Administrasi Terbuka")
admin.site.site_title = "Terbuka"
