"""Every write to requests, objections and disputes (STYLE.md habit 2): one function per action, audited.

Services check the actor's role themselves (``actor=None`` is the requester on the public form or the
system); each runs in one transaction, so bad input leaves nothing half-saved.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core import audit, clocks, sequences
from terbuka.core.language import in_official_language
from terbuka.core.models import Clock, PublicBody, Unit, User
from terbuka.core.people import local_date
from terbuka.core.policies import has_any_role
from terbuka.core.roles import Role
from terbuka.core.workdays import calendar_for, format_date_id
from terbuka.registry.models import InformationItem

from . import crypto, policies
from .models import (
    Basis,
    Channel,
    Dispute,
    Ground,
    IdKind,
    InformationRequest,
    Objection,
    Obtain,
    Outcome,
    Send,
)

NOTICE = "pemberitahuan_tertulis"  # UU 14/2008 Pasal 22(7)-(8)
OBJECTION_WINDOW = "pengajuan_keberatan"  # Pasal 36(1)
OBJECTION_ANSWER = "tanggapan_keberatan"  # Pasal 36(2)
DISPUTE_WINDOW = "pengajuan_sengketa"  # Pasal 37(2)
ID_SCAN_MAX = 2 * 1024 * 1024
ID_SCAN_TYPES = {"application/pdf", "image/png", "image/jpeg"}

LIMITS = {
    "name": 200,
    "address": 1000,
    "phone": 40,
    "email": 254,
    "occupation": 120,
    "proxy_note": 300,
    "information": 5000,
    "purpose": 2000,
    "id_number": 100,
}
LABELS = {
    "name": _("Nama"),
    "address": _("Alamat"),
    "phone": _("Telepon"),
    "email": _("Surel"),
    "occupation": _("Pekerjaan"),
    "proxy_note": _("Kuasa"),
    "information": _("Informasi yang dibutuhkan"),
    "purpose": _("Tujuan penggunaan informasi"),
    "id_number": _("Nomor identitas"),
}


# -- numbers and secrets -------------------------------------------------------------------------------------


def format_number(prefix: str, body: PublicBody, year: int, seq: int) -> str:
    """``PI-05-2026-0042``: the body's id keeps numbers unique across bodies (the status link has no slug)."""
    return f"{prefix}-{body.pk:02d}-{year}-{seq:04d}"


def secret_digest(secret: str) -> str:
    return hashlib.sha256(f"terbuka-request:{secret}".encode()).hexdigest()


def secret_matches(request: InformationRequest, secret: str) -> bool:
    return hmac.compare_digest(request.secret_hash, secret_digest(secret or ""))


def request_by_secret(number: str, secret: str) -> InformationRequest | None:
    """The request for a status-link number and secret, or None: a wrong number, a wrong secret and no
    secret are one answer (the web page and the API both ask here). The digest is computed either way, so
    an unknown number takes as long as a wrong secret."""
    req = InformationRequest.objects.select_related("body").filter(number=number).first()
    expected = req.secret_hash if req is not None else secret_digest("")
    matches = hmac.compare_digest(expected, secret_digest(secret or ""))
    return req if req is not None and secret and matches else None


def notice_clock(request: InformationRequest) -> Clock | None:
    return clocks.get(request, NOTICE)


# -- intake --------------------------------------------------------------------------------------------------


def clean_submission(data: Mapping[str, Any]) -> dict[str, Any]:
    """The request form's rules (DOMAIN.md §6), one Indonesian message per field; returns clean values."""
    errors: dict[str, list[str]] = {}
    out: dict[str, Any] = {}

    def text(key: str, required: bool = True) -> str:
        value = str(data.get(key) or "").strip()
        if "\x00" in value:
            errors.setdefault(key, []).append(_("%(f)s berisi karakter yang tidak sah.") % {"f": LABELS[key]})
        if required and not value:
            errors.setdefault(key, []).append(_("%(f)s wajib diisi.") % {"f": LABELS[key]})
        if len(value) > LIMITS[key]:
            errors.setdefault(key, []).append(
                _("%(f)s paling panjang %(n)s karakter.") % {"f": LABELS[key], "n": LIMITS[key]}
            )
        return value

    for key in ("name", "address", "information", "purpose"):
        out[key] = text(key)
    for key in ("phone", "email", "occupation", "proxy_note"):
        out[key] = text(key, required=False)
    if not out["phone"] and not out["email"]:
        errors.setdefault("phone", []).append(
            _("Isi nomor telepon atau alamat surel agar PPID dapat menghubungi.")
        )
    if out["email"]:
        try:
            validate_email(out["email"])
        except ValidationError:
            errors.setdefault("email", []).append(_("Alamat surel tidak sah."))
    id_kind = str(data.get("id_kind") or IdKind.NIK)
    if id_kind not in IdKind.values:
        errors.setdefault("id_kind", []).append(_("Jenis identitas tidak dikenal."))
    out["id_kind"] = id_kind
    raw_id = text("id_number")
    if raw_id and id_kind == IdKind.NIK:
        try:
            raw_id = crypto.check_nik(raw_id)
        except ValidationError as exc:
            errors.setdefault("id_number", []).extend(exc.messages)
    out["id_number"] = raw_id
    for key, choices, label in (
        ("obtain", Obtain, _("Cara memperoleh informasi")),
        ("send", Send, _("Cara mengirimkan informasi")),
    ):
        value = str(data.get(key) or "")
        if value not in choices.values:
            errors.setdefault(key, []).append(_("%(f)s: pilih salah satu.") % {"f": label})
        out[key] = value
    if errors:
        raise ValidationError(errors)
    return out


