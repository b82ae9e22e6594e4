"""Demo requests in every state for Kalimantan Barat (``terbuka demo``): the registers come filled.

Idempotent: nothing is added when the body already has requests. Each request goes through the services
with the demo officials, as a desk would: registered (web, walk-in), in process on the SOP, extended,
overdue, answered from the DIP and archived, refused from the DIK, given in part with a redacted copy,
not held, and one with an objection answered by the Atasan PPID and a dispute at the Komisi Informasi.
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

KALBAR = "provinsi-kalimantan-barat"

PEOPLE = [
    ("Rina Kurniawati", "6171015208900001", "Jl. Gajah Mada No. 5, Pontianak", "Wartawan"),
    ("Yohanes Tallo", "6171020305850002", "Jl. Tanjungpura No. 12, Pontianak", "Mahasiswa"),
    ("Siti Rahmawati", "6104014511920003", "Jl. Rahadi Usman No. 3, Ketapang", "Peneliti"),
    ("Agus Setiawan", "6172011007880004", "Jl. Diponegoro No. 8, Singkawang", "Wiraswasta"),
    ("Lembaga Pemantau Anggaran Kalbar", "AHU-0012345.AH.01.07.2020", "Jl. Ahmad Yani No. 1, Pontianak", ""),
    ("Dewi Lestari", "6171016606950006", "Jl. Imam Bonjol No. 20, Pontianak", "Guru"),
    ("Fajar Pratama", "6171011201900007", "Jl. Sultan Abdurrahman No. 4, Pontianak", "Karyawan swasta"),
    ("Maria Siregar", "6171015003870008", "Jl. Veteran No. 9, Pontianak", "Advokat"),
    ("Hendra Nugroho", "6171010909910009", "Jl. Hijas No. 2, Pontianak", "Mahasiswa"),
]


def _form(i: int, information: str, purpose: str, **over: Any) -> dict[str, Any]:
    name, idn, address, job = PEOPLE[i]
    return {
        "name": name,
        "id_kind": "akta" if idn.startswith("AHU") else "nik",
        "id_number": idn,
        "address": address,
        "phone": f"0812-5600-{i:04d}",
        "email": f"pemohon{i}@contoh.id",
        "occupation": job,
        "information": information,
        "purpose": purpose,
        "obtain": "softcopy",
        "send": "surel",
        **over,
    }


def _pdf_sample() -> bytes:
    from weasyprint import HTML

    return HTML(
        string="<html><body style='font-family:sans-serif'><h1>Laporan Pengaduan Layanan 2025</h1>"
        "<p>Jumlah pengaduan: 124; selesai: 118.</p>"
        "<p style='margin-top:30mm'>Pelapor: Budi Santoso, NIK 6171010101800001, Jl. Merdeka 1</p>"
        "</body></html>"
    ).write_pdf()


def load_demo_requests(stdout: IO[Any] | None = None) -> None:
    from terbuka.core.models import PublicBody

    body = PublicBody.objects.filter(slug=KALBAR).first()
    if body is None:
        return
    from .models import InformationRequest

    if InformationRequest.objects.filter(body=body).exists():
        return
    made = build(body)
    if stdout is not None:
        stdout.write(f"permohonan demo {KALBAR}: {made} permohonan\n")


@transaction.atomic
def build(body: Any) -> int:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from terbuka.core.models import User
    from terbuka.documents import services as docs
    from terbuka.registry import services as registry
    from terbuka.sop import services as sop_services
    from terbuka.sop.models import Task

    from . import redaction, services

    def u(role: str) -> User:
        return User.objects.get(username=f"{role}.{KALBAR}")

    petugas, ppid, atasan = u("petugas"), u("ppid"), u("atasan-ppid")
    now = timezone.now()
    days = dt.timedelta
    unit = body.units.filter(positions__roles__role="ppid_pembantu").distinct().order_by("pk").first()

    def submit(i: int, info: str, purpose: str, ago: int, **kw: Any) -> Any:
        channel = kw.pop("channel", "web")
        req, _secret = services.request_submit(
            body=body,
            data=_form(i, info, purpose, **kw),
            channel=channel,
            actor=petugas if channel not in ("web", "api") else None,
            at=now - days(days=ago),
        )
        return req

    def answer(req: Any, outcome: str, **decide: Any) -> Any:
        services.request_decide(actor=petugas, request=req, outcome=outcome, **decide)
        notice = services.request_draft_notice(actor=petugas, request=req)
        docs.document_sign(actor=ppid, document=notice)
        return services.request_answered(actor=petugas, request=req)

    # 1. Just registered on the public form.
    submit(0, "Daftar penerima hibah daerah tahun 2026", "Bahan liputan", 0)
    # 2. In process on the SOP: routed to the unit, its PPID Pembantu is studying it (step 3).
    req = submit(1, "Rencana kerja Dinas Kominfo tahun 2026", "Tugas kuliah", 2)
    sop = services.request_sop(body)
    if sop is not None and unit is not None:
        case = services.request_start_process(actor=petugas, request=req, sop=sop)
        task = case.tasks.get(step_no=1, status=Task.Status.OPEN)
        sop_services.task_complete(actor=petugas, task=task)
        task = case.tasks.get(step_no=2, status=Task.Status.OPEN)
        sop_services.task_complete(
            actor=petugas, task=task, unit=unit, data={"catatan": "Diteruskan ke unit"}
        )
    # 3. Extended once, with its letter.
    req = submit(2, "Data kunjungan laman resmi pemerintah provinsi 2025", "Penelitian", 6)
    services.request_extend(actor=petugas, request=req, days=5, reasons=["Data tersebar di beberapa server"])
    # 4. Overdue: nobody answered within 10 working days.
    submit(3, "Kontrak pengadaan jaringan internet 2025", "Pengawasan", 30)
    # 5. Answered from the DIP, delivered and archived.
    item = registry.item_create(
        actor=None, body=body, title="Laporan Realisasi Anggaran Diskominfo 2025", category="berkala",
        is_public=True, unit=unit,
    )  # fmt: skip
    req = submit(4, "Laporan realisasi anggaran Diskominfo 2025", "Pemantauan anggaran", 7)
    services.request_classify(actor=petugas, request=req, basis="dip", dip_item=item)
    answer(req, "diberikan")
    services.request_delivered(actor=petugas, request=req, how="Surel", receipt_signed=True)
    services.request_archive(actor=petugas, request=req)
    # 6. Refused from the DIK, answered (the objection window runs).
    req = submit(5, "Hasil pemeriksaan kesehatan pegawai 2025", "Ingin tahu", 6)
    services.request_classify(actor=petugas, request=req, basis="dik", dik_entry_ref="DIK 2025 no. 3")
    answer(req, "ditolak", refusal_ground="Pasal 17 huruf h angka 2 (riwayat kesehatan)")
    # 7. Given in part with a redacted copy (the original kept exempted).
    req = submit(6, "Rekap pengaduan layanan informasi 2025", "Evaluasi layanan", 5)
    services.request_classify(actor=petugas, request=req, basis="dik", dik_entry_ref="DIK 2025 no. 7")
    redaction.redact(
        actor=petugas, request=req, original=SimpleUploadedFile("rekap.pdf", _pdf_sample()),
        parts_text="1; 5,22,95,32; Pasal 17 huruf h (identitas pelapor)",
    )  # fmt: skip
    answer(req, "diberikan_sebagian", refusal_ground="Pasal 17 huruf h (identitas pelapor)")
    # 8. Walk-in, not held by this body.
    req = submit(7, "Data izin usaha pertambangan kabupaten", "Advokasi", 4, channel="langsung")
    services.request_classify(actor=petugas, request=req, basis="lain")
    answer(req, "tidak_dikuasai", holder_body="Dinas ESDM Provinsi Kalimantan Barat")
    services.request_delivered(actor=petugas, request=req, how="Diserahkan langsung", receipt_signed=True)
    # 9. Refused, objected, objection answered, dispute at the Komisi Informasi with an order.
    req = submit(8, "Notulen rapat pimpinan tentang anggaran 2025", "Penelitian kebijakan", 5)
    services.request_classify(actor=petugas, request=req, basis="dik", dik_entry_ref="DIK 2025 no. 9")
    answer(req, "ditolak", refusal_ground="Pasal 17 huruf i (memorandum antar badan publik)")
    objection = services.objection_file(
        actor=None, request=req, grounds=["a"], reasons="Notulen bukan memorandum yang dirahasiakan."
    )
    services.objection_answer(
        actor=atasan, objection=objection, decision="ditolak", answer="Penolakan dikuatkan."
    )
    dispute = services.dispute_record(
        actor=petugas, objection=objection, filed_on=timezone.localdate(),
        case_number="007/REG-PSI/KIP-KB/2026", commission="Komisi Informasi Provinsi Kalimantan Barat",
    )  # fmt: skip
    services.dispute_update(actor=petugas, dispute=dispute, stage="mediasi")
    from .models import InformationRequest

    return InformationRequest.objects.filter(body=body).count()
