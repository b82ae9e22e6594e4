"""PDF through LibreOffice: page count and text (pdftotext). Skipped only where soffice is not installed."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from terbuka.documents import kinds, rendering, services
from terbuka.documents.signoff import Signer

from .helpers import required_only

needs_pdf = pytest.mark.skipif(
    rendering.soffice_path() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler-utils are needed: apt-get "
    "install libreoffice-writer-nogui poppler-utils",
)


def _pdf_info(pdf: bytes) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.pdf"
        path.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    return pages, text


@needs_pdf
@pytest.mark.parametrize(
    ("slug", "max_pages", "needles"),
    [
        (
            "surat_dinas",
            1,
            ["Usulan Daftar Informasi yang Dikecualikan", "Serang, 16 Maret 2026", "Tembusan"],
        ),
        ("sk_dik", 3, ["KEPUTUSAN WALI KOTA SERANG", "MEMUTUSKAN", "LAMPIRAN"]),
        ("lembar_uji_konsekuensi", 2, ["LEMBAR PENGUJIAN KONSEKUENSI", "Pada hari ini Senin"]),
    ],
)
def test_sample_pdf_pages_and_text(slug, max_pages, needles):
    kind = kinds.get(slug)
    pdf = rendering.docx_to_pdf(rendering.render_docx(kind, kind.sample))
    assert pdf.startswith(b"%PDF-")
    pages, text = _pdf_info(pdf)
    assert 1 <= pages <= max_pages
    flat = " ".join(text.split())
    for needle in needles:
        assert needle in flat, needle


@needs_pdf
@pytest.mark.django_db
def test_generated_document_pdf_is_archived_beside_the_docx(users, bodies):
    head = users["kepala-dinas.kota-serang"]
    stored = services.generate_document(
        actor=head,
        body=bodies["kota-serang"],
        kind="pemberitahuan_tertulis",
        day=dt.date(2026, 3, 16),
        context={**required_only("pemberitahuan_tertulis"), "registrasi": "PI/2026/03/0099"},
        signers=[Signer(head, "kepala_dinas")],
        sign_now=True,
    )
    pdf_file = services.document_render_pdf(document=stored.document)
    assert pdf_file.content_type == "application/pdf" and pdf_file.document == stored.document
    with default_storage.open(pdf_file.file.name, "rb") as fh:
        pages, text = _pdf_info(fh.read())
    assert pages == 1
    flat = " ".join(text.split())
    assert stored.document.number in flat and "PI/2026/03/0099" in flat and head.display_name() in flat
    assert services.document_render_pdf(document=stored.document) == pdf_file  # idempotent


@pytest.mark.django_db(transaction=True)
def test_pdf_conversion_runs_outside_the_transaction_and_skips_a_stale_docx(users, bodies, monkeypatch):
    from django.db import connection

    from terbuka.documents import rendering

    from .conftest import minimal_pdf

    monkeypatch.setattr(services, "_queue_pdf", lambda document: None)  # conversions are run by hand here
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
    seen: list[bool] = []

    def convert_while_signing(data: bytes, *, timeout: int = 120) -> bytes:
        seen.append(connection.in_atomic_block)
        services.document_sign(actor=head, document=doc, day=dt.date(2026, 3, 16))  # not blocked
        return minimal_pdf("konsep")

    monkeypatch.setattr(rendering, "docx_to_pdf", convert_while_signing)
    assert services.document_render_pdf(document=doc) is None  # the draft is no longer current
    assert seen == [False]
    doc.refresh_from_db()
    assert doc.status == "final" and doc.final_pdf is None

    monkeypatch.setattr(rendering, "docx_to_pdf", lambda data, timeout=120: minimal_pdf("final"))
    pdf = services.document_render_pdf(document=doc)
    doc.refresh_from_db()
    assert pdf is not None and pdf.source == doc.final_docx and doc.final_pdf == pdf
    assert [f.pk for f in doc.final_files()] == [doc.final_docx_id, pdf.pk]