def _read_scan(file: UploadedFile) -> tuple[bytes, str]:
    from terbuka.documents.archive import sniff

    if file.size is not None and file.size > ID_SCAN_MAX:
        raise ValidationError({"id_scan": [_("Pindaian identitas paling besar 2 MB.")]})
    data = file.read(ID_SCAN_MAX + 1)
    if len(data) > ID_SCAN_MAX:
        raise ValidationError({"id_scan": [_("Pindaian identitas paling besar 2 MB.")]})
    try:
        sniffed = sniff(data)
    except ValidationError as exc:
        raise ValidationError({"id_scan": exc.messages}) from exc
    if sniffed.content_type not in ID_SCAN_TYPES:
        raise ValidationError({"id_scan": [_("Pindaian identitas harus berupa PDF, JPG atau PNG.")]})
    return data, sniffed.content_type


@transaction.atomic
def request_submit(
    *,
    body: PublicBody,
    data: Mapping[str, Any],
    channel: str = Channel.WEB,
    actor: User | None = None,
    id_scan: UploadedFile | None = None,
    at: dt.datetime | None = None,
) -> tuple[InformationRequest, str]:
    """Register a request: number at once, the written-notice clock started, the secret returned once.

    ``actor=None`` is the requester on the public form or the API; an officer records walk-in, post and
    e-mail requests (``channel``) and may give the moment it arrived (``at``)."""
    if channel not in Channel.values:
        raise ValidationError(_("Saluran permohonan tidak dikenal."))
    if actor is not None and not policies.can_handle(actor, body):
        raise PermissionDenied(_("Hanya petugas PPID yang dapat mencatat permohonan."))
    if actor is None and channel not in (Channel.WEB, Channel.API):
        raise PermissionDenied(_("Permohonan langsung, pos dan surel dicatat oleh petugas."))
    clean = clean_submission(data)
    scan: tuple[bytes, str] | None = _read_scan(id_scan) if id_scan is not None else None
    now = timezone.now()
    at = at or now
    if at > now + dt.timedelta(minutes=5):
        raise ValidationError(_("Waktu diterima tidak boleh di masa depan."))
    year = local_date(at, body).year
    seq = sequences.next_value(body=body, series="permohonan", year=year)
    secret = secrets.token_urlsafe(18)
    id_number = clean.pop("id_number")
    request = InformationRequest(
        body=body,
        number=format_number("PI", body, year, seq),
        year=year,
        seq=seq,
        secret_hash=secret_digest(secret),
        channel=channel,
        submitted_at=at,
        received_on=at.date(),  # set from the clock below
        id_number_enc=crypto.encrypt_text(id_number),
        id_masked=crypto.mask(id_number),
        created_by=actor,
        **clean,
    )
    if scan is not None:
        request.id_scan_enc = crypto.encrypt_bytes(scan[0])
        request.id_scan_type = scan[1]
    request.save()
    clock = clocks.clock_start(actor=actor, body=body, owner=request, code=NOTICE, at=at)
    request.received_on = clock.received_on
    request.save(update_fields=["received_on"])
    audit.record(
        actor=actor,
        body=body,
        action="requests.request.submit",
        obj=request,
        new={
            "number": request.number,
            "channel": channel,
            "received_on": request.received_on,
            "due": clock.due_date,
            "id": request.id_masked,
        },
    )
    return request, secret


def request_unmask(*, actor: User, request: InformationRequest, reason: str = "") -> str:
    """The full identity number, for the PPID and its superior only; every opening is logged."""
    if not policies.can_unmask(actor, request.body):
        audit.record(
            actor=actor, body=request.body, action="requests.identity.refused", obj=request, note=reason
        )
        raise PermissionDenied(_("Anda tidak berwenang membuka nomor identitas pemohon."))
    value = crypto.decrypt_text(request.id_number_enc)
    audit.record(actor=actor, body=request.body, action="requests.identity.unmask", obj=request, note=reason)
    return value


