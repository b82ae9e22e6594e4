"""Pemberitahuan tertulis (UU 14/2008 Pasal 22(7)): the written answer to a request (DOMAIN.md §4)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from terbuka.documents.kinds.common import merge

TITLE = "Pemberitahuan Tertulis (Pasal 22 ayat (7))"
FIELDS = [
    ("registrasi", gettext_noop("Nomor registrasi"), "text"),
    ("tanggal_permohonan", gettext_noop("Tanggal permohonan"), "text"),
    ("pemohon.nama", gettext_noop("Nama pemohon"), "text"),
    ("pemohon.alamat", gettext_noop("Alamat"), "text"),
    ("informasi", gettext_noop("Informasi yang diminta"), "text"),
    ("butir", gettext_noop("Butir Pasal 22(7) (huruf | hal | keterangan)"), "rows:huruf,hal,isi"),
]
# The seven points Pasal 22 ayat (7) requires, in its order.
BUTIR_PASAL_22_7 = [
    ("a.", "Informasi yang diminta berada/tidak berada di bawah penguasaan Badan Publik"),
    ("b.", "Badan Publik yang menguasai informasi (bila tidak berada pada Badan Publik ini)"),
    ("c.", "Permohonan diterima atau ditolak (dengan alasan Pasal 17)"),
    ("d.", "Bentuk informasi yang tersedia"),
    ("e.", "Bagian informasi yang dihitamkan dan alasannya"),
    ("f.", "Media dan format penyampaian"),
    ("g.", "Biaya dan waktu penyediaan"),
]
REQUIRED = ["registrasi", "tanggal_permohonan", "pemohon.nama", "informasi"]
STANDARD: dict[str, Any] = {
    "hal": "Pemberitahuan Tertulis atas Permohonan Informasi",
    "registrasi": "",
    "tanggal_permohonan": "",
    "pemohon": {"nama": "", "alamat": ""},
    "informasi": "",
    # The seven points of Pasal 22(7), to be answered one by one.
    "butir": [{"huruf": h, "hal": t, "isi": "-"} for h, t in BUTIR_PASAL_22_7],
    # The objection right (Pasal 35 and 36) belongs in every written notice.
    "isi": [
        "Apabila Saudara tidak puas atas tanggapan ini, Saudara "
        "dapat mengajukan keberatan kepada Atasan PPID "
        "paling lambat 30 (tiga puluh) hari kerja sejak menerima "
        "pemberitahuan ini (Pasal 35 dan 36 UU 14/2008).",
    ],
}
EXAMPLE: dict[str, Any] = {
    "registrasi": "PI/2026/03/0042",
    "tanggal_permohonan": "16 Maret 2026",
    "pemohon": {"nama": "Budi Santoso", "alamat": "Jl. Ki Mas Jong No. 12, Kota Serang"},
    "informasi": "Salinan Laporan Realisasi Anggaran Dinas Kesehatan Tahun 2025",
    "butir": [
        {"huruf": "a.", "hal": BUTIR_PASAL_22_7[0][1], "isi": "Berada di bawah penguasaan Dinas Kesehatan"},
        {"huruf": "b.", "hal": BUTIR_PASAL_22_7[1][1], "isi": "-"},
        {"huruf": "c.", "hal": BUTIR_PASAL_22_7[2][1], "isi": "Diterima seluruhnya"},
        {"huruf": "d.", "hal": BUTIR_PASAL_22_7[3][1], "isi": "Softcopy (PDF), 24 halaman"},
        {"huruf": "e.", "hal": BUTIR_PASAL_22_7[4][1], "isi": "Tidak ada bagian yang dihitamkan"},
        {"huruf": "f.", "hal": BUTIR_PASAL_22_7[5][1], "isi": "Surel ke alamat pemohon, format PDF"},
        {
            "huruf": "g.",
            "hal": BUTIR_PASAL_22_7[6][1],
            "isi": "Tanpa biaya; diberikan paling lambat 27 Maret 2026",
        },
    ],
}


def build(*, body: Any, case: Any = None, data: dict[str, Any]) -> dict[str, Any]:
    return merge(STANDARD, data)
