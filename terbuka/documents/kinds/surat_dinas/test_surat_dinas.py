"""The surat_dinas kind renders its sample with the official parts in place."""

from terbuka.documents.kinds import get
from terbuka.documents.tests.helpers import check_sample


def test_surat_dinas_sample_renders() -> None:
    sample = get("surat_dinas").sample
    text = check_sample(
        "surat_dinas",
        [
            "Nomor",
            "400.14/7/Diskominfo/III/2026",
            "Yth. Kepala Perangkat Daerah",
            "Usulan Daftar Informasi yang Dikecualikan Tahun 2026",
            "Serang, 16 Maret 2026",
            "Tembusan:",
            "1. Wali Kota Serang (sebagai laporan);",
            "NIP. 19750312 199903 2 004",
            "PEMERINTAH KOTA SERANG",
        ],
    )
    assert sample["ttd"]["nama"] in text
