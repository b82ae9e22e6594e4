"""Surat keputusan PPID tentang penolakan permohonan informasi: Pasal 17 ground, consequence, and the
right to object to the Atasan PPID within 30 working days."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from terbuka.documents.kinds.common import merge

TITLE = "SK PPID tentang Penolakan Permohonan Informasi"
REGISTER = True
FIELDS = [
    ("registrasi", gettext_noop("Nomor pendaftaran"), "text"),
    ("pemohon.nama", gettext_noop("Nama pemohon"), "text"),
    ("pemohon.alamat", gettext_noop("Alamat"), "text"),
    ("pemohon.kontak", gettext_noop("Telepon/surel"), "text"),
    ("informasi", gettext_noop("Informasi yang dibutuhkan"), "text"),
    ("tujuan", gettext_noop("Tujuan penggunaan"), "text"),
    ("alasan", gettext_noop("Alasan (Pasal 17, satu per baris)"), "lines"),
    ("konsekuensi", gettext_noop("Konsekuensi bila dibuka (satu per baris)"), "lines"),
    ("atasan_ppid", gettext_noop("Jabatan Atasan PPID (kosongkan: dari struktur badan)"), "text"),
]
REQUIRED = ["registrasi", "pemohon.nama", "informasi", "alasan", "konsekuensi"]
# The 30-working-day objection right to the Atasan PPID is printed by the template in every decree.
STANDARD: dict[str, Any] = {
    "hal": "Penolakan Permohonan Informasi",
    "registrasi": "",
    "pemohon": {"nama": "", "alamat": "", "kontak": ""},
    "informasi": "",
    "tujuan": "",
    "alasan": [],
    "konsekuensi": [],
    "atasan_ppid": "",
}
EXAMPLE: dict[str, Any] = {
    "registrasi": "PI/2026/03/0051",
    "pemohon": {
        "nama": "Andi Wijaya",
        "alamat": "Jl. Ahmad Yani No. 88, Kota Serang",
        "kontak": "0813-0000-5678 / andi@example.id",
    },
    "informasi": "Salinan rekam medis seorang pasien RSUD atas nama pihak ketiga",
    "tujuan": "Keperluan pribadi",
    "alasan": [
        "Pasal 17 huruf h angka 2 Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik "
        "(riwayat, kondisi dan perawatan kesehatan seseorang)"
    ],
    "konsekuensi": [
        "Membuka informasi tersebut mengungkap rahasia pribadi pasien dan melanggar hak privasi "
        "yang dilindungi undang-undang."
    ],
    "atasan_ppid": "Sekretaris Daerah Kota Serang",
}


def atasan_ppid_title(body: Any) -> str:
    """The title of the position that holds the Atasan PPID role in the body (Sekretaris Daerah in most
    regions, but not everywhere); "" when the body has not set one up."""
    if body is None:
        return ""
    from terbuka.core.models import Position
    from terbuka.core.roles import Role

    position = (
        Position.objects.filter(body=body, is_active=True, roles__role=Role.ATASAN_PPID)
        .order_by("pk")
        .first()
    )
    return position.title if position is not None else ""


def build(*, body: Any, case: Any = None, data: dict[str, Any]) -> dict[str, Any]:
    given = {k: v for k, v in data.items() if not (k == "atasan_ppid" and not str(v).strip())}
    return merge({**STANDARD, "atasan_ppid": atasan_ppid_title(body) or "Atasan PPID"}, given)
