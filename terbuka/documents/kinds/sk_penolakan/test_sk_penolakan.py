"""The sk_penolakan kind renders its sample with the official parts in place."""

from terbuka.documents.kinds import get
from terbuka.documents.tests.helpers import check_sample


def test_sk_penolakan_sample_renders() -> None:
    sample = get("sk_penolakan").sample
    text = check_sample(
        "sk_penolakan",
        [
            "SURAT KEPUTUSAN PPID",
            "TENTANG PENOLAKAN PERMOHONAN INFORMASI",
            "INFORMASI YANG DIKECUALIKAN",
            "Pasal 17 huruf h angka 2",
            "PERMOHONAN INFORMASI DITOLAK",
            "30 (tiga puluh) hari kerja",
            "Atasan PPID (Sekretaris Daerah Kota Serang)",
        ],
    )
    assert sample["ttd"]["nama"] in text
