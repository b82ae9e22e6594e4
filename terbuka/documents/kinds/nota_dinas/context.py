"""Nota dinas: an internal memo between officials of the same body."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from terbuka.documents.kinds.common import merge

TITLE = "Nota Dinas"
FIELDS = [
    ("yth", gettext_noop("Kepada (Yth.)"), "text"),
    ("dari", gettext_noop("Dari"), "text"),
    ("hal", gettext_noop("Hal"), "text"),
    ("sifat", gettext_noop("Sifat"), "text"),
    ("lampiran", gettext_noop("Lampiran"), "text"),
    ("isi", gettext_noop("Isi (satu paragraf per baris)"), "lines"),
    ("tembusan_ringkas", gettext_noop("Tembusan"), "text"),
]
REQUIRED = ["yth", "dari", "hal", "isi"]
STANDARD: dict[str, Any] = {
    "yth": "",
    "dari": "",
    "hal": "",
    "sifat": "Biasa",
    "lampiran": "-",
    "isi": [],
    "tembusan_ringkas": "-",
}
EXAMPLE: dict[str, Any] = {
    "yth": "Sekretaris Daerah Kota Serang selaku Atasan PPID",
    "dari": "Kepala Dinas Komunikasi dan Informatika selaku PPID Utama",
    "tembusan_ringkas": "Kepala Bagian Hukum Sekretariat Daerah",
    "hal": "Laporan Pelaksanaan Pengujian Konsekuensi Informasi Tahun 2026",
    "lampiran": "1 (satu) berkas",
    "isi": [
        "Sehubungan dengan pelaksanaan pengujian konsekuensi atas usulan Daftar Informasi yang Dikecualikan "
        "(DIK) dari seluruh PPID Pembantu di lingkungan Pemerintah Kota Serang, bersama ini kami laporkan "
        "bahwa Tim Uji Konsekuensi telah menyelesaikan pengujian pada tanggal 16 Maret 2026.",
        "Hasil pengujian sebagaimana terlampir kami sampaikan untuk mendapat persetujuan dan penetapan "
        "lebih lanjut. Demikian kami sampaikan, atas perhatiannya diucapkan terima kasih.",
    ],
}


def build(*, body: Any, case: Any = None, data: dict[str, Any]) -> dict[str, Any]:
    defaults = dict(STANDARD)
    if case is not None:
        defaults["hal"] = str(case)
    return merge(defaults, data)
