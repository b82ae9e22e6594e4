"""Public pages of a body's DIP: what they show, the page cache (hit, invalidated by a change, never for a
signed-in user, the CSRF token not shared), and flat query counts whatever the number of items."""

from __future__ import annotations

import pytest

from terbuka.core.models import Unit
from terbuka.registry import services
from terbuka.registry.models import Category

BODY = "kota-bontang"
PAGES = [
    f"/badan/{BODY}/",
    f"/badan/{BODY}/dip/",
    f"/badan/{BODY}/dip/?tahun=2026&bentuk=softcopy",
    f"/badan/{BODY}/cari/?q=laporan+keuangan",
    "/cari/?q=anggaran",
    f"/badan/{BODY}/dip.json",
    f"/badan/{BODY}/dip.csv",
    f"/badan/{BODY}/dip.xlsx",
    f"/badan/{BODY}/dip/edisi/",
]


def fill(body, n):
    dinkes = Unit.objects.get(body=body, slug="dinkes")
    cats = [Category.BERKALA, Category.SERTA_MERTA, Category.SETIAP_SAAT]
    for k in range(n):
        services.item_create(
            actor=None,
            body=body,
            title=f"Laporan keuangan dan anggaran {k}",
            category=cats[k % 3],
            unit=dinkes if k % 2 else None,
            year=2025 + k % 2,
            form="softcopy",
            is_public=True,
        )


@pytest.mark.parametrize("url", PAGES)
def test_query_count_is_flat(client, bodies, url, django_assert_max_num_queries):
    body = bodies[BODY]
    fill(body, 3)
    with django_assert_max_num_queries(12) as small:
        assert client.get(url, HTTP_CACHE_CONTROL="no-cache").status_code == 200
    fill(body, 30)
    with django_assert_max_num_queries(len(small.captured_queries)) as _big:
        assert client.get(url).status_code == 200  # a miss again: the change bumped the version
    with django_assert_max_num_queries(0):  # cached: served before any query (versions are files)
        r = client.get(url)
        assert r["X-Terbuka-Cache"] == "hit"
    if url.endswith((".csv", ".xlsx")):  # a download stays a download when served from the cache
        assert r["Content-Disposition"].startswith("attachment;")


def test_dip_page_filters_and_item_page(client, bodies):
    body = bodies[BODY]
    dinkes = Unit.objects.get(body=body, slug="dinkes")
    a = services.item_create(
        actor=None,
        body=body,
        title="Profil Dinkes",
        category="berkala",
        unit=dinkes,
        year=2026,
        form="softcopy",
        is_public=True,
    )
    services.item_create(
        actor=None,
        body=body,
        title="Peta banjir",
        category="serta_merta",
        year=2025,
        form="hardcopy",
        is_public=True,
    )
    services.item_create(actor=None, body=body, title="Rekam medis", category="dikecualikan")
    page = client.get(f"/badan/{BODY}/dip/").content.decode()
    assert "Profil Dinkes" in page and "Peta banjir" in page and "Rekam medis" not in page
    page = client.get(f"/badan/{BODY}/dip/", {"unit": "dinkes"}).content.decode()
    assert "Profil Dinkes" in page and "Peta banjir" not in page
    page = client.get(f"/badan/{BODY}/dip/", {"tahun": "2025"}).content.decode()
    assert "Peta banjir" in page and "Profil Dinkes" not in page
    page = client.get(f"/badan/{BODY}/dip/", {"bentuk": "hardcopy"}).content.decode()
    assert "Peta banjir" in page and "Profil Dinkes" not in page
    assert client.get(f"/badan/{BODY}/dip/", {"tahun": "abc"}).status_code == 400
    item = client.get(f"/badan/{BODY}/dip/{a.pk}/").content.decode()
    assert "Profil Dinkes" in item and "Dinas Kesehatan" in item
    data = client.get(f"/badan/{BODY}/dip.json").json()
    assert {i["judul"] for i in data["informasi"]} == {"Profil Dinkes", "Peta banjir"}
    csv = client.get(f"/badan/{BODY}/dip.csv").content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("ID,Judul Informasi")
    from terbuka.portal.models import BodyPage

    BodyPage.objects.create(body=body, charter="Kami sanggup melayani", hours_note="Istirahat 12.00")
    home = client.get(f"/badan/{BODY}/").content.decode()
    assert "Daftar Informasi Publik (DIP)" in home and "Kami sanggup melayani" in home
    assert "Istirahat 12.00" in home and "Lihat DIP (2 informasi)" in home


def test_cache_is_invalidated_by_a_change_and_skipped_for_signed_in_users(client, bodies, users):
    body = bodies[BODY]
    item = services.item_create(
        actor=None, body=body, title="Jadwal posyandu", category="berkala", is_public=True
    )
    url = f"/badan/{BODY}/dip/"
    assert client.get(url)["X-Terbuka-Cache"] == "miss"
    first = client.get(url)
    assert first["X-Terbuka-Cache"] == "hit"
    services.item_update(actor=None, item=item, title="Jadwal posyandu 2026")
    r = client.get(url)
    assert r["X-Terbuka-Cache"] == "miss" and "Jadwal posyandu 2026" in r.content.decode()
    # the CSRF token in a cached page is the visitor's own
    other = client.__class__()
    hit = other.get(url)
    assert hit["X-Terbuka-Cache"] == "hit"
    token = other.cookies["csrftoken"].value if "csrftoken" in other.cookies else None
    assert "__TERBUKA_CSRF__" not in hit.content.decode() and token is not None
    client.force_login(users[f"petugas.{BODY}"])
    assert "X-Terbuka-Cache" not in client.get(url)
