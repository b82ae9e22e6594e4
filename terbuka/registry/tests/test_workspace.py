"""The registry in the workspace: officers create and edit items with Indonesian forms, import is refused
whole with row/column errors, editions are set and published from their page; outsiders get 404."""

from __future__ import annotations

import io

from terbuka.registry import spreadsheet
from terbuka.registry.models import DipEdition, InformationItem

BODY = "kota-bontang"


def test_officer_creates_edits_and_publishes_through_the_workspace(client, users):
    client.force_login(users[f"petugas.{BODY}"])
    assert f'href="/kerja/dip/{BODY}/"' in client.get("/kerja/").content.decode()
    assert "Catat informasi baru" in client.get(f"/kerja/dip/{BODY}/").content.decode()
    r = client.post(f"/kerja/dip/{BODY}/baru/", {"title": "", "category": "berkala", "form": "softcopy"})
    assert r.status_code == 400 and 'id="id_title"' in r.content.decode()
    assert not InformationItem.objects.filter(body__slug=BODY, title="").exists()
    r = client.post(
        f"/kerja/dip/{BODY}/baru/", {"title": "Profil PPID", "category": "berkala", "form": "softcopy"}
    )
    assert r.status_code == 302
    item = InformationItem.objects.get(body__slug=BODY, title="Profil PPID")
    r = client.post(
        f"/kerja/dip/{BODY}/informasi/{item.pk}/",
        {"title": "Profil PPID 2026", "category": "berkala", "form": "softcopy", "year": "2026"},
    )
    assert r.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.year) == ("Profil PPID 2026", 2026)
    r = client.post(
        f"/kerja/dip/{BODY}/informasi/{item.pk}/lampiran/", {"label": "Situs", "url": "https://x.go.id/a"}
    )
    assert item.attachments.count() == 1
    # a draft edition, the PPID sets it, the petugas publishes it
    client.post(f"/kerja/dip/{BODY}/edisi/baru/")
    edition = DipEdition.objects.get(body__slug=BODY, status="draft")
    client.post(f"/kerja/dip/{BODY}/edisi/{edition.number}/masukkan/", {"item": item.pk})
    r = client.post(f"/kerja/dip/{BODY}/edisi/{edition.number}/tetapkan/", {})
    edition.refresh_from_db()
    assert edition.status == "draft"  # the petugas may not set it
    client.force_login(users[f"ppid.{BODY}"])
    client.post(
        f"/kerja/dip/{BODY}/edisi/{edition.number}/tetapkan/", {"decree_number": "", "decree_date": ""}
    )
    edition.refresh_from_db()
    assert edition.status == "ditetapkan" and edition.decree_number
    client.post(f"/kerja/dip/{BODY}/edisi/{edition.number}/umumkan/")
    item.refresh_from_db()
    assert item.is_public
    page = client.get(f"/kerja/dip/{BODY}/edisi/{edition.number}/").content.decode()
    assert "Profil PPID 2026" in page and edition.decree_number in page


def test_import_in_the_workspace_names_errors_and_changes_nothing(client, users):
    client.force_login(users[f"petugas.{BODY}"])
    t = client.get(f"/kerja/dip/{BODY}/templat.xlsx")
    assert t.status_code == 200 and t.content.startswith(b"PK")
    csv_bad = ("\n".join([",".join(spreadsheet.HEADERS), ",Judul,,,,,,,,,Rahasia,"])).encode()
    before = InformationItem.objects.count()
    bad = io.BytesIO(csv_bad)
    bad.name = "dip.csv"
    r = client.post(f"/kerja/dip/{BODY}/impor/", {"file": bad, "to_draft": "on"})
    body = r.content.decode()
    assert r.status_code == 400 and "Baris 2, kolom Kategori" in body
    assert InformationItem.objects.count() == before
    csv_ok = csv_bad.replace(b"Rahasia", b"Berkala")
    f = io.BytesIO(csv_ok)
    f.name = "dip.csv"
    r = client.post(f"/kerja/dip/{BODY}/impor/", {"file": f, "to_draft": "on"})
    assert r.status_code == 302
    assert DipEdition.objects.get(body__slug=BODY, status="draft").entries.count() == 1


def test_outsiders_do_not_see_the_workspace(client, users):
    client.force_login(users["petugas.kota-serang"])
    assert client.get(f"/kerja/dip/{BODY}/").status_code == 404
