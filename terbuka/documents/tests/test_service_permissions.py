"""The services check who acts themselves: calling them directly (API, shell, another app) is no way around
the rules the views enforce."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from terbuka.documents import archive, kinds, services
from terbuka.documents.models import BodyTemplate, NumberPattern

from .conftest import minimal_pdf
from .helpers import required_only

pytestmark = pytest.mark.django_db


def _docx_upload(upload):
    with open(kinds.get("nota_dinas").template_path, "rb") as fh:
        return upload("templat.docx", fh.read())


def test_petugas_cannot_set_pattern_or_templates(users, bodies, upload):
    petugas, body = users["petugas.kota-serang"], bodies["kota-serang"]
    with pytest.raises(PermissionDenied, match="Hanya PPID atau admin"):
        services.pattern_set(actor=petugas, body=body, kind="nota_dinas", pattern="ND/{nomor}/{tahun}")
    with pytest.raises(PermissionDenied, match="Hanya PPID atau admin"):
        services.template_upload(actor=petugas, body=body, kind="nota_dinas", file=_docx_upload(upload))
    with pytest.raises(PermissionDenied):
        services.template_reset(actor=petugas, body=body, kind="nota_dinas")
    assert not NumberPattern.objects.exists() and not BodyTemplate.objects.exists()
    # the PPID may
    services.pattern_set(
        actor=users["ppid.kota-serang"], body=body, kind="nota_dinas", pattern="ND/{nomor}/{tahun}"
    )
    assert NumberPattern.objects.filter(body=body, kind="nota_dinas").exists()


def test_outsider_cannot_generate_for_another_body(users, bodies):
    with pytest.raises(PermissionDenied, match="Hanya anggota"):
        services.generate_document(
            actor=users["petugas.kota-kupang"],
            body=bodies["kota-serang"],
            kind="nota_dinas",
            context=required_only("nota_dinas"),
        )


def test_new_version_requires_being_allowed_to_open_the_file(users, bodies, upload):
    body = bodies["kota-serang"]
    exempt = archive.store_upload(
        actor=users["ppid.kota-serang"],
        body=body,
        file=upload("rm.pdf", minimal_pdf()),
        label="Rekam medis",
        classification="dikecualikan",
    )
    with pytest.raises(PermissionDenied):
        archive.store_new_version(
            actor=users["petugas.kota-serang"], previous=exempt, file=upload("rm.pdf", minimal_pdf("2"))
        )