def request_id_scan(*, actor: User, request: InformationRequest) -> tuple[bytes, str]:
    if request.id_scan_enc is None:
        raise ValidationError(_("Permohonan ini tidak memiliki pindaian identitas."))
    if not policies.can_unmask(actor, request.body):
        raise PermissionDenied(_("Anda tidak berwenang membuka pindaian identitas pemohon."))
    data = crypto.decrypt_bytes(request.id_scan_enc)
    audit.record(actor=actor, body=request.body, action="requests.identity.scan_opened", obj=request)
    return data, request.id_scan_type


def _locked(request: InformationRequest) -> InformationRequest:
    return InformationRequest.objects.select_for_update().select_related("body").get(pk=request.pk)


def _desk(actor: User | None, body: PublicBody) -> None:
    if actor is not None and not policies.can_handle(actor, body):
        raise PermissionDenied(_("Anda tidak berwenang menangani permohonan badan publik ini."))


# -- process -------------------------------------------------------------------------------------------------


def request_sop(body: PublicBody) -> Any:
    """The body's request SOP: an active SOP whose first step's action is ``terima_permohonan``."""
    from terbuka.sop.models import Sop

    for sop in Sop.objects.filter(body=body, is_active=True, current_version__isnull=False).select_related(
        "current_version"
    ):
        if sop.current_version is None:
            continue
        first = sop.current_version.definition.first
        if first.action_name == "terima_permohonan":
            return sop
    return None


@transaction.atomic
def request_start_process(*, actor: User, request: InformationRequest, sop: Any = None) -> Any:
    """Start the body's request SOP with the request as its subject (the desk works the requester's lane)."""
    from terbuka.sop import services as sop_services

    request = _locked(request)
    _desk(actor, request.body)
    if request.case_id is not None:
        raise ValidationError(_("Permohonan ini sudah diproses dalam SOP."))
    sop = sop or request_sop(request.body)
    if sop is None:
        raise ValidationError(_("Badan publik ini belum memiliki SOP permohonan informasi yang berlaku."))
    case = sop_services.case_start(
        actor=actor, sop=sop, title=_("Permohonan %(n)s") % {"n": request.number}, subject=request
    )
    request.case = case
    request.status = InformationRequest.Status.DIPROSES
    request.save(update_fields=["case", "status"])
    audit.record(
        actor=actor, body=request.body, action="requests.request.process", obj=request, new={"case": case.pk}
    )
    return case


@transaction.atomic
def request_route(*, actor: User | None, request: InformationRequest, unit: Unit) -> InformationRequest:
    request = _locked(request)
    if unit.body_id != request.body_id:
        raise ValidationError(_("Unit ini milik badan publik lain."))
    old = request.unit_id
    request.unit = unit
    if request.status == InformationRequest.Status.TERDAFTAR:
        request.status = InformationRequest.Status.DIPROSES
    request.save(update_fields=["unit", "status"])
    audit.record(
        actor=actor,
        body=request.body,
        action="requests.request.route",
        obj=request,
        old={"unit": old},
        new={"unit": unit.pk},
    )
    return request


@transaction.atomic
def request_classify(
    *,
    actor: User | None,
    request: InformationRequest,
    basis: str,
    dip_item: InformationItem | None = None,
    dik_entry_ref: str = "",
) -> InformationRequest:
    """Where the answer comes from: the DIP (an item), the DIK (an entry), a consequence test, or neither."""
    request = _locked(request)
    if basis not in Basis.values:
        raise ValidationError(_("Dasar jawaban tidak dikenal."))
    if basis == Basis.DIP:
        if dip_item is None or dip_item.body_id != request.body_id:
            raise ValidationError(_("Pilih informasi dalam DIP badan publik ini."))
        if not dip_item.is_public:
            raise ValidationError(_("Informasi itu belum terbuka untuk publik (bukan bagian DIP)."))
    if basis == Basis.DIK and not dik_entry_ref.strip():
        raise ValidationError(_("Sebutkan entri DIK yang menjadi dasar penolakan."))
    if basis == Basis.DIK:
        from . import consequence

        consequence.entry_for(request, dik_entry_ref.strip())  # a named entry must exist and be closed
    request.basis = basis
    request.dip_item = dip_item if basis == Basis.DIP else None
    request.dik_entry_ref = dik_entry_ref.strip()[:200] if basis == Basis.DIK else ""
    request.save(update_fields=["basis", "dip_item", "dik_entry_ref"])
    audit.record(
        actor=actor,
        body=request.body,
        action="requests.request.classify",
        obj=request,
        new={"basis": basis, "dip_item": request.dip_item_id, "dik": request.dik_entry_ref},
    )
    return request


