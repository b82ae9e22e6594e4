"""Domain actions for handling a request on a SOP (Kalimantan Barat's SOP 004 names them with ``aksi``).

A process whose subject is an ``InformationRequest`` moves the request along: received, routed to the unit
that holds the information (its PPID Pembantu studies it), classified against the DIP and the DIK (or sent to
a consequence test), decided, answered by a signed letter, delivered and archived. A process without a
request as subject (a SOP walked for training) records the outputs and checks nothing else.
"""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import BaseModel, ConfigDict, Field

from terbuka.sop import actions
from terbuka.sop.actions import ActionContext

from . import consequence, services
from .models import Basis, InformationRequest, Outcome


def _request(ctx: ActionContext) -> InformationRequest | None:
    subject = ctx.subject
    if isinstance(subject, InformationRequest):
        return InformationRequest.objects.select_related("body", "dip_item", "notice").get(pk=subject.pk)
    return None


def _outputs(ctx: ActionContext, summary: str, item: Any = None, document: Any = None) -> None:
    for name in ctx.step.output:
        ctx.record_output(name, item=item, document=document, summary=summary[:200])


class _RequestAction(actions.Action):
    owns_outputs = True

    def work_url(self, ctx: ActionContext) -> str | None:
        request = _request(ctx)
        if request is None:
            return None
        return reverse("requests:detail", args=[request.body.slug, request.pk])

    def state(self, ctx: ActionContext) -> list[str]:
        request = _request(ctx)
        if request is None:
            return [_("Proses ini tidak terkait permohonan terdaftar.")]
        lines = [_("Permohonan %(n)s: %(s)s") % {"n": request.number, "s": request.get_status_display()}]
        if request.basis:
            lines.append(_("Dasar: %(b)s") % {"b": request.get_basis_display()})
        if request.outcome:
            lines.append(_("Keputusan: %(o)s") % {"o": request.get_outcome_display()})
        return lines


@actions.register
class TerimaPermohonan(_RequestAction):
    name = "terima_permohonan"
    label = gettext_lazy("Terima permohonan")
    description = gettext_lazy(
        "Permohonan terdaftar (nomor, tanda terima, tenggat 10 hari kerja) menjadi subjek proses."
    )

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        request = _request(ctx)
        _outputs(ctx, request.number if request else _("permohonan tanpa registrasi"), item=request)
        return {"request": request.number if request else None}


class KumpulkanInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    catatan: str = Field("", title="Catatan koordinasi", max_length=2000)


@actions.register
class KumpulkanInformasi(_RequestAction):
    """Step 2: the working team gathers the information with the unit that holds it; the completer picks
    that unit ("Unit tujuan"), so step 3 goes to its PPID Pembantu only."""

    name = "kumpulkan_informasi"
    label = gettext_lazy("Kumpulkan informasi dengan unit yang menguasai")
    Input = KumpulkanInput

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        note = data.catatan if isinstance(data, KumpulkanInput) else ""
        _outputs(ctx, note or _("koordinasi dengan unit"), item=_request(ctx))
        return {"note": note}


class KajiInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    dasar: Literal["", "dip", "dik", "uji", "lain"] = Field(
        "",
        title="Dasar (dip: di DIP, dik: di DIK, uji: belum di keduanya, lain: tidak dikuasai)",
    )
    informasi_dip: int | None = Field(None, title="Nomor informasi DIP")
    entri_dik: str = Field("", title="Entri DIK", max_length=200)
    catatan: str = Field("", title="Catatan kajian", max_length=2000)


