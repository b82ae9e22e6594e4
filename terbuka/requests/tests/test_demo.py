"""The demo holds requests in every state (terbuka demo), and the registers show them."""

from __future__ import annotations

import io

from terbuka.core import clocks
from terbuka.requests import demo
from terbuka.requests.models import Dispute, InformationRequest, Objection
from terbuka.requests.registers import objection_rows, request_rows
from terbuka.sop.demo import adopt_all

from .kit import KALBAR


def test_demo_requests_in_every_state_idempotent(bodies):
    adopt_all()
    out = io.StringIO()
    demo.load_demo_requests(out)
    body = bodies[KALBAR]
    qs = InformationRequest.objects.filter(body=body)
    assert qs.count() == 9 and "9 permohonan" in out.getvalue()
    assert set(qs.values_list("status", flat=True)) == {s.value for s in InformationRequest.Status}
    assert {"diberikan", "ditolak", "diberikan_sebagian", "tidak_dikuasai"} <= set(
        qs.values_list("outcome", flat=True)
    )
    assert qs.filter(case__isnull=False).exists()
    extended = [r for r in qs if (c := clocks.get(r, "pemberitahuan_tertulis")) and c.extension_days]
    overdue = [r for r in qs if (c := clocks.get(r, "pemberitahuan_tertulis")) and clocks.is_late(c)]
    assert len(extended) == 1 and len(overdue) == 1
    assert Objection.objects.filter(body=body, status="dijawab").count() == 1
    assert Dispute.objects.filter(body=body).count() == 1
    assert len(request_rows(qs)) == 9 and len(objection_rows(Objection.objects.filter(body=body))) == 1
    demo.load_demo_requests(io.StringIO())
    assert qs.count() == 9
