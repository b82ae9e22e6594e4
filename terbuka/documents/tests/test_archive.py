"""store_upload: content checks, never-overwrite paths, SHA-256, versions, audit."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from terbuka.core.models import Event
from terbuka.documents import archive
from terbuka.documents.models import StoredFile

from .conftest import PNG_1PX, docx_bytes, minimal_pdf, with_macro, xlsx_bytes

pytestmark = pytest.mark.django_db


def test_pdf_upload_is_archived_with_hash_and_audit(users, bodies, upload):
    body = bodies["kota-serang"]
    data = minimal_pdf()
    sf = archive.store_upload(
        actor=users["ppid.kota-serang"], body=body, file=upload("surat.pdf", data), label="Surat permohonan"
    )
    assert sf.sha256 == hashlib.sha256(data).hexdigest()
    assert sf.size == len(data)
    assert sf.content_type == "application/pdf"
    assert sf.classification == "internal"
    assert (
        sf.retention_until is not None and sf.retention_until.year == sf.created_at.year + sf.retention_years
    )
    with default_storage.open(sf.file.name) as fh:
        assert fh.read() == data
    assert Event.objects.filter(action="documents.file_stored", object_id=str(sf.pk), body=body).exists()


@pytest.mark.parametrize(
    ("name", "data", "ctype"),
    [
        ("a.docx", docx_bytes(), archive.DOCX),
        ("a.xlsx", xlsx_bytes(), archive.XLSX),
        ("a.png", PNG_1PX, archive.PNG),
        ("foto.jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20, archive.JPEG),
    ],
)
def test_allowed_types_by_content(users, bodies, upload, name, data, ctype):
    sf = archive.store_upload(
        actor=users["petugas.kota-serang"], body=bodies["kota-serang"], file=upload(name, data), label="x"
    )
    assert sf.content_type == ctype


def test_same_name_twice_never_overwrites(users, bodies, upload):
    a = archive.store_upload(
        actor=None, body=bodies["kota-serang"], file=upload("x.pdf", minimal_pdf("1")), label="x"
    )
    b = archive.store_upload(
        actor=None, body=bodies["kota-serang"], file=upload("x.pdf", minimal_pdf("2")), label="x"
    )
    assert a.file.name != b.file.name
    with default_storage.open(a.file.name) as fh:
        assert fh.read() == minimal_pdf("1")


def test_renamed_exe_refused(users, bodies, upload):
    exe = b"MZ\x90\x00\x03" + b"\x00" * 100 + b"This program cannot be run in DOS mode"
    with pytest.raises(ValidationError) as err:
        archive.store_upload(
            actor=None, body=bodies["kota-serang"], file=upload("laporan.pdf", exe), label="x"
        )
    assert "program" in str(err.value)
    assert not StoredFile.objects.exists()


def test_unknown_content_refused(bodies, upload):
    with pytest.raises(ValidationError, match="tidak dikenali"):
        archive.store_upload(
            actor=None, body=bodies["kota-serang"], file=upload("a.pdf", b"hello world"), label="x"
        )


def test_extension_content_mismatch_refused(bodies, upload):
    with pytest.raises(ValidationError, match="isinya PNG"):
        archive.store_upload(actor=None, body=bodies["kota-serang"], file=upload("a.pdf", PNG_1PX), label="x")


def test_docx_with_vba_project_refused(bodies, upload):
    bad = with_macro(docx_bytes())
    with pytest.raises(ValidationError, match="makro"):
        archive.store_upload(actor=None, body=bodies["kota-serang"], file=upload("nota.docx", bad), label="x")


def test_macro_enabled_content_type_refused(bodies, upload):
    bad = with_macro(docx_bytes(), content_type=True)
    with pytest.raises(ValidationError, match="makro"):
        archive.store_upload(actor=None, body=bodies["kota-serang"], file=upload("nota.docx", bad), label="x")


def test_docm_extension_refused_even_if_clean(bodies, upload):
    with pytest.raises(ValidationError, match="docm"):
        archive.store_upload(
            actor=None, body=bodies["kota-serang"], file=upload("nota.docm", docx_bytes()), label="x"
        )


def test_oversize_refused_by_body_limit(bodies, upload):
    body = bodies["kota-serang"]
    body.max_upload_mb = 1
    body.save()
    big = minimal_pdf() + b"0" * (1024 * 1024 + 1)
    with pytest.raises(ValidationError, match="terlalu besar"):
        archive.store_upload(actor=None, body=body, file=upload("besar.pdf", big), label="x")
    assert not StoredFile.objects.exists()


def test_new_version_points_at_previous_and_keeps_old_bytes(users, bodies, upload):
    actor = users["ppid.kota-serang"]
    v1 = archive.store_upload(
        actor=actor,
        body=bodies["kota-serang"],
        file=upload("x.pdf", minimal_pdf("1")),
        label="Lembar uji",
        classification="dikecualikan",
        cabinet="L-2",
        shelf="3",
        box="12",
    )
    v2 = archive.store_new_version(
        actor=actor, previous=v1, file=upload("x.pdf", minimal_pdf("2")), note="koreksi"
    )
    v1.refresh_from_db()
    assert v2.previous == v1 and v2.version == 2
    assert v2.classification == "dikecualikan" and v2.physical_location == v1.physical_location
    assert v1.sha256 == hashlib.sha256(minimal_pdf("1")).hexdigest()
    with default_storage.open(v1.file.name) as fh:
        assert fh.read() == minimal_pdf("1")
    assert [f.pk for f in v2.versions()] == [v1.pk, v2.pk]
    assert list(StoredFile.objects.current()) == [v2]
    with pytest.raises(ValidationError, match="versi yang lebih baru"):
        archive.store_new_version(actor=actor, previous=v1, file=upload("x.pdf", minimal_pdf("3")))


def test_archive_rows_cannot_be_deleted(bodies, upload):
    sf = archive.store_upload(
        actor=None, body=bodies["kota-serang"], file=upload("x.pdf", minimal_pdf()), label="x"
    )
    with pytest.raises(PermissionError):
        sf.delete()
    with pytest.raises(PermissionError):
        StoredFile.objects.all().delete()


def test_physical_location_is_set_later_and_audited(client, users, bodies, upload):
    from django.urls import reverse

    from terbuka.core.models import Event
    from terbuka.documents import services

    ppid = users["ppid.kota-serang"]
    stored = archive.store_upload(
        actor=ppid, body=bodies["kota-serang"], file=upload("x.pdf", minimal_pdf()), label="Surat masuk"
    )
    sha = stored.sha256
    client.force_login(ppid)
    page = client.get(reverse("documents:file", args=["kota-serang", stored.pk])).content.decode()
    assert reverse("documents:location", args=["kota-serang", stored.pk]) in page
    resp = client.post(
        reverse("documents:location", args=["kota-serang", stored.pk]),
        {"cabinet": "L-2", "shelf": "3", "box": "12"},
    )
    assert resp.status_code == 302
    stored.refresh_from_db()
    assert stored.physical_location == "Lemari L-2, Rak 3, Boks 12" and stored.sha256 == sha
    event = Event.objects.filter(action="documents.file_location_set").get()
    assert event.old == {"box": "", "cabinet": "", "shelf": ""}
    assert event.new == {"box": "12", "cabinet": "L-2", "shelf": "3"}
    from django.core.exceptions import PermissionDenied

    exempt = archive.store_upload(
        actor=ppid,
        body=bodies["kota-serang"],
        file=upload("y.pdf", minimal_pdf()),
        label="Rahasia",
        classification="dikecualikan",
    )
    with pytest.raises(PermissionDenied):
        services.stored_file_set_location(actor=users["petugas.kota-serang"], stored=exempt, box="1")


def test_retention_counts_from_the_bodys_own_date(bodies, upload, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    # 31 Dec 2026 23.30 WIB is already 1 Jan 2027 00.30 WITA in Kupang.
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 12, 31, 16, 30, tzinfo=dt.UTC))
    stored = archive.store_upload(
        actor=None,
        body=bodies["kota-kupang"],
        file=upload("x.pdf", minimal_pdf()),
        label="Surat",
        retention_years=10,
    )
    assert stored.retention_until == dt.date(2037, 1, 1)
