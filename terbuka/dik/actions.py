"""SOP actions of the DIK cycle (docs/dik.md "Steps of the seeds"): each step of seeds 000 (Kota Serang),
001 (Kota Kupang) and 002 (Kota Bontang) does its work on the register, and records as its outputs the
documents generated from the register's rows, never an uploaded stand-in.

The process's subject is the proposal round (000, 001) or the declassification (002, started by the
monitor); the actions find the round, the session and the decree of the case through it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from pydantic import BaseModel, ConfigDict, Field

from terbuka.core.people import holders_of, local_date
from terbuka.core.roles import Role
from terbuka.sop import actions
from terbuka.sop.actions import ActionContext, DocumentSpec

from . import selectors, services
from .models import ConsequenceTest, Declassification, Decree, Entry, ProposalRound, Status, UnitProposal

# -- helpers


def _round(ctx: ActionContext) -> ProposalRound | None:
    subject = ctx.subject
    if isinstance(subject, ProposalRound):
        return subject
    return ProposalRound.objects.filter(case=ctx.case).first()


def _test(ctx: ActionContext) -> ConsequenceTest | None:
    return ConsequenceTest.objects.filter(case=ctx.case).order_by("-pk").first()


def _decree(ctx: ActionContext) -> Decree | None:
    return Decree.objects.filter(case=ctx.case).select_related("document").order_by("-pk").first()


def _today(ctx: ActionContext) -> dt.date:
    return local_date(ctx.now, ctx.body)


def _sign_now(
    ctx: ActionContext, kind: str, context: dict[str, Any], label: str, classification: str = "internal"
) -> Any:
    """A document of the step generated from the register and signed at once by the official completing the
    step (the engine knows they performed it)."""
    from terbuka.documents.services import generate_document
    from terbuka.documents.signoff import Signer

    assert ctx.actor is not None and ctx.grant is not None
    stored = generate_document(
        actor=ctx.actor,
        body=ctx.body,
        kind=kind,
        context=context,
        case=ctx.case,
        label=label,
        signers=[Signer(ctx.actor, ctx.grant.role, performed_by=ctx.actor)],
        sign_now=True,
        day=_today(ctx),
        classification=classification,
    )
    assert stored.document is not None
    return stored.document


def _outputs(ctx: ActionContext) -> list[str]:
    return ctx.engine.outputs_to_make(ctx.definition, ctx.step)


def _has(name: str, *words: str) -> bool:
    folded = name.casefold()
    return any(w in folded for w in words)


def _list_doc(ctx: ActionContext, entries: list[Entry], title: str, label: str, status: str = "") -> Any:
    rows = services.register_rows(entries, status=status) or [
        {
            k: "-"
            for k in (
                "unit",
                "dasar_hukum",
                "konsekuensi",
                "pertimbangan",
                "jangka_waktu",
                "tanggal_uji",
                "nomor_sk",
                "status",
            )
        }
        | {"informasi": _("(tidak ada)")}
    ]
    return _sign_now(ctx, "dik", {"daftar": rows, "hal": title}, label)


class DikAction(actions.Action):
    """Every DIK step's output is a document the product generates from the register or the register's own
    data, so no DIK step takes an uploaded file: one would stand beside (or for) the real output."""

    takes_uploads = False

    def check(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        refused = (
            [
                _(
                    "Langkah ini tidak menerima unggahan: dokumennya disusun oleh sistem dari daftar DIK "
                    "(atau sudah dibuat pada langkah sebelumnya)."
                )
            ]
            if ctx.attached
            else []
        )
        return refused + self.problems(ctx, data)

    def problems(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        """The action's own problems blocking completion, in Indonesian."""
        return []


# -- 000/001: the proposal round


class RoundInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tahun: int = Field(title=gettext_noop("Tahun DIK"), ge=2000, le=2100)
    batas_usulan: dt.date = Field(title=gettext_noop("Batas usulan PPID Pembantu"))


def _default_deadline(ctx: ActionContext) -> dt.date:
    from terbuka.core.workdays import calendar_for

    return calendar_for(ctx.body).add(_today(ctx), 10)


