"""The SOP workspace (/kerja/sop/) and the public SOP pages (/badan/<slug>/sop/). Thin views over services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from terbuka.core.models import User
from terbuka.core.people import today_in
from terbuka.core.policies import (
    AUTHENTICATED,
    PUBLIC,
    get_body_for_user,
    get_public_body,
    is_member,
    policy,
    require,
    visible_bodies,
)
from terbuka.documents.archive import files_for_case

from . import lanes, matrix, matrix_files, selectors, services
from .forms import (
    CancelCaseForm,
    CommentForm,
    CompleteTaskForm,
    ReassignForm,
    ReturnTaskForm,
    StartCaseForm,
    UploadSopForm,
)
from .models import Case, Sop, Task
from .policies import (
    can_manage_sops,
    can_see_overdue,
    can_start_case,
    can_steer_case,
    get_case_for_user,
    get_task_for_user,
)
from .schema import SopDefinition


def matrix_html(defn: SopDefinition, progress: dict[int, str] | None = None) -> SafeString:
    """The Permenpan matrix of a definition, with progress drawn on it when given."""
    return mark_safe(matrix.render_html(defn, progress))


def _errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


# -- inbox, overdue -----------------------------------------------------------------------------------------


@policy(AUTHENTICATED)
def inbox(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    sop_id = request.GET.get("sop")
    sop_filter = int(sop_id) if sop_id and sop_id.isdigit() else None
    tasks = list(selectors.my_tasks(user, sop_id=sop_filter))
    all_mine = selectors.my_tasks(user)
    sops = Sop.objects.filter(pk__in=all_mine.values("case__sop_version__sop_id")).order_by("title")
    today_cache: dict[int, Any] = {}
    rows = []
    for t in tasks:
        today = today_cache.setdefault(t.case.body_id, today_in(t.case.body))
        rows.append({"task": t, "overdue": bool(t.due_date and t.due_date < today), "step": t.step})
    ctx = {"rows": rows, "sops": sops, "sop_filter": sop_filter}
    template = "sop/_inbox_rows.html" if request.headers.get("HX-Request") else "sop/inbox.html"
    return render(request, template, ctx)


@policy(AUTHENTICATED)
def overdue(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_body_for_user(request.user, slug, can_see_overdue)
    tasks = list(selectors.overdue_tasks(body))
    return render(request, "sop/overdue.html", {"body": body, "tasks": tasks, "today": today_in(body)})


# -- SOPs of a body (officers) -------------------------------------------------------------------------------


@policy(AUTHENTICATED)
def sop_list(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_body_for_user(request.user, slug)
    sops = [
        (s, selectors.sop_sla(s)) for s in Sop.objects.filter(body=body).select_related("current_version")
    ]
    return render(
        request,
        "sop/sop_list.html",
        {"body": body, "sops": sops, "can_upload": can_manage_sops(request.user, body)},
    )


@policy(AUTHENTICATED)
def sop_detail(request: HttpRequest, slug: str, sop_slug: str) -> HttpResponse:
    body = get_body_for_user(request.user, slug)
    sop = get_object_or_404(Sop.objects.select_related("current_version"), body=body, slug=sop_slug)
    version = sop.current_version
    cases = list(
        Case.objects.filter(sop_version__sop=sop).select_related("sop_version").order_by("-started_at")[:50]
    )
    return render(
        request,
        "sop/sop_detail.html",
        {
            "body": body,
            "sop": sop,
            "version": version,
            "sla": selectors.sop_sla(sop),
            "defn": version.definition if version else None,
            "matrix": matrix_html(version.definition) if version else "",
            "versions": sop.versions.select_related("uploaded_by"),
            "cases": [(c, selectors.case_sla(c)) for c in cases],
            "can_upload": can_manage_sops(request.user, body),
            "can_start": can_start_case(request.user, sop),
        },
    )


@policy(AUTHENTICATED)
def sop_upload(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_body_for_user(request.user, slug)
    require(can_manage_sops(request.user, body))
    problems: list[str] = []
    form = UploadSopForm(
        request.POST or None, request.FILES or None, initial={"slug": request.GET.get("slug", "")}
    )
    if request.method == "POST" and form.is_valid():
        filename, text = form.cleaned_data["file"]
        try:
            version = services.sop_adopt(
                actor=request.user,  # type: ignore[arg-type]
                body=body,
                slug=form.cleaned_data["slug"],
                source=text,
                filename=filename,
            )
        except ValidationError as exc:
            problems = _errors(exc)
        else:
            messages.success(request, _("SOP disimpan sebagai versi %(n)s.") % {"n": version.number})
            return redirect("sop:sop-detail", slug=body.slug, sop_slug=version.sop.slug)
    status = 400 if problems or form.errors else 200
    return render(
        request, "sop/sop_upload.html", {"body": body, "form": form, "problems": problems}, status=status
    )


@policy(AUTHENTICATED)
def case_start(request: HttpRequest, slug: str, sop_slug: str) -> HttpResponse:
    body = get_body_for_user(request.user, slug)
    sop = get_object_or_404(Sop.objects.select_related("current_version"), body=body, slug=sop_slug)
    if sop.current_version is None:
        raise Http404
    require(can_start_case(request.user, sop))
    form = StartCaseForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_start(
                actor=request.user,  # type: ignore[arg-type]
                sop=sop,
                title=form.cleaned_data["title"],
            )
        except (ValidationError, PermissionDenied) as exc:
            errors = _errors(exc) if isinstance(exc, ValidationError) else [str(exc) or _("Tidak diizinkan.")]
        else:
            messages.success(request, _("Proses dimulai."))
            return redirect("sop:case", pk=case.pk)
    defn = sop.current_version.definition
    return render(
        request,
        "sop/case_start.html",
        {
            "body": body,
            "sop": sop,
            "form": form,
            "errors": errors,
            "first": defn.first,
            "first_lane": defn.lane(defn.first.pelaksana),
        },
    )


# -- cases --------------------------------------------------------------------------------------------------


@policy(AUTHENTICATED)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    defn = case.definition
    tasks = list(
        case.tasks.select_related("unit", "completed_by", "assigned_to", "acting_for").order_by(
            "opened_at", "pk"
        )
    )
    today = today_in(case.body)
    for t in tasks:
        t.case = case
    return render(
        request,
        "sop/case_detail.html",
        {
            "case": case,
            "body": case.body,
            "defn": defn,
            "tasks": tasks,
            "today": today,
            "events": selectors.timeline(case),
            "sla": selectors.case_sla(case),
            "matrix": matrix_html(defn, selectors.progress_of(case, today)),
            "can_steer": can_steer_case(request.user, case) and case.status == Case.Status.OPEN,
            "open_fanouts": sorted(
                {
                    t.step_no
                    for t in tasks
                    if t.status == Task.Status.OPEN and t.unit_id and _is_fanout(defn, t)
                }
            ),
            "cancel_form": CancelCaseForm(),
            "files": _case_files(case),
        },
    )


def _is_fanout(defn: SopDefinition, task: Task) -> bool:
    return defn.step(task.step_no).jenis == "sebar"


@policy(AUTHENTICATED)
@require_POST
def fanout_close(request: HttpRequest, pk: int, step_no: int) -> HttpResponse:
    """Stop waiting for the units of a fan-out step: the silent ones are recorded, the case goes on."""
    case = get_case_for_user(request.user, pk)
    try:
        services.fanout_close(
            actor=request.user,  # type: ignore[arg-type]
            case=case,
            step_no=step_no,
            reason=request.POST.get("reason", "").strip()[:500],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(_errors(exc)))
    else:
        messages.success(request, _("Langkah sebar ditutup; unit yang belum menjawab dicatat."))
    return redirect("sop:case", pk=case.pk)


def _case_files(case: Case) -> list[Any]:
    return list(files_for_case(case))


@policy(AUTHENTICATED)
@require_POST
def case_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    form = CancelCaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for errs in form.errors.values() for m in errs))
        return redirect("sop:case", pk=case.pk)
    try:
        services.case_cancel(actor=request.user, case=case, reason=form.cleaned_data["reason"])  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(_errors(exc)))
    else:
        messages.success(request, _("Proses dibatalkan."))
    return redirect("sop:case", pk=case.pk)


# -- tasks --------------------------------------------------------------------------------------------------


def _task_context(
    request: HttpRequest, task: Task, form: CompleteTaskForm | None = None, **extra: Any
) -> dict:
    user: User = request.user  # type: ignore[assignment]
    case = task.case
    step = task.step
    grant = services.actor_grant(user, task) if task.is_open else None
    signoffs = list(task.signoffs.select_related("done_by").order_by("order"))
    pending = [s for s in signoffs if s.done_at is None]
    signing = not pending or len(pending) == 1
    produced = services.step_labels(task) if task.is_open else set()
    if form is None and grant is not None:
        form = CompleteTaskForm(
            task=task, step=step, present=services.case_labels(case), signing=signing, produced=produced
        )
    visited = sorted({t for t in case.tasks.values_list("step_no", flat=True) if t != task.step_no})
    defn = case.definition
    return {
        "task": task,
        "case": case,
        "body": case.body,
        "step": step,
        "defn": defn,
        "lane": defn.lane(task.lane) if any(lane.kode == task.lane for lane in defn.pelaksana) else None,
        "grant": grant,
        "form": form,
        "signoffs": signoffs,
        "signing": signing,
        "overdue": bool(task.is_open and task.due_date and task.due_date < today_in(case.body)),
        "due_explained": _explain_due(task),
        "documents_to_make": _documents_to_make(task, step, produced) if grant is not None else [],
        "comments": task.comments.select_related("author"),
        "comment_form": CommentForm(),
        "can_steer": task.is_open and (grant is not None or can_steer_case(user, case)),
        "return_form": ReturnTaskForm(choices=[(n, f"{n}. {defn.step(n).kegiatan[:80]}") for n in visited]),
        "reassign_form": ReassignForm(choices=_reassign_choices(task)),
        **extra,
    }


def _documents_to_make(task: Task, step: Any, produced: set[str]) -> list[dict[str, Any]]:
    """The step's outputs not yet produced, each with the document kinds that can write it."""
    from terbuka.documents import kinds

    out = []
    for name in services.document_names(step.output):
        if services.normalise_label(name) in produced:
            continue
        out.append({"name": name, "kinds": [kinds.get(slug) for slug in kinds.suggest(name)]})
    return out


