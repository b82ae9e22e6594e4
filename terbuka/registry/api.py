"""Registry endpoints under /api/v1/: the public DIP of a body and search (open, no token), and item
create/update for officials (token or session; the same services and rules as the workspace)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from terbuka.api.auth import PUBLIC
from terbuka.core.models import PublicBody, Unit, User
from terbuka.core.policies import get_body_for_user, get_public_body, is_member

from . import search, selectors, services
from .models import Category, Form, InformationItem

router = Router(tags=["dip"])


class ItemOut(Schema):
    id: int
    body: str
    judul: str
    ringkasan: str
    kategori: str
    unit: str | None
    pejabat: str
    penanggung_jawab: str
    waktu_pembuatan: str
    tempat_pembuatan: str
    bentuk: str
    retensi: str
    tahun: int | None
    publik: bool
    diperbarui: str
    url: str


class EditionOut(Schema):
    nomor: int
    jenis: str
    nomor_keputusan: str
    tanggal_keputusan: str | None


class DipOut(Schema):
    body: str
    edisi: EditionOut | None
    informasi: list[ItemOut]


class HitOut(ItemOut):
    skor: float
    judul_sorot: str
    ringkasan_sorot: str


class SearchOut(Schema):
    q: str
    hasil: list[HitOut]


def item_out(i: InformationItem) -> dict[str, Any]:
    return {
        "id": i.pk,
        "body": i.body.slug,
        "judul": i.title,
        "ringkasan": i.summary,
        "kategori": i.category,
        "unit": i.unit.slug if i.unit else None,
        "pejabat": i.official,
        "penanggung_jawab": i.responsible,
        "waktu_pembuatan": i.made_when,
        "tempat_pembuatan": i.made_where,
        "bentuk": i.form,
        "retensi": i.retention,
        "tahun": i.year,
        "publik": i.is_public,
        "diperbarui": i.refreshed_at.date().isoformat(),
        "url": f"/badan/{i.body.slug}/dip/{i.pk}/",
    }


class DipQuery(Schema):
    body: str = Field(max_length=80)
    unit: str = Field(default="", max_length=80)
    tahun: int | None = Field(default=None, ge=1900, le=2200)
    bentuk: str = Field(default="", max_length=10)


@router.get(
    "/dip", response=DipOut, auth=None, openapi_extra=PUBLIC, summary="DIP publik sebuah badan publik"
)
def dip(request: HttpRequest, filters: Query[DipQuery]) -> dict[str, Any]:
    body = get_public_body(filters.body)
    if filters.bentuk and filters.bentuk not in Form.values:
        raise HttpError(400, "Bentuk informasi tidak dikenal (softcopy, hardcopy, keduanya).")
    items = selectors.public_dip(
        body, unit=filters.unit, year=filters.tahun, form=filters.bentuk
    ).select_related("body")
    edition = services.current_edition(body)
    return {
        "body": body.slug,
        "edisi": {
            "nomor": edition.number,
            "jenis": edition.kind,
            "nomor_keputusan": edition.decree_number,
            "tanggal_keputusan": edition.decree_date.isoformat() if edition.decree_date else None,
        }
        if edition
        else None,
        "informasi": [item_out(i) for i in items],
    }


class SearchQuery(Schema):
    q: str = Field(min_length=1, max_length=200)
    body: str = Field(default="", max_length=80)


@router.get(
    "/search",
    response=SearchOut,
    auth=None,
    openapi_extra=PUBLIC,
    summary="Cari informasi publik (berimbuhan)",
)
def search_items(request: HttpRequest, params: Query[SearchQuery]) -> dict[str, Any]:
    body = get_public_body(params.body) if params.body else None
    hits = selectors.search_public(params.q, body)
    return {
        "q": params.q,
        "hasil": [
            {
                **item_out(i),
                "skor": round(float(getattr(i, "rank", 0.0)), 6),
                "judul_sorot": str(search.highlight(i.title, params.q)),
                "ringkasan_sorot": str(search.highlight(i.summary[:300], params.q)),
            }
            for i in hits
        ],
    }


class ItemIn(Schema):
    body: str = Field(max_length=80)
    judul: str = Field(min_length=1, max_length=500)
    kategori: str = Field(max_length=20)
    ringkasan: str = Field(default="", max_length=20000)
    unit: str | None = Field(default=None, max_length=80)
    pejabat: str = Field(default="", max_length=300)
    penanggung_jawab: str = Field(default="", max_length=300)
    waktu_pembuatan: str = Field(default="", max_length=120)
    tempat_pembuatan: str = Field(default="", max_length=200)
    bentuk: str = Field(default=Form.KEDUANYA, max_length=10)
    retensi: str = Field(default="", max_length=200)
    tahun: int | None = Field(default=None, ge=1900, le=2200)
    publik: bool = False


class ItemPatch(Schema):
    judul: str | None = Field(default=None, min_length=1, max_length=500)
    kategori: str | None = Field(default=None, max_length=20)
    ringkasan: str | None = Field(default=None, max_length=20000)
    unit: str | None = Field(default=None, max_length=80)
    pejabat: str | None = Field(default=None, max_length=300)
    penanggung_jawab: str | None = Field(default=None, max_length=300)
    waktu_pembuatan: str | None = Field(default=None, max_length=120)
    tempat_pembuatan: str | None = Field(default=None, max_length=200)
    bentuk: str | None = Field(default=None, max_length=10)
    retensi: str | None = Field(default=None, max_length=200)
    tahun: int | None = Field(default=None, ge=1900, le=2200)
    publik: bool | None = None


FIELD_MAP = {
    "judul": "title",
    "kategori": "category",
    "ringkasan": "summary",
    "pejabat": "official",
    "penanggung_jawab": "responsible",
    "waktu_pembuatan": "made_when",
    "tempat_pembuatan": "made_where",
    "bentuk": "form",
    "retensi": "retention",
    "tahun": "year",
    "publik": "is_public",
}


def _fields(body: PublicBody, data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "unit":
            out["unit"] = get_object_or_404(Unit, body=body, slug=value) if value else None
        elif key in FIELD_MAP:
            out[FIELD_MAP[key]] = value
    if "category" in out and out["category"] not in Category.values:
        raise HttpError(400, "Kategori tidak dikenal (berkala, serta_merta, setiap_saat, dikecualikan).")
    if "form" in out and out["form"] not in Form.values:
        raise HttpError(400, "Bentuk informasi tidak dikenal (softcopy, hardcopy, keduanya).")
    return out


@router.post("/items", response={201: ItemOut}, summary="Catat informasi (DIP)")
def item_create(request: HttpRequest, payload: ItemIn) -> tuple[int, dict[str, Any]]:
    actor: User = request.user  # type: ignore[assignment]
    body = get_body_for_user(actor, payload.body, is_member)
    fields = _fields(body, payload.dict(exclude={"body"}))
    title, category = fields.pop("title"), fields.pop("category")
    item = services.item_create(actor=actor, body=body, title=title, category=category, **fields)
    return 201, item_out(item)


def _item_for(actor: Any, pk: int) -> InformationItem:
    item = get_object_or_404(InformationItem.objects.select_related("body", "unit"), pk=pk)
    if not is_member(actor, item.body):
        raise HttpError(404, "Tidak ditemukan.")
    return item


@router.get("/items/{item_id}", response=ItemOut, summary="Satu informasi (anggota badan publik)")
def item_detail(request: HttpRequest, item_id: int) -> dict[str, Any]:
    return item_out(_item_for(request.user, item_id))


@router.patch("/items/{item_id}", response=ItemOut, summary="Ubah informasi (DIP)")
def item_update(request: HttpRequest, item_id: int, payload: ItemPatch) -> dict[str, Any]:
    item = _item_for(request.user, item_id)
    fields = _fields(item.body, payload.dict(exclude_unset=True))
    item = services.item_update(actor=request.user, item=item, **fields)  # type: ignore[arg-type]
    return item_out(item)
