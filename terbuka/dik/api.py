"""``GET /api/v1/dik?body=<slug>``: the decreed DIK of a body, public (as on ``/badan/<slug>/dik/``)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from terbuka.api.auth import PUBLIC
from terbuka.core.policies import get_public_body

from . import selectors

router = Router(tags=["dik"])


class EntryOut(Schema):
    id: int
    informasi: str
    unit: str
    huruf: str
    angka: int | None
    alasan: str
    dasar_hukum: str
    konsekuensi: str
    pertimbangan: str
    jangka_waktu: str
    jenis_jangka_waktu: str
    berakhir: dt.date | None
    ditinjau: dt.date | None
    dikecualikan_sebagian: str
    tanggal_uji: dt.date | None
    status: str
    nomor_sk: str
    tanggal_sk: dt.date | None


class DikOut(Schema):
    badan: str
    nama: str
    nomor_sk: str
    tanggal_sk: dt.date | None
    jumlah: int
    informasi: list[EntryOut]


@router.get("/dik", response=DikOut, auth=None, openapi_extra=PUBLIC)
def dik_list(request: HttpRequest, body: str) -> DikOut:
    """The exempted-information list in force (decreed), ordered by end date."""
    b = get_public_body(body)
    decree = selectors.current_decree(b)
    rows = []
    for e in selectors.public_entries(b):
        rows.append(
            EntryOut(
                id=e.pk,
                informasi=e.title,
                unit=e.unit.name if e.unit else "",
                huruf=e.ground_letter,
                angka=e.ground_point,
                alasan=e.ground,
                dasar_hukum=e.legal_basis or e.citation(),
                konsekuensi=e.consequence,
                pertimbangan=e.consideration,
                jangka_waktu=e.period_text(),
                jenis_jangka_waktu=e.period_kind,
                berakhir=e.ends_on,
                ditinjau=e.period_review_on,
                dikecualikan_sebagian=e.exempt_parts,
                tanggal_uji=e.tested_on,
                status=e.status,
                nomor_sk=(e.decree.register_number or e.decree.number) if e.decree else "",
                tanggal_sk=e.decree.signed_on if e.decree else None,
            )
        )
    return DikOut(
        badan=b.slug,
        nama=b.name,
        nomor_sk=(decree.register_number or decree.number) if decree else "",
        tanggal_sk=decree.signed_on if decree else None,
        jumlah=len(rows),
        informasi=rows,
    )
