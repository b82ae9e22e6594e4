"""Officer pages at /kerja/dokumen/ and the public verification page /verifikasi/<token>/."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from terbuka.core import policies as core_policies
from terbuka.core.models import PublicBody, User
from terbuka.core.people import today_in
from terbuka.core.policies import AUTHENTICATED, PUBLIC, policy

from . import archive, hooks, kinds, numbering, policies, rendering, selectors, services, signoff
from .forms import (
    ContentForm,
    GenerateForm,
    LocationForm,
    PatternForm,
    ReturnForm,
    TemplateForm,
    UploadForm,
    VersionForm,
)
from .models import BodyTemplate, Classification, StoredFile


def _ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def _body(request: HttpRequest, slug: str) -> PublicBody:
    return core_policies.get_body_for_user(request.user, slug, policies.can_use_documents)


def _archive_page(
    request: HttpRequest, body: PublicBody, form: UploadForm, filters: dict[str, str], status: int = 200
) -> HttpResponse:
    kind, classification, case = (
        filters.get("jenis", ""),
        filters.get("klasifikasi", ""),
        filters.get("kasus", ""),
    )
    rows = selectors.archive_for_user(
        request.user,
        body,
        kind=kind if kind in kinds.REGISTRY else "",
        classification=classification if classification in Classification.values else "",
        case_id=int(case) if case.isdigit() else None,
    )[:300]
    return render(
        request,
        "documents/archive_list.html",
        {
            "body": body,
            "rows": rows,
            "kinds": kinds.choices(),
            "classifications": Classification.choices,
            "f": filters,
            "form": form,
        },
        status=status,
    )


@policy(AUTHENTICATED)
def archive_list(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    filters = {key: request.GET.get(key, "") for key in ("jenis", "klasifikasi", "kasus")}
    return _archive_page(request, body, UploadForm(body=body), filters)


@policy(AUTHENTICATED)
@require_POST
def archive_upload(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    form = UploadForm(request.POST, request.FILES, body=body)
    if form.is_valid():
        d = form.cleaned_data
        try:
            stored = archive.store_upload(
                actor=_actor(request),
                body=body,
                file=d["file"],
                label=d["label"],
                classification=d["classification"],
                unit=d["unit"],
                retention_years=d["retention_years"],
                cabinet=d["cabinet"],
                shelf=d["shelf"],
                box=d["box"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("Berkas diarsipkan."))
            return redirect("documents:file", slug=body.slug, pk=stored.pk)
    return _archive_page(request, body, form, {}, status=400)


def _file_for(request: HttpRequest, slug: str, pk: int, *, opening: bool = False) -> StoredFile:
    """The file, or 404 for anyone outside the body (their attempt is still logged)."""
    stored = get_object_or_404(StoredFile.objects.select_related("body"), pk=pk, body__slug=slug)
    if not policies.can_use_documents(request.user, stored.body):
        if opening or stored.is_exempt:
            services.file_access_log(
                user=request.user,
                stored_file=stored,
                allowed=False,
                reason="bukan anggota badan publik",
                ip=_ip(request),
            )
        raise Http404
    return stored


@policy(AUTHENTICATED)
def file_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    stored = _file_for(request, slug, pk)
    if not policies.can_see_listing(request.user, stored):
        raise Http404
    allowed, _reason = policies.can_open_file(request.user, stored)
    show_log = allowed or core_policies.can_view_audit(request.user, stored.body)
    return render(
        request,
        "documents/file_detail.html",
        {
            "body": stored.body,
            "f": stored,
            "versions": stored.versions(),
            "can_open": allowed,
            "log": selectors.access_log(stored) if show_log else None,
            "form": VersionForm(),
            "location_form": LocationForm(
                initial={"cabinet": stored.cabinet, "shelf": stored.shelf, "box": stored.box}
            ),
            "document": stored.document,
            "signoffs": stored.document.current_signoffs() if stored.document else [],
            "pdf_hint": None if rendering.pdf_available() else rendering.PDF_HINT,
        },
    )


@policy(AUTHENTICATED)
def file_download(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    stored = _file_for(request, slug, pk, opening=True)
    allowed, reason = policies.can_open_file(request.user, stored)
    services.file_access_log(
        user=request.user, stored_file=stored, allowed=allowed, reason=reason, ip=_ip(request)
    )
    if not allowed:
        raise PermissionDenied(_("Anda tidak berwenang membuka berkas ini (%(r)s).") % {"r": reason})
    fh = default_storage.open(stored.file.name, "rb")
    resp = FileResponse(
        fh, content_type=stored.content_type, as_attachment=True, filename=stored.original_name
    )
    resp["X-Content-Type-Options"] = "nosniff"
    resp["Cache-Control"] = "private, no-store"
    return resp  # type: ignore[return-value]


@policy(AUTHENTICATED)
@require_POST
def file_new_version(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    stored = _file_for(request, slug, pk)
    core_policies.require(policies.can_open_file(request.user, stored)[0])
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            new = archive.store_new_version(
                actor=_actor(request),
                previous=stored,
                file=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Versi baru disimpan; versi lama tetap tersimpan."))
            return redirect("documents:file", slug=slug, pk=new.pk)
    else:
        messages.error(request, _("Lengkapi berkas dan catatan perubahan."))
    return redirect("documents:file", slug=slug, pk=pk)


def _kind_page(
    request: HttpRequest, body: PublicBody, pattern_form: PatternForm | None = None, status: int = 200
) -> HttpResponse:
    custom = set(BodyTemplate.objects.filter(body=body, is_active=True).values_list("kind", flat=True))
    can_manage = policies.can_manage_templates(request.user, body)
    if can_manage and pattern_form is None:
        pattern_form = PatternForm(kinds=kinds.choices())
    rows = []
    for k in kinds.REGISTRY.values():
        pattern, register_pattern, klasifikasi = numbering.pattern_for(body, k.slug)
        rows.append(
            {
                "kind": k,
                "custom": k.slug in custom,
                "pattern": pattern,
                "register_pattern": register_pattern if k.register else "",
                "klasifikasi": klasifikasi,
            }
        )
    return render(
        request,
        "documents/kind_list.html",
        {
            "body": body,
            "rows": rows,
            "can_manage": can_manage,
            "pattern_form": pattern_form if can_manage else None,
            "target": _sop_target(request, body),
            "pdf_hint": None if rendering.pdf_available() else rendering.PDF_HINT,
        },
        status=status,
    )


@policy(AUTHENTICATED)
@require_POST
def file_set_location(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Where the hard copy is kept (lemari, rak, boks)."""
    stored = _file_for(request, slug, pk)
    form = LocationForm(request.POST)
    if form.is_valid():
        services.stored_file_set_location(actor=_actor(request), stored=stored, **form.cleaned_data)
        messages.success(request, _("Lokasi arsip fisik disimpan."))
    else:
        messages.error(request, _("Periksa isian lokasi arsip fisik (paling banyak 60 karakter)."))
    return redirect("documents:file", slug=slug, pk=pk)


