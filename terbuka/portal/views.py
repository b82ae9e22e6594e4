"""The public site per body: identity, contacts, the service charter, the DIP by category with filters,
item pages with downloads, open-data exports, search (per body and site-wide), the editions of the DIP and
their comparison; the working-day calendar and deadline calculator."""

from __future__ import annotations

import datetime as dt
import json

from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core import policies
from terbuka.core.models import Holiday, PublicBody
from terbuka.core.policies import PUBLIC, policy
from terbuka.core.workdays import (
    MAX_DAYS,
    CalendarRangeError,
    calendar_for,
    format_date_id,
    holidays_of_year,
    sync_window,
)
from terbuka.registry import search, selectors
from terbuka.registry import services as registry
from terbuka.registry.models import Category, Form, InformationItem, ItemAttachment
from terbuka.registry.spreadsheet import export_csv, export_xlsx
from terbuka.sop.models import Sop

from .cache import SITE, body_key, cached_page
from .models import BodyPage

PAGE_SIZE = 50
CATEGORY_ORDER = [Category.BERKALA, Category.SERTA_MERTA, Category.SETIAP_SAAT]


def _body_id(slug: str = "", **_kw: object) -> str:
    return body_key(slug)


def _site(**_kw: object) -> str:
    return SITE


@policy(PUBLIC)
@cached_page(_site)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"bodies": PublicBody.objects.filter(is_active=True)})


@policy(PUBLIC)
@cached_page(_body_id)
def body_home(request: HttpRequest, slug: str) -> HttpResponse:
    body = policies.get_public_body(slug)
    counts = selectors.category_counts(body)
    context = {
        "body": body,
        "page": BodyPage.objects.filter(body=body).first(),
        "units": body.units.filter(is_active=True),
        "sops": Sop.objects.filter(body=body, is_active=True, current_version__isnull=False).order_by(
            "title"
        ),
        "counts": [(c, Category(c).label, counts.get(c, 0)) for c in CATEGORY_ORDER],
        "total": sum(counts.values()),
        "edition": registry.current_edition(body),
    }
    return render(request, "portal/body.html", context)


def _dip_filters(request: HttpRequest) -> tuple[str, int | None, str, list[str]]:
    errors = []
    unit = request.GET.get("unit", "")[:80]
    year_raw = request.GET.get("tahun", "")
    year = None
    if year_raw:
        if year_raw.isdigit() and len(year_raw) == 4:
            year = int(year_raw)
        else:
            errors.append(_("Tahun tidak sah; tulis empat angka, mis. 2026."))
    form = request.GET.get("bentuk", "")
    if form and form not in Form.values:
        errors.append(_("Bentuk informasi tidak dikenal."))
        form = ""
    return unit, year, form, errors


@policy(PUBLIC)
@cached_page(_body_id)
def dip(request: HttpRequest, slug: str) -> HttpResponse:
    body = policies.get_public_body(slug)
    unit, year, form, errors = _dip_filters(request)
    items = selectors.public_dip(body, unit=unit, year=year, form=form)
    paginator = Paginator(items, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("hal"))
    groups: dict[str, list[InformationItem]] = {c: [] for c in CATEGORY_ORDER}
    for item in page.object_list:
        groups.setdefault(item.category, []).append(item)
    query = request.GET.copy()
    query.pop("hal", None)
    context = {
        "body": body,
        "groups": [(c, Category(c).label, groups[c]) for c in CATEGORY_ORDER if groups.get(c)],
        "page": page,
        "query": query.urlencode(),
        "choices": selectors.filter_choices(body),
        "forms": Form.choices,
        "unit": unit,
        "year": year,
        "form": form,
        "errors": errors,
        "edition": registry.current_edition(body),
    }
    return render(request, "portal/dip.html", context, status=400 if errors else 200)


@policy(PUBLIC)
@cached_page(_body_id)
def item_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    body = policies.get_public_body(slug)
    item = selectors.public_item(body, pk)
    if item is None:
        raise Http404
    return render(request, "portal/item.html", {"body": body, "item": item})


@policy(PUBLIC)
def attachment_download(request: HttpRequest, slug: str, pk: int, att: int) -> HttpResponse:
    """A file of a public item. Only public items' files are served; exempted files never are."""
    body = policies.get_public_body(slug)
    item = selectors.public_item(body, pk)
    if item is None:
        raise Http404
    attachment = get_object_or_404(ItemAttachment.objects.select_related("stored_file"), pk=att, item=item)
    stored = attachment.stored_file
    if stored is None or stored.classification == "dikecualikan" or stored.body_id != body.pk:
        raise Http404
    fh = default_storage.open(stored.file.name, "rb")
    resp = FileResponse(
        fh, content_type=stored.content_type, as_attachment=True, filename=stored.original_name
    )
    resp["X-Content-Type-Options"] = "nosniff"
    return resp  # type: ignore[return-value]


def _open_rows(body: PublicBody) -> list[dict[str, object]]:
    return [
        {
            "id": i.pk,
            "judul": i.title,
            "ringkasan": i.summary,
            "kategori": i.category,
            "unit": i.unit.name if i.unit else "",
            "pejabat": i.official,
            "penanggung_jawab": i.responsible,
            "waktu_pembuatan": i.made_when,
            "tempat_pembuatan": i.made_where,
            "bentuk": i.form,
            "retensi": i.retention,
            "tahun": i.year,
            "diperbarui": i.refreshed_at.date().isoformat(),
            "url": f"/badan/{body.slug}/dip/{i.pk}/",
        }
        for i in selectors.public_dip(body)
    ]


