"""The tanda_terima kind renders its sample with the official parts in place."""

from terbuka.documents.kinds import get
from terbuka.documents.tests.helpers import check_sample


def test_tanda_terima_sample_renders() -> None:
    sample = get("tanda_terima").sample
    text = check_sample(
        "tanda_terima",
        ["TANDA TERIMA", "PI/2026/03/0042", "Budi Santoso", "Batas waktu jawaban", "Pemohon Informasi,"],
    )
    assert sample["ttd"]["nama"] in text
