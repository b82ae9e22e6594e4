"""The receipt (tanda terima) as PDF, rendered from the documents app's ``tanda_terima`` kind and archived."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.translation import gettext as _

from terbuka.core.language import in_official_language
from terbuka.core.people import local_date
from terbuka.core.workdays import format_date_id
from terbuka.documents import archive, kinds, rendering
from terbuka.documents.kinds import common
from terbuka.documents.models import StoredFile

from .models import InformationRequest
from .services import notice_clock


def receipt_context(req: InformationRequest) -> dict[str, Any]:
    body = req.body
    clock = notice_clock(req)
    local = req.submitted_at.astimezone(ZoneInfo(body.time_zone))
    due = ""
    if clock is not None and clock.due_date is not None:
        due = _("%(d)s (10 hari kerja sejak %(r)s, Pasal 22 ayat (7) UU 14/2008)") % {
            "d": format_date_id(clock.due_date, weekday=True),
            "r": format_date_id(clock.received_on),
        }
    own = {
        "registrasi": req.number,
        "pemohon": {
            "nama": req.name,
            "alamat": req.address,
            "kontak": " / ".join(x for x in (req.phone, req.email) if x),
        },
        "informasi": req.information,
        "tujuan": req.purpose,
        "cara_memperoleh": f"{req.get_obtain_display()}; {req.get_send_display()}",
        "diterima_pada": f"{format_date_id(local.date(), weekday=True)} pukul {local:%H.%M} {body.tz_label}",
        "batas_waktu": due,
    }
    kind = kinds.get("tanda_terima")
    ctx = rendering.base_context(body, day=local_date(req.submitted_at, body), number=req.number)
    return common.merge(ctx, kind.build(body=body, data=own))


@in_official_language
def receipt_pdf(req: InformationRequest) -> StoredFile:
    """The archived receipt PDF; rendered (LibreOffice, a few seconds) on first use, then reused."""
    label = _("Tanda terima %(n)s") % {"n": req.number}
    existing = (
        StoredFile.objects.filter(body=req.body, kind="tanda_terima", label=label).order_by("-pk").first()
    )
    if existing is not None:
        return existing
    kind = kinds.get("tanda_terima")
    docx = rendering.render_docx(kind, receipt_context(req), body=req.body)
    pdf = rendering.docx_to_pdf(docx)
    with transaction.atomic():
        return archive.store_bytes(
            actor=None,
            body=req.body,
            data=pdf,
            name=f"tanda-terima-{req.number}.pdf",
            label=label,
            kind="tanda_terima",
            case=req.case,
        )
