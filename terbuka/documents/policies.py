"""Who may open archived files and work with documents (DOMAIN.md §3, UU 14/2008 Pasal 54).

Decision, documented in docs/documents.md:

* ``publik`` and ``internal`` files: any member of the body (holder or acting official of a position).
* ``dikecualikan`` files: only the body's PPID, Atasan PPID and Tim Uji Konsekuensi; the PPID Pembantu
  of the unit the file belongs to; the person who archived it; for a document's files also its drafter and
  the officials of its sign-off chain. ``exempt_filter`` is that rule, once, for listings and openings.
  Site administrators are NOT allowed by virtue of being administrators (they can still read the access
  log): exempted content is opened only by officials with a legal role in the exemption.
* Users of another body never learn the file exists (404). Every opening, allowed or refused, is logged.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from terbuka.core.models import PublicBody
from terbuka.core.people import grants_for
from terbuka.core.policies import has_any_role, is_member, is_site_admin
from terbuka.core.roles import Role, role_label

from .models import Classification, Document, SignStep, StoredFile

EXEMPT_ROLES = (Role.PPID, Role.ATASAN_PPID, Role.TIM_UJI)


def can_use_documents(user: Any, body: PublicBody) -> bool:
    """See the archive list and generate letters: any member of the body."""
    return is_member(user, body)


def can_manage_templates(user: Any, body: PublicBody) -> bool:
    return has_any_role(user, body, Role.PPID, Role.ADMIN)


def exempt_access(
    user: Any, body: PublicBody, *, unit_id: int | None, created_by_id: int | None
) -> str | None:
    """Why ``user`` may open exempted material of a unit (archived/drafted by ``created_by_id``), or None.

    The explanation written to the access log; the decision itself is ``exempt_filter`` (through
    ``may_read_exempt``), so the listing and the opening can never disagree.
    """
    if created_by_id is not None and created_by_id == user.pk:
        return "pengarsip berkas"
    grants = grants_for(user, body)
    roles = sorted({role_label(g.role) for g in grants if g.role in EXEMPT_ROLES})
    if roles:
        return "peran " + ", ".join(roles)
    if unit_id and any(g.role == Role.PPID_PEMBANTU and g.unit_id == unit_id for g in grants):
        return "PPID Pembantu unit pemilik"
    return None


def _chain_steps(user: Any, body: PublicBody) -> QuerySet[SignStep]:
    """Sign-off steps ``user`` may perform today (``signoff.may_perform`` as a query): the step names the user
    or nobody, and the user holds its role (in its unit, when it has one), as holder or Plt./Plh."""
    held = Q(pk__in=[])
    for g in grants_for(user, body):
        held |= Q(role=g.role) & (Q(unit__isnull=True) | Q(unit_id=g.unit_id))
    return SignStep.objects.filter(held, Q(user__isnull=True) | Q(user_id=user.pk), document__body=body)


def exempt_filter(user: Any, body: PublicBody, *, document: str = "document__") -> Q:
    """THE rule for exempted material (UU 14/2008 Pasal 17, 54), as a filter on StoredFile rows (default) or
    Document rows (``document=""``). Non-exempted rows always pass (membership is checked by the caller).

    Exempted rows pass for: the body's PPID, Atasan PPID and Tim Uji Konsekuensi; the PPID Pembantu of the
    row's unit; whoever archived the file; and, for a generated document and its files, its drafter and the
    officials of its sign-off chain. The archive listing, the document pages, the file download and the
    Django admin all decide through this one function (``may_read_exempt``).
    """
    grants = grants_for(user, body)
    if any(g.role in EXEMPT_ROLES for g in grants):
        return Q()
    units = [g.unit_id for g in grants if g.role == Role.PPID_PEMBANTU and g.unit_id]
    chain = _chain_steps(user, body).values("document_id")
    allowed = Q(created_by_id=user.pk) | Q(unit_id__in=units) | Q(**{f"{document}pk__in": chain})
    if document:
        allowed |= Q(**{f"{document}created_by_id": user.pk})
    return ~Q(classification=Classification.DIKECUALIKAN) | allowed


def may_read_exempt(user: Any, obj: StoredFile | Document) -> bool:
    """``exempt_filter`` for one row: may ``user`` read this exempted file or document?"""
    if not getattr(user, "is_authenticated", False) or not user.pk:
        return False
    if isinstance(obj, StoredFile):
        return StoredFile.objects.filter(pk=obj.pk).filter(exempt_filter(user, obj.body)).exists()
    return Document.objects.filter(pk=obj.pk).filter(exempt_filter(user, obj.body, document="")).exists()


def exempt_reason(user: Any, obj: StoredFile | Document) -> str:
    """Why ``may_read_exempt`` let ``user`` read ``obj``, as written to the access log."""
    document = obj.document if isinstance(obj, StoredFile) else obj
    reason = exempt_access(user, obj.body, unit_id=obj.unit_id, created_by_id=obj.created_by_id)
    if reason is None and document is not None and document.created_by_id == user.pk:
        reason = "konseptor naskah"
    return reason or "pejabat dalam rantai paraf/tanda tangan"


def can_open_file(user: Any, stored: StoredFile) -> tuple[bool, str]:
    """(allowed, reason) for opening a file's content."""
    body = stored.body
    if not getattr(user, "is_authenticated", False):
        return False, "belum masuk"
    if stored.classification != Classification.DIKECUALIKAN:
        if is_member(user, body):
            return True, "anggota badan publik"
        return False, "bukan anggota badan publik"
    if is_member(user, body) and may_read_exempt(user, stored):
        return True, exempt_reason(user, stored)
    if is_site_admin(user):
        return False, "administrator situs tidak berwenang membuka informasi yang dikecualikan"
    if grants_for(user, body):
        return False, "peran tidak berwenang membuka informasi yang dikecualikan"
    return False, "bukan anggota badan publik"


def can_see_listing(user: Any, stored: StoredFile) -> bool:
    """Exempted files are listed (label, kind) only to those who may open them."""
    if stored.classification != Classification.DIKECUALIKAN:
        return is_member(user, stored.body)
    return can_open_file(user, stored)[0]


def can_see_document(user: Any, document: Document) -> bool:
    """A document's page: members of the body; an exempted one only as ``exempt_filter`` allows (the roles,
    the unit's PPID Pembantu, its drafter, the officials of its sign-off chain)."""
    if not is_member(user, document.body):
        return False
    if document.classification != Classification.DIKECUALIKAN:
        return True
    return may_read_exempt(user, document)


def check_revise(user: Any, document: Document) -> None:
    """Raise the reason the user may not revise the draft now (the rule of services.document_revise)."""
    if document.status == Document.Status.FINAL:
        raise ValidationError(_("Naskah yang sudah ditandatangani tidak dapat diubah; buat naskah baru."))
    if document.status == Document.Status.DRAFT and document.current_signoffs().exists():
        raise ValidationError(
            "Naskah sedang diparaf; minta pejabat yang sedang memaraf untuk mengembalikannya."
        )
    if document.created_by_id is not None and document.created_by_id != user.pk:
        raise PermissionDenied(_("Hanya konseptor naskah yang dapat memperbaikinya."))


def can_revise(user: Any, document: Document) -> bool:
    try:
        check_revise(user, document)
    except (ValidationError, PermissionDenied):
        return False
    return True
