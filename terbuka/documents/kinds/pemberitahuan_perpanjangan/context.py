"""Pemberitahuan perpanjangan waktu: the extension of the written-notice clock, with its reasons.

The rule (one extension of at most 7 working days, Pasal 22(8)) lives in the statutory clock
(``core.clocks.KINDS["pemberitahuan_tertulis"]``); the letter prints the clock. Written for a process whose
clock was extended, it takes the days, the reasons and the new deadline from the clock."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from terbuka.core import clocks
from terbuka.core.workdays import format_date_id
from terbuka.documents.kinds.common import is_blank, merge, terbilang

TITLE = "Pemberitahuan Perpanjangan Waktu"
CLOCK = "pemberitahuan_tertulis"
MAX_DAYS = clocks.KINDS[CLOCK].max_extension
FIELDS = [
    ("yth", gettext_noop("Kepada (Yth.)"), "text"),
    ("registrasi", gettext_noop("Nomor registrasi permohonan"), "text"),
    ("tanggal_permohonan", gettext_noop("Tanggal permohonan"), "text"),
    ("hari_perpanjangan", gettext_noop("Lama perpanjangan (hari kerja, paling lama 7)"), "text"),
    ("alasan", gettext_noop("Alasan (satu per baris)"), "lines"),
    ("batas_baru", gettext_noop("Batas waktu baru"), "text"),
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


def _from_clock(case: Any) -> dict[str, Any]:
    """The extension as the process's clock records it (days, reasons, new deadline)."""
    if case is None:
        return {}
    for clock in clocks.clocks_of(case, getattr(case, "subject", None)):
        if clock.kind == CLOCK and clock.extension_days:
            return {
                "hari_perpanjangan": clock.extension_days,
                "alasan": [line for line in clock.extension_reason.splitlines() if line.strip()],
                "batas_baru": format_date_id(clock.due_date, weekday=True) if clock.due_date else "",
            }
    return {}


def build(*, body: Any, case: Any = None, data: dict[str, Any]) -> dict[str, Any]:
    out = merge(merge(STANDARD, _from_clock(case)), data)
    if is_blank(out["hari_perpanjangan"]):
        return out  # the required-fields check names it
    try:
        days = int(out["hari_perpanjangan"])
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("Lama perpanjangan harus berupa angka hari kerja.")) from exc
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(
            f"Perpanjangan paling lama {MAX_DAYS} hari kerja ({clocks.KINDS[CLOCK].extension_basis}); "
            f"diminta {days}."
        )
    if not out["isi"] and not is_blank(out["registrasi"]) and not is_blank(out["tanggal_permohonan"]):
        out["isi"] = opening(out["registrasi"], out["tanggal_permohonan"], days)
    if not out["penutup"] and not is_blank(out["batas_baru"]):
        out["penutup"] = closing(out["batas_baru"])
    return out


EXAMPLE["isi"] = opening(EXAMPLE["registrasi"], EXAMPLE["tanggal_permohonan"], EXAMPLE["hari_perpanjangan"])
EXAMPLE["penutup"] = closing(EXAMPLE["batas_baru"])
