"""A step's output written as an official letter (issue #4 item 7): generated, signed, then it counts."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from terbuka.core.roles import Role
from terbuka.documents import services as doc_services
from terbuka.documents.signoff import Signer
from terbuka.documents.tests.helpers import required_only

from .. import services
from .engine_kit import open_tasks

SOURCE = """\
format: terbuka-sop/1
identitas: {nama: Permintaan usulan DIK}
pelaksana:
  - {kode: petugas, nama: Petugas PLID, peran: petugas}
langkah:
  - no: 1
    kegiatan: Petugas membuat surat kepada PPID Pembantu dan mendapatkan paraf serta tanda tangan pimpinan
    pelaksana: petugas
    waktu: 1 hari kerja
    output: Surat Dinas
  - no: 2
    kegiatan: Petugas mengirimkan surat dinas kepada seluruh PPID Pembantu
    pelaksana: petugas
    kelengkapan: Surat Dinas
    waktu: 1 hari kerja
"""


@pytest.fixture
def case(bodies, users):
    version = services.sop_adopt(
        actor=None, body=bodies["kota-serang"], slug="permintaan-usulan", source=SOURCE, filename="t.yaml"
    )
    return services.case_start(actor=users["petugas.kota-serang"], sop=version.sop, title="Usulan DIK 2027")


def _draft(case, users):
    return doc_services.generate_document(
        actor=users["petugas.kota-serang"],
        body=case.body,
        kind="surat_dinas",
        context=required_only("surat_dinas"),
        case=case,
        step_no=1,
        label="Surat Dinas",
        signers=[
            Signer(users["ppid.kota-serang"], Role.PPID, kind="paraf"),
            Signer(users["kepala-dinas.kota-serang"], Role.KEPALA_DINAS),
        ],
    )


def test_a_signed_letter_is_the_steps_output_and_the_next_steps_kelengkapan(case, users):
    petugas = users["petugas.kota-serang"]
    step1 = open_tasks(case)[0]
    draft = _draft(case, users)
    # A konsep awaiting paraf and signature is not yet the output.
    with pytest.raises(ValidationError, match="Output wajib dilampirkan: Surat Dinas"):
        services.task_complete(actor=petugas, task=step1)
    doc_services.document_paraf(actor=users["ppid.kota-serang"], document=draft.document)
    final = doc_services.document_sign(actor=users["kepala-dinas.kota-serang"], document=draft.document)
    assert final.case_id == case.pk and final.step_no == 1 and final.label == "Surat Dinas"
    services.task_complete(actor=petugas, task=step1)  # no upload: the signed letter is the output
    step2 = open_tasks(case)[0]
    assert step2.step_no == 2
    services.task_complete(actor=petugas, task=step2)  # kelengkapan "Surat Dinas" is in the case
    case.refresh_from_db()
    assert case.status == "done"


def test_a_letter_signed_before_the_step_was_returned_does_not_count_again(case, users):
    petugas = users["petugas.kota-serang"]
    draft = _draft(case, users)
    doc_services.document_paraf(actor=users["ppid.kota-serang"], document=draft.document)
    doc_services.document_sign(actor=users["kepala-dinas.kota-serang"], document=draft.document)
    services.task_complete(actor=petugas, task=open_tasks(case)[0])
    services.task_return(actor=petugas, task=open_tasks(case)[0], to_step=1, note="Surat perlu diubah.")
    with pytest.raises(ValidationError, match="Output wajib dilampirkan: Surat Dinas"):
        services.task_complete(actor=petugas, task=open_tasks(case)[0])


def test_task_page_offers_the_letter_and_the_generate_form_knows_the_step(client, case, users):
    task = open_tasks(case)[0]
    client.force_login(users["petugas.kota-serang"])
    page = client.get(f"/kerja/sop/tugas/{task.pk}/").content.decode()
    query = f"proses={case.pk}&amp;langkah=1&amp;label=Surat%20Dinas"
    link = f"/kerja/dokumen/kota-serang/jenis/surat_dinas/buat/?{query}"
    assert link in page
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert "Usulan DIK 2027" in form and f'name="proses" value="{case.pk}"' in form
    # Someone of another body cannot aim a letter at this process.
    client.force_login(users["petugas.kota-kupang"])
    r = client.get(f"/kerja/dokumen/kota-kupang/jenis/surat_dinas/buat/?proses={case.pk}&langkah=1&label=x")
    assert r.status_code == 404


def test_kind_suggestions_for_seed_document_names():
    from terbuka.documents.kinds import suggest

    assert suggest("Surat Dinas yang Sudah di Paraf serta ditanda tanggani") == ["surat_dinas"]
    assert suggest("Surat Undangan Draft Daftar Informasi yang Dikecualikan")[0] == "surat_undangan"
    assert suggest("Lembar analisa uji konsekuensi") == ["lembar_uji_konsekuensi"]
    assert suggest("SK Walikota Daftar informasi yang dikecualikan")[0] == "sk_dik"
    assert suggest("berita acara pengujian konsekuensi") == ["berita_acara_uji_konsekuensi"]
    assert suggest("Buku/sumber panduan materi Uji Konsekuensi") == []
