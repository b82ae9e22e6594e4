"""Helpers for the request tests: a valid submission, the Kalimantan Barat body and its SOP."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from terbuka.core.models import PublicBody
from terbuka.sop import services as sop_services
from terbuka.sop.demo import SEEDS, SOPS_DIR

KALBAR = "provinsi-kalimantan-barat"
WIB = ZoneInfo("Asia/Jakarta")


def form(**over: Any) -> dict[str, Any]:
    data = {
        "name": "Rina Kurniawati",
        "id_kind": "nik",
        "id_number": "6171015208900001",
        "address": "Jl. Gajah Mada No. 5, Pontianak",
        "phone": "0812-5555-0101",
        "email": "rina@example.id",
        "occupation": "Wartawan",
        "information": "Salinan laporan realisasi anggaran Dinas Kominfo tahun 2025",
        "purpose": "Bahan liputan tentang belanja daerah",
        "obtain": "softcopy",
        "send": "surel",
    }
    data.update(over)
    return data


def at(y: int, m: int, d: int, h: int = 10, mi: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, h, mi, tzinfo=WIB)


def adopt_kalbar(body: PublicBody) -> Any:
    slug, name = SEEDS[KALBAR]
    version = sop_services.sop_adopt(
        actor=None, body=body, slug=slug, source=(SOPS_DIR / name).read_text("utf-8"), filename=name
    )
    return version.sop
