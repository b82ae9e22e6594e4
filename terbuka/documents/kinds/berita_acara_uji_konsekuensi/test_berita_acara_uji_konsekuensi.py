"""The berita_acara_uji_konsekuensi kind renders its sample with the official parts in place."""

from terbuka.documents.kinds import get
from terbuka.documents.tests.helpers import check_sample


def test_berita_acara_uji_konsekuensi_sample_renders() -> None:
    sample = get("berita_acara_uji_konsekuensi").sample
    text = check_sample(
        "berita_acara_uji_konsekuensi",
        [
            "BERITA ACARA",
            "PENGUJIAN KONSEKUENSI INFORMASI PUBLIK",
            "NOMOR: 400.14/7/Diskominfo/III/2026",
            "Pada hari ini Senin",
            "Terbuka (tidak lolos uji)",
            "TIM UJI KONSEKUENSI",
        ],
    )
    assert sample["ttd"]["nama"] in text
