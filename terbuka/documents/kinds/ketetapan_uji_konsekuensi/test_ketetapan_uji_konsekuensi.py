"""The ketetapan_uji_konsekuensi kind renders its sample with the official parts in place."""

from terbuka.documents.kinds import get
from terbuka.documents.tests.helpers import check_sample


def test_ketetapan_uji_konsekuensi_sample_renders() -> None:
    sample = get("ketetapan_uji_konsekuensi").sample
    text = check_sample(
        "ketetapan_uji_konsekuensi",
        [
            "KETETAPAN PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI KOTA SERANG",
            "Menimbang",
            "Mengingat",
            "MEMUTUSKAN:",
            "KESATU",
            "Ditetapkan di",
        ],
    )
    assert sample["ttd"]["nama"] in text
