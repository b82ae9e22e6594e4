"""Fixtures for the documents app: small sample files (the media root is a temporary one, see conftest.py)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


def minimal_pdf(text: str = "Terbuka") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n" + text.encode()
    )


def docx_bytes(text: str = "Isi dokumen") -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def with_macro(data: bytes, *, content_type: bool = False) -> bytes:
    """A copy of an OOXML package with a VBA project part (or a macro-enabled main content type)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            payload = src.read(item.filename)
            if content_type and item.filename == "[Content_Types].xml":
                payload = payload.replace(
                    b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
                )
            dst.writestr(item, payload)
        if not content_type:
            dst.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0fake-vba")
    return out.getvalue()


def xlsx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
            'workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"'
            "/></Types>",
        )
        z.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001a5f645400000000049454e44ae426082"
)


@pytest.fixture
def upload():
    def make(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
        return SimpleUploadedFile(name, data, content_type=content_type)

    return make


@pytest.fixture
def exempt_upload(users, bodies, upload):
    """An exempted PDF of Kota Serang's health office, archived by its PPID Pembantu."""

    def make(label: str = "Rekam medis (uji)", name: str = "rm.pdf"):
        from terbuka.documents import archive

        body = bodies["kota-serang"]
        return archive.store_upload(
            actor=users["ppid-pembantu.dinkes.kota-serang"],
            body=body,
            file=upload(name, minimal_pdf()),
            label=label,
            classification="dikecualikan",
            unit=body.units.get(slug="dinkes"),
        )

    return make


@pytest.fixture
def exempt(exempt_upload):
    return exempt_upload()


@pytest.fixture
def media_tmp(settings, tmp_path):
    """A MEDIA_ROOT of this test's own (the session one is shared by every test), as a Path."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root), "base_url": settings.MEDIA_URL},
        },
    }
    return root
