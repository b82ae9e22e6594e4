"""Pemberitahuan perpanjangan waktu: extension by at most 7 working days with reasons (Pasal 22(8))."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from terbuka.documents.kinds.common import merge

TITLE = "Pemberitahuan Perpanjangan Waktu"
MAX_DAYS = 7
FIELDS = [
    ("yth", "Kepada (Yth.)", "text"),
    ("hari_perpanjangan", "Lama perpanjangan (hari kerja, paling lama 7)", "text"),
    ("alasan", "Alasan (satu per baris)", "lines"),
    ("batas_baru", "Batas waktu baru", "text"),
]
SAMPLE: dict[str, Any] = {
    "yth": "Sdr. Budi Santoso, Jl. Ki Mas Jong No. 12, Kota Serang",
    "di": "Tempat",
    "hal": "Pemberitahuan Perpanjangan Waktu Pemberian Informasi",
    "hari_perpanjangan": 7,
    "batas_baru": "Kamis, 9 April 2026",
    "isi": [
        "Menindaklanjuti permohonan informasi Saudara nomor "
        "PI/2026/03/0042 tanggal 16 Maret 2026, dengan ini "
        "kami beritahukan bahwa jangka waktu pemberian informasi diperpanjang selama 7 (tujuh) hari kerja "
        "sesuai Pasal 22 ayat (8) Undang-Undang Nomor 14 Tahun 2008, dengan alasan:",
    ],
    "alasan": [
        "Informasi yang diminta berada pada beberapa unit kerja dan masih dalam proses pengumpulan;",
        "Sebagian informasi perlu diuji konsekuensinya sebelum diberikan.",
    ],
    "penutup": [
        "Informasi akan kami sampaikan paling lambat Kamis, 9 April 2026. Demikian disampaikan, atas "
        "perhatiannya diucapkan terima kasih.",
    ],
}


def build(*, body: Any, case: Any = None, data: dict[str, Any]) -> dict[str, Any]:
    out = merge(SAMPLE, data)
    try:
        days = int(out["hari_perpanjangan"])
    except (TypeError, ValueError) as exc:
        raise ValidationError("Lama perpanjangan harus berupa angka hari kerja.") from exc
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(
            f"Perpanjangan paling lama {MAX_DAYS} hari kerja (Pasal 22 ayat (8) UU 14/2008); diminta {days}."
        )
    return out
