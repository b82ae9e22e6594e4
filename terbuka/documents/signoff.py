"""The sign-off chain: paraf by one or more officials in order, then the signature (tanda tangan).

Generating a document creates a *konsep* (draft) with a planned chain of ``SignStep`` rows. Each step names
an official by user, or by role (and unit) so that whoever holds the role that day may act, including a
Plt./Plh. (``people.grant_for`` finds the position and the acting kind). The services in ``services.py``
(``document_paraf``, ``document_sign``, ``document_return``) perform the steps one by one; this module
holds the rules they share: planning, whose turn it is, recording a ``SignOff`` and the template context.

A sign-off row keeps a copy of the title, name, NIP and rank as printed, so the document stays true to the
day it was signed even after people move.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core.models import Position, PublicBody, Unit, User
from terbuka.core.people import Grant, grant_for, holders_of
from terbuka.core.roles import role_label
from terbuka.core.workdays import format_date_id

from .models import Document, SignOff, SignStep


@dataclass(frozen=True)
class Signer:
    """One planned step. ``user`` None means: whoever holds ``role`` (in ``unit``) that day.

    ``performed_by`` is only for ``generate_document(..., sign_now=True)``: the official who performed the
    step (e.g. recorded by the SOP engine when that official completed the task). Without it, the actor
    of ``generate_document`` must be the official; nobody signs in another's name.
    """

    user: User | None
    role: str
    kind: str = SignOff.Kind.TTD  # "ttd" or "paraf"
    unit: Unit | None = None
    on_behalf_of: str = ""  # a.n. (atas nama) another official, e.g. "Wali Kota Serang"
    performed_by: User | None = None


class NotYourTurn(PermissionDenied):
    """The actor may not perform the current step (not the planned official, or out of order)."""


def _position_for(body: PublicBody, role: str, unit: Unit | None) -> Position | None:
    qs = Position.objects.filter(body=body, is_active=True, roles__role=role).select_related("holder")
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.order_by("pk").first()


def step_title(step: SignStep, body: PublicBody) -> str:
    """The planned official as a reader knows them: "Kepala Bagian Hukum Sekretariat Daerah"."""
    if step.user_id is not None:
        grant = grant_for(step.user, body, step.role, step.unit)  # type: ignore[arg-type]
        if grant is not None:
            return grant.label()
    position = _position_for(body, step.role, step.unit)
    return position.title if position is not None else role_label(step.role)


def step_name(step: SignStep, body: PublicBody) -> str:
    """The planned official's name: the named user, else the position holder (may be blank)."""
    if step.user_id is not None:
        return step.user.display_name()  # type: ignore[union-attr]
    position = _position_for(body, step.role, step.unit)
    return position.holder.display_name() if position is not None and position.holder else ""


def plan(*, document: Document, body: PublicBody, signers: Iterable[Signer]) -> list[SignStep]:
    """Create the planned chain: the parafs in the order given, then the one signature."""
    signers = list(signers)
    for s in signers:
        if s.kind not in (SignOff.Kind.TTD, SignOff.Kind.PARAF):
            raise ValidationError(_("Jenis pengesahan tidak dikenal: %(kind)s") % {"kind": s.kind})
    ttd = [s for s in signers if s.kind == SignOff.Kind.TTD]
    if len(ttd) > 1:
        raise ValidationError(_("Satu naskah ditandatangani oleh satu pejabat; yang lain memaraf."))
    if not ttd:
        raise ValidationError(
            _(
                "Tentukan pejabat yang menandatangani naskah ini; "
                "tanpa penanda tangan naskah tidak dapat disahkan."
            )
        )
    ordered = [s for s in signers if s.kind == SignOff.Kind.PARAF] + ttd
    steps = []
    for i, s in enumerate(ordered, start=1):
        if s.user is not None:
            if grant_for(s.user, body, s.role, s.unit) is None:
                raise ValidationError(
                    f"{s.user.display_name()} tidak memegang peran {role_label(s.role)} di {body.name} "
                    "hari ini, sehingga tidak dapat memaraf/menandatangani."
                )
        elif not holders_of(body, s.role, s.unit):
            raise ValidationError(
                f"Tidak ada pejabat yang memegang peran {role_label(s.role)} di {body.name} hari ini."
            )
        steps.append(
            SignStep.objects.create(
                document=document,
                order=i,
                kind=s.kind,
                role=s.role,
                unit=s.unit,
                user=s.user,
                on_behalf_of=s.on_behalf_of if s.kind == SignOff.Kind.TTD else "",
            )
        )
    return steps


def steps_with_state(document: Document) -> list[tuple[SignStep, SignOff | None]]:
    """Every planned step with its sign-off in the current round (None while pending)."""
    done = {so.step_id: so for so in document.signoffs.filter(round=document.round, step__isnull=False)}
    return [(step, done.get(step.pk)) for step in document.steps.select_related("user", "unit")]


def chain_state(document: Document, user: Any = None) -> list[dict[str, Any]]:
    """Every step with its state ("done", "current", "pending"), the planned official, and whether it is
    ``user``'s turn now: the one view of the chain for the pages and the API."""
    body = document.body
    current = current_step(document)
    rows = []
    for step, so in steps_with_state(document):
        is_current = current is not None and step.pk == current.pk
        rows.append(
            {
                "step": step,
                "signoff": so,
                "title": step_title(step, body),
                "name": step_name(step, body),
                "state": "done" if so else ("current" if is_current else "pending"),
                "mine": is_current and user is not None and may_perform(user, step, body) is not None,
            }
        )
    return rows


def current_step(document: Document) -> SignStep | None:
    """The first step not yet performed in this round; None when the chain is complete or empty."""
    if document.status != Document.Status.DRAFT:
        return None
    for step, so in steps_with_state(document):
        if so is None:
            return step
    return None


