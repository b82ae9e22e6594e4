"""The sign-off chain: paraf by each official in order, then the signature; numbered when signed."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from terbuka.core.models import ActingAssignment, Event, Position, Sequence
from terbuka.documents import selectors, services
from terbuka.documents.models import DOCX_MIME, Document, SignOff
from terbuka.documents.signoff import NotYourTurn, Signer

from .helpers import docx_text, image_count, required_only

DAY = dt.date(2026, 3, 16)


def _read(stored) -> bytes:
    with default_storage.open(stored.file.name, "rb") as fh:
        return fh.read()


def _draft(users, bodies, *, signer_role="kepala_daerah", kind="surat_dinas", classification="internal"):
    """Drafted by the PPID: paraf Kabag Hukum, then Asisten, then the signature (by role)."""
    stored = services.generate_document(
        actor=users["ppid.kota-serang"],
        body=bodies["kota-serang"],
        kind=kind,
        day=DAY,
        context=required_only(kind),
        classification=classification,
        signers=[
            Signer(None, "kabag_hukum", kind="paraf"),
            Signer(None, "asisten", kind="paraf"),
            Signer(None, signer_role),
        ],
    )
    return stored.document


@pytest.mark.django_db
def test_order_is_enforced_and_number_given_at_signing(users, bodies):
    doc = _draft(users, bodies)
    kabag, asisten, head = (
        users["kabag-hukum.kota-serang"],
        users["asisten.kota-serang"],
        users["kepala-daerah.kota-serang"],
    )
    assert doc.status == "draft" and doc.number == ""
    with pytest.raises(NotYourTurn, match="masih menunggu paraf Kepala Bagian Hukum"):
        services.document_sign(actor=head, document=doc, day=DAY)
    with pytest.raises(NotYourTurn, match="harus berurutan: giliran Anda pada langkah 2"):
        services.document_paraf(actor=asisten, document=doc)
    with pytest.raises(NotYourTurn, match="tidak memegang peran Kepala Bagian Hukum"):
        services.document_paraf(actor=users["petugas.kota-serang"], document=doc)
    assert [d.pk for d, _ in selectors.awaiting_for_user(kabag)] == [doc.pk]
    assert selectors.awaiting_for_user(asisten) == []
    services.document_paraf(actor=kabag, document=doc, note="Sudah sesuai")
    with pytest.raises(NotYourTurn):
        services.document_paraf(actor=kabag, document=doc)  # a second click: no longer their turn
    assert [d.pk for d, _ in selectors.awaiting_for_user(asisten)] == [doc.pk]
    services.document_paraf(actor=asisten, document=doc)
    with pytest.raises(NotYourTurn, match="menunggu tanda tangan"):
        services.document_paraf(actor=asisten, document=doc)
    draft_file = doc.docx()
    final = services.document_sign(actor=head, document=doc, day=DAY)
    doc.refresh_from_db()
    assert doc.status == "final" and doc.number == "400.14/1/III/2026" and doc.date == DAY
    assert final.previous == draft_file and final.version == 2 and draft_file.sha256 != final.sha256
    text = docx_text(_read(final))
    for needle in [doc.number, kabag.display_name(), asisten.display_name(), head.display_name(), "✓"]:
        assert needle in text, needle
    assert "KONSEP" not in text and image_count(_read(final)) == 1
    assert "KONSEP" in docx_text(_read(draft_file))  # the draft is kept as it was
    actions = list(
        Event.objects.filter(object_id=str(doc.pk), action__startswith="documents.document_")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "documents.document_drafted",
        "documents.document_paraf",
        "documents.document_paraf",
        "documents.document_signed",
    ]
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        services.document_sign(actor=head, document=doc, day=DAY)


@pytest.mark.django_db
def test_plh_signs_and_the_letter_says_so(users, bodies):
    body = bodies["kota-serang"]
    acting = users["kepala-dinas.kota-serang"]
    ActingAssignment.objects.create(
        position=Position.objects.get(body=body, roles__role="kepala_daerah"),
        acting_user=acting,
        kind="plh",
        starts_on=dt.date(2020, 1, 1),
        ends_on=dt.date(2035, 1, 1),
    )
    doc = _draft(users, bodies)
    services.document_paraf(actor=users["kabag-hukum.kota-serang"], document=doc)
    services.document_paraf(actor=users["asisten.kota-serang"], document=doc)
    final = services.document_sign(actor=acting, document=doc, day=DAY)
    text = docx_text(_read(final))
    assert f"Plh. {body.head_title.upper()}" in text
    assert acting.display_name() in text and f"NIP. {acting.nip}" in text
    so = doc.signoffs.get(kind="ttd")
    assert so.user == acting and so.acting_kind == "plh"
    event = Event.objects.get(action="documents.document_signed", object_id=str(doc.pk))
    assert event.acting_kind == "plh" and event.actor == acting


@pytest.mark.django_db
def test_return_resets_the_chain_and_revision_restarts_it(users, bodies):
    doc = _draft(users, bodies)
    kabag, asisten, ppid = (
        users["kabag-hukum.kota-serang"],
        users["asisten.kota-serang"],
        users["ppid.kota-serang"],
    )
    services.document_paraf(actor=kabag, document=doc)
    with pytest.raises(NotYourTurn):
        services.document_return(actor=kabag, document=doc, note="Ubah")  # not their turn any more
    with pytest.raises(ValidationError, match="alasan"):
        services.document_return(actor=asisten, document=doc, note=" ")
    services.document_return(actor=asisten, document=doc, note="Dasar hukum kurang lengkap")
    doc.refresh_from_db()
    assert doc.status == "returned" and doc.round == 2 and doc.return_note == "Dasar hukum kurang lengkap"
    with pytest.raises(ValidationError, match="dikembalikan"):
        services.document_paraf(actor=asisten, document=doc)
    assert selectors.returned_to_user(ppid, bodies["kota-serang"]).get() == doc
    with pytest.raises(PermissionDenied, match="konseptor"):
        services.document_revise(actor=kabag, document=doc, context=required_only("surat_dinas"))
    with pytest.raises(ValidationError, match="Kolom wajib belum diisi: Kepada, Hal, Isi"):
        services.document_revise(actor=ppid, document=doc, context={})
    revised = services.document_revise(
        actor=ppid, document=doc, context={**required_only("surat_dinas"), "hal": "Hal diperbaiki"}
    )
    doc.refresh_from_db()
    assert doc.status == "draft" and revised.version == 2 and "Hal diperbaiki" in docx_text(_read(revised))
    # The chain starts over: Kabag Hukum initials again; the first round's paraf stays on record.
    with pytest.raises(NotYourTurn):
        services.document_paraf(actor=asisten, document=doc)
    services.document_paraf(actor=kabag, document=doc)
    assert doc.signoffs.filter(user=kabag).count() == 2
    assert list(doc.current_signoffs().values_list("round", flat=True)) == [2]


@pytest.mark.django_db
def test_failed_signing_uses_no_number(users, bodies, monkeypatch):
    doc = _draft(users, bodies)
    services.document_paraf(actor=users["kabag-hukum.kota-serang"], document=doc)
    services.document_paraf(actor=users["asisten.kota-serang"], document=doc)
    head = users["kepala-daerah.kota-serang"]
    real_render = services._render

    def broken(document):
        raise RuntimeError("renderer down")

    monkeypatch.setattr(services, "_render", broken)
    with pytest.raises(RuntimeError):
        services.document_sign(actor=head, document=doc, day=DAY)
    doc.refresh_from_db()
    assert doc.status == "draft" and doc.number == "" and not doc.signoffs.filter(kind="ttd").exists()
    assert not Sequence.objects.filter(body=doc.body, series__startswith="naskah:", last__gt=0).exists()
    monkeypatch.setattr(services, "_render", real_render)
    services.document_sign(actor=head, document=doc, day=DAY)
    doc.refresh_from_db()
    assert doc.number == "400.14/1/III/2026"


@pytest.mark.django_db
def test_decree_register_number_at_signing(users, bodies):
    doc = _draft(users, bodies, kind="sk_penolakan", signer_role="ppid")
    assert doc.register_number == ""
    services.document_paraf(actor=users["kabag-hukum.kota-serang"], document=doc)
    services.document_paraf(actor=users["asisten.kota-serang"], document=doc)
    services.document_sign(actor=users["ppid.kota-serang"], document=doc, day=DAY)
    doc.refresh_from_db()
    assert doc.register_number == "400.14/Kep.1/2026"


@pytest.mark.django_db
def test_pages_buttons_and_outsiders(client, users, bodies):
    doc = _draft(users, bodies)
    url = reverse("documents:document", args=["kota-serang", doc.pk])
    client.force_login(users["asisten.kota-serang"])
    html = client.get(url).content.decode()
    assert "Kepala Bagian Hukum" in html and ">Paraf</button>" not in html
    resp = client.post(reverse("documents:paraf", args=["kota-serang", doc.pk]), follow=True)
    assert "harus berurutan" in resp.content.decode()
    client.force_login(users["kabag-hukum.kota-serang"])
    html = client.get(url).content.decode()
    assert ">Paraf</button>" in html and "Kembalikan" in html and "Tandatangani" not in html
    awaiting = client.get(reverse("documents:awaiting", args=["kota-serang"])).content.decode()
    assert url in awaiting
    assert client.post(reverse("documents:paraf", args=["kota-serang", doc.pk])).status_code == 302
    assert doc.current_signoffs().count() == 1
    client.force_login(users["asisten.kota-serang"])
    client.post(reverse("documents:paraf", args=["kota-serang", doc.pk]))
    client.force_login(users["kepala-daerah.kota-serang"])
    assert "Tandatangani" in client.get(url).content.decode()
    assert client.get(reverse("documents:sign", args=["kota-serang", doc.pk])).status_code == 405
    # Signing asks for confirmation: without the box ticked nothing is signed, and the officer is told why.
    response = client.post(reverse("documents:sign", args=["kota-serang", doc.pk]), follow=True)
    assert "Centang pernyataan" in response.content.decode()
    doc.refresh_from_db()
    assert doc.status == "draft" and not doc.number
    client.post(reverse("documents:sign", args=["kota-serang", doc.pk]), {"setuju": "1"})
    doc.refresh_from_db()
    assert doc.status == "final" and doc.number
    client.force_login(users["ppid.kota-kupang"])
    assert client.get(url).status_code == 404
    assert (
        client.post(reverse("documents:return", args=["kota-serang", doc.pk]), {"note": "x"}).status_code
        == 404
    )
    assert client.get(reverse("documents:document", args=["kota-kupang", doc.pk])).status_code == 404


@pytest.mark.django_db
def test_exempt_draft_hidden_from_members_outside_the_chain(client, users, bodies):
    doc = _draft(users, bodies, classification="dikecualikan")
    client.force_login(users["petugas.kota-serang"])
    assert client.get(reverse("documents:document", args=["kota-serang", doc.pk])).status_code == 404
    client.force_login(users["asisten.kota-serang"])
    assert client.get(reverse("documents:document", args=["kota-serang", doc.pk])).status_code == 200


@pytest.mark.django_db
def test_api_paraf_sign_return(client, users, bodies):
    doc = _draft(users, bodies)
    client.force_login(users["ppid.kota-kupang"])
    assert (
        client.post(f"/api/v1/documents/{doc.pk}/initial", {}, content_type="application/json").status_code
        == 404
    )
    client.force_login(users["kepala-daerah.kota-serang"])
    resp = client.post(f"/api/v1/documents/{doc.pk}/sign")
    assert resp.status_code == 403 and "menunggu paraf" in resp.json()["message"]
    client.force_login(users["kabag-hukum.kota-serang"])
    resp = client.post(f"/api/v1/documents/{doc.pk}/initial", {"note": "ok"}, content_type="application/json")
    assert resp.status_code == 200
    assert [s["state"] for s in resp.json()["steps"]] == ["done", "current", "pending"]
    client.force_login(users["asisten.kota-serang"])
    resp = client.post(f"/api/v1/documents/{doc.pk}/return", {"note": ""}, content_type="application/json")
    assert resp.status_code == 400
    resp = client.post(
        f"/api/v1/documents/{doc.pk}/return", {"note": "Perbaiki"}, content_type="application/json"
    )
    assert resp.json()["status"] == "returned" and resp.json()["round"] == 2
    assert [s["state"] for s in resp.json()["steps"]] == ["pending", "pending", "pending"]


@pytest.mark.postgresql(reason="row locks and real concurrent connections; SQLite serialises writers")
@pytest.mark.django_db(transaction=True)
def test_concurrent_double_sign_yields_one_signature(users, bodies, settings):
    settings.TERBUKA_DOCUMENTS_PDF = False  # commits run the PDF task here; not what this test is about
    kadis = users["kepala-dinas.kota-serang"]
    doc = services.generate_document(
        actor=users["ppid.kota-serang"],
        body=bodies["kota-serang"],
        kind="surat_dinas",
        day=DAY,
        context=required_only("surat_dinas"),
        signers=[Signer(kadis, "kepala_dinas")],
    ).document
    barrier = threading.Barrier(2)
    results: list[str] = []
    lock = threading.Lock()

    def worker() -> None:
        from django.db import connections

        try:
            barrier.wait()
            services.document_sign(actor=kadis, document=doc, day=DAY)
            outcome = "signed"
        except ValidationError as exc:
            outcome = "refused: " + " ".join(exc.messages)
        except BaseException as exc:  # anything else is a failure of the test
            outcome = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["refused: Naskah ini sudah ditandatangani.", "signed"], results
    assert SignOff.objects.filter(document=doc, kind="ttd").count() == 1
    doc.refresh_from_db()
    assert doc.number == "400.14/1/III/2026"
    assert Sequence.objects.get(body=doc.body, series="naskah:nomor").last == 1
    assert Document.objects.get(pk=doc.pk).files.filter(content_type=DOCX_MIME).count() == 2  # draft, final


@pytest.mark.django_db
def test_demo_hook_is_registered_and_idempotent(users, bodies):
    import io

    from terbuka.core import demo_hooks
    from terbuka.documents import demo

    assert demo.seed_demo_documents in demo_hooks.HOOKS
    demo.seed_demo_documents(io.StringIO())
    demo.seed_demo_documents(io.StringIO())
    body = bodies["kota-serang"]
    signed = Document.objects.get(body=body, label=demo.SIGNED_LABEL)
    draft = Document.objects.get(body=body, label=demo.DRAFT_LABEL)
    assert signed.status == "final" and signed.number and signed.signoffs.count() == 2
    assert draft.status == "draft"
    assert [d.pk for d, _ in selectors.awaiting_for_user(users["kabag-hukum.kota-serang"])] == [draft.pk]


def _signed(users, bodies, **kw):
    doc = _draft(users, bodies, **kw)
    services.document_paraf(actor=users["kabag-hukum.kota-serang"], document=doc)
    services.document_paraf(actor=users["asisten.kota-serang"], document=doc)
    final = services.document_sign(actor=users["kepala-daerah.kota-serang"], document=doc, day=DAY)
    doc.refresh_from_db()
    return doc, final


@pytest.mark.django_db
def test_signed_letter_file_cannot_be_replaced_and_verification_keeps_signed_hash(client, users, bodies):
    from terbuka.documents import archive
    from terbuka.documents.models import StoredFile

    from .conftest import docx_bytes

    doc, final = _signed(users, bodies)
    assert doc.final_docx_id == final.pk
    petugas = users["petugas.kota-serang"]
    client.force_login(petugas)
    page = client.get(reverse("documents:file", args=["kota-serang", final.pk]))
    assert page.status_code == 200
    assert reverse("documents:new-version", args=["kota-serang", final.pk]) not in page.content.decode()
    forged = SimpleUploadedFile("surat.docx", docx_bytes("Palsu"), content_type=DOCX_MIME)
    resp = client.post(
        reverse("documents:new-version", args=["kota-serang", final.pk]),
        {"file": forged, "note": "ganti"},
        follow=True,
    )
    assert "hanya melalui perbaikan konsep" in resp.content.decode()
    assert not StoredFile.objects.filter(previous=final).exists()
    with pytest.raises(ValidationError, match="berkas naskah dinas"):
        archive.store_new_version(
            actor=users["ppid.kota-serang"],
            previous=final,
            file=SimpleUploadedFile("surat.docx", docx_bytes("Palsu"), content_type=DOCX_MIME),
        )
    client.logout()
    verify = client.get(reverse("portal:verifikasi:verify", args=[doc.verify_token])).content.decode()
    assert final.sha256 in verify


@pytest.mark.django_db
def test_draft_cannot_be_swapped_mid_chain(users, bodies):
    from terbuka.documents import archive

    from .conftest import docx_bytes

    doc = _draft(users, bodies)
    services.document_paraf(actor=users["kabag-hukum.kota-serang"], document=doc)
    with pytest.raises(ValidationError, match="berkas naskah dinas"):
        archive.store_new_version(
            actor=users["ppid.kota-serang"],
            previous=doc.docx(),
            file=SimpleUploadedFile("konsep.docx", docx_bytes("Lain"), content_type=DOCX_MIME),
        )


@pytest.mark.django_db
def test_chain_official_opens_exempted_draft_and_opening_is_logged(client, users, bodies):
    from terbuka.documents.models import FileAccess

    doc = _draft(users, bodies, classification="dikecualikan")
    draft = doc.docx()
    asisten = users["asisten.kota-serang"]
    client.force_login(asisten)
    assert client.get(reverse("documents:document", args=["kota-serang", doc.pk])).status_code == 200
    resp = client.get(reverse("documents:download", args=["kota-serang", draft.pk]))
    assert resp.status_code == 200
    assert b"".join(resp.streaming_content) == _read(draft)
    log = FileAccess.objects.get(stored_file=draft, user=asisten)
    assert log.allowed and log.reason == "pejabat dalam rantai paraf/tanda tangan"
    client.force_login(users["kepala-dinas.kota-serang"])  # a member of the body outside the chain
    assert client.get(reverse("documents:download", args=["kota-serang", draft.pk])).status_code == 403
