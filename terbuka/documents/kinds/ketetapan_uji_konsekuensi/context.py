"""Ketetapan hasil uji konsekuensi: the PPID's determination of the test's outcome."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from terbuka.documents.kinds.common import merge, year_of

TITLE = "Ketetapan Hasil Uji Konsekuensi"
REGISTER = True
FIELDS = [
    ("tentang", gettext_noop("Tentang"), "text"),
    (
        "informasi",
        gettext_noop("Informasi (informasi | dasar hukum | jangka waktu)"),
        "rows:informasi,dasar_hukum,jangka_waktu",
    ),
]
REQUIRED = ["tentang", "informasi"]
STANDARD: dict[str, Any] = {
    "hal": "Ketetapan Hasil Uji Konsekuensi",
    "pejabat_penetap": "PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI",
    "tentang": "",
    "menimbang": [
        {
            "tanda": "a.",
            "teks": "bahwa berdasarkan Pasal 2 ayat (4) dan Pasal 19 Undang-Undang Nomor 14 Tahun "
            "2008, informasi yang dikecualikan bersifat ketat dan terbatas berdasarkan uji konsekuensi;",
        },
        {
            "tanda": "b.",
            "teks": "bahwa Tim Uji Konsekuensi telah melaksanakan pengujian sebagaimana tercantum "
            "dalam Berita Acara Pengujian Konsekuensi;",
        },
    ],
    "mengingat": [
        {"tanda": "1.", "teks": "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;"},
        {
            "tanda": "2.",
            "teks": "Peraturan Pemerintah Nomor 61 Tahun 2010 tentang Pelaksanaan Undang-Undang "
            "Nomor 14 Tahun 2008;",
        },
        {
            "tanda": "3.",
            "teks": "Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik;",
        },
    ],
    "menetapkan": "KETETAPAN HASIL UJI KONSEKUENSI INFORMASI YANG DIKECUALIKAN.",
    "diktum": [
        {
            "label": "KESATU",
            "teks": "Menetapkan informasi sebagaimana tercantum dalam tabel di bawah ini sebagai "
            "informasi yang dikecualikan dengan jangka waktu sebagaimana disebutkan.",
        },
        {"label": "KEDUA", "teks": "Ketetapan ini berlaku sejak tanggal ditetapkan."},
    ],
    "informasi": [],
}
EXAMPLE: dict[str, Any] = {
    "pejabat_penetap": "PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI KOTA SERANG",
    "tentang": "PENETAPAN HASIL UJI KONSEKUENSI INFORMASI YANG DIKECUALIKAN TAHUN 2026",
    "informasi": [
        {
            "informasi": "Rekam medis pasien Puskesmas dan RSUD",
            "dasar_hukum": "Pasal 17 huruf h angka 2 UU 14/2008",
            "jangka_waktu": "Selama diperlukan; ditinjau 2031",
        },
    ],
}


def build(*, body: Any, case: Any = None, data: dict[str, Any]) -> dict[str, Any]:
    name = body.name.upper().replace("PEMERINTAH ", "") if body is not None else ""
    defaults = {
        **STANDARD,
        "pejabat_penetap": f"PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI {name}".strip(),
        "tentang": f"PENETAPAN HASIL UJI KONSEKUENSI INFORMASI YANG DIKECUALIKAN TAHUN {year_of(body, data)}",
    }
    return merge(defaults, data)
