"""Daftar Informasi Publik as a document (DOMAIN.md §6 columns plus the category)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from terbuka.documents.kinds.common import merge

TITLE = "Daftar Informasi Publik (DIP)"
FIELDS = [
    (
        "daftar",
        gettext_noop(
            "Daftar (ringkasan | kategori | penguasa | penanggung jawab | waktu dan tempat | bentuk | "
            "retensi)"
        ),
        "rows:ringkasan,kategori,penguasa,penanggung_jawab,waktu_tempat,bentuk,retensi",
    ),
]
REQUIRED = ["daftar"]
STANDARD: dict[str, Any] = {"hal": "Daftar Informasi Publik", "daftar": []}
EXAMPLE: dict[str, Any] = {
    "daftar": [
        {
            "ringkasan": "Profil Pemerintah Kota Serang (kedudukan, struktur organisasi, tugas dan fungsi)",
            "kategori": "Berkala",
            "penguasa": "Bagian Organisasi Setda",
            "penanggung_jawab": "PPID Utama",
            "waktu_tempat": "2026, Serang",
            "bentuk": "Softcopy dan hardcopy",
            "retensi": "Selama berlaku",
        },
        {
            "ringkasan": "Laporan Keuangan Pemerintah Daerah Tahun 2025 (audited)",
            "kategori": "Berkala",
            "penguasa": "BPKAD",
            "penanggung_jawab": "PPID Pembantu BPKAD",
            "waktu_tempat": "2026, Serang",
            "bentuk": "Softcopy",
            "retensi": "10 tahun",
        },
        {
            "ringkasan": "Informasi peringatan dini banjir dan jalur evakuasi",
            "kategori": "Serta merta",
            "penguasa": "BPBD",
            "penanggung_jawab": "PPID Pembantu BPBD",
            "waktu_tempat": "Sewaktu-waktu, Serang",
            "bentuk": "Softcopy",
            "retensi": "1 tahun",
        },
    ],
}


def build(*, body: Any, case: Any = None, data: dict[str, Any]) -> dict[str, Any]:
    return merge(STANDARD, data)
