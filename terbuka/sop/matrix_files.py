"""Matrix PDFs rendered once and served from storage (issue #7 item 5).

WeasyPrint takes 0.7–1.3 s of CPU per SOP matrix; rendering it on every anonymous request let 16 clients
slow every public page from 8 ms to 8.9 s. A SOP version is immutable (``SopVersion.sha256``), so its public
PDF is a pure function of (text hash, language, renderer version): it is rendered once, in the background
when the version is adopted (``schedule_version``, the ``render_sop_matrix`` task), stored under a
deterministic name in the default storage, and served with ``ETag``/``Cache-Control`` and 304 answers.

``MatrixFile`` is the claim that makes "once" hold across processes: before rendering, a request (or the
task) claims the row with one conditional UPDATE; only the claimant renders, others answer 503 with
``Retry-After`` instead of rendering too (``Busy``). Why 503 and not waiting: a waiting request would hold a
web worker thread for a second or more per client, which is exactly the exhaustion this prevents; a refresh
a few seconds later gets the stored file. A claim older than ``STALE_AFTER`` (the claimant died) may be taken
over. The per-case progress PDF is cached the same way under one row per (case, language), re-rendered only
when its digest (version, progress, title, language, renderer) changes.

Bump ``RENDERER`` when ``matrix.py`` or ``templates/sop/matrix_pdf.html`` change their output.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone, translation

if TYPE_CHECKING:
    from .models import Case, SopVersion

logger = logging.getLogger(__name__)

RENDERER = 1
STALE_AFTER = dt.timedelta(minutes=2)
RETRY_AFTER = 5  # seconds, for 503 answers while another request renders


class MatrixFile(models.Model):
    """One stored matrix PDF (or the claim to render it): a SOP version's, or a case's latest."""

    class Status(models.TextChoices):
        EMPTY = "empty"
        RENDERING = "rendering"
        READY = "ready"
        FAILED = "failed"

    key = models.CharField(max_length=200, unique=True)
    digest = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.EMPTY)
    file = models.CharField(max_length=300, blank=True)
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        app_label = "sop"
        verbose_name = "berkas PDF matriks"
        verbose_name_plural = "berkas PDF matriks"

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"


@dataclass(frozen=True)
class Ready:
    name: str  # in default storage
    etag: str


@dataclass(frozen=True)
class Busy:
    retry_after: int = RETRY_AFTER


def _digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def version_key(version: SopVersion, lang: str) -> tuple[str, str]:
    """(key, digest) of a version's public PDF: the text hash, the language and the renderer."""
    return f"sop/{version.sha256}/{lang}/r{RENDERER}", _digest(version.sha256, lang, RENDERER)


def version_etag(version: SopVersion, lang: str) -> str:
    return f'"{version.sha256}-{lang}-r{RENDERER}"'


def _stored(key: str, digest: str) -> MatrixFile | None:
    row = MatrixFile.objects.filter(key=key).first()
    if row and row.status == MatrixFile.Status.READY and row.digest == digest and row.file:
        return row
    return None


def obtain(key: str, digest: str, name: str, render: Callable[[], bytes]) -> Ready | Busy:
    """The stored file for (key, digest), rendering it here if this call wins the claim; else Busy."""
    etag = f'"{digest}"'
    row = _stored(key, digest)
    if row is not None and default_storage.exists(row.file):
        return Ready(row.file, etag)
    try:
        with transaction.atomic():
            MatrixFile.objects.get_or_create(key=key, defaults={"digest": digest})
    except IntegrityError:
        pass  # created by a concurrent request
    now = timezone.now()
    token = secrets.token_hex(16)
    claimable = Q(status__in=[MatrixFile.Status.EMPTY, MatrixFile.Status.READY]) | Q(
        claimed_at__lt=now - STALE_AFTER
    )
    won = MatrixFile.objects.filter(Q(key=key) & claimable).update(
        status=MatrixFile.Status.RENDERING, digest=digest, claim=token, claimed_at=now, error=""
    )
    if not won:
        return Busy()
    old = MatrixFile.objects.filter(key=key).values_list("file", flat=True).first() or ""
    try:
        data = render()
    except Exception as exc:
        MatrixFile.objects.filter(key=key, claim=token).update(
            status=MatrixFile.Status.FAILED, error=repr(exc)
        )
        raise
    if default_storage.exists(name):
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(data))
    MatrixFile.objects.filter(key=key, claim=token).update(
        status=MatrixFile.Status.READY, file=saved, rendered_at=timezone.now()
    )
    if old and old != saved and default_storage.exists(old):
        default_storage.delete(old)  # a case's previous progress
    return Ready(saved, etag)


