from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ActingAssignment, Holiday, Position, PublicBody, User

# <input type=date> takes only ISO dates (a localised value such as 14-12-2026 shows empty).
ISO_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BodyHolidayForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=ISO_DATE)
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
        help_text=_("mis. Keputusan Wali Kota Nomor …"),
    )


class ActingForm(forms.Form):
    """Appoint a Plt./Plh. for one of the body's positions, choosing among the body's own people."""

    position: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Jabatan yang dilaksanakan"), queryset=Position.objects.none()
    )
    acting_user: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Pelaksana"), queryset=User.objects.none()
    )
    kind = forms.ChoiceField(label=_("Jenis"), choices=ActingAssignment.Kind.choices)
    starts_on = forms.DateField(label=_("Mulai"), widget=ISO_DATE)
    ends_on = forms.DateField(label=_("Sampai"), widget=ISO_DATE)
    decree = forms.CharField(label=_("Dasar penunjukan"), max_length=200, required=False)

    def __init__(self, *args: Any, body: PublicBody, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        positions = Position.objects.filter(body=body, is_active=True).select_related("holder")
        self.fields["position"].queryset = positions  # type: ignore[attr-defined]
        self.fields["position"].label_from_instance = lambda p: (  # type: ignore[attr-defined]
            f"{p.title} — {p.holder.display_name() if p.holder else _('kosong')}"
        )
        people = User.objects.filter(positions__body=body, is_active=True).distinct().order_by("full_name")
        self.fields["acting_user"].queryset = people  # type: ignore[attr-defined]
        self.fields["acting_user"].label_from_instance = lambda u: f"{u.display_name()} ({u.username})"  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["starts_on"] > data["ends_on"]:
            raise forms.ValidationError(_("Tanggal mulai harus sebelum atau sama dengan tanggal selesai."))
        return data
