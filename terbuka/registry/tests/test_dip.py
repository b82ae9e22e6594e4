"""Editions (set, compare), spreadsheets (template, all-or-nothing import, export re-imports to the same
edition), stemmed search, berkala refresh reminders, attachments, the demo DIP, and the API."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from terbuka.core.models import Unit
from terbuka.registry import demo, selectors, services, spreadsheet
from terbuka.registry.models import Category, DipEdition, InformationItem

BODY = "kota-bontang"


@pytest.fixture
def body(bodies):
    return bodies[BODY]


@pytest.fixture
def ppid(users):
    return users[f"ppid.{BODY}"]


def make(body, title, cat=Category.BERKALA, **kw):
    return services.item_create(actor=None, body=body, title=title, category=cat, **kw)


def set_edition(body, ppid, items, **kw):
    e = services.edition_draft(actor=ppid, body=body)
    services.edition_include(actor=ppid, edition=e, items=items)
    return services.edition_set(actor=ppid, edition=e, **kw)


def test_editions_are_kept_and_compared(body, ppid):
    a, b, c = (
        make(body, "Profil"),
        make(body, "APBD 2026"),
        make(body, "Jadwal posyandu", Category.SETIAP_SAAT),
    )
    first = set_edition(body, ppid, [a, b])
    assert first.kind == DipEdition.Kind.PENETAPAN and first.document.number == first.decree_number
    services.edition_publish(actor=ppid, edition=first)
    assert InformationItem.objects.get(pk=a.pk).is_public
    # an edition set cannot be edited
    with pytest.raises(ValidationError):
        services.edition_include(actor=ppid, edition=first, items=[c])
    # pemutakhiran: carries over, then adds c, drops b, changes a
    second = services.edition_draft(actor=ppid, body=body)
    assert second.kind == DipEdition.Kind.PEMUTAKHIRAN and second.entries.count() == 2
    services.edition_include(actor=ppid, edition=second, items=[c])
    services.edition_exclude(actor=ppid, edition=second, items=[b])
    services.item_update(actor=ppid, item=a, summary="Struktur organisasi baru")
    second = services.edition_set(actor=ppid, edition=second, decree_number="188.4/12/PPID/2026")
    assert second.decree_number == "188.4/12/PPID/2026"
    services.edition_publish(actor=ppid, edition=second)
    assert not InformationItem.objects.get(pk=b.pk).is_public  # dropped from the list: withdrawn
    diff = services.edition_compare(first, second)
    assert [r["title"] for r in diff.added] == ["Jadwal posyandu"]
    assert [r["title"] for r in diff.removed] == ["APBD 2026"]
    assert [(o["title"], f) for o, _n, f in diff.changed] == [("Profil", ["summary"])]
    # the first edition's snapshot did not change with the item
    assert first.entries.get(item_key=a.pk).snapshot["summary"] == ""


def test_only_the_ppid_sets_and_exempted_items_never_enter(body, users, ppid):
    a = make(body, "Profil")
    e = services.edition_draft(actor=ppid, body=body)
    with pytest.raises(ValidationError, match="dikecualikan"):
        services.edition_include(
            actor=ppid, edition=e, items=[make(body, "Rekam medis", Category.DIKECUALIKAN)]
        )
    services.edition_include(actor=ppid, edition=e, items=[a])
    with pytest.raises(Exception, match="PPID"):
        services.edition_set(actor=users[f"petugas.{BODY}"], edition=e)


def xlsx_rows(data):
    from openpyxl import load_workbook

    return [list(r) for r in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]


def test_template_and_import_is_all_or_nothing_with_every_error_named(body, ppid):
    assert xlsx_rows(spreadsheet.template_xlsx())[0] == spreadsheet.HEADERS
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "DIP"
    ws.append(spreadsheet.HEADERS)
    ws.append(["", "Profil dinas", "", "Dinas Kesehatan", "", "", "", "", "Softcopy", "", "Berkala", 2026])
    ws.append(["", "", "x", "Dinas Antah", "", "", "", "", "Disket", "", "Rahasia", "dua ribu"])
    ws.append([999999, "Judul", "", "", "", "", "", "", "", "", "", ""])
    out = io.BytesIO()
    wb.save(out)
    before = InformationItem.objects.filter(body=body).count()
    with pytest.raises(spreadsheet.ImportErrors) as err:
        spreadsheet.import_items(actor=ppid, body=body, data=out.getvalue())
    messages = [str(e) for e in err.value.errors]
    assert "Baris 3, kolom Judul Informasi: wajib diisi." in messages
    assert "Baris 3, kolom Unit Kerja: unit 'Dinas Antah' tidak dikenal." in messages
    assert any(m.startswith("Baris 3, kolom Bentuk Informasi: 'Disket' tidak dikenal") for m in messages)
    assert any(m.startswith("Baris 3, kolom Kategori: 'Rahasia' tidak dikenal") for m in messages)
    assert any(m.startswith("Baris 3, kolom Tahun: 'dua ribu' bukan tahun") for m in messages)
    assert "Baris 4, kolom ID: tidak ada informasi dengan ID 999999 di badan publik ini." in messages
    assert "Baris 4, kolom Kategori: wajib diisi (Berkala, Serta merta, atau Setiap saat)." in messages
    assert InformationItem.objects.filter(body=body).count() == before  # nothing changed
    with pytest.raises(ValidationError, match="bukan lembar kerja"):
        spreadsheet.import_items(actor=ppid, body=body, data=b"%PDF-1.4 ...")


def test_zip_bomb_is_refused_before_openpyxl_reads_it(body, ppid):
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<x/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"0" * (300 * 1024 * 1024))
    with pytest.raises(ValidationError):
        spreadsheet.import_items(actor=ppid, body=body, data=buf.getvalue())


def test_export_reimports_to_the_same_edition(body, ppid):
    dinkes = Unit.objects.get(body=body, slug="dinkes")
    items = [
        make(
            body,
            "Profil Dinkes",
            unit=dinkes,
            summary="Tugas, fungsi",
            year=2026,
            form="softcopy",
            retention="Selama berlaku",
        ),
        make(body, "Peringatan dini wabah", Category.SERTA_MERTA, made_when="2026", made_where="Bontang"),
        make(body, "Daftar puskesmas", Category.SETIAP_SAAT, official="Kepala Dinkes"),
    ]
    first = set_edition(body, ppid, items)
    for data, name in [
        (spreadsheet.export_xlsx(spreadsheet.edition_items(first)), "dip.xlsx"),
        (spreadsheet.export_csv(spreadsheet.edition_items(first)), "dip.csv"),
    ]:
        draft = services.edition_draft(actor=ppid, body=body, carry_over=False)
        result = spreadsheet.import_items(actor=ppid, body=body, data=data, filename=name, edition=draft)
        assert (len(result.created), len(result.updated), result.unchanged) == (0, 0, 3)
        again = services.edition_set(actor=ppid, edition=draft)
        diff = services.edition_compare(first, again)
        assert (diff.added, diff.removed, diff.changed) == ([], [], [])
        first = again


def test_import_creates_and_updates(body, ppid):
    rows = (
        spreadsheet.HEADERS,
        [
            "",
            "Data kependudukan",
            "Jumlah penduduk",
            "",
            "",
            "",
            "",
            "",
            "Softcopy dan hardcopy",
            "",
            "setiap saat",
            "2026",
        ],
    )
    csv_data = "\n".join(",".join(f'"{c}"' for c in r) for r in rows).encode()
    res = spreadsheet.import_items(actor=ppid, body=body, data=csv_data, filename="x.csv")
    [item] = res.created
    assert (item.category, item.form, item.year, item.source) == ("setiap_saat", "keduanya", 2026, "impor")


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("mengecualikan", "Daftar informasi yang dikecualikan"),
        ("permohonan", "Tata cara memohonkan salinan"),
        ("anggar", "Anggaran pendapatan dan belanja daerah"),  # prefix: a word cut short
        ("keuangan", "Laporan keuangan 2025"),
    ],
)
def test_stemmed_search_finds_other_forms_of_the_word(body, query, title):
    for t in [
        "Daftar informasi yang dikecualikan",
        "Tata cara memohonkan salinan",
        "Anggaran pendapatan dan belanja daerah",
        "Laporan keuangan 2025",
        "Jadwal posyandu",
    ]:
        make(body, t, is_public=True)
    found = [i.title for i in selectors.search_public(query, body)]
    assert title in found
    assert "Jadwal posyandu" not in found


def test_search_ranks_highlights_and_hides_what_is_not_public(body, client):
    make(body, "Permohonan informasi: prosedur permohonan dan keberatan", is_public=True)
    make(body, "Formulir permohonan", is_public=True, summary="Unduh formulir")
    make(body, "Permohonan rahasia", is_public=False)
    found = selectors.search_public("memohon", body)
    assert found[0].title.startswith("Permohonan informasi")  # two matches rank first
    assert "Permohonan rahasia" not in [i.title for i in found]
    page = client.get(f"/badan/{BODY}/cari/", {"q": "memohon"}).content.decode()
    assert "<mark>Permohonan</mark> informasi" in page
    r = client.get("/api/v1/search", {"q": "mohon", "body": BODY})
    assert r.status_code == 200
    hasil = r.json()["hasil"]
    assert len(hasil) == 2 and "<mark>" in hasil[0]["judul_sorot"]
    site = client.get("/cari/", {"q": "formulir"}).content.decode()
    assert "<mark>Formulir</mark> permohonan" in site


def test_berkala_overdue_list_and_reminder(body, ppid):
    old = make(body, "Laporan triwulan", unit=Unit.objects.get(body=body, slug="dinkes"))
    fresh = make(body, "Profil")
    InformationItem.objects.filter(pk=old.pk).update(refreshed_at=timezone.now() - dt.timedelta(days=200))
    overdue = list(services.overdue_berkala(body))
    assert old in overdue and fresh not in overdue
    from terbuka.registry.jobs import remind_berkala

    mail.outbox.clear()
    remind_berkala(timezone.now())
    assert any("Laporan triwulan" in m.body for m in mail.outbox)
    n = len(mail.outbox)
    remind_berkala(timezone.now())  # once a week, not every run
    assert len(mail.outbox) == n
    services.item_refresh(actor=ppid, item=old)
    assert old not in list(services.overdue_berkala(body))


def test_attachments_through_the_archive_and_public_download(body, ppid, client):
    item = make(body, "Laporan keuangan", is_public=True)
    with pytest.raises(ValidationError):
        services.attachment_add(actor=ppid, item=item, label="x", url="javascript:alert(1)")
    upload = SimpleUploadedFile("lap.xlsx", spreadsheet.template_xlsx())
    att = services.attachment_add(actor=ppid, item=item, label="Laporan (XLSX)", file=upload)
    assert att.stored_file.sha256 and att.stored_file.kind == "dip_lampiran"
    services.attachment_add(actor=ppid, item=item, label="Situs", url="https://example.go.id/lap")
    page = client.get(f"/badan/{BODY}/dip/{item.pk}/").content.decode()
    assert "Laporan (XLSX)" in page and "https://example.go.id/lap" in page
    r = client.get(f"/badan/{BODY}/dip/{item.pk}/lampiran/{att.pk}/")
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"PK")
    hidden = make(body, "Belum terbuka")
    att2 = services.attachment_add(
        actor=ppid, item=hidden, label="x", data=spreadsheet.template_xlsx(), filename="x.xlsx"
    )
    assert client.get(f"/badan/{BODY}/dip/{hidden.pk}/lampiran/{att2.pk}/").status_code == 404
    assert client.get(f"/badan/{BODY}/dip/{hidden.pk}/").status_code == 404


def test_demo_dip_made_through_services(bodies):
    body = bodies["kota-kupang"]
    edition = demo.seed_body(body)
    assert edition.status == DipEdition.Status.PUBLISHED and edition.document is not None
    public = selectors.public_items(body)
    assert public.count() >= 30
    assert {Category.BERKALA, Category.SERTA_MERTA, Category.SETIAP_SAAT} == set(
        public.values_list("category", flat=True)
    )
    assert public.filter(attachments__stored_file__isnull=False).count() >= 5
    assert not public.filter(category=Category.DIKECUALIKAN).exists()


def test_api_public_dip_and_authenticated_item_write(client, body, users):
    from terbuka.core import services as core

    make(body, "Profil", is_public=True)
    make(body, "Internal")
    r = client.get("/api/v1/dip", {"body": BODY})
    assert r.status_code == 200
    assert [i["judul"] for i in r.json()["informasi"]] == ["Profil"]
    assert client.get("/api/v1/dip", {"body": BODY, "bentuk": "disket"}).status_code == 400
    assert client.post("/api/v1/items", "{}", content_type="application/json").status_code == 401
    _t, key = core.token_create(actor=None, user=users[f"petugas.{BODY}"])
    h = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    payload = {
        "body": BODY,
        "judul": "Data statistik",
        "kategori": "setiap_saat",
        "unit": "dinkes",
        "tahun": 2026,
    }
    r = client.post("/api/v1/items", json.dumps(payload), content_type="application/json", **h)
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    bad = client.patch(
        f"/api/v1/items/{pk}", json.dumps({"kategori": "rahasia"}), content_type="application/json", **h
    )
    assert bad.status_code == 400 and "Kategori" in bad.json()["message"]
    ok = client.patch(
        f"/api/v1/items/{pk}", json.dumps({"publik": True}), content_type="application/json", **h
    )
    assert ok.status_code == 200 and ok.json()["publik"] is True
    # another body's officer cannot see or write it
    _t2, key2 = core.token_create(actor=None, user=users["petugas.kota-serang"])
    h2 = {"HTTP_AUTHORIZATION": f"Bearer {key2}"}
    assert client.patch(f"/api/v1/items/{pk}", "{}", content_type="application/json", **h2).status_code == 404


@pytest.mark.postgresql
def test_postgresql_tolerates_a_typo_by_trigram_and_uses_the_gin_index(body):
    from django.db import connection

    make(body, "Anggaran pendapatan dan belanja daerah", is_public=True)
    assert [i.title for i in selectors.search_public("angaran pendapatan", body)] == [
        "Anggaran pendapatan dan belanja daerah"
    ]
    with connection.cursor() as cur:
        cur.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'registry_item_search_gin'")
        assert "to_tsvector('simple'" in cur.fetchone()[0]
