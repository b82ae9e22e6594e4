"""The lembar_uji_konsekuensi kind renders its sample with the official parts in place."""

from terbuka.documents.kinds import get
from terbuka.documents.tests.helpers import check_sample


def test_lembar_uji_konsekuensi_sample_renders() -> None:
    sample = get("lembar_uji_konsekuensi").sample
    text = check_sample(
        "lembar_uji_konsekuensi",
        [
            "LEMBAR PENGUJIAN KONSEKUENSI",
            "Pada hari ini Senin tanggal enam belas bulan Maret tahun dua ribu dua puluh enam",
            "telah dilakukan pengujian konsekuensi",
            "Konsekuensi apabila Dibuka",
            "Pertimbangan apabila Ditutup",
            "Jangka Waktu Pengecualian",
            "Rekam medis pasien",
            "Dedi Supriadi, S.H., M.H.",
            "Siti Nurhaliza, S.KM.",
            "Undang-Undang",
            "Huruf",
            "Angka",
        ],
    )
    assert sample["ttd"]["nama"] in text
