"""What every kind shares: the common context keys, sample values, and Indonesian wording helpers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from terbuka.core.workdays import MONTH_NAMES, WEEKDAY_NAMES, format_date_id

_ONES = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
         "sebelas"]  # fmt: skip


def terbilang(n: int) -> str:
    """Numbers in Indonesian words: 2026 -> "dua ribu dua puluh enam"."""
    if n < 0:
        return "minus " + terbilang(-n)
    if n < 12:
        return _ONES[n] if n else "nol"
    if n < 20:
        return f"{_ONES[n - 10]} belas"
    if n < 100:
        rest = n % 10
        return f"{_ONES[n // 10]} puluh" + (f" {_ONES[rest]}" if rest else "")
    if n < 200:
        return "seratus" + (f" {terbilang(n - 100)}" if n > 100 else "")
    if n < 1000:
        rest = n % 100
        return f"{_ONES[n // 100]} ratus" + (f" {terbilang(rest)}" if rest else "")
    if n < 2000:
        return "seribu" + (f" {terbilang(n - 1000)}" if n > 1000 else "")
    if n < 1_000_000:
        rest = n % 1000
        return f"{terbilang(n // 1000)} ribu" + (f" {terbilang(rest)}" if rest else "")
    rest = n % 1_000_000
    return f"{terbilang(n // 1_000_000)} juta" + (f" {terbilang(rest)}" if rest else "")


def hari(day: dt.date) -> str:
    return WEEKDAY_NAMES[day.weekday()]


def tanggal_terbilang(day: dt.date) -> str:
    """The dated-preamble form: "enam belas bulan Maret tahun dua ribu dua puluh enam (16-03-2026)"."""
    return (
        f"{terbilang(day.day)} bulan {MONTH_NAMES[day.month - 1]} tahun {terbilang(day.year)} "
        f"({day:%d-%m-%Y})"
    )


SAMPLE_DATE = dt.date(2026, 3, 16)

# The keys the renderer fills for every kind (rendering.base_context); custom templates may use them.
COMMON_SAMPLE: dict[str, Any] = {
    "kop": {
        "logo": "",
        "pemerintah": "PEMERINTAH KOTA SERANG",
        "instansi": ["DINAS KOMUNIKASI DAN INFORMATIKA"],
        "alamat": "Jl. Jenderal Sudirman No. 5, Kota Serang, Banten 42111",
        "kontak": "Telepon (0254) 200001 · Surel ppid@serangkota.go.id · Laman ppid.serangkota.go.id",
        "kepala": "",
    },
    "badan": "Pemerintah Kota Serang",
    "badan_upper": "PEMERINTAH KOTA SERANG",
    "nomor": "400.14/7/Diskominfo/III/2026",
    "nomor_register": "",
    "sifat": "Biasa",
    "lampiran": "-",
    "hal": "",
    "tempat": "Serang",
    "tanggal": format_date_id(SAMPLE_DATE),
    "tahun": SAMPLE_DATE.year,
    "hari": hari(SAMPLE_DATE),
    "tanggal_terbilang": tanggal_terbilang(SAMPLE_DATE),
    "yth": "",
    "di": "Tempat",
    "isi": [],
    "ttd": {
        "an": "",
        "jabatan": "KEPALA DINAS KOMUNIKASI DAN INFORMATIKA",
        "nama": "Rina Wahyuni, S.Kom., M.Si.",
        "pangkat": "Pembina Tk. I (IV/b)",
        "nip": "19750312 199903 2 004",
        "tanda": "",
    },
    "paraf": [
        {
            "jabatan": "Kepala Bidang Informasi dan Komunikasi Publik",
            "nama": "Ahmad Fauzi",
            "tanda": "16-03-2026",
        },
    ],
    "tembusan": [],
    "qr": "",
    "verifikasi_teks": "Periksa keaslian: https://terbuka.example/verifikasi/contoh/",
}


def sample(kind_sample: dict[str, Any]) -> dict[str, Any]:
    """The full sample of a kind: the common keys overlaid with the kind's own."""
    return merge(COMMON_SAMPLE, kind_sample)


def merge(defaults: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """Kind defaults overlaid with given data (only keys given, one level deep for dicts)."""
    out = dict(defaults)
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


__all__ = [
    "COMMON_SAMPLE",
    "SAMPLE_DATE",
    "format_date_id",
    "hari",
    "merge",
    "sample",
    "tanggal_terbilang",
    "terbilang",
]
