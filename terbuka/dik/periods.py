"""Structured exemption periods (DOMAIN.md §3): never free text only.

Five kinds, each computing its end date or its next review date:

* ``sampai_tanggal``: until a date;
* ``tahun``: N years from a start date (Pasal 17 huruf a: at most 30 years, PP 61/2010 Pasal 5);
* ``sampai_peristiwa``: until an event, described, and closed when the event is recorded (for letter a the
  30-year cap still bounds it);
* ``selama_diperlukan``: as long as needed, with a review date set by the head of the body;
* ``menurut_uu``: as a named statute sets (optionally a number of years from a start date).

``Period`` is a plain value (no database): the register stores its fields on the entry and builds one with
``Entry.period``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terbuka.core.workdays import format_date_id

from .grounds import GROUNDS, PeriodRule

MAX_YEARS_A = 30


class PeriodKind(models.TextChoices):
    SAMPAI_TANGGAL = "sampai_tanggal", gettext_lazy("Sampai tanggal tertentu")
    TAHUN = "tahun", gettext_lazy("Sejumlah tahun sejak tanggal mulai")
    SAMPAI_PERISTIWA = "sampai_peristiwa", gettext_lazy("Sampai suatu peristiwa terjadi")
    SELAMA_DIPERLUKAN = "selama_diperlukan", gettext_lazy("Selama diperlukan, ditinjau pada tanggal tertentu")
    MENURUT_UU = "menurut_uu", gettext_lazy("Menurut undang-undang tertentu")


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later (29 February becomes 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Period:
    kind: str
    letter: str = ""  # the Pasal 17 letter the period belongs to (the 30-year cap of letter a)
    until: dt.date | None = None
    years: int | None = None
    start: dt.date | None = None
    event: str = ""
    event_on: dt.date | None = None  # the day the event was recorded as having happened
    review_on: dt.date | None = None
    review_by: str = ""  # the head of the body who set the review date (title)
    statute: str = ""

    # -- rules -----------------------------------------------------------------------------------------------
    def problems(self) -> list[str]:
        """Indonesian reasons this period cannot be recorded (empty when it is fine)."""
        out: list[str] = []
        kinds = PeriodKind.values
        if self.kind not in kinds:
            return [_("Jenis jangka waktu pengecualian tidak dikenal.")]
        letter = (self.letter or "").lower()
        if self.kind == PeriodKind.SAMPAI_TANGGAL and self.until is None:
            out.append(_("Jangka waktu 'sampai tanggal' wajib menyebut tanggalnya."))
        if self.kind == PeriodKind.TAHUN:
            if not self.years or self.years < 1:
                out.append(_("Jumlah tahun pengecualian wajib diisi (sekurang-kurangnya 1)."))
            if self.start is None:
                out.append(_("Tanggal mulai jangka waktu wajib diisi."))
        if self.kind == PeriodKind.SAMPAI_PERISTIWA and not self.event.strip():
            out.append(_("Uraikan peristiwa yang mengakhiri pengecualian."))
        if self.kind == PeriodKind.SELAMA_DIPERLUKAN and self.review_on is None:
            out.append(
                _("Jangka waktu 'selama diperlukan' wajib punya tanggal peninjauan yang ditetapkan pimpinan.")
            )
        if self.kind == PeriodKind.MENURUT_UU:
            if not self.statute.strip():
                out.append(_("Sebutkan undang-undang yang menetapkan jangka waktunya."))
            if self.years and self.start is None:
                out.append(_("Tanggal mulai wajib diisi bila undang-undang menetapkan jumlah tahun."))
        if self.start and self.until and self.until <= self.start:
            out.append(_("Tanggal akhir harus sesudah tanggal mulai."))
        if letter == "a":
            # PP 61/2010 Pasal 5: letter a closes information for at most 30 years.
            if self.kind in (PeriodKind.SELAMA_DIPERLUKAN, PeriodKind.MENURUT_UU):
                out.append(
                    _(
                        "Pasal 17 huruf a paling lama 30 tahun: tetapkan tanggal, jumlah tahun, atau "
                        "peristiwa (PP 61/2010 Pasal 5)."
                    )
                )
            if self.kind == PeriodKind.TAHUN and self.years and self.years > MAX_YEARS_A:
                out.append(_("Pasal 17 huruf a paling lama 30 tahun (PP 61/2010 Pasal 5)."))
            if self.kind in (PeriodKind.SAMPAI_TANGGAL, PeriodKind.SAMPAI_PERISTIWA) and self.start is None:
                out.append(_("Pasal 17 huruf a: tanggal mulai wajib diisi untuk menghitung batas 30 tahun."))
            cap = self.cap()
            if self.kind == PeriodKind.SAMPAI_TANGGAL and cap and self.until and self.until > cap:
                out.append(
                    _("Pasal 17 huruf a paling lama 30 tahun: paling lambat %(cap)s (PP 61/2010 Pasal 5).")
                    % {"cap": format_date_id(cap)}
                )
        rule = GROUNDS[letter].rule if letter in GROUNDS else None
        if rule == PeriodRule.PER_STATUTE and self.kind == PeriodKind.SELAMA_DIPERLUKAN:
            out.append(
                _("Huruf %(letter)s: jangka waktunya mengikuti undang-undang; sebutkan undang-undangnya.")
                % {"letter": letter}
            )
        return out

    def cap(self) -> dt.date | None:
        """The latest possible end (letter a: 30 years from the start), or None."""
        if (self.letter or "").lower() == "a" and self.start is not None:
            return add_years(self.start, MAX_YEARS_A)
        return None

    # -- computing -------------------------------------------------------------------------------------------
    def end(self) -> dt.date | None:
        """The day the exemption ends (the information is public from then on), when it is known."""
        cap = self.cap()
        end: dt.date | None = None
        if self.kind == PeriodKind.SAMPAI_TANGGAL:
            end = self.until
        elif self.kind == PeriodKind.TAHUN and self.start and self.years:
            end = add_years(self.start, self.years)
        elif self.kind == PeriodKind.SAMPAI_PERISTIWA:
            end = self.event_on or cap
        elif self.kind == PeriodKind.MENURUT_UU and self.start and self.years:
            end = add_years(self.start, self.years)
        if end is not None and cap is not None:
            end = min(end, cap)
        return end

    def next_review(self) -> dt.date | None:
        """The review date set by the head (``selama_diperlukan``; optional for the others)."""
        return self.review_on

    def watch_date(self) -> dt.date | None:
        """What the monitor watches: the end, else the review date."""
        return self.end() or self.next_review()

    def event_pending(self) -> bool:
        return self.kind == PeriodKind.SAMPAI_PERISTIWA and self.event_on is None

    def with_event(self, on: dt.date) -> Period:
        return replace(self, event_on=on)

    def describe(self) -> str:
        """The period in words, for the register, the lampiran and the public page."""
        end = self.end()
        if self.kind == PeriodKind.SAMPAI_TANGGAL and self.until:
            text = _("Sampai %(date)s") % {"date": format_date_id(end or self.until)}
        elif self.kind == PeriodKind.TAHUN and self.start:
            text = _("%(n)s tahun sejak %(start)s (sampai %(end)s)") % {
                "n": self.years,
                "start": format_date_id(self.start),
                "end": format_date_id(end) if end else "-",
            }
        elif self.kind == PeriodKind.SAMPAI_PERISTIWA:
            if self.event_on:
                text = _("Sampai %(event)s (terjadi %(date)s)") % {
                    "event": self.event,
                    "date": format_date_id(self.event_on),
                }
            else:
                text = _("Sampai %(event)s") % {"event": self.event}
                if end:
                    text += _("; paling lama %(date)s") % {"date": format_date_id(end)}
        elif self.kind == PeriodKind.SELAMA_DIPERLUKAN:
            text = _("Selama diperlukan")
        elif self.kind == PeriodKind.MENURUT_UU:
            text = _("Menurut %(statute)s") % {"statute": self.statute}
            if end and self.years:
                text += _(" (%(n)s tahun, sampai %(end)s)") % {"n": self.years, "end": format_date_id(end)}
        else:
            text = "-"
        if self.review_on:
            text += _("; ditinjau %(date)s") % {"date": format_date_id(self.review_on)}
            if self.review_by:
                text += _(" (ditetapkan %(who)s)") % {"who": self.review_by}
        return text
