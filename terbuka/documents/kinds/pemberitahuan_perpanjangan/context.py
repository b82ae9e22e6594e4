"""Pemberitahuan perpanjangan waktu: extension by at most 7 working days with reasons (Pasal 22(8))."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from terbuka.documents.kinds.common import is_blank, merge, terbilang

TITLE = "Pemberitahuan Perpanjangan Waktu"
MAX_DAYS = 7
FIELDS = [
    ("yth", "Kepada (Yth.)", "text"),
    ("registrasi", "Nomor registrasi permohonan", "text"),
    ("tanggal_permohonan", "Tanggal permohonan", "text"),
    ("hari_perpanjangan", "Lama perpanjangan (hari kerja, paling lama 7)", "text"),
    ("alasan", "Alasan (satu per baris)", "lines"),
    ("batas_baru", "Batas waktu baru", "text"),
]
REQUIRED = ["yth", "registrasi", "tanggal_permohonan", "hari_perpanjangan", "alasan", "batas_baru"]
STANDARD: dict[str, Any] = {
    "yth": "",
    "di": "Tempat",
    "hal": "Pemberitahuan Perpanjangan Waktu Pemberian Informasi",
    "registrasi": "",
    "tanggal_permohonan": "",
    "hari_perpanjangan": "",
    "batas_baru": "",
    "isi": [],
    "alasan": [],
    "penutup": [],
}
EXAMPLE: dict[str, Any] = {
    "yth": "Sdr. Budi Santoso, Jl. Ki Mas Jong No. 12, Kota Serang",
    "registrasi": "PI/2026/03/0042",
    "tanggal_permohonan": "16 Maret 2026",
    "hari_perpanjangan": 7,
    "batas_baru": "Kamis, 9 April 2026",
    "alasan": [
        "Informasi yang diminta berada pada beberapa unit kerja dan masih dalam proses pengumpulan;",
        "Sebagian informasi perlu diuji konsekuensinya sebelum diberikan.",
    ],
}


def opening(registrasi: str, tanggal: str, days: int) -> list[str]:
    """The statutory opening paragraph (Pasal 22 ayat (8)), from the request's number and date."""
    return [
        f"Menindaklanjuti permohonan informasi Saudara nomor {registrasi} tanggal {tanggal}, dengan ini "
        f"kami beritahukan bahwa jangka waktu pemberian informasi diperpanjang selama {days} "
        f"({terbilang(days)}) hari kerja sesuai Pasal 22 ayat (8) Undang-Undang Nomor 14 Tahun 2008, "
        "dengan alasan:",
    ]


def closing(batas: str) -> list[str]:
    return [
        f"Informasi akan kami sampaikan paling lambat {batas}. Demikian disampaikan, atas perhatiannya "
        "diucapkan terima kasih.",
    ]


def build(*, body: Any, case: Any = None, data: dict[str, Any]) -> dict[str, Any]:
    out = merge(STANDARD, data)
    if is_blank(out["hari_perpanjangan"]):
        return out  # the required-fields check names it
    try:
        days = int(out["hari_perpanjangan"])
    except (TypeError, ValueError) as exc:
        raise ValidationError("Lama perpanjangan harus berupa angka hari kerja.") from exc
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(
            f"Perpanjangan paling lama {MAX_DAYS} hari kerja (Pasal 22 ayat (8) UU 14/2008); diminta {days}."
        )
    if not out["isi"] and not is_blank(out["registrasi"]) and not is_blank(out["tanggal_permohonan"]):
        out["isi"] = opening(out["registrasi"], out["tanggal_permohonan"], days)
    if not out["penutup"] and not is_blank(out["batas_baru"]):
        out["penutup"] = closing(out["batas_baru"])
    return out


EXAMPLE["isi"] = opening(EXAMPLE["registrasi"], EXAMPLE["tanggal_permohonan"], EXAMPLE["hari_perpanjangan"])
EXAMPLE["penutup"] = closing(EXAMPLE["batas_baru"])
