"""The dik kind renders its sample with the official parts in place."""

from terbuka.documents.kinds import get
from terbuka.documents.tests.helpers import check_sample


def test_dik_sample_renders() -> None:
    sample = get("dik").sample
    text = check_sample(
        "dik",
        [
            "DAFTAR INFORMASI YANG DIKECUALIKAN",
            "Konsekuensi apabila Dibuka",
            "Nomor SK",
            "Rekam medis pasien",
        ],
    )
    assert sample["ttd"]["nama"] in text
