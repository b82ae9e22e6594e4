"""Every write to the information items (STYLE.md habit 2): one function per action, audited.

Other registries call these: the consequence test ("not exempt": the item becomes public information) and
declassification (an exempted entry's period ended) create or open items through ``item_create`` and
``item_publish``; they never write the model themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core import audit
from terbuka.core.models import PublicBody, Unit, User
from terbuka.core.policies import has_any_role
from terbuka.core.roles import Role

from . import search
from .models import Category, DipEdition, DipEntry, InformationItem, ItemAttachment, Source

# Berkala information is refreshed at least every six months (UU 14/2008 Pasal 9 ayat (4); DOMAIN.md §2).
BERKALA_REFRESH_DAYS = 183

EDITABLE = [
    "unit",
    "title",
    "summary",
    "official",
    "responsible",
    "made_when",
    "made_where",
    "form",
    "retention",
    "category",
    "year",
    "is_public",
]


# The columns whose change counts as refreshing the information (not the public flag or category).
CONTENT = [
    "title",
    "summary",
    "official",
    "responsible",
    "made_when",
    "made_where",
    "form",
    "retention",
    "year",
]


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
    authorized: bool = False,
    **fields: Any,
) -> InformationItem:
    """Record an information item. ``actor=None`` is the system (a test decision, declassification);
    ``authorized=True``: the caller (a SOP step's action, whose lane was checked) vouches for the actor."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    if actor is not None and not authorized and not can_manage_items(actor, body, fields.get("unit")):
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
    item.search_text = search.index_text(item)
    item.save()
    audit.record(actor=actor, body=body, action="registry.item.create", obj=item, new=audit.snapshot(item))
    return item


@transaction.atomic
def item_update(
    *, actor: User | None, item: InformationItem, authorized: bool = False, **fields: Any
) -> InformationItem:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    item = InformationItem.objects.select_for_update().get(pk=item.pk)
    if (
        actor is not None
        and not authorized
        and not can_manage_items(actor, item.body, fields.get("unit", item.unit))
    ):
        raise PermissionDenied(_("Anda tidak berwenang mengubah informasi ini."))
    before = audit.snapshot(item)
    for key, value in fields.items():
        setattr(item, key, value)
    _check(item.body, {f: getattr(item, f) for f in EDITABLE})
    item.updated_at = timezone.now()
    after = audit.snapshot(item)
    if any(before.get(k) != after.get(k) for k in CONTENT):
        item.refreshed_at = item.updated_at
    item.full_clean()
    item.search_text = search.index_text(item)
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


@transaction.atomic
def item_refresh(*, actor: User | None, item: InformationItem, note: str = "") -> InformationItem:
    """The holder confirms the information is current (berkala: at least every 6 months)."""
    item = InformationItem.objects.select_for_update().get(pk=item.pk)
    if actor is not None and not can_manage_items(actor, item.body, item.unit):
        raise PermissionDenied(_("Anda tidak berwenang memperbarui informasi ini."))
    old = item.refreshed_at
    item.refreshed_at = item.updated_at = timezone.now()
    item.save(update_fields=["refreshed_at", "updated_at"])
    audit.record(
        actor=actor,
        body=item.body,
        action="registry.item.refresh",
        obj=item,
        old={"refreshed_at": old.isoformat()},
        new={"refreshed_at": item.refreshed_at.isoformat()},
        note=note,
    )
    return item


def overdue_berkala(body: PublicBody | None = None, now: Any = None) -> Any:
    """Public berkala items not refreshed for more than six months, oldest first."""
    import datetime as dt

    limit = (now or timezone.now()) - dt.timedelta(days=BERKALA_REFRESH_DAYS)
    qs = InformationItem.objects.filter(category=Category.BERKALA, refreshed_at__lt=limit).select_related(
        "body", "unit"
    )
    if body is not None:
        qs = qs.filter(body=body)
    return qs.order_by("refreshed_at", "pk")


# -- attachments ------------------------------------------------------------------------------------------


@transaction.atomic
def attachment_add(
    *,
    actor: User | None,
    item: InformationItem,
    label: str,
    file: Any = None,
    data: bytes | None = None,
    filename: str = "",
    url: str = "",
) -> ItemAttachment:
    """Attach an uploaded file (checked and archived by documents.archive), produced bytes, or a link."""
    from django.core.validators import URLValidator

    from terbuka.documents import archive

    if actor is not None and not can_manage_items(actor, item.body, item.unit):
        raise PermissionDenied(_("Anda tidak berwenang melampirkan berkas pada informasi ini."))
    label = (label or "").strip()[:300]
    given = [x for x in (file, data, url.strip() or None) if x is not None]
    if len(given) != 1:
        raise ValidationError(_("Lampirkan satu berkas atau satu tautan."))
    stored = None
    if url.strip():
        try:
            URLValidator(schemes=["http", "https"])(url.strip())
        except ValidationError:
            raise ValidationError({"url": _("Tautan harus alamat http:// atau https:// yang sah.")}) from None
    else:
        classification = "publik" if item.is_public else "internal"
        if file is not None:
            stored = archive.store_upload(
                actor=actor,
                body=item.body,
                file=file,
                label=label or item.title,
                kind="dip_lampiran",
                classification=classification,
                unit=item.unit,
            )
        else:
            stored = archive.store_bytes(
                actor=actor,
                body=item.body,
                data=data or b"",
                name=filename or "lampiran.pdf",
                label=label or item.title,
                kind="dip_lampiran",
                classification=classification,
                unit=item.unit,
            )
    att = ItemAttachment.objects.create(
        item=item,
        label=label or (stored.original_name if stored else url.strip()),
        stored_file=stored,
        url=url.strip() if stored is None else "",
    )
    InformationItem.objects.filter(pk=item.pk).update(updated_at=timezone.now())
    audit.record(
        actor=actor,
        body=item.body,
        action="registry.attachment.add",
        obj=item,
        new={"attachment": att.pk, "label": att.label, "file": stored.pk if stored else None, "url": att.url},
    )
    from .signals import items_changed

    items_changed.send(sender=InformationItem, body_id=item.body_id)
    return att


@transaction.atomic
def attachment_remove(*, actor: User | None, attachment: ItemAttachment) -> None:
    item = attachment.item
    if actor is not None and not can_manage_items(actor, item.body, item.unit):
        raise PermissionDenied(_("Anda tidak berwenang mengubah lampiran informasi ini."))
    audit.record(
        actor=actor,
        body=item.body,
        action="registry.attachment.remove",
        obj=item,
        old={"attachment": attachment.pk, "label": attachment.label},
    )
    attachment.delete()  # the archived file itself stays in the archive
    from .signals import items_changed

    items_changed.send(sender=InformationItem, body_id=item.body_id)


# -- DIP editions -------------------------------------------------------------------------------------


def _require_office(actor: User | None, body: PublicBody) -> None:
    if actor is not None and not has_any_role(actor, body, Role.PPID, Role.PETUGAS, Role.ADMIN):
        raise PermissionDenied(_("Hanya PPID dan petugasnya yang mengelola edisi DIP."))


def item_snapshot(item: InformationItem) -> dict[str, Any]:
    return {
        "title": item.title,
        "summary": item.summary,
        "unit": item.unit.name if item.unit_id and item.unit is not None else "",
        "official": item.official,
        "responsible": item.responsible,
        "made_when": item.made_when,
        "made_where": item.made_where,
        "form": item.form,
        "retention": item.retention,
        "category": item.category,
        "year": item.year,
    }


def current_edition(body: PublicBody) -> DipEdition | None:
    """The edition in force: the newest one set or published."""
    return (
        DipEdition.objects.filter(body=body)
        .exclude(status=DipEdition.Status.DRAFT)
        .order_by("-number")
        .first()
    )


@transaction.atomic
def edition_draft(
    *, actor: User | None, body: PublicBody, title: str = "", carry_over: bool = True
) -> DipEdition:
    """Open a new edition as a draft: a penetapan if the body has none yet, otherwise a pemutakhiran that
    starts from the rows of the edition in force (``carry_over``)."""
    _require_office(actor, body)
    PublicBody.objects.select_for_update().filter(pk=body.pk).first()
    existing = DipEdition.objects.filter(body=body, status=DipEdition.Status.DRAFT).first()
    if existing is not None:
        return existing
    last = DipEdition.objects.filter(body=body).order_by("-number").first()
    prev = current_edition(body)
    edition = DipEdition.objects.create(
        body=body,
        number=(last.number + 1) if last else 1,
        kind=DipEdition.Kind.PEMUTAKHIRAN if prev else DipEdition.Kind.PENETAPAN,
        title=title.strip()[:300],
        created_by=actor if actor is not None and actor.pk else None,
    )
    if prev is not None and carry_over:
        for e in prev.entries.filter(item__isnull=False):
            DipEntry.objects.create(edition=edition, item_id=e.item_id, item_key=e.item_key)
    audit.record(
        actor=actor,
        body=body,
        action="registry.edition.draft",
        obj=edition,
        new={"number": edition.number, "kind": edition.kind},
    )
    return edition


def _draft_locked(edition: DipEdition) -> DipEdition:
    edition = DipEdition.objects.select_for_update().get(pk=edition.pk)
    if edition.status != DipEdition.Status.DRAFT:
        raise ValidationError(_("Edisi DIP yang sudah ditetapkan tidak dapat diubah; buat pemutakhiran."))
    return edition


@transaction.atomic
def edition_include(*, actor: User | None, edition: DipEdition, items: list[InformationItem]) -> int:
    """Put items on a draft edition's list (once each). Exempted items never go on a DIP."""
    edition = _draft_locked(edition)
    added = 0
    for item in items:
        if item.body_id != edition.body_id:
            raise ValidationError(_("Informasi harus milik badan publik yang sama."))
        if item.category == Category.DIKECUALIKAN:
            raise ValidationError(_("'%(t)s' dikecualikan dan tidak dapat masuk DIP.") % {"t": item.title})
        _obj, created = DipEntry.objects.get_or_create(
            edition=edition, item_key=item.pk, defaults={"item": item}
        )
        added += int(created)
    if added:
        audit.record(
            actor=actor,
            body=edition.body,
            action="registry.edition.include",
            obj=edition,
            new={"items": [i.pk for i in items]},
        )
    return added


@transaction.atomic
def edition_exclude(*, actor: User | None, edition: DipEdition, items: list[InformationItem]) -> int:
    edition = _draft_locked(edition)
    n, _x = DipEntry.objects.filter(edition=edition, item_key__in=[i.pk for i in items]).delete()
    if n:
        audit.record(
            actor=actor,
            body=edition.body,
            action="registry.edition.exclude",
            obj=edition,
            old={"items": [i.pk for i in items]},
        )
    return n


@transaction.atomic
def edition_set(
    *,
    actor: User | None,
    edition: DipEdition,
    decree_number: str = "",
    decree_date: Any = None,
    sign: bool = True,
) -> DipEdition:
    """Set (penetapan) or update (pemutakhiran) the DIP by decision: the rows are frozen as snapshots and
    a signed DIP document (kind ``dip``) is made through terbuka/documents, signed by the actor (the PPID).
    Its number is the decision's number unless the body's own decree number is given (e.g. a Bupati's SK)."""
    from terbuka.documents import services as documents
    from terbuka.documents.signoff import Signer

    edition = _draft_locked(edition)
    body = edition.body
    if actor is not None and not has_any_role(actor, body, Role.PPID):
        raise PermissionDenied(_("DIP ditetapkan oleh PPID."))
    entries = list(edition.entries.select_related("item", "item__unit"))
    if not entries:
        raise ValidationError(_("DIP kosong: belum ada informasi dalam edisi ini."))
    for e in entries:
        if e.item is None:
            e.delete()
            continue
        if e.item.category == Category.DIKECUALIKAN:
            raise ValidationError(_("'%(t)s' dikecualikan dan tidak dapat masuk DIP.") % {"t": e.item.title})
        e.snapshot = item_snapshot(e.item)
        e.save(update_fields=["snapshot"])
    day = decree_date
    if sign and actor is not None:
        rows = [
            {
                "ringkasan": e.snapshot["title"]
                + (f" — {e.snapshot['summary']}" if e.snapshot["summary"] else ""),
                "kategori": str(Category(e.snapshot["category"]).label),
                "penguasa": e.snapshot["official"] or e.snapshot["unit"],
                "penanggung_jawab": e.snapshot["responsible"],
                "waktu_tempat": ", ".join(
                    x for x in (e.snapshot["made_when"], e.snapshot["made_where"]) if x
                ),
                "bentuk": str(
                    dict(InformationItem._meta.get_field("form").choices or []).get(e.snapshot["form"], "")
                ),
                "retensi": e.snapshot["retention"],
            }
            for e in entries
            if e.item is not None
        ]
        stored = documents.generate_document(
            actor=actor,
            body=body,
            kind="dip",
            context={"daftar": rows},
            label=f"DIP edisi {edition.number}",
            classification="publik",
            day=day,
            signers=[Signer(user=actor, role=Role.PPID)],
            sign_now=True,
        )
        edition.document = stored.document
        edition.decree_file = stored
        edition.decree_number = decree_number.strip() or (stored.document.number if stored.document else "")
        edition.decree_date = day or (stored.document.date if stored.document else None)
    else:
        if not decree_number.strip() or decree_date is None:
            raise ValidationError(_("Nomor dan tanggal keputusan wajib diisi."))
        edition.decree_number, edition.decree_date = decree_number.strip(), decree_date
    edition.decree_number = edition.decree_number[:200]
    edition.status = DipEdition.Status.SET
    edition.set_at = timezone.now()
    edition.save()
    audit.record(
        actor=actor,
        body=body,
        action="registry.edition.set",
        obj=edition,
        new={
            "number": edition.number,
            "kind": edition.kind,
            "decree_number": edition.decree_number,
            "decree_date": str(edition.decree_date),
            "rows": len(entries),
        },
    )
    return edition


@transaction.atomic
def edition_publish(
    *, actor: User | None, edition: DipEdition, categories: list[str] | None = None
) -> list[InformationItem]:
    """Publish a set edition by category: its items (of the given categories, default all) become public;
    items of the previous edition that this one dropped are withdrawn from the public list."""
    edition = DipEdition.objects.select_for_update().get(pk=edition.pk)
    _require_office(actor, edition.body)
    if edition.status == DipEdition.Status.DRAFT:
        raise ValidationError(_("Tetapkan DIP dengan keputusan sebelum diumumkan."))
    cats = categories or [Category.BERKALA, Category.SERTA_MERTA, Category.SETIAP_SAAT]
    opened = []
    for e in edition.entries.select_related("item"):
        if e.item is not None and e.item.category in cats and not e.item.is_public:
            opened.append(item_update(actor=actor, item=e.item, is_public=True))
    keep = set(edition.entries.values_list("item_key", flat=True))
    prev = (
        DipEdition.objects.filter(body=edition.body, number__lt=edition.number)
        .exclude(status=DipEdition.Status.DRAFT)
        .order_by("-number")
        .first()
    )
    if prev is not None:
        for e in prev.entries.select_related("item").exclude(item_key__in=keep):
            if e.item is not None and e.item.is_public:
                item_update(actor=actor, item=e.item, is_public=False)
    edition.status = DipEdition.Status.PUBLISHED
    edition.published_at = edition.published_at or timezone.now()
    edition.save(update_fields=["status", "published_at"])
    audit.record(
        actor=actor,
        body=edition.body,
        action="registry.edition.publish",
        obj=edition,
        new={"categories": list(cats), "opened": [i.pk for i in opened]},
    )
    from .signals import items_changed

    items_changed.send(sender=DipEdition, body_id=edition.body_id)
    return opened


def edition_rows(edition: DipEdition) -> dict[int, dict[str, Any]]:
    """The rows by item key: the frozen snapshot once set, the live item while a draft."""
    rows: dict[int, dict[str, Any]] = {}
    for e in edition.entries.select_related("item", "item__unit"):
        if edition.status == DipEdition.Status.DRAFT and e.item is not None:
            rows[e.item_key] = item_snapshot(e.item)
        elif e.snapshot:
            rows[e.item_key] = dict(e.snapshot)
    return rows


@dataclass
class Comparison:
    added: list[dict[str, Any]]
    removed: list[dict[str, Any]]
    changed: list[tuple[dict[str, Any], dict[str, Any], list[str]]]  # old row, new row, changed fields


def edition_compare(a: DipEdition, b: DipEdition) -> Comparison:
    """What changed from edition ``a`` to edition ``b``: rows added, removed, and changed (with fields)."""
    if a.body_id != b.body_id:
        raise ValidationError(_("Bandingkan edisi DIP dari badan publik yang sama."))
    ra, rb = edition_rows(a), edition_rows(b)
    added = [rb[k] for k in rb if k not in ra]
    removed = [ra[k] for k in ra if k not in rb]
    changed = []
    for k in rb:
        if k in ra and ra[k] != rb[k]:
            fields = [f for f in rb[k] if ra[k].get(f) != rb[k].get(f)]
            changed.append((ra[k], rb[k], fields))
    return Comparison(added=added, removed=removed, changed=changed)