def may_perform(user: Any, step: SignStep, body: PublicBody) -> Grant | None:
    """The grant through which ``user`` performs ``step`` today, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    if step.user_id is not None and step.user_id != user.pk:
        return None
    return grant_for(user, body, step.role, step.unit)


def check_turn(*, document: Document, actor: User, kind: str) -> tuple[SignStep, Grant]:
    """The current step and the actor's grant for it; a clear refusal otherwise."""
    body = document.body
    if document.status == Document.Status.FINAL:
        raise ValidationError(_("Naskah ini sudah ditandatangani."))
    if document.status == Document.Status.RETURNED:
        raise ValidationError(_("Naskah ini dikembalikan kepada konseptor untuk diperbaiki."))
    step = current_step(document)
    if step is None:
        raise ValidationError(_("Naskah ini belum punya rencana paraf dan tanda tangan."))
    who = f"{step_title(step, body)}" + (f" ({step_name(step, body)})" if step_name(step, body) else "")
    if step.kind != kind:
        if kind == SignOff.Kind.TTD:
            raise NotYourTurn(
                f"Naskah belum dapat ditandatangani: masih menunggu paraf {who} (langkah {step.order})."
            )
        raise NotYourTurn(f"Semua paraf sudah lengkap; naskah menunggu tanda tangan {who}.")
    grant = may_perform(actor, step, body)
    if grant is None:
        later = [
            s
            for s, so in steps_with_state(document)
            if so is None and s.order > step.order and may_perform(actor, s, body) is not None
        ]
        if later:
            raise NotYourTurn(
                f"Paraf dan tanda tangan harus berurutan: giliran Anda pada langkah {later[0].order}, "
                f"sekarang menunggu {'paraf' if step.kind == 'paraf' else 'tanda tangan'} {who} "
                f"(langkah {step.order})."
            )
        raise NotYourTurn(
            f"Langkah ini menunggu {who}; {actor.display_name()} tidak memegang peran "
            f"{role_label(step.role)} di {body.name} hari ini."
        )
    return step, grant


def record(*, document: Document, step: SignStep, actor: User, grant: Grant, note: str = "") -> SignOff:
    """The sign-off row of one performed step, as it will be printed."""
    paraf_count = document.signoffs.filter(round=document.round, kind=SignOff.Kind.PARAF).count()
    return SignOff.objects.create(
        document=document,
        step=step,
        round=document.round,
        kind=step.kind,
        order=paraf_count + 1 if step.kind == SignOff.Kind.PARAF else 1,
        user=actor,
        position=grant.position,
        position_title=grant.position.title,
        acting_kind=grant.acting_kind,
        on_behalf_of=step.on_behalf_of,
        name=actor.display_name(),
        nip=actor.nip,
        rank=actor.rank,
        signed_at=timezone.now(),
        note=note[:500],
    )


def _stamp(moment: Any, body: PublicBody) -> str:
    from zoneinfo import ZoneInfo

    local = moment.astimezone(ZoneInfo(body.time_zone))
    return f"{format_date_id(local.date())} {local:%H.%M} {body.tz_label}"


def _ttd_block(title: str, an: str, acting_prefix: str = "") -> tuple[str, str]:
    an_line = f"a.n. {an.upper()}" if an else ""
    # Jabatan in capitals, the acting mark as written: "Plh. KEPALA DINAS …"; under a.n. as written.
    return an_line, acting_prefix + (title.upper() if not an_line else title)


def signature_context(document: Document, fallback: dict[str, Any]) -> dict[str, Any]:
    """The ``ttd`` and ``paraf`` keys of a template context.

    Final documents print the signer and every paraf as performed. Drafts print the planned chain: the
    paraf table with the officials still to initial (blank marks), and the planned signer marked KONSEP.
    """
    body = document.body
    state: list[tuple[SignStep | None, SignOff | None]] = list(steps_with_state(document))
    if not state:
        # Documents from before the chain existed: their sign-offs only.
        state = [(None, so) for so in document.signoffs.filter(step__isnull=True)]
    paraf: list[dict[str, str]] = []
    ttd: dict[str, str] | None = None
    for step, so in state:
        kind = so.kind if so is not None else (step.kind if step is not None else "")
        if kind == SignOff.Kind.PARAF:
            if so is not None:
                paraf.append(
                    {"jabatan": so.title_line, "nama": so.name, "tanda": f"✓ {_stamp(so.signed_at, body)}"}
                )
            elif step is not None:
                paraf.append({"jabatan": step_title(step, body), "nama": step_name(step, body), "tanda": ""})
            continue
        if so is not None and document.status == Document.Status.FINAL:
            an, jabatan = _ttd_block(so.position_title, so.on_behalf_of, so.acting_prefix)
            ttd = {
                "an": an,
                "jabatan": jabatan,
                "nama": so.name,
                "pangkat": so.rank,
                "nip": so.nip,
                "tanda": f"Disahkan secara elektronik melalui Terbuka, {_stamp(so.signed_at, body)}",
            }
        elif step is not None:
            an, jabatan = _ttd_block(step_title(step, body), step.on_behalf_of)
            planned = step.user if step.user_id is not None else None
            if planned is None:
                position = _position_for(body, step.role, step.unit)
                planned = position.holder if position is not None else None
            ttd = {
                "an": an,
                "jabatan": jabatan,
                "nama": step_name(step, body),
                "pangkat": planned.rank if planned is not None else "",
                "nip": planned.nip if planned is not None else "",
                "tanda": "KONSEP — belum ditandatangani",
            }
    return {"ttd": ttd if ttd is not None else fallback, "paraf": paraf}
