"""In a real browser: a PPID Pembantu fills its unit's proposal as rows (two rows, one added with the button,
one refused first and corrected), and the public sees the decreed DIK of Kota Serang."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect

from terbuka.core.models import PublicBody
from terbuka.dik import demo as dik_demo
from terbuka.dik import services
from terbuka.dik.models import Entry, Status, UnitProposal
from terbuka.sop.demo import adopt_all
from terbuka.sop.tests.test_browser import login


def _fill(page: Page, n: int, title: str, letter: str, point: str, kind: str, **period: str) -> None:
    row = page.locator("fieldset.row-form").nth(n - 1)
    row.locator("input[name$='-title']").fill(title)
    row.locator("select[name$='-ground_letter']").select_option(letter)
    row.locator("input[name$='-ground_point']").fill(point)
    row.locator("textarea[name$='-consequence']").fill(f"Bahaya bila dibuka: {title.lower()}")
    row.locator("textarea[name$='-consideration']").fill("Kepentingan yang dilindungi lebih besar")
    row.locator("select[name$='-period_kind']").select_option(kind)
    for name, value in period.items():
        row.locator(f"[name$='-{name}']").fill(value)


def test_a_unit_officer_fills_rows_and_the_public_sees_the_dik(page: Page, live_server, demo):
    adopt_all()
    body = PublicBody.objects.get(slug="kota-serang")
    base = live_server.url
    rnd = services.round_open(actor=None, body=body, year=2026, deadline=dt.date(2099, 1, 31))
    prop = rnd.proposals.get(unit__slug="disdik")

    login(page, base, "ppid-pembantu.disdik.kota-serang")
    page.goto(f"{base}/kerja/dik/kota-serang/putaran/{rnd.pk}/")
    page.get_by_role("link", name="Isi/ubah usulan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dinas Pendidikan dan Kebudayaan")
    _fill(page, 1, "Hasil tes psikologi peserta didik", "h", "4", "tahun", years="5", start="2026-03-16")
    page.get_by_role("button", name="Tambah baris").click()
    # letter a for 40 years: refused, nothing saved, the row is named
    _fill(page, 2, "Berkas pemeriksaan kasus perundungan", "a", "2", "tahun", years="40", start="2026-03-16")
    page.get_by_role("button", name="Simpan dan kirim usulan").click()
    expect(page.locator(".errors")).to_contain_text("Baris 2: Pasal 17 huruf a paling lama 30 tahun")
    assert not Entry.objects.filter(proposal=prop).exists()
    page.locator("fieldset.row-form").nth(1).locator("input[name$='-years']").fill("10")
    page.get_by_role("button", name="Simpan dan kirim usulan").click()
    expect(page.locator("#status-usulan")).to_have_text("Mengusulkan")
    prop.refresh_from_db()
    assert prop.state == UnitProposal.State.DIAJUKAN
    assert sorted(prop.entries.values_list("ground_letter", "period_years")) == [("a", 10), ("h", 5)]
    page.screenshot(path="/tmp/dik-proposal.png", full_page=True)

    # the public (not logged in) sees Kota Serang's decreed DIK, made by running its SOP
    dik_demo.run_proposal_round(body)
    page.context.clear_cookies()
    page.goto(f"{base}/badan/kota-serang/")
    page.get_by_role("link", name="Daftar Informasi yang Dikecualikan (DIK)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Daftar Informasi yang Dikecualikan")
    from terbuka.dik.selectors import current_decree

    decree = current_decree(body)
    assert decree is not None
    expect(page.locator("#nomor-sk")).to_have_text(decree.register_number)
    rows = page.locator("table.dik tbody tr")
    expect(rows).to_have_count(Entry.objects.filter(body=body, status=Status.DITETAPKAN).count())
    expect(page.locator("table.dik")).to_contain_text("Rekam medis pasien Puskesmas dan RSUD")
    expect(page.locator("table.dik")).to_contain_text("Pasal 17 huruf h angka 2 UU 14/2008")
    page.screenshot(path="/tmp/dik-public.png", full_page=True)

    # the team's session page shows each decision and the signed documents
    from terbuka.dik.models import ConsequenceTest

    test = ConsequenceTest.objects.filter(body=body).latest("pk")
    login(page, base, "tim-uji.kota-serang")
    page.goto(f"{base}/kerja/dik/kota-serang/uji/{test.pk}/")
    expect(page.locator("#status-sesi")).to_have_text("Selesai")
    expect(page.locator("main, body").first).to_contain_text("Keputusan: Dikecualikan sebagian")
    expect(page.locator("main, body").first).to_contain_text("Keputusan: Tidak dikecualikan")
    page.screenshot(path="/tmp/dik-test.png", full_page=True)
    page.goto(f"{base}/kerja/dik/kota-serang/")
    page.screenshot(path="/tmp/dik-register.png", full_page=True)
