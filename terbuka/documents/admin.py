"""Admin: read-mostly views of the archive; archived files and access logs are never edited or deleted.

Every admin of a model with a ``classification`` uses ``ExemptContentAdmin`` (exempt_admin.py): exempted
content is shown only under the archive's rule, and logged."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .exempt_admin import ExemptContentAdmin
from .models import BodyTemplate, Document, FileAccess, NumberPattern, SignOff, StoredFile


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # Django's class is not subscriptable at runtime
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(StoredFile)
class StoredFileAdmin(ExemptContentAdmin, ReadOnlyAdmin):
    exempt_content_fields = ("label", "original_name", "note", "file")  # the path holds the file's name
    exempt_metadata_fields = ("kind", "sha256", "content_type", "classification", "box", "cabinet", "shelf")
    list_display = ["label", "kind", "body", "classification", "version", "created_at"]
    list_filter = ["body", "classification", "kind"]
    search_fields = ["label", "original_name", "sha256"]
    # No link to the file itself: files are opened only through the archive's download view, which checks
    # the classification and logs every opening (UU 14/2008 Pasal 54).
    exclude = ["file"]


@admin.register(FileAccess)
class FileAccessAdmin(ReadOnlyAdmin):
    list_display = ["stored_file", "user", "allowed", "reason", "at"]
    list_filter = ["allowed"]


class SignOffInline(admin.TabularInline):  # type: ignore[type-arg]  # Django's class is not subscriptable at runtime
    model = SignOff
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "order", "user", "position_title", "acting_kind", "on_behalf_of", "signed_at"]
    fields = ("kind", "order", "user", "position_title", "acting_kind", "on_behalf_of", "signed_at")


@admin.register(Document)
class DocumentAdmin(ExemptContentAdmin, ReadOnlyAdmin):
    exempt_content_fields = ("subject", "context", "label", "return_note")
    exempt_metadata_fields = (
        "kind", "number", "register_number", "classification", "status", "verify_token", "render_error",
    )  # fmt: skip
    list_display = ["number", "kind", "body", "date", "status"]
    list_filter = ["body", "kind", "status"]
    search_fields = ["number", "subject"]
    inlines = [SignOffInline]


@admin.register(NumberPattern)
class NumberPatternAdmin(ReadOnlyAdmin):
    """Read-only: patterns are set on the kind list page (validated and audited by services.pattern_set)."""

    list_display = ["body", "kind", "pattern", "klasifikasi"]


@admin.register(BodyTemplate)
class BodyTemplateAdmin(ReadOnlyAdmin):
    list_display = ["body", "kind", "is_active", "created_at"]
