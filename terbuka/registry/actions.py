"""The DIP round of Kabupaten Serang (seed 003, sops/kabupaten-serang-dip.yaml) as domain actions on the
registry: each step of the SOP acts on the information items and the DIP edition the process is about
(``Case.subject``, a ``DipEdition`` draft opened by the first step).

1. ``dip_mulai`` (Petugas): coordinate with the units — opens the draft edition (penetapan, or pemutakhiran
   carrying over the edition in force) and makes it the process's subject.
2. ``dip_usulkan`` (fan-out, each PPID Pembantu): the unit proposes its items as rows (a
   row form on the task page, a list of row objects through the API).
3. ``dip_klasifikasi`` (Petugas): classify every row by category as the PPID directs.
4. ``dip_konsultasi`` (Tim Pelayanan Informasi): consult and correct rows, or drop them.
5. ``dip_tetapkan`` (PPID): set the edition by decision — a signed DIP document with number and date.
6. ``dip_umumkan`` (Petugas): publish the set edition by category on the portal.
7. ``dip_arsipkan`` (Petugas): archive the published list (XLSX) with the signed decision.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from pydantic import BaseModel, ConfigDict, Field

from terbuka.sop import actions

from . import services
from .models import Category, DipEdition, Form, InformationItem, Source
from .spreadsheet import CATEGORY_OUT, CATEGORY_WORDS, FORM_WORDS

DIP_CATEGORIES = [Category.BERKALA, Category.SERTA_MERTA, Category.SETIAP_SAAT]


def _edition(ctx: actions.ActionContext) -> DipEdition:
    subject = ctx.subject
    if isinstance(subject, DipEdition):
        return subject
    edition = services.edition_draft(actor=None, body=ctx.body, title=ctx.case.title)
    ctx.set_subject(edition)
    return edition


def _category(word: str) -> str | None:
    return CATEGORY_WORDS.get(" ".join(word.lower().split()))


class NoInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    catatan: str = Field(default="", title=gettext_noop("Catatan"), json_schema_extra={"widget": "textarea"})


@actions.register
class DipMulai(actions.Action):
    name = "dip_mulai"
    label = gettext_lazy("Buka edisi DIP")
    description = gettext_lazy(
        "Membuka konsep edisi DIP (penetapan atau pemutakhiran) yang akan diisi unit kerja."
    )
    Input = NoInput
    owns_outputs = True

    def perform(self, ctx: actions.ActionContext, data: BaseModel | None) -> dict[str, Any]:
        edition = _edition(ctx)
        return {"edisi": edition.pk, "nomor": edition.number, "jenis": edition.kind}

    def state(self, ctx: actions.ActionContext) -> list[str]:
        e = ctx.subject
        return (
            [f"Edisi DIP ke-{e.number} ({e.get_kind_display()}), {e.entries.count()} informasi"]
            if isinstance(e, DipEdition)
            else []
        )


class UsulanBaris(BaseModel):
    """One proposed item: a row of the unit's proposal (the same columns as the registry's XLSX)."""

    model_config = ConfigDict(extra="forbid")
    judul: str = Field(default="", max_length=500, title=gettext_noop("Judul"))
    ringkasan: str = Field(default="", max_length=5000, title=gettext_noop("Ringkasan"))
    kategori: str = Field(default="", max_length=50, title=gettext_noop("Kategori"))
    bentuk: str = Field(default="", max_length=50, title=gettext_noop("Bentuk"))
    retensi: str = Field(default="", max_length=200, title=gettext_noop("Jangka waktu penyimpanan"))
    tahun: str = Field(default="", max_length=10, title=gettext_noop("Tahun"))


class UsulanInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    usulan: list[UsulanBaris] = Field(
        default_factory=list, max_length=500, title=gettext_noop("Usulan informasi (per baris)")
    )
    sertakan_yang_ada: bool = Field(
        default=True,
        title=gettext_noop("Sertakan informasi unit yang sudah tercatat (bukan yang dikecualikan)"),
    )


def parse_proposal(row: UsulanBaris, n: int) -> tuple[dict[str, Any], list[str]]:
    """A proposal row as item fields, and its errors, each named by row and column (Indonesian)."""
    errs: list[str] = []

    def err(column: str, message: str) -> None:
        errs.append(_("Baris %(n)s, kolom %(c)s: %(m)s") % {"n": n, "c": column, "m": message})

    title = row.judul.strip()
    fields: dict[str, Any] = {"title": title, "category": Category.SETIAP_SAAT}
    if not title:
        err(_("Judul"), _("judul informasi wajib diisi."))
    if row.ringkasan.strip():
        fields["summary"] = row.ringkasan.strip()
    if row.kategori.strip():
        cat = _category(row.kategori)
        if cat is None:
            err(
                _("Kategori"),
                _("'%(v)s' tidak dikenal (Berkala, Serta merta, Setiap saat).") % {"v": row.kategori},
            )
        else:
            fields["category"] = cat
    if row.bentuk.strip():
        form = FORM_WORDS.get(row.bentuk.strip().lower())
        if form is None:
            err(
                _("Bentuk"),
                _("'%(v)s' tidak dikenal (Softcopy, Hardcopy, Softcopy dan hardcopy).") % {"v": row.bentuk},
            )
        fields["form"] = form or Form.KEDUANYA
    if row.retensi.strip():
        fields["retention"] = row.retensi.strip()
    year = row.tahun.strip()
    if year:
        if not (year.isdigit() and len(year) == 4):
            err(_("Tahun"), _("'%(v)s' tidak sah (empat angka).") % {"v": year})
        else:
            fields["year"] = int(year)
    return fields, errs


class UsulanBarisForm(forms.Form):
    judul = forms.CharField(label=gettext_lazy("Judul"), max_length=500, required=False)
    ringkasan = forms.CharField(
        label=gettext_lazy("Ringkasan"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    kategori = forms.ChoiceField(
        label=gettext_lazy("Kategori"),
        required=False,
        choices=[("", "—"), *[(CATEGORY_OUT[c], CATEGORY_OUT[c]) for c in DIP_CATEGORIES]],
    )
    bentuk = forms.ChoiceField(
        label=gettext_lazy("Bentuk"),
        required=False,
        choices=[
            ("", "—"),
            ("Softcopy", "Softcopy"),
            ("Hardcopy", "Hardcopy"),
            ("Softcopy dan hardcopy", "Softcopy dan hardcopy"),
        ],
    )
    retensi = forms.CharField(label=gettext_lazy("Jangka waktu penyimpanan"), max_length=200, required=False)
    tahun = forms.CharField(label=gettext_lazy("Tahun"), max_length=10, required=False)

    def is_blank(self) -> bool:
        d = getattr(self, "cleaned_data", {}) or {}
        return not any(v for v in d.values())


UsulanBarisFormSet = forms.formset_factory(UsulanBarisForm, extra=0, min_num=1, max_num=500, absolute_max=500)


class UsulanForm(forms.Form):
    """The task page's form for ``dip_usulkan``: the unit's rows (a formset, one row per item; more rows are
    added by ``data-add-row`` in static/js/terbuka.js) and whether to include the unit's recorded items."""

    sertakan_yang_ada = forms.BooleanField(
        label=gettext_lazy("Sertakan informasi unit yang sudah tercatat (bukan yang dikecualikan)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, **kw: Any) -> None:
        kw.setdefault("prefix", "aksi")
        super().__init__(*args, **kw)
        self.rows = UsulanBarisFormSet(self.data if self.is_bound else None, prefix="baris")

    def is_valid(self) -> bool:
        ok = super().is_valid()
        return self.rows.is_valid() and ok

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.rows.is_valid():
            data["usulan"] = [
                {k: (v or "") for k, v in f.cleaned_data.items()}
                for f in self.rows.forms
                if f.cleaned_data and not f.is_blank()
            ]
        return data


@actions.register
class DipUsulkan(actions.Action):
    name = "dip_usulkan"
    label = gettext_lazy("Usulkan informasi unit")
    description = gettext_lazy(
        "PPID Pembantu mengusulkan informasi yang dikuasai unitnya, satu baris (isian) per informasi."
    )
    Input = UsulanInput
    owns_outputs = True
    kinds = ("sebar",)

    def form(self, ctx: actions.ActionContext, data: Any = None, files: Any = None) -> forms.Form:
        return UsulanForm(data=data)

    def check(self, ctx: actions.ActionContext, data: BaseModel | None) -> list[str]:
        assert isinstance(data, UsulanInput)
        errs: list[str] = []
        for n, row in enumerate(data.usulan, start=1):
            errs += parse_proposal(row, n)[1]
        if not data.usulan and not data.sertakan_yang_ada:
            errs.append(
                _("Usulkan sedikitnya satu informasi, atau sertakan informasi unit yang sudah tercatat.")
            )
        return errs

    def perform(self, ctx: actions.ActionContext, data: BaseModel | None) -> dict[str, Any]:
        assert isinstance(data, UsulanInput)
        edition = _edition(ctx)
        unit = ctx.task.unit
        items: list[InformationItem] = []
        for n, row in enumerate(data.usulan, start=1):
            fields, _errs = parse_proposal(row, n)
            title, category = fields.pop("title"), fields.pop("category")
            items.append(
                services.item_create(
                    actor=ctx.actor,
                    body=ctx.body,
                    title=title,
                    category=category,
                    unit=unit,
                    source=Source.USULAN,
                    source_ref=f"sop.case:{ctx.case.pk}",
                    **fields,
                )
            )
        if data.sertakan_yang_ada and unit is not None:
            items += list(
                InformationItem.objects.filter(body=ctx.body, unit=unit)
                .exclude(category=Category.DIKECUALIKAN)
                .exclude(pk__in=[i.pk for i in items])
            )
        services.edition_include(actor=ctx.actor, edition=edition, items=items)
        summary = f"{len(items)} informasi diusulkan"
        ctx.record_outputs(summary=summary)
        return {"edisi": edition.pk, "unit": unit.pk if unit else None, "informasi": [i.pk for i in items]}

    def demo_prepare(self, task: Any, actor: Any, now: dt.datetime | None) -> dict[str, Any]:
        """What a demo PPID Pembantu proposes (the generic seed walks of the SOP tests call this)."""
        name = task.unit.name if task.unit_id else "unit"
        return {
            "data": {
                "usulan": [
                    {
                        "judul": f"Profil {name}",
                        "ringkasan": "Kedudukan, tugas dan fungsi",
                        "kategori": "Berkala",
                        "bentuk": "Softcopy",
                        "retensi": "Selama berlaku",
                    },
                    {"judul": f"Jadwal layanan {name}", "kategori": "Setiap saat"},
                ],
                "sertakan_yang_ada": False,
            }
        }

    def undo(self, ctx: actions.ActionContext, reason: str) -> None:
        edition = ctx.subject
        if isinstance(edition, DipEdition) and edition.status == DipEdition.Status.DRAFT:
            items = list(
                InformationItem.objects.filter(
                    source=Source.USULAN, source_ref=f"sop.case:{ctx.case.pk}", unit=ctx.task.unit
                )
            )
            services.edition_exclude(actor=ctx.actor, edition=edition, items=items)


def _rows(ctx: actions.ActionContext) -> list[InformationItem]:
    edition = ctx.subject
    if not isinstance(edition, DipEdition):
        return []
    return [e.item for e in edition.entries.select_related("item") if e.item is not None]


class KlasifikasiInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    klasifikasi: list[str] = Field(
        default_factory=list,
        title=gettext_noop("Klasifikasi"),
        description=gettext_noop(
            "Satu baris per informasi: ID | Kategori | Judul. Ubah kategori sesuai arahan PPID "
            "(Berkala, Serta merta, Setiap saat)."
        ),
    )


def _parse_id_lines(
    lines: list[str], known: dict[int, InformationItem]
) -> tuple[list[tuple[InformationItem, list[str]]], list[str]]:
    out, errs = [], []
    for n, line in enumerate(lines, start=1):
        parts = [p.strip() for p in line.split("|")]
        try:
            item = known[int(parts[0])]
        except (ValueError, KeyError):
            errs.append(
                _("Baris %(n)s: ID '%(v)s' bukan informasi dalam edisi DIP ini.") % {"n": n, "v": parts[0]}
            )
            continue
        out.append((item, parts[1:]))
    return out, errs


@actions.register
class DipKlasifikasi(actions.Action):
    name = "dip_klasifikasi"
    label = gettext_lazy("Klasifikasi informasi menurut kategori")
    Input = KlasifikasiInput
    owns_outputs = True

    def initial(self, ctx: actions.ActionContext) -> dict[str, Any]:
        return {
            "klasifikasi": [f"{i.pk} | {CATEGORY_OUT[Category(i.category)]} | {i.title}" for i in _rows(ctx)]
        }

    def _plan(
        self, ctx: actions.ActionContext, data: KlasifikasiInput
    ) -> tuple[list[tuple[InformationItem, str]], list[str]]:
        rows, errs = _parse_id_lines(data.klasifikasi, {i.pk: i for i in _rows(ctx)})
        plan = []
        for item, rest in rows:
            cat = _category(rest[0]) if rest else None
            if cat is None:
                errs.append(
                    _("ID %(id)s: kategori '%(v)s' tidak dikenal (Berkala, Serta merta, Setiap saat).")
                    % {"id": item.pk, "v": rest[0] if rest else ""}
                )
            else:
                plan.append((item, cat))
        return plan, errs

    def check(self, ctx: actions.ActionContext, data: BaseModel | None) -> list[str]:
        assert isinstance(data, KlasifikasiInput)
        if not _rows(ctx):
            return [_("Edisi DIP masih kosong: belum ada usulan dari unit kerja.")]
        return self._plan(ctx, data)[1]

    def perform(self, ctx: actions.ActionContext, data: BaseModel | None) -> dict[str, Any]:
        assert isinstance(data, KlasifikasiInput)
        changed = []
        for item, cat in self._plan(ctx, data)[0]:
            if item.category != cat:
                services.item_update(actor=ctx.actor, item=item, category=cat, authorized=True)
                changed.append(item.pk)
        counts: dict[str, int] = {}
        for i in _rows(ctx):
            counts[i.category] = counts.get(i.category, 0) + 1
        summary = ", ".join(f"{CATEGORY_OUT[Category(k)]}: {v}" for k, v in sorted(counts.items()))
        ctx.record_outputs(summary=summary)
        return {"diubah": changed, "per_kategori": counts}

    def state(self, ctx: actions.ActionContext) -> list[str]:
        return [_("%(n)s informasi dalam konsep DIP") % {"n": len(_rows(ctx))}]


FIELD_WORDS = {
    "judul": "title",
    "ringkasan": "summary",
    "pejabat": "official",
    "penanggung jawab": "responsible",
    "waktu": "made_when",
    "tempat": "made_where",
    "bentuk": "form",
    "retensi": "retention",
    "jangka waktu penyimpanan": "retention",
    "kategori": "category",
    "tahun": "year",
}


class KonsultasiInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    koreksi: list[str] = Field(
        default_factory=list,
        title=gettext_noop("Koreksi"),
        description=gettext_noop(
            "Satu baris per koreksi: ID | kolom | nilai baru (kolom: judul, ringkasan, pejabat, "
            "penanggung jawab, waktu, tempat, bentuk, retensi, kategori, tahun), atau ID | hapus."
        ),
    )
    catatan: str = Field(
        default="", title=gettext_noop("Catatan konsultasi"), json_schema_extra={"widget": "textarea"}
    )


@actions.register
class DipKonsultasi(actions.Action):
    name = "dip_konsultasi"
    label = gettext_lazy("Konsultasi dan perbaikan DIP")
    Input = KonsultasiInput
    owns_outputs = True

    def _plan(
        self, ctx: actions.ActionContext, data: KonsultasiInput
    ) -> tuple[list[tuple[InformationItem, str, Any]], list[str]]:
        rows, errs = _parse_id_lines(data.koreksi, {i.pk: i for i in _rows(ctx)})
        plan: list[tuple[InformationItem, str, Any]] = []
        for item, rest in rows:
            col = (rest[0].lower() if rest else "").strip()
            if col == "hapus":
                plan.append((item, "hapus", None))
                continue
            field = FIELD_WORDS.get(col)
            value: Any = rest[1] if len(rest) > 1 else ""
            if field is None:
                errs.append(_("ID %(id)s: kolom '%(v)s' tidak dikenal.") % {"id": item.pk, "v": col})
                continue
            if field == "category":
                value = _category(value)
                if value is None:
                    errs.append(
                        _("ID %(id)s: kategori tidak dikenal (Berkala, Serta merta, Setiap saat).")
                        % {"id": item.pk}
                    )
                    continue
            elif field == "form":
                value = FORM_WORDS.get(str(value).lower())
                if value is None:
                    errs.append(
                        _("ID %(id)s: bentuk tidak dikenal (Softcopy, Hardcopy, Softcopy dan hardcopy).")
                        % {"id": item.pk}
                    )
                    continue
            elif field == "year":
                if not (str(value).isdigit() and len(str(value)) == 4):
                    errs.append(_("ID %(id)s: tahun harus empat angka.") % {"id": item.pk})
                    continue
                value = int(value)
            elif field == "title" and not str(value).strip():
                errs.append(_("ID %(id)s: judul tidak boleh kosong.") % {"id": item.pk})
                continue
            plan.append((item, field, value))
        return plan, errs

    def check(self, ctx: actions.ActionContext, data: BaseModel | None) -> list[str]:
        assert isinstance(data, KonsultasiInput)
        return self._plan(ctx, data)[1]

    def perform(self, ctx: actions.ActionContext, data: BaseModel | None) -> dict[str, Any]:
        assert isinstance(data, KonsultasiInput)
        edition = _edition(ctx)
        done: list[str] = []
        for item, field, value in self._plan(ctx, data)[0]:
            if field == "hapus":
                services.edition_exclude(actor=ctx.actor, edition=edition, items=[item])
            else:
                services.item_update(actor=ctx.actor, item=item, authorized=True, **{field: value})
            done.append(f"{item.pk}:{field}")
        ctx.record_outputs(summary=f"{len(done)} koreksi")
        return {"koreksi": done, "catatan": data.catatan}


class TetapkanInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    nomor_keputusan: str = Field(
        default="",
        title=gettext_noop("Nomor keputusan"),
        description=gettext_noop("Kosongkan untuk memakai nomor naskah DIP yang ditandatangani."),
    )
    tanggal_keputusan: dt.date | None = Field(default=None, title=gettext_noop("Tanggal keputusan"))


@actions.register
class DipTetapkan(actions.Action):
    name = "dip_tetapkan"
    label = gettext_lazy("Tetapkan DIP dengan keputusan")
    description = gettext_lazy(
        "PPID menetapkan edisi DIP: naskah DIP ditandatangani, bernomor dan bertanggal."
    )
    Input = TetapkanInput
    owns_outputs = True

    def check(self, ctx: actions.ActionContext, data: BaseModel | None) -> list[str]:
        return [] if _rows(ctx) else [_("Edisi DIP masih kosong.")]

    def perform(self, ctx: actions.ActionContext, data: BaseModel | None) -> dict[str, Any]:
        assert isinstance(data, TetapkanInput)
        try:
            edition = services.edition_set(
                actor=ctx.actor,
                edition=_edition(ctx),
                decree_number=data.nomor_keputusan,
                decree_date=data.tanggal_keputusan,
                sign=ctx.actor is not None,
            )
        except ValidationError:
            raise
        ctx.record_outputs(stored_file=edition.decree_file, summary=f"Nomor {edition.decree_number}")
        return {"edisi": edition.pk, "nomor": edition.decree_number, "tanggal": str(edition.decree_date)}

    def undo(self, ctx: actions.ActionContext, reason: str) -> None:
        edition = ctx.subject
        if isinstance(edition, DipEdition) and edition.status == DipEdition.Status.SET:
            # back to a draft for correction; the signed document stays in the archive, history in the audit
            edition.status = DipEdition.Status.DRAFT
            edition.save(update_fields=["status"])


class UmumkanInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kategori: list[str] = Field(
        default_factory=lambda: ["Berkala", "Serta merta", "Setiap saat"],
        title=gettext_noop("Kategori yang diumumkan"),
        description=gettext_noop("Satu kategori per baris."),
    )


@actions.register
class DipUmumkan(actions.Action):
    name = "dip_umumkan"
    label = gettext_lazy("Umumkan DIP menurut kategori")
    Input = UmumkanInput
    owns_outputs = True

    def check(self, ctx: actions.ActionContext, data: BaseModel | None) -> list[str]:
        assert isinstance(data, UmumkanInput)
        errs = [
            _("Kategori '%(v)s' tidak dikenal.") % {"v": k} for k in data.kategori if _category(k) is None
        ]
        if not data.kategori:
            errs.append(_("Pilih sedikitnya satu kategori."))
        e = ctx.subject
        if not isinstance(e, DipEdition) or e.status == DipEdition.Status.DRAFT:
            errs.append(_("DIP belum ditetapkan."))
        return errs

    def perform(self, ctx: actions.ActionContext, data: BaseModel | None) -> dict[str, Any]:
        assert isinstance(data, UmumkanInput)
        cats = [c for c in (_category(k) for k in data.kategori) if c]
        opened = services.edition_publish(actor=ctx.actor, edition=_edition(ctx), categories=cats)
        ctx.record_outputs(summary=f"{len(opened)} informasi diumumkan")
        return {"diumumkan": [i.pk for i in opened], "kategori": cats}

    def work_url(self, ctx: actions.ActionContext) -> str | None:
        return f"/badan/{ctx.body.slug}/dip/"


class ArsipInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lokasi: str = Field(default="", title=gettext_noop("Lokasi arsip fisik (lemari/rak/boks)"))


@actions.register
class DipArsipkan(actions.Action):
    name = "dip_arsipkan"
    label = gettext_lazy("Arsipkan DIP")
    Input = ArsipInput
    owns_outputs = True

    def check(self, ctx: actions.ActionContext, data: BaseModel | None) -> list[str]:
        e = ctx.subject
        if not isinstance(e, DipEdition) or e.status != DipEdition.Status.PUBLISHED:
            return [_("DIP belum diumumkan.")]
        return []

    def perform(self, ctx: actions.ActionContext, data: BaseModel | None) -> dict[str, Any]:
        assert isinstance(data, ArsipInput)
        from terbuka.documents import archive

        from .spreadsheet import edition_items, export_xlsx

        edition = _edition(ctx)
        stored = archive.store_bytes(
            actor=ctx.actor,
            body=ctx.body,
            data=export_xlsx(edition_items(edition)),
            name=f"dip-edisi-{edition.number}.xlsx",
            label=f"DIP edisi {edition.number}",
            kind="dip_arsip",
            case=ctx.case,
            step_no=ctx.task.step_no,
            classification="publik",
            note=data.lokasi,
        )
        DipEdition.objects.filter(pk=edition.pk).update(archive_file=stored)
        ctx.record_outputs(stored_file=stored, summary=f"DIP edisi {edition.number}")
        return {"berkas": stored.pk}
