"""Reads scoped by who asks (STYLE.md habit 3)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from terbuka.core.models import PublicBody
from terbuka.core.people import bodies_of
from terbuka.core.policies import is_member

from . import policies
from .models import Document, FileAccess, SignOff, SignStep, StoredFile
from .policies import can_see_document
from .signoff import may_perform


def archive_for_user(
    user: Any,
    body: PublicBody,
    *,
    kind: str = "",
    classification: str = "",
    case_id: int | None = None,
    all_versions: bool = False,
) -> QuerySet[StoredFile]:
    """The body's archive as this user may see it: exempted files only for those who may open them."""
    if not is_member(user, body):
        return StoredFile.objects.none()
    qs = StoredFile.objects.filter(body=body).select_related("created_by", "unit", "document")
    if not all_versions:
        qs = qs.current()
    qs = qs.filter(policies.exempt_filter(user, body))  # the same rule can_open_file decides by
    if kind:
        qs = qs.filter(kind=kind)
    if classification:
        qs = qs.filter(classification=classification)
    if case_id:
        qs = qs.filter(case_id=case_id)
    return qs.order_by("-created_at", "-pk")


def access_log(stored: StoredFile) -> QuerySet[FileAccess]:
    """Openings of every version of this file's chain."""
    ids = [f.pk for f in stored.versions()]
    return FileAccess.objects.filter(stored_file_id__in=ids).select_related("user", "stored_file")[:200]


def document_for_user(user: Any, slug: str, pk: int) -> Document:
    """A document of the body ``slug`` as this user may see it; 404 for everyone else (outsiders too)."""
    document = (
        Document.objects.filter(pk=pk, body__slug=slug).select_related("body", "unit", "created_by").first()
    )
    if document is None or not can_see_document(user, document):
        raise Http404
    return document


def document_by_id_for_user(user: Any, pk: int) -> Document:
    document = Document.objects.filter(pk=pk).select_related("body", "unit", "created_by").first()
    if document is None or not can_see_document(user, document):
        raise Http404
    return document


def awaiting_for_user(user: Any, body: PublicBody | None = None) -> list[tuple[Document, SignStep]]:
    """Drafts whose current step is this user's to perform (paraf or signature), oldest first.

    A fixed number of queries whatever the number of drafts: the drafts, their steps and their sign-offs
    come in three queries; whose turn it is is decided in memory with the user's grants (cached per user).
    """
    if not getattr(user, "is_authenticated", False):
        return []
    bodies = [body] if body is not None else bodies_of(user)
    if not bodies:
        return []
    drafts = (
        Document.objects.filter(body__in=bodies, status=Document.Status.DRAFT, steps__isnull=False)
        .distinct()
        .select_related("body", "created_by")
        .prefetch_related(
            Prefetch("steps", queryset=SignStep.objects.order_by("order"), to_attr="planned_steps"),
            Prefetch(
                "signoffs",
                queryset=SignOff.objects.filter(step__isnull=False).only(
                    "pk", "step_id", "round", "document_id"
                ),
                to_attr="step_signoffs",
            ),
        )
        .order_by("created_at", "pk")
    )
    out: list[tuple[Document, SignStep]] = []
    for document in drafts:
        done = {so.step_id for so in document.step_signoffs if so.round == document.round}
        step = next((s for s in document.planned_steps if s.pk not in done), None)
        if step is not None and may_perform(user, step, document.body) is not None:
            out.append((document, step))
    return out


def returned_to_user(user: Any, body: PublicBody | None = None) -> QuerySet[Document]:
    """Drafts returned to this user (their drafter) for revision, newest first (all their bodies when
    ``body`` is None)."""
    if not getattr(user, "is_authenticated", False):
        return Document.objects.none()
    qs = Document.objects.filter(status=Document.Status.RETURNED, created_by=user).select_related("body")
    if body is not None:
        qs = qs.filter(body=body)
    return qs.order_by("-created_at", "-pk")


def document_by_token(token: str) -> Document | None:
    return (
        Document.objects.filter(verify_token=token, status=Document.Status.FINAL)
        .select_related("body")
        .prefetch_related("signoffs")
        .first()
    )
