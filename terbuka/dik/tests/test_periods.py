"""Every kind of exemption period computes its end or review date; letter a is capped at 30 years."""

from __future__ import annotations

import datetime as dt

import pytest

from terbuka.dik.grounds import GROUNDS, NEVER_EXEMPT, PeriodRule, never_exempt_warnings
from terbuka.dik.periods import Period, PeriodKind, add_years

D = dt.date


def test_until_a_date():
    p = Period(PeriodKind.SAMPAI_TANGGAL, letter="b", until=D(2027, 12, 31))
    assert p.problems() == []
    assert p.end() == D(2027, 12, 31)
    assert p.watch_date() == D(2027, 12, 31)
    assert "31 Desember 2027" in p.describe()


def test_until_a_date_needs_the_date():
    assert Period(PeriodKind.SAMPAI_TANGGAL, letter="b").problems()


def test_years_from_a_start():
    p = Period(PeriodKind.TAHUN, letter="h", years=5, start=D(2026, 3, 16))
    assert p.problems() == []
    assert p.end() == D(2031, 3, 16)
    assert "5 tahun sejak 16 Maret 2026" in p.describe()


def test_years_from_29_february():
    assert add_years(D(2028, 2, 29), 1) == D(2029, 2, 28)
    assert Period(PeriodKind.TAHUN, letter="e", years=1, start=D(2028, 2, 29)).end() == D(2029, 2, 28)


def test_letter_a_is_capped_at_30_years():
    ok = Period(PeriodKind.TAHUN, letter="a", years=30, start=D(2026, 1, 2))
    assert ok.problems() == [] and ok.end() == D(2056, 1, 2)
    too_long = Period(PeriodKind.TAHUN, letter="a", years=31, start=D(2026, 1, 2))
    assert any("30 tahun" in m for m in too_long.problems())
    # the same 31 years is fine for a letter without the cap
    assert Period(PeriodKind.TAHUN, letter="c", years=31, start=D(2026, 1, 2)).problems() == []
    late_date = Period(PeriodKind.SAMPAI_TANGGAL, letter="a", start=D(2026, 1, 2), until=D(2056, 1, 3))
    assert any("2 Januari 2056" in m for m in late_date.problems())
    assert any(
        "30 tahun" in m
        for m in Period(PeriodKind.SELAMA_DIPERLUKAN, letter="a", review_on=D(2030, 1, 1)).problems()
    )


def test_until_an_event_is_closed_by_the_recorded_event():
    p = Period(PeriodKind.SAMPAI_PERISTIWA, letter="b", event="pengumuman pemenang tender")
    assert p.problems() == []
    assert p.end() is None and p.event_pending()
    closed = p.with_event(D(2026, 7, 1))
    assert closed.end() == D(2026, 7, 1) and not closed.event_pending()
    assert "terjadi 1 Juli 2026" in closed.describe()
    assert Period(PeriodKind.SAMPAI_PERISTIWA, letter="b").problems()


def test_an_event_under_letter_a_still_ends_within_30_years():
    p = Period(
        PeriodKind.SAMPAI_PERISTIWA, letter="a", event="dibuka dalam sidang pengadilan", start=D(2026, 5, 4)
    )
    assert p.problems() == []
    assert p.end() == D(2056, 5, 4)  # not yet happened: the cap
    assert p.with_event(D(2027, 2, 1)).end() == D(2027, 2, 1)
    assert "paling lama 4 Mei 2056" in p.describe()


def test_as_long_as_needed_with_a_review_date():
    p = Period(
        PeriodKind.SELAMA_DIPERLUKAN, letter="h", review_on=D(2029, 3, 16), review_by="Wali Kota Serang"
    )
    assert p.problems() == []
    assert p.end() is None
    assert p.next_review() == D(2029, 3, 16)
    assert p.watch_date() == D(2029, 3, 16)
    assert "ditinjau 16 Maret 2029 (ditetapkan Wali Kota Serang)" in p.describe()
    assert any("peninjauan" in m for m in Period(PeriodKind.SELAMA_DIPERLUKAN, letter="h").problems())


def test_per_a_named_statute():
    p = Period(PeriodKind.MENURUT_UU, letter="g", statute="UU Nomor 43 Tahun 2009 tentang Kearsipan")
    assert p.problems() == [] and p.end() is None
    with_years = Period(
        PeriodKind.MENURUT_UU, letter="g", statute="UU Nomor 43 Tahun 2009", years=25, start=D(2026, 1, 5)
    )
    assert with_years.end() == D(2051, 1, 5)
    assert with_years.describe() == "Menurut UU Nomor 43 Tahun 2009 (25 tahun, sampai 5 Januari 2051)"
    assert Period(PeriodKind.MENURUT_UU, letter="g").problems()
    # letters whose period follows a statute cannot be "as long as needed"
    assert Period(PeriodKind.SELAMA_DIPERLUKAN, letter="i", review_on=D(2030, 1, 1)).problems()


def test_unknown_kind():
    assert Period("selamanya").problems()


def test_grounds_are_the_ten_letters_with_their_rules():
    assert "".join(GROUNDS) == "abcdefghij"
    assert [len(GROUNDS[x].points) for x in "acefh"] == [5, 7, 7, 4, 5]
    assert GROUNDS["a"].rule == PeriodRule.MAX_30_YEARS
    assert {x for x, g in GROUNDS.items() if g.rule == PeriodRule.AS_LONG_AS_NEEDED} == set("cdef")
    assert GROUNDS["h"].citation(2) == "Pasal 17 huruf h angka 2 UU 14/2008"
    with pytest.raises(KeyError):
        GROUNDS["h"].point(6)


def test_never_exempt_matcher():
    assert len(NEVER_EXEMPT) == 7
    found = never_exempt_warnings("Salinan putusan pengadilan perkara tanah")
    assert [w.code for w in found] == ["18.1.a"]
    assert [w.code for w in never_exempt_warnings("Peraturan Wali Kota tentang tarif parkir")] == ["18.1.b"]
    assert never_exempt_warnings("Rekam medis pasien Puskesmas") == []
