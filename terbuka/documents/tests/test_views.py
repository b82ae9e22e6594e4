"""Officer pages: archive list, upload, file detail, generate form, template upload; outsiders get 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from terbuka.documents.models import Document, StoredFile

from .conftest import docx_bytes, minimal_pdf, with_macro

pytestmark = pytest.mark.django_db


def test_pages_for_a_member(client, users):
    client.force_login(users["ppid.kota-serang"])
    for name, args in [
        ("documents:archive", ["kota-serang"]),
        ("documents:kinds", ["kota-serang"]),
        ("documents:generate", ["kota-serang", "surat_undangan"]),
        ("documents:template", ["kota-serang", "sk_dik"]),
    ]:
        resp = client.get(reverse(name, args=args))
        assert resp.status_code == 200, name
    html = client.get(reverse("documents:generate", args=["kota-serang", "surat_dinas"])).content.decode()
    assert "400.14/1/" in html  # number preview


def test_outsider_gets_404(client, users):
    client.force_login(users["ppid.kota-kupang"])
    assert client.get(reverse("documents:archive", args=["kota-serang"])).status_code == 404
    assert client.get(reverse("documents:kinds", args=["kota-serang"])).status_code == 404


def test_upload_form_reports_macro_refusal(client, users, upload):
    client.force_login(users["petugas.kota-serang"])
    url = reverse("documents:upload", args=["kota-serang"])
    resp = client.post(
        url,
        {
            "file": upload("nota.docx", with_macro(docx_bytes())),
            "label": "Nota",
            "classification": "internal",
            "retention_years": 10,
        },
    )
    assert resp.status_code == 400 and "makro" in resp.content.decode()
    resp = client.post(
        url,
        {
            "file": upload("surat.pdf", minimal_pdf()),
            "label": "Surat masuk",
            "classification": "internal",
            "retention_years": 5,
            "cabinet": "L1",
            "shelf": "2",
        },
    )
    stored = StoredFile.objects.get(label="Surat masuk")
    assert resp.status_code == 302 and stored.physical_location == "Lemari L1, Rak 2"
    detail = client.get(reverse("documents:file", args=["kota-serang", stored.pk])).content.decode()
    assert stored.sha256 in detail


def test_generate_form_creates_a_signed_letter(client, users):
    kadis = users["kepala-dinas.kota-serang"]
    client.force_login(users["ppid.kota-serang"])
    url = reverse("documents:generate", args=["kota-serang", "surat_dinas"])
    resp = client.post(
        url,
        {
            "f_yth": "Kepala Dinas Kesehatan",
            "f_hal": "Usulan DIK",
            "f_isi": "Paragraf satu.",
            "signer": f"{kadis.pk}:kepala_dinas",
            "classification": "internal",
        },
    )
    assert resp.status_code == 302
    doc = Document.objects.get()
    assert doc.status == "final" and doc.signoffs.get().user == kadis
    assert doc.context["yth"] == "Kepala Dinas Kesehatan"


def test_template_upload_lists_unknown_fields(client, users, upload):
    import io

    import docx

    d = docx.Document()
    d.add_paragraph("{{ nomor_surat }} {{ kepada }}")
    buf = io.BytesIO()
    d.save(buf)
    client.force_login(users["ppid.kota-serang"])
    resp = client.post(
        reverse("documents:template", args=["kota-serang", "surat_dinas"]),
        {"file": upload("t.docx", buf.getvalue())},
    )
    html = resp.content.decode()
    assert resp.status_code == 400 and "nomor_surat" in html and "kepada" in html


def test_template_upload_needs_ppid_or_admin(client, users):
    client.force_login(users["petugas.kota-serang"])
    assert client.get(reverse("documents:template", args=["kota-serang", "sk_dik"])).status_code == 403
