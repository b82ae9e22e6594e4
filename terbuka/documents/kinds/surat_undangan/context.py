"""Surat undangan: an invitation, e.g. to the consequence-test meeting (day, date, time, place, agenda)."""

from __future__ import annotations

from typing import Any

from terbuka.documents.kinds.common import merge

TITLE = "Surat Undangan"
FIELDS = [
    ("yth", "Kepada (Yth.)", "text"),
    ("hal", "Hal", "text"),
    ("acara.hari_tanggal", "Hari/tanggal", "text"),
    ("acara.waktu", "Waktu", "text"),
    ("acara.tempat", "Tempat", "text"),
    ("acara.agenda", "Acara", "text"),
    ("tembusan", "Tembusan (satu per baris)", "lines"),
]
SAMPLE: dict[str, Any] = {
    "yth": "Anggota Tim Uji Konsekuensi Pemerintah Kota Serang (daftar terlampir)",
    "di": "Tempat",
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
    return merge(SAMPLE, data)
