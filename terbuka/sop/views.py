"""The SOP workspace (/kerja/sop/) and the public SOP pages (/badan/<slug>/sop/). Thin views over services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from terbuka.core import clocks
from terbuka.core.models import User
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

from . import actions, lanes, matrix, matrix_files, selectors, services
from .engine import ENGINE, document_names, normalise_label, role_name
from .forms import (
    CancelCaseForm,
    CommentForm,
    CompleteTaskForm,
    ReassignForm,
    ReturnTaskForm,
    StartCaseForm,
    UploadSopForm,
)
from .inputs import cleaned_input
from .models import Case, Sop, SopVersion, Task
from .policies import (
    can_approve_sops,
    can_manage_sops,
    can_see_overdue,
    can_start_case,
    can_steer_case,
    get_case_for_user,
    get_task_for_user,
)
from .schema import SopDefinition
from .steps import kind_of


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
    now = timezone.now()
    rows = [{"task": t, "overdue": t.is_overdue(now), "step": t.step} for t in tasks]
    ctx = {"rows": rows, "sops": sops, "sop_filter": sop_filter}
    template = "sop/_inbox_rows.html" if request.headers.get("HX-Request") else "sop/inbox.html"
    return render(request, template, ctx)


@policy(AUTHENTICATED)
def overdue(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_body_for_user(request.user, slug, can_see_overdue)
    tasks = list(selectors.overdue_tasks(body))
    return render(
        request,
        "sop/overdue.html",
        {"body": body, "tasks": tasks, "clocks": list(clocks.overdue(body).order_by("due_at")[:200])},
    )


@policy(AUTHENTICATED)
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """The Atasan PPID's (and the PPID's) view of the body: processes running, late, waiting for them, and
    the statutory clocks nearest to expiry."""
    body = get_body_for_user(request.user, slug, can_see_overdue)
    user: User = request.user  # type: ignore[assignment]
    now = timezone.now()
    running = Case.objects.filter(body=body, status=Case.Status.OPEN)
    late_tasks = list(selectors.overdue_tasks(body, now)[:50])
    late_cases = set(selectors.overdue_tasks(body, now).values_list("case_id", flat=True))
    waiting = list(selectors.my_tasks(user).filter(case__body=body)[:50])
    per_sop = (
        running.values("sop_version__sop__title", "sop_version__sop__slug")
        .annotate(n=Count("pk"))
        .order_by("sop_version__sop__title")
    )
    return render(
        request,
        "sop/dashboard.html",
        {
            "body": body,
            "running": running.count(),
            "late_count": len(late_cases),
            "per_sop": list(per_sop),
            "late_tasks": late_tasks,
            "waiting": waiting,
            "clocks": [(c, clocks.explain(c), clocks.is_late(c, now)) for c in clocks.nearest(body, 15)],
            "overdue_clocks": clocks.overdue(body, now).count(),
        },
    )


# -- SOPs of a body (officers) -------------------------------------------------------------------------------


@policy(AUTHENTICATED)
def sop_list(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_body_for_user(request.user, slug)
    rows = list(
        Sop.objects.filter(body=body).select_related("current_version").defer("current_version__source")
    )
    slas = selectors.sop_sla_many(rows)
    pending = set(
        SopVersion.objects.filter(sop__body=body, status=SopVersion.Status.DRAFT).values_list(
            "sop_id", flat=True
        )
    )
    sops = [(s, slas[s.pk], s.pk in pending) for s in rows]
    return render(
        request,
        "sop/sop_list.html",
        {
            "body": body,
            "sops": sops,
            "can_upload": can_manage_sops(request.user, body),
            "can_see_overdue": can_see_overdue(request.user, body),  # no link that would answer 404
        },
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
            "versions": sop.versions.select_related("uploaded_by", "decided_by").defer("source"),
            "drafts": list(sop.versions.filter(status=SopVersion.Status.DRAFT).order_by("-number")),
            "cases": [(c, selectors.case_sla(c)) for c in cases],
            "can_upload": can_manage_sops(request.user, body),
            "can_approve": can_approve_sops(request.user, body),
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
            version = services.sop_upload(
                actor=request.user,  # type: ignore[arg-type]
                body=body,
                slug=form.cleaned_data["slug"],
                source=text,
                filename=filename,
            )
        except ValidationError as exc:
            problems = _errors(exc)
        else:
            if version.status == SopVersion.Status.DRAFT:
                messages.success(
                    request,
                    _("SOP disimpan sebagai konsep versi %(n)s; berlaku setelah disetujui PPID.")
                    % {"n": version.number},
                )
            else:
                messages.info(request, _("Teks ini sama dengan versi %(n)s.") % {"n": version.number})
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
            "first_lane": defn.lane(kind_of(defn.first).first_lane(defn, defn.first)),
        },
    )


@policy(AUTHENTICATED)
@require_POST
def version_decide(request: HttpRequest, slug: str, sop_slug: str, number: int) -> HttpResponse:
    """The PPID approves or rejects a draft SOP version."""
    body = get_body_for_user(request.user, slug)
    sop = get_object_or_404(Sop, body=body, slug=sop_slug)
    version = get_object_or_404(SopVersion, sop=sop, number=number)
    require(can_approve_sops(request.user, body))
    try:
        actor: User = request.user  # type: ignore[assignment]
        note = request.POST.get("note", "")[:2000]
        if request.POST.get("keputusan") == "setujui":
            services.sop_approve(actor=actor, version=version, note=note)
            messages.success(request, _("Versi %(n)s disetujui dan berlaku.") % {"n": number})
        else:
            services.sop_reject(actor=actor, version=version, note=note)
            messages.success(request, _("Versi %(n)s ditolak.") % {"n": number})
    except ValidationError as exc:
        messages.error(request, " ".join(_errors(exc)))
    return redirect("sop:sop-detail", slug=body.slug, sop_slug=sop.slug)


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
    now = timezone.now()
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
            "now": now,
            "subject": case.subject,
            "clocks": [
                (c, clocks.explain(c), clocks.is_late(c)) for c in clocks.clocks_of(case, case.subject)
            ],
            "outputs": list(
                case.outputs.select_related("document", "stored_file", "unit").order_by("step_no", "pk")
            ),
            "events": selectors.timeline(case),
            "sla": selectors.case_sla(case),
            "matrix": matrix_html(defn, selectors.progress_of(case, now)),
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
    return kind_of(defn.step(task.step_no)).fans_out


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
    return list(files_for_case(case).select_related("created_by"))


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


def _ctx(task: Task, user: User | None) -> actions.ActionContext:
    return actions.ActionContext(ENGINE, task, actor=user)


def _task_context(
    request: HttpRequest,
    task: Task,
    form: CompleteTaskForm | None = None,
    action_form: Any = None,
    content_form: Any = None,
    **extra: Any,
) -> dict[str, Any]:
    """Everything the task page shows: what the step needs (kelengkapan, with links to what earlier steps
    made), what it must produce, the action's form or domain page, the deadlines with the hour, the
    statutory clocks, and who acts next."""
    user: User = request.user  # type: ignore[assignment]
    case = task.case
    defn = case.definition
    step = defn.step(task.step_no)
    kind = kind_of(step)
    action = actions.bind(step)
    actx = _ctx(task, user)
    grant = services.actor_grant(user, task) if task.is_open or task.status == Task.Status.EXPIRED else None
    workable = grant is not None and (task.is_open or (task.status == Task.Status.EXPIRED and kind.fans_out))
    _required, materials = ENGINE.inputs_of(defn, step)
    if not getattr(actions.bind(step), "takes_uploads", True):
        materials = []  # the product holds this step's data: no file slots
    recorded = list(task.outputs.select_related("document", "stored_file"))
    recorded_keys = {o.key for o in recorded}
    owns = action is not None and action.owns_outputs
    to_upload = (
        []
        if owns or task.phase
        else [
            o
            for o in ENGINE.outputs_to_make(task.case.definition, step)
            if normalise_label(o) not in recorded_keys
        ]
    )
    if form is None and workable and task.phase != Task.Phase.SIGNOFF:
        form = CompleteTaskForm(
            task=task,
            outputs=to_upload,
            materials=materials,
            ask_unit=_asks_unit(task, step),
        )
    if action_form is None and workable and action is not None:
        action_form = action.form(actx)
    document = task.document
    chain = signoff_state(document, user) if document is not None else []
    if content_form is None and workable and task.phase == Task.Phase.DRAFT and document is None:
        content_form = _content_form(task, request.GET.get("jenis"))
    visited = sorted({t for t in case.tasks.values_list("step_no", flat=True) if t != task.step_no})
    return {
        "task": task,
        "case": case,
        "body": case.body,
        "step": step,
        "kind": kind,
        "defn": defn,
        "lane": defn.lane(task.lane) if defn.has_lane(task.lane) else None,
        "role_name": role_name(case.body, task.role),
        "grant": grant,
        "workable": workable,
        "form": form,
        "action": action,
        "action_form": action_form,
        "action_state": action.state(actx) if action is not None else [],
        "action_url": action.work_url(actx) if action is not None else None,
        "inputs": ENGINE.earlier_outputs(task),
        "materials": materials,
        "recorded": recorded,
        "outputs": document_names(step.output),
        "document": document,
        "chain": chain,
        "content_form": content_form,
        "draft_kinds": _draft_kinds(step) if task.phase == Task.Phase.DRAFT else [],
        "candidates": _draft_candidates(task) if task.phase == Task.Phase.DRAFT and document is None else [],
        "overdue": task.is_overdue(),
        "due_explained": _explain_due(task),
        "clocks": [(c, clocks.explain(c), clocks.is_late(c)) for c in clocks.clocks_of(case, case.subject)],
        "next_steps": _next_steps(defn, step),
        "documents_to_make": _documents_to_make(task, step, recorded_keys)
        if workable and not task.phase
        else [],
        "comments": task.comments.select_related("author"),
        "comment_form": CommentForm(),
        "can_steer": task.is_open and (grant is not None or can_steer_case(user, case)),
        "return_form": ReturnTaskForm(choices=[(n, f"{n}. {defn.step(n).kegiatan[:80]}") for n in visited]),
        "reassign_form": ReassignForm(choices=_reassign_choices(task)),
        **extra,
    }


def signoff_state(document: Any, user: Any) -> list[dict[str, Any]]:
    from terbuka.documents.signoff import chain_state

    return chain_state(document, user)


def _asks_unit(task: Task, step: Any) -> bool:
    kind = kind_of(step)
    if task.phase or kind.fans_out or task.unit_id is not None:
        return False
    if kind.needs_decision(step):
        return any(ENGINE.needs_unit(task.case, step, d) is not None for d in (True, False))
    return ENGINE.needs_unit(task.case, step, None) is not None


def _next_steps(defn: SopDefinition, step: Any) -> list[dict[str, Any]]:
    out = []
    for target, label in defn.exits(step):
        if isinstance(target, int):
            nxt = defn.step(target)
            lane = kind_of(nxt).first_lane(defn, nxt)
            out.append({"label": label, "no": target, "kegiatan": nxt.kegiatan, "lane": defn.lane(lane).nama})
        else:
            out.append({"label": label, "no": None, "kegiatan": _("Proses selesai"), "lane": ""})
    return out


def _draft_kinds(step: Any) -> list[tuple[str, str]]:
    from terbuka.documents import kinds

    fixed = getattr(step.paraf, "naskah", None)
    if fixed:
        return [(fixed, kinds.get(fixed).title)]
    suggested = [s for name in step.output for s in kinds.suggest(name)]
    ordered = list(dict.fromkeys([*suggested, *kinds.REGISTRY]))
    return [(slug, kinds.get(slug).title) for slug in ordered]


def _draft_candidates(task: Task) -> list[Any]:
    """Drafts of this process not yet initialled, which the drafter may use instead of writing anew."""
    from terbuka.documents.models import Document

    return list(
        Document.objects.filter(case=task.case, status=Document.Status.DRAFT)
        .exclude(sop_tasks__phase=Task.Phase.SIGNOFF)
        .exclude(signoffs__isnull=False)
        .order_by("-created_at")[:20]
    )


def _content_form(task: Task, kind_slug: str | None, data: Any = None) -> Any:
    from terbuka.documents import kinds
    from terbuka.documents.forms import ContentForm

    step = task.step
    options = dict(_draft_kinds(step))
    slug = kind_slug if kind_slug in options else next(iter(options), None)
    if slug is None:
        return None
    action = actions.bind(step)
    spec = action.document(_ctx(task, None)) if action is not None else None
    values = {**kinds.get(slug).standard, **(spec.context if spec and spec.kind == slug else {})}
    form = ContentForm(data, kind=kinds.get(slug), values=values, body=task.case.body)
    form.kind_slug = slug  # type: ignore[attr-defined]
    return form


def _documents_to_make(task: Task, step: Any, recorded: set[str]) -> list[dict[str, Any]]:
    """The step's outputs not yet produced, each with the document kinds that can write it."""
    from terbuka.documents import kinds

    out = []
    for name in ENGINE.outputs_to_make(task.case.definition, step):
        if normalise_label(name) in recorded:
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
    step = task.step
    action = actions.bind(step)
    user: User = request.user  # type: ignore[assignment]
    recorded = set(task.outputs.values_list("key", flat=True))
    owns = action is not None and action.owns_outputs
    _required, materials = ENGINE.inputs_of(task.case.definition, step)
    if not getattr(actions.bind(step), "takes_uploads", True):
        materials = []  # the product holds this step's data: no file slots
    form = CompleteTaskForm(
        request.POST,
        request.FILES,
        task=task,
        outputs=[]
        if owns or task.phase
        else [
            o
            for o in ENGINE.outputs_to_make(task.case.definition, step)
            if normalise_label(o) not in recorded
        ],
        materials=materials,
        ask_unit=_asks_unit(task, step),
    )
    action_form = (
        action.form(_ctx(task, user), data=request.POST, files=request.FILES) if action is not None else None
    )
    errors: list[str] = []
    valid = form.is_valid()
    if action_form is not None and not action_form.is_valid():
        valid = False
    if valid:
        try:
            services.task_complete(
                actor=user,
                task=task,
                decision=form.cleaned_data.get("decision"),
                note=form.cleaned_data["note"],
                files=form.attachments(),
                data=cleaned_input(action_form) if action_form is not None else None,
                unit=form.cleaned_data.get("unit"),
            )
        except ValidationError as exc:
            errors = _errors(exc)
        except PermissionDenied as exc:
            errors = [str(exc) or _("Anda tidak berwenang mengerjakan tugas ini.")]
        else:
            messages.success(request, _("Tugas selesai."))
            return redirect("sop:case", pk=task.case_id)
    task.refresh_from_db()
    ctx = _task_context(request, task, form=form, action_form=action_form, errors=errors)
    return render(request, "sop/task_detail.html", ctx, status=400)


