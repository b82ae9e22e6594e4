"""Seed 003 (Kabupaten Serang, Penetapan dan Pemutakhiran DIP) end to end with the demo users: the units
propose rows in a fan-out, the Petugas classifies, the Tim Pelayanan corrects, the PPID sets the edition by a
signed decision, the Petugas publishes by category and archives. The portal then shows the published DIP."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from terbuka.core.models import Unit
from terbuka.registry.models import Category, DipEdition, InformationItem, Source
from terbuka.sop import services
from terbuka.sop.demo import SOPS_DIR
from terbuka.sop.models import Sop, Task

BODY = "kabupaten-serang"


def open_task(case, step_no, unit=None):
    qs = case.tasks.filter(step_no=step_no, status=Task.Status.OPEN)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.get()


def start_round(users, bodies):
    """Steps 1 of seed 003: the case, its draft edition and the open fan-out tasks of step 2."""
    body = bodies[BODY]
    sop = Sop.objects.filter(body=body, slug="dip").first()
    if sop is None:
        source = (SOPS_DIR / "kabupaten-serang-dip.yaml").read_text("utf-8")
        sop = services.sop_adopt(actor=None, body=body, slug="dip", source=source, filename="dip.yaml").sop
    petugas = users[f"petugas.{BODY}"]
    case = services.case_start(actor=petugas, sop=sop, title="Penetapan DIP 2026")
    services.task_complete(actor=petugas, task=open_task(case, 1), data={})
    case.refresh_from_db()
    edition = case.subject
    assert isinstance(edition, DipEdition) and edition.status == DipEdition.Status.DRAFT
    # the fan-out: one task per unit with a PPID Pembantu
    fan = list(case.tasks.filter(step_no=2, status=Task.Status.OPEN).select_related("unit"))
    assert len(fan) >= 2
    return case, edition, fan


def run_round(users, bodies, *, second_unit_proposal=None):
    body = bodies[BODY]
    case, edition, fan = start_round(users, bodies)
    dinkes = Unit.objects.get(body=body, slug="dinkes")
    bpkad = Unit.objects.get(body=body, slug="bpkad")
    proposals = {
        dinkes: [
            {
                "judul": "Profil Dinas Kesehatan",
                "ringkasan": "Kedudukan, tugas dan fungsi",
                "kategori": "Berkala",
                "bentuk": "Softcopy",
                "retensi": "Selama berlaku",
                "tahun": "2026",
            },
            {"judul": "Data kasus demam berdarah mingguan", "kategori": "Setiap saat"},
            {
                "judul": "Peringatan dini wabah",
                "ringkasan": "Informasi yang mengancam hajat hidup orang banyak",
            },
        ],
        bpkad: second_unit_proposal
        or [
            {
                "judul": "Laporan keuangan pemerintah daerah 2025",
                "ringkasan": "Neraca, LRA, CaLK",
                "kategori": "Berkala",
                "bentuk": "Softcopy",
                "retensi": "10 tahun",
                "tahun": "2025",
            }
        ],
    }
    for task in fan:
        lines = proposals.get(task.unit, [])
        services.task_complete(
            actor=users[f"ppid-pembantu.{task.unit.slug}.{BODY}"],
            task=task,
            data={"usulan": lines, "sertakan_yang_ada": False} if lines else {"sertakan_yang_ada": True},
        )
    edition.refresh_from_db()
    return case, edition


def test_seed_003_runs_end_to_end_and_leaves_a_published_edition(client, users, bodies):
    body = bodies[BODY]
    case, edition = run_round(users, bodies)
    items = {
        i.title: i
        for i in InformationItem.objects.filter(source=Source.USULAN, source_ref=f"sop.case:{case.pk}")
    }
    assert set(items) >= {
        "Profil Dinas Kesehatan",
        "Peringatan dini wabah",
        "Laporan keuangan pemerintah daerah 2025",
    }
    assert all(not i.is_public for i in items.values())
    assert items["Profil Dinas Kesehatan"].year == 2026 and items["Profil Dinas Kesehatan"].form == "softcopy"
    # step 3: classification as the PPID directs — a bad line blocks completion, naming it
    petugas = users[f"petugas.{BODY}"]
    warn = items["Peringatan dini wabah"]
    with pytest.raises(ValidationError, match="tidak dikenal"):
        services.task_complete(
            actor=petugas, task=open_task(case, 3), data={"klasifikasi": [f"{warn.pk} | Rahasia"]}
        )
    services.task_complete(
        actor=petugas, task=open_task(case, 3), data={"klasifikasi": [f"{warn.pk} | Serta merta"]}
    )
    warn.refresh_from_db()
    assert warn.category == Category.SERTA_MERTA
    # step 4: consultation corrects a title and drops a row
    dbd = items["Data kasus demam berdarah mingguan"]
    services.task_complete(
        actor=users[f"tim-uji.{BODY}"],
        task=open_task(case, 4),
        data={
            "koreksi": [
                f"{dbd.pk} | judul | Data kasus demam berdarah dengue mingguan",
                f"{items['Laporan keuangan pemerintah daerah 2025'].pk} | hapus",
            ]
        },
    )
    dbd.refresh_from_db()
    assert dbd.title == "Data kasus demam berdarah dengue mingguan"
    assert not edition.entries.filter(item_key=items["Laporan keuangan pemerintah daerah 2025"].pk).exists()
    # step 5: the PPID sets the edition by a signed, numbered, dated decision
    services.task_complete(actor=users[f"ppid.{BODY}"], task=open_task(case, 5), data={})
    edition.refresh_from_db()
    assert edition.status == DipEdition.Status.SET and edition.decree_number and edition.decree_date
    assert edition.document is not None and edition.document.status == "final"
    assert all(e.snapshot["title"] for e in edition.entries.all())
    # nothing is public before publication
    assert not InformationItem.objects.filter(pk=warn.pk, is_public=True).exists()
    # step 6: publish by category (berkala and serta merta only)
    services.task_complete(
        actor=petugas, task=open_task(case, 6), data={"kategori": ["Berkala", "Serta merta"]}
    )
    warn.refresh_from_db()
    dbd.refresh_from_db()
    assert warn.is_public and not dbd.is_public  # setiap saat not published in this step
    # step 7: archive
    services.task_complete(actor=petugas, task=open_task(case, 7), data={"lokasi": "Lemari 2, rak 1"})
    case.refresh_from_db()
    edition.refresh_from_db()
    assert case.status == "done" and edition.archive_file is not None
    assert edition.status == DipEdition.Status.PUBLISHED
    # the portal shows it
    page = client.get(f"/badan/{body.slug}/dip/").content.decode()
    assert "Peringatan dini wabah" in page and "Profil Dinas Kesehatan" in page
    assert "Data kasus demam berdarah dengue" not in page
    assert edition.decree_number in page


def test_a_malformed_proposal_row_is_refused_naming_row_and_column(users, bodies):
    case, edition, fan = start_round(users, bodies)
    task = fan[0]
    actor = users[f"ppid-pembantu.{task.unit.slug}.{BODY}"]
    rows = [
        {"judul": "Profil unit", "kategori": "Berkala"},
        {"judul": "", "kategori": "Rahasia", "bentuk": "Disket", "tahun": "dua ribu"},
    ]
    with pytest.raises(ValidationError) as exc:
        services.task_complete(actor=actor, task=task, data={"usulan": rows, "sertakan_yang_ada": False})
    messages = exc.value.messages
    assert "Baris 2, kolom Judul: judul informasi wajib diisi." in messages
    assert any(m.startswith("Baris 2, kolom Kategori: 'Rahasia' tidak dikenal") for m in messages)
    assert any(m.startswith("Baris 2, kolom Bentuk: 'Disket' tidak dikenal") for m in messages)
    assert "Baris 2, kolom Tahun: 'dua ribu' tidak sah (empat angka)." in messages
    assert not any(m.startswith("Baris 1") for m in messages)
    # nothing half-saved: the good first row did not enter the registry or the edition
    assert not InformationItem.objects.filter(source_ref=f"sop.case:{case.pk}").exists()
    assert not edition.entries.exists()
    task.refresh_from_db()
    assert task.status == Task.Status.OPEN


def test_the_task_page_takes_the_proposal_as_rows(client, users, bodies):
    case, edition, fan = start_round(users, bodies)
    task = fan[0]
    client.force_login(users[f"ppid-pembantu.{task.unit.slug}.{BODY}"])
    page = client.get(f"/kerja/sop/tugas/{task.pk}/").content.decode()
    # a row form (formset) with an add-row button driven by static/js/terbuka.js, no pipe-separated text
    assert 'name="baris-TOTAL_FORMS"' in page and 'data-add-row="baris-kosong"' in page
    assert 'name="baris-0-judul"' in page and "baris-__prefix__-kategori" in page
    post = {
        "baris-TOTAL_FORMS": "2",
        "baris-INITIAL_FORMS": "0",
        "baris-MIN_NUM_FORMS": "1",
        "baris-MAX_NUM_FORMS": "500",
        "baris-0-judul": "Rencana kerja unit",
        "baris-0-kategori": "Berkala",
        "baris-0-bentuk": "Softcopy",
        "baris-0-tahun": "2026",
        "baris-1-judul": "Jadwal layanan",
        "baris-1-tahun": "26",
    }
    bad = client.post(f"/kerja/sop/tugas/{task.pk}/selesai/", post)
    assert bad.status_code == 400
    assert "Baris 2, kolom Tahun: &#x27;26&#x27; tidak sah" in bad.content.decode()
    assert not InformationItem.objects.filter(source_ref=f"sop.case:{case.pk}").exists()
    post["baris-1-tahun"] = ""
    done = client.post(f"/kerja/sop/tugas/{task.pk}/selesai/", post)
    assert done.status_code == 302
    titles = set(
        InformationItem.objects.filter(source_ref=f"sop.case:{case.pk}", unit=task.unit).values_list(
            "title", flat=True
        )
    )
    assert titles == {"Rencana kerja unit", "Jadwal layanan"}
    assert edition.entries.count() == 2
