"""Lembar pengujian konsekuensi: the consequence-test sheet (DOMAIN.md §3 columns), signed by the team."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from terbuka.documents.kinds.common import merge

TITLE = "Lembar Pengujian Konsekuensi"
FIELDS = [
    ("judul", gettext_noop("Judul"), "text"),
    ("tempat_rapat", gettext_noop("Tempat rapat"), "text"),
    (
        "informasi",
        gettext_noop(
            "Informasi (informasi | UU | pasal | huruf | angka | konsekuensi | pertimbangan | jangka waktu)"
        ),
        "rows:informasi,undang_undang,pasal,huruf,angka,konsekuensi,pertimbangan,jangka_waktu",
    ),
    ("tim", gettext_noop("Anggota tim (nama | NIP | peran)"), "rows:nama,nip,peran"),
]
REQUIRED = ["judul", "tempat_rapat", "informasi"]
STANDARD: dict[str, Any] = {
    "hal": "Pengujian Konsekuensi Informasi yang Dikecualikan",
    "judul": "",
    "tempat_rapat": "",
    "informasi": [],
    "tim": [],
}
EXAMPLE: dict[str, Any] = {
    "judul": "INFORMASI YANG DIKECUALIKAN DINAS KESEHATAN TAHUN 2026",
    "tempat_rapat": "Ruang Rapat Dinas Komunikasi dan Informatika Kota Serang",
    "informasi": [
        {
            "informasi": "Rekam medis pasien Puskesmas dan RSUD",
            "undang_undang": "UU 14/2008; UU 17/2023",
            "pasal": "17",
            "huruf": "h",
            "angka": "2",
            "konsekuensi": "Mengungkap riwayat dan kondisi kesehatan pribadi pasien sehingga merugikan "
            "hak privasi dan dapat menimbulkan diskriminasi.",
            "pertimbangan": "Perlindungan rahasia pribadi lebih besar daripada kepentingan publik untuk "
            "mengetahui data individual; data agregat tetap dibuka.",
            "jangka_waktu": "Selama diperlukan untuk melindungi privasi; ditinjau 16 Maret 2031",
        },
        {
            "informasi": "Dokumen penyelidikan dugaan tindak pidana pengadaan alat kesehatan",
            "undang_undang": "UU 14/2008",
            "pasal": "17",
            "huruf": "a",
            "angka": "1",
            "konsekuensi": "Menghambat proses penyelidikan dan penyidikan oleh aparat penegak hukum.",
            "pertimbangan": "Kelancaran penegakan hukum melindungi kepentingan publik yang lebih besar.",
            "jangka_waktu": "Sampai perkara dibuka dalam sidang pengadilan yang terbuka untuk umum",
        },
    ],
    "tim": [
        {
            "nama": "Dedi Supriadi, S.H., M.H.",
            "nip": "19720504 199803 1 006",
            "peran": "Ketua (Kepala Bagian Hukum)",
            "tanda": "",
        },
        {
            "nama": "Rina Wahyuni, S.Kom., M.Si.",
            "nip": "19750312 199903 2 004",
            "peran": "Sekretaris (PPID Utama)",
            "tanda": "",
        },
        {
            "nama": "Siti Nurhaliza, S.KM.",
            "nip": "19800921 200501 2 003",
            "peran": "Anggota (PPID Pembantu Dinkes)",
            "tanda": "",
        },
    ],
}


def build(*, body: Any, case: Any = None, data: dict[str, Any]) -> dict[str, Any]:
    return merge(STANDARD, data)
