"""The sk_dik kind renders its sample with the official parts in place."""

from terbuka.documents.kinds import get
from terbuka.documents.tests.helpers import check_sample


def test_sk_dik_sample_renders() -> None:
    sample = get("sk_dik").sample
    text = check_sample(
        "sk_dik",
        [
            "WALI KOTA SERANG",
            "KEPUTUSAN WALI KOTA SERANG",
            "NOMOR 400.14/Kep.45-Diskominfo/2026",
            "TENTANG",
            "MEMUTUSKAN:",
            "KETIGA",
            "LAMPIRAN",
            "DAFTAR INFORMASI YANG DIKECUALIKAN",
            "Dokumen penawaran lelang",
            "Ketua Komisi Informasi Provinsi Banten",
        ],
    )
    assert sample["ttd"]["nama"] in text
