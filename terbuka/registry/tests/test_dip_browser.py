"""In a real browser: a PPID Pembantu of Kabupaten Serang proposes its unit's DIP items as rows on the task
page of seed 003 (one row added with the button, a bad year refused naming row and column, then corrected)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from terbuka.registry.models import InformationItem
from terbuka.registry.tests.test_dip_sop import BODY, start_round
from terbuka.sop.tests.test_browser import login


def test_a_unit_proposes_dip_items_as_rows(page: Page, live_server, users, bodies):
    case, edition, fan = start_round(users, bodies)
    task = fan[0]
    base = live_server.url
    login(page, base, f"ppid-pembantu.{task.unit.slug}.{BODY}")
    page.goto(f"{base}/kerja/sop/tugas/{task.pk}/")
    rows = page.locator("fieldset.row-form")
    rows.nth(0).locator("input[name$='-judul']").fill("Rencana strategis unit")
    rows.nth(0).locator("select[name$='-kategori']").select_option("Berkala")
    page.get_by_role("button", name="Tambah baris").click()
    rows.nth(1).locator("input[name$='-judul']").fill("Jadwal pelayanan")
    rows.nth(1).locator("input[name$='-tahun']").fill("dua ribu")
    page.get_by_label("Sertakan informasi unit yang sudah tercatat (bukan yang dikecualikan)").uncheck()
    page.get_by_role("button", name="Selesai").click()
    expect(page.locator(".errors")).to_contain_text("Baris 2, kolom Tahun: 'dua ribu' tidak sah")
    assert not InformationItem.objects.filter(source_ref=f"sop.case:{case.pk}").exists()
    page.screenshot(path="/tmp/rv-dip/dip-usulan.png", full_page=True)
    page.locator("fieldset.row-form").nth(1).locator("input[name$='-tahun']").fill("2026")
    page.get_by_role("button", name="Selesai").click()
    expect(page.get_by_text("Tugas selesai.")).to_be_visible()
    titles = set(
        InformationItem.objects.filter(source_ref=f"sop.case:{case.pk}").values_list("title", flat=True)
    )
    assert titles == {"Rencana strategis unit", "Jadwal pelayanan"}
    assert edition.entries.count() == 2
