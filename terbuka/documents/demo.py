"""Demo documents for Kota Serang (``terbuka demo``), so a demo user sees the sign-off flow.

* a signed surat dinas: the PPID Utama's request to every PPID Pembantu to propose their DIK, initialled by
  the PPID and signed by the Kepala Diskominfo (numbered, with its QR code);
* a draft surat keputusan on the DIK awaiting paraf by ``kabag-hukum.kota-serang`` (then the Asisten, then
  the Wali Kota's signature).

Idempotent: each is created once, recognised by its label.
"""

from __future__ import annotations

from typing import IO, Any

from django.db import transaction

from terbuka.core.models import PublicBody, Unit, User
from terbuka.core.people import today_in

from . import services
from .models import Document
from .signoff import Signer

SIGNED_LABEL = "Permintaan usulan DIK kepada PPID Pembantu (demo)"
DRAFT_LABEL = "Keputusan Walikota tentang DIK (demo)"


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def seed_demo_documents(stdout: IO[Any]) -> None:
    body = PublicBody.objects.filter(slug="kota-serang").first()
    ppid, kadis = _user("ppid.kota-serang"), _user("kepala-dinas.kota-serang")
    kabag = _user("kabag-hukum.kota-serang")
    if body is None or ppid is None or kadis is None or kabag is None:
        stdout.write("naskah demo: dilewati (data demo Kota Serang belum ada)\n")
        return
    year = today_in(body).year
    kominfo = Unit.objects.filter(body=body, slug="diskominfo").first()
    created = []
    with transaction.atomic():
        if not Document.objects.filter(body=body, label=SIGNED_LABEL).exists():
            stored = services.generate_document(
                actor=ppid,
                body=body,
                kind="surat_dinas",
                unit=kominfo,
                label=SIGNED_LABEL,
                classification="publik",
                context={
                    "yth": "Kepala Perangkat Daerah selaku PPID Pembantu "
                    "di Lingkungan Pemerintah Kota Serang",
                    "sifat": "Penting",
                    "lampiran": "1 (satu) berkas",
                    "hal": f"Usulan Daftar Informasi yang Dikecualikan Tahun {year}",
                    "isi": [
                        "Dalam rangka melaksanakan Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan "
                        "Informasi Publik, Pemerintah Kota Serang akan menetapkan Daftar Informasi yang "
                        f"Dikecualikan (DIK) Tahun {year} melalui pengujian konsekuensi.",
                        "Sehubungan dengan hal tersebut, kami mohon Saudara selaku PPID Pembantu "
                        "menyampaikan usulan informasi yang dikecualikan di unit kerja masing-masing "
                        "dengan format terlampir dalam waktu 10 (sepuluh) hari kerja sejak surat ini "
                        "diterima.",
                        "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
                    ],
                    "tembusan": ["Walikota Serang (sebagai laporan)", "Sekretaris Daerah selaku Atasan PPID"],
                },
                signers=[Signer(ppid, "ppid", kind="paraf"), Signer(kadis, "kepala_dinas")],
            )
            assert stored.document is not None
            services.document_paraf(actor=ppid, document=stored.document)
            services.document_sign(actor=kadis, document=stored.document)
            created.append(SIGNED_LABEL)
        if not Document.objects.filter(body=body, label=DRAFT_LABEL).exists():
            services.generate_document(
                actor=ppid,
                body=body,
                kind="sk_dik",
                label=DRAFT_LABEL,
                context={
                    "daftar": [
                        {
                            "informasi": "Rekam medis pasien Puskesmas",
                            "unit": "Dinas Kesehatan",
                            "dasar_hukum": "Pasal 17 huruf h angka 2 UU 14/2008",
                            "konsekuensi": "Mengungkap rahasia pribadi pasien",
                            "pertimbangan": "Melindungi privasi pasien",
                            "jangka_waktu": "Selama diperlukan",
                            "tanggal_uji": "",
                            "nomor_sk": "",
                            "status": "Usulan",
                            "tanda": "",
                        },
                    ],
                    "tembusan": ["Ketua Komisi Informasi Provinsi Banten"],
                },
                signers=[
                    Signer(None, "kabag_hukum", kind="paraf"),
                    Signer(None, "asisten", kind="paraf"),
                    Signer(None, "kepala_daerah"),
                ],
            )
            created.append(DRAFT_LABEL)
    stdout.write(f"naskah demo: {len(created)} dibuat ({', '.join(created) or 'sudah ada'})\n")
