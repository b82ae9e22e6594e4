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

from terbuka.core.models import PublicBody
from terbuka.core.people import grants_for
from terbuka.core.policies import has_any_role, is_member, is_site_admin
from terbuka.core.roles import Role

from .models import Classification, Document, StoredFile

EXEMPT_ROLES = (Role.PPID, Role.ATASAN_PPID, Role.TIM_UJI)


def can_use_documents(user: Any, body: PublicBody) -> bool:
    """See the archive list and generate letters: any member of the body."""
    return is_member(user, body)


def can_generate(user: Any, body: PublicBody) -> bool:
    return is_member(user, body)


def can_manage_templates(user: Any, body: PublicBody) -> bool:
    return has_any_role(user, body, Role.PPID, Role.ADMIN)


def can_open_file(user: Any, stored: StoredFile) -> tuple[bool, str]:
    """(allowed, reason) for opening a file's content."""
    body = stored.body
    if not getattr(user, "is_authenticated", False):
        return False, "belum masuk"
    if stored.classification != Classification.DIKECUALIKAN:
        if is_member(user, body):
            return True, "anggota badan publik"
        return False, "bukan anggota badan publik"
    if stored.created_by_id == user.pk:
        return True, "pengarsip berkas"
    grants = grants_for(user, body)
    if any(g.role in EXEMPT_ROLES for g in grants):
        return True, "peran " + ", ".join(sorted({g.role for g in grants if g.role in EXEMPT_ROLES}))
    if stored.unit_id and any(g.role == Role.PPID_PEMBANTU and g.unit_id == stored.unit_id for g in grants):
        return True, "PPID Pembantu unit pemilik"
    if is_site_admin(user):
        return False, "administrator situs tidak berwenang membuka informasi yang dikecualikan"
    if grants:
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
    if document.created_by_id == user.pk:
        return True
    grants = grants_for(user, body)
    if any(g.role in EXEMPT_ROLES for g in grants):
        return True
    if document.unit_id and any(
        g.role == Role.PPID_PEMBANTU and g.unit_id == document.unit_id for g in grants
    ):
        return True
    from .signoff import may_perform

    return any(may_perform(user, step, body) is not None for step in document.steps.all())
