"""Forms: validate and convert input (STYLE.md habit 9); the rules live in services."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import ActingAssignment, Position, PublicBody, Unit, User
from terbuka.core.people import today_in

from .kinds import Kind
from .kinds.common import lookup
from .models import Classification, SignOff
from .signoff import Signer


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


class LocationForm(forms.Form):
    cabinet = forms.CharField(label=_("Lemari"), max_length=60, required=False)
    shelf = forms.CharField(label=_("Rak"), max_length=60, required=False)
    box = forms.CharField(label=_("Boks"), max_length=60, required=False)


class VersionForm(forms.Form):
    file = forms.FileField(label=_("Berkas versi baru"))
    note = forms.CharField(label=_("Catatan perubahan"), max_length=500)


class TemplateForm(forms.Form):
    file = forms.FileField(label=_("Templat DOCX"))


class PatternForm(forms.Form):
    """A body's numbering pattern for one kind; the placeholders are checked by services.pattern_set."""

    kind = forms.ChoiceField(label=_("Jenis naskah"), choices=())
    pattern = forms.CharField(
        label=_("Pola nomor"),
        max_length=200,
        help_text=_("Isian: {klasifikasi} {nomor} {nomor3} {unit} {bulan} {bulan_romawi} {tahun} {badan}"),
    )
    klasifikasi = forms.CharField(label=_("Kode klasifikasi"), max_length=40, required=False)
    register_pattern = forms.CharField(
        label=_("Pola nomor register (keputusan)"), max_length=200, required=False
    )

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]


def chain_choices(body: PublicBody) -> list[tuple[str, str]]:
    """Officials who can paraf or sign: by role (whoever holds it that day, holder or Plt./Plh.) as
    "r:<role>:<unit id>", and acting officials by name as "u:<user id>:<role>"."""
    out: list[tuple[str, str]] = [("", "—")]
    seen: set[str] = set()
    day = today_in(body)
    for pos in (
        Position.objects.filter(body=body, is_active=True)
        .prefetch_related("roles")
        .select_related("holder", "unit")
        .order_by("title")
    ):
        for r in pos.roles.all():
            value = f"r:{r.role}:{pos.unit_id or ''}"
            if value in seen:
                continue
            seen.add(value)
            who = pos.holder.display_name() if pos.holder is not None else _("kosong")
            out.append((value, f"{pos.title} — {who}"))
    for a in (
        ActingAssignment.objects.active_on(day)
        .filter(position__body=body)
        .select_related("position", "acting_user")
    ):
        for r in a.position.roles.all():
            out.append(
                (
                    f"u:{a.acting_user_id}:{r.role}",
                    f"{a.get_kind_display()} {a.position.title} — {a.acting_user.display_name()}",
                )
            )
    return out


def parse_chain_choice(value: str, body: PublicBody) -> tuple[User | None, str, Unit | None]:
    kind, first, second = [*value.split(":", 2), "", ""][:3]
    if kind == "r":
        unit = Unit.objects.filter(body=body, pk=int(second)).first() if second.isdigit() else None
        return None, first, unit
    if kind == "u" and first.isdigit():
        return User.objects.get(pk=int(first)), second, None
    raise forms.ValidationError(_("Pilihan pejabat tidak dikenal."))


def _text(value: Any, typ: str) -> str:
    """A context value as the form shows it."""
    if typ == "lines":
        return "\n".join(str(v) for v in value or [])
    if typ.startswith("rows:"):
        keys = typ[5:].split(",")
        return "\n".join(" | ".join(str(r.get(k, "")) for k in keys) for r in value or [])
    return "" if value is None else str(value)


def _rows(text: str, keys: list[str]) -> list[dict[str, str]]:
    rows = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        parts += [""] * (len(keys) - len(parts))
        rows.append({k: v for k, v in zip(keys, parts, strict=False)} | {"tanda": ""})
    return rows


PARAF_SLOTS = 4

# The kinds' examples are written for the sample body (Kota Serang, shared/seeds); another body's form shows
# them with its own names (issue 9 item 3: Kupang's form showed Kota Serang examples).
_SAMPLE_NAMES = re.compile(r"Pemerintah Kota Serang|Wali ?[Kk]ota Serang|Kota Serang|Serang")


def body_examples(value: Any, body: PublicBody | None) -> Any:
    """An example value with the sample body's names replaced by ``body``'s (recursively)."""
    if body is None or body.slug == "kota-serang":
        return value
    if isinstance(value, str):
        from .rendering import city_of

        region = (body.region.split(",")[0].strip() if body.region else "") or body.name
        head = (body.head_title or "").replace("Walikota", "Wali Kota") or f"Kepala {region}"
        names = {"Pemerintah Kota Serang": body.name, "Kota Serang": region, "Serang": city_of(body)}

        def swap(m: re.Match[str]) -> str:
            text = m.group(0)
            return head if text.startswith("Wali") else names[text]

        return _SAMPLE_NAMES.sub(swap, value)
    if isinstance(value, list):
        return [body_examples(v, body) for v in value]
    if isinstance(value, dict):
        return {k: body_examples(v, body) for k, v in value.items()}
    return value


