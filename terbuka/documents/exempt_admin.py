"""Exempted content in the Django admin: shown under the same rule and log as everywhere else (#7 item 7).

The admin is a second way into every table. A site administrator is refused an exempted file in the archive
(UU 14/2008 Pasal 17: administrators have no legal role in the exemption), so the admin must not show that
file's label or a letter's text either. ``ExemptContentAdmin`` is the rule for every ModelAdmin of a model
with a ``classification`` (a test walks ``admin.site._registry`` and fails for any that does not use it):

* **change page**: the ``exempt_content_fields`` of an exempted row are replaced by a notice unless
  ``policies.may_read_exempt`` (the one rule of the archive, see ``policies.exempt_filter``) allows the
  viewer; an allowed view is logged like a file opening (``services.exempt_content_viewed``);
* **list page**: content columns of exempted rows always read "dikecualikan" (no per-row decisions, no
  unlogged reading in bulk), and they cannot be sorted by;
* **search**: content fields are searched only among rows that are not exempted, so a search term cannot
  reveal what an exempted letter says by which rows it finds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Classification

EXEMPT = Classification.DIKECUALIKAN
MASK = gettext_lazy("— dikecualikan —")
_SAFE_SEARCH = "_terbuka_exempt_safe_search"


def _search_field_name(spec: str) -> str:
    return spec.lstrip("^=@").split("__")[0]


class ExemptContentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # Django's class is not subscriptable at runtime
    """A ModelAdmin for a model with ``classification``: exempted rows' content stays behind the rule."""

    #: model fields that carry what an exempted row says (text, names, subjects, labels)
    exempt_content_fields: tuple[str, ...] = ()
    #: the model's other text fields, declared harmless (kind, number, hash, ...); the registry test fails
    #: for a text field in neither list, so a new field needs a decision
    exempt_metadata_fields: tuple[str, ...] = ()

    # -- who may see -------------------------------------------------------------------------------------

    def exempt_hidden(self, request: HttpRequest, obj: Any) -> bool:
        """True when ``obj`` is exempted and the viewer may not read it."""
        from .policies import may_read_exempt

        if obj is None or getattr(obj, "classification", None) != EXEMPT:
            return False
        return not may_read_exempt(request.user, obj)

    # -- change page -------------------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("Isi dikecualikan"))
    def exempt_notice(self, obj: Any) -> str:
        return _(
            "Isi berkas/naskah ini dikecualikan (UU 14/2008 Pasal 17) dan hanya ditampilkan kepada pejabat "
            "yang berwenang; setiap pembukaan dicatat."
        )

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_fields(request, obj))
        if self.exempt_hidden(request, obj):
            fields = [f for f in fields if f not in self.exempt_content_fields and f != "exempt_notice"]
            fields.append("exempt_notice")
        return fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = list(super().get_readonly_fields(request, obj))
        if self.exempt_hidden(request, obj):
            readonly.append("exempt_notice")
        return readonly

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> HttpResponse:
        if (
            obj is not None
            and getattr(obj, "classification", None) == EXEMPT
            and not self.exempt_hidden(request, obj)
        ):
            from . import services

            services.exempt_content_viewed(
                user=request.user, obj=obj, where="admin", ip=request.META.get("REMOTE_ADDR") or None
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # -- list page ---------------------------------------------------------------------------------------

    def get_list_display(self, request: HttpRequest) -> Any:
        return [
            self._masked(name) if isinstance(name, str) and name in self.exempt_content_fields else name
            for name in super().get_list_display(request)
        ]

    def _masked(self, name: str) -> Callable[[Model], Any]:
        label = self.model._meta.get_field(name).verbose_name

        @admin.display(description=label)
        def column(obj: Model) -> Any:
            return MASK if getattr(obj, "classification", None) == EXEMPT else getattr(obj, name)

        column.__name__ = f"masked_{name}"
        return column

    # -- search ------------------------------------------------------------------------------------------

    def get_search_fields(self, request: HttpRequest) -> Any:
        fields = super().get_search_fields(request)
        if getattr(request, _SAFE_SEARCH, False):
            return [f for f in fields if _search_field_name(f) not in self.exempt_content_fields]
        return fields

    def get_search_results(self, request: HttpRequest, queryset: QuerySet[Any], search_term: str) -> Any:
        if not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        open_rows, dup_open = super().get_search_results(
            request, queryset.exclude(classification=EXEMPT), search_term
        )
        setattr(request, _SAFE_SEARCH, True)
        try:
            if self.get_search_fields(request):
                closed_rows, dup_closed = super().get_search_results(
                    request, queryset.filter(classification=EXEMPT), search_term
                )
            else:
                closed_rows, dup_closed = queryset.none(), False
        finally:
            delattr(request, _SAFE_SEARCH)
        found = Q(pk__in=open_rows.values("pk")) | Q(pk__in=closed_rows.values("pk"))
        return queryset.filter(found), dup_open or dup_closed


def uses_exempt_rule(model_admin: admin.ModelAdmin[Any]) -> bool:
    """The registry test's question: does this ModelAdmin keep exempted content behind the rule?"""
    return isinstance(model_admin, ExemptContentAdmin) and bool(model_admin.exempt_content_fields)
