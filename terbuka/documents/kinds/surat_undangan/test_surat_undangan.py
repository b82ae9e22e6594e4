"""The surat_undangan kind renders its sample with the official parts in place."""

from terbuka.documents.kinds import get
from terbuka.documents.tests.helpers import check_sample


def test_surat_undangan_sample_renders() -> None:
    sample = get("surat_undangan").sample
    text = check_sample(
        "surat_undangan",
        [
            "Undangan Rapat Pengujian Konsekuensi Informasi",
            "Kamis, 19 Maret 2026",
            "09.00 WIB s.d. selesai",
            "Ruang Rapat Dinas Komunikasi",
            "Pengujian konsekuensi atas usulan",
        ],
    )
    assert sample["ttd"]["nama"] in text