def public_pdf(version: SopVersion, lang: str) -> Ready | Busy:
    """The public matrix PDF of a version in a language: stored once, rendered at most once."""
    from . import matrix

    key, digest = version_key(version, lang)

    def render() -> bytes:
        with translation.override(lang):
            return matrix.render_pdf(version.definition)

    outcome = obtain(key, digest, f"sop-matriks/{version.sha256}/{lang}-r{RENDERER}.pdf", render)
    return Ready(outcome.name, version_etag(version, lang)) if isinstance(outcome, Ready) else outcome


def case_pdf(case: Case, progress: dict[int, str], lang: str) -> Ready | Busy:
    """A case's matrix with its progress; rendered again only when the progress (or title) changes."""
    from . import matrix

    digest = _digest(case.sop_version.sha256, sorted(progress.items()), case.title, lang, RENDERER)

    def render() -> bytes:
        with translation.override(lang):
            return matrix.render_pdf(case.definition, progress, title=case.title)

    return obtain(f"case/{case.pk}/{lang}", digest, f"sop-matriks/proses/{case.pk}/{digest}.pdf", render)


def schedule_version(version: SopVersion) -> None:
    """After the adopting (or approving) transaction commits, render the version's PDFs in the background."""
    if not settings.TERBUKA_SOP_PDF_PRERENDER:
        return
    from .tasks import render_sop_matrix

    version_id = version.pk
    transaction.on_commit(lambda: render_sop_matrix.enqueue(version_id))


def prerender(version: SopVersion) -> list[str]:
    """Render a version's public PDF in every language (the background task). Returns what it stored."""
    done = []
    for lang, _name in settings.LANGUAGES:
        outcome = public_pdf(version, lang)
        if isinstance(outcome, Ready):
            done.append(outcome.name)
    return done


# -- HTTP ----------------------------------------------------------------------------------------------


def _etag_matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    return any(tag.strip().removeprefix("W/") == etag for tag in header.split(",")) or header.strip() == "*"


def _busy_response() -> HttpResponse:
    from django.template.loader import render_to_string

    response = HttpResponse(render_to_string("sop/matrix_busy.html", {"seconds": RETRY_AFTER}), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def serve(
    request: HttpRequest,
    outcome_for: Callable[[], Ready | Busy],
    etag: str | None,
    filename: str,
    *,
    public: bool,
) -> HttpResponse:
    """The stored PDF with caching headers: 304 when the client has it, 503 + Retry-After while rendering."""
    cache = "public, max-age=300" if public else "private, no-cache"
    response: HttpResponse
    if etag is not None and _etag_matches(request, etag):  # known without touching storage or rendering
        response = HttpResponseNotModified()
        response["ETag"] = etag
        response["Cache-Control"] = cache
        return response
    outcome = outcome_for()
    if isinstance(outcome, Busy):
        return _busy_response()
    if _etag_matches(request, outcome.etag):
        response = HttpResponseNotModified()
    else:
        with default_storage.open(outcome.name, "rb") as fh:  # a few hundred KB: read, no stream
            response = HttpResponse(fh.read(), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = outcome.etag
    response["Cache-Control"] = cache
    response["Vary"] = "Cookie"  # the language is chosen by cookie
    return response
