"""Every write to the information items (STYLE.md habit 2): one function per action, audited.

Other registries call these: the consequence test ("not exempt": the item becomes public information) and
declassification (an exempted entry's period ended) create or open items through ``item_create`` and
``item_publish``; they never write the model themselves.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core import audit
from terbuka.core.models import PublicBody, Unit, User
from terbuka.core.policies import has_any_role
from terbuka.core.roles import Role

from .models import Category, InformationItem, Source

EDITABLE = [
    "unit", "title", "summary", "official", "responsible", "made_when", "made_where", "form", "retention",
    "category", "year", "is_public",
]  # fmt: skip


def can_manage_items(user: Any, body: PublicBody, unit: Unit | None = None) -> bool:
    """The PPID office (PPID, petugas, admin) for any item; a PPID Pembantu for its own unit's items."""
    if has_any_role(user, body, Role.PPID, Role.PETUGAS, Role.ADMIN):
        return True
    from terbuka.core.people import grants_for

    return unit is not None and any(
        g.role == Role.PPID_PEMBANTU and g.unit_id == unit.pk for g in grants_for(user, body)
    )


def _check(body: PublicBody, fields: dict[str, Any]) -> None:
    title = str(fields.get("title", "")).strip()
    if "title" in fields and not title:
        raise ValidationError({"title": _("Judul informasi wajib diisi.")})
    if "category" in fields and fields["category"] not in Category.values:
        raise ValidationError({"category": _("Kategori informasi tidak dikenal.")})
    unit = fields.get("unit")
    if unit is not None and unit.body_id != body.pk:
        raise ValidationError({"unit": _("Unit harus berada di badan publik yang sama.")})
    if fields.get("category") == Category.DIKECUALIKAN and fields.get("is_public"):
        raise ValidationError(
            {"is_public": _("Informasi yang dikecualikan tidak dapat dibuka untuk publik.")}
        )


@transaction.atomic
def item_create(
    *,
    actor: User | None,
    body: PublicBody,
    title: str,
    category: str,
    source: str = Source.PETUGAS,
    source_ref: str = "",
    **fields: Any,
) -> InformationItem:
    """Record an information item. ``actor=None`` is the system (a test decision, declassification)."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    if actor is not None and not can_manage_items(actor, body, fields.get("unit")):
        raise PermissionDenied(_("Anda tidak berwenang mencatat informasi badan publik ini."))
    data = {"title": title.strip()[:500], "category": category, **fields}
    _check(body, data)
    item = InformationItem(
        body=body,
        source=source,
        source_ref=source_ref[:100],
        created_by=actor if actor is not None and actor.pk else None,
        **data,
    )
    item.full_clean()
    item.save()
    audit.record(actor=actor, body=body, action="registry.item.create", obj=item, new=audit.snapshot(item))
    return item


@transaction.atomic
def item_update(*, actor: User | None, item: InformationItem, **fields: Any) -> InformationItem:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    item = InformationItem.objects.select_for_update().get(pk=item.pk)
    if actor is not None and not can_manage_items(actor, item.body, fields.get("unit", item.unit)):
        raise PermissionDenied(_("Anda tidak berwenang mengubah informasi ini."))
    before = audit.snapshot(item)
    for key, value in fields.items():
        setattr(item, key, value)
    _check(item.body, {f: getattr(item, f) for f in EDITABLE})
    item.updated_at = timezone.now()
    item.full_clean()
    item.save()
    old, new = audit.diff(before, audit.snapshot(item))
    if new:
        audit.record(actor=actor, body=item.body, action="registry.item.update", obj=item, old=old, new=new)
    return item


def item_publish(
    *, actor: User | None, item: InformationItem, category: str = Category.SETIAP_SAAT
) -> InformationItem:
    """Open an item to the public (e.g. after a consequence test or declassification): public, in a public
    category."""
    if category == Category.DIKECUALIKAN:
        raise ValidationError(_("Pilih kategori informasi publik."))
    return item_update(actor=actor, item=item, category=category, is_public=True)
