"""Surat dinas: an official letter, e.g. asking every PPID Pembantu to propose their DIK by a date."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from terbuka.documents.kinds.common import merge

TITLE = "Surat Dinas"
FIELDS = [
    ("yth", gettext_noop("Kepada (Yth.)"), "text"),
    ("di", gettext_noop("di"), "text"),
    ("hal", gettext_noop("Hal"), "text"),
    ("sifat", gettext_noop("Sifat"), "text"),
    ("lampiran", gettext_noop("Lampiran"), "text"),
    ("isi", gettext_noop("Isi (satu paragraf per baris)"), "lines"),
    ("tembusan", gettext_noop("Tembusan (satu per baris)"), "lines"),
]
REQUIRED = ["yth", "hal", "isi"]
STANDARD: dict[str, Any] = {
    "yth": "",
    "di": "Tempat",
    "sifat": "Biasa",
    "lampiran": "-",
    "hal": "",
    "isi": [],
    "tembusan": [],
}
EXAMPLE: dict[str, Any] = {
    "yth": "Kepala Perangkat Daerah selaku PPID Pembantu di Lingkungan Pemerintah Kota Serang",
    "sifat": "Penting",
    "lampiran": "1 (satu) berkas",
    "hal": "Usulan Daftar Informasi yang Dikecualikan Tahun 2026",
    "isi": [
        "Dalam rangka melaksanakan Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik "
        "dan Peraturan Pemerintah Nomor 61 Tahun 2010, Pemerintah Kota Serang akan menetapkan Daftar "
        "Informasi yang Dikecualikan (DIK) Tahun 2026 melalui pengujian konsekuensi.",
        "Sehubungan dengan hal tersebut, kami mohon Saudara selaku PPID Pembantu menyampaikan usulan "
        "informasi yang dikecualikan di unit kerja masing-masing dengan menggunakan format terlampir, "
        "paling lambat tanggal 30 Maret 2026 kepada PPID Utama melalui Dinas Komunikasi dan Informatika.",
        "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
    ],
    "tembusan": ["Wali Kota Serang (sebagai laporan)", "Sekretaris Daerah Kota Serang selaku Atasan PPID"],
}


def build(*, body: Any, case: Any = None, data: dict[str, Any]) -> dict[str, Any]:
    defaults = dict(STANDARD)
    if case is not None:
        defaults["hal"] = str(case)
    return merge(defaults, data)
