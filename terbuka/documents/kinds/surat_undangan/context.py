"""Surat undangan: an invitation, e.g. to the consequence-test meeting (day, date, time, place, agenda)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from terbuka.documents.kinds.common import merge

TITLE = "Surat Undangan"
FIELDS = [
    ("yth", gettext_noop("Kepada (Yth.)"), "text"),
    ("hal", gettext_noop("Hal"), "text"),
    ("sifat", gettext_noop("Sifat"), "text"),
    ("lampiran", gettext_noop("Lampiran"), "text"),
    ("isi", gettext_noop("Pembuka (satu paragraf per baris)"), "lines"),
    ("acara.hari_tanggal", gettext_noop("Hari/tanggal"), "text"),
    ("acara.waktu", gettext_noop("Waktu"), "text"),
    ("acara.tempat", gettext_noop("Tempat"), "text"),
    ("acara.agenda", gettext_noop("Acara"), "text"),
    ("penutup", gettext_noop("Penutup (satu paragraf per baris)"), "lines"),
    ("tembusan", gettext_noop("Tembusan (satu per baris)"), "lines"),
]
REQUIRED = ["yth", "hal", "acara.hari_tanggal", "acara.waktu", "acara.tempat", "acara.agenda"]
STANDARD: dict[str, Any] = {
    "yth": "",
    "di": "Tempat",
    "sifat": "Biasa",
    "lampiran": "-",
    "hal": "Undangan",
    "isi": [
        "Dengan hormat, kami mengundang Bapak/Ibu untuk hadir pada acara yang akan dilaksanakan pada:",
    ],
    "acara": {"hari_tanggal": "", "waktu": "", "tempat": "", "agenda": ""},
    "penutup": [
        "Mengingat pentingnya acara tersebut, kami mohon kehadiran Bapak/Ibu tepat pada waktunya. Atas "
        "perhatiannya diucapkan terima kasih.",
    ],
    "tembusan": [],
}
EXAMPLE: dict[str, Any] = {
    "yth": "Anggota Tim Uji Konsekuensi Pemerintah Kota Serang (daftar terlampir)",
    "sifat": "Segera",
    "lampiran": "1 (satu) lembar",
    "hal": "Undangan Rapat Pengujian Konsekuensi Informasi",
    "isi": [
        "Dalam rangka penetapan Daftar Informasi yang Dikecualikan Tahun 2026 di lingkungan Pemerintah Kota "
        "Serang, dengan hormat kami mengundang Bapak/Ibu untuk hadir pada rapat pengujian konsekuensi yang "
        "akan dilaksanakan pada:",
    ],
    "acara": {
        "hari_tanggal": "Kamis, 19 Maret 2026",
        "waktu": "09.00 WIB s.d. selesai",
        "tempat": "Ruang Rapat Dinas Komunikasi dan Informatika, Jl. Jenderal Sudirman No. 5, Serang",
        "agenda": "Pengujian konsekuensi atas usulan informasi yang dikecualikan dari PPID Pembantu",
    },
    "penutup": [
        "Mengingat pentingnya acara tersebut, kami mohon kehadiran Bapak/Ibu tepat pada waktunya dengan "
        "membawa bahan usulan masing-masing. Atas perhatiannya diucapkan terima kasih.",
    ],
    "tembusan": ["Sekretaris Daerah Kota Serang selaku Atasan PPID"],
}


def build(*, body: Any, case: Any = None, data: dict[str, Any]) -> dict[str, Any]:
    return merge(STANDARD, data)
