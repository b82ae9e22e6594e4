"""Surat pengantar: a covering letter listing what is sent, with a receipt block."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from terbuka.documents.kinds.common import merge

TITLE = "Surat Pengantar"
FIELDS = [
    ("yth", gettext_noop("Kepada (Yth.)"), "text"),
    ("di", gettext_noop("di"), "text"),
    ("hal", gettext_noop("Hal"), "text"),
    (
        "kiriman",
        gettext_noop("Yang dikirim (uraian | banyaknya | keterangan, satu per baris)"),
        "rows:uraian,banyaknya,keterangan",
    ),
    ("tembusan", gettext_noop("Tembusan (satu per baris)"), "lines"),
]
REQUIRED = ["yth", "kiriman"]
STANDARD: dict[str, Any] = {
    "yth": "",
    "di": "Tempat",
    "hal": "Surat Pengantar",
    "kiriman": [],
    "tembusan": [],
}
EXAMPLE: dict[str, Any] = {
    "yth": "Ketua Komisi Informasi Provinsi Banten",
    "di": "Serang",
    "hal": "Pengantar Keputusan Daftar Informasi yang Dikecualikan",
    "kiriman": [
        {
            "uraian": "Keputusan Wali Kota Serang tentang Daftar Informasi yang Dikecualikan Tahun 2026",
            "banyaknya": "1 (satu) eksemplar",
            "keterangan": "Disampaikan dengan hormat untuk diketahui",
        },
        {
            "uraian": "Berita Acara Pengujian Konsekuensi",
            "banyaknya": "1 (satu) berkas",
            "keterangan": "Salinan",
        },
    ],
}


def build(*, body: Any, case: Any = None, data: dict[str, Any]) -> dict[str, Any]:
    return merge(STANDARD, data)