@in_official_language
@transaction.atomic
def request_extend(
    *, actor: User, request: InformationRequest, days: int, reasons: Iterable[str]
) -> InformationRequest:
    """One extension of at most 7 working days with written reasons (Pasal 22(8)), and its letter."""
    from terbuka.documents import services as docs
    from terbuka.documents.signoff import Signer

    request = _locked(request)
    _desk(actor, request.body)
    lines = [r.strip() for r in reasons if r and r.strip()]
    if not lines:
        raise ValidationError(_("Perpanjangan wajib disertai alasan tertulis."))
    clock = notice_clock(request)
    if clock is None:
        raise ValidationError(_("Tenggat pemberitahuan tertulis permohonan ini tidak ditemukan."))
    clock = clocks.clock_extend(actor=actor, clock=clock, days=days, reason="; ".join(lines))
    stored = docs.generate_document(
        actor=actor,
        body=request.body,
        kind="pemberitahuan_perpanjangan",
        context={
            "yth": f"Sdr. {request.name}, {request.address}",
            "registrasi": request.number,
            "tanggal_permohonan": format_date_id(request.received_on),
            "hari_perpanjangan": str(days),
            "alasan": lines,
            "batas_baru": format_date_id(clock.due_date, weekday=True) if clock.due_date else "",
        },
        case=request.case,
        signers=[Signer(user=None, role=Role.PPID)],
        label=_("Pemberitahuan perpanjangan %(n)s") % {"n": request.number},
    )
    request.extension_letter = stored.document
    request.save(update_fields=["extension_letter"])
    audit.record(
        actor=actor,
        body=request.body,
        action="requests.request.extend",
        obj=request,
        new={"days": days, "due": clock.due_date},
    )
    return request


# -- the answer ----------------------------------------------------------------------------------------------


@transaction.atomic
def request_decide(
    *,
    actor: User | None,
    request: InformationRequest,
    outcome: str,
    refusal_ground: str = "",
    holder_body: str = "",
    answer_note: str = "",
    fee: str = "",
) -> InformationRequest:
    """The answer (Pasal 22(7)); a refusal names its Pasal 17 ground, given-in-part needs a redacted copy."""
    request = _locked(request)
    _desk_or_system(actor, request)
    if outcome not in Outcome.values:
        raise ValidationError(_("Keputusan tidak dikenal."))
    refusal_ground = refusal_ground.strip()
    if outcome in (Outcome.DITOLAK, Outcome.SEBAGIAN) and not refusal_ground:
        raise ValidationError(
            _("Sebutkan alasan pengecualian (Pasal 17 huruf …) untuk penolakan atau bagian yang dihitamkan.")
        )
    if outcome == Outcome.DITOLAK and request.basis not in (Basis.DIK, Basis.UJI):
        raise ValidationError(_("Penolakan harus berdasar entri DIK atau hasil uji konsekuensi."))
    if outcome == Outcome.SEBAGIAN and not request.redactions.exists():
        raise ValidationError(_("Diberikan sebagian: buat dulu salinan yang dihitamkan."))
    request.outcome = outcome
    request.refusal_ground = refusal_ground[:300]
    request.holder_body = holder_body.strip()[:300] if outcome == Outcome.TIDAK_DIKUASAI else ""
    request.answer_note = answer_note.strip()
    if fee.strip():
        request.fee = fee.strip()[:100]
    request.save()
    audit.record(
        actor=actor,
        body=request.body,
        action="requests.request.decide",
        obj=request,
        new={"outcome": outcome, "ground": request.refusal_ground, "holder": request.holder_body},
    )
    return request


def _desk_or_system(actor: User | None, request: InformationRequest) -> None:
    """The answer is the desk's (petugas, PPID, Atasan PPID, admin) or the system's; a PPID Pembantu
    studies and may prepare the redacted copy, but does not decide or send."""
    if actor is None:
        return
    if not policies.can_handle(actor, request.body):
        raise PermissionDenied(_("Anda tidak berwenang menangani permohonan ini."))


