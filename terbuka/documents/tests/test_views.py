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


def test_generate_form_creates_a_draft_with_its_chain(client, users, bodies):
    kadis = users["kepala-dinas.kota-serang"]
    client.force_login(users["ppid.kota-serang"])
    url = reverse("documents:generate", args=["kota-serang", "surat_dinas"])
    html = client.get(url).content.decode()
    assert 'placeholder="Contoh: ' in html
    assert 'value="Kepala Perangkat Daerah' not in html  # examples are placeholders, never values
    resp = client.post(
        url,
        {
            "f_yth": "Kepala Dinas Kesehatan",
            "f_hal": "Usulan DIK",
            "f_isi": "Paragraf satu.",
            "paraf_1": "r:kabag_hukum:" + str(bodies["kota-serang"].units.get(slug="bagian-hukum").pk),
            "signer": "r:kepala_dinas:" + str(bodies["kota-serang"].units.get(slug="diskominfo").pk),
            "classification": "internal",
        },
    )
    assert resp.status_code == 302
    doc = Document.objects.get()
    assert doc.status == "draft" and not doc.signoffs.exists() and doc.number == ""
    assert [(s.kind, s.role) for s in doc.steps.all()] == [("paraf", "kabag_hukum"), ("ttd", "kepala_dinas")]
    assert doc.context["yth"] == "Kepala Dinas Kesehatan"
    assert resp["Location"] == reverse("documents:document", args=["kota-serang", doc.pk])
    assert kadis.display_name() in client.get(resp["Location"]).content.decode()


def test_generate_form_names_missing_required_fields(client, users, bodies):
    client.force_login(users["ppid.kota-serang"])
    url = reverse("documents:generate", args=["kota-serang", "surat_dinas"])
    unit = bodies["kota-serang"].units.get(slug="diskominfo")
    resp = client.post(
        url, {"f_hal": "Usulan", "signer": f"r:kepala_dinas:{unit.pk}", "classification": "internal"}
    )
    assert resp.status_code == 200
    assert "Kolom wajib belum diisi: Kepada, Isi" in resp.content.decode()
    assert not Document.objects.exists()


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


@pytest.mark.django_db
def test_workspace_links_partial(users, bodies):
    import datetime as dt

    from django.template.loader import render_to_string

    from terbuka.documents import services
    from terbuka.documents.signoff import Signer

    from .helpers import required_only

    body = bodies["kota-serang"]
    kadis = users["kepala-dinas.kota-serang"]
    services.generate_document(
        actor=users["ppid.kota-serang"],
        body=body,
        kind="nota_dinas",
        day=dt.date(2026, 3, 16),
        context=required_only("nota_dinas"),
        signers=[Signer(kadis, "kepala_dinas")],
    )
    html = render_to_string("documents/_workspace_links.html", {"m": {"body": body}, "user": kadis})
    assert reverse("documents:archive", args=["kota-serang"]) in html
    assert reverse("documents:awaiting", args=["kota-serang"]) in html
    assert '<span class="badge warn">1</span>' in html
    other = render_to_string(
        "documents/_workspace_links.html", {"m": {"body": body}, "user": users["petugas.kota-serang"]}
    )
    assert '<span class="badge">0</span>' in other


@pytest.mark.django_db
def test_times_are_shown_in_the_bodys_time_zone(client, users, bodies):
    import datetime as dt

    from terbuka.documents import services
    from terbuka.documents.models import SignOff
    from terbuka.documents.signoff import Signer

    from .helpers import required_only

    body = bodies["kota-kupang"]
    assert body.time_zone == "Asia/Makassar" and body.tz_label == "WITA"
    head = users["kepala-daerah.kota-kupang"]
    stored = services.generate_document(
        actor=users["ppid.kota-kupang"],
        body=body,
        kind="nota_dinas",
        day=dt.date(2026, 3, 16),
        context=required_only("nota_dinas"),
        signers=[Signer(head, "kepala_daerah")],
    )
    doc = stored.document
    final = services.document_sign(actor=head, document=doc, day=dt.date(2026, 3, 16))
    SignOff.objects.filter(document=doc).update(signed_at=dt.datetime(2026, 3, 16, 2, 30, tzinfo=dt.UTC))
    verify = client.get(reverse("portal:verifikasi:verify", args=[doc.verify_token])).content.decode()
    assert "16-03-2026 10:30 WITA" in verify and "09:30" not in verify
    client.force_login(users["ppid.kota-kupang"])
    for url in (
        reverse("documents:document", args=[body.slug, doc.pk]),
        reverse("documents:file", args=[body.slug, final.pk]),
    ):
        assert "16-03-2026 10:30 WITA" in client.get(url).content.decode(), url


@pytest.mark.django_db
def test_ppid_sets_numbering_pattern_in_the_ui_and_errors_are_shown(client, users, bodies):
    from terbuka.core.models import Event
    from terbuka.documents.models import NumberPattern

    url = reverse("documents:pattern", args=["kota-serang"])
    client.force_login(users["petugas.kota-serang"])
    assert "pola-nomor" not in client.get(reverse("documents:kinds", args=["kota-serang"])).content.decode()
    assert client.post(url, {"kind": "nota_dinas", "pattern": "ND/{nomor}/{tahun}"}).status_code == 403
    client.force_login(users["ppid.kota-serang"])
    bad = client.post(url, {"kind": "nota_dinas", "pattern": "ND/{nomor}/{kode}"})
    assert bad.status_code == 400
    assert "memuat isian yang tidak dikenal: {kode}" in bad.content.decode()
    ok = client.post(url, {"kind": "nota_dinas", "pattern": "ND/{nomor3}/{tahun}", "klasifikasi": "000.1"})
    assert ok.status_code == 302
    row = NumberPattern.objects.get(body=bodies["kota-serang"], kind="nota_dinas")
    assert (row.pattern, row.klasifikasi) == ("ND/{nomor3}/{tahun}", "000.1")
    assert Event.objects.filter(action="documents.pattern_set").exists()
    assert (
        "ND/{nomor3}/{tahun}" in client.get(reverse("documents:kinds", args=["kota-serang"])).content.decode()
    )
