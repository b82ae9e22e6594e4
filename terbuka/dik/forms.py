"""Forms of the DIK pages: a proposal row (a formset of them), the XLSX upload, a test decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .grounds import choices as ground_choices
from .models import Decision
from .periods import Period, PeriodKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
AREA = forms.Textarea(attrs={"rows": 2})


class PeriodFields(forms.Form):
    """The structured period (never free text only)."""

    period_kind = forms.ChoiceField(
        label=_("Jangka waktu"), choices=[("", "—"), *PeriodKind.choices], required=False
    )
    until = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DATE)
    years = forms.IntegerField(label=_("Jumlah tahun"), required=False, min_value=1, max_value=100)
    start = forms.DateField(label=_("Tanggal mulai"), required=False, widget=DATE)
    event = forms.CharField(label=_("Peristiwa yang mengakhiri"), required=False, max_length=300)
    review_on = forms.DateField(
        label=_("Tanggal peninjauan (ditetapkan pimpinan)"), required=False, widget=DATE
    )
    period_statute = forms.CharField(
        label=_("Undang-undang yang menetapkan jangka waktu"), required=False, max_length=300
    )

    def period(self, letter: str = "") -> Period | None:
        d = self.cleaned_data
        if not d.get("period_kind"):
            return None
        return Period(
            kind=d["period_kind"],
            letter=letter,
            until=d.get("until"),
            years=d.get("years"),
            start=d.get("start"),
            event=d.get("event") or "",
            review_on=d.get("review_on"),
            statute=d.get("period_statute") or "",
        )


class EntryRowForm(PeriodFields):
    title = forms.CharField(label=_("Informasi"), max_length=500, required=False)
    description = forms.CharField(label=_("Uraian"), required=False, widget=AREA)
    ground_letter = forms.ChoiceField(
        label=_("Huruf Pasal 17"), choices=[("", "—"), *ground_choices()], required=False
    )
    ground_point = forms.IntegerField(label=_("Angka"), required=False, min_value=1, max_value=9)
    statute = forms.CharField(
        label=_("Undang-undang lain (wajib untuk huruf j)"), required=False, max_length=300
    )
    legal_basis = forms.CharField(label=_("Dasar hukum"), required=False, max_length=500)
    consequence = forms.CharField(label=_("Konsekuensi bila dibuka"), required=False, widget=AREA)
    consideration = forms.CharField(label=_("Pertimbangan bila ditutup"), required=False, widget=AREA)

    field_order = [
        "title",
        "description",
        "ground_letter",
        "ground_point",
        "statute",
        "legal_basis",
        "consequence",
        "consideration",
        "period_kind",
        "until",
        "years",
        "start",
        "event",
        "review_on",
        "period_statute",
    ]

    def is_blank(self) -> bool:
        d = getattr(self, "cleaned_data", {}) or {}
        return not any(v not in (None, "") for v in d.values() if not isinstance(v, bool))

    def row(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "title": d.get("title") or "",
            "description": d.get("description") or "",
            "ground_letter": d.get("ground_letter") or "",
            "ground_point": d.get("ground_point"),
            "statute": d.get("statute") or "",
            "legal_basis": d.get("legal_basis") or "",
            "consequence": d.get("consequence") or "",
            "consideration": d.get("consideration") or "",
            "period": self.period(d.get("ground_letter") or ""),
        }


EntryRowFormSet = forms.formset_factory(EntryRowForm, extra=0, min_num=1, max_num=200, absolute_max=200)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Templat XLSX yang sudah diisi"))


class NothingForm(forms.Form):
    note = forms.CharField(label=_("Keterangan"), max_length=2000, widget=AREA)


class DecisionForm(PeriodFields):
    decision = forms.ChoiceField(label=_("Keputusan"), choices=Decision.choices, widget=forms.RadioSelect)
    basis_ok = forms.TypedChoiceField(
        label=_("Dasar hukum sesuai?"),
        choices=[("1", _("Ya")), ("0", _("Tidak"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    basis_note = forms.CharField(label=_("Catatan dasar hukum"), required=False, widget=AREA)
    harm = forms.CharField(label=_("Konsekuensi (bahaya) bila dibuka"), required=False, widget=AREA)
    public_interest = forms.CharField(label=_("Pertimbangan kepentingan publik"), required=False, widget=AREA)
    exempt_parts = forms.CharField(label=_("Bagian yang dikecualikan"), required=False, widget=AREA)
    open_parts = forms.CharField(label=_("Bagian yang dibuka"), required=False, widget=AREA)
    warning_answer = forms.CharField(
        label=_("Jawaban tertulis atas peringatan Pasal 18 ayat (1)"), required=False, widget=AREA
    )


class EventForm(forms.Form):
    on = forms.DateField(label=_("Tanggal peristiwa"), widget=DATE)
    note = forms.CharField(label=_("Keterangan"), required=False, max_length=500)
