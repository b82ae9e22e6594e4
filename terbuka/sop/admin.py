"""Admin: SOPs and their versions (a new version goes through ``sop_adopt``: validated, errors listed)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import PublicBody

from . import services
from .models import Case, Sop, SopVersion, Task


class SopVersionAddForm(forms.ModelForm):  # type: ignore[type-arg]  # Django's class is not subscriptable at runtime
    body = forms.ModelChoiceField(PublicBody.objects.all(), label=_("Badan publik"))
    slug = forms.SlugField(label=_("Kode SOP (slug)"))
    upload = forms.FileField(label=_("Berkas SOP (YAML)"))

    class Meta:
        model = SopVersion
        fields: list[str] = []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("upload")
        if upload is None:
            return data
        try:
            text = upload.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValidationError(_("Berkas SOP harus berupa teks UTF-8.")) from exc
        services.validate_source(text, upload.name)  # raises SopInvalid: every problem, line by line
        data["source"], data["filename"] = text, upload.name
        return data


@admin.register(SopVersion)
class SopVersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # Django's class is not subscriptable at runtime
    """A new version is uploaded and approved through ``services.sop_adopt``; versions never change."""

    writes_through_services = True
    list_display = ["sop", "number", "filename", "uploaded_by", "created_at"]
    list_filter = ["sop__body"]
    readonly_fields = ["sop", "number", "filename", "sha256", "uploaded_by", "created_at", "source"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = SopVersionAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields if obj is not None else ["body", "slug", "upload"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            return  # versions are immutable
        version = services.sop_adopt(
            actor=request.user,  # type: ignore[arg-type]
            body=form.cleaned_data["body"],
            slug=form.cleaned_data["slug"],
            source=form.cleaned_data["source"],
            filename=form.cleaned_data["filename"],
        )
        obj.pk = version.pk
        obj.__dict__.update({k: v for k, v in version.__dict__.items() if not k.startswith("_")})

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        return None

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Sop)
class SopAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # Django's class is not subscriptable at runtime
    """Read-only: versions are uploaded and approved through the services (workspace, API, admin upload)."""

    list_display = ["title", "body", "slug", "current_version", "is_active"]
    list_filter = ["body", "is_active"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


TASK_FIELDS = ("step_no", "lane", "role", "unit", "status", "due_date", "completed_by", "acting_kind")


class TaskInline(admin.TabularInline):  # type: ignore[type-arg]  # Django's class is not subscriptable at runtime
    model = Task
    extra = 0
    can_delete = False
    fields = TASK_FIELDS
    readonly_fields = TASK_FIELDS


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # Django's class is not subscriptable at runtime
    """Read-only: processes move only through the engine's services."""

    list_display = ["title", "body", "sop_version", "status", "started_at"]
    list_filter = ["body", "status"]
    readonly_fields = [
        "body",
        "sop_version",
        "title",
        "status",
        "started_by",
        "started_at",
        "finished_at",
        "cancel_reason",
    ]
    inlines = [TaskInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
