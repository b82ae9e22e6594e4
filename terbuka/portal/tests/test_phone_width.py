"""Phones (issue 9 item 5): no page scrolls sideways at 375 px, public pages and the officers' main pages.

Public pages are found by following the links of the home page and of each body's page (so pages other
apps add are checked too), plus the ones only reached by a QR code or a form (verification, the calendar's
calculator). The officers' pages are the workspace, the task list, a task, a process, a document, the
archive, the notifications and the audit trail.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin, urlparse

from playwright.sync_api import Page

from terbuka.core.models import PublicBody
from terbuka.sop.demo import adopt_all

WIDTH = 375
SKIP_PREFIXES = ("/kerja/", "/admin/", "/api/", "/i18n/", "/jsi18n/", "/keluar/", "/static/", "/media/")
SKIP_SUFFIXES = (".pdf", ".docx", ".xlsx", ".csv", ".json", ".ics", ".xml")


def _overflow(page: Page) -> int:
    return page.evaluate("() => document.scrollingElement.scrollWidth")


def _culprits(page: Page) -> list[str]:
    """The widest elements sticking out on the right (to say what to fix)."""
    return page.evaluate(
        """(w) => Array.from(document.querySelectorAll('body *'))
            .filter(e => e.getBoundingClientRect().right > w + 1)
            .slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                 (typeof e.className === 'string' && e.className ? '.' + e.className : '') +
                 ' → ' + Math.round(e.getBoundingClientRect().right))""",
        WIDTH,
    )


def _check(page: Page, url: str, wide: dict[str, str]) -> None:
    response = page.goto(url)
    assert response is not None and response.status < 500, (url, response and response.status)
    width = _overflow(page)
    if width > WIDTH:
        wide[url] = f"{width}px: {_culprits(page)}"


def _public_links(page: Page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    out = []
    for href in hrefs:
        url = urljoin(page.url, href)
        parsed = urlparse(url)
        if (
            not url.startswith(base)
            or parsed.path.startswith(SKIP_PREFIXES)
            or parsed.path.endswith(SKIP_SUFFIXES)
        ):
            continue
        out.append(url.split("#")[0])
    return out


def _signed_letter(users) -> tuple[str, int]:
    from terbuka.documents import services
    from terbuka.documents.signoff import Signer
    from terbuka.documents.tests.helpers import required_only

    body = PublicBody.objects.get(slug="kota-kupang")
    stored = services.generate_document(
        actor=users["kepala-daerah.kota-kupang"],
        body=body,
        kind="surat_dinas",
        day=dt.date(2026, 3, 16),
        context=required_only("surat_dinas") | {"hal": "Usulan Daftar Informasi yang Dikecualikan 2026"},
        signers=[Signer(None, "kepala_daerah")],
        sign_now=True,
    )
    assert stored.document is not None
    return stored.document.verify_token, stored.document.pk


def test_no_page_scrolls_sideways_at_375px(page: Page, live_server, demo, users):
    adopt_all()
    token, doc_pk = _signed_letter(users)
    base = live_server.url
    page.set_viewport_size({"width": WIDTH, "height": 800})
    wide: dict[str, str] = {}

    # Public pages: crawl from the home page and each body's page (two levels), plus the QR/form targets.
    seen: set[str] = set()
    queue = [f"{base}/"] + [f"{base}/badan/{b.slug}/" for b in PublicBody.objects.filter(is_active=True)]
    queue += [
        f"{base}/masuk/",
        f"{base}/verifikasi/",
        f"{base}/verifikasi/?kode=salah",
        f"{base}/verifikasi/{token}/",
        f"{base}/badan/kota-kupang/kalender/?tahun=2026&mulai=2026-03-16&hari=10",
    ]
    depth = {u: 0 for u in queue}
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        _check(page, url, wide)
        if depth[url] < 2:
            for link in _public_links(page, base):
                if link not in seen and link not in depth:
                    depth[link] = depth[url] + 1
                    queue.append(link)
    assert len(seen) >= 20, sorted(seen)  # the crawl found the bodies' pages, SOPs and calendars

    # Officers' pages, as the PLID officer who has tasks after starting a process.
    from terbuka.sop import services as sop_services
    from terbuka.sop.models import Sop

    sop = Sop.objects.get(body__slug="kota-kupang", slug="usulan-dik")
    case = sop_services.case_start(actor=users["petugas.kota-kupang"], sop=sop, title="Usulan DIK 2026")
    task = case.tasks.filter(status="open").first()
    assert task is not None
    page.goto(f"{base}/masuk/")
    page.get_by_label("Nama pengguna").fill("ppid.kota-kupang")
    page.get_by_label("Kata sandi").fill("terbuka-demo")
    page.get_by_role("button", name="Masuk").click()
    officer_pages = [
        "/kerja/",
        "/kerja/sop/tugas/",
        f"/kerja/sop/tugas/{task.pk}/",
        f"/kerja/sop/proses/{case.pk}/",
        "/kerja/sop/badan/kota-kupang/",
        "/kerja/sop/badan/kota-kupang/usulan-dik/",
        "/kerja/sop/badan/kota-kupang/dasbor/",
        "/kerja/sop/badan/kota-kupang/terlambat/",
        "/kerja/notifikasi/",
        "/kerja/kota-kupang/audit/",
        "/kerja/dokumen/kota-kupang/",
        f"/kerja/dokumen/kota-kupang/naskah/{doc_pk}/",
        "/kerja/dokumen/kota-kupang/jenis/surat_dinas/buat/",
        "/kerja/kota-kupang/hari-libur/",
        "/kerja/kota-kupang/pelaksana/",
    ]
    for path in officer_pages:
        _check(page, base + path, wide)
    assert not wide, "Halaman melebar melebihi 375 px:\n" + "\n".join(f"{u}: {w}" for u, w in wide.items())
