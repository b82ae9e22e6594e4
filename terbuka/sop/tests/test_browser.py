"""Kupang's DIK SOP through its first three steps in a real browser, as the demo users who do them: the
Petugas completes step 1 and drafts step 2's letter, the Kepala Dinas signs it on the document page (once),
and a PPID Pembantu answers the fan-out for its unit."""

from __future__ import annotations

import re

from playwright.sync_api import FilePayload, Page, expect

from terbuka.core.models import PublicBody
from terbuka.core.workdays import due_from_moment, format_date_id

from ..demo import adopt_all
from ..models import Case, Task
from .engine_kit import PDF_BYTES

PDF: FilePayload = {"name": "dokumen.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}


def login(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill("terbuka-demo")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Ruang kerja")).to_be_visible()


def expected_due(task: Task) -> str:
    """The due date the calendar gives for the moment the task opened (computed, not hard-coded)."""
    body = PublicBody.objects.get(pk=task.case.body_id)
    days = task.step.duration.working_days()
    assert days is not None
    _receipt, due = due_from_moment(task.opened_at, body, days)
    closes = body.office_closes.strftime("%H.%M")
    return f"{format_date_id(due.date, weekday=True)} pukul {closes} {body.tz_label}"


def attach_all(page: Page) -> None:
    for field in page.locator("input[type=file]").all():
        field.set_input_files(PDF)


def open_from_inbox(page: Page, base: str, step_no: int) -> None:
    page.goto(f"{base}/kerja/sop/tugas/")
    page.get_by_role("link", name=re.compile(rf"^{step_no}\. ")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Langkah {step_no}:")


def test_kupang_first_three_steps(page: Page, live_server, demo):
    adopt_all()
    base = live_server.url

    # 1. the PLID officer starts the case and completes step 1
    login(page, base, "petugas.kota-kupang")
    page.goto(f"{base}/kerja/sop/badan/kota-kupang/usulan-dik/mulai/")
    page.get_by_label("Judul proses").fill("Usulan DIK 2026")
    page.get_by_role("button", name="Mulai").click()
    expect(page.get_by_role("heading", name="Usulan DIK 2026")).to_be_visible()
    case = Case.objects.get(title="Usulan DIK 2026")
    step1 = case.tasks.get(step_no=1)
    open_from_inbox(page, base, 1)
    expect(page.locator("#batas-waktu [data-due]")).to_have_text(expected_due(step1))
    attach_all(page)
    page.get_by_role("button", name="Selesai").click()
    expect(page.locator(".messages")).to_contain_text("Tugas selesai.")

    # 2. the Petugas drafts the letter of the paraf step and sends it up
    step2 = case.tasks.get(step_no=2, status=Task.Status.OPEN)
    assert step2.phase == "konsep"
    open_from_inbox(page, base, 2)
    expect(page.locator("#batas-waktu [data-due]")).to_have_text(expected_due(step2))
    page.get_by_label("Kepada (Yth.) *").fill("PPID Pembantu di lingkungan Pemerintah Kota Kupang")
    page.get_by_label("Hal *").fill("Usulan Daftar Informasi yang Dikecualikan 2026")
    page.get_by_label("Isi (satu paragraf per baris) *").fill("Mohon usulan DIK unit Saudara.")
    page.get_by_role("button", name="Buat konsep").click()
    expect(page.locator(".messages")).to_contain_text("Konsep naskah dibuat")
    page.get_by_role("button", name="Kirim", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Tugas selesai.")

    # ... and the head of the agency signs it once, on the document; the step completes with it
    login(page, base, "kepala-dinas.kota-kupang")
    sign = case.tasks.get(step_no=2, status=Task.Status.OPEN)
    assert sign.phase == "paraf" and sign.role == "kepala_dinas"
    open_from_inbox(page, base, 2)
    page.locator(".chain a.btn").click()
    page.locator("form[action$='/tandatangani/'] input[name=setuju]").first.check()
    page.locator("form[action$='/tandatangani/'] button[type=submit]").first.click()
    expect(page.locator(".messages")).to_be_visible()
    sign.refresh_from_db()
    assert sign.status == Task.Status.DONE and sign.completed_by is not None
    assert sign.completed_by.username == "kepala-dinas.kota-kupang"
    letter = sign.outputs.get().document
    assert letter is not None and letter.status == "final"

    # 3. one PPID Pembantu fills its unit's proposal as rows (issue #10), then answers the fan-out
    login(page, base, "ppid-pembantu.dinkes.kota-kupang")
    mine = case.tasks.get(step_no=3, unit__slug="dinkes")
    open_from_inbox(page, base, 3)
    expect(page.locator("#batas-waktu [data-due]")).to_have_text(expected_due(mine))
    page.get_by_role("button", name="Selesai").click()  # nothing proposed yet: refused, with the reason
    expect(page.get_by_role("alert")).to_contain_text("Isi usulan unit")
    page.get_by_role("link", name="Buka halaman kerja").click()
    rows = page.locator("fieldset.row-form")
    first = rows.nth(0)
    first.get_by_label("Informasi", exact=True).fill("Rekam medis pasien RSUD")
    first.get_by_label("Huruf Pasal 17", exact=True).select_option("h")
    first.get_by_label("Angka", exact=True).fill("2")
    first.get_by_label("Konsekuensi bila dibuka").fill("Mengungkap riwayat kesehatan pribadi")
    first.get_by_label("Pertimbangan bila ditutup").fill("Melindungi hak pribadi pasien")
    first.get_by_label("Jangka waktu", exact=True).select_option("selama_diperlukan")
    first.get_by_label("Tanggal peninjauan (ditetapkan pimpinan)").fill("2028-12-31")
    page.get_by_role("button", name="Tambah baris").click()  # a second, empty row (static JS, under the CSP)
    expect(rows).to_have_count(2)
    page.get_by_role("button", name="Simpan dan kirim usulan").click()
    # saving the rows sends the proposal: the unit's fan-out task completes with it
    expect(page.locator(".messages")).to_contain_text("Usulan unit dikirim ke PPID.")
    expect(page.locator("table.dik")).to_contain_text("Rekam medis pasien RSUD")
    mine.refresh_from_db()
    assert mine.status == Task.Status.DONE
    # the other units still have their step-3 tasks open, with the same due date
    others = case.tasks.filter(step_no=3, status=Task.Status.OPEN)
    assert others.count() >= 1 and set(others.values_list("due_date", flat=True)) == {mine.due_date}
    page.goto(f"{base}/kerja/sop/proses/{case.pk}/")
    assert mine.due_date is not None
    for row in page.locator("tr[data-step='3'][data-status='open'] [data-due]").all():
        expect(row).to_have_text(expected_due(mine))
