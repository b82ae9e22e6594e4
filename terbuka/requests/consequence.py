"""The seam to the consequence test (uji konsekuensi) of the DIK app, trigger "permohonan".

Requests sit above ``terbuka.dik`` in the layer order, so they may call it; this module is the only place
that does. Until the DIK app is installed (its first milestone lands on main separately), starting a test
is refused with a clear message, and a request whose information is in neither list waits at the
decision of Kalimantan Barat's SOP (step 4) until a test result is recorded with ``record_result``.

When ``terbuka.dik`` is installed, ``start_for_request`` opens its ConsequenceTest session with trigger
"permohonan" and ``result_for`` reads its conclusion.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from terbuka.core import audit
from terbuka.core.models import User

from .models import InformationRequest


def available() -> bool:
    return apps.is_installed("terbuka.dik")


def start_for_request(*, actor: User | None, request: InformationRequest, reason: str = "") -> str:
    """Open a consequence test on the request; returns its reference (``dik.consequencetest:<pk>``)."""
    if not available():
        raise ValidationError(
            _("Uji konsekuensi belum tersedia di sistem ini (aplikasi DIK belum terpasang).")
        )
    from terbuka.dik import services as dik  # type: ignore[import-not-found,unused-ignore]

    session = dik.test_start(
        actor=actor,
        body=request.body,
        trigger="permohonan",
        subject=request,
        title=request.information[:300],
        note=reason,
    )
    ref = f"dik.consequencetest:{session.pk}"
    InformationRequest.objects.filter(pk=request.pk).update(test_ref=ref)
    return ref


def result_for(request: InformationRequest) -> bool | None:
    """True = exempt, False = not exempt, None = no concluded test yet."""
    if not request.test_ref:
        return None
    if request.test_ref.startswith("hasil:"):
        return request.test_ref == "hasil:dikecualikan"
    if not available():
        return None
    from terbuka.dik import services as dik  # type: ignore[import-not-found,unused-ignore]

    return dik.test_result_for(request.test_ref)  # type: ignore[no-any-return,unused-ignore]


def record_result(
    *, actor: User | None, request: InformationRequest, exempt: bool, minutes: Any = None
) -> None:
    """Record a concluded test held outside the system (its minutes archived): the seam's manual side."""
    ref = "hasil:dikecualikan" if exempt else "hasil:terbuka"
    InformationRequest.objects.filter(pk=request.pk).update(test_ref=ref)
    audit.record(
        actor=actor,
        body=request.body,
        action="requests.request.test_result",
        obj=request,
        new={"exempt": exempt, "minutes": getattr(minutes, "pk", None)},
    )
