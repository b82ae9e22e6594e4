"""The pemberitahuan_perpanjangan kind renders its sample with the official parts in place."""

from terbuka.documents.kinds import get
from terbuka.documents.tests.helpers import check_sample


def test_pemberitahuan_perpanjangan_sample_renders() -> None:
    sample = get("pemberitahuan_perpanjangan").sample
    text = check_sample(
        "pemberitahuan_perpanjangan",
        [
            "Pemberitahuan Perpanjangan Waktu",
            "7 (tujuh) hari kerja",
            "Pasal 22 ayat (8)",
            "1. Informasi yang diminta berada pada beberapa unit kerja",
            "Kamis, 9 April 2026",
        ],
    )
    assert sample["ttd"]["nama"] in text


def test_extension_longer_than_seven_working_days_refused() -> None:
    import pytest
    from django.core.exceptions import ValidationError

    from terbuka.documents.kinds.pemberitahuan_perpanjangan.context import build

    assert build(body=None, data={"hari_perpanjangan": 7})["hari_perpanjangan"] == 7
    with pytest.raises(ValidationError, match="paling lama 7 hari kerja"):
        build(body=None, data={"hari_perpanjangan": 8})
