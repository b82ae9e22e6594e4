"""Who may open archived files and work with documents (DOMAIN.md §3, UU 14/2008 Pasal 54).

Decision, documented in docs/documents.md:

* ``publik`` and ``internal`` files: any member of the body (holder or acting official of a position).
* ``dikecualikan`` files: only the body's PPID, Atasan PPID and Tim Uji Konsekuensi; the PPID Pembantu
  of the unit the file belongs to; and the person who archived it. Site administrators are NOT allowed by
  virtue of being administrators (they can still read the access log): exempted content is opened only
  by officials with a legal role in the exemption.
* Users of another body never learn the file exists (404). Every opening, allowed or refused, is logged.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q

from terbuka.core.models import PublicBody
from terbuka.core.people import grants_for
from terbuka.core.policies import has_any_role, is_member, is_site_admin
from terbuka.core.roles import Role, role_label

from .models import Classification, Document, StoredFile

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

    The one rule for exempted files, documents and the archive listing: the body's PPID, Atasan PPID and
    Tim Uji Konsekuensi; the PPID Pembantu of the unit; the person who archived or drafted it.
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


def exempt_filter(user: Any, body: PublicBody) -> Q:
    """``exempt_access`` as a filter on StoredFile rows (for listings)."""
    grants = grants_for(user, body)
    if any(g.role in EXEMPT_ROLES for g in grants):
        return Q()
    units = [g.unit_id for g in grants if g.role == Role.PPID_PEMBANTU and g.unit_id]
    return ~Q(classification=Classification.DIKECUALIKAN) | Q(created_by=user) | Q(unit_id__in=units)


def can_open_file(user: Any, stored: StoredFile) -> tuple[bool, str]:
    """(allowed, reason) for opening a file's content."""
    body = stored.body
    if not getattr(user, "is_authenticated", False):
        return False, "belum masuk"
    if stored.classification != Classification.DIKECUALIKAN:
        if is_member(user, body):
            return True, "anggota badan publik"
        return False, "bukan anggota badan publik"
    reason = exempt_access(user, body, unit_id=stored.unit_id, created_by_id=stored.created_by_id)
    if reason is not None:
        return True, reason
    if stored.document_id is not None and can_see_document(user, stored.document):  # type: ignore[arg-type]
        return True, "pejabat dalam rantai paraf/tanda tangan"
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
    """A document's page: members of the body; an exempted one only for those who may open exempted files
    of its unit, its drafter, and the officials of its sign-off chain."""
    body = document.body
    if not is_member(user, body):
        return False
    if document.classification != Classification.DIKECUALIKAN:
        return True
    if exempt_access(user, body, unit_id=document.unit_id, created_by_id=document.created_by_id):
        return True
    from .signoff import may_perform

    return any(may_perform(user, step, body) is not None for step in document.steps.all())


def check_revise(user: Any, document: Document) -> None:
    """Raise the reason the user may not revise the draft now (the rule of services.document_revise)."""
    if document.status == Document.Status.FINAL:
        raise ValidationError("Naskah yang sudah ditandatangani tidak dapat diubah; buat naskah baru.")
    if document.status == Document.Status.DRAFT and document.current_signoffs().exists():
        raise ValidationError(
            "Naskah sedang diparaf; minta pejabat yang sedang memaraf untuk mengembalikannya."
        )
    if document.created_by_id is not None and document.created_by_id != user.pk:
        raise PermissionDenied("Hanya konseptor naskah yang dapat memperbaikinya.")


def can_revise(user: Any, document: Document) -> bool:
    try:
        check_revise(user, document)
    except (ValidationError, PermissionDenied):
        return False
    return True
