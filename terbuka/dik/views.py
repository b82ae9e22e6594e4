"""DIK pages: the register, a round, a unit's proposal (rows or XLSX), a test session, reports; and the public
list. Every view declares its policy; internal pages are scoped to the user's body (404 otherwise)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from terbuka.core.models import User
from terbuka.core.people import today_in
from terbuka.core.policies import AUTHENTICATED, PUBLIC, get_body_for_user, get_public_body, is_member, policy

from . import reports, selectors, services, sheets
from .forms import DecisionForm, EntryRowFormSet, EventForm, NothingForm, UploadForm
from .grounds import GROUNDS
from .models import ConsequenceTest, Decision, Entry, ProposalRound, Status, TestItem, UnitProposal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# -- the register ------------------------------------------------------------------------------------------


@policy(AUTHENTICATED)
def register(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_body_for_user(request.user, slug)
    status = request.GET.get("status", "")
    entries = selectors.register(body, [status] if status in Status.values else None)
    return render(
        request,
        "dik/register.html",
        {
            "body": body,
            "entries": entries,
            "statuses": Status.choices,
            "status": status,
            "rounds": ProposalRound.objects.filter(body=body)[:10],
            "tests": ConsequenceTest.objects.filter(body=body)[:10],
            "office": services.is_office(request.user, body),
        },
    )


@policy(AUTHENTICATED)
def entry_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, slug)
    entry = get_object_or_404(Entry.objects.select_related("unit", "decree", "item"), body=body, pk=pk)
    form = EventForm(request.POST if request.POST.get("aksi", "peristiwa") == "peristiwa" else None)
    if request.method == "POST" and request.POST.get("aksi") == "reklasifikasi":
        try:
            new = services.entry_reclassify(
                actor=_user(request), entry=entry, note=request.POST.get("alasan", "")
            )
            messages.success(request, _("Reklasifikasi dimulai: informasi ini akan diuji ulang."))
            return redirect("dik:entry", slug, new.pk)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "; ".join(_errors(exc)) if isinstance(exc, ValidationError) else str(exc))
            return redirect("dik:entry", slug, pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_record_event(
                actor=_user(request), entry=entry, on=form.cleaned_data["on"], note=form.cleaned_data["note"]
            )
            messages.success(request, _("Peristiwa dicatat."))
            return redirect("dik:entry", slug, pk)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "; ".join(_errors(exc)) if isinstance(exc, ValidationError) else str(exc))
    return render(
        request,
        "dik/entry.html",
        {
            "body": body,
            "entry": entry,
            "events": entry.events.select_related("actor").order_by("pk"),
            "form": form,
            "tests": entry.test_items.select_related("test"),
            "declassifications": entry.declassifications.all(),
            "office": services.is_office(request.user, body),
        },
    )


# -- rounds and proposals ------------------------------------------------------------------------------------


@policy(AUTHENTICATED)
def round_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, slug)
    rnd = get_object_or_404(ProposalRound, body=body, pk=pk)
    if request.method == "POST":
        try:
            deadline = dt.date.fromisoformat(request.POST.get("deadline", ""))
            services.round_set_deadline(actor=_user(request), rnd=rnd, deadline=deadline)
            messages.success(request, _("Batas usulan diubah."))
        except ValueError:
            messages.error(request, _("Tanggal tidak sah."))
        except PermissionDenied as exc:
            messages.error(request, str(exc) or _("Anda tidak berwenang."))
        return redirect("dik:round", slug, pk)
    proposals = rnd.proposals.select_related("unit", "submitted_by")
    mine = [p for p in proposals if services.can_propose(request.user, body, p.unit)]
    return render(
        request,
        "dik/round.html",
        {
            "body": body,
            "round": rnd,
            "proposals": proposals,
            "mine": mine,
            "entries": services.round_entries(rnd),
            "office": services.is_office(request.user, body),
        },
    )


def _unit_task(proposal: UnitProposal) -> Any:
    from terbuka.sop.models import Task

    case_id = proposal.round.case_id
    if case_id is None:
        return None
    return (
        Task.objects.filter(
            case_id=case_id, unit_id=proposal.unit_id, status__in=[Task.Status.OPEN, Task.Status.EXPIRED]
        )
        .order_by("-pk")
        .first()
    )


def _send(request: HttpRequest, proposal: UnitProposal) -> None:
    """Complete the unit's fan-out task (on time, or as a late answer) once the proposal is saved."""
    from terbuka.sop.services import task_complete

    task = _unit_task(proposal)
    if task is None:
        return
    try:
        task_complete(actor=_user(request), task=task)
        messages.success(request, _("Usulan unit dikirim ke PPID."))
    except (ValidationError, PermissionDenied) as exc:
        messages.warning(
            request,
            _("Usulan tersimpan, tetapi tugas SOP belum selesai: %(e)s")
            % {"e": "; ".join(getattr(exc, "messages", [str(exc)]))},
        )


