"""The main pages under the Content-Security-Policy in a real browser (issue 7 item 14): any violation the
browser reports (console message or securitypolicyviolation event) fails the test, and htmx still works
(a comment posted on a task page through hx-post, the form emptied by static JS)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from terbuka.sop import services as sop_services
from terbuka.sop.demo import adopt_all
from terbuka.sop.models import Sop, Task

WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(
    e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber);
});
"""


def _watch(page: Page) -> list[str]:
    seen: list[str] = []
    page.on(
        "console",
        lambda msg: (
            seen.append(msg.text) if "Content Security Policy" in msg.text or "CSP" in msg.text else None
        ),
    )
    page.add_init_script(WATCH)
    return seen


def _violations(page: Page) -> list[str]:
    return list(page.evaluate("window.__cspViolations || []"))


@pytest.mark.django_db(transaction=True)
def test_main_pages_load_without_a_csp_violation(page: Page, live_server, users):
    adopt_all()
    sop = Sop.objects.get(body__slug="kota-kupang", slug="usulan-dik")
    case = sop_services.case_start(actor=users["petugas.kota-kupang"], sop=sop, title="Usulan DIK CSP")
    task = Task.objects.filter(case=case, status="open").order_by("pk").first()
    assert task is not None
    base = live_server.url
    console = _watch(page)
    problems: dict[str, list[str]] = {}

    def visit(path: str) -> None:
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, path
        assert "script-src 'self'" in (response.headers.get("content-security-policy") or ""), path
        page.wait_for_load_state("networkidle")
        found = _violations(page) + console[:]
        console.clear()
        if found:
            problems[path] = found

    visit("/masuk/")
    page.get_by_label("Nama pengguna").fill("petugas.kota-kupang")
    page.get_by_label("Kata sandi").fill("terbuka-demo")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Ruang kerja")).to_be_visible()
    for path in (
        "/kerja/",
        f"/kerja/sop/tugas/{task.pk}/",
        "/badan/kota-kupang/",
        "/badan/kota-kupang/kalender/",
        "/kerja/token/",
        "/api/v1/docs",
    ):
        visit(path)
    # The API docs (Swagger UI, served by the product) actually rendered under the policy.
    expect(page.locator(".swagger-ui .info")).to_be_visible()

    # htmx under the policy: the comment form posts through hx-post and is emptied by static JS.
    page.goto(f"{base}/kerja/sop/tugas/{task.pk}/")
    box = page.locator("#komentar textarea, form[hx-post*='komentar'] textarea").first
    box.fill("Komentar di bawah CSP")
    page.locator("form[hx-post*='komentar'] button[type=submit]").click()
    expect(page.locator("#komentar")).to_contain_text("Komentar di bawah CSP")
    expect(page.locator("form[hx-post*='komentar'] textarea").first).to_have_value("")
    found = _violations(page) + console
    if found:
        problems["task comment"] = found

    # The language switcher (static JS, no onchange=) still switches.
    page.goto(f"{base}/badan/kota-kupang/")
    page.locator("#lang-select").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert problems == {}


@pytest.mark.django_db(transaction=True)
def test_the_dik_proposal_page_adds_rows_under_the_policy(page: Page, live_server, users, bodies):
    """The formset's "Tambah baris" was an inline <script>: now static JS (data-add-row)."""
    from terbuka.dik import services as dik_services

    rnd = dik_services.round_open(actor=users["petugas.kota-serang"], body=bodies["kota-serang"], year=2026)
    proposal = rnd.proposals.get(unit__slug="dinkes")
    console = _watch(page)
    base = live_server.url
    page.goto(f"{base}/masuk/")
    page.get_by_label("Nama pengguna").fill("ppid-pembantu.dinkes.kota-serang")
    page.get_by_label("Kata sandi").fill("terbuka-demo")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Ruang kerja")).to_be_visible()
    page.goto(f"{base}/kerja/dik/kota-serang/usulan/{proposal.pk}/")
    rows = page.locator("#baris-list fieldset")
    before = rows.count()
    total = int(page.locator("#id_baris-TOTAL_FORMS").input_value())
    page.get_by_role("button", name="Tambah baris").click()
    expect(rows).to_have_count(before + 1)
    assert int(page.locator("#id_baris-TOTAL_FORMS").input_value()) == total + 1
    assert page.locator(f"#baris-list [name='baris-{total}-title']").count() == 1
    assert _violations(page) + console == []