@policy(AUTHENTICATED)
def kind_list(request: HttpRequest, slug: str) -> HttpResponse:
    return _kind_page(request, _body(request, slug))


@policy(AUTHENTICATED)
@require_POST
def pattern_set(request: HttpRequest, slug: str) -> HttpResponse:
    """PPID/admin set a kind's numbering pattern (validated and audited by the service)."""
    body = _body(request, slug)
    core_policies.require(policies.can_manage_templates(request.user, body))
    form = PatternForm(request.POST, kinds=kinds.choices())
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.pattern_set(
                actor=_actor(request),
                body=body,
                kind=d["kind"],
                pattern=d["pattern"].strip(),
                klasifikasi=d["klasifikasi"].strip(),
                register_pattern=d["register_pattern"].strip(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Pola nomor %(kind)s disimpan.") % {"kind": kinds.get(d["kind"]).title},
            )
            return redirect("documents:kinds", slug=body.slug)
    return _kind_page(request, body, form, status=400)


def _sop_target(request: HttpRequest, body: Any) -> hooks.Target | None:
    """Read ?proses=&langkah=&label= (or the same POST fields): what the letter is written for, resolved by
    the app that owns it (the SOP engine); 404 unless the user may see that process."""
    data = request.POST if request.method == "POST" else request.GET
    params = {k: str(data.get(k, "")) for k in ("proses", "langkah", "label")}
    return hooks.resolve_target(request.user, body, params)  # type: ignore[arg-type]


@policy(AUTHENTICATED)
def generate(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """Draft a document and plan its chain; the officials paraf and sign it on the document page."""
    body = _body(request, slug)  # members only (can_use_documents); the service checks again
    if kind not in kinds.REGISTRY:
        raise Http404
    spec = kinds.get(kind)
    if request.method == "GET" and "pratinjau" in request.GET:
        # The number preview as the officer picks a unit (htmx): the unit's own numbering pattern.
        raw = request.GET.get("unit", "")
        chosen = body.units.filter(pk=int(raw)).first() if raw.isdigit() else None
        return HttpResponse(escape(numbering.preview(body=body, kind=kind, day=today_in(body), unit=chosen)))
    target = _sop_target(request, body)
    form = GenerateForm(request.POST or None, body=body, kind=spec)
    form.fields["unit"].widget.attrs.update(
        {
            "hx-get": request.path + "?pratinjau=1",
            "hx-trigger": "change",
            "hx-target": "#number-preview",
            "hx-include": "this",
        }
    )
    if target is not None and not form.is_bound:
        form.propose(target.signers, target.unit)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            stored = services.generate_document(
                actor=_actor(request),
                body=body,
                kind=kind,
                context=form.kind_context(),
                signers=form.chain(),
                unit=d["unit"],
                classification=d["classification"],
                case=target.case if target else None,
                step_no=target.step_no if target else None,
                label=(target.label or spec.title) if target else "",
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Konsep naskah dibuat dan menunggu paraf/tanda tangan."))
            assert stored.document is not None
            return redirect("documents:document", slug=body.slug, pk=stored.document.pk)
    unit = form.cleaned_data.get("unit") if form.is_bound and form.is_valid() else None
    if not form.is_bound and target is not None:
        unit = target.unit  # the number preview follows the unit the purpose proposes
    return render(
        request,
        "documents/generate.html",
        {
            "body": body,
            "kind": spec,
            "form": form,
            "preview": numbering.preview(body=body, kind=kind, day=today_in(body), unit=unit),
            "target": target,
            "pdf_hint": None if rendering.pdf_available() else rendering.PDF_HINT,
        },
    )


@policy(AUTHENTICATED)
def document_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A document with its sign-off chain; the official whose turn it is gets the buttons."""
    document = selectors.document_for_user(request.user, slug, pk)
    rows = signoff.chain_state(document, request.user)
    mine = next((r for r in rows if r["mine"]), None)
    history = document.signoffs.filter(round__lt=document.round).order_by("round", "signed_at")
    docx = document.docx()
    return render(
        request,
        "documents/document_detail.html",
        {
            "body": document.body,
            "d": document,
            "kind": kinds.REGISTRY.get(document.kind),
            "rows": rows,
            "mine": mine,
            "history": history,
            "files": document.files.all().order_by("content_type", "version"),
            "docx": docx,
            "can_revise": policies.can_revise(request.user, document),
            "return_form": ReturnForm(),
            "pdf_hint": None if rendering.pdf_available() else rendering.PDF_HINT,
            "can_retry_pdf": bool(document.render_error) and rendering.pdf_available(),
        },
    )


def _chain_action(request: HttpRequest, slug: str, pk: int, action: str) -> HttpResponse:
    document = selectors.document_for_user(request.user, slug, pk)
    actor = _actor(request)
    try:
        if action == "paraf":
            services.document_paraf(actor=actor, document=document, note=request.POST.get("note", ""))
            messages.success(request, _("Paraf Anda tercatat."))
        elif action == "sign":
            if request.POST.get("setuju") != "1":
                raise ValidationError(
                    _(
                        "Centang pernyataan bahwa Anda telah membaca naskah ini sebelum menandatanganinya; "
                        "tanda tangan tidak dapat dibatalkan."
                    )
                )
            services.document_sign(actor=actor, document=document)
            document.refresh_from_db()
            messages.success(request, _("Naskah ditandatangani dengan nomor %(n)s.") % {"n": document.number})
        else:
            form = ReturnForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Tuliskan alasan pengembalian."))
            services.document_return(actor=actor, document=document, note=form.cleaned_data["note"])
            messages.success(request, _("Naskah dikembalikan kepada konseptor untuk diperbaiki."))
    except (ValidationError, signoff.NotYourTurn) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, text)
        return redirect("documents:document", slug=slug, pk=pk)
    return redirect("documents:document", slug=slug, pk=pk)


@policy(AUTHENTICATED)
@require_POST
def document_paraf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _chain_action(request, slug, pk, "paraf")


@policy(AUTHENTICATED)
@require_POST
def document_sign(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _chain_action(request, slug, pk, "sign")


@policy(AUTHENTICATED)
@require_POST
def document_return(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _chain_action(request, slug, pk, "return")


@policy(AUTHENTICATED)
@require_POST
def document_pdf_retry(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """ "Coba lagi" on a document whose PDF failed: queue the conversion again (audited)."""
    document = selectors.document_for_user(request.user, slug, pk)
    try:
        services.document_pdf_retry(actor=_actor(request), document=document)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, _("PDF sedang dibuat ulang di latar belakang."))
    return redirect("documents:document", slug=slug, pk=pk)


@policy(AUTHENTICATED)
def document_revise(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The drafter corrects a returned draft; the chain starts again."""
    document = selectors.document_for_user(request.user, slug, pk)
    spec = kinds.get(document.kind)
    form = ContentForm(request.POST or None, kind=spec, values=document.context, body=document.body)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_revise(actor=_actor(request), document=document, context=form.kind_context())
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("Konsep diperbaiki; paraf dimulai lagi dari langkah pertama."))
            return redirect("documents:document", slug=slug, pk=pk)
    return render(
        request,
        "documents/revise.html",
        {"body": document.body, "d": document, "kind": spec, "form": form},
    )


@policy(AUTHENTICATED)
def awaiting(request: HttpRequest, slug: str) -> HttpResponse:
    """Menunggu paraf/tanda tangan saya: drafts whose current step is mine, and drafts returned to me."""
    body = _body(request, slug)
    rows = [
        {"d": d, "step": step, "title": signoff.step_title(step, body)}
        for d, step in selectors.awaiting_for_user(request.user, body)
    ]
    return render(
        request,
        "documents/awaiting.html",
        {"body": body, "rows": rows, "returned": selectors.returned_to_user(request.user, body)},
    )


@policy(AUTHENTICATED)
def template_upload(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    body = _body(request, slug)
    core_policies.require(policies.can_manage_templates(request.user, body))
    if kind not in kinds.REGISTRY:
        raise Http404
    spec = kinds.get(kind)
    form = TemplateForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.template_upload(
                actor=_actor(request),
                body=body,
                kind=kind,
                file=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Templat diterima dan dipakai untuk jenis ini."))
            return redirect("documents:kinds", slug=body.slug)
    return render(
        request,
        "documents/template_upload.html",
        {
            "body": body,
            "kind": spec,
            "form": form,
            "errors": errors,
            "fields": sorted(spec.sample),
        },
        status=400 if errors else 200,
    )


@policy(AUTHENTICATED)
@require_POST
def template_reset(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """Back to the built-in template (the body's uploaded ones stay on record, inactive)."""
    body = _body(request, slug)
    core_policies.require(policies.can_manage_templates(request.user, body))
    if kind not in kinds.REGISTRY:
        raise Http404
    services.template_reset(actor=_actor(request), body=body, kind=kind)
    messages.success(request, _("%(kind)s kembali memakai templat bawaan.") % {"kind": kinds.get(kind).title})
    return redirect("documents:kinds", slug=body.slug)


@policy(AUTHENTICATED)
def template_default(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """Download the built-in template of a kind, to start a body's own from it."""
    _body(request, slug)
    if kind not in kinds.REGISTRY:
        raise Http404
    return FileResponse(  # type: ignore[return-value]
        open(kinds.get(kind).template_path, "rb"),
        as_attachment=True,
        filename=f"templat-{kind}.docx",
    )


@policy(PUBLIC)
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """Public check of a printed letter: number, date, signers, and the SHA-256 of the final files."""
    document = selectors.document_by_token(token)
    if document is None:
        raise Http404
    files = document.final_files()
    ctx: dict[str, Any] = {
        "d": document,
        "body": document.body,
        "kind": kinds.REGISTRY.get(document.kind),
        "signoffs": document.current_signoffs().order_by("signed_at", "pk"),
        "files": files,
    }
    return render(request, "documents/verify.html", ctx)


def _token_from(typed: str) -> str:
    """The code as a citizen types it: spaces dropped; a pasted verification link gives its last segment."""
    typed = "".join(typed.split())
    if "/" in typed:
        typed = [part for part in typed.split("/") if part][-1] if typed.strip("/") else ""
    return typed[:60]


@policy(PUBLIC)
def verify_lookup(request: HttpRequest) -> HttpResponse:
    """/verifikasi/: a citizen types the code printed under a paper letter's QR code (issue 9 item 3)."""
    typed = request.GET.get("kode", "")
    error = ""
    if typed.strip():
        token = _token_from(typed)
        if token and selectors.document_by_token(token) is not None:
            return redirect("portal:verifikasi:verify", token=token)
        error = _(
            "Kode verifikasi tidak ditemukan. Periksa kembali kode yang tercetak di bawah kode QR naskah "
            "(huruf besar dan kecil dibedakan); naskah yang belum ditandatangani tidak dapat diverifikasi."
        )
    return render(
        request,
        "documents/verify_lookup.html",
        {"typed": typed, "error": error},
        status=404 if error else 200,
    )
