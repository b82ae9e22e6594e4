"""Exemption grounds as data (DOMAIN.md §3): UU 14/2008 Pasal 17 letters a–j with their sub-points and the
PP 61/2010 period rule of each, other statutes that close information (Pasal 17 huruf j), and the
Pasal 18(1) list of information that is never exempt, with a matcher that raises a warning the test team
must answer in writing.

Nothing here touches the database: the register (``models.Entry``) stores a letter and a sub-point number and
reads the texts and the rule from here, so a statute's wording is corrected in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _


class PeriodRule(StrEnum):
    """What PP 61/2010 says about how long a letter of Pasal 17 may keep information closed."""

    MAX_30_YEARS = "paling_lama_30_tahun"  # letter a (PP 61 Pasal 5): at most 30 years; ends in open court
    PER_STATUTE = "menurut_undang_undang"  # b, g, i, j: as the statute concerned sets
    AS_LONG_AS_NEEDED = "selama_diperlukan"  # c, d, e, f: as long as needed, concrete period set by the head
    PRIVACY = "selama_melindungi_privasi"  # h: as long as needed to protect privacy (consent / public office)


RULE_TEXT: dict[PeriodRule, Any] = {
    PeriodRule.MAX_30_YEARS: _(
        "Paling lama 30 (tiga puluh) tahun; berakhir bila dibuka dalam sidang pengadilan yang terbuka "
        "untuk umum (PP 61/2010 Pasal 5)."
    ),
    PeriodRule.PER_STATUTE: _("Sesuai ketentuan peraturan perundang-undangan yang bersangkutan."),
    PeriodRule.AS_LONG_AS_NEEDED: _(
        "Selama diperlukan; jangka waktu konkret ditetapkan oleh pimpinan Badan Publik dan ditinjau berkala."
    ),
    PeriodRule.PRIVACY: _(
        "Selama diperlukan untuk melindungi rahasia pribadi; dapat dibuka dengan persetujuan tertulis "
        "pemilik atau bila berkaitan dengan jabatan publik (UU 14/2008 Pasal 18 ayat (2))."
    ),
}


@dataclass(frozen=True)
class Ground:
    letter: str  # "a" … "j"
    text: str  # the ground as the statute words it (shortened to the operative clause)
    text_en: str
    points: tuple[str, ...]  # sub-points ("angka"), numbered from 1
    rule: PeriodRule

    @property
    def code(self) -> str:
        return f"17{self.letter}"

    def point(self, number: int | None) -> str:
        if not number:
            return ""
        if not 1 <= number <= len(self.points):
            raise KeyError(number)
        return self.points[number - 1]

    def citation(self, number: int | None = None) -> str:
        """ "Pasal 17 huruf h angka 2 UU 14/2008"."""
        angka = f" angka {number}" if number else ""
        return f"Pasal 17 huruf {self.letter}{angka} UU 14/2008"


GROUNDS: dict[str, Ground] = {
    g.letter: g
    for g in [
        Ground(
            "a",
            "menghambat proses penegakan hukum",
            "obstructs law enforcement",
            (
                "menghambat proses penyelidikan dan penyidikan suatu tindak pidana",
                "mengungkapkan identitas informan, pelapor, saksi, dan/atau korban yang mengetahui adanya "
                "tindak pidana",
                "mengungkapkan data intelijen kriminal dan rencana-rencana yang berhubungan dengan "
                "pencegahan dan penanganan segala bentuk kejahatan transnasional",
                "membahayakan keselamatan dan kehidupan penegak hukum dan/atau keluarganya",
                "membahayakan keamanan peralatan, sarana, dan/atau prasarana penegak hukum",
            ),
            PeriodRule.MAX_30_YEARS,
        ),
        Ground(
            "b",
            "mengganggu kepentingan perlindungan hak atas kekayaan intelektual dan perlindungan dari "
            "persaingan usaha tidak sehat",
            "harms intellectual property or fair competition",
            (),
            PeriodRule.PER_STATUTE,
        ),
        Ground(
            "c",
            "membahayakan pertahanan dan keamanan negara",
            "endangers national defence and security",
            (
                "strategi, intelijen, operasi, taktik dan teknik penyelenggaraan sistem pertahanan dan "
                "keamanan negara",
                "dokumen yang memuat strategi, intelijen, operasi, teknik dan taktik penyelenggaraan sistem "
                "pertahanan dan keamanan negara",
                "jumlah, komposisi, disposisi, atau dislokasi kekuatan dan kemampuan pertahanan dan keamanan "
                "negara serta rencana pengembangannya",
                "gambar dan data tentang situasi dan keadaan pangkalan dan/atau instalasi militer",
                "data perkiraan kemampuan militer dan pertahanan negara lain",
                "sistem persandian negara",
                "sistem intelijen negara",
            ),
            PeriodRule.AS_LONG_AS_NEEDED,
        ),
        Ground(
            "d",
            "mengungkapkan kekayaan alam Indonesia",
            "reveals Indonesia's natural resources",
            (),
            PeriodRule.AS_LONG_AS_NEEDED,
        ),
        Ground(
            "e",
            "merugikan ketahanan ekonomi nasional",
            "harms national economic resilience",
            (
                "rencana awal pembelian dan penjualan mata uang nasional atau asing, saham dan aset vital "
                "milik negara",
                "rencana awal perubahan nilai tukar, suku bunga, dan model operasi institusi keuangan",
                "rencana awal perubahan suku bunga bank, pinjaman pemerintah, perubahan pajak, tarif, atau "
                "pendapatan negara/daerah lainnya",
                "rencana awal penjualan atau pembelian tanah atau properti",
                "rencana awal investasi asing",
                "proses dan hasil pengawasan perbankan, asuransi, atau lembaga keuangan lainnya",
                "hal-hal yang berkaitan dengan proses pencetakan uang",
            ),
            PeriodRule.AS_LONG_AS_NEEDED,
        ),
        Ground(
            "f",
            "merugikan kepentingan hubungan luar negeri",
            "harms foreign relations",
            (
                "posisi, daya tawar dan strategi negara dalam negosiasi internasional",
                "korespondensi diplomatik antarnegara",
                "sistem komunikasi dan persandian yang dipergunakan dalam menjalankan hubungan internasional",
                "perlindungan dan pengamanan infrastruktur strategis Indonesia di luar negeri",
            ),
            PeriodRule.AS_LONG_AS_NEEDED,
        ),
        Ground(
            "g",
            "mengungkapkan isi akta otentik yang bersifat pribadi dan kemauan terakhir ataupun wasiat "
            "seseorang",
            "reveals private authentic deeds or wills",
            (),
            PeriodRule.PER_STATUTE,
        ),
        Ground(
            "h",
            "mengungkap rahasia pribadi",
            "reveals personal secrets",
            (
                "riwayat dan kondisi anggota keluarga",
                "riwayat, kondisi dan perawatan, pengobatan kesehatan fisik, dan psikis seseorang",
                "kondisi keuangan, aset, pendapatan, dan rekening bank seseorang",
                "hasil-hasil evaluasi sehubungan dengan kapabilitas, intelektualitas, dan rekomendasi "
                "kemampuan seseorang",
                "catatan yang menyangkut pribadi seseorang yang berkaitan dengan kegiatan satuan pendidikan "
                "formal dan satuan pendidikan nonformal",
            ),
            PeriodRule.PRIVACY,
        ),
        Ground(
            "i",
            "memorandum atau surat-surat antar Badan Publik atau intra Badan Publik yang menurut sifatnya "
            "dirahasiakan",
            "confidential inter- or intra-agency memoranda",
            (),
            PeriodRule.PER_STATUTE,
        ),
        Ground(
            "j",
            "informasi yang tidak boleh diungkapkan berdasarkan Undang-Undang",
            "barred by another statute",
            (),
            PeriodRule.PER_STATUTE,
        ),
    ]
}

# Letters whose exemption is not permanent (UU 14/2008 Pasal 20(1)): changed only by reclassification.
NOT_PERMANENT = frozenset("abcdef")
# Letters that need the statute named (the period or the ground itself comes from it).
NEEDS_STATUTE = frozenset(g.letter for g in GROUNDS.values() if g.rule == PeriodRule.PER_STATUTE)

# Other statutes bodies cite as grounds (Pasal 17 huruf j) or for the period of b, g and i: suggestions for
# the form; any statute may be named.
OTHER_STATUTES: tuple[str, ...] = (
    "UU Nomor 43 Tahun 2009 tentang Kearsipan",
    "UU Nomor 29 Tahun 2004 tentang Praktik Kedokteran (rahasia kedokteran)",
    "UU Nomor 17 Tahun 2023 tentang Kesehatan",
    "UU Nomor 24 Tahun 2013 tentang Perubahan atas UU Nomor 23 Tahun 2006 tentang Administrasi Kependudukan",
    "UU Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi",
    "UU Nomor 28 Tahun 2007 tentang Ketentuan Umum dan Tata Cara Perpajakan (rahasia wajib pajak)",
    "UU Nomor 35 Tahun 2014 tentang Perubahan atas UU Nomor 23 Tahun 2002 tentang Perlindungan Anak",
    "UU Nomor 30 Tahun 2000 tentang Rahasia Dagang",
    "UU Nomor 5 Tahun 1999 tentang Larangan Praktik Monopoli dan Persaingan Usaha Tidak Sehat",
)


def ground(letter: str) -> Ground:
    try:
        return GROUNDS[(letter or "").strip().lower()]
    except KeyError:
        raise KeyError(letter) from None


def choices() -> list[tuple[str, str]]:
    return [(g.letter, f"{g.letter}. {g.text}") for g in GROUNDS.values()]


def point_choices() -> list[tuple[str, str]]:
    """("h2", "h angka 2: riwayat, kondisi …") for every sub-point: the form's second list."""
    out = []
    for g in GROUNDS.values():
        for i, text in enumerate(g.points, start=1):
            out.append((f"{g.letter}{i}", f"{g.letter} angka {i}: {text}"))
    return out


