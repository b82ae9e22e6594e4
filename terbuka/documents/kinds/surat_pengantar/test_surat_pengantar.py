"""The surat_pengantar kind renders its sample with the official parts in place."""

from terbuka.documents.kinds import get
from terbuka.documents.tests.helpers import check_sample


def test_surat_pengantar_sample_renders() -> None:
    sample = get("surat_pengantar").sample
    text = check_sample(
        "surat_pengantar",
        [
            "SURAT PENGANTAR",
            "Yth. Ketua Komisi Informasi Provinsi Banten",
            "Berita Acara Pengujian Konsekuensi",
            "Diterima tanggal",
        ],
    )
    assert sample["ttd"]["nama"] in text
