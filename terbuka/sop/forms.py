"""Forms of the SOP workspace: they validate and convert input; the rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Task
from .schema import Step
from .services import document_names, normalise_label


class StartCaseForm(forms.Form):
    title = forms.CharField(
        label=_("Judul proses"), max_length=300, error_messages={"required": _("Judul proses wajib diisi.")}
    )


def _field_name(prefix: str, index: int) -> str:
    return f"{prefix}_{index}"


class CompleteTaskForm(forms.Form):
    """One file input per missing kelengkapan and per output; Ya/Tidak for decisions; a note."""

    decision = forms.TypedChoiceField(
        label=_("Jawaban"),
        choices=[("ya", _("Ya")), ("tidak", _("Tidak"))],
        coerce=lambda v: v == "ya",
        widget=forms.RadioSelect,
        required=False,
        empty_value=None,
    )
    note = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(
        self,
        *args: Any,
        task: Task,
        step: Step,
        present: set[str],
        signing: bool = True,
        produced: set[str] | frozenset[str] = frozenset(),
        **kw: Any,
    ):
        super().__init__(*args, **kw)
        self.task = task
        self.step = step
        self.labels: dict[str, str] = {}
        if step.jenis == "keputusan":
            self.fields["decision"].required = True
            self.fields["decision"].label = step.pertanyaan or step.kegiatan
            self.fields["decision"].error_messages["required"] = _("Pilih Ya atau Tidak.")
        else:
            del self.fields["decision"]
        for i, name in enumerate(document_names(step.kelengkapan)):
            if normalise_label(name) in present:
                continue
            key = _field_name("kelengkapan", i)
            self.fields[key] = forms.FileField(
                label=_("Kelengkapan: %(name)s") % {"name": name},
                required=True,
                error_messages={"required": _("Kelengkapan belum ada: %(name)s.") % {"name": name}},
            )
            self.labels[key] = name
        if signing:
            for i, name in enumerate(document_names(step.output)):
                if normalise_label(name) in produced:  # generated and signed for this step already
                    continue
                key = _field_name("output", i)
                self.fields[key] = forms.FileField(
                    label=_("Output: %(name)s") % {"name": name},
                    required=True,
                    error_messages={"required": _("Output wajib dilampirkan: %(name)s.") % {"name": name}},
                )
                self.labels[key] = name

    def attachments(self) -> list[tuple[str, Any]]:
        return [
            (label, self.cleaned_data[key])
            for key, label in self.labels.items()
            if self.cleaned_data.get(key)
        ]


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
