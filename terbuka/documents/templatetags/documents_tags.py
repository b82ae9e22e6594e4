from __future__ import annotations

from typing import Any

from django import template

from terbuka.documents import selectors

register = template.Library()


@register.simple_tag
def awaiting_count(user: Any, body: Any) -> int:
    """Drafts in the body waiting for the user's paraf or signature."""
    return len(selectors.awaiting_for_user(user, body))


@register.filter
def kind_title(slug: str) -> str:
    """A document kind as readers know it ("Surat Dinas"), not its code; unknown codes as they are."""
    from terbuka.documents import kinds

    spec = kinds.REGISTRY.get(slug or "")
    return spec.title if spec is not None else (slug or "")


@register.filter
def may_read(obj: Any, user: Any) -> bool:
    """May ``user`` read what this document or file says? Always for what is not exempted; for exempted
    material, the archive's one rule (``policies.may_read_exempt``). Exempted content is shown nowhere
    without it (issue #7 item 7): pages outside the archive (an SOP case's files and outputs) ask this."""
    from terbuka.documents import policies
    from terbuka.documents.models import Classification

    if obj is None or obj.classification != Classification.DIKECUALIKAN:
        return True
    return policies.may_read_exempt(user, obj)


@register.filter
def readable_title(obj: Any, user: Any) -> str:
    """A document's subject or a file's name when ``user`` may read it (``may_read``); otherwise only what
    kind of thing it is: "Nota Dinas (dikecualikan)", "Berkas dikecualikan"."""
    from django.utils.translation import gettext as _

    from terbuka.documents.models import Document

    if obj is None:
        return ""
    is_document = isinstance(obj, Document)
    if may_read(obj, user):
        return str((obj.subject or obj.kind_title) if is_document else obj.original_name)
    if is_document:
        return _("%(kind)s (dikecualikan)") % {"kind": obj.kind_title}
    return _("Berkas dikecualikan")


@register.simple_tag
def my_letters(user: Any) -> dict[str, Any]:
    """The workspace home's two lists, across the user's bodies, in a fixed number of queries: drafts
    waiting for the user's paraf or signature, and the user's drafts returned for revision."""
    return {
        "awaiting": selectors.awaiting_for_user(user),
        "returned": list(selectors.returned_to_user(user)[:50]),
    }
