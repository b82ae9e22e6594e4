"""The dip kind renders its sample with the official parts in place."""

from terbuka.documents.kinds import get
from terbuka.documents.tests.helpers import check_sample


def test_dip_sample_renders() -> None:
    sample = get("dip").sample
    text = check_sample(
        "dip",
        [
            "DAFTAR INFORMASI PUBLIK",
            "Ringkasan Isi Informasi",
            "Jangka Waktu Penyimpanan",
            "Laporan Keuangan Pemerintah Daerah",
            "Serta merta",
        ],
    )
    assert sample["ttd"]["nama"] in text
