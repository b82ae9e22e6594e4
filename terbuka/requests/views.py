"""Web views: the public form and status page, the officer's list, detail, actions and registers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from terbuka.core import policies as core_policies
from terbuka.core.models import PublicBody
from terbuka.core.policies import AUTHENTICATED, PUBLIC, policy
from terbuka.documents.models import StoredFile

from . import guard, policies, receipt, redaction, registers, selectors, services
from .forms import (
    DecideForm,
    DeliveredForm,
    DisputeForm,
    DisputeUpdateForm,
    ExtendForm,
    ObjectionAnswerForm,
    ObjectionForm,
    OfficerRequestForm,
    PublicRequestForm,
    RedactForm,
)
from .models import Dispute, InformationRequest, Objection


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "-"


def _form_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


# -- public --------------------------------------------------------------------------------------------------


@policy(PUBLIC)
def public_new(request: HttpRequest, slug: str) -> HttpResponse:
    body = core_policies.get_public_body(slug)
    status = 200
    if request.method == "POST":
        form = PublicRequestForm(request.POST, request.FILES)
        try:
            guard.admit(
                body=body,
                address=client_address(request),
                challenge=request.POST.get("pow_challenge", ""),
                nonce=request.POST.get("pow_nonce", ""),
                honeypot=request.POST.get("website", ""),
            )
        except guard.RateLimited as exc:
            form.is_valid()
            form.add_error(None, exc.messages)
            status = 429
        except ValidationError as exc:
            form.is_valid()
            form.add_error(None, exc.messages)
            status = 400
        else:
            if form.is_valid():
                try:
                    req, secret = services.request_submit(
                        body=body, data=form.cleaned_data, id_scan=form.cleaned_data.get("id_scan")
                    )
                    guard.count_submission(body=body, address=client_address(request))
                except ValidationError as exc:
                    _form_errors(form, exc)
                else:
                    messages.success(
                        request,
                        _(
                            "Permohonan Anda terdaftar dengan nomor %(n)s. Simpan alamat halaman ini: hanya "
                            "dengan tautan ini Anda dapat melihat status permohonan."
                        )
                        % {"n": req.number},
                    )
                    return redirect(status_url(req, secret))
            status = 400
        form = _with_new_challenge(form)
    else:
        form = PublicRequestForm(initial={"pow_challenge": guard.new_challenge()})
    return render(request, "requests/public_new.html", {"body": body, "form": form}, status=status)


def _with_new_challenge(form: PublicRequestForm) -> PublicRequestForm:
    data = form.data.copy() if hasattr(form.data, "copy") else dict(form.data)
    data["pow_challenge"] = guard.new_challenge()
    data["pow_nonce"] = ""
    data["website"] = ""
    form.data = data
    return form


def status_url(req: InformationRequest, secret: str) -> str:
    return reverse("requests_public:status", args=[req.number]) + "?" + urlencode({"kode": secret})


def _by_secret(number: str, secret: str) -> InformationRequest:
    """The request for a number and secret; a wrong number and a wrong secret give the same 404."""
    req = services.request_by_secret(number, secret)
    if req is None:
        raise Http404(_("Permohonan tidak ditemukan. Periksa nomor dan kode pada tautan Anda."))
    return req


@policy(PUBLIC)
def public_status(request: HttpRequest, number: str) -> HttpResponse:
    secret = request.GET.get("kode", "") or request.POST.get("kode", "")
    req = _by_secret(number, secret)
    objection_form = ObjectionForm()
    status = 200
    if request.method == "POST":
        objection_form = ObjectionForm(request.POST)
        if objection_form.is_valid():
            try:
                obj = services.objection_file(
                    actor=None,
                    request=req,
                    grounds=objection_form.cleaned_data["grounds"],
                    reasons=objection_form.cleaned_data["reasons"],
                )
            except ValidationError as exc:
                _form_errors(objection_form, exc)
            else:
                messages.success(
                    request, _("Keberatan Anda terdaftar dengan nomor %(n)s.") % {"n": obj.number}
                )
                return redirect(status_url(req, secret))
        status = 400
    return render(
        request,
        "requests/public_status.html",
        {**selectors.public_view(req), "secret": secret, "objection_form": objection_form},
        status=status,
    )


def _serve(stored: StoredFile, request: HttpRequest, *, reason: str) -> HttpResponse:
    from terbuka.documents.services import file_access_log

    file_access_log(
        user=request.user, stored_file=stored, allowed=True, reason=reason, ip=request.META.get("REMOTE_ADDR")
    )
    ext = stored.file.name.rsplit(".", 1)[-1]
    response: Any = FileResponse(
        default_storage.open(stored.file.name, "rb"),
        as_attachment=True,
        filename=f"{stored.label or 'berkas'}.{ext}".replace("/", "-"),
        content_type=stored.content_type,
    )
    return response  # type: ignore[no-any-return,unused-ignore]


@policy(PUBLIC)
def public_receipt(request: HttpRequest, number: str) -> HttpResponse:
    req = _by_secret(number, request.GET.get("kode", ""))
    stored = receipt.receipt_pdf(req)
    return _serve(stored, request, reason=_("tanda terima diunduh pemohon"))


@policy(PUBLIC)
def public_letter(request: HttpRequest, number: str, doc_id: int) -> HttpResponse:
    req = _by_secret(number, request.GET.get("kode", ""))
    allowed = {d.pk: d for d in selectors.letters_for_requester(req)}
    document = allowed.get(doc_id)
    if document is None:
        raise Http404
    stored = document.final_pdf or document.final_docx
    if stored is None:
        raise Http404(_("Berkas surat sedang disiapkan. Coba beberapa saat lagi."))
    return _serve(stored, request, reason=_("surat jawaban diunduh pemohon"))


@policy(PUBLIC)
def public_copy(request: HttpRequest, number: str, copy_id: int) -> HttpResponse:
    req = _by_secret(number, request.GET.get("kode", ""))
    if not req.answered_at:
        raise Http404
    copy = get_object_or_404(req.redactions, pk=copy_id)
    return _serve(copy.redacted, request, reason=_("salinan yang dihitamkan diunduh pemohon"))


# -- officers ------------------------------------------------------------------------------------------------


def _body(request: HttpRequest, slug: str) -> PublicBody:
    return core_policies.get_body_for_user(request.user, slug, policies.can_list)


def _request_for(request: HttpRequest, slug: str, pk: int) -> InformationRequest:
    body = _body(request, slug)
    req = get_object_or_404(InformationRequest.objects.select_related("body", "unit"), body=body, pk=pk)
    if not policies.can_view(request.user, req):
        raise Http404
    return req


@policy(AUTHENTICATED)
def officer_list(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    qs = selectors.requests_for(request.user, body)
    status = request.GET.get("status", "")
    if status in InformationRequest.Status.values:
        qs = qs.filter(status=status)
    if request.GET.get("terlambat"):
        qs = qs.filter(pk__in=selectors.overdue_ids(body))
    q = request.GET.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(name__icontains=q) | Q(information__icontains=q))
    rows = selectors.with_clocks(list(qs[:200]))
    return render(
        request,
        "requests/officer_list.html",
        {
            "body": body,
            "rows": rows,
            "statuses": InformationRequest.Status.choices,
            "status": status,
            "q": q,
            "overdue_only": bool(request.GET.get("terlambat")),
            "can_handle": policies.can_handle(request.user, body),
        },
    )


@policy(AUTHENTICATED)
def officer_new(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    if not policies.can_handle(request.user, body):
        raise Http404
    form = OfficerRequestForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            at = form.cleaned_data.get("received_at")
            try:
                req, secret = services.request_submit(
                    body=body,
                    data=form.cleaned_data,
                    channel=form.cleaned_data["channel"],
                    actor=request.user,  # type: ignore[arg-type]
                    id_scan=form.cleaned_data.get("id_scan"),
                    at=at,
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Permohonan %(n)s dicatat. Tautan status untuk pemohon: %(u)s")
                    % {"n": req.number, "u": request.build_absolute_uri(status_url(req, secret))},
                )
                return redirect("requests:detail", body.slug, req.pk)
        status = 400
    return render(request, "requests/officer_new.html", {"body": body, "form": form}, status=status)


@policy(AUTHENTICATED)
def officer_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    req = _request_for(request, slug, pk)
    return render(request, "requests/officer_detail.html", _detail_context(request, req))


def _detail_context(request: HttpRequest, req: InformationRequest, **forms: Any) -> dict[str, Any]:
    user = request.user
    return {
        **selectors.officer_view(req),
        "body": req.body,
        "can_handle": policies.can_handle(user, req.body),
        "can_unmask": policies.can_unmask(user, req.body),
        "can_answer": policies.can_answer_objection(user, req.body),
        "sop": services.request_sop(req.body) if req.case_id is None else None,
        "extend_form": forms.get("extend_form") or ExtendForm(),
        "decide_form": forms.get("decide_form")
        or DecideForm(initial={"outcome": req.outcome, "refusal_ground": req.refusal_ground, "fee": req.fee}),
        "delivered_form": forms.get("delivered_form") or DeliveredForm(),
        "redact_form": forms.get("redact_form") or RedactForm(),
        "objection_form": forms.get("objection_form") or ObjectionForm(),
        "answer_form": forms.get("answer_form") or ObjectionAnswerForm(),
        "dispute_form": forms.get("dispute_form") or DisputeForm(),
        "dispute_update_form": DisputeUpdateForm(),
        "unmasked": forms.get("unmasked"),
    }


ACTIONS = {
    "unmask", "process", "extend", "decide", "notice", "answered", "delivered", "archive", "redact",
    "objection", "objection_answer", "dispute", "dispute_update", "dispute_carry_out",
}  # fmt: skip


def _checked(forms: dict[str, Any], key: str, form: Any, message: str) -> Any:
    """The bound form, kept under ``key`` to be shown again with its errors; invalid -> one message."""
    forms[key] = form
    if not form.is_valid():
        raise ValidationError(message)
    return form


@require_POST
@policy(AUTHENTICATED)
def officer_action(request: HttpRequest, slug: str, pk: int, action: str) -> HttpResponse:
    req = _request_for(request, slug, pk)
    if action not in ACTIONS:
        raise Http404
    user = request.user
    forms: dict[str, Any] = {}
    form: Any
    try:
        if action == "unmask":
            value = services.request_unmask(actor=user, request=req, reason=request.POST.get("reason", ""))  # type: ignore[arg-type]
            forms["unmasked"] = value
            return render(request, "requests/officer_detail.html", _detail_context(request, req, **forms))
        if action == "process":
            services.request_start_process(actor=user, request=req)  # type: ignore[arg-type]
        elif action == "extend":
            form = _checked(forms, "extend_form", ExtendForm(request.POST), _("Periksa isian perpanjangan."))
            services.request_extend(
                actor=user,  # type: ignore[arg-type]
                request=req,
                days=form.cleaned_data["days"],
                reasons=form.cleaned_data["reasons"].splitlines(),
            )
        elif action == "decide":
            form = _checked(forms, "decide_form", DecideForm(request.POST), _("Periksa isian keputusan."))
            services.request_decide(actor=user, request=req, **form.cleaned_data)  # type: ignore[arg-type]
        elif action == "notice":
            services.request_draft_notice(actor=user, request=req)  # type: ignore[arg-type]
        elif action == "answered":
            services.request_answered(actor=user, request=req)  # type: ignore[arg-type]
        elif action == "delivered":
            form = _checked(
                forms, "delivered_form", DeliveredForm(request.POST), _("Periksa isian penyerahan.")
            )
            services.request_delivered(actor=user, request=req, **form.cleaned_data)  # type: ignore[arg-type]
        elif action == "archive":
            services.request_archive(actor=user, request=req)  # type: ignore[arg-type]
        elif action == "redact":
            form = _checked(
                forms, "redact_form", RedactForm(request.POST, request.FILES), _("Periksa isian penghitaman.")
            )
            redaction.redact(
                actor=user,  # type: ignore[arg-type]
                request=req,
                original=form.cleaned_data["original"],
                parts_text=form.cleaned_data["parts"],
            )
        elif action == "objection":
            form = _checked(
                forms, "objection_form", ObjectionForm(request.POST), _("Periksa isian keberatan.")
            )
            services.objection_file(actor=user, request=req, **form.cleaned_data)  # type: ignore[arg-type]
        elif action == "objection_answer":
            obj = get_object_or_404(Objection, request=req, pk=request.POST.get("objection") or 0)
            form = _checked(
                forms, "answer_form", ObjectionAnswerForm(request.POST), _("Periksa isian tanggapan.")
            )
            services.objection_answer(actor=user, objection=obj, **form.cleaned_data)  # type: ignore[arg-type]
        elif action == "dispute":
            obj = get_object_or_404(Objection, request=req, pk=request.POST.get("objection") or 0)
            form = _checked(forms, "dispute_form", DisputeForm(request.POST), _("Periksa isian sengketa."))
            services.dispute_record(actor=user, objection=obj, **form.cleaned_data)  # type: ignore[arg-type]
        elif action == "dispute_update":
            dispute = get_object_or_404(Dispute, request=req, pk=request.POST.get("dispute") or 0)
            form = DisputeUpdateForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Periksa isian sengketa."))
            services.dispute_update(actor=user, dispute=dispute, **form.cleaned_data)  # type: ignore[arg-type]
        elif action == "dispute_carry_out":
            dispute = get_object_or_404(Dispute, request=req, pk=request.POST.get("dispute") or 0)
            services.dispute_carry_out(actor=user, dispute=dispute)  # type: ignore[arg-type]
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Anda tidak berwenang melakukan ini."))
        return render(
            request, "requests/officer_detail.html", _detail_context(request, req, **forms), status=403
        )
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return render(
            request, "requests/officer_detail.html", _detail_context(request, req, **forms), status=400
        )
    messages.success(request, _("Tersimpan."))
    return redirect("requests:detail", req.body.slug, req.pk)


@policy(AUTHENTICATED)
def officer_register(request: HttpRequest, slug: str, which: str, fmt: str = "html") -> HttpResponse:
    body = _body(request, slug)
    if not policies.can_handle(request.user, body):
        raise Http404
    year_raw = request.GET.get("tahun", "")
    year = int(year_raw) if year_raw.isdigit() and 2000 <= int(year_raw) <= 2100 else None
    if which == "permohonan":
        req_qs = InformationRequest.objects.filter(body=body).order_by("year", "seq")
        if year:
            req_qs = req_qs.filter(year=year)
        title = _("Register Permohonan Informasi %(b)s") % {"b": body.name}
        columns, rows = registers.request_columns(), registers.request_rows(req_qs)
    elif which == "keberatan":
        obj_qs = Objection.objects.filter(body=body).order_by("year", "seq")
        if year:
            obj_qs = obj_qs.filter(year=year)
        title = _("Register Keberatan %(b)s") % {"b": body.name}
        columns, rows = registers.objection_columns(), registers.objection_rows(obj_qs)
    else:
        raise Http404
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        response = HttpResponse(
            registers.xlsx(title, columns, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="register-{which}-{body.slug}-{stamp}.xlsx"'
        return response
    if fmt == "pdf":
        response = HttpResponse(registers.pdf(body, title, columns, rows), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="register-{which}-{body.slug}-{stamp}.pdf"'
        return response
    return render(
        request,
        "requests/register.html",
        {"body": body, "title": title, "columns": columns, "rows": rows, "which": which, "year": year or ""},
    )


@policy(AUTHENTICATED)
def officer_receipt(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The receipt for a walk-in or post requester, printed by the desk."""
    req = _request_for(request, slug, pk)
    if not policies.can_handle(request.user, req.body):
        raise Http404
    return _serve(receipt.receipt_pdf(req), request, reason=_("tanda terima dicetak petugas"))


@policy(AUTHENTICATED)
def officer_id_scan(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    req = _request_for(request, slug, pk)
    try:
        data, ctype = services.request_id_scan(actor=request.user, request=req)  # type: ignore[arg-type]
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        raise Http404(exc.messages[0]) from None
    response = HttpResponse(data, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="identitas-{req.number}"'
    response["Cache-Control"] = "no-store"
    return response