def notice_context(request: InformationRequest) -> tuple[str, dict[str, Any]]:
    """The letter's kind and fields: the refusal decree for a refusal, else the written notice."""
    from .consequence import entry_citation

    requester = {"nama": request.name, "alamat": request.address, "kontak": request.phone or request.email}
    if request.outcome == Outcome.DITOLAK:
        return "sk_penolakan", {
            "registrasi": request.number,
            "pemohon": requester,
            "informasi": request.information,
            "tujuan": request.purpose,
            "alasan": [request.refusal_ground]
            + (
                [_("Tercantum dalam DIK: %(e)s") % {"e": entry_citation(request)}]
                if request.dik_entry_ref
                else []
            )
            + ([_("Uji konsekuensi: %(t)s") % {"t": request.test_ref}] if request.test_ref else []),
            "konsekuensi": [
                request.answer_note
                or _("Membuka informasi ini menimbulkan konsekuensi sebagaimana hasil uji konsekuensi.")
            ],
        }
    from terbuka.documents.kinds.pemberitahuan_tertulis.context import BUTIR_PASAL_22_7

    held = request.outcome not in (Outcome.TIDAK_DIKUASAI, Outcome.BELUM_DIDOKUMENTASIKAN)
    parts = [p for r in request.redactions.all() for p in r.parts]
    answers = [
        _("Berada di bawah penguasaan %(b)s") % {"b": request.body.name}
        if held
        else (
            _("Tidak berada di bawah penguasaan %(b)s") % {"b": request.body.name}
            if request.outcome == Outcome.TIDAK_DIKUASAI
            else _("Belum dikuasai atau belum didokumentasikan (Pasal 22 ayat (7) huruf a)")
        ),
        request.holder_body or "-",
        {
            Outcome.DIBERIKAN: _("Diterima seluruhnya"),
            Outcome.SEBAGIAN: _("Diterima sebagian"),
            Outcome.TIDAK_DIKUASAI: _("Tidak dapat dipenuhi: informasi tidak dikuasai"),
            Outcome.BELUM_DIDOKUMENTASIKAN: _(
                "Tidak dapat dipenuhi: informasi belum didokumentasikan (Pasal 6 ayat (3))"
            ),
        }.get(Outcome(request.outcome), "-"),
        (request.dip_item.get_form_display() if request.dip_item else Obtain(request.obtain).label)
        if held
        else "-",
        "; ".join(f"hlm. {p['page']}: {p['ground']}" for p in parts)
        if parts
        else _("Tidak ada bagian yang dihitamkan"),
        Send(request.send).label if held else "-",
        request.fee or _("Tanpa biaya"),
    ]
    butir = [
        {"huruf": h, "hal": t, "isi": str(a)} for (h, t), a in zip(BUTIR_PASAL_22_7, answers, strict=True)
    ]
    return "pemberitahuan_tertulis", {
        "registrasi": request.number,
        "tanggal_permohonan": format_date_id(request.received_on),
        "pemohon": {"nama": request.name, "alamat": request.address},
        "informasi": request.information,
        "butir": butir,
    }


@transaction.atomic
def request_draft_notice(
    *, actor: User | None, request: InformationRequest, step_no: int | None = None
) -> Any:
    """Draft the written notice (or the refusal decree), to be signed by the PPID."""
    from terbuka.documents import services as docs
    from terbuka.documents.models import Classification
    from terbuka.documents.signoff import Signer

    request = _locked(request)
    _desk_or_system(actor, request)
    if not request.outcome:
        raise ValidationError(_("Tetapkan dulu keputusan atas permohonan ini."))
    kind, context = notice_context(request)
    stored = docs.generate_document(
        actor=actor,
        body=request.body,
        kind=kind,
        context=context,
        case=request.case,
        step_no=step_no,
        signers=[Signer(user=None, role=Role.PPID)],
        label=_("Jawaban permohonan %(n)s") % {"n": request.number},
        classification=Classification.INTERNAL,
    )
    request.notice = stored.document
    request.save(update_fields=["notice"])
    audit.record(
        actor=actor,
        body=request.body,
        action="requests.request.notice_drafted",
        obj=request,
        new={"document": request.notice_id, "kind": kind},
    )
    return request.notice


@transaction.atomic
def request_answered(
    *, actor: User | None, request: InformationRequest, at: dt.datetime | None = None
) -> InformationRequest:
    """The signed answer is sent: the notice clock stops, the objection window (Pasal 36(1)) opens."""
    from terbuka.documents.models import Document

    request = _locked(request)
    _desk_or_system(actor, request)
    if request.notice is None or request.notice.status != Document.Status.FINAL:
        raise ValidationError(_("Surat jawaban belum ditandatangani."))
    at = at or timezone.now()
    request.answered_at = at
    request.status = InformationRequest.Status.DIJAWAB
    request.save(update_fields=["answered_at", "status"])
    clock = notice_clock(request)
    if clock is not None:
        clocks.clock_stop(actor=actor, clock=clock, reason=_("pemberitahuan tertulis dikirim"), at=at)
    clocks.clock_start(actor=actor, body=request.body, owner=request, code=OBJECTION_WINDOW, at=at)
    audit.record(
        actor=actor, body=request.body, action="requests.request.answered", obj=request, new={"at": at}
    )
    return request


