"""Reads of the registry: the public DIP of a body (what the portal and the open API show) and search."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from terbuka.core.models import PublicBody

from . import search
from .models import Category, DipEdition, InformationItem, ItemAttachment

PUBLIC_CATEGORIES = [Category.BERKALA, Category.SERTA_MERTA, Category.SETIAP_SAAT]


def public_items(body: PublicBody | None = None) -> QuerySet[InformationItem]:
    qs = InformationItem.objects.filter(is_public=True, category__in=PUBLIC_CATEGORIES)
    if body is not None:
        qs = qs.filter(body=body)
    return qs


def public_dip(
    body: PublicBody, *, unit: str = "", year: int | None = None, form: str = ""
) -> QuerySet[InformationItem]:
    qs = public_items(body).select_related("unit")
    if unit:
        qs = qs.filter(unit__slug=unit)
    if year:
        qs = qs.filter(year=year)
    if form:
        qs = qs.filter(form=form)
    return qs.order_by("category", "title", "pk")


def public_item(body: PublicBody, pk: int) -> InformationItem | None:
    return (
        public_items(body)
        .select_related("unit", "body")
        .prefetch_related(
            Prefetch("attachments", queryset=ItemAttachment.objects.select_related("stored_file"))
        )
        .filter(pk=pk)
        .first()
    )


def category_counts(body: PublicBody) -> dict[str, int]:
    rows = public_items(body).values("category").annotate(n=Count("pk")).order_by()
    return {r["category"]: r["n"] for r in rows}


def filter_choices(body: PublicBody) -> dict[str, Any]:
    base = public_items(body)
    years = sorted({y for y in base.values_list("year", flat=True).distinct() if y}, reverse=True)
    units = list(
        base.exclude(unit__isnull=True)
        .values_list("unit__slug", "unit__name")
        .distinct()
        .order_by("unit__name")
    )
    return {"years": years, "units": units}


def published_editions(body: PublicBody) -> QuerySet[DipEdition]:
    return DipEdition.objects.filter(body=body).exclude(status=DipEdition.Status.DRAFT).order_by("-number")


def search_public(q: str, body: PublicBody | None = None, limit: int = 50) -> list[InformationItem]:
    """Public items matching ``q`` (stemmed), best first, of one body or of every active body."""
    cond = "i.is_public = %s AND i.category IN (%s, %s, %s)"
    params: list[Any] = [True, *PUBLIC_CATEGORIES]
    if body is not None:
        cond += " AND i.body_id = %s"
        params.append(body.pk)
    hits = search.search_ids(q, item_filter_sql=cond, params=params, limit=limit)
    if not hits:
        return []
    by_pk = {
        i.pk: i
        for i in InformationItem.objects.filter(
            pk__in=[h.pk for h in hits], body__is_active=True
        ).select_related("unit", "body")
    }
    out = []
    for h in hits:
        if h.pk in by_pk:
            item = by_pk[h.pk]
            item.rank = h.rank  # type: ignore[attr-defined]
            out.append(item)
    return out
