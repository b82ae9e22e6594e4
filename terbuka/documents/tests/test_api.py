"""API: kinds (public), archive (scoped), verification (public)."""

from __future__ import annotations

import pytest

from terbuka.documents import archive, services
from terbuka.documents.signoff import Signer

from .conftest import minimal_pdf
from .helpers import required_only

pytestmark = pytest.mark.django_db


def test_archive_scoped_and_verify_public(client, users, bodies, upload):
    body = bodies["kota-serang"]
    archive.store_upload(
        actor=None,
        body=body,
        file=upload("a.pdf", minimal_pdf()),
        label="Rahasia",
        classification="dikecualikan",
    )
    client.force_login(users["petugas.kota-serang"])
    assert client.get("/api/v1/bodies/kota-serang/files").json() == []
    client.force_login(users["ppid.kota-serang"])
    assert [r["label"] for r in client.get("/api/v1/bodies/kota-serang/files").json()] == ["Rahasia"]
    client.force_login(users["ppid.kota-kupang"])
    assert client.get("/api/v1/bodies/kota-serang/files").status_code == 404
    head = users["kepala-dinas.kota-serang"]
    stored = services.generate_document(
        actor=head,
        body=body,
        kind="surat_dinas",
        context=required_only("surat_dinas"),
        signers=[Signer(head, "kepala_dinas")],
        sign_now=True,
    )
    client.logout()
    data = client.get(f"/api/v1/verify/{stored.document.verify_token}").json()
    assert data["number"] == stored.document.number and stored.sha256 in data["files"].values()
    assert len(client.get("/api/v1/document-kinds").json()) == 14