@transaction.atomic
def request_delivered(
    *,
    actor: User | None,
    request: InformationRequest,
    how: str,
    receipt_signed: bool,
    at: dt.datetime | None = None,
) -> InformationRequest:
    request = _locked(request)
    _desk_or_system(actor, request)
    if request.answered_at is None:
        raise ValidationError(_("Permohonan ini belum dijawab."))
    if not how.strip():
        raise ValidationError(_("Tuliskan cara penyerahan (langsung, pos, surel …)."))
    request.delivered_at = at or timezone.now()
    request.delivery_note = how.strip()[:300]
    request.receipt_by_requester = receipt_signed
    request.status = InformationRequest.Status.DITERIMA_PEMOHON
    request.save(update_fields=["delivered_at", "delivery_note", "receipt_by_requester", "status"])
    audit.record(
        actor=actor,
        body=request.body,
        action="requests.request.delivered",
        obj=request,
        new={"how": request.delivery_note, "receipt": receipt_signed},
    )
    return request


@transaction.atomic
def request_archive(*, actor: User | None, request: InformationRequest) -> InformationRequest:
    request = _locked(request)
    _desk_or_system(actor, request)
    if request.delivered_at is None:
        raise ValidationError(_("Catat dulu penyerahan jawaban kepada pemohon."))
    request.archived_at = timezone.now()
    request.status = InformationRequest.Status.SELESAI
    request.save(update_fields=["archived_at", "status"])
    audit.record(actor=actor, body=request.body, action="requests.request.archive", obj=request)
    return request


# -- objections ----------------------------------------------------------------------------------------------


def objection_window(
    request: InformationRequest, now: dt.datetime | None = None
) -> tuple[dt.date | None, str]:
    """The last day to object (Pasal 36(1)) and why: 30 working days after the answer, or after the
    written-notice deadline passed unanswered."""
    window = clocks.get(request, OBJECTION_WINDOW)
    if window is not None and window.due_date is not None:
        return window.due_date, _("30 hari kerja sejak jawaban %(d)s") % {
            "d": format_date_id(window.received_on)
        }
    notice = notice_clock(request)
    if notice is not None and notice.due_date is not None and clocks.is_late(notice, now):
        due = calendar_for(request.body).add(notice.due_date, 30)
        return due, _("30 hari kerja sejak batas pemberitahuan %(d)s terlewati") % {
            "d": format_date_id(notice.due_date)
        }
    return None, _("belum ada jawaban dan batas pemberitahuan belum terlewati")


@transaction.atomic
def objection_file(
    *,
    actor: User | None,
    request: InformationRequest,
    grounds: Iterable[str],
    reasons: str,
    at: dt.datetime | None = None,
) -> Objection:
    """An objection to the Atasan PPID (Pasal 35-36): by the requester (``actor=None``) or an officer."""
    request = _locked(request)
    if actor is not None:
        _desk(actor, request.body)
    grounds = sorted({g for g in grounds if g})
    if not grounds:
        raise ValidationError(
            {"grounds": [_("Pilih sekurang-kurangnya satu alasan keberatan (Pasal 35 ayat (1)).")]}
        )
    if any(g not in Ground.values for g in grounds):
        raise ValidationError({"grounds": [_("Alasan keberatan tidak dikenal.")]})
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationError({"reasons": [_("Uraikan kasus posisi keberatan Anda.")]})
    if len(reasons) > 5000:
        raise ValidationError({"reasons": [_("Kasus posisi paling panjang 5000 karakter.")]})
    at = at or timezone.now()
    last, why = objection_window(request, at)
    day = local_date(at, request.body)
    if last is None:
        raise ValidationError(_("Keberatan belum dapat diajukan: %(why)s.") % {"why": why})
    late = day > last
    if late and actor is None:
        raise ValidationError(
            _("Batas pengajuan keberatan sudah lewat (%(d)s, %(why)s; Pasal 36 ayat (1)).")
            % {"d": format_date_id(last), "why": why}
        )
    year = day.year
    seq = sequences.next_value(body=request.body, series="keberatan", year=year)
    objection = Objection(
        body=request.body,
        request=request,
        number=format_number("KB", request.body, year, seq),
        year=year,
        seq=seq,
        grounds=grounds,
        reasons=reasons,
        filed_at=at,
        received_on=day,
        filed_by=actor,
        late=late,
    )
    objection.save()
    clock = clocks.clock_start(actor=actor, body=request.body, owner=objection, code=OBJECTION_ANSWER, at=at)
    objection.received_on = clock.received_on
    objection.save(update_fields=["received_on"])
    window = clocks.get(request, OBJECTION_WINDOW)
    if window is not None and window.status != Clock.Status.STOPPED:
        clocks.clock_stop(actor=actor, clock=window, reason=_("keberatan diajukan"), at=at)
    audit.record(
        actor=actor,
        body=request.body,
        action="requests.objection.file",
        obj=objection,
        new={"number": objection.number, "grounds": grounds, "late": late, "due": clock.due_date},
    )
    return objection


