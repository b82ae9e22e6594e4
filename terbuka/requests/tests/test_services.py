"""Requests, the statutory clocks across the 2026 Lebaran holidays, identity at rest, objections, disputes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from terbuka.core import clocks
from terbuka.core.models import Event
from terbuka.registry import services as registry
from terbuka.requests import crypto, services
from terbuka.requests.models import Dispute, InformationRequest, Objection

from .kit import KALBAR, at, form

D = dt.date


@pytest.fixture
def kalbar(bodies):
    return bodies[KALBAR]


def test_number_secret_and_clock_from_the_next_working_day_across_lebaran(kalbar):
    # Tuesday 17 March 2026, 17:00 WIB: after closing time (16:00). 18 cuti bersama, 19 Nyepi, 20 cuti,
    # 21-22 weekend (Idul Fitri), 23-24 cuti bersama: received on Wednesday 25 March.
    request, secret = services.request_submit(body=kalbar, data=form(), at=at(2026, 3, 17, 17))
    assert request.number == f"PI-{kalbar.pk:02d}-2026-0001"
    assert request.received_on == D(2026, 3, 25)
    clock = services.notice_clock(request)
    # 10 working days from 25 March: 26, 27, 30, 31 March, 1, 2 April, (3 April Good Friday), 6, 7, 8, 9.
    assert clock.due_date == D(2026, 4, 9)
    lines = clocks.explain(clock).lines
    assert any("di luar jam/hari kerja" in line for line in lines)
    assert any("Wafat Yesus Kristus" in line for line in lines)
    assert services.secret_matches(request, secret)
    assert not services.secret_matches(request, secret + "x")
    assert secret not in request.secret_hash
    second, _ = services.request_submit(body=kalbar, data=form(), at=at(2026, 3, 16, 9))
    assert second.number.endswith("-0002")
    assert second.received_on == D(2026, 3, 16)
    assert services.notice_clock(second).due_date == D(2026, 4, 7)


def test_identity_encrypted_masked_and_unmasked_only_by_allowed_roles_logged(kalbar, users):
    scan = SimpleUploadedFile("ktp.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, content_type="image/png")
    request, _ = services.request_submit(body=kalbar, data=form(), id_scan=scan)
    raw = InformationRequest.objects.filter(pk=request.pk).values_list("id_number_enc", "id_masked").get()
    assert "6171015208900001" not in raw[0]
    assert raw[1] == "************0001"
    assert b"PNG" not in bytes(InformationRequest.objects.get(pk=request.pk).id_scan_enc)
    petugas = users[f"petugas.{KALBAR}"]
    with pytest.raises(PermissionDenied):
        services.request_unmask(actor=petugas, request=request)
    ppid = users[f"ppid.{KALBAR}"]
    assert services.request_unmask(actor=ppid, request=request, reason="verifikasi") == "6171015208900001"
    data, ctype = services.request_id_scan(actor=ppid, request=request)
    assert data.startswith(b"\x89PNG") and ctype == "image/png"
    actions = list(
        Event.objects.filter(object_id=str(request.pk), action__startswith="requests.identity").values_list(
            "action", flat=True
        )
    )
    assert "requests.identity.unmask" in actions and "requests.identity.refused" in actions


@pytest.mark.parametrize(
    ("nik", "message"),
    [
        ("12345", "16 angka"),
        ("617101520890000X", "16 angka"),
        ("0171015208900001", "kode provinsi"),
        ("6171013508900001", "tanggal lahir"),
        ("6171015213900001", "bulan lahir"),
    ],
)
def test_malformed_nik_refused_nothing_saved(kalbar, nik, message):
    before = InformationRequest.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.request_submit(body=kalbar, data=form(id_number=nik))
    assert any(message in m for m in exc.value.message_dict["id_number"])
    assert InformationRequest.objects.count() == before


def test_deed_number_for_a_legal_entity(kalbar):
    request, _ = services.request_submit(
        body=kalbar, data=form(id_kind="akta", id_number="AHU-0012345.AH.01.07.2020")
    )
    assert request.id_masked.endswith("2020") and request.id_masked.startswith("*")
    assert crypto.decrypt_text(request.id_number_enc) == "AHU-0012345.AH.01.07.2020"


def test_scan_wrong_type_and_oversized(kalbar):
    exe = SimpleUploadedFile("ktp.pdf", b"MZ\x90\x00" + b"\x00" * 50)
    with pytest.raises(ValidationError) as exc:
        services.request_submit(body=kalbar, data=form(), id_scan=exe)
    assert "program" in exc.value.message_dict["id_scan"][0]
    big = SimpleUploadedFile("ktp.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (2 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as exc:
        services.request_submit(body=kalbar, data=form(), id_scan=big)
    assert "2 MB" in exc.value.message_dict["id_scan"][0]


def test_extension_once_at_most_seven_days_with_reasons_and_letter(kalbar, users):
    petugas = users[f"petugas.{KALBAR}"]
    request, _ = services.request_submit(body=kalbar, data=form(), at=at(2026, 3, 16, 9))
    with pytest.raises(ValidationError):
        services.request_extend(actor=petugas, request=request, days=8, reasons=["banyak unit"])
    with pytest.raises(ValidationError):
        services.request_extend(actor=petugas, request=request, days=7, reasons=[" "])
    request = services.request_extend(
        actor=petugas, request=request, days=7, reasons=["Informasi tersebar di beberapa unit kerja"]
    )
    clock = services.notice_clock(request)
    # 7 April + 7 working days: 8, 9, 10, 13, 14, 15, 16 April 2026.
    assert clock.due_date == D(2026, 4, 16)
    assert request.extension_letter.kind == "pemberitahuan_perpanjangan"
    assert "16 April 2026" in request.extension_letter.context["batas_baru"]
    with pytest.raises(ValidationError, match="sekali"):
        services.request_extend(actor=petugas, request=request, days=1, reasons=["lagi"])


def test_overdue_listed_and_reminded_once_a_day(kalbar, mailoutbox):
    from terbuka.requests import jobs

    request, _ = services.request_submit(body=kalbar, data=form(), at=at(2026, 3, 16, 9))
    now = at(2026, 4, 7, 16, 1)
    assert request not in jobs.overdue_requests(at(2026, 4, 7, 15, 59))
    assert request in jobs.overdue_requests(now)
    jobs.remind_overdue(now)
    jobs.remind_overdue(now + dt.timedelta(hours=1))
    mails = [m for m in mailoutbox if request.number in m.subject]
    assert len(mails) == 1 and "Pasal 22" in mails[0].body


def test_objection_window_register_answer_and_dispute(kalbar, users):
    petugas = users[f"petugas.{KALBAR}"]
    atasan = users[f"atasan-ppid.{KALBAR}"]
    request, _ = services.request_submit(body=kalbar, data=form(), at=at(2026, 3, 2, 9))
    with pytest.raises(ValidationError, match="belum dapat diajukan"):
        services.objection_file(
            actor=None, request=request, grounds=["c"], reasons="Belum dijawab", at=at(2026, 3, 5)
        )
    # Unanswered past the 10-working-day notice deadline (16 March): ground c, filed by the requester.
    objection = services.objection_file(
        actor=None, request=request, grounds=["c", "g"], reasons="Tidak ada jawaban.", at=at(2026, 3, 25, 9)
    )
    assert objection.number == f"KB-{kalbar.pk:02d}-2026-0001" and not objection.late
    answer_clock = clocks.get(objection, "tanggapan_keberatan")
    assert answer_clock.received_on == D(2026, 3, 25) and answer_clock.days == 30
    # 30 working days after 25 March 2026, skipping Good Friday (3 April) and Labour Day (1 May): 8 May.
    assert answer_clock.due_date == D(2026, 5, 8)
    with pytest.raises(PermissionDenied):
        services.objection_answer(actor=petugas, objection=objection, decision="diterima", answer="x")
    objection = services.objection_answer(
        actor=atasan,
        objection=objection,
        decision="diterima",
        answer="PPID diperintahkan memberikan informasi.",
    )
    assert objection.status == Objection.Status.DIJAWAB
    assert objection.answer_letter.status == "final" and objection.answer_letter.number
    assert clocks.get(objection, "pengajuan_sengketa").days == 14
    dispute = services.dispute_record(
        actor=petugas,
        objection=objection,
        filed_on=objection.answered_at.date(),
        case_number="012/KIP-KB/2026",
    )
    assert not dispute.late
    dispute = services.dispute_update(
        actor=petugas,
        dispute=dispute,
        stage="ajudikasi",
        result="dikabulkan",
        result_on=D(2026, 6, 1),
        order="buka_informasi",
    )
    assert dispute.stage == Dispute.Stage.SELESAI
    dispute = services.dispute_carry_out(actor=petugas, dispute=dispute)
    # The order flows back into the registry: the information is now public.
    from terbuka.registry.models import InformationItem

    item = InformationItem.objects.get(pk=int(dispute.order_done_ref.split(":")[1]))
    assert item.is_public and item.body == kalbar
    with pytest.raises(ValidationError):
        services.dispute_carry_out(actor=petugas, dispute=dispute)


def test_objection_refused_after_thirty_working_days_for_the_requester(kalbar, users):
    request, _ = services.request_submit(body=kalbar, data=form(), at=at(2026, 1, 5, 9))
    # Notice due 19 January; 30 working days after it is early March.
    with pytest.raises(ValidationError, match="sudah lewat"):
        services.objection_file(actor=None, request=request, grounds=["c"], reasons="x", at=at(2026, 5, 4))
    late = services.objection_file(
        actor=users[f"petugas.{KALBAR}"], request=request, grounds=["c"], reasons="x", at=at(2026, 5, 4)
    )
    assert late.late


def test_dip_item_classification_checks_body_and_publicness(kalbar, bodies):
    request, _ = services.request_submit(body=kalbar, data=form())
    private = registry.item_create(actor=None, body=kalbar, title="Draf", category="setiap_saat")
    with pytest.raises(ValidationError, match="belum terbuka"):
        services.request_classify(actor=None, request=request, basis="dip", dip_item=private)
    other = registry.item_create(
        actor=None, body=bodies["kota-serang"], title="X", category="berkala", is_public=True
    )
    with pytest.raises(ValidationError):
        services.request_classify(actor=None, request=request, basis="dip", dip_item=other)
    with pytest.raises(ValidationError, match="entri DIK"):
        services.request_classify(actor=None, request=request, basis="dik")


def test_dispute_order_to_test_opens_a_commission_ordered_session(kalbar, users):
    from terbuka.dik.models import ConsequenceTest

    petugas, atasan = users[f"petugas.{KALBAR}"], users[f"atasan-ppid.{KALBAR}"]
    request, _ = services.request_submit(body=kalbar, data=form(), at=at(2026, 3, 2, 9))
    objection = services.objection_file(
        actor=None, request=request, grounds=["c"], reasons="x", at=at(2026, 3, 25)
    )
    objection = services.objection_answer(
        actor=atasan, objection=objection, decision="ditolak", answer="Ditolak."
    )
    dispute = services.dispute_record(
        actor=petugas, objection=objection, filed_on=objection.answered_at.date(), case_number="020/KIP/2026"
    )
    dispute = services.dispute_update(
        actor=petugas, dispute=dispute, stage="ajudikasi", result="dikabulkan_sebagian",
        result_on=D(2026, 7, 1), order="uji_konsekuensi",
    )  # fmt: skip
    dispute = services.dispute_carry_out(actor=petugas, dispute=dispute)
    test = ConsequenceTest.objects.get(pk=int(dispute.order_done_ref.split(":")[1]))
    assert test.trigger == "perintah_komisi" and test.subject_id == request.pk
    request.refresh_from_db()
    assert request.test_ref == dispute.order_done_ref


def test_a_ppid_pembantu_studies_but_does_not_decide(kalbar, users):
    from terbuka.core.models import Unit
    from terbuka.core.people import holders_of

    unit = Unit.objects.filter(body=kalbar, positions__roles__role="ppid_pembantu").order_by("pk").first()
    pembantu = holders_of(kalbar, "ppid_pembantu", unit)[0]
    request, _ = services.request_submit(body=kalbar, data=form())
    request = services.request_route(actor=None, request=request, unit=unit)
    from terbuka.requests import policies

    assert policies.can_view(pembantu, request) and not policies.can_handle(pembantu, kalbar)
    with pytest.raises(PermissionDenied):
        services.request_decide(actor=pembantu, request=request, outcome="diberikan")
    with pytest.raises(ValidationError, match="tidak boleh di masa depan"):
        petugas, atasan = users[f"petugas.{KALBAR}"], users[f"atasan-ppid.{KALBAR}"]
        late, _ = services.request_submit(body=kalbar, data=form(), at=at(2026, 3, 2, 9))
        objection = services.objection_file(
            actor=None, request=late, grounds=["c"], reasons="x", at=at(2026, 3, 25)
        )
        objection = services.objection_answer(
            actor=atasan, objection=objection, decision="ditolak", answer="x"
        )
        services.dispute_record(
            actor=petugas, objection=objection, filed_on=D(2099, 1, 1), case_number="1/KI"
        )
