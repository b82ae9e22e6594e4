"""The pemberitahuan_tertulis kind renders its sample with the official parts in place."""

from terbuka.documents.kinds import get
from terbuka.documents.tests.helpers import check_sample


def test_pemberitahuan_tertulis_sample_renders() -> None:
    sample = get("pemberitahuan_tertulis").sample
    text = check_sample(
        "pemberitahuan_tertulis",
        [
            "PEMBERITAHUAN TERTULIS",
            "Pasal 22 ayat (7)",
            "Badan Publik yang menguasai informasi",
            "Bagian informasi yang dihitamkan dan alasannya",
            "Biaya dan waktu penyediaan",
            "Budi Santoso",
        ],
    )
    assert sample["ttd"]["nama"] in text
