"""Tanda terima permohonan informasi: the receipt given to a requester."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from terbuka.documents.kinds.common import merge

TITLE = "Tanda Terima Permohonan Informasi"
FIELDS = [
    ("registrasi", gettext_noop("Nomor registrasi"), "text"),
    ("pemohon.nama", gettext_noop("Nama pemohon"), "text"),
    ("pemohon.alamat", gettext_noop("Alamat"), "text"),
    ("pemohon.kontak", gettext_noop("Telepon/surel"), "text"),
    ("informasi", gettext_noop("Informasi yang diminta"), "text"),
    ("tujuan", gettext_noop("Tujuan penggunaan"), "text"),
    ("cara_memperoleh", gettext_noop("Cara memperoleh"), "text"),
    ("diterima_pada", gettext_noop("Diterima pada"), "text"),
    ("batas_waktu", gettext_noop("Batas waktu jawaban"), "text"),
]
REQUIRED = ["registrasi", "pemohon.nama", "informasi", "diterima_pada", "batas_waktu"]
STANDARD: dict[str, Any] = {
    "hal": "Tanda Terima Permohonan Informasi",
    "registrasi": "",
    "pemohon": {"nama": "", "alamat": "", "kontak": ""},
    "informasi": "",
    "tujuan": "",
    "cara_memperoleh": "",
    "diterima_pada": "",
    "batas_waktu": "",
    "isi": [
        "Tanda terima ini merupakan bukti bahwa permohonan informasi telah diterima. PPID wajib memberikan "
        "pemberitahuan tertulis paling lambat 10 (sepuluh) hari kerja sejak permohonan diterima dan dapat "
        "memperpanjang paling lambat 7 (tujuh) hari kerja berikutnya dengan alasan tertulis.",
    ],
}
EXAMPLE: dict[str, Any] = {
    "registrasi": "PI/2026/03/0042",
    "pemohon": {
        "nama": "Budi Santoso",
        "alamat": "Jl. Ki Mas Jong No. 12, Kota Serang",
        "kontak": "0812-0000-1234 / budi@example.id",
    },
    "informasi": "Salinan Laporan Realisasi Anggaran Dinas Kesehatan Tahun 2025",
    "tujuan": "Bahan penelitian skripsi",
    "cara_memperoleh": "Mendapatkan salinan softcopy melalui surel",
    "diterima_pada": "Senin, 16 Maret 2026 pukul 10.15 WIB",
    "batas_waktu": "Selasa, 31 Maret 2026 (10 hari kerja, Pasal 22 ayat (7) UU 14/2008)",
}


def build(*, body: Any, case: Any = None, data: dict[str, Any]) -> dict[str, Any]:
    return merge(STANDARD, data)