@actions.register
class BukaPutaran(DikAction):
    """Kupang step 1: the nota dinas opens the round (year and deadline) for every PPID Pembantu."""

    name = "dik_buka_putaran"
    label = gettext_lazy("Buka putaran usulan DIK")
    description = gettext_lazy("Tetapkan tahun dan batas usulan; nota dinas disusun dari data putaran.")
    Input = RoundInput
    kinds = ("biasa",)
    owns_outputs = True

    def initial(self, ctx: ActionContext) -> dict[str, Any]:
        return {"tahun": _today(ctx).year, "batas_usulan": _default_deadline(ctx)}

    def problems(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        assert isinstance(data, RoundInput)
        if data.batas_usulan <= _today(ctx):
            return [_("Batas usulan harus sesudah hari ini.")]
        return []

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        assert isinstance(data, RoundInput)
        rnd = _round(ctx)
        if rnd is None:
            rnd = services.round_open(
                actor=ctx.actor, body=ctx.body, year=data.tahun, deadline=data.batas_usulan, case=ctx.case
            )
            ctx.set_subject(rnd)
        else:
            assert ctx.actor is not None
            services.round_set_deadline(actor=ctx.actor, rnd=rnd, deadline=data.batas_usulan)
        from terbuka.core.workdays import format_date_id

        doc = _sign_now(
            ctx,
            "nota_dinas",
            {
                "yth": _("Kepala Dinas Komunikasi dan Informatika"),
                "dari": _("Petugas Layanan Informasi dan Dokumentasi"),
                "hal": rnd.title,
                "isi": [
                    _(
                        "Dengan hormat, bersama ini kami sampaikan rencana pemberitahuan kepada seluruh "
                        "PPID Pembantu "
                        "(%(n)s unit) untuk mengusulkan Daftar Informasi yang Dikecualikan Tahun %(y)s."
                    )
                    % {"n": rnd.proposals.count(), "y": rnd.year},
                    _(
                        "Usulan disampaikan paling lambat %(d)s menggunakan formulir daftar informasi yang "
                        "dikecualikan."
                    )
                    % {"d": format_date_id(data.batas_usulan)},
                ],
            },
            _("Nota dinas usulan DIK"),
        )
        ctx.record_outputs(document=doc)
        return {"round": rnd.pk}

    def work_url(self, ctx: ActionContext) -> str | None:
        rnd = _round(ctx)
        return reverse("dik:round", args=[ctx.body.slug, rnd.pk]) if rnd else None


@actions.register
class SuratUsulan(DikAction):
    """Serang step 1 / Kupang step 2: the letter to every PPID Pembantu, drafted from the round."""

    name = "dik_surat_usulan"
    label = gettext_lazy("Surat permintaan usulan DIK")
    description = gettext_lazy(
        "Surat kepada seluruh PPID Pembantu dengan batas waktu usulan, dari data putaran."
    )
    kinds = ("paraf",)

    def opened(self, ctx: ActionContext) -> None:
        if _round(ctx) is None:
            rnd = services.round_open(
                actor=None,
                body=ctx.body,
                year=_today(ctx).year,
                deadline=_default_deadline(ctx),
                case=ctx.case,
            )
            ctx.set_subject(rnd)

    def document(self, ctx: ActionContext) -> DocumentSpec | None:
        from terbuka.core.workdays import format_date_id

        rnd = _round(ctx)
        assert rnd is not None
        units = ", ".join(p.unit.name for p in rnd.proposals.select_related("unit"))
        return DocumentSpec(
            "surat_dinas",
            {
                "yth": _("Kepala Perangkat Daerah selaku PPID Pembantu di Lingkungan %(b)s")
                % {"b": ctx.body.name},
                "sifat": _("Penting"),
                "lampiran": _("1 (satu) berkas formulir Daftar Informasi yang Dikecualikan"),
                "hal": rnd.title,
                "isi": [
                    _(
                        "Dalam rangka pelaksanaan UU Nomor 14 Tahun 2008 tentang Keterbukaan Informasi "
                        "Publik, "
                        "khususnya Pasal 17 dan Pasal 19, PPID %(b)s akan menetapkan Daftar Informasi yang "
                        "Dikecualikan Tahun %(y)s melalui pengujian konsekuensi."
                    )
                    % {"b": ctx.body.name, "y": rnd.year},
                    _(
                        "Sehubungan dengan hal tersebut, kami mohon PPID Pembantu (%(u)s) mengusulkan "
                        "informasi yang "
                        "dikecualikan beserta dasar hukum, konsekuensi bila dibuka, pertimbangan bila "
                        "ditutup, dan "
                        "jangka waktu pengecualian melalui formulir pada aplikasi Terbuka, paling lambat "
                        "%(d)s."
                    )
                    % {"u": units, "d": format_date_id(rnd.deadline) if rnd.deadline else "-"},
                    _("Unit yang tidak mempunyai usulan agar menyatakannya pada formulir yang sama."),
                ],
            },
            title=rnd.title,
        )

    def state(self, ctx: ActionContext) -> list[str]:
        rnd = _round(ctx)
        if rnd is None:
            return []
        return [_("Batas usulan: %(d)s; %(n)s unit") % {"d": rnd.deadline or "-", "n": rnd.proposals.count()}]

    def work_url(self, ctx: ActionContext) -> str | None:
        rnd = _round(ctx)
        return reverse("dik:round", args=[ctx.body.slug, rnd.pk]) if rnd else None


def _proposal(ctx: ActionContext) -> UnitProposal | None:
    rnd = _round(ctx)
    if rnd is None or ctx.task.unit_id is None:
        return None
    return UnitProposal.objects.filter(round=rnd, unit_id=ctx.task.unit_id).first()


@actions.register
class UsulanUnit(DikAction):
    """Serang step 2 / Kupang step 3 (one task per unit): the unit's proposal as rows, or "nothing"."""

    name = "dik_usulan_unit"
    label = gettext_lazy("Usulan DIK unit")
    description = gettext_lazy(
        "Isi usulan unit sebagai baris (atau unggah templat XLSX), atau nyatakan tidak ada usulan."
    )
    kinds = ("sebar",)
    owns_outputs = True

    def problems(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        prop = _proposal(ctx)
        if prop is None:
            return [_("Putaran usulan untuk unit ini tidak ditemukan.")]
        if prop.state == UnitProposal.State.MENUNGGU:
            return [_("Isi usulan unit (sekurang-kurangnya satu baris) atau nyatakan tidak ada usulan.")]
        return []

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        prop = _proposal(ctx)
        assert prop is not None
        n = prop.entries.exclude(status=Status.DITARIK).count()
        summary = (
            _("%(n)s informasi diusulkan") % {"n": n}
            if prop.state == UnitProposal.State.DIAJUKAN
            else _("Tidak ada usulan: %(t)s") % {"t": prop.note}
        )
        ctx.record_outputs(item=prop, summary=summary)
        return {"proposal": prop.pk, "state": prop.state, "rows": n}

    def state(self, ctx: ActionContext) -> list[str]:
        prop = _proposal(ctx)
        if prop is None:
            return []
        return [
            f"{prop.get_state_display()}"
            + (
                f" ({prop.entries.exclude(status=Status.DITARIK).count()})"
                if prop.state == UnitProposal.State.DIAJUKAN
                else ""
            )
        ]

    def work_url(self, ctx: ActionContext) -> str | None:
        prop = _proposal(ctx)
        return reverse("dik:proposal", args=[ctx.body.slug, prop.pk]) if prop else None


def _proposed(ctx: ActionContext) -> list[Entry]:
    rnd = _round(ctx)
    return [e for e in services.round_entries(rnd) if e.status == Status.DIUSULKAN] if rnd else []


@actions.register
class Rekap(DikAction):
    """Serang step 3 (letter signed by the Kepala Dinas) / Kupang steps 4–5: all units' rows in one list."""

    name = "dik_rekap"
    label = gettext_lazy("Rekap usulan DIK")
    description = gettext_lazy("Rekapitulasi seluruh usulan unit, disusun dari baris usulan.")
    kinds = ("paraf", "biasa")
    owns_outputs = True

    def _title(self, ctx: ActionContext) -> str:
        rnd = _round(ctx)
        return _("Rekapitulasi Usulan Daftar Informasi yang Dikecualikan Tahun %(y)s") % {
            "y": rnd.year if rnd else ""
        }

    def problems(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        if not _proposed(ctx):
            return [_("Belum ada usulan unit yang dapat direkap.")]
        return []

    def document(self, ctx: ActionContext) -> DocumentSpec | None:
        rows = services.register_rows(_proposed(ctx), status=str(Status.DIUSULKAN.label))
        return DocumentSpec("dik", {"daftar": rows, "hal": self._title(ctx)}, title=self._title(ctx))

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        entries = _proposed(ctx)
        if getattr(ctx.step, "jenis", "") == "paraf":
            return {"entries": len(entries)}
        recap = None
        for name in _outputs(ctx):
            if _has(name, "usulan", "daftar"):
                recap = recap or _list_doc(
                    ctx, entries, self._title(ctx), name, status=str(Status.DIUSULKAN.label)
                )
                ctx.record_output(name, document=recap)
            else:
                units = {e.unit_id for e in entries}
                letter = _sign_now(
                    ctx,
                    "surat_pengantar",
                    {
                        "yth": _("Atasan PPID %(b)s") % {"b": ctx.body.name},
                        "hal": self._title(ctx),
                        "kiriman": [
                            {
                                "uraian": self._title(ctx),
                                "banyaknya": _("%(n)s informasi dari %(u)s unit")
                                % {"n": len(entries), "u": len(units)},
                                "keterangan": _("Untuk dilakukan uji konsekuensi"),
                            }
                        ],
                    },
                    name,
                )
                ctx.record_output(name, document=letter)
        return {"entries": len(entries)}


@actions.register
class Sampaikan(DikAction):
    """Serang step 4: the Petugas sends the signed recap and its cover letter (steps 1 and 3) up to the Atasan
    PPID and Asda 1 through the Kabag Hukum. Everything it passes on is already in the product (the rows
    and the signed letters), so no file may stand in for it."""

    name = "dik_sampaikan"
    label = gettext_lazy("Sampaikan rekap usulan DIK")
    description = gettext_lazy(
        "Rekap usulan dan surat pengantarnya yang sudah ditandatangani diteruskan; "
        "tidak ada berkas yang diunggah."
    )
    kinds = ("biasa",)
    owns_outputs = True

    def problems(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        return [] if _proposed(ctx) else [_("Belum ada usulan unit yang dapat disampaikan.")]

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        entries = _proposed(ctx)
        # the outputs pass through from steps 1 and 3 (outputs_to_make is empty); record any that is new here
        for name in _outputs(ctx):
            ctx.record_output(name, summary=_("%(n)s informasi diusulkan") % {"n": len(entries)})
        return {"entries": len(entries)}


@actions.register
class PersetujuanUji(DikAction):
    """Serang step 5: the request to hold the consequence test, approved by the Atasan PPID's signature."""

    name = "dik_persetujuan_uji"
    label = gettext_lazy("Persetujuan uji konsekuensi")
    description = gettext_lazy("Surat usulan pelaksanaan uji konsekuensi, disusun dari rekap usulan.")
    kinds = ("paraf",)

    def problems(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        return [] if _proposed(ctx) else [_("Tidak ada usulan yang akan diuji.")]

    def document(self, ctx: ActionContext) -> DocumentSpec | None:
        entries = _proposed(ctx)
        per_unit: dict[str, int] = {}
        for e in entries:
            key = e.unit.name if e.unit else "-"
            per_unit[key] = per_unit.get(key, 0) + 1
        isi = [
            _(
                "Bersama ini kami sampaikan rekapitulasi usulan Daftar Informasi yang Dikecualikan "
                "sebanyak %(n)s "
                "informasi dari %(u)s unit, dan kami mohon persetujuan untuk melaksanakan uji konsekuensi "
                "sebagaimana diatur Pasal 2 ayat (4) dan Pasal 19 UU Nomor 14 Tahun 2008."
            )
            % {"n": len(entries), "u": len(per_unit)},
            *[f"{unit}: {n} informasi" for unit, n in sorted(per_unit.items())],
        ]
        return DocumentSpec(
            "surat_dinas",
            {
                "yth": _("Atasan PPID %(b)s") % {"b": ctx.body.name},
                "hal": _("Permohonan Persetujuan Pelaksanaan Uji Konsekuensi"),
                "isi": isi,
            },
        )


class InvitationInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tanggal: dt.date = Field(title=gettext_noop("Tanggal uji konsekuensi"))
    waktu: str = Field(title=gettext_noop("Waktu"), min_length=1, max_length=60, default="09.00 s.d. selesai")
    tempat: str = Field(title=gettext_noop("Tempat"), min_length=1, max_length=300)
    pakar: list[str] = Field(
        default_factory=list,
        title=gettext_noop("Anggota dari luar (akademisi/pakar), satu per baris: Nama | peran"),
    )


def _team(ctx: ActionContext, experts: list[str]) -> list[dict[str, Any]]:
    seen: set[int] = set()
    team: list[dict[str, Any]] = []
    roles: tuple[tuple[str, str], ...] = (
        (Role.KABAG_HUKUM, _("Ketua (Kepala Bagian Hukum)")),
        (Role.PPID, _("PPID Utama")),
        (Role.TIM_UJI, _("Anggota")),
    )
    for code, label in roles:
        for user in holders_of(ctx.body, code):
            if user.pk not in seen:
                seen.add(user.pk)
                team.append({"user": user, "role": label})
    for line in experts:
        name, _sep, part = line.partition("|")
        if name.strip():
            team.append({"name": name.strip(), "role": part.strip() or _("Pakar/akademisi")})
    return team


@actions.register
class UndanganUji(DikAction):
    """Step 6: the team is invited; the session is opened with every proposed item of the round."""

    name = "dik_undangan_uji"
    label = gettext_lazy("Undangan Tim Uji Konsekuensi")
    description = gettext_lazy("Tetapkan jadwal dan tempat; undangan dan draf daftar disusun dari data.")
    Input = InvitationInput
    kinds = ("biasa",)
    owns_outputs = True

    def initial(self, ctx: ActionContext) -> dict[str, Any]:
        from terbuka.core.workdays import calendar_for

        return {
            "tanggal": calendar_for(ctx.body).add(_today(ctx), 3),
            "tempat": _("Ruang Rapat PPID %(b)s") % {"b": ctx.body.name},
        }

    def problems(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        assert isinstance(data, InvitationInput)
        out = []
        if data.tanggal < _today(ctx):
            out.append(_("Tanggal uji konsekuensi tidak boleh sebelum hari ini."))
        if not _proposed(ctx):
            out.append(_("Tidak ada usulan yang akan diuji."))
        return out

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        from terbuka.core.workdays import format_date_id

        assert isinstance(data, InvitationInput)
        entries = _proposed(ctx)
        team = _team(ctx, data.pakar)
        test = services.consequence_test_open(
            actor=ctx.actor,
            body=ctx.body,
            held_on=data.tanggal,
            place=data.tempat,
            team=team,
            entries=entries,
            round=_round(ctx),
            case=ctx.case,
            subject=_round(ctx),
        )
        invitation = draft = None
        for name in _outputs(ctx):
            if _has(name, "undangan"):
                invitation = invitation or _sign_now(
                    ctx,
                    "surat_undangan",
                    {
                        "yth": _("Tim Uji Konsekuensi (daftar terlampir)"),
                        "hal": _("Undangan Rapat Uji Konsekuensi Informasi yang Dikecualikan"),
                        "acara": {
                            "hari_tanggal": format_date_id(data.tanggal, weekday=True),
                            "waktu": data.waktu,
                            "tempat": data.tempat,
                            "agenda": _("Uji konsekuensi %(n)s usulan informasi yang dikecualikan")
                            % {"n": len(entries)},
                        },
                        "tembusan": [m["user"].display_name() if "user" in m else m["name"] for m in team],
                    },
                    name,
                )
                ctx.record_output(name, document=invitation)
            else:
                draft = draft or _list_doc(
                    ctx,
                    entries,
                    _("Draf Daftar Informasi yang Dikecualikan"),
                    name,
                    status=str(Status.DIUJI.label),
                )
                ctx.record_output(name, document=draft)
        return {"test": test.pk, "items": len(entries), "team": len(team)}


@actions.register
class UjiKonsekuensi(DikAction):
    """Step 7: the team decides each item on the session page; the sheet and the minutes are signed."""

    name = "dik_uji_konsekuensi"
    label = gettext_lazy("Uji konsekuensi")
    description = gettext_lazy(
        "Catat kehadiran dan keputusan tiap informasi pada halaman sesi; lembar uji dan berita acara disusun "
        "dari keputusan dan ditandatangani anggota yang hadir."
    )
    kinds = ("biasa",)
    owns_outputs = True

    def problems(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        test = _test(ctx)
        if test is None:
            return [_("Belum ada sesi uji konsekuensi untuk proses ini.")]
        if test.state != ConsequenceTest.State.SELESAI:
            return [_("Putuskan semua informasi dan tutup sesi uji konsekuensi.")]
        if test.sheet is None or test.minutes is None:
            return [_("Susun lembar uji dan berita acara sesi ini.")]
        unsigned = [
            d.get_kind_display() if hasattr(d, "get_kind_display") else d.kind
            for d in (test.sheet, test.minutes)
            if d.status != d.Status.FINAL
        ]
        if unsigned:
            return [_("Lembar uji dan berita acara belum ditandatangani semua anggota yang hadir.")]
        return []

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        test = _test(ctx)
        assert test is not None
        for name in _outputs(ctx):
            if _has(name, "panduan"):
                ctx.record_output(
                    name,
                    summary=_(
                        "Pasal 17 UU 14/2008 huruf a–j, PP 61/2010 Pasal 5–11, Pasal 18 ayat (1): data "
                        "dasar pengecualian Terbuka"
                    ),
                )
            elif _has(name, "berita"):
                ctx.record_output(name, document=test.minutes)
            else:
                ctx.record_output(name, document=test.sheet)
        outcomes: dict[str, int] = {}
        for item in test.items.all():
            outcomes[item.decision] = outcomes.get(item.decision, 0) + 1
        return {"test": test.pk, "outcomes": outcomes}

    def state(self, ctx: ActionContext) -> list[str]:
        test = _test(ctx)
        if test is None:
            return []
        done = test.items.exclude(decision="").count()
        return [
            _("%(d)s dari %(n)s informasi diputuskan; sesi %(s)s")
            % {"d": done, "n": test.items.count(), "s": test.get_state_display()}
        ]

    def work_url(self, ctx: ActionContext) -> str | None:
        test = _test(ctx)
        return reverse("dik:test", args=[ctx.body.slug, test.pk]) if test else None


@actions.register
class Ketetapan(DikAction):
    """Step 8: the determination of the session, signed by the PPID, goes to the Atasan PPID."""

    name = "dik_ketetapan"
    label = gettext_lazy("Ketetapan uji konsekuensi")
    description = gettext_lazy(
        "Ketetapan hasil uji konsekuensi (disusun dari keputusan, ditandatangani PPID)."
    )
    kinds = ("biasa",)
    owns_outputs = True

    def problems(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        test = _test(ctx)
        if test is None or test.determination is None:
            return [_("Ketetapan uji konsekuensi belum disusun.")]
        if test.determination.status != test.determination.Status.FINAL:
            return [_("Ketetapan uji konsekuensi belum ditandatangani PPID.")]
        return []

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        test = _test(ctx)
        assert test is not None and test.determination is not None
        ctx.record_outputs(document=test.determination)
        return {"document": test.determination.pk}


@actions.register
class SkDik(DikAction):
    """Serang step 9 (paraf chain to the Walikota) / Kupang step 9 (the Walikota signs): the decree with its
    lampiran generated from the register."""

    name = "dik_sk"
    label = gettext_lazy("Keputusan DIK")
    description = gettext_lazy(
        "SK tentang DIK; lampirannya disusun dari informasi yang diputuskan dikecualikan."
    )
    kinds = ("paraf", "biasa")
    owns_outputs = True

    def problems(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        if not services.decree_entries(ctx.body, _round(ctx)):
            return [_("Belum ada informasi yang diputuskan dikecualikan untuk ditetapkan.")]
        return []

    def document(self, ctx: ActionContext) -> DocumentSpec | None:
        return DocumentSpec("sk_dik", services.decree_context(ctx.body, _round(ctx)))

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        rnd = _round(ctx)
        year = rnd.year if rnd else _today(ctx).year
        decree = _decree(ctx) or services.decree_prepare(
            actor=ctx.actor, body=ctx.body, year=year, rnd=rnd, case=ctx.case
        )
        if getattr(ctx.step, "jenis", "") == "paraf":
            assert ctx.task.document is not None
            services.decree_attach(actor=ctx.actor, decree=decree, document=ctx.task.document)
            return {"decree": decree.pk}
        names = _outputs(ctx)
        doc = _sign_now(
            ctx, "sk_dik", services.decree_context(ctx.body, rnd), names[0] if names else "SK DIK"
        )
        services.decree_attach(actor=ctx.actor, decree=decree, document=doc)
        for name in names:
            ctx.record_output(name, document=doc)
        return {"decree": decree.pk, "number": doc.register_number}


@actions.register
class Terbitkan(DikAction):
    """Step 10: the decree and the list are on the public site; distributed to every PPID Pembantu and the
    DPRD (recorded, e-mailed where an address is known); archived."""

    name = "dik_terbitkan"
    label = gettext_lazy("Unggah dan sebarkan SK DIK")
    description = gettext_lazy("DIK tampil di laman publik; SK dikirim ke seluruh PPID Pembantu dan DPRD.")
    kinds = ("biasa",)
    owns_outputs = True

    def problems(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        decree = _decree(ctx)
        if decree is None or not decree.is_signed:
            return [_("SK DIK belum ditandatangani.")]
        return []

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        decree = _decree(ctx)
        assert decree is not None
        sent = services.decree_distribute(actor=ctx.actor, decree=decree, now=ctx.now)
        url = reverse("dik-public:list", args=[ctx.body.slug])
        ctx.record_outputs(document=decree.document, summary=url)
        return {"decree": decree.pk, "distributed": [d.recipient for d in sent], "url": url}


# -- 002: securing and declassification ----------------------------------------------------------------------


def _declass(ctx: ActionContext) -> Declassification | None:
    subject = ctx.subject
    return subject if isinstance(subject, Declassification) else None


def _scope(ctx: ActionContext) -> list[Entry]:
    decl = _declass(ctx)
    if decl is not None:
        return [decl.entry]
    return list(selectors.register(ctx.body, (Status.DIKECUALIKAN, Status.DITETAPKAN, Status.DEKLASIFIKASI)))


def _has_sheet(entry: Entry) -> bool:
    item = (
        entry.test_items.filter(test__state=ConsequenceTest.State.SELESAI, test__sheet__status="final")
        .order_by("-pk")
        .first()
    )
    return item is not None


@actions.register
class Kumpulkan(DikAction):
    """Bontang step 1: the DIK collected from the SKPD and BUMD, each entry with its consequence-test
    sheet."""

    name = "dik_kumpulkan"
    label = gettext_lazy("Kumpulkan DIK dan lembar uji")
    description = gettext_lazy(
        "Ya hanya bila setiap informasi yang dikecualikan punya lembar uji yang ditandatangani."
    )
    kinds = ("keputusan",)
    owns_outputs = True

    def problems(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        entries = _scope(ctx)
        missing = [e.title for e in entries if not _has_sheet(e)]
        if ctx.decision is True:
            if not entries:
                return [_("Belum ada informasi yang dikecualikan di register.")]
            if missing:
                return [
                    _("Belum ada lembar uji konsekuensi yang ditandatangani: %(t)s.")
                    % {"t": "; ".join(missing)}
                ]
        if ctx.decision is False and not ctx.note.strip():
            return [_("Tuliskan informasi yang belum disertai lembar uji.")]
        return []

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        entries = _scope(ctx)
        for name in _outputs(ctx):
            doc = _list_doc(ctx, entries, _("Daftar Informasi yang Dikecualikan (dikumpulkan)"), name)
            ctx.record_output(name, document=doc)
        return {"entries": len(entries)}


@actions.register
class Klasifikasi(DikAction):
    """Bontang step 2: the register classified by period and archived in order of its end dates."""

    name = "dik_klasifikasi"
    label = gettext_lazy("Klasifikasi menurut jangka waktu")
    description = gettext_lazy("Register disusun menurut tanggal berakhirnya pengecualian dan diarsipkan.")
    kinds = ("biasa",)
    owns_outputs = True

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        entries = list(
            selectors.register(ctx.body, (Status.DIKECUALIKAN, Status.DITETAPKAN, Status.DEKLASIFIKASI))
        )
        names = _outputs(ctx) or [
            ctx.step.output[0] if ctx.step.output else _("Daftar informasi yang dikecualikan")
        ]
        doc = _list_doc(ctx, entries, _("Daftar Informasi yang Dikecualikan menurut Jangka Waktu"), names[0])
        for name in names:
            ctx.record_output(name, document=doc)
        return {"entries": [e.pk for e in entries]}


class DeclassInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    keputusan: Literal["", "buka", "reklasifikasi"] = Field(default="", title=gettext_noop("Keputusan"))
    persetujuan_pimpinan: str = Field(
        default="",
        max_length=300,
        title=gettext_noop("Persetujuan pimpinan badan publik (nomor/tanggal disposisi)"),
    )
    alasan: str = Field(
        default="", max_length=2000, title=gettext_noop("Alasan"), json_schema_extra={"widget": "textarea"}
    )


@actions.register
class Deklasifikasi(DikAction):
    """Bontang step 3: information whose period ends becomes public, decided at least 30 working days before
    the end with the leadership's approval (PP 61/2010 Pasal 11; the body's policy), or is reclassified."""

    name = "dik_deklasifikasi"
    label = gettext_lazy("Deklasifikasi")
    description = gettext_lazy(
        "Buka informasi yang jangka waktunya berakhir (dengan persetujuan pimpinan), atau uji ulang."
    )
    Input = DeclassInput
    kinds = ("biasa",)
    owns_outputs = True

    def problems(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        assert isinstance(data, DeclassInput)
        decl = _declass(ctx)
        out: list[str] = []
        if decl is None:  # a periodic run: nothing is ending in this process
            return []
        if decl.state != Declassification.State.BERJALAN:
            return []
        if not data.keputusan:
            out.append(_("Pilih keputusan: buka, atau uji ulang (reklasifikasi)."))
        if services.policy_for(ctx.body).declass_needs_approval and not data.persetujuan_pimpinan.strip():
            out.append(_("Sebutkan persetujuan pimpinan badan publik (nomor dan tanggal)."))
        if data.keputusan == "reklasifikasi" and not data.alasan.strip():
            out.append(_("Tuliskan alasan informasi tetap dikecualikan."))
        return out

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        assert isinstance(data, DeclassInput)
        decl = _declass(ctx)
        if decl is not None and decl.state == Declassification.State.BERJALAN:
            note = "; ".join(x for x in (data.persetujuan_pimpinan.strip(), data.alasan.strip()) if x)
            services.declassification_decide(
                actor=None, declassification=decl, approve=data.keputusan == "buka", note=note, now=ctx.now
            )
        entries = list(
            selectors.register(ctx.body, (Status.DIKECUALIKAN, Status.DITETAPKAN, Status.DEKLASIFIKASI))
        )
        for name in _outputs(ctx):
            doc = _list_doc(ctx, entries, _("Daftar Informasi yang Dikecualikan (pemutakhiran)"), name)
            ctx.record_output(name, document=doc)
        if decl is not None:
            decl.refresh_from_db()
        return {"declassification": decl.pk if decl else None, "state": decl.state if decl else ""}

    def state(self, ctx: ActionContext) -> list[str]:
        decl = _declass(ctx)
        if decl is None:
            return []
        return [
            _("%(t)s: berakhir %(d)s (%(s)s)")
            % {"t": decl.entry.title, "d": decl.ends_on, "s": decl.get_state_display()}
        ]


class StoreInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lemari: str = Field(title=gettext_noop("Lemari"), min_length=1, max_length=60)
    rak: str = Field(title=gettext_noop("Rak"), default="", max_length=60)
    boks: str = Field(title=gettext_noop("Boks/ordner"), default="", max_length=60)


@actions.register
class Simpan(DikAction):
    """Bontang step 4: soft copy in the archive (access-logged), hard copy's place recorded."""

    name = "dik_simpan"
    label = gettext_lazy("Simpan dokumen DIK")
    description = gettext_lazy(
        "Catat tempat penyimpanan salinan cetak; salinan digital ada di arsip (akses tercatat)."
    )
    Input = StoreInput
    kinds = ("biasa",)
    owns_outputs = True

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        from terbuka.documents.services import stored_file_set_location

        assert isinstance(data, StoreInput)
        latest = None
        from terbuka.sop.models import StepOutput

        out = (
            StepOutput.objects.filter(case=ctx.case, document__isnull=False, document__kind="dik")
            .order_by("-pk")
            .first()
        )
        if out is not None and out.document is not None and out.document.final_docx is not None:
            latest = out.document
            assert ctx.actor is not None
            stored_file_set_location(
                actor=ctx.actor,
                stored=out.document.final_docx,
                cabinet=data.lemari,
                shelf=data.rak,
                box=data.boks,
            )
        ctx.record_outputs(document=latest, summary=f"{data.lemari} / {data.rak} / {data.boks}")
        return {"document": latest.pk if latest else None}


@actions.register
class Unggah(DikAction):
    """Bontang step 5: the DIK is on the public site (the page is the register itself)."""

    name = "dik_unggah"
    label = gettext_lazy("Unggah DIK ke laman resmi")
    description = gettext_lazy("DIK yang berlaku tampil di laman publik badan dan di API terbuka.")
    kinds = ("biasa",)
    owns_outputs = True

    def problems(self, ctx: ActionContext, data: BaseModel | None) -> list[str]:
        if selectors.current_decree(ctx.body) is None:
            return [_("Badan ini belum punya keputusan DIK yang ditandatangani untuk diumumkan.")]
        return []

    def perform(self, ctx: ActionContext, data: BaseModel | None) -> dict[str, Any]:
        url = reverse("dik-public:list", args=[ctx.body.slug])
        n = selectors.public_entries(ctx.body).count()
        ctx.record_outputs(summary=_("%(u)s (%(n)s informasi)") % {"u": url, "n": n})
        return {"url": url, "entries": n}


def _demo_prepare(self: actions.Action, task: Any, actor: Any, now: dt.datetime | None) -> dict[str, Any]:
    """What a demo user does on the step's domain page before completing it (the demo loader and the
    SOP walk tests use it); returns extra arguments of ``task_complete`` (the action's input)."""
    from .demo import prepare

    return prepare(self.name, task, actor, now)


for _cls in (
    BukaPutaran,
    SuratUsulan,
    UsulanUnit,
    Rekap,
    Sampaikan,
    PersetujuanUji,
    UndanganUji,
    UjiKonsekuensi,
    Ketetapan,
    SkDik,
    Terbitkan,
    Kumpulkan,
    Klasifikasi,
    Deklasifikasi,
    Simpan,
    Unggah,
):
    setattr(_cls, "demo_prepare", _demo_prepare)  # noqa: B010
