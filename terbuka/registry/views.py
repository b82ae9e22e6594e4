"""The registry in the workspace (``/kerja/dip/<badan>/``): the body's information items (all of them, for
its members), create and edit, attachments, refresh of berkala items, the overdue list, spreadsheet template,
import and export, and the DIP editions (draft, set by decision, publish, compare)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from terbuka.core.models import PublicBody, User
from terbuka.core.policies import AUTHENTICATED, get_body_for_user, is_member, policy

from . import services, spreadsheet
from .forms import AttachmentForm, ImportForm, ItemForm, SetForm
from .models import DipEdition, InformationItem

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _body(request: HttpRequest, slug: str) -> PublicBody:
    return get_body_for_user(request.user, slug, is_member)


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _fail(request: HttpRequest, exc: Exception) -> None:
    msgs = exc.messages if isinstance(exc, ValidationError) else [str(exc) or _("Anda tidak berwenang.")]
    for m in msgs:
        messages.error(request, m)


@policy(AUTHENTICATED)
def item_list(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    items = InformationItem.objects.filter(body=body).select_related("unit").order_by("category", "title")
    q = request.GET.get("q", "").strip()[:200]
    if q:
        items = items.filter(title__icontains=q)
    draft = DipEdition.objects.filter(body=body, status=DipEdition.Status.DRAFT).first()
    return render(
        request,
        "registry/items.html",
        {
            "body": body,
            "items": items[:500],
            "q": q,
            "overdue": list(services.overdue_berkala(body)[:50]),
            "editions": DipEdition.objects.filter(body=body).order_by("-number"),
            "draft": draft,
            "import_form": ImportForm(),
            "can_manage": services.can_manage_items(request.user, body),
        },
    )


def _item_page(
    request: HttpRequest, body: PublicBody, form: ItemForm, item: InformationItem | None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "registry/item_form.html",
        {"body": body, "form": form, "item": item, "attachment_form": AttachmentForm()},
        status=status,
    )


@policy(AUTHENTICATED)
def item_create(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    form = ItemForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            item = services.item_create(
                actor=_actor(request),
                body=body,
                title=data.pop("title"),
                category=data.pop("category"),
                **data,
            )
        except (ValidationError, PermissionDenied) as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("Informasi dicatat."))
            return redirect("registry:item", slug=body.slug, pk=item.pk)
    return _item_page(request, body, form, None, status=400 if request.method == "POST" else 200)


@policy(AUTHENTICATED)
def item_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    body = _body(request, slug)
    item = get_object_or_404(InformationItem, pk=pk, body=body)
    form = ItemForm(request.POST or None, instance=None if request.method == "POST" else item, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_update(actor=_actor(request), item=item, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("registry:item", slug=body.slug, pk=item.pk)
    return _item_page(request, body, form, item, status=400 if request.method == "POST" else 200)


@policy(AUTHENTICATED)
@require_POST
def item_refresh(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    body = _body(request, slug)
    item = get_object_or_404(InformationItem, pk=pk, body=body)
    try:
        services.item_refresh(actor=_actor(request), item=item)
        messages.success(request, _("Informasi ditandai mutakhir."))
    except PermissionDenied as exc:
        _fail(request, exc)
    return redirect("registry:item", slug=body.slug, pk=item.pk)


@policy(AUTHENTICATED)
@require_POST
def attachment_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    body = _body(request, slug)
    item = get_object_or_404(InformationItem, pk=pk, body=body)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.attachment_add(
                actor=_actor(request), item=item, label=d["label"], file=d["file"] or None, url=d["url"] or ""
            )
            messages.success(request, _("Lampiran ditambahkan."))
        except (ValidationError, PermissionDenied) as exc:
            _fail(request, exc)
    else:
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, str(e))
    return redirect("registry:item", slug=body.slug, pk=item.pk)


@policy(AUTHENTICATED)
def template_download(request: HttpRequest, slug: str) -> HttpResponse:
    _body(request, slug)
    resp = HttpResponse(spreadsheet.template_xlsx(), content_type=XLSX)
    resp["Content-Disposition"] = 'attachment; filename="templat-dip.xlsx"'
    return resp


@policy(AUTHENTICATED)
def export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """Every item of the body (or of one edition with ``?edisi=<nomor>``) as XLSX or CSV."""
    body = _body(request, slug)
    number = request.GET.get("edisi", "")
    if number.isdigit():
        edition = get_object_or_404(DipEdition, body=body, number=int(number))
        items = spreadsheet.edition_items(edition)
    else:
        items = list(
            InformationItem.objects.filter(body=body).select_related("unit").order_by("category", "title")
        )
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        resp = HttpResponse(spreadsheet.export_csv(items), content_type="text/csv; charset=utf-8")
    else:
        resp = HttpResponse(spreadsheet.export_xlsx(items), content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="dip-{body.slug}-{stamp}.{fmt}"'
    return resp


@policy(AUTHENTICATED)
@require_POST
def import_upload(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    form = ImportForm(request.POST, request.FILES)
    errors: list[str] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > spreadsheet.MAX_BYTES:
            errors.append(_("Berkas terlalu besar (paling besar 5 MB)."))
        else:
            try:
                edition = None
                if form.cleaned_data["to_draft"]:
                    edition = services.edition_draft(actor=_actor(request), body=body)
                result = spreadsheet.import_items(
                    actor=_actor(request),
                    body=body,
                    data=upload.read(),
                    filename=upload.name or "",
                    edition=edition,
                )
            except (ValidationError, PermissionDenied) as exc:
                errors = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            else:
                messages.success(
                    request,
                    _("Impor berhasil: %(c)s baru, %(u)s diubah, %(n)s tetap.")
                    % {"c": len(result.created), "u": len(result.updated), "n": result.unchanged},
                )
                return redirect("registry:items", slug=body.slug)
    else:
        errors = [str(e) for errs in form.errors.values() for e in errs]
    return render(
        request, "registry/import_errors.html", {"body": body, "errors": errors, "form": form}, status=400
    )


@policy(AUTHENTICATED)
def edition_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    body = _body(request, slug)
    edition = get_object_or_404(DipEdition, body=body, number=number)
    rows = services.edition_rows(edition)
    other = DipEdition.objects.filter(body=body).exclude(pk=edition.pk).order_by("-number")
    comparison = None
    vs = request.GET.get("banding", "")
    if vs.isdigit():
        base = get_object_or_404(DipEdition, body=body, number=int(vs))
        comparison = services.edition_compare(base, edition)
    return render(
        request,
        "registry/edition.html",
        {
            "body": body,
            "edition": edition,
            "rows": list(rows.values()),
            "other": other,
            "comparison": comparison,
            "set_form": SetForm(),
            "vs": vs,
        },
    )


@policy(AUTHENTICATED)
@require_POST
def edition_new(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    try:
        edition = services.edition_draft(actor=_actor(request), body=body)
    except (ValidationError, PermissionDenied) as exc:
        _fail(request, exc)
        return redirect("registry:items", slug=body.slug)
    return redirect("registry:edition", slug=body.slug, number=edition.number)


@policy(AUTHENTICATED)
@require_POST
def edition_action(request: HttpRequest, slug: str, number: int, action: str) -> HttpResponse:
    body = _body(request, slug)
    edition = get_object_or_404(DipEdition, body=body, number=number)
    actor = _actor(request)
    try:
        if action == "tetapkan":
            form = SetForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Tanggal keputusan tidak sah."))
            services.edition_set(
                actor=actor,
                edition=edition,
                decree_number=form.cleaned_data["decree_number"],
                decree_date=form.cleaned_data["decree_date"],
            )
            messages.success(request, _("DIP ditetapkan."))
        elif action == "umumkan":
            services.edition_publish(actor=actor, edition=edition)
            messages.success(request, _("DIP diumumkan di portal."))
        elif action == "keluarkan":
            item = get_object_or_404(InformationItem, pk=request.POST.get("item", 0), body=body)
            services.edition_exclude(actor=actor, edition=edition, items=[item])
        elif action == "masukkan":
            item = get_object_or_404(InformationItem, pk=request.POST.get("item", 0), body=body)
            services.edition_include(actor=actor, edition=edition, items=[item])
        else:
            raise ValidationError(_("Tindakan tidak dikenal."))
    except (ValidationError, PermissionDenied) as exc:
        _fail(request, exc)
    return redirect("registry:edition", slug=body.slug, number=edition.number)
