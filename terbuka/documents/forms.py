"""Forms: validate and convert input (STYLE.md habit 9); the rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import ActingAssignment, Position, PublicBody, Unit
from terbuka.core.people import today_in

from .kinds import Kind
from .models import Classification


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas (PDF, DOCX, XLSX, PNG, JPEG)"))
    label = forms.CharField(label=_("Label/kelengkapan"), max_length=200)
    classification = forms.ChoiceField(
        label=_("Klasifikasi"), choices=Classification.choices, initial=Classification.INTERNAL
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    retention_years = forms.IntegerField(label=_("Retensi (tahun)"), min_value=1, max_value=100, initial=10)
    cabinet = forms.CharField(label=_("Lemari"), max_length=60, required=False)
    shelf = forms.CharField(label=_("Rak"), max_length=60, required=False)
    box = forms.CharField(label=_("Boks"), max_length=60, required=False)

    def __init__(self, *args: Any, body: PublicBody, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(body=body, is_active=True)  # type: ignore[attr-defined]


class VersionForm(forms.Form):
    file = forms.FileField(label=_("Berkas versi baru"))
    note = forms.CharField(label=_("Catatan perubahan"), max_length=500)


class TemplateForm(forms.Form):
    file = forms.FileField(label=_("Templat DOCX"))


def signer_choices(body: PublicBody) -> list[tuple[str, str]]:
    """ "user_id:role" for every position holder and active acting official of the body."""
    out: list[tuple[str, str]] = [("", "—")]
    day = today_in(body)
    for pos in (
        Position.objects.filter(body=body, is_active=True).prefetch_related("roles").select_related("holder")
    ):
        for r in pos.roles.all():
            if pos.holder is not None:
                out.append((f"{pos.holder_id}:{r.role}", f"{pos.title} — {pos.holder.display_name()}"))
    for a in ActingAssignment.objects.filter(
        position__body=body, revoked_at__isnull=True, starts_on__lte=day, ends_on__gte=day
    ).select_related("position", "acting_user"):
        for r in a.position.roles.all():
            out.append(
                (
                    f"{a.acting_user_id}:{r.role}",
                    f"{a.get_kind_display()} {a.position.title} — {a.acting_user.display_name()}",
                )
            )
    return out


def _rows(text: str, keys: list[str]) -> list[dict[str, str]]:
    rows = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        parts += [""] * (len(keys) - len(parts))
        rows.append({k: v for k, v in zip(keys, parts, strict=False)} | {"tanda": ""})
    return rows


class GenerateForm(forms.Form):
    """The kind's own fields, plus unit, signer, a.n., paraf and classification."""

    def __init__(self, *args: Any, body: PublicBody, kind: Kind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        sample = kind.sample
        for key, label, typ in kind.fields:
            initial = _lookup(sample, key)
            if typ == "text":
                self.fields["f_" + key] = forms.CharField(label=label, required=False, initial=initial)
            elif typ == "lines":
                self.fields["f_" + key] = forms.CharField(
                    label=label,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    initial="\n".join(initial or []),
                )
            elif typ.startswith("rows:"):
                keys = typ[5:].split(",")
                self.fields["f_" + key] = forms.CharField(
                    label=label,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    initial="\n".join(" | ".join(str(r.get(k, "")) for k in keys) for r in initial or []),
                )
        choices = signer_choices(body)
        self.fields["unit"] = forms.ModelChoiceField(
            label=_("Unit (untuk penomoran)"),
            queryset=Unit.objects.filter(body=body, is_active=True),
            required=False,
        )
        self.fields["signer"] = forms.ChoiceField(label=_("Penanda tangan"), choices=choices, required=False)
        self.fields["on_behalf_of"] = forms.CharField(
            label=_("a.n. (atas nama, bila penanda tangan menandatangani atas nama pejabat lain)"),
            required=False,
        )
        self.fields["paraf"] = forms.MultipleChoiceField(
            label=_("Paraf koordinasi"),
            choices=choices[1:],
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 5}),
        )
        self.fields["classification"] = forms.ChoiceField(
            label=_("Klasifikasi"), choices=Classification.choices, initial=Classification.INTERNAL
        )

    def kind_context(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, _label, typ in self.kind.fields:
            raw = self.cleaned_data.get("f_" + key) or ""
            value: Any
            if typ == "lines":
                value = [line.strip() for line in raw.splitlines() if line.strip()]
            elif typ.startswith("rows:"):
                value = _rows(raw, typ[5:].split(","))
            else:
                value = raw
                if not raw:
                    continue
            _assign(out, key, value)
        return out


def _lookup(data: dict[str, Any], dotted: str) -> Any:
    node: Any = data
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _assign(data: dict[str, Any], dotted: str, value: Any) -> None:
    parts = dotted.split(".")
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value
