"""Web forms: the request form (public and officer), the objection form, and the officer's actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Channel, Dispute, Ground, IdKind, Objection, Obtain, Outcome, Send
from .services import clean_submission


class RequestForm(forms.Form):
    name = forms.CharField(label=_("Nama lengkap"), max_length=200)
    id_kind = forms.ChoiceField(
        label=_("Jenis identitas"), choices=IdKind.choices, widget=forms.RadioSelect, initial=IdKind.NIK
    )
    id_number = forms.CharField(
        label=_("Nomor NIK (16 angka) atau nomor akta pendirian badan hukum"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    id_scan = forms.FileField(
        label=_("Pindaian KTP/akta (PDF, JPG atau PNG, paling besar 2 MB; tidak wajib)"), required=False
    )
    address = forms.CharField(label=_("Alamat"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)
    phone = forms.CharField(
        label=_("Nomor telepon"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label=_("Alamat surel"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    occupation = forms.CharField(label=_("Pekerjaan"), required=False, max_length=120)
    proxy_note = forms.CharField(
        label=_("Bila diwakili: nama dan nomor surat kuasa"), required=False, max_length=300
    )
    information = forms.CharField(
        label=_("Informasi yang dibutuhkan"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    purpose = forms.CharField(
        label=_("Tujuan penggunaan informasi"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    obtain = forms.ChoiceField(
        label=_("Cara memperoleh informasi"), choices=Obtain.choices, widget=forms.RadioSelect
    )
    send = forms.ChoiceField(
        label=_("Cara mengirimkan informasi"), choices=Send.choices, widget=forms.RadioSelect
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            raw = {k: self.data.get(k) for k in self.data}
            cleaned = clean_submission({**raw, **{k: v for k, v in data.items() if k != "id_scan"}})
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for m in messages:
                    if field in self.fields and field not in self.errors:
                        self.add_error(field, m)
            return data
        data.update(cleaned)
        return data


class PublicRequestForm(RequestForm):
    # The honeypot: hidden from people and screen readers; bots fill every field.
    website = forms.CharField(
        label=_("Biarkan kosong"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    pow_challenge = forms.CharField(widget=forms.HiddenInput, required=False)
    pow_nonce = forms.CharField(widget=forms.HiddenInput, required=False)


class OfficerRequestForm(RequestForm):
    channel = forms.ChoiceField(
        label=_("Saluran"),
        choices=[(c.value, c.label) for c in (Channel.LANGSUNG, Channel.POS, Channel.SUREL)],
    )
    received_at = forms.DateTimeField(
        label=_("Diterima pada (kosongkan: sekarang)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class ObjectionForm(forms.Form):
    grounds = forms.MultipleChoiceField(
        label=_("Alasan keberatan (Pasal 35 ayat (1) UU 14/2008)"),
        choices=Ground.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    reasons = forms.CharField(
        label=_("Kasus posisi (uraian keberatan)"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class ExtendForm(forms.Form):
    days = forms.IntegerField(
        label=_("Lama perpanjangan (hari kerja, paling lama 7)"), min_value=1, max_value=7
    )
    reasons = forms.CharField(
        label=_("Alasan tertulis (satu per baris)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Keputusan"), choices=Outcome.choices)
    refusal_ground = forms.CharField(
        label=_("Alasan pengecualian (Pasal 17 huruf …)"), required=False, max_length=300
    )
    holder_body = forms.CharField(
        label=_("Badan publik yang menguasai (bila tidak dikuasai)"), required=False
    )
    answer_note = forms.CharField(
        label=_("Keterangan/konsekuensi"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    fee = forms.CharField(label=_("Biaya"), required=False, max_length=100)


class DeliveredForm(forms.Form):
    how = forms.CharField(label=_("Cara penyerahan"), max_length=300)
    receipt_signed = forms.BooleanField(label=_("Pemohon menandatangani tanda terima"), required=False)


class RedactForm(forms.Form):
    original = forms.FileField(label=_("Dokumen asli (PDF)"))
    parts = forms.CharField(
        label=_("Bagian yang dihitamkan, satu per baris: halaman; x0,y0,x1,y1 (persen halaman); alasan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Contoh: 1; 10,20,90,30; Pasal 17 huruf h (data pribadi)"),
    )


class ObjectionAnswerForm(forms.Form):
    decision = forms.ChoiceField(label=_("Putusan"), choices=Objection.Decision.choices)
    answer = forms.CharField(label=_("Tanggapan dan alasannya"), widget=forms.Textarea(attrs={"rows": 4}))


class DisputeForm(forms.Form):
    filed_on = forms.DateField(label=_("Tanggal pengajuan"), widget=forms.DateInput(attrs={"type": "date"}))
    case_number = forms.CharField(label=_("Nomor register sengketa"), max_length=120)
    commission = forms.CharField(label=_("Komisi Informasi"), max_length=200, required=False)


class DisputeUpdateForm(forms.Form):
    stage = forms.ChoiceField(label=_("Tahap"), choices=Dispute.Stage.choices)
    result = forms.ChoiceField(label=_("Hasil"), choices=[("", "-"), *Dispute.Result.choices], required=False)
    result_on = forms.DateField(
        label=_("Tanggal hasil"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    order = forms.ChoiceField(label=_("Perintah"), choices=Dispute.Order.choices, required=False)
    order_note = forms.CharField(label=_("Catatan perintah"), required=False)
