"""Surat keputusan on the DIK, by the regional head (provinsi/kabupaten/kota) or by the PPID (other bodies),
with the DIK as its lampiran table."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from terbuka.documents.kinds.common import merge, year_of

TITLE = "Surat Keputusan tentang Daftar Informasi yang Dikecualikan"
REGISTER = True
KLASIFIKASI = "100.3.3.2"
FIELDS = [
    ("tentang", gettext_noop("Tentang"), "text"),
    (
        "daftar",
        "Daftar (informasi | unit | dasar hukum | konsekuensi | pertimbangan | jangka waktu | tanggal uji | "
        "nomor SK | status)",
        "rows:informasi,unit,dasar_hukum,konsekuensi,pertimbangan,jangka_waktu,tanggal_uji,nomor_sk,status",
    ),
    ("tembusan", gettext_noop("Tembusan (satu per baris)"), "lines"),
]
REGIONS = {"provinsi", "kabupaten", "kota"}

REQUIRED = ["daftar"]
# The statutory considerations; the diktum and the title are derived from the body (see build()).
STANDARD: dict[str, Any] = {
    "hal": "Keputusan tentang Daftar Informasi yang Dikecualikan",
    "kop": {"kepala": ""},
    "pejabat_penetap": "",
    "tentang": "",
    "menimbang": [
        {
            "tanda": "a.",
            "teks": "bahwa berdasarkan Pasal 17 Undang-Undang Nomor 14 Tahun 2008 tentang "
            "Keterbukaan Informasi Publik, terdapat informasi publik yang dikecualikan;",
        },
        {
            "tanda": "b.",
            "teks": "bahwa Tim Uji Konsekuensi telah melakukan pengujian konsekuensi atas usulan "
            "informasi yang dikecualikan dari PPID Pembantu;",
        },
        {
            "tanda": "c.",
            "teks": "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, "
            "perlu menetapkan Keputusan tentang Daftar Informasi yang Dikecualikan;",
        },
    ],
    "mengingat": [
        {"tanda": "1.", "teks": "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;"},
        {
            "tanda": "2.",
            "teks": "Peraturan Pemerintah Nomor 61 Tahun 2010 tentang Pelaksanaan Undang-Undang "
            "Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;",
        },
        {
            "tanda": "3.",
            "teks": "Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik;",
        },
    ],
    "menetapkan": "",
    "diktum": [],  # KESATU names the body (see diktum()), then the fixed ones below
    "diktum_tetap": [
        {
            "label": "KEDUA",
            "teks": "Informasi sebagaimana dimaksud dalam Diktum KESATU dikecualikan untuk jangka "
            "waktu sebagaimana tercantum dalam Lampiran dan menjadi "
            "informasi publik setelah jangka waktu berakhir.",
        },
        {"label": "KETIGA", "teks": "Keputusan ini mulai berlaku pada tanggal ditetapkan."},
    ],
    "daftar": [],
    "tembusan": [],
}

EXAMPLE: dict[str, Any] = {
    "kop": {"kepala": "WALI KOTA SERANG"},
    "pejabat_penetap": "WALI KOTA SERANG",
    "ttd": {
        "an": "",
        "jabatan": "WALI KOTA SERANG",
        "nama": "H. Budi Rustandi",
        "pangkat": "",
        "nip": "",
        "tanda": "",
    },
    "nomor_register": "400.14/Kep.45-Diskominfo/2026",
    "tentang": "DAFTAR INFORMASI YANG DIKECUALIKAN DI LINGKUNGAN PEMERINTAH KOTA SERANG TAHUN 2026",
    "menetapkan": "KEPUTUSAN WALI KOTA SERANG TENTANG DAFTAR INFORMASI YANG DIKECUALIKAN DI LINGKUNGAN "
    "PEMERINTAH KOTA SERANG TAHUN 2026.",
    "diktum": [],
    "daftar": [
        {
            "informasi": "Rekam medis pasien Puskesmas dan RSUD",
            "unit": "Dinas Kesehatan",
            "dasar_hukum": "Pasal 17 huruf h angka 2 UU 14/2008",
            "konsekuensi": "Mengungkap rahasia pribadi pasien",
            "pertimbangan": "Melindungi privasi pasien",
            "jangka_waktu": "Selama diperlukan; ditinjau 16-03-2031",
            "tanggal_uji": "16-03-2026",
            "nomor_sk": "400.14/Kep.45-Diskominfo/2026",
            "status": "Berlaku",
        },
        {
            "informasi": "Dokumen penawaran lelang sebelum pengumuman pemenang",
            "unit": "Bagian Pengadaan Barang/Jasa",
            "dasar_hukum": "Pasal 17 huruf b UU 14/2008",
            "konsekuensi": "Mengganggu persaingan usaha yang sehat",
            "pertimbangan": "Menjaga persaingan usaha yang sehat",
            "jangka_waktu": "Sampai pengumuman pemenang",
            "tanggal_uji": "16-03-2026",
            "nomor_sk": "400.14/Kep.45-Diskominfo/2026",
            "status": "Berlaku",
        },
    ],
    "tembusan": [
        "Ketua Komisi Informasi Provinsi Banten",
        "Sekretaris Daerah Kota Serang selaku Atasan PPID",
    ],
}


def penetap(body: Any) -> tuple[str, bool]:
    """Who decrees the DIK: the regional head for provinsi/kabupaten/kota with a head title, else the PPID."""
    if body is not None and body.kind in REGIONS and body.head_title:
        return body.head_title.upper(), True
    name = body.name.upper() if body is not None else ""
    return f"PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI {name}".strip(), False


def diktum(badan: str) -> list[dict[str, str]]:
    """The standard diktum of the DIK decree, naming the body."""
    return [
        {
            "label": "KESATU",
            "teks": f"Menetapkan Daftar Informasi yang Dikecualikan di Lingkungan {badan} sebagaimana "
            "tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.",
        },
        *STANDARD["diktum_tetap"],
    ]


EXAMPLE["diktum"] = diktum("Pemerintah Kota Serang")


def build(*, body: Any, case: Any = None, data: dict[str, Any]) -> dict[str, Any]:
    who, is_head = penetap(body)
    badan = body.name if body is not None else ""
    tentang = f"DAFTAR INFORMASI YANG DIKECUALIKAN DI LINGKUNGAN {badan.upper()} TAHUN {year_of(body, data)}"
    defaults = {
        **STANDARD,
        "kop": {"kepala": who if is_head else ""},
        "pejabat_penetap": who,
        "tentang": tentang,
        "menetapkan": f"KEPUTUSAN {who} TENTANG {tentang}.",
        "diktum": diktum(badan),
    }
    return merge(defaults, data)
