from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Holiday


class BodyHolidayForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label=_("Nama hari libur"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Jenis"),
        choices=[
            (Holiday.Kind.DAERAH, Holiday.Kind.DAERAH.label),
            (Holiday.Kind.KHUSUS, Holiday.Kind.KHUSUS.label),
        ],
    )
    decree = forms.CharField(
        label=_("Dasar penetapan"),
        max_length=250,
        required=False,
        help_text=_("mis. Keputusan Walikota Nomor …"),
    )
