"""Helpers of the DIK tests: realistic proposal rows and a sign-off walk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from terbuka.core.people import holders_of
from terbuka.dik.periods import Period, PeriodKind
from terbuka.documents import services as documents
from terbuka.documents.models import Document
from terbuka.documents.signoff import current_step, may_perform

D = dt.date


def rows_medical() -> list[dict[str, Any]]:
    return [
        {
            "title": "Rekam medis pasien Puskesmas",
            "ground_letter": "h",
            "ground_point": 2,
            "consequence": "Mengungkap riwayat kesehatan pasien",
            "consideration": "Melindungi rahasia pribadi pasien lebih besar dari kepentingan membuka",
            "period": Period(PeriodKind.SELAMA_DIPERLUKAN, review_on=D(2031, 3, 16), review_by="Wali Kota"),
        },
        {
            "title": "Dokumen penawaran lelang alat kesehatan sebelum pengumuman pemenang",
            "ground_letter": "b",
            "consequence": "Mengganggu persaingan usaha yang sehat",
            "consideration": "Menjaga persaingan usaha yang sehat",
            "period": Period(PeriodKind.SAMPAI_PERISTIWA, event="pengumuman pemenang tender"),
        },
        {
            "title": "Daftar nama penerima bantuan kesehatan",
            "ground_letter": "h",
            "ground_point": 3,
            "consequence": "Mengungkap kondisi keuangan penerima",
            "consideration": "Melindungi privasi penerima",
            "period": Period(PeriodKind.TAHUN, years=2, start=D(2026, 3, 16)),
        },
    ]


def sign_all(document: Document, body: Any, day: dt.date | None = None) -> Document:
    """Every official of the chain acts in turn (holders of the planned role)."""
    for _ in range(20):
        document.refresh_from_db()
        step = current_step(document)
        if step is None:
            return document
        people = [u for u in holders_of(body, step.role, step.unit) if may_perform(u, step, body) is not None]
        if step.user is not None:
            people = [step.user]
        assert people, f"nobody can perform {step}"
        if step.kind == "ttd":
            documents.document_sign(actor=people[0], document=document, day=day)
        else:
            documents.document_paraf(actor=people[0], document=document)
    raise AssertionError("chain did not finish")
