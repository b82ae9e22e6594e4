"""generate_document: numbering, sign-off (Plt./Plh., a.n.), QR, archive, verification page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from terbuka.core.models import ActingAssignment, Event, Position
from terbuka.documents import archive, services
from terbuka.documents.models import Document
from terbuka.documents.signoff import Signer

from .helpers import docx_text, image_count, required_only

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 16)


def _read(stored) -> bytes:
    with default_storage.open(stored.file.name, "rb") as fh:
        return fh.read()


def _plh(users, bodies, role: str, acting_username: str) -> None:
    pos = Position.objects.get(body=bodies["kota-serang"], roles__role=role)
    ActingAssignment.objects.create(
        position=pos,
        acting_user=users[acting_username],
        kind="plh",
        starts_on=dt.date(2020, 1, 1),
        ends_on=dt.date(2035, 1, 1),
    )


def test_surat_dinas_numbered_signed_and_archived(users, bodies):
    body = bodies["kota-serang"]
    unit = body.units.get(slug="diskominfo")
    ppid = users["ppid.kota-serang"]
    stored = services.generate_document(
        actor=ppid,
        body=body,
        kind="surat_dinas",
        day=DAY,
        unit=unit,
        label="Surat permintaan usulan DIK",
        context={
            "yth": "Kepala Dinas Kesehatan Kota Serang",
            "hal": "Usulan DIK Tahun 2026",
            "isi": ["Mohon usulan paling lambat 30 Maret 2026."],
        },
        signers=[
            Signer(
                users["kepala-dinas.kota-serang"],
                "kepala_dinas",
                performed_by=users["kepala-dinas.kota-serang"],
            ),
            Signer(ppid, "ppid", kind="paraf"),
        ],
        sign_now=True,
    )
    doc = stored.document
    assert doc.number == f"400.14/1/{unit.code}/III/2026"
    assert doc.status == Document.Status.FINAL
    assert stored.kind == "surat_dinas" and stored.label == "Surat permintaan usulan DIK"
    data = _read(stored)
    text = docx_text(data)
    kadis = users["kepala-dinas.kota-serang"]
    for needle in [
        doc.number,
        "Yth. Kepala Dinas Kesehatan Kota Serang",
        "Usulan DIK Tahun 2026",
        kadis.display_name(),
        f"NIP. {kadis.nip}",
        "Serang, 16 Maret 2026",
        "PEMERINTAH KOTA SERANG",
        "Paraf koordinasi",
        ppid.display_name(),
        reverse("portal:verifikasi:verify", args=[doc.verify_token]),
    ]:
        assert needle in text, needle
    assert "Plh." not in text and "Plt." not in text
    assert image_count(data) == 1  # the QR code
    assert stored.version == 2 and stored.previous.document == doc  # the draft stays as version 1
    second = services.generate_document(
        actor=kadis,
        body=body,
        kind="surat_dinas",
        day=DAY,
        unit=unit,
        context=required_only("surat_dinas"),
        signers=[Signer(kadis, "kepala_dinas")],
        sign_now=True,
    )
    assert second.document.number == f"400.14/2/{unit.code}/III/2026"
    assert Event.objects.filter(action="documents.document_drafted", body=body).count() == 2
    signed = Event.objects.filter(action="documents.document_signed", body=body).first()
    assert signed.actor == kadis and signed.new["recorded_by"] == ppid.pk


def test_acting_official_signs_with_plh_mark(users, bodies):
    _plh(users, bodies, "kepala_dinas", "kabag-hukum.kota-serang")
    acting = users["kabag-hukum.kota-serang"]
    stored = services.generate_document(
        actor=acting,
        body=bodies["kota-serang"],
        kind="nota_dinas",
        day=DAY,
        context={**required_only("nota_dinas"), "hal": "Uji"},
        signers=[Signer(acting, "kepala_dinas")],
        sign_now=True,
    )
    text = docx_text(_read(stored))
    assert "Plh. KEPALA DINAS KOMUNIKASI DAN INFORMATIKA" in text
    assert acting.display_name() in text
    assert f"NIP. {acting.nip}" in text
    so = stored.document.signoffs.get()
    assert so.acting_kind == "plh" and so.user == acting


def test_on_behalf_of_prints_an(users, bodies):
    sekda = users["atasan-ppid.kota-serang"]
    stored = services.generate_document(
        actor=sekda,
        body=bodies["kota-serang"],
        kind="surat_dinas",
        day=DAY,
        context=required_only("surat_dinas"),
        signers=[Signer(sekda, "atasan_ppid", on_behalf_of="Wali Kota Serang")],
        sign_now=True,
    )
    text = docx_text(_read(stored))
    assert "a.n. WALI KOTA SERANG" in text
    assert "Sekretaris Daerah selaku Atasan PPID," in text


def test_signer_without_the_role_refused(users, bodies):
    with pytest.raises(ValidationError, match="tidak memegang peran"):
        services.generate_document(
            actor=None,
            body=bodies["kota-serang"],
            kind="surat_dinas",
            day=DAY,
            context=required_only("surat_dinas"),
            signers=[Signer(users["petugas.kota-serang"], "kepala_daerah")],
        )
    assert not Document.objects.exists()


def test_sign_now_never_signs_in_anothers_name(users, bodies):
    from django.core.exceptions import PermissionDenied

    kadis = users["kepala-dinas.kota-serang"]
    with pytest.raises(PermissionDenied, match="atas nama orang lain"):
        services.generate_document(
            actor=users["petugas.kota-serang"],
            body=bodies["kota-serang"],
            kind="surat_dinas",
            day=DAY,
            context=required_only("surat_dinas"),
            signers=[Signer(kadis, "kepala_dinas")],
            sign_now=True,
        )
    assert not Document.objects.exists()  # rolled back with the draft


def test_sk_dik_by_regional_head_gets_register_number(users, bodies):
    body = bodies["kota-serang"]
    head = users["kepala-daerah.kota-serang"]
    stored = services.generate_document(
        actor=users["ppid.kota-serang"],
        body=body,
        kind="sk_dik",
        day=DAY,
        context=required_only("sk_dik"),
        signers=[Signer(head, "kepala_daerah", performed_by=head)],
        sign_now=True,
    )
    doc = stored.document
    assert doc.register_number == "100.3.3.2/Kep.1/2026"
    text = docx_text(_read(stored))
    head_title = body.head_title.upper()
    assert f"KEPUTUSAN {head_title}" in text
    assert f"{head_title}," in text and head.display_name() in text
    assert f"NOMOR {doc.register_number}" in text


def test_sk_dik_of_a_non_region_body_is_by_the_ppid(bodies):
    from terbuka.documents.kinds.sk_dik.context import penetap

    body = bodies["kota-serang"]
    body.kind = "bumd"
    assert penetap(body)[0].startswith("PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI")


def test_verification_page_shows_number_signers_and_hash(client, users, bodies):
    head = users["kepala-dinas.kota-serang"]
    stored = services.generate_document(
        actor=head,
        body=bodies["kota-serang"],
        kind="surat_undangan",
        day=DAY,
        context=required_only("surat_undangan"),
        signers=[Signer(head, "kepala_dinas")],
        sign_now=True,
    )
    doc = stored.document
    resp = client.get(reverse("portal:verifikasi:verify", args=[doc.verify_token]))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert doc.number in html and head.display_name() in html and stored.sha256 in html
    assert client.get(reverse("portal:verifikasi:verify", args=["tidak-ada"])).status_code == 404


def test_draft_has_no_number_no_qr_and_no_public_page(client, users, bodies):
    kadis = users["kepala-dinas.kota-serang"]
    stored = services.generate_document(
        actor=users["ppid.kota-serang"],
        body=bodies["kota-serang"],
        kind="surat_dinas",
        day=DAY,
        context=required_only("surat_dinas"),
        signers=[Signer(None, "kabag_hukum", kind="paraf"), Signer(kadis, "kepala_dinas")],
    )
    assert stored.document.status == Document.Status.DRAFT and stored.document.number == ""
    text = docx_text(_read(stored))
    assert "400.14/……/" in text and "…… Maret 2026" in text  # number and day left open
    assert "KONSEP" in text and kadis.display_name() in text  # the planned signer
    assert users["kabag-hukum.kota-serang"].display_name() in text  # the planned paraf
    assert image_count(_read(stored)) == 0
    url = reverse("portal:verifikasi:verify", args=[stored.document.verify_token])
    assert client.get(url).status_code == 404


def test_case_files_and_kelengkapan(users, bodies, upload):
    """A case built through the SOP services: an upload counts, a letter counts only once it is signed."""
    from terbuka.sop import services as sop_services

    from .conftest import minimal_pdf

    source = (
        "format: terbuka-sop/1\n"
        "identitas: {nama: Penyusunan DIK}\n"
        "pelaksana:\n  - {kode: petugas, nama: Petugas PLID, peran: petugas}\n"
        "langkah:\n"
        "  - {no: 1, kegiatan: Mengumpulkan usulan DIK, pelaksana: petugas, waktu: 1 hari kerja, "
        "output: Usulan DIK}\n"
        "  - {no: 2, kegiatan: Membuat berita acara, pelaksana: petugas, waktu: 1 hari kerja, "
        "kelengkapan: Usulan DIK, output: Berita acara}\n"
    )
    body = bodies["kota-serang"]
    version = sop_services.sop_adopt(actor=None, body=body, slug="dik", source=source, filename="dik.yaml")
    case = sop_services.case_start(actor=users["petugas.kota-serang"], sop=version.sop, title="DIK 2026")
    uploaded = archive.store_upload(
        actor=None,
        body=body,
        file=upload("u.pdf", minimal_pdf()),
        label="Usulan DIK Dinkes",
        case=case,
        step_no=1,
    )
    kadis = users["kepala-dinas.kota-serang"]
    draft = services.generate_document(
        actor=users["petugas.kota-serang"],
        body=body,
        kind="berita_acara_uji_konsekuensi",
        day=DAY,
        context=required_only("berita_acara_uji_konsekuensi"),
        case=case,
        step_no=2,
        label="Berita acara",
        signers=[Signer(kadis, "kepala_dinas")],
    )
    assert archive.files_for_case(case).count() == 2
    assert list(archive.usable_files_for_case(case)) == [uploaded]  # the konsep does not count yet
    final = services.document_sign(actor=kadis, document=draft.document, day=DAY)
    assert set(archive.usable_files_for_case(case)) == {uploaded, draft, final}


def test_a_plan_without_signature_is_refused_and_a_final_document_needs_a_number(users, bodies):
    from django.db import IntegrityError, transaction

    with pytest.raises(ValidationError, match="Tentukan pejabat yang menandatangani"):
        services.generate_document(
            actor=users["ppid.kota-serang"],
            body=bodies["kota-serang"],
            kind="nota_dinas",
            day=DAY,
            context=required_only("nota_dinas"),
            signers=[Signer(None, "kabag_hukum", kind="paraf")],
        )
    assert not Document.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(body=bodies["kota-serang"], kind="nota_dinas", date=DAY, status="final")