class ContentForm(forms.Form):
    """A kind's own fields. Standard wording is filled in; example values only show as placeholders,
    never as values, so nothing from the examples can end up in a real letter."""

    def __init__(
        self,
        *args: Any,
        kind: Kind,
        values: dict[str, Any] | None = None,
        body: PublicBody | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        start = values if values is not None else body_examples(kind.standard, body)
        examples = body_examples(kind.example, body)
        for key, label, typ in kind.fields:
            initial = _text(lookup(start, key), typ)
            example = _text(lookup(examples, key), typ)
            attrs: dict[str, Any] = {"placeholder": _("Contoh: %(x)s") % {"x": example}} if example else {}
            required_mark = " *" if key in kind.required else ""
            label = gettext(label)  # marked with gettext_noop in the kind's context.py
            if typ == "text":
                field = forms.CharField(
                    label=label + required_mark,
                    required=False,
                    initial=initial,
                    widget=forms.TextInput(attrs={**attrs, "size": 80}),
                )
            else:
                field = forms.CharField(
                    label=label + required_mark,
                    required=False,
                    initial=initial,
                    widget=forms.Textarea(attrs={**attrs, "rows": 4, "cols": 80}),
                )
            self.fields["f_" + key] = field

    def kind_context(self) -> dict[str, Any]:
        """The filled fields; empty ones are left out so the kind's standard wording applies."""
        out: dict[str, Any] = {}
        for key, _label, typ in self.kind.fields:
            raw = (self.cleaned_data.get("f_" + key) or "").strip()
            if not raw:
                continue
            value: Any
            if typ == "lines":
                value = [line.strip() for line in raw.splitlines() if line.strip()]
            elif typ.startswith("rows:"):
                value = _rows(raw, typ[5:].split(","))
            else:
                value = raw
            _assign(out, key, value)
        return out


class GenerateForm(ContentForm):
    """The kind's own fields, plus unit, the sign-off chain (parafs in order, then the signer, a.n.) and
    the classification."""

    def __init__(self, *args: Any, body: PublicBody, kind: Kind, **kwargs: Any) -> None:
        super().__init__(*args, kind=kind, body=body, **kwargs)
        self.body = body
        choices = chain_choices(body)
        self.fields["unit"] = forms.ModelChoiceField(
            label=_("Unit (untuk penomoran)"),
            queryset=Unit.objects.filter(body=body, is_active=True),
            required=False,
        )
        for i in range(1, PARAF_SLOTS + 1):
            self.fields[f"paraf_{i}"] = forms.ChoiceField(
                label=_("Paraf ke-%(n)s") % {"n": i}, choices=choices, required=False
            )
        self.fields["signer"] = forms.ChoiceField(
            label=_("Penanda tangan"),
            choices=choices,
            error_messages={"required": _("Pilih pejabat yang menandatangani.")},
        )
        self.fields["on_behalf_of"] = forms.CharField(
            label=_("a.n. (atas nama, bila penanda tangan menandatangani atas nama pejabat lain)"),
            required=False,
        )
        self.fields["classification"] = forms.ChoiceField(
            label=_("Klasifikasi"), choices=Classification.choices, initial=Classification.INTERNAL
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in [f"paraf_{i}" for i in range(1, PARAF_SLOTS + 1)] + ["signer"]:
            if data.get(name):
                try:
                    parse_chain_choice(data[name], self.body)
                except (forms.ValidationError, User.DoesNotExist):
                    self.add_error(name, _("Pilihan pejabat tidak dikenal."))
        return data

    def propose(self, signers: list[Signer], unit: Unit | None) -> None:
        """Start the chain and the unit from what the purpose names (the SOP step's paraf lanes and signer),
        the officer may still change them (issue 9 item 3)."""
        parafs = [s for s in signers if s.kind == SignOff.Kind.PARAF][:PARAF_SLOTS]
        ttd = [s for s in signers if s.kind == SignOff.Kind.TTD]

        def value(s: Signer) -> str:
            if s.user is not None:
                return f"u:{s.user.pk}:{s.role}"
            unit_id = s.unit.pk if s.unit is not None else ""
            wanted = f"r:{s.role}:{unit_id}"
            offered = [v for v, _label in self.fields["signer"].choices]  # type: ignore[attr-defined]
            if wanted in offered or s.unit is not None:
                return wanted
            # A body-wide role held in a unit's position: the one position offered for that role.
            return next((v for v in offered if v.startswith(f"r:{s.role}:")), wanted)

        for i, s in enumerate(parafs, start=1):
            self.initial[f"paraf_{i}"] = value(s)
        if ttd:
            self.initial["signer"] = value(ttd[0])
            self.initial["on_behalf_of"] = ttd[0].on_behalf_of
        if unit is not None:
            self.initial["unit"] = unit.pk

    def chain(self) -> list[Signer]:
        """The planned chain: parafs in slot order, then the signature."""
        d = self.cleaned_data
        out: list[Signer] = []
        for i in range(1, PARAF_SLOTS + 1):
            if d.get(f"paraf_{i}"):
                user, role, unit = parse_chain_choice(d[f"paraf_{i}"], self.body)
                out.append(Signer(user=user, role=role, unit=unit, kind=SignOff.Kind.PARAF))
        user, role, unit = parse_chain_choice(d["signer"], self.body)
        out.append(
            Signer(user=user, role=role, unit=unit, kind=SignOff.Kind.TTD, on_behalf_of=d["on_behalf_of"])
        )
        return out


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("Alasan pengembalian"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tuliskan alasan pengembalian.")},
    )


def _assign(data: dict[str, Any], dotted: str, value: Any) -> None:
    parts = dotted.split(".")
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value