@transaction.atomic
def objection_answer(
    *,
    actor: User,
    objection: Objection,
    decision: str,
    answer: str,
    at: dt.datetime | None = None,
    sign: bool = True,
) -> Objection:
    """The Atasan PPID's written answer (Pasal 36(2)), signed; the dispute window (Pasal 37(2)) opens."""
    from terbuka.documents import services as docs
    from terbuka.documents.signoff import Signer

    objection = Objection.objects.select_for_update().select_related("body", "request").get(pk=objection.pk)
    if not policies.can_answer_objection(actor, objection.body):
        raise PermissionDenied(_("Tanggapan atas keberatan diberikan oleh Atasan PPID."))
    if objection.status == Objection.Status.DIJAWAB:
        raise ValidationError(_("Keberatan ini sudah ditanggapi."))
    if decision not in Objection.Decision.values:
        raise ValidationError(_("Putusan tidak dikenal."))
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(_("Tuliskan tanggapan dan alasannya."))
    at = at or timezone.now()
    request = objection.request
    stored = docs.generate_document(
        actor=actor,
        body=objection.body,
        kind="surat_dinas",
        context={
            "yth": f"Sdr. {request.name}",
            "hal": _("Tanggapan atas Keberatan %(n)s") % {"n": objection.number},
            "isi": [
                _(
                    "Menindaklanjuti keberatan Saudara nomor %(k)s atas permohonan informasi nomor %(p)s, "
                    "dengan alasan %(g)s,"
                )
                % {
                    "k": objection.number,
                    "p": request.number,
                    "g": ", ".join(f"huruf {g}" for g in objection.grounds) + " Pasal 35 ayat (1) UU 14/2008",
                },
                _("Atasan PPID memutuskan: %(d)s.") % {"d": Objection.Decision(decision).label},
                answer,
                _(
                    "Apabila Saudara tidak puas, Saudara dapat mengajukan sengketa informasi ke Komisi "
                    "Informasi paling lambat 14 (empat belas) hari kerja sejak menerima tanggapan ini "
                    "(Pasal 37 ayat (2) UU 14/2008)."
                ),
            ],
        },
        signers=[Signer(user=actor, role=Role.ATASAN_PPID)]
        if sign
        else [Signer(user=None, role=Role.ATASAN_PPID)],
        sign_now=sign and has_any_role(actor, objection.body, Role.ATASAN_PPID),
        label=_("Tanggapan keberatan %(n)s") % {"n": objection.number},
    )
    objection.decision = decision
    objection.answer = answer
    objection.answered_at = at
    objection.answer_letter = stored.document
    objection.status = Objection.Status.DIJAWAB
    objection.save()
    clock = clocks.get(objection, OBJECTION_ANSWER)
    if clock is not None:
        clocks.clock_stop(actor=actor, clock=clock, reason=_("keberatan ditanggapi"), at=at)
    clocks.clock_start(actor=actor, body=objection.body, owner=objection, code=DISPUTE_WINDOW, at=at)
    audit.record(
        actor=actor,
        body=objection.body,
        action="requests.objection.answer",
        obj=objection,
        new={"decision": decision, "letter": objection.answer_letter_id},
    )
    return objection


@transaction.atomic
def objection_response(*, actor: User | None, objection: Objection, response: str) -> Objection:
    """The requester's response to the answer (the objection register's last column)."""
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if actor is not None:
        _desk(actor, objection.body)
    objection.requester_response = (response or "").strip()[:2000]
    objection.save(update_fields=["requester_response"])
    audit.record(actor=actor, body=objection.body, action="requests.objection.response", obj=objection)
    return objection


# -- disputes ------------------------------------------------------------------------------------------------


def dispute_window(objection: Objection | None, request: InformationRequest) -> tuple[dt.date | None, str]:
    """14 working days after the superior's answer, or after the 30-day answer period lapsed (Pasal 37(2))."""
    if objection is None:
        return None, _("sengketa diajukan setelah keberatan")
    window = clocks.get(objection, DISPUTE_WINDOW)
    if window is not None and window.due_date is not None:
        return window.due_date, _("14 hari kerja sejak tanggapan Atasan PPID")
    answer = clocks.get(objection, OBJECTION_ANSWER)
    if answer is not None and answer.due_date is not None and clocks.is_late(answer):
        return calendar_for(request.body).add(answer.due_date, 14), _(
            "14 hari kerja sejak batas tanggapan terlewati"
        )
    return None, _("keberatan masih dalam tenggat tanggapan Atasan PPID")