@policy(PUBLIC)
@cached_page(_body_id)
def dip_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """Open data: the public DIP as CSV, JSON or XLSX (the same columns as the import template)."""
    body = policies.get_public_body(slug)
    stamp = timezone.localdate().isoformat()
    if fmt == "json":
        edition = registry.current_edition(body)
        payload = {
            "badan": {"slug": body.slug, "nama": body.name},
            "edisi": {
                "nomor": edition.number,
                "nomor_keputusan": edition.decree_number,
                "tanggal_keputusan": edition.decree_date.isoformat() if edition.decree_date else None,
            }
            if edition
            else None,
            "informasi": _open_rows(body),
        }
        return HttpResponse(
            json.dumps(payload, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
        )
    items = list(selectors.public_dip(body))
    if fmt == "csv":
        resp = HttpResponse(export_csv(items), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        resp = HttpResponse(
            export_xlsx(items),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    resp["Content-Disposition"] = f'attachment; filename="dip-{body.slug}-{stamp}.{fmt}"'
    return resp


@policy(PUBLIC)
@cached_page(_body_id)
def editions(request: HttpRequest, slug: str) -> HttpResponse:
    body = policies.get_public_body(slug)
    eds = list(selectors.published_editions(body))
    comparison = None
    a = b = None
    errors = []
    if request.GET.get("a") and request.GET.get("b"):
        try:
            a = next(e for e in eds if e.number == int(request.GET["a"]))
            b = next(e for e in eds if e.number == int(request.GET["b"]))
            comparison = registry.edition_compare(a, b)
        except (ValueError, StopIteration):
            errors.append(_("Pilih dua edisi DIP yang ada."))
    return render(
        request,
        "portal/editions.html",
        {"body": body, "editions": eds, "comparison": comparison, "a": a, "b": b, "errors": errors},
        status=400 if errors else 200,
    )


def _search_page(request: HttpRequest, body: PublicBody | None) -> HttpResponse:
    q = request.GET.get("q", "").strip()[: search.MAX_QUERY_CHARS]
    results = selectors.search_public(q, body) if q else []
    rows = [
        {"item": i, "title": search.highlight(i.title, q), "summary": search.highlight(i.summary[:300], q)}
        for i in results
    ]
    return render(request, "portal/search.html", {"body": body, "q": q, "rows": rows})


@policy(PUBLIC)
@cached_page(_body_id)
def body_search(request: HttpRequest, slug: str) -> HttpResponse:
    return _search_page(request, policies.get_public_body(slug))


@policy(PUBLIC)
@cached_page(_site)
def site_search(request: HttpRequest) -> HttpResponse:
    return _search_page(request, None)


@policy(PUBLIC)
def body_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    body = policies.get_public_body(slug)
    today = timezone.localdate()
    cal = calendar_for(body)
    errors: list[str] = []
    year_raw = request.GET.get("tahun", "")
    year = today.year
    if year_raw:
        try:
            year = int(year_raw)
        except ValueError:
            errors.append(_("Tahun tidak sah; tulis empat angka, mis. %(year)s.") % {"year": today.year})
    holidays: list[Holiday] = []
    working_days_in_year = None
    try:
        holidays = holidays_of_year(year, body, cal)
        working_days_in_year = cal.between(dt.date(year - 1, 12, 31), dt.date(year, 12, 31))
    except CalendarRangeError as exc:
        errors.extend(exc.messages)
    except (ValueError, OverflowError):  # a year that is not a date at all (0, 10000, ...)
        errors.append(_("Tahun tidak sah; tulis empat angka, mis. %(year)s.") % {"year": today.year})
    lo, hi = sync_window()
    result = None
    calc_errors: list[str] = []
    start_raw, days_raw = request.GET.get("mulai", ""), request.GET.get("hari", "")
    if start_raw or days_raw:
        start = days = None
        try:
            start = dt.date.fromisoformat(start_raw)
        except ValueError:
            calc_errors.append(_("Tanggal mulai tidak sah; gunakan format TTTT-BB-HH, mis. 2026-03-16."))
        try:
            days = int(days_raw)
            if not 0 <= days <= MAX_DAYS:
                raise ValueError
        except ValueError:
            calc_errors.append(
                _("Jumlah hari kerja harus bilangan bulat dari 0 sampai %(max)s.") % {"max": MAX_DAYS}
            )
        if start is not None and days is not None and not calc_errors:
            try:
                result = cal.explain_add(start, days)
            except CalendarRangeError as exc:
                calc_errors.extend(exc.messages)
    context = {
        "body": body,
        "year": year if not errors else today.year,
        "prev_year": year - 1 if not errors and year - 1 >= lo else None,
        "next_year": year + 1 if not errors and year + 1 <= hi else None,
        "holidays": holidays,
        "working_days_in_year": working_days_in_year,
        "year_errors": errors,
        "result": result,
        "errors": calc_errors,
        "start_raw": start_raw,
        "days_raw": days_raw,
        "format_date_id": format_date_id,
    }
    status = 400 if errors or calc_errors else 200
    template = "portal/_calculator.html" if request.headers.get("HX-Request") else "portal/calendar.html"
    return render(request, template, context, status=status)
