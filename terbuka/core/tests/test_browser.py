"""A real browser (Debian chromium via pytest-playwright): log in and see the workspace in Indonesian."""

import re

import pytest
from playwright.sync_api import Page, expect


@pytest.mark.django_db(transaction=True)
def test_ppid_logs_in_and_sees_workspace_in_indonesian(page: Page, live_server, demo):
    page.goto(f"{live_server.url}/masuk/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    page.get_by_label("Nama pengguna").fill("ppid.kota-serang")
    page.get_by_label("Kata sandi").fill("terbuka-demo")
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(re.compile(r"/kerja/$"))
    expect(page.get_by_role("heading", name="Ruang kerja")).to_be_visible()
    expect(page.get_by_role("heading", name="Pemerintah Kota Serang")).to_be_visible()
    expect(page.get_by_role("cell", name="PPID (Utama)")).to_be_visible()
    page.get_by_role("link", name="Jejak audit").click()
    expect(page.get_by_role("heading", name=re.compile("Jejak audit"))).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_deadline_calculator_in_the_browser(page: Page, live_server, demo):
    page.goto(f"{live_server.url}/badan/kota-serang/kalender/?tahun=2026")
    page.get_by_label("Tanggal mulai").fill("2026-03-16")
    page.get_by_label("Jumlah hari kerja").fill("10")
    page.get_by_role("button", name="Hitung").click()
    expect(page.locator(".due")).to_have_text("Selasa, 7 April 2026")
    expect(page.locator(".skipped li").first).to_contain_text("Cuti Bersama Hari Suci Nyepi")