# -- Pasal 18(1): never exempt -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NeverExempt:
    code: str  # "18.1.a"
    text: str
    patterns: tuple[str, ...]  # regular expressions on the folded title/description


NEVER_EXEMPT: tuple[NeverExempt, ...] = (
    NeverExempt(
        "18.1.a",
        "putusan badan peradilan",
        (r"\bputusan (pengadilan|badan peradilan|hakim|mahkamah|pn|pt|ma)\b", r"\bamar putusan\b"),
    ),
    NeverExempt(
        "18.1.b",
        "ketetapan, keputusan, peraturan, surat edaran, ataupun bentuk kebijakan lain, baik yang tidak "
        "berlaku mengikat maupun mengikat ke dalam ataupun ke luar serta pertimbangan lembaga penegak hukum",
        (
            r"\b(peraturan|perda|perwali|perbup|pergub|perkada)\b",
            r"\bsurat edaran\b",
            r"\b(surat )?keputusan (wali ?kota|bupati|gubernur|kepala)\b",
            r"\bkebijakan\b",
        ),
    ),
    NeverExempt(
        "18.1.c",
        "surat perintah penghentian penyidikan atau penuntutan",
        (r"\bpenghentian (penyidikan|penuntutan)\b", r"\bsp3\b", r"\bskpp\b"),
    ),
    NeverExempt(
        "18.1.d",
        "rencana pengeluaran tahunan lembaga penegak hukum",
        (r"\brencana (pengeluaran|anggaran)\b.*\b(penegak hukum|kepolisian|kejaksaan|satpol)\b",),
    ),
    NeverExempt(
        "18.1.e",
        "laporan keuangan tahunan lembaga penegak hukum",
        (r"\blaporan keuangan\b.*\b(penegak hukum|kepolisian|kejaksaan|satpol)\b",),
    ),
    NeverExempt(
        "18.1.f",
        "laporan hasil pengembalian uang hasil korupsi",
        (r"\b(pengembalian|pemulihan) (uang|aset|kerugian)\b.*\bkorupsi\b", r"\buang pengganti\b"),
    ),
    NeverExempt(
        "18.1.g",
        "informasi lain yang telah dinyatakan terbuka bagi masyarakat berdasarkan mekanisme keberatan "
        "dan/atau penyelesaian sengketa (Pasal 11 ayat (2))",
        (r"\bputusan komisi informasi\b", r"\b(hasil|putusan) (keberatan|sengketa informasi)\b"),
    ),
)


@dataclass(frozen=True)
class ExemptionWarning:
    code: str
    text: str
    matched: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "text": self.text, "matched": self.matched}


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").casefold()).strip()


def never_exempt_warnings(*texts: str) -> list[ExemptionWarning]:
    """The Pasal 18(1) items the texts look like: each a warning the team must answer in writing before an
    item so worded can be exempted (a matcher errs on the side of asking)."""
    folded = " | ".join(_fold(t) for t in texts if t)
    out: list[ExemptionWarning] = []
    for rule in NEVER_EXEMPT:
        for pattern in rule.patterns:
            found = re.search(pattern, folded)
            if found:
                out.append(ExemptionWarning(rule.code, rule.text, found.group(0)))
                break
    return out


def warning_text(warnings: list[dict[str, str]]) -> str:
    """One Indonesian line per warning, for forms and error messages."""
    return "; ".join(
        str(_('mirip Pasal 18 ayat (1) %(code)s (%(text)s): "%(matched)s"'))
        % {"code": w["code"][-1], "text": w["text"][:80], "matched": w["matched"]}
        for w in warnings
    )
