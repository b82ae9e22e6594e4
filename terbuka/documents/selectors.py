"""Reads scoped by who asks (STYLE.md habit 3)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from terbuka.core.models import PublicBody
from terbuka.core.people import bodies_of
from terbuka.core.policies import is_member

from . import policies
from .models import Document, FileAccess, SignStep, StoredFile
from .policies import can_see_document
from .signoff import current_step, may_perform


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
    """Drafts whose current step is this user's to perform (paraf or signature), oldest first."""
    if not getattr(user, "is_authenticated", False):
        return []
    bodies = [body] if body is not None else bodies_of(user)
    out: list[tuple[Document, SignStep]] = []
    drafts = (
        Document.objects.filter(body__in=bodies, status=Document.Status.DRAFT, steps__isnull=False)
        .distinct()
        .select_related("body", "created_by")
        .order_by("created_at", "pk")
    )
    for document in drafts:
        step = current_step(document)
        if step is not None and may_perform(user, step, document.body) is not None:
            out.append((document, step))
    return out


def returned_to_user(user: Any, body: PublicBody) -> QuerySet[Document]:
    """Drafts returned to this user (their drafter) for revision."""
    return Document.objects.filter(body=body, status=Document.Status.RETURNED, created_by=user)


def document_by_token(token: str) -> Document | None:
    return (
        Document.objects.filter(verify_token=token, status=Document.Status.FINAL)
        .select_related("body")
        .prefetch_related("signoffs")
        .first()
    )
