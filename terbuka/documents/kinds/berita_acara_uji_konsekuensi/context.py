"""Berita acara pengujian konsekuensi: the minutes of the consequence-test meeting."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from terbuka.documents.kinds.common import merge

TITLE = "Berita Acara Pengujian Konsekuensi"
REGISTER = False
FIELDS = [
    ("tempat_rapat", gettext_noop("Tempat rapat"), "text"),
    ("dasar_tim", gettext_noop("Dasar pembentukan tim"), "text"),
    (
        "hasil",
        gettext_noop("Hasil (informasi | dasar | hasil | jangka waktu)"),
        "rows:informasi,dasar,hasil,jangka_waktu",
    ),
    ("catatan", gettext_noop("Catatan (satu paragraf per baris)"), "lines"),
    ("tim", gettext_noop("Anggota tim (nama | NIP | peran)"), "rows:nama,nip,peran"),
]
REQUIRED = ["tempat_rapat", "dasar_tim", "hasil"]
STANDARD: dict[str, Any] = {
    "hal": "Berita Acara Pengujian Konsekuensi",
    "tempat_rapat": "",
    "dasar_tim": "",
    "hasil": [],
    "catatan": [],
    "tim": [],
}
EXAMPLE: dict[str, Any] = {
    "tempat_rapat": "Ruang Rapat Dinas Komunikasi dan Informatika Kota Serang",
    "dasar_tim": "Keputusan Wali Kota Serang Nomor 400.14/Kep.12-Diskominfo/2026",
    "hasil": [
        {
            "informasi": "Rekam medis pasien Puskesmas dan RSUD",
            "dasar": "Pasal 17 huruf h angka 2 UU 14/2008",
            "hasil": "Dikecualikan",
            "jangka_waktu": "Selama diperlukan; ditinjau 2031",
        },
        {
            "informasi": "Daftar hadir rapat koordinasi kesehatan",
            "dasar": "-",
            "hasil": "Terbuka (tidak lolos uji)",
            "jangka_waktu": "-",
        },
    ],
    "catatan": [
        "Informasi yang tidak lolos uji konsekuensi dikembalikan ke dalam Daftar Informasi Publik.",
    ],
    "tim": [
        {"nama": "Dedi Supriadi, S.H., M.H.", "nip": "19720504 199803 1 006", "peran": "Ketua", "tanda": ""},
        {
            "nama": "Rina Wahyuni, S.Kom., M.Si.",
            "nip": "19750312 199903 2 004",
            "peran": "Sekretaris",
            "tanda": "",
        },
        {"nama": "Siti Nurhaliza, S.KM.", "nip": "19800921 200501 2 003", "peran": "Anggota", "tanda": ""},
    ],
}


def build(*, body: Any, case: Any = None, data: dict[str, Any]) -> dict[str, Any]:
    return merge(STANDARD, data)
