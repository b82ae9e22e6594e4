"""Letters that verify (issue 9 item 3): SITE_URL on the paper, /verifikasi/ by code, the unit's kop, the
body's own examples, the chain proposed from the purpose, signing confirmed, drafts and finals marked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings

from terbuka.core.models import Unit
from terbuka.documents import kinds, rendering, services
from terbuka.documents.forms import GenerateForm
from terbuka.documents.signoff import Signer

from .helpers import docx_text, required_only

DAY = dt.date(2026, 3, 16)


def _read(stored) -> bytes:
    with default_storage.open(stored.file.name, "rb") as fh:
        return fh.read()


def _signed(users, bodies, *, unit=None, hal="Usulan DIK Dinas Kesehatan 2026"):
    ctx = required_only("surat_dinas") | {"hal": hal}
    head = users["kepala-daerah.kota-kupang"]
    return services.generate_document(
        actor=head,
        body=bodies["kota-kupang"],
        kind="surat_dinas",
        day=DAY,
        context=ctx,
        unit=unit,
        signers=[Signer(None, "kepala_daerah")],
        sign_now=True,
        label="Surat permintaan usulan DIK",
    )


@pytest.mark.django_db
@override_settings(SITE_URL="http://127.0.0.1:8765")
def test_printed_link_and_code_use_site_url_and_the_code_opens_the_verification_page(client, users, bodies):
    stored = _signed(users, bodies)
    document = stored.document
    text = docx_text(_read(stored))
    token = document.verify_token
    assert f"http://127.0.0.1:8765/verifikasi/{token}/" in text
    assert f"http://127.0.0.1:8765/verifikasi/ dan ketik kode {token}" in text
    assert "127.0.0.1:8000" not in text
    page = client.get("/verifikasi/")
    assert page.status_code == 200 and 'name="kode"' in page.content.decode()
    found = client.get("/verifikasi/", {"kode": f"  {token} "})
    assert found.status_code == 302 and found["Location"] == f"/verifikasi/{token}/"
    pasted = client.get("/verifikasi/", {"kode": f"http://127.0.0.1:8765/verifikasi/{token}/"})
    assert pasted.status_code == 302
    missing = client.get("/verifikasi/", {"kode": token[:-1] + ("A" if token[-1] != "A" else "B")})
    assert missing.status_code == 404 and "Kode verifikasi tidak ditemukan" in missing.content.decode()
    assert document.subject in client.get(found["Location"]).content.decode()


@pytest.mark.django_db
def test_a_units_letter_prints_the_units_kop(users, bodies):
    body = bodies["kota-kupang"]
    dinkes = Unit.objects.get(body=body, slug="dinkes")
    text = docx_text(_read(_signed(users, bodies, unit=dinkes)))
    assert "PEMERINTAH KOTA KUPANG" in text and "DINAS KESEHATAN" in text
    assert "DINAS KOMUNIKASI DAN INFORMATIKA" not in text
    # Without a unit: the body's kop.
    assert "DINAS KOMUNIKASI DAN INFORMATIKA" in docx_text(_read(_signed(users, bodies, hal="Lain")))
    # A unit's own kop lines and address win; a bagian writes under its parent's kop.
    dinkes.letterhead = "PEMERINTAH KOTA KUPANG\nDINAS KESEHATAN\nUPT LABORATORIUM"
    dinkes.address = "Jl. Timor Raya No. 1, Kupang"
    dinkes.save()
    kop = rendering.kop_context(body, dinkes)
    assert kop["instansi"] == ["DINAS KESEHATAN", "UPT LABORATORIUM"] and kop["alamat"].startswith(
        "Jl. Timor"
    )
    hukum = Unit.objects.get(body=body, slug="bagian-hukum")
    assert rendering.kop_context(body, hukum)["instansi"] == ["SEKRETARIAT DAERAH"]


@pytest.mark.django_db
@pytest.mark.parametrize("slug", sorted(kinds.REGISTRY))
def test_form_examples_are_the_bodys_own(slug, bodies):
    form = GenerateForm(body=bodies["kota-kupang"], kind=kinds.get(slug))
    shown = " ".join(
        f"{f.initial or ''} {f.widget.attrs.get('placeholder', '')}"
        for name, f in form.fields.items()
        if name.startswith("f_")
    )
    assert "Serang" not in shown, shown
    serang = GenerateForm(body=bodies["kota-serang"], kind=kinds.get(slug))
    assert "Kupang" not in " ".join(
        str(f.widget.attrs.get("placeholder", "")) for f in serang.fields.values()
    )


@pytest.mark.django_db
def test_chain_is_proposed_from_the_purpose(bodies):
    body = bodies["kota-kupang"]
    dinkes = Unit.objects.get(body=body, slug="dinkes")
    form = GenerateForm(body=body, kind=kinds.get("surat_dinas"))
    form.propose(
        [Signer(None, "ppid_pembantu", kind="paraf", unit=dinkes), Signer(None, "kepala_daerah")], dinkes
    )
    offered = [v for v, _label in form.fields["signer"].choices]
    assert form.initial["paraf_1"] == f"r:ppid_pembantu:{dinkes.pk}" and form.initial["paraf_1"] in offered
    assert form.initial["signer"].startswith("r:kepala_daerah:") and form.initial["signer"] in offered
    assert form.initial["unit"] == dinkes.pk
    html = form.as_p()
    assert f'<option value="{form.initial["signer"]}" selected>' in html


@pytest.mark.django_db
def test_document_page_titles_by_subject_and_marks_draft_and_final_files(client, users, bodies):
    document = _signed(users, bodies).document
    document.refresh_from_db()
    assert len(document.final_files()) >= 1
    client.force_login(users["ppid.kota-kupang"])
    html = client.get(f"/kerja/dokumen/kota-kupang/naskah/{document.pk}/").content.decode()
    assert "<h1>Usulan DIK Dinas Kesehatan 2026</h1>" in html
    files = html.split("<h2>Berkas</h2>")[1]
    assert files.count(">Final</span>") == len(document.final_files())
    assert ">Konsep</span>" in files  # the draft DOCX stays on record, marked as such
    archive = client.get("/kerja/dokumen/kota-kupang/").content.decode()
    assert "Usulan DIK Dinas Kesehatan 2026" in archive and ">Final</span>" in archive


@pytest.mark.django_db
def test_number_preview_follows_the_chosen_unit(client, users, bodies):
    dinkes = Unit.objects.get(body=bodies["kota-kupang"], slug="dinkes")
    client.force_login(users["ppid.kota-kupang"])
    url = "/kerja/dokumen/kota-kupang/jenis/surat_dinas/buat/"
    page = client.get(url).content.decode()
    assert 'hx-get="' + url + '?pratinjau=1"' in page and 'id="number-preview"' in page
    with_unit = client.get(url, {"pratinjau": "1", "unit": dinkes.pk}).content.decode()
    without = client.get(url, {"pratinjau": "1", "unit": ""}).content.decode()
    assert with_unit != without and (dinkes.code or "DINKES").upper() in with_unit.upper()
    other = Unit.objects.exclude(body=bodies["kota-kupang"]).first()
    assert client.get(url, {"pratinjau": "1", "unit": other.pk}).content.decode() == without
