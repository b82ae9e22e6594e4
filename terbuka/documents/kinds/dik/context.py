"""Daftar Informasi yang Dikecualikan as a document (DOMAIN.md §6 DIK columns)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from terbuka.documents.kinds.common import merge
from terbuka.documents.kinds.sk_dik.context import EXAMPLE as SK_EXAMPLE

TITLE = "Daftar Informasi yang Dikecualikan (DIK)"
FIELDS = [
    (
        "daftar",
        gettext_noop(
            "Daftar (informasi | unit | dasar hukum | konsekuensi | pertimbangan | jangka waktu | "
            "tanggal uji | nomor SK | status)"
        ),
        "rows:informasi,unit,dasar_hukum,konsekuensi,pertimbangan,jangka_waktu,tanggal_uji,nomor_sk,status",
    ),
]
REQUIRED = ["daftar"]
STANDARD: dict[str, Any] = {"hal": "Daftar Informasi yang Dikecualikan", "daftar": []}
EXAMPLE: dict[str, Any] = {"daftar": SK_EXAMPLE["daftar"]}


def build(*, body: Any, case: Any = None, data: dict[str, Any]) -> dict[str, Any]:
    return merge(STANDARD, data)