@policy(AUTHENTICATED)
def proposal_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, slug)
    proposal = get_object_or_404(
        UnitProposal.objects.select_related("round", "unit"), round__body=body, pk=pk
    )
    may = services.can_propose(request.user, body, proposal.unit)
    errors: list[str] = []
    existing = list(proposal.entries.exclude(status=Status.DITARIK).order_by("pk"))
    initial = [
        {
            "title": e.title,
            "description": e.description,
            "ground_letter": e.ground_letter,
            "ground_point": e.ground_point,
            "statute": e.statute,
            "legal_basis": e.legal_basis,
            "consequence": e.consequence,
            "consideration": e.consideration,
            "period_kind": e.period_kind,
            "until": e.period_until,
            "years": e.period_years,
            "start": e.period_start,
            "event": e.period_event,
            "review_on": e.period_review_on,
            "period_statute": e.period_statute,
        }
        for e in existing
    ]
    formset = EntryRowFormSet(request.POST or None, initial=initial or None, prefix="baris")
    upload = UploadForm()
    nothing = NothingForm()
    if request.method == "POST":
        if not may:
            raise PermissionDenied
        what = request.POST.get("aksi", "baris")
        try:
            if what == "nihil":
                nothing = NothingForm(request.POST)
                if nothing.is_valid():
                    services.proposal_nothing(
                        actor=_user(request), proposal=proposal, note=nothing.cleaned_data["note"]
                    )
                    _send(request, proposal)
                    return redirect("dik:proposal", slug, pk)
            elif what == "xlsx":
                upload = UploadForm(request.POST, request.FILES)
                if upload.is_valid():
                    f = upload.cleaned_data["file"]
                    if f.size > body.max_upload_mb * 1024 * 1024:
                        raise ValidationError(_("Berkas melebihi %(n)s MB.") % {"n": body.max_upload_mb})
                    rows = sheets.read_rows(f.read())
                    services.proposal_submit(actor=_user(request), proposal=proposal, rows=rows)
                    messages.success(request, _("%(n)s baris dari templat disimpan.") % {"n": len(rows)})
                    _send(request, proposal)
                    return redirect("dik:proposal", slug, pk)
            elif formset.is_valid():
                rows = [f.row() for f in formset.forms if f.cleaned_data and not f.is_blank()]
                services.proposal_submit(actor=_user(request), proposal=proposal, rows=rows)
                messages.success(request, _("%(n)s baris usulan disimpan.") % {"n": len(rows)})
                _send(request, proposal)
                return redirect("dik:proposal", slug, pk)
        except ValidationError as exc:
            errors = _errors(exc)
    return render(
        request,
        "dik/proposal.html",
        {
            "body": body,
            "proposal": proposal,
            "round": proposal.round,
            "formset": formset,
            "upload": upload,
            "nothing": nothing,
            "may": may,
            "errors": errors,
            "entries": existing,
            "grounds": GROUNDS.values(),
        },
    )


