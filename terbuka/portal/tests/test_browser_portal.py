"""The portal in a real browser (Debian chromium): a citizen searches a body's DIP and opens an item; axe-core
(vendored, tests only) finds no serious or critical WCAG 2.1 A/AA violation on the public pages; nothing
scrolls sideways at 375 px; the print stylesheet hides navigation."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
BODY = "kabupaten-serang"
SHOTS = Path(__file__).resolve().parents[3] / "bench" / "out" / "portal"


@pytest.fixture
def dip(demo):
    from terbuka.core.models import PublicBody
    from terbuka.portal.demo import seed_demo_portal
    from terbuka.registry.demo import seed_body

    seed_demo_portal()
    return seed_body(PublicBody.objects.get(slug=BODY))


def axe_violations(page: Page) -> list[dict]:
    # axe is injected through the DevTools protocol (evaluate), which the page's Content-Security-Policy does
    # not govern: the product itself never allows inline script, and this test tool needs no exception in it.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }"""
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def no_sideways_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"))


@pytest.mark.django_db(transaction=True)
def test_citizen_searches_opens_an_item_and_pages_pass_axe(page: Page, live_server, dip):
    SHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    page.goto(f"{base}/badan/{BODY}/")
    expect(page.get_by_role("heading", name="Daftar Informasi Publik (DIP)")).to_be_visible()
    expect(page.get_by_role("heading", name="Maklumat pelayanan")).to_be_visible()
    # search with another form of the word: "keuangan" is stemmed to "uang" like the title's "keuangan"
    page.get_by_label("Cari informasi di badan publik ini").fill("laporan keuangan")
    page.get_by_role("button", name="Cari").click()
    expect(page.get_by_role("status")).to_contain_text("hasil")
    first = page.locator("ol.results li a").first
    expect(first.locator("mark").first).to_be_visible()
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.screenshot(path=str(SHOTS / "item.png"), full_page=True)
    pages = [
        f"/badan/{BODY}/",
        f"/badan/{BODY}/dip/",
        f"/badan/{BODY}/dip/?tahun=2026",
        f"/badan/{BODY}/cari/?q=permohonan",
        "/cari/?q=anggaran",
        f"/badan/{BODY}/dip/edisi/",
        page.url.replace(base, ""),
    ]
    problems = {}
    for url in pages:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(base + url)
        found = axe_violations(page)
        if found:
            problems[url] = found
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(base + url)
        assert no_sideways_scroll(page), f"{url} scrolls sideways at 375 px"
    page.goto(f"{base}/badan/{BODY}/dip/")
    page.screenshot(path=str(SHOTS / "dip-375.png"), full_page=True)
    assert problems == {}
    # the check can fail: an image without a text alternative is a critical violation
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
    assert "image-alt" in [v["id"] for v in axe_violations(page)]


@pytest.mark.django_db(transaction=True)
def test_dip_prints_without_navigation(page: Page, live_server, dip):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{live_server.url}/badan/{BODY}/dip/")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("form.filters")).to_be_hidden()
    expect(page.get_by_role("heading", name="Informasi berkala")).to_be_visible()
    pdf = page.pdf(format="A4")
    (SHOTS / "dip-print.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
