"""Every zip a user sends is checked by safezip before it is unzipped: archive, versions, templates (#7/2)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from terbuka.core.tests.test_safezip import bomb
from terbuka.documents import archive, services
from terbuka.documents.models import BodyTemplate, StoredFile

from .conftest import minimal_pdf

pytestmark = pytest.mark.django_db


def test_archive_upload_refuses_a_zip_bomb(users, bodies, upload, media_tmp):
    with pytest.raises(ValidationError, match="bom zip"):
        archive.store_upload(
            actor=users["petugas.kota-serang"],
            body=bodies["kota-serang"],
            file=upload("nota.docx", bomb()),
            label="x",
        )
    assert not StoredFile.objects.exists()


def test_new_version_refuses_a_zip_bomb(users, bodies, upload):
    first = archive.store_upload(
        actor=users["petugas.kota-serang"],
        body=bodies["kota-serang"],
        file=upload("a.pdf", minimal_pdf()),
        label="x",
    )
    with pytest.raises(ValidationError, match="bom zip"):
        archive.store_new_version(
            actor=users["petugas.kota-serang"], previous=first, file=upload("a.docx", bomb())
        )
    assert StoredFile.objects.count() == 1


def test_template_upload_refuses_a_zip_bomb(users, bodies, upload):
    with pytest.raises(ValidationError, match="bom zip"):
        services.template_upload(
            actor=users["ppid.kota-serang"],
            body=bodies["kota-serang"],
            kind="nota_dinas",
            file=upload("t.docx", bomb()),
        )
    assert not BodyTemplate.objects.exists()


def test_upload_pages_answer_400_with_the_reason(client, users, upload):
    client.force_login(users["ppid.kota-serang"])
    resp = client.post(
        reverse("documents:upload", args=["kota-serang"]),
        {
            "file": upload("nota.docx", bomb()),
            "label": "Nota",
            "classification": "internal",
            "retention_years": 10,
        },
    )
    assert resp.status_code == 400 and "kemungkinan bom zip" in resp.content.decode()
    resp = client.post(
        reverse("documents:template", args=["kota-serang", "nota_dinas"]), {"file": upload("t.docx", bomb())}
    )
    assert resp.status_code == 400 and "kemungkinan bom zip" in resp.content.decode()
