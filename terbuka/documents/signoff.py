"""Paraf and signatures: who signed, in which position, acting for whom (Plt./Plh.), on whose behalf (a.n.).

A signer is named by a user and the role they sign in; ``people.grant_for`` finds the position through
which they hold that role today, and whether they hold it as Plt./Plh. for someone else. The sign-off row
keeps a copy of the title, name, NIP and rank as printed, so the document stays true to the day it was
signed even after people move.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from terbuka.core.models import PublicBody, Unit, User
from terbuka.core.people import grant_for
from terbuka.core.roles import Role
from terbuka.core.workdays import format_date_id

from .models import Document, SignOff


@dataclass(frozen=True)
class Signer:
    user: User
    role: str
    kind: str = SignOff.Kind.TTD  # "ttd" or "paraf"
    unit: Unit | None = None
    on_behalf_of: str = ""  # a.n. (atas nama) another official, e.g. "Wali Kota Serang"


def record(*, document: Document, body: PublicBody, signers: Iterable[Signer]) -> list[SignOff]:
    """Create the sign-off rows; refuses a signer who does not hold the role in the body today."""
    rows: list[SignOff] = []
    order = {"ttd": 0, "paraf": 0}
    for s in signers:
        if s.kind not in (SignOff.Kind.TTD, SignOff.Kind.PARAF):
            raise ValidationError(f"Jenis pengesahan tidak dikenal: {s.kind}")
        grant = grant_for(s.user, body, s.role, s.unit)
        if grant is None:
            label = Role(s.role).label if s.role in Role.values else s.role
            raise ValidationError(
                f"{s.user.display_name()} tidak memegang peran {label} di {body.name} hari ini, "
                "sehingga tidak dapat memaraf/menandatangani."
            )
        order[s.kind] += 1
        rows.append(
            SignOff.objects.create(
                document=document,
                kind=s.kind,
                order=order[s.kind],
                user=s.user,
                position=grant.position,
                position_title=grant.position.title,
                acting_kind=grant.acting_kind,
                on_behalf_of=s.on_behalf_of,
                name=s.user.display_name(),
                nip=s.user.nip,
                rank=s.user.rank,
                signed_at=timezone.now(),
            )
        )
    if sum(1 for r in rows if r.kind == SignOff.Kind.TTD) > 1:
        raise ValidationError("Satu naskah ditandatangani oleh satu pejabat; yang lain memaraf.")
    return rows


def _stamp(moment: Any, body: PublicBody) -> str:
    from zoneinfo import ZoneInfo

    local = moment.astimezone(ZoneInfo(body.time_zone))
    return f"{format_date_id(local.date())} {local:%H.%M} {body.tz_label}"


def signature_context(
    signoffs: Iterable[SignOff], body: PublicBody, fallback: dict[str, Any]
) -> dict[str, Any]:
    """The ``ttd`` and ``paraf`` keys of a template context."""
    signoffs = list(signoffs)
    ttd = next((s for s in signoffs if s.kind == SignOff.Kind.TTD), None)
    paraf = [
        {
            "jabatan": s.title_line,
            "nama": s.name,
            "tanda": f"✓ {_stamp(s.signed_at, body)}",
        }
        for s in signoffs
        if s.kind == SignOff.Kind.PARAF
    ]
    if ttd is None:
        return {"ttd": fallback, "paraf": paraf}
    an = f"a.n. {ttd.on_behalf_of.upper()}" if ttd.on_behalf_of else ""
    return {
        "ttd": {
            "an": an,
            # Jabatan in capitals, the acting mark as written: "Plh. KEPALA DINAS …".
            "jabatan": ttd.acting_prefix + (ttd.position_title.upper() if not an else ttd.position_title),
            "nama": ttd.name,
            "pangkat": ttd.rank,
            "nip": ttd.nip,
            "tanda": f"Disahkan secara elektronik melalui Terbuka, {_stamp(ttd.signed_at, body)}",
        },
        "paraf": paraf,
    }