def _explain_due(task: Task) -> Any:
    from terbuka.core.workdays import calendar_for

    days = task.step.duration.working_days()
    if task.received_on is None or days is None:
        return None
    return calendar_for(task.case.body).explain_add(task.received_on, days)


def _reassign_choices(task: Task) -> list[tuple[int, str]]:
    unit = task.unit if task.unit_id else None
    return [(u.pk, u.display_name()) for u in lanes.lane_holders(task.case.body, task.role, unit)]


@policy(AUTHENTICATED)
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task_for_user(request.user, pk)
    return render(request, "sop/task_detail.html", _task_context(request, task))


@policy(AUTHENTICATED)
@require_POST
def task_complete(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task_for_user(request.user, pk)
    pending = task.signoffs.filter(done_at__isnull=True).count()
    form = CompleteTaskForm(
        request.POST,
        request.FILES,
        task=task,
        step=task.step,
        present=services.case_labels(task.case),
        signing=pending <= 1,
        produced=services.step_labels(task),
    )
    errors: list[str] = []
    if form.is_valid():
        try:
            result = services.task_complete(
                actor=request.user,  # type: ignore[arg-type]
                task=task,
                decision=form.cleaned_data.get("decision"),
                note=form.cleaned_data["note"],
                files=form.attachments(),
            )
        except ValidationError as exc:
            errors = _errors(exc)
        except PermissionDenied as exc:
            errors = [str(exc) or _("Anda tidak berwenang mengerjakan tugas ini.")]
        else:
            if result.signoff is not None:
                messages.success(request, _("Paraf dicatat."))
            else:
                messages.success(request, _("Tugas selesai."))
            return redirect("sop:case", pk=task.case_id)
    task.refresh_from_db()
    ctx = _task_context(request, task, form=form, errors=errors)
    return render(request, "sop/task_detail.html", ctx, status=400 if errors or form.errors else 200)


@policy(AUTHENTICATED)
@require_POST
def task_return(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task_for_user(request.user, pk)
    raw_step = request.POST.get("to_step", "")
    if not (raw_step.isascii() and raw_step.isdigit()) or len(raw_step) > 6:
        raise BadRequest(_("Pilih langkah tujuan pengembalian dari daftar."))
    try:
        services.task_return(
            actor=request.user,  # type: ignore[arg-type]
            task=task,
            to_step=int(raw_step),
            note=request.POST.get("note", ""),
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(_errors(exc)) if isinstance(exc, ValidationError) else str(exc))
        return redirect("sop:task", pk=task.pk)
    messages.success(request, _("Tugas dikembalikan."))
    return redirect("sop:case", pk=task.case_id)


@policy(AUTHENTICATED)
@require_POST
def task_reassign(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task_for_user(request.user, pk)
    raw = request.POST.get("user", "")
    target = User.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    if target is None:
        messages.error(request, _("Pilih pengguna."))
        return redirect("sop:task", pk=task.pk)
    try:
        services.task_reassign(
            actor=request.user,  # type: ignore[arg-type]
            task=task,
            user=target,
            note=request.POST.get("note", ""),
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(_errors(exc)) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, _("Tugas dialihkan kepada %(name)s.") % {"name": target.display_name()})
    return redirect("sop:task", pk=task.pk)


@policy(AUTHENTICATED)
@require_POST
def task_comment(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task_for_user(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.task_comment(actor=request.user, task=task, text=form.cleaned_data["text"])  # type: ignore[arg-type]
    else:
        messages.error(request, _("Komentar tidak boleh kosong."))
    if request.headers.get("HX-Request"):
        return render(request, "sop/_comments.html", {"comments": task.comments.select_related("author")})
    return redirect("sop:task", pk=task.pk)


@policy(AUTHENTICATED)
def bodies_home(request: HttpRequest) -> HttpResponse:
    """/kerja/sop/: the bodies whose SOPs the user may see."""
    bodies = list(visible_bodies(request.user))
    if len(bodies) == 1:
        return redirect("sop:sop-list", slug=bodies[0].slug)
    return render(request, "sop/bodies.html", {"bodies": bodies})


# -- public pages (Perki 1/2021 Pasal 23: SOPs are announced) ------------------------------------------------


@policy(PUBLIC)
def public_list(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_public_body(slug)
    return render(
        request,
        "sop/public_list.html",
        {"body": body, "sops": selectors.current_sops(body), "member": is_member(request.user, body)},
    )


def _public_sop(slug: str, sop_slug: str) -> tuple[Any, Sop]:
    body = get_public_body(slug)
    sop = get_object_or_404(
        Sop.objects.select_related("current_version"),
        body=body,
        slug=sop_slug,
        is_active=True,
        current_version__isnull=False,
    )
    return body, sop


@policy(PUBLIC)
def public_detail(request: HttpRequest, slug: str, sop_slug: str) -> HttpResponse:
    body, sop = _public_sop(slug, sop_slug)
    assert sop.current_version is not None
    defn = sop.current_version.definition
    return render(
        request,
        "sop/public_detail.html",
        {"body": body, "sop": sop, "defn": defn, "version": sop.current_version, "matrix": matrix_html(defn)},
    )


@policy(PUBLIC)
def public_pdf(request: HttpRequest, slug: str, sop_slug: str) -> HttpResponse:
    body, sop = _public_sop(slug, sop_slug)
    version, lang = sop.current_version, get_language()
    assert version is not None
    return matrix_files.serve(
        request,
        lambda: matrix_files.public_pdf(version, lang),
        matrix_files.version_etag(version, lang),
        f"sop-{body.slug}-{sop.slug}.pdf",
        public=True,
    )


@policy(AUTHENTICATED)
def case_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    progress, lang = selectors.progress_of(case), get_language()
    outcome = lambda: matrix_files.case_pdf(case, progress, lang)  # noqa: E731
    return matrix_files.serve(request, outcome, None, f"proses-{case.pk}.pdf", public=False)
