"""No example data in real letters: each kind builds from its STANDARD wording, never from its EXAMPLE."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from terbuka.documents import kinds, rendering, services
from terbuka.documents.forms import GenerateForm
from terbuka.documents.kinds import common
from terbuka.documents.signoff import Signer

from .helpers import docx_text, required_only

SLUGS = list(kinds.REGISTRY)
# Not the examples' body (Kota Serang) nor their date (16 Maret 2026): anything from them is a leak.
DAY = dt.date(2026, 5, 20)
BODY = "kota-kupang"


def _example_strings(kind: kinds.Kind) -> set[str]:
    """Every example text of the kind (and of the common example) that is not also standard wording."""
    standard = common.leaf_strings(kind.standard) | common.leaf_strings(common.COMMON_STANDARD)
    examples = common.leaf_strings(kind.example) | common.leaf_strings(common.COMMON_EXAMPLE)
    # Short words ("Biasa", "Ketua", "-") also occur in a template's fixed text; they prove nothing.
    return {s for s in examples - standard if len(s) >= 8}


@pytest.mark.django_db
@pytest.mark.parametrize("slug", SLUGS)
def test_required_fields_only_print_no_example_data(slug, users, bodies):
    kind = kinds.get(slug)
    body = bodies[BODY]
    head = users[f"kepala-dinas.{BODY}"]
    stored = services.generate_document(
        actor=head,
        body=body,
        kind=slug,
        day=DAY,
        context=required_only(slug),
        signers=[Signer(head, "kepala_dinas")],
        sign_now=True,
    )
    with default_storage.open(stored.file.name, "rb") as fh:
        text = docx_text(fh.read())
    doc = stored.document
    assert doc.number in text or doc.register_number in text
    assert head.display_name() in text
    # What the letter legitimately says about this body and this signer may equal an example's wording
    # ("KEPALA DINAS KOMUNIKASI DAN INFORMATIKA"): those are real data, not leaks.
    so = doc.signoffs.get(kind="ttd")
    real = " ".join(
        common.leaf_strings(rendering.base_context(body, day=DAY))
        | {so.position_title.upper(), so.name, so.rank, so.nip}
    )
    leaked = sorted(s for s in _example_strings(kind) if s in text and s not in real)
    assert not leaked, f"{slug}: example data printed in a real letter: {leaked}"
    for value in common.leaf_strings(required_only(slug)):
        assert value in text, f"{slug}: required field value {value!r} not printed"


MISSING = {
    "nota_dinas": "Kolom wajib belum diisi: Kepada, Dari, Hal, Isi",
    "surat_dinas": "Kolom wajib belum diisi: Kepada, Hal, Isi",
    "sk_penolakan": (
        "Kolom wajib belum diisi: Nomor pendaftaran, Nama pemohon, Informasi yang dibutuhkan, Alasan, "
        "Konsekuensi bila dibuka"
    ),
    "tanda_terima": (
        "Kolom wajib belum diisi: Nomor registrasi, Nama pemohon, Informasi yang diminta, Diterima pada, "
        "Batas waktu jawaban"
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("slug", sorted(MISSING))
def test_missing_required_fields_named_in_indonesian(slug, bodies):
    with pytest.raises(ValidationError) as err:
        services.generate_document(actor=None, body=bodies["kota-serang"], kind=slug, context={})
    assert err.value.messages == [MISSING[slug]]


@pytest.mark.django_db
@pytest.mark.parametrize("slug", SLUGS)
def test_missing_required_fields_are_labels_not_codes(slug, bodies):
    assert kinds.get(slug).required, f"{slug} declares no required field"
    with pytest.raises(ValidationError) as err:
        services.generate_document(actor=None, body=bodies["kota-serang"], kind=slug, context={})
    (message,) = err.value.messages
    assert message.startswith("Kolom wajib belum diisi: ")
    assert "_" not in message and "." not in message, message


def test_missing_message_names_every_field():
    kind = kinds.get("pemberitahuan_tertulis")
    with pytest.raises(ValidationError) as err:
        kind.check_required(kind.build(body=None, data={"informasi": "Laporan"}))
    assert err.value.messages == [
        "Kolom wajib belum diisi: Nomor registrasi, Tanggal permohonan, Nama pemohon"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("slug", SLUGS)
def test_built_context_has_every_sample_key(slug, bodies):
    """A custom template is checked against the SAMPLE; a real letter must offer the same keys."""
    kind = kinds.get(slug)
    body = bodies["kota-serang"]
    built = {**rendering.base_context(body, day=DAY), **kind.build(body=body, data=required_only(slug))}
    assert set(kind.sample) <= set(built), sorted(set(kind.sample) - set(built))


@pytest.mark.django_db
@pytest.mark.parametrize("slug", SLUGS)
def test_generate_form_prefills_standard_wording_not_examples(slug, bodies):
    kind = kinds.get(slug)
    form = GenerateForm(body=bodies["kota-serang"], kind=kind)
    initial = " ".join(str(f.initial or "") for name, f in form.fields.items() if name.startswith("f_"))
    leaked = sorted(s for s in _example_strings(kind) if s in initial)
    assert not leaked, leaked


def test_statutory_wording_stays_in_every_letter():
    """Pasal 22(7) items and the 30-working-day objection right are standard, not examples."""
    pt = kinds.get("pemberitahuan_tertulis").build(body=None, data=required_only("pemberitahuan_tertulis"))
    assert [b["huruf"] for b in pt["butir"]] == ["a.", "b.", "c.", "d.", "e.", "f.", "g."]
    assert "30 (tiga puluh) hari kerja" in pt["isi"][0]
    tt = kinds.get("tanda_terima").build(body=None, data={})
    assert "10 (sepuluh) hari kerja" in tt["isi"][0]


@pytest.mark.django_db
def test_sk_penolakan_names_the_bodys_own_atasan_ppid(bodies):
    from terbuka.core.models import Position

    body = bodies["kota-serang"]
    position = Position.objects.get(body=body, roles__role="atasan_ppid")
    position.title = "Asisten Pemerintahan dan Kesejahteraan Rakyat"
    position.save()
    kind = kinds.get("sk_penolakan")
    assert kind.build(body=body, data={})["atasan_ppid"] == "Asisten Pemerintahan dan Kesejahteraan Rakyat"
    assert kind.build(body=body, data={"atasan_ppid": " "})["atasan_ppid"] == position.title
    assert kind.build(body=body, data={"atasan_ppid": "Sekda"})["atasan_ppid"] == "Sekda"
