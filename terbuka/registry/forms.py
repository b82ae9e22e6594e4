"""Workspace forms of the registry (labels and messages in Indonesian through the models' verbose names)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import PublicBody, Unit

from .models import Category, InformationItem


class ItemForm(forms.ModelForm):  # type: ignore[type-arg]  # Django's class is not subscriptable at runtime
    class Meta:
        model = InformationItem
        fields = [
            "title",
            "summary",
            "category",
            "unit",
            "official",
            "responsible",
            "made_when",
            "made_where",
            "form",
            "retention",
            "year",
            "is_public",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, body: PublicBody, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(body=body, is_active=True)  # type: ignore[attr-defined]
        self.fields["category"].choices = [c for c in Category.choices]  # type: ignore[attr-defined]


class AttachmentForm(forms.Form):
    label = forms.CharField(label=_("Nama lampiran"), max_length=300, required=False)
    file = forms.FileField(label=_("Berkas"), required=False)
    url = forms.URLField(label=_("atau tautan"), required=False, assume_scheme="https")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Lampirkan satu berkas atau satu tautan."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Lembar kerja DIP (XLSX atau CSV)"))
    to_draft = forms.BooleanField(label=_("Masukkan ke konsep edisi DIP"), required=False, initial=True)


class SetForm(forms.Form):
    decree_number = forms.CharField(
        label=_("Nomor keputusan"),
        max_length=200,
        required=False,
        help_text=_("Kosongkan untuk memakai nomor naskah DIP yang Anda tandatangani."),
    )
    decree_date = forms.DateField(
        label=_("Tanggal keputusan"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