@policy(AUTHENTICATED)
def template_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    get_body_for_user(request.user, slug)
    response = HttpResponse(sheets.template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-usulan-dik.xlsx"'
    return response


# -- a test session ------------------------------------------------------------------------------------------


@policy(AUTHENTICATED)
def test_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, slug)
    test = get_object_or_404(ConsequenceTest, body=body, pk=pk)
    user = _user(request)
    may = services.can_test(user, body)
    errors: list[str] = []
    forms: dict[int, DecisionForm] = {}
    if request.method == "POST":
        if not may:
            raise PermissionDenied
        what = request.POST.get("aksi", "")
        try:
            if what == "hadir":
                present = {m.pk: f"hadir-{m.pk}" in request.POST for m in test.members.all()}
                services.test_attendance(actor=user, test=test, present=present)
                messages.success(request, _("Kehadiran dicatat."))
                return redirect("dik:test", slug, pk)
            if what == "putus":
                item = get_object_or_404(TestItem, test=test, pk=request.POST.get("item"))
                form = DecisionForm(request.POST, prefix=f"i{item.pk}")
                forms[item.pk] = form
                if form.is_valid():
                    d = form.cleaned_data
                    services.test_item_decide(
                        actor=user,
                        item=item,
                        decision=d["decision"],
                        basis_ok=d["basis_ok"],
                        harm=d["harm"],
                        public_interest=d["public_interest"],
                        period=form.period(item.entry.ground_letter),
                        basis_note=d["basis_note"],
                        exempt_parts=d["exempt_parts"],
                        open_parts=d["open_parts"],
                        warning_answer=d["warning_answer"],
                    )
                    messages.success(request, _("Keputusan dicatat: %(t)s.") % {"t": item.entry.title})
                    return redirect("dik:test", slug, pk)
            if what == "naskah":
                services.test_documents(actor=user, test=test)
                messages.success(request, _("Lembar uji, berita acara dan ketetapan disusun."))
                return redirect("dik:test", slug, pk)
            if what == "tutup":
                with transaction.atomic():
                    services.consequence_test_close(actor=user, test=test)
                    services.test_documents(actor=user, test=test)
                messages.success(request, _("Sesi ditutup; lembar uji, berita acara dan ketetapan disusun."))
                return redirect("dik:test", slug, pk)
        except ValidationError as exc:
            errors = _errors(exc)
        except PermissionDenied as exc:
            errors = [str(exc) or _("Anda tidak berwenang.")]
    items = list(test.items.select_related("entry", "entry__unit").order_by("pk"))
    for item in items:
        if item.pk not in forms:
            initial: dict[str, Any] = {
                "harm": item.harm,
                "public_interest": item.public_interest,
                "period_kind": item.entry.period_kind,
                "until": item.entry.period_until,
                "years": item.entry.period_years,
                "start": item.entry.period_start,
                "event": item.entry.period_event,
                "review_on": item.entry.period_review_on,
                "period_statute": item.entry.period_statute,
            }
            if item.decision:
                initial.update(decision=item.decision, basis_ok="1" if item.basis_ok else "0")
            forms[item.pk] = DecisionForm(prefix=f"i{item.pk}", initial=initial)
    return render(
        request,
        "dik/test.html",
        {
            "body": body,
            "test": test,
            "items": [(i, forms[i.pk]) for i in items],
            "members": test.members.all(),
            "may": may,
            "errors": errors,
            "open": test.state == ConsequenceTest.State.BERLANGSUNG,
            "documents": [d for d in (test.sheet, test.minutes, test.determination) if d is not None],
            "decisions": Decision,
        },
    )


# -- reports


@policy(AUTHENTICATED)
def report_register(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    body = get_body_for_user(request.user, slug)
    entries = list(selectors.register(body, [s for s in Status.values if s not in (Status.DITARIK,)]))
    title = _("Register Daftar Informasi yang Dikecualikan %(b)s") % {"b": body.name}
    if fmt == "xlsx":
        response = HttpResponse(sheets.register_xlsx(entries, title), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="dik-{body.slug}.xlsx"'
        return response
    response = HttpResponse(reports.register_pdf(body, entries, title), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="dik-{body.slug}.pdf"'
    return response


@policy(AUTHENTICATED)
def report_ending(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_body_for_user(request.user, slug)
    today = today_in(body)
    return render(
        request,
        "dik/report_ending.html",
        {"body": body, "entries": selectors.ending_within(body, today, 90), "today": today},
    )


@policy(AUTHENTICATED)
def report_tests(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_body_for_user(request.user, slug)
    today = today_in(body)
    errors = []
    try:
        start = dt.date.fromisoformat(request.GET.get("mulai") or f"{today.year}-01-01")
        end = dt.date.fromisoformat(request.GET.get("sampai") or f"{today.year}-12-31")
    except ValueError:
        errors.append(_("Tanggal tidak sah (TTTT-BB-HH)."))
        start, end = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    tests = list(selectors.tests_held(body, start, end))
    return render(
        request,
        "dik/report_tests.html",
        {"body": body, "tests": reports.test_outcomes(tests), "start": start, "end": end, "errors": errors},
    )


# -- the public list (UU 14/2008 Pasal 7; seed 000 step 10, seed 002 step 5) ------------------------------


@policy(PUBLIC)
def public_list(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_public_body(slug)
    return render(
        request,
        "dik/public_list.html",
        {
            "body": body,
            "entries": selectors.public_entries(body),
            "decree": selectors.current_decree(body),
            "member": is_member(request.user, body),
            "now": timezone.now(),
        },
    )


@policy(AUTHENTICATED)
@require_POST
def monitor_now(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_body_for_user(request.user, slug)
    if not services.is_office(request.user, body):
        raise PermissionDenied
    counts = services.monitor(body=body)
    messages.success(
        request,
        _("Pemantauan: %(d)s deklasifikasi dibuka, %(o)s dibuka otomatis.")
        % {"d": counts["deklasifikasi_dibuka"], "o": counts["dibuka_otomatis"]},
    )
    return redirect("dik:register", slug)