@actions.register
class KajiInformasi(_RequestAction):
    """Step 3: the unit's PPID Pembantu checks the DIP and the DIK; neither -> a consequence test."""

    name = "kaji_informasi"
    label = gettext_lazy("Kaji informasi terhadap DIP dan DIK")
    Input = KajiInput

    def form(self, ctx: ActionContext, data: Any = None, files: Any = None) -> Any:
        """The derived form, with the body's public DIP items to choose from instead of a number."""
        from django import forms as djforms

        from terbuka.registry.models import InformationItem

        form = super().form(ctx, data=data, files=files)
        if form is None:
            return None
        items = InformationItem.objects.filter(body=ctx.body, is_public=True).order_by("title", "pk")[:1000]
        form.fields["informasi_dip"] = djforms.TypedChoiceField(
            label=_("Informasi dalam DIP"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", "—"), *[(i.pk, f"{i.title} ({i.get_category_display()})") for i in items]],
        )
        request = _request(ctx)
        entries = consequence.entry_choices(request) if request is not None else []
        if entries:
            form.fields["entri_dik"] = djforms.ChoiceField(
                label=_("Entri DIK (yang paling cocok di atas)"),
                required=False,
                choices=[("", "—"), *entries],
            )
        form.fields["dasar"] = djforms.ChoiceField(
            label=_("Dasar"),
            required=False,
            choices=[("", "—"), *[(b.value, b.label) for b in Basis]],
        )
        return form

    def opened(self, ctx: ActionContext) -> None:
        request = _request(ctx)
        unit = ctx.case.unit
        if request is not None and unit is not None and request.unit_id != unit.pk:
            services.request_route(actor=None, request=request, unit=unit)

    def check(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        request = _request(ctx)
        if request is None:
            return []
        assert isinstance(data, KajiInput)
        if not data.dasar:
            return [
                _("Pilih dasar: sudah di DIP, tercantum di DIK, perlu uji konsekuensi, atau tidak dikuasai.")
            ]
        if data.dasar == "dip" and not data.informasi_dip:
            return [_("Sebutkan nomor informasi dalam DIP.")]
        if data.dasar == "dik" and not data.entri_dik.strip():
            return [_("Sebutkan entri DIK yang menjadi dasar.")]
        return []

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        from terbuka.registry.models import InformationItem

        request = _request(ctx)
        assert isinstance(data, KajiInput)
        if request is not None:
            item = None
            if data.dasar == Basis.DIP.value:
                item = InformationItem.objects.filter(pk=data.informasi_dip or 0, body=request.body).first()
            services.request_classify(
                actor=ctx.actor,
                request=request,
                basis=data.dasar,
                dip_item=item,
                dik_entry_ref=data.entri_dik,
            )
            if data.dasar == Basis.UJI.value and consequence.available() and not request.test_ref:
                # The process opens the session (the PPID Pembantu who found the gap may not open tests);
                # the Tim Uji works it on the DIK pages.
                consequence.start_for_request(
                    actor=None,
                    request=request,
                    reason=_("atas permohonan %(n)s, kajian unit") % {"n": request.number},
                )
        _outputs(ctx, data.catatan or data.dasar or _("kajian unit"), item=request)
        return {"dasar": data.dasar}


@actions.register
class PutuskanPengecualian(_RequestAction):
    """Step 4 (Ya = exempt): the answer must follow the lists, or the consequence test where neither holds."""

    name = "putuskan_pengecualian"
    label = gettext_lazy("Putuskan: dikecualikan atau tidak")
    kinds = ("keputusan",)

    def check(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        request = _request(ctx)
        if request is None:
            return []
        if request.basis == Basis.DIP and ctx.decision:
            return [_("Informasi ini sudah ada dalam DIP: jawab Tidak (tidak dikecualikan).")]
        if request.basis == Basis.DIK and ctx.decision is False:
            return [_("Informasi ini tercantum dalam DIK (%(e)s): jawab Ya.") % {"e": request.dik_entry_ref}]
        if request.basis == Basis.LAIN and ctx.decision:
            return [_("Informasi yang tidak dikuasai tidak diuji: jawab Tidak.")]
        if request.basis == Basis.UJI:
            result = consequence.result_for(request)
            if result is None:
                return [_("Uji konsekuensi atas informasi ini belum selesai.")]
            if result != bool(ctx.decision):
                return [_("Jawaban harus mengikuti hasil uji konsekuensi.")]
        if not request.basis:
            return [_("Unit belum mengkaji informasi ini terhadap DIP dan DIK (langkah sebelumnya).")]
        return []

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        _outputs(ctx, _("dikecualikan") if ctx.decision else _("tidak dikecualikan"), item=_request(ctx))
        return {"exempt": ctx.decision}


def _consideration(request: InformationRequest) -> tuple[list[str], Any, Any, str]:
    """What the written consideration of an exempt answer is, held by the product: the DIK entry cited at
    step 3, or the minutes of the consequence test the request opened (Pasal 19 UU 14/2008). Returns
    (problems, document, item, summary); an upload never stands in for either."""
    if request.basis == Basis.DIK:
        try:
            entry = consequence.entry_for(request, request.dik_entry_ref)
        except ValidationError:  # a stale reference: cited as text, as the refusal does
            entry = None
        if not request.dik_entry_ref.strip():
            return [_("Entri DIK yang menjadi dasar belum dicatat (langkah kajian unit).")], None, None, ""
        return [], None, entry or request, consequence.entry_citation(request)
    if request.basis == Basis.UJI:
        if consequence.result_for(request) is None:
            return [_("Uji konsekuensi atas informasi ini belum selesai.")], None, None, ""
        if request.test_ref.startswith("hasil:"):
            return [], None, request, _("hasil uji konsekuensi dicatat: %(r)s") % {"r": request.test_ref}
        minutes = consequence.minutes_for(request)
        if minutes is None:
            return (
                [
                    _(
                        "Berita acara uji konsekuensi belum dibuat: buat dokumen uji "
                        "di halaman uji konsekuensi."
                    )
                ],
                None,
                None,
                "",
            )
        number = minutes.number or minutes.register_number or ""
        return [], minutes, None, (_("berita acara uji konsekuensi %(n)s") % {"n": number}).strip()
    return (
        [_("Informasi ini tidak dinyatakan dikecualikan berdasarkan DIK atau uji konsekuensi.")],
        None,
        None,
        "",
    )


class _ConsiderationAction(_RequestAction):
    """A step whose output is the written consideration itself: recorded from the product's data."""

    def check(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        request = _request(ctx)
        return [] if request is None else _consideration(request)[0]

    def _record(self, ctx: ActionContext) -> None:
        request = _request(ctx)
        if request is None:
            _outputs(ctx, str(self.label))
            return
        _problems, document, item, summary = _consideration(request)
        for name in ctx.step.output:
            ctx.record_output(name, document=document, item=item, summary=summary[:200])


@actions.register
class CatatPertimbangan(_ConsiderationAction):
    """Steps 5 and 7: the written consideration (the DIK entry or the test's minutes) is recorded and kept
    as the reference for the answer; nothing is uploaded in its place."""

    name = "catat_pertimbangan"
    label = gettext_lazy("Catat pertimbangan tertulis (DIK atau berita acara uji)")

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        self._record(ctx)
        return {}


@actions.register
class SetujuiHasilUji(_ConsiderationAction):
    """Step 6: the superior approves the written consideration (the outputs are its minutes or DIK entry)."""

    name = "setujui_hasil_uji"
    label = gettext_lazy("Persetujuan pimpinan atas hasil uji")

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        from django.utils import timezone

        request = _request(ctx)
        if request is not None:
            InformationRequest.objects.filter(pk=request.pk).update(superior_approved_at=timezone.now())
        self._record(ctx)
        return {"approved": True}


@actions.register
class SerahkanJawaban(_RequestAction):
    """Step 8: the signed written notice (or refusal decree) is sent; the notice clock stops."""

    name = "serahkan_jawaban"
    label = gettext_lazy("Serahkan informasi atau surat penolakan")

    def check(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        from terbuka.documents.models import Document

        request = _request(ctx)
        if request is None:
            return []
        problems = []
        if not request.outcome:
            problems.append(_("Tetapkan keputusan atas permohonan di halaman permohonan."))
        exempt = (
            ctx.case.tasks.filter(step_no=4, status="done")
            .order_by("-pk")
            .values_list("decision", flat=True)
            .first()
        )
        if exempt and request.outcome not in (Outcome.DITOLAK, Outcome.SEBAGIAN):
            problems.append(
                _("Informasi dinyatakan dikecualikan: keputusan harus ditolak atau diberikan sebagian.")
            )
        if exempt is False and request.outcome == Outcome.DITOLAK:
            problems.append(_("Informasi dinyatakan tidak dikecualikan: permohonan tidak dapat ditolak."))
        if request.notice is None or request.notice.status != Document.Status.FINAL:
            problems.append(_("Surat jawaban belum dibuat atau belum ditandatangani PPID."))
        return problems

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        request = _request(ctx)
        if request is None:
            _outputs(ctx, _("diserahkan"))
            return {}
        services.request_answered(actor=ctx.actor, request=request, at=ctx.now)
        for name in ctx.step.output:
            ctx.record_output(name, document=request.notice, summary=request.get_outcome_display())
        return {"outcome": request.outcome, "notice": request.notice_id}


class TerimaInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cara_penyerahan: str = Field("", title="Cara penyerahan", max_length=300)
    tanda_terima: bool = Field(False, title="Pemohon menandatangani tanda terima")


@actions.register
class TerimaJawaban(_RequestAction):
    """Step 9: the requester receives the answer; the desk records how and the signed receipt."""

    name = "terima_jawaban"
    label = gettext_lazy("Catat penerimaan jawaban oleh pemohon")
    Input = TerimaInput

    def check(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        if _request(ctx) is None:
            return []
        assert isinstance(data, TerimaInput)
        return (
            [] if data.cara_penyerahan.strip() else [_("Tuliskan cara penyerahan (langsung, pos, surel …).")]
        )

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        request = _request(ctx)
        assert isinstance(data, TerimaInput)
        if request is not None:
            services.request_delivered(
                actor=ctx.actor,
                request=request,
                how=data.cara_penyerahan,
                receipt_signed=data.tanda_terima,
                at=ctx.now,
            )
        _outputs(ctx, data.cara_penyerahan or _("diterima"), item=request)
        return {"how": data.cara_penyerahan, "receipt": data.tanda_terima}


@actions.register
class ArsipkanPermohonan(_RequestAction):
    name = "arsipkan_permohonan"
    label = gettext_lazy("Arsipkan berkas permohonan")

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        request = _request(ctx)
        if request is not None:
            services.request_archive(actor=ctx.actor, request=request)
        _outputs(ctx, _("diarsipkan"), item=request)
        return {}