@transaction.atomic
def dispute_record(
    *,
    actor: User,
    objection: Objection,
    filed_on: dt.date,
    case_number: str,
    commission: str = "",
) -> Dispute:
    objection = Objection.objects.select_for_update().select_related("request", "body").get(pk=objection.pk)
    _desk(actor, objection.body)
    case_number = (case_number or "").strip()
    if not case_number:
        raise ValidationError(_("Nomor register sengketa wajib diisi."))
    if filed_on > local_date(timezone.now(), objection.body) + dt.timedelta(days=1):
        raise ValidationError(_("Tanggal pengajuan sengketa tidak boleh di masa depan."))
    last, _why = dispute_window(objection, objection.request)
    dispute = Dispute.objects.create(
        body=objection.body,
        request=objection.request,
        objection=objection,
        filed_on=filed_on,
        late=last is not None and filed_on > last,
        commission=(commission or _("Komisi Informasi Provinsi")).strip()[:200],
        case_number=case_number[:120],
    )
    window = clocks.get(objection, DISPUTE_WINDOW)
    if window is not None and window.status != Clock.Status.STOPPED:
        clocks.clock_stop(actor=actor, clock=window, reason=_("sengketa diajukan"))
    clocks.clock_start(
        actor=actor, body=objection.body, owner=dispute, code="penyelesaian_sengketa", on=filed_on
    )
    audit.record(
        actor=actor,
        body=objection.body,
        action="requests.dispute.record",
        obj=dispute,
        new={"case": dispute.case_number, "late": dispute.late},
    )
    return dispute


@transaction.atomic
def dispute_update(
    *,
    actor: User,
    dispute: Dispute,
    stage: str,
    result: str = "",
    result_on: dt.date | None = None,
    order: str = "",
    order_note: str = "",
) -> Dispute:
    """Mediation or adjudication, its outcome and the order that flows back (``dispute_carry_out``)."""
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    _desk(actor, dispute.body)
    if stage not in Dispute.Stage.values:
        raise ValidationError(_("Tahap sengketa tidak dikenal."))
    if result and result not in Dispute.Result.values:
        raise ValidationError(_("Hasil sengketa tidak dikenal."))
    if order and order not in Dispute.Order.values:
        raise ValidationError(_("Perintah tidak dikenal."))
    if result and result_on is None:
        raise ValidationError(_("Tanggal putusan/kesepakatan wajib diisi."))
    old = audit.snapshot(dispute)
    dispute.stage = Dispute.Stage.SELESAI if result else stage
    dispute.result = result
    dispute.result_on = result_on
    dispute.order = order
    dispute.order_note = (order_note or "").strip()
    dispute.save()
    if result:
        clock = clocks.get(dispute, "penyelesaian_sengketa")
        if clock is not None:
            clocks.clock_stop(actor=actor, clock=clock, reason=str(Dispute.Result(result).label))
    o, n = audit.diff(old, audit.snapshot(dispute))
    audit.record(actor=actor, body=dispute.body, action="requests.dispute.update", obj=dispute, old=o, new=n)
    return dispute


@transaction.atomic
def dispute_carry_out(*, actor: User, dispute: Dispute, title: str = "") -> Dispute:
    """The order flows back: "open the information" publishes it in the registry (a DIP item);
    "run a consequence test" opens one on the request (the DIK app's session, ``consequence.py``)."""
    from terbuka.registry import services as registry

    from . import consequence

    dispute = Dispute.objects.select_for_update().select_related("request", "body").get(pk=dispute.pk)
    _desk(actor, dispute.body)
    if dispute.order_done_at is not None:
        raise ValidationError(_("Perintah ini sudah dilaksanakan."))
    request = dispute.request
    if dispute.order == Dispute.Order.BUKA:
        item = request.dip_item
        if item is None:
            item = registry.item_create(
                actor=None,
                body=dispute.body,
                title=(title or request.information)[:500],
                category="setiap_saat",
                source="petugas",
                source_ref=f"requests.dispute:{dispute.pk}",
                unit=request.unit,
                is_public=True,
                summary=_("Dibuka atas putusan %(c)s nomor %(n)s")
                % {"c": dispute.commission, "n": dispute.case_number},
            )
        else:
            registry.item_publish(actor=None, item=item)
        ref = f"registry.item:{item.pk}"
    elif dispute.order == Dispute.Order.UJI:
        ref = consequence.start_for_request(
            actor=actor, request=request, reason=dispute.case_number, trigger="perintah_komisi"
        )
    else:
        raise ValidationError(_("Sengketa ini tidak memuat perintah yang harus dilaksanakan."))
    dispute.order_done_at = timezone.now()
    dispute.order_done_ref = ref[:200]
    dispute.save(update_fields=["order_done_at", "order_done_ref"])
    audit.record(
        actor=actor, body=dispute.body, action="requests.dispute.carry_out", obj=dispute, new={"ref": ref}
    )
    return dispute
