"""The nota_dinas kind renders its sample with the official parts in place."""

from terbuka.documents.kinds import get
from terbuka.documents.tests.helpers import check_sample


def test_nota_dinas_sample_renders() -> None:
    sample = get("nota_dinas").sample
    text = check_sample(
        "nota_dinas",
        [
            "NOTA DINAS",
            "400.14/7/Diskominfo/III/2026",
            "Yth.",
            "Sekretaris Daerah Kota Serang selaku Atasan PPID",
            "Laporan Pelaksanaan Pengujian Konsekuensi",
            "Paraf koordinasi",
        ],
    )
    assert sample["ttd"]["nama"] in text