@policy(AUTHENTICATED)
@require_POST
def task_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """The drafter of a paraf step writes the letter (or takes a draft the process already has)."""
    task = get_task_for_user(request.user, pk)
    user: User = request.user  # type: ignore[assignment]
    errors: list[str] = []
    content_form = None
    try:
        existing = request.POST.get("naskah", "")
        if existing:
            from terbuka.documents.models import Document

            doc = Document.objects.filter(
                pk=int(existing) if existing.isdigit() else 0, case=task.case
            ).first()
            if doc is None:
                raise ValidationError(_("Konsep naskah tidak ditemukan pada proses ini."))
            services.task_draft_document(actor=user, task=task, document=doc)
        else:
            content_form = _content_form(task, request.POST.get("jenis"), data=request.POST)
            if content_form is None or not content_form.is_valid():
                raise ValidationError(_("Periksa isian naskah."))
            services.task_draft_document(
                actor=user,
                task=task,
                kind=content_form.kind_slug,
                context=content_form.kind_context(),
                classification=request.POST.get("klasifikasi", "internal"),
            )
    except ValidationError as exc:
        errors = _errors(exc)
    except PermissionDenied as exc:
        errors = [str(exc) or _("Anda tidak berwenang mengerjakan tugas ini.")]
    else:
        messages.success(
            request, _("Konsep naskah dibuat. Periksa, lalu kirim untuk diparaf dan ditandatangani.")
        )
        return redirect("sop:task", pk=task.pk)
    task.refresh_from_db()
    ctx = _task_context(request, task, content_form=content_form, errors=errors)
    return render(request, "sop/task_detail.html", ctx, status=400)


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
            note=request.POST.get("note", "")[:5000],
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
            note=request.POST.get("note", "")[:500],
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
        try:
            services.task_comment(actor=request.user, task=task, text=form.cleaned_data["text"])  # type: ignore[arg-type]
        except ValidationError as exc:
            messages.error(request, " ".join(_errors(exc)))
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
