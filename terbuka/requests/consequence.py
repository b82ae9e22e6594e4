"""The seam to the consequence test (uji konsekuensi) of the DIK app, trigger "permohonan".

Requests sit above ``terbuka.dik`` in the layer order, so they may call it; this module is the only place
that does. Until the DIK app is installed (its first milestone lands on main separately), starting a test
is refused with a clear message, and a request whose information is in neither list waits at the
decision of Kalimantan Barat's SOP (step 4) until a test result is recorded with ``record_result``.

When ``terbuka.dik`` is installed, ``start_for_request`` opens its session
(``dik.services.consequence_test_open(trigger="permohonan", subject=request)``) and ``result_for`` reads
its conclusion: the session closed, and any item decided "dikecualikan" (or in part) means exempt.
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


def start_for_request(
    *, actor: User | None, request: InformationRequest, reason: str = "", trigger: str = "permohonan"
) -> str:
    """Open a consequence-test session on the request (trigger "permohonan", the body's Tim Uji as its
    team); returns its reference (``dik.consequencetest:<pk>``), also kept on the request."""
    if not available():
        raise ValidationError(
            _("Uji konsekuensi belum tersedia di sistem ini (aplikasi DIK belum terpasang).")
        )
    from terbuka.core.people import holders_of, today_in
    from terbuka.core.roles import Role
    from terbuka.dik import services as dik

    team = holders_of(request.body, Role.TIM_UJI)
    if not team:
        raise ValidationError(_("Badan publik ini belum memiliki Tim Uji Konsekuensi."))
    test = dik.consequence_test_open(
        actor=actor,
        body=request.body,
        held_on=today_in(request.body),
        place=_("Kantor PPID %(b)s") % {"b": request.body.name},
        team=team,
        trigger=trigger,
        subject=request,
        case=request.case,
        team_basis=reason[:300],
    )
    ref = f"dik.consequencetest:{test.pk}"
    InformationRequest.objects.filter(pk=request.pk).update(test_ref=ref)
    return ref


EXEMPT = ("dikecualikan", "dikecualikan_sebagian")


def result_for(request: InformationRequest) -> bool | None:
    """True = exempt (in whole or in part), False = not exempt, None = no concluded test yet."""
    ref = request.test_ref
    if not ref:
        return None
    if ref.startswith("hasil:"):
        return ref == "hasil:dikecualikan"
    if not available() or not ref.startswith("dik.consequencetest:"):
        return None
    from terbuka.dik.models import ConsequenceTest

    test = ConsequenceTest.objects.filter(pk=int(ref.split(":", 1)[1])).first()
    if test is None or test.state != "selesai":
        return None
    decisions = [d for d in test.items.values_list("decision", flat=True) if d]
    if not decisions:
        return None
    return any(d in EXEMPT for d in decisions)


def minutes_for(request: InformationRequest) -> Any:
    """The minutes (berita acara) of the request's consequence test held in the system, or None: the
    written consideration of Kalimantan Barat's steps 5-7 is this document, never an upload."""
    ref = request.test_ref
    if not ref.startswith("dik.consequencetest:") or not available():
        return None
    from terbuka.dik.models import ConsequenceTest

    test = ConsequenceTest.objects.filter(pk=int(ref.split(":", 1)[1])).select_related("minutes").first()
    return test.minutes if test is not None else None


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


# -- DIK entries ---------------------------------------------------------------------------------------------


def entry_choices(request: InformationRequest, limit: int = 200) -> list[tuple[str, str]]:
    """Closed DIK entries of the body, best matches for the requested information first, as
    (``dik.entry:<pk>``, "title — citation") pairs for step 3's form."""
    if not available():
        return []
    from terbuka.dik.models import CLOSED, Entry
    from terbuka.dik.selectors import entry_lookup

    best = entry_lookup(request.body, request.information, limit=10)
    rest = Entry.objects.filter(body=request.body, status__in=CLOSED).exclude(pk__in=[e.pk for e in best])
    return [
        (f"dik.entry:{e.pk}", f"{e.title} — {e.citation()}") for e in [*best, *rest.order_by("title")[:limit]]
    ]


def entry_for(request: InformationRequest, ref: str) -> Any:
    """The closed DIK entry a reference names, in the request's body; None if it is free text."""
    if not ref.startswith("dik.entry:") or not available():
        return None
    from terbuka.dik.models import CLOSED, Entry

    pk = ref.split(":", 1)[1].split(" ", 1)[0]
    if not pk.isdigit():
        raise ValidationError(_("Entri DIK tidak dikenal."))
    entry = Entry.objects.filter(pk=int(pk), body=request.body).first()
    if entry is None or entry.status not in CLOSED:
        raise ValidationError(_("Entri DIK itu tidak ada atau tidak sedang dikecualikan."))
    return entry


def entry_citation(request: InformationRequest) -> str:
    """How the refusal cites the DIK entry: its title, Pasal 17 citation, consequence and period."""
    ref = request.dik_entry_ref
    try:
        entry = entry_for(request, ref)
    except ValidationError:
        entry = None
    if entry is None:
        return ref
    return _("%(t)s (%(c)s; konsekuensi: %(k)s; jangka waktu: %(p)s)") % {
        "t": entry.title,
        "c": entry.citation(),
        "k": entry.consequence,
        "p": entry.period_text(),
    }
