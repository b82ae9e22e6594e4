"""Forms of the SOP workspace: they validate and convert input; the rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import Unit

from .models import Task
from .steps import kind_of


class StartCaseForm(forms.Form):
    title = forms.CharField(
        label=_("Judul proses"), max_length=300, error_messages={"required": _("Judul proses wajib diisi.")}
    )


class CompleteTaskForm(forms.Form):
    """Ya/Tidak for decisions; the unit to route to when the next step is for one unit; one file input per
    output the step still has to make (unless its action records them) and per reference kelengkapan
    (optional); a note. The action's own input is a separate form (``Action.form``, prefix ``aksi``)."""

    decision = forms.TypedChoiceField(
        label=_("Jawaban"),
        choices=[("ya", _("Ya")), ("tidak", _("Tidak"))],
        coerce=lambda v: v == "ya",
        widget=forms.RadioSelect,
        required=False,
        empty_value=None,
    )
    unit = forms.ModelChoiceField(
        label=_("Unit tujuan"), queryset=Unit.objects.none(), required=False, empty_label="—"
    )
    note = forms.CharField(
        label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )

    def __init__(
        self,
        *args: Any,
        task: Task,
        outputs: list[str],
        materials: list[str],
        ask_unit: bool,
        **kw: Any,
    ):
        super().__init__(*args, **kw)
        self.task = task
        step = task.step
        self.labels: dict[str, str] = {}
        if kind_of(step).needs_decision(step):
            self.fields["decision"].required = True
            self.fields["decision"].label = getattr(step, "pertanyaan", "") or step.kegiatan
            self.fields["decision"].error_messages["required"] = _("Pilih Ya atau Tidak.")
        else:
            del self.fields["decision"]
        if ask_unit:
            field = self.fields["unit"]
            field.queryset = Unit.objects.filter(body_id=task.case.body_id, is_active=True).order_by("name")  # type: ignore[attr-defined]
            field.help_text = _("Langkah berikutnya dikerjakan oleh unit yang dipilih di sini.")
        else:
            del self.fields["unit"]
        for i, name in enumerate(outputs):
            key = f"output_{i}"
            self.fields[key] = forms.FileField(
                label=_("Output: %(name)s") % {"name": name},
                required=True,
                error_messages={"required": _("Output wajib dilampirkan: %(name)s.") % {"name": name}},
            )
            self.labels[key] = name
        for i, name in enumerate(materials):
            key = f"bahan_{i}"
            self.fields[key] = forms.FileField(
                label=_("Kelengkapan (bila ada): %(name)s") % {"name": name}, required=False
            )
            self.labels[key] = name

    def attachments(self) -> list[tuple[str, Any]]:
        return [
            (label, self.cleaned_data[key])
            for key, label in self.labels.items()
            if self.cleaned_data.get(key)
        ]


class DraftForm(forms.Form):
    """The drafter of a paraf step: the kind of letter (when the step does not fix it)."""

    kind = forms.ChoiceField(label=_("Jenis naskah"), choices=())

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kw: Any):
        super().__init__(*args, **kw)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]


class ReturnTaskForm(forms.Form):
    to_step = forms.TypedChoiceField(label=_("Kembalikan ke langkah"), coerce=int, choices=[])
    note = forms.CharField(
        label=_("Catatan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tuliskan catatan: mengapa tugas dikembalikan.")},
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kw: Any):
        super().__init__(*args, **kw)
        self.fields["to_step"].choices = choices  # type: ignore[attr-defined]


class ReassignForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Alihkan kepada"), coerce=int, choices=[])
    note = forms.CharField(label=_("Catatan"), required=False)

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kw: Any):
        super().__init__(*args, **kw)
        self.fields["user"].choices = choices  # type: ignore[attr-defined]


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Komentar"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Komentar tidak boleh kosong.")},
    )


class CancelCaseForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pembatalan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Alasan pembatalan wajib diisi.")},
    )


class UploadSopForm(forms.Form):
    slug = forms.SlugField(
        label=_("Kode SOP (slug)"),
        max_length=100,
        help_text=_("Huruf kecil dan tanda hubung, mis. usulan-dik. Kode yang sudah ada membuat versi baru."),
    )
    file = forms.FileField(label=_("Berkas SOP (YAML)"))

    def clean_file(self) -> tuple[str, str]:
        f = self.cleaned_data["file"]
        if f.size > 512 * 1024:
            raise forms.ValidationError(_("Berkas SOP terlalu besar (maksimal 512 KB)."))
        try:
            text = f.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("Berkas SOP harus berupa teks UTF-8.")) from exc
        return f.name, text
