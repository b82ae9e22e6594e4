"""A citizen submits a request on the public form in a real browser (desktop and a 375 px phone), the
proof of work runs in the page's own script, and the status page leads to the signed answer letter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import override_settings
from playwright.sync_api import Page, expect

from terbuka.core.models import User
from terbuka.documents import services as docs
from terbuka.requests import services
from terbuka.requests.models import InformationRequest

from .kit import KALBAR

SHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"


def _fill(page: Page, name: str) -> None:
    page.get_by_label("Nama lengkap").fill(name)
    page.get_by_label("Nomor NIK (16 angka) atau nomor akta pendirian badan hukum").fill("6171015208900001")
    page.get_by_label(re.compile(r"^Alamat( \*)?$")).fill("Jl. Gajah Mada No. 5, Pontianak")
    page.get_by_label("Nomor telepon").fill("0812-5555-0101")
    page.get_by_label("Informasi yang dibutuhkan").fill("Salinan LRA Diskominfo 2025")
    page.get_by_label("Tujuan penggunaan informasi").fill("Bahan liputan")
    page.get_by_label("mendapatkan salinan softcopy").check()
    page.get_by_label("surel", exact=True).check()


@pytest.mark.django_db(transaction=True)
def test_citizen_submits_and_follows_status_to_the_answer_letter(page: Page, live_server, demo):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with override_settings(TERBUKA_REQUEST_POW_BITS=12):
        page.goto(f"{live_server.url}/badan/{KALBAR}/")
        page.get_by_role("link", name="Ajukan permohonan informasi").click()
        expect(page.get_by_role("heading", name="Permohonan informasi publik")).to_be_visible()
        _fill(page, "Rina Kurniawati")
        expect(page.locator("[data-pow-status]")).to_have_text("Siap dikirim.", timeout=60_000)
        page.screenshot(path=str(SHOTS / "permohonan-baru.png"), full_page=True)
        page.get_by_role("button", name="Kirim permohonan").click()
        expect(page).to_have_url(re.compile(r"/permohonan/PI-\d+-\d{4}-\d{4}/\?kode="))
    status_url = page.url
    expect(page.get_by_role("heading", name=re.compile(r"Permohonan PI-"))).to_be_visible()
    expect(page.get_by_text("Pemberitahuan tertulis kepada pemohon")).to_be_visible()
    expect(page.get_by_text(re.compile("Batas waktu:"))).to_be_visible()
    expect(page.get_by_text("************0001")).to_be_visible()

    # The desk answers: decision, the written notice signed by the PPID, sent.
    req = InformationRequest.objects.get(name="Rina Kurniawati")
    petugas = User.objects.get(username=f"petugas.{KALBAR}")
    services.request_decide(actor=petugas, request=req, outcome="diberikan")
    notice = services.request_draft_notice(actor=petugas, request=req)
    docs.document_sign(actor=User.objects.get(username=f"ppid.{KALBAR}"), document=notice)
    services.request_answered(actor=petugas, request=req)

    page.goto(status_url)
    expect(page.locator("[data-status]")).to_have_text("sudah dijawab")
    with page.expect_download() as download:
        page.get_by_role("link", name="Jawaban permohonan").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"%PDF-") or data.startswith(b"PK")
    page.screenshot(path=str(SHOTS / "permohonan-status.png"), full_page=True)
    with page.expect_download() as receipt:
        page.get_by_role("link", name="Unduh tanda terima (PDF)").click()
    assert Path(receipt.value.path()).read_bytes().startswith(b"%PDF-")


@pytest.mark.django_db(transaction=True)
def test_phone_sized_screen(browser, live_server, demo):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    with override_settings(TERBUKA_REQUEST_POW_BITS=12):
        page.goto(f"{live_server.url}/badan/{KALBAR}/permohonan/baru/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        _fill(page, "Yohanes Tallo")
        expect(page.locator("[data-pow-status]")).to_have_text("Siap dikirim.", timeout=60_000)
        page.screenshot(path=str(SHOTS / "permohonan-baru-375.png"), full_page=True)
        page.get_by_role("button", name="Kirim permohonan").click()
        expect(page).to_have_url(re.compile(r"/permohonan/PI-"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    expect(page.get_by_role("heading", name=re.compile(r"Permohonan PI-"))).to_be_visible()
    page.screenshot(path=str(SHOTS / "permohonan-status-375.png"), full_page=True)
    context.close()
