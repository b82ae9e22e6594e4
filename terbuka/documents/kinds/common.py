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
# COMMON_STANDARD is what a real letter starts from (blank or standard wording only); COMMON_EXAMPLE holds
# example values for previews, template validation and tests, and never reaches a real letter.
COMMON_STANDARD: dict[str, Any] = {
    "kop": {"logo": "", "pemerintah": "", "instansi": [], "alamat": "", "kontak": "", "kepala": ""},
    "badan": "",
    "badan_upper": "",
    "nomor": "",
    "nomor_register": "",
    "sifat": "Biasa",
    "lampiran": "-",
    "hal": "",
    "tempat": "",
    "tanggal": "",
    "tahun": "",
    "hari": "",
    "tanggal_terbilang": "",
    "yth": "",
    "di": "Tempat",
    "isi": [],
    "ttd": {"an": "", "jabatan": "", "nama": "", "pangkat": "", "nip": "", "tanda": ""},
    "paraf": [],
    "tembusan": [],
    "qr": "",
    "verifikasi_teks": "",
}

COMMON_EXAMPLE: dict[str, Any] = {
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
    "tempat": "Serang",
    "tanggal": format_date_id(SAMPLE_DATE),
    "tahun": SAMPLE_DATE.year,
    "hari": hari(SAMPLE_DATE),
    "tanggal_terbilang": tanggal_terbilang(SAMPLE_DATE),
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
    "verifikasi_teks": "Periksa keaslian: https://terbuka.example/verifikasi/contoh/",
}


COMMON_SAMPLE: dict[str, Any] = {**COMMON_STANDARD, **COMMON_EXAMPLE}


def sample(kind_sample: dict[str, Any]) -> dict[str, Any]:
    """The full sample of a kind: the common keys overlaid with the kind's own (previews and tests only)."""
    return merge(COMMON_SAMPLE, kind_sample)


def is_blank(value: Any) -> bool:
    """An empty field: None, blank text, an empty list/dict, or a list of blank items."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return all(is_blank(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(is_blank(v) for v in value)
    return False


def lookup(data: dict[str, Any], dotted: str) -> Any:
    node: Any = data
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def leaf_strings(value: Any) -> set[str]:
    """Every text value inside a (nested) context, for tests that look for leaked example data."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(leaf_strings(v) for v in value.values())) if value else set()
    if isinstance(value, list | tuple):
        return set().union(*(leaf_strings(v) for v in value)) if value else set()
    return set()


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
    "COMMON_EXAMPLE",
    "COMMON_SAMPLE",
    "COMMON_STANDARD",
    "SAMPLE_DATE",
    "format_date_id",
    "hari",
    "is_blank",
    "leaf_strings",
    "lookup",
    "merge",
    "sample",
    "tanggal_terbilang",
    "terbilang",
    "year_of",
]


def year_of(body: Any, data: dict[str, Any]) -> int:
    """The year a letter speaks of: ``data["tahun"]`` when given, else this year in the body's time zone."""
    if data.get("tahun"):
        return int(data["tahun"])
    from terbuka.core.people import today_in

    return today_in(body).year
