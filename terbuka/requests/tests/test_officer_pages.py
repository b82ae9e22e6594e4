"""The desk's pages without a SOP: walk-in entry, extension, decision, letter, sent, delivered, archived,
an objection answered by the Atasan PPID, a dispute and its order; list filters and refusals by role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from terbuka.documents import services as docs
from terbuka.requests.models import Dispute, InformationRequest, Objection

from .kit import KALBAR, form

pytestmark = pytest.mark.django_db


def _act(client, req, action, data=None):
    return client.post(reverse("requests:action", args=[KALBAR, req.pk, action]), data or {})


def test_walk_in_request_through_the_desk_pages(client, users, bodies):
    petugas, ppid, atasan = (users[f"{r}.{KALBAR}"] for r in ("petugas", "ppid", "atasan-ppid"))
    client.force_login(petugas)
    response = client.post(
        reverse("requests:new", args=[KALBAR]),
        {**form(name="Pemohon Loket"), "channel": "langsung", "received_at": "2026-03-16T09:30"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    req = InformationRequest.objects.get(name="Pemohon Loket")
    assert req.channel == "langsung" and req.created_by == petugas
    assert "kode=" in " ".join(str(m) for m in response.wsgi_request._messages)
    receipt = client.get(reverse("requests:receipt", args=[KALBAR, req.pk]))
    assert receipt.status_code == 200 and b"".join(receipt.streaming_content).startswith(b"%PDF-")

    bad = _act(client, req, "extend", {"days": 9, "reasons": "x"})
    assert bad.status_code == 400
    assert _act(client, req, "extend", {"days": 3, "reasons": "Dokumen di gudang arsip"}).status_code == 302
    assert (
        _act(client, req, "decide", {"outcome": "ditolak", "refusal_ground": "Pasal 17 h"}).status_code == 400
    )
    assert _act(client, req, "decide", {"outcome": "diberikan", "fee": "Rp0"}).status_code == 302
    assert _act(client, req, "answered").status_code == 400  # no signed letter yet
    assert _act(client, req, "notice").status_code == 302
    req.refresh_from_db()
    docs.document_sign(actor=ppid, document=req.notice)
    assert _act(client, req, "answered").status_code == 302
    assert (
        _act(client, req, "delivered", {"how": "Diambil langsung", "receipt_signed": "on"}).status_code == 302
    )
    assert _act(client, req, "archive").status_code == 302
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.SELESAI and req.receipt_by_requester

    assert (
        _act(client, req, "objection", {"grounds": ["d"], "reasons": "Tidak sesuai permintaan"}).status_code
        == 302
    )
    objection = Objection.objects.get(request=req)
    denied = _act(
        client, req, "objection_answer", {"objection": objection.pk, "decision": "diterima", "answer": "x"}
    )
    assert denied.status_code == 403
    client.force_login(atasan)
    answered = _act(
        client,
        req,
        "objection_answer",
        {"objection": objection.pk, "decision": "ditolak", "answer": "Sudah sesuai."},
    )
    assert answered.status_code == 302
    objection.refresh_from_db()
    assert objection.answer_letter.status == "final"
    client.force_login(petugas)
    filed = _act(
        client, req, "dispute",
        {"objection": objection.pk, "filed_on": objection.answered_at.date().isoformat(),
         "case_number": "001/KI/2026"},
    )  # fmt: skip
    assert filed.status_code == 302
    dispute = Dispute.objects.get(request=req)
    _act(
        client, req, "dispute_update",
        {"dispute": dispute.pk, "stage": "mediasi", "result": "mediasi_berhasil", "result_on": "2026-06-01",
         "order": "buka_informasi"},
    )  # fmt: skip
    assert _act(client, req, "dispute_carry_out", {"dispute": dispute.pk}).status_code == 302
    dispute.refresh_from_db()
    assert dispute.order_done_ref.startswith("registry.item:")
    page = client.get(reverse("requests:detail", args=[KALBAR, req.pk])).content.decode()
    assert "001/KI/2026" in page and "dilaksanakan" in page
    register = client.get(reverse("requests:register", args=[KALBAR, "keberatan"])).content.decode()
    assert objection.number in register and "keberatan ditolak" in register


def test_list_filters_overdue_and_roles(client, users, bodies):
    from terbuka.requests import services
    from terbuka.requests.tests.kit import at

    services.request_submit(body=bodies[KALBAR], data=form(name="Lama Sekali"), at=at(2026, 1, 5))
    services.request_submit(body=bodies[KALBAR], data=form(name="Baru Saja"))
    client.force_login(users[f"petugas.{KALBAR}"])
    page = client.get(reverse("requests:list", args=[KALBAR]) + "?terlambat=1").content.decode()
    assert "Lama Sekali" in page and "Baru Saja" not in page and "terlambat" in page
    client.force_login(users["petugas.kota-serang"])
    assert client.get(reverse("requests:list", args=[KALBAR])).status_code == 404
    assert client.get(reverse("requests:register", args=[KALBAR, "permohonan"])).status_code == 404


def test_workspace_links_count_open_and_overdue(client, users, bodies):
    from terbuka.requests import services
    from terbuka.requests.tests.kit import at

    services.request_submit(body=bodies[KALBAR], data=form(), at=at(2026, 1, 5))
    client.force_login(users[f"petugas.{KALBAR}"])
    page = client.get(reverse("workspace")).content.decode()
    assert reverse("requests:list", args=[KALBAR]) in page and "1 terlambat" in page
    client.force_login(users["ppid.kota-serang"])
    assert reverse("requests:list", args=[KALBAR]) not in client.get(reverse("workspace")).content.decode()
