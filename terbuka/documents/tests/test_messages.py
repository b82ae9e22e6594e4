"""What users read is Indonesian and understandable: role names, not codes; no raw library errors."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from terbuka.documents import archive, rendering, services, tasks
from terbuka.documents.models import Document, FileAccess
from terbuka.documents.signoff import Signer

from .conftest import minimal_pdf
from .helpers import required_only

pytestmark = pytest.mark.django_db


def test_access_log_reason_names_roles_in_indonesian(client, users, bodies, upload):
    stored = archive.store_upload(
        actor=users["ppid-pembantu.dinkes.kota-serang"],
        body=bodies["kota-serang"],
        file=upload("rm.pdf", minimal_pdf()),
        label="Rekam medis",
        classification="dikecualikan",
    )
    client.force_login(users["atasan-ppid.kota-serang"])
    client.get(reverse("documents:download", args=["kota-serang", stored.pk]))
    reason = FileAccess.objects.get(stored_file=stored).reason
    assert reason == "peran Atasan PPID" and "_" not in reason


def _syntax_error_template() -> bytes:
    d = docx.Document()
    d.add_paragraph("Nomor {{ nomor }")
    d.add_paragraph("{% for x in tembusan %}{{ x }}")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_template_errors_are_indonesian_without_library_text(users, bodies, upload):
    with pytest.raises(ValidationError) as err:
        services.template_upload(
            actor=users["ppid.kota-serang"],
            body=bodies["kota-serang"],
            kind="nota_dinas",
            file=upload("t.docx", _syntax_error_template()),
        )
    message = " ".join(err.value.messages)
    assert message.startswith("Templat tidak valid: penulisan isian salah pada baris")
    for english in ("unexpected", "expected", "tag", "Encountered"):
        assert english not in message, message


def test_libreoffice_failure_shows_short_indonesian_message(client, users, bodies, monkeypatch):
    head = users["kepala-dinas.kota-serang"]
    stored = services.generate_document(
        actor=users["ppid.kota-serang"],
        body=bodies["kota-serang"],
        kind="nota_dinas",
        day=dt.date(2026, 3, 16),
        context=required_only("nota_dinas"),
        signers=[Signer(head, "kepala_dinas")],
    )
    doc = stored.document

    def broken(data: bytes, *, timeout: int = 120) -> bytes:
        raise OSError("Error: source file could not be loaded (javaldx: Could not find a Java Runtime)")

    monkeypatch.setattr(rendering, "docx_to_pdf", broken)
    with pytest.raises(OSError):
        tasks.render_pdf.call(doc.pk)
    doc.refresh_from_db()
    assert doc.render_error == str(rendering.PDF_FAILED)
    client.force_login(users["ppid.kota-serang"])
    page = client.get(reverse("documents:document", args=["kota-serang", doc.pk])).content.decode()
    assert "PDF naskah ini gagal dibuat" in page and "javaldx" not in page and "source file" not in page


def test_archive_list_and_file_page_show_kind_titles(client, users, bodies):
    head = users["kepala-dinas.kota-serang"]
    stored = services.generate_document(
        actor=users["ppid.kota-serang"],
        body=bodies["kota-serang"],
        kind="surat_dinas",
        day=dt.date(2026, 3, 16),
        context=required_only("surat_dinas"),
        signers=[Signer(head, "kepala_dinas")],
    )
    client.force_login(users["ppid.kota-serang"])
    for url in (
        reverse("documents:archive", args=["kota-serang"]),
        reverse("documents:file", args=["kota-serang", stored.pk]),
    ):
        html = client.get(url).content.decode()
        assert "<td>Surat Dinas</td>" in html or "<dd>Surat Dinas</dd>" in html, url
        assert ">surat_dinas<" not in html, url
    assert Document.objects.count() == 1
