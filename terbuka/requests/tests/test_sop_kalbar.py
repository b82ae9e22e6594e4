"""Kalimantan Barat's SOP 004 end to end with the demo users, on both branches of its decision (step 4):
answered from the DIP (Tidak), refused from the DIK (Ya), given in part with a redacted PDF, and a request in
neither list waiting for the consequence test."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from terbuka.core import clocks
from terbuka.documents import services as docs
from terbuka.documents.models import Classification
from terbuka.registry import services as registry
from terbuka.requests import consequence, redaction, services
from terbuka.requests.models import InformationRequest, Outcome
from terbuka.sop.engine import ENGINE
from terbuka.sop.models import Case, Task
from terbuka.sop.tests.engine_kit import complete, open_tasks

from .kit import KALBAR, adopt_kalbar, form

SECRET_WORD = "Rahasiapribadi"


@pytest.fixture
def kalbar(bodies):
    adopt_kalbar(bodies[KALBAR])
    return bodies[KALBAR]


def _task(case: Case, no: int) -> Task:
    tasks = [t for t in open_tasks(case) if t.step_no == no]
    assert tasks, f"step {no} is not open: {[t.step_no for t in open_tasks(case)]}"
    return tasks[0]


def _start(kalbar, users):
    petugas = users[f"petugas.{KALBAR}"]
    req, _secret = services.request_submit(body=kalbar, data=form())
    case = services.request_start_process(actor=petugas, request=req)
    complete(_task(case, 1), actor=petugas)
    unit = ENGINE.fanout_units(kalbar, "ppid_pembantu")[0]
    complete(_task(case, 2), unit=unit, data={"catatan": "Dikoordinasikan dengan unit"})
    step3 = _task(case, 3)
    assert step3.unit_id == unit.pk  # routed to that unit's PPID Pembantu
    req.refresh_from_db()
    assert req.unit_id == unit.pk and req.status == InformationRequest.Status.DIPROSES
    return req, case, petugas, unit


def _answer_and_close(req, case, users, outcome, **decide):
    petugas, ppid = users[f"petugas.{KALBAR}"], users[f"ppid.{KALBAR}"]
    step8 = _task(case, 8)
    with pytest.raises(ValidationError, match=r"Surat jawaban belum|keputusan harus"):
        complete(step8, actor=petugas)
    services.request_decide(actor=petugas, request=req, outcome=outcome, **decide)
    notice = services.request_draft_notice(actor=petugas, request=req)
    docs.document_sign(actor=ppid, document=notice)
    complete(_task(case, 8), actor=petugas)
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.DIJAWAB and req.answered_at
    assert services.notice_clock(req).status == "stopped"
    assert not clocks.is_late(services.notice_clock(req))
    assert clocks.get(req, "pengajuan_keberatan") is not None  # the objection window opened
    complete(_task(case, 9), actor=petugas, data={"cara_penyerahan": "Surel", "tanda_terima": True})
    complete(_task(case, 10), actor=petugas)
    case.refresh_from_db()
    req.refresh_from_db()
    assert case.status == Case.Status.DONE
    assert req.status == InformationRequest.Status.SELESAI and req.receipt_by_requester
    return req


def test_answered_from_the_dip_on_the_tidak_branch(kalbar, users):
    req, case, petugas, unit = _start(kalbar, users)
    item = registry.item_create(
        actor=None, body=kalbar, title="LRA Diskominfo 2025", category="berkala", is_public=True, unit=unit
    )
    complete(_task(case, 3), data={"dasar": "dip", "informasi_dip": item.pk})
    with pytest.raises(ValidationError, match="jawab Tidak"):
        complete(_task(case, 4), decision=True)
    complete(_task(case, 4), decision=False)
    assert [t.step_no for t in open_tasks(case)] == [8]
    req.refresh_from_db()
    with pytest.raises(ValidationError, match="Penolakan harus berdasar"):
        services.request_decide(actor=petugas, request=req, outcome=Outcome.DITOLAK, refusal_ground="x")
    req = _answer_and_close(req, case, users, Outcome.DIBERIKAN)
    assert req.notice.kind == "pemberitahuan_tertulis" and req.notice.number
    assert "Diterima seluruhnya" in str(req.notice.context["butir"])


def _closed_entry(body, users, title: str):
    """A DIK entry decided exempt by a proactive consequence test (the DIK app's own services)."""
    import datetime as dt

    from terbuka.dik import services as dik
    from terbuka.dik.periods import Period, PeriodKind

    tim = users[f"tim-uji.{KALBAR}"]
    period = Period(PeriodKind.SELAMA_DIPERLUKAN, review_on=dt.date(2031, 4, 6))
    entry = dik.entry_propose(
        actor=None, body=body, unit=None, title=title, ground_letter="h", ground_point=2,
        consequence="Mengungkap riwayat kesehatan pegawai", consideration="Privasi", period=period,
    )  # fmt: skip
    test = dik.consequence_test_open(
        actor=None, body=body, held_on=dt.date(2026, 3, 2), place="Ruang rapat", team=[tim], entries=[entry]
    )
    dik.test_item_decide(
        actor=tim, item=test.items.get(), decision="dikecualikan", basis_ok=True,
        harm="Mengungkap riwayat kesehatan", public_interest="Privasi pegawai", period=period,
    )  # fmt: skip
    dik.consequence_test_close(actor=tim, test=test)
    entry.refresh_from_db()
    return entry


def test_refused_from_the_dik_on_the_ya_branch(kalbar, users, client):
    from django.urls import reverse

    from terbuka.core.people import holders_of

    entry = _closed_entry(kalbar, users, "Hasil pemeriksaan kesehatan pegawai")
    req, case, petugas, unit = _start(kalbar, users)
    # Step 3's page offers the DIK entries, the best match for the requested information first.
    client.force_login(holders_of(kalbar, "ppid_pembantu", unit)[0])
    page = client.get(reverse("sop:task", args=[_task(case, 3).pk])).content.decode()
    assert f'value="dik.entry:{entry.pk}"' in page and "Pasal 17 huruf h" in page
    with pytest.raises(ValidationError, match="tidak ada atau tidak sedang dikecualikan"):
        complete(_task(case, 3), data={"dasar": "dik", "entri_dik": "dik.entry:999999"})
    complete(_task(case, 3), data={"dasar": "dik", "entri_dik": f"dik.entry:{entry.pk}"})
    with pytest.raises(ValidationError, match="jawab Ya"):
        complete(_task(case, 4), decision=False, note="bukan")
    complete(_task(case, 4), decision=True)
    for no in (5, 6, 7):
        complete(_task(case, no))
    req.refresh_from_db()
    assert req.superior_approved_at is not None
    services.request_decide(actor=petugas, request=req, outcome=Outcome.DIBERIKAN)
    with pytest.raises(ValidationError, match="keputusan harus ditolak"):
        complete(_task(case, 8), actor=petugas)
    req.refresh_from_db()
    req = _answer_and_close(
        req, case, users, Outcome.DITOLAK, refusal_ground="Pasal 17 huruf h: mengungkap rahasia pribadi"
    )
    assert req.notice.kind == "sk_penolakan" and req.notice.register_number
    cited = " ".join(req.notice.context["alasan"])
    assert "Hasil pemeriksaan kesehatan pegawai" in cited and "Pasal 17 huruf h" in cited


def _pdf_with_secret() -> bytes:
    from weasyprint import HTML

    html = (
        "<html><body style='font-family:sans-serif;font-size:14pt'>"
        "<p style='position:absolute;top:20mm'>Laporan kegiatan bidang informasi publik 2025</p>"
        f"<p style='position:absolute;top:60mm'>Nama saksi: {SECRET_WORD} Budiman NIK 6171015208900001</p>"
        "</body></html>"
    )
    return HTML(string=html).write_pdf()


def _text(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout


def test_given_in_part_with_a_redacted_copy_text_really_removed(kalbar, users, tmp_path):
    from PIL import Image

    req, case, petugas, _unit = _start(kalbar, users)
    complete(_task(case, 3), data={"dasar": "dik", "entri_dik": "DIK 2025 no. 7 (data pribadi)"})
    complete(_task(case, 4), decision=True)
    for no in (5, 6, 7):
        complete(_task(case, no))
    original = _pdf_with_secret()
    assert SECRET_WORD in _text(original)
    req.refresh_from_db()
    with pytest.raises(ValidationError, match="salinan yang dihitamkan"):
        services.request_decide(
            actor=petugas, request=req, outcome=Outcome.SEBAGIAN, refusal_ground="Pasal 17 h"
        )
    with pytest.raises(ValidationError, match="Baris 1"):
        redaction.redact(
            actor=petugas, request=req, original=SimpleUploadedFile("a.pdf", original), parts_text="1; 0,0; x"
        )
    copy = redaction.redact(
        actor=petugas,
        request=req,
        original=SimpleUploadedFile("laporan.pdf", original),
        parts_text="1; 0,18,100,30; Pasal 17 huruf h (data pribadi saksi)",
    )
    assert copy.original.classification == Classification.DIKECUALIKAN
    with copy.redacted.file.open("rb") as fh:
        redacted = fh.read()
    assert redacted.startswith(b"%PDF-")
    text = _text(redacted)
    assert SECRET_WORD not in text and "6171015208900001" not in text and not text.strip()
    # The box is really black on the page image, and the rest of the page is not.
    pages = tmp_path / "p"
    (tmp_path / "c.pdf").write_bytes(redacted)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(tmp_path / "c.pdf"), str(pages)], check=True)
    img = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    w, h = img.size
    assert img.getpixel((w // 2, int(h * 0.24))) < 30
    assert img.getpixel((w // 2, int(h * 0.6))) > 200
    req = _answer_and_close(
        req, case, users, Outcome.SEBAGIAN, refusal_ground="Pasal 17 huruf h: data pribadi saksi"
    )
    assert "Pasal 17 huruf h (data pribadi saksi)" in str(req.notice.context["butir"])


def _decide_session(req, users, decision):
    """The Tim Uji tests the requested information in the session the request opened, and closes it."""
    import datetime as dt

    from terbuka.dik import services as dik
    from terbuka.dik.models import ConsequenceTest
    from terbuka.dik.periods import Period, PeriodKind

    req.refresh_from_db()
    test = ConsequenceTest.objects.get(pk=int(req.test_ref.split(":")[1]))
    assert test.trigger == "permohonan" and test.subject_id == req.pk and test.case_id == req.case_id
    tim = users[f"tim-uji.{KALBAR}"]
    period = Period(PeriodKind.SELAMA_DIPERLUKAN, review_on=dt.date(2031, 4, 6))
    entry = dik.entry_propose(
        actor=None, body=req.body, unit=req.unit, title=req.information, ground_letter="h", ground_point=2,
        consequence="Mengungkap data pribadi", consideration="Melindungi privasi", period=period,
    )  # fmt: skip
    item = dik.test_item_add(actor=tim, test=test, entry=entry)
    exempt = decision == "dikecualikan"
    dik.test_item_decide(
        actor=tim, item=item, decision=decision, basis_ok=exempt,
        harm="Mengungkap data pribadi" if exempt else "",
        public_interest="Privasi" if exempt else "", period=period if exempt else None,
    )  # fmt: skip
    dik.consequence_test_close(actor=tim, test=test)


def _minutes(req, users):
    """The Tim Uji draws up the session's documents (worksheet, minutes, determination)."""
    from terbuka.dik import services as dik
    from terbuka.dik.models import ConsequenceTest

    req.refresh_from_db()
    test = ConsequenceTest.objects.get(pk=int(req.test_ref.split(":")[1]))
    dik.test_documents(actor=users[f"tim-uji.{KALBAR}"], test=test)


@pytest.mark.parametrize(("decision", "exempt"), [("tidak_dikecualikan", False), ("dikecualikan", True)])
def test_neither_list_goes_to_a_consequence_test_and_follows_it(kalbar, users, decision, exempt):
    req, case, _petugas, _unit = _start(kalbar, users)
    complete(_task(case, 3), data={"dasar": "uji"})
    req.refresh_from_db()
    assert req.basis == "uji" and req.test_ref.startswith("dik.consequencetest:")
    with pytest.raises(ValidationError, match="belum selesai"):
        complete(_task(case, 4), decision=exempt)
    _decide_session(req, users, decision)
    assert consequence.result_for(req) is exempt
    with pytest.raises(ValidationError, match="hasil uji"):
        complete(_task(case, 4), decision=not exempt, note="keliru")
    complete(_task(case, 4), decision=exempt)
    if exempt:
        # The written consideration is the test's minutes: a file uploaded in their place is refused.
        dummy = SimpleUploadedFile("berita-acara.pdf", b"%PDF-1.4 dummy", content_type="application/pdf")
        with pytest.raises(ValidationError, match="Berita acara uji konsekuensi belum dibuat"):
            complete(_task(case, 5), files=[("berita acara pengujian konsekuensi", dummy)])
        _minutes(req, users)
        for no in (5, 6, 7):  # the written consideration, the superior's approval, the archive
            complete(_task(case, no))
        minutes = consequence.minutes_for(req)
        step6 = case.tasks.get(step_no=6)
        assert minutes is not None and {o.document_id for o in step6.outputs.all()} == {minutes.pk}
        req.refresh_from_db()
        assert req.superior_approved_at is not None
        req = _answer_and_close(req, case, users, Outcome.DITOLAK, refusal_ground="Pasal 17 huruf h angka 2")
        assert any(req.test_ref in line for line in req.notice.context["alasan"])
    else:
        req = _answer_and_close(req, case, users, Outcome.DIBERIKAN)


def test_step_three_page_offers_the_dip_items_and_completes_from_the_form(client, kalbar, users):
    from django.urls import reverse

    req, case, _petugas, unit = _start(kalbar, users)
    item = registry.item_create(
        actor=None,
        body=kalbar,
        title="Profil Dinas Kominfo",
        category="setiap_saat",
        is_public=True,
        unit=unit,
    )
    task = _task(case, 3)
    from terbuka.core.people import holders_of

    pembantu = holders_of(kalbar, "ppid_pembantu", unit)[0]
    client.force_login(pembantu)
    page = client.get(reverse("sop:task", args=[task.pk])).content.decode()
    assert "Profil Dinas Kominfo" in page and "sudah ada dalam Daftar Informasi Publik" in page
    response = client.post(
        reverse("sop:task-complete", args=[task.pk]),
        {"aksi-dasar": "dip", "aksi-informasi_dip": str(item.pk)},
    )
    assert response.status_code in (200, 302), response.content.decode()[:3000]
    req.refresh_from_db()
    assert req.basis == "dip" and req.dip_item_id == item.pk
