# ruff: noqa: E501  (the demo rows read best one per line)
"""Demo step: every demo body gets a DIP — a few dozen items across the categories and units, some with
files (archived through documents.archive) or links — set by the PPID's signed decision and published, all
through the registry's services. Idempotent: a body that already has an edition is left alone."""

from __future__ import annotations

import io
from typing import IO, Any

from terbuka.core.models import PublicBody, Unit, User

from . import services
from .models import Category, DipEdition, Form, Source

B, SM, SS = Category.BERKALA, Category.SERTA_MERTA, Category.SETIAP_SAAT
SOFT, HARD, BOTH = Form.SOFTCOPY, Form.HARDCOPY, Form.KEDUANYA

# (unit slug or "", title, summary, category, form, retention, year, attachment: "" | "file" | "link")
ITEMS: list[tuple[str, str, str, str, str, str, int | None, str]] = [
    ("setda", "Profil badan publik", "Kedudukan, domisili, struktur organisasi, tugas dan fungsi, serta profil pimpinan.", B, BOTH, "Selama berlaku", 2026, "file"),
    ("setda", "Rencana strategis (Renstra) 2025–2029", "Visi, misi, tujuan, sasaran dan program lima tahunan.", B, SOFT, "5 tahun", 2025, "file"),
    ("setda", "Rencana kerja pemerintah daerah (RKPD) 2026", "Program dan kegiatan prioritas tahun 2026 beserta pagu indikatif.", B, SOFT, "5 tahun", 2026, ""),
    ("setda", "Laporan kinerja instansi pemerintah (LKjIP) 2025", "Capaian indikator kinerja utama dan analisisnya.", B, SOFT, "5 tahun", 2025, "file"),
    ("setda", "Ringkasan laporan penyelenggaraan pemerintahan daerah", "Ringkasan LPPD tahun sebelumnya.", B, SOFT, "5 tahun", 2025, ""),
    ("setda", "Agenda kegiatan pimpinan daerah", "Jadwal kegiatan kepala daerah dan wakil kepala daerah yang terbuka untuk umum.", B, SOFT, "1 tahun", 2026, "link"),
    ("setda", "Daftar peraturan daerah dan peraturan kepala daerah", "Produk hukum daerah yang telah diundangkan.", SS, BOTH, "Selama berlaku", None, "link"),
    ("bagian-hukum", "Naskah akademik dan rancangan peraturan daerah", "Rancangan perda yang sedang dibahas beserta naskah akademiknya.", SS, SOFT, "Sampai ditetapkan", 2026, ""),
    ("bagian-hukum", "Putusan sengketa informasi yang melibatkan badan publik", "Salinan putusan Komisi Informasi dan pengadilan.", SS, SOFT, "10 tahun", None, ""),
    ("bpkad", "Laporan keuangan pemerintah daerah 2025 (audited)", "Neraca, laporan realisasi anggaran, laporan arus kas dan catatan atas laporan keuangan.", B, BOTH, "10 tahun", 2025, "file"),
    ("bpkad", "Anggaran pendapatan dan belanja daerah (APBD) 2026", "Ringkasan APBD dan penjabarannya per perangkat daerah.", B, SOFT, "10 tahun", 2026, "file"),
    ("bpkad", "Daftar aset dan barang milik daerah", "Rekapitulasi kartu inventaris barang per perangkat daerah.", SS, SOFT, "Selama berlaku", 2025, ""),
    ("bpkad", "Realisasi pendapatan asli daerah per triwulan", "Realisasi pajak dan retribusi daerah.", B, SOFT, "5 tahun", 2026, ""),
    ("bpkad", "Laporan hasil pemeriksaan BPK atas laporan keuangan", "LHP BPK RI beserta rencana aksi tindak lanjut.", SS, SOFT, "10 tahun", 2025, ""),
    ("dinkes", "Profil kesehatan daerah 2025", "Data derajat kesehatan, sarana dan tenaga kesehatan.", B, SOFT, "5 tahun", 2025, "file"),
    ("dinkes", "Informasi kejadian luar biasa dan wabah penyakit", "Peringatan dini, lokasi terdampak dan langkah pencegahan yang harus diambil masyarakat.", SM, SOFT, "1 tahun", 2026, ""),
    ("dinkes", "Jadwal imunisasi dan pelayanan posyandu", "Jadwal layanan imunisasi dasar per puskesmas.", B, SOFT, "1 tahun", 2026, ""),
    ("dinkes", "Daftar puskesmas dan jam pelayanannya", "Alamat, kontak dan jam layanan setiap puskesmas.", SS, SOFT, "Selama berlaku", None, "link"),
    ("dinkes", "Standar pelayanan minimal bidang kesehatan", "Capaian SPM kesehatan tahunan.", B, SOFT, "5 tahun", 2025, ""),
    ("disdik", "Data pokok pendidikan", "Jumlah sekolah, guru dan peserta didik per jenjang dan kecamatan.", B, SOFT, "5 tahun", 2026, ""),
    ("disdik", "Petunjuk teknis penerimaan peserta didik baru (PPDB) 2026", "Jalur, kuota, jadwal dan persyaratan PPDB.", B, BOTH, "1 tahun", 2026, "file"),
    ("disdik", "Penyaluran dana bantuan operasional sekolah", "Rekapitulasi penyaluran dan penggunaan dana BOS per sekolah.", B, SOFT, "5 tahun", 2025, ""),
    ("disdik", "Daftar penerima beasiswa daerah", "Nama penerima dan besaran beasiswa (tanpa data pribadi yang dilindungi).", SS, SOFT, "5 tahun", 2025, ""),
    ("dpupr", "Rencana umum pengadaan barang/jasa 2026", "Paket pengadaan, pagu dan jadwal pemilihan penyedia.", B, SOFT, "5 tahun", 2026, "link"),
    ("dpupr", "Kontrak pengadaan pekerjaan konstruksi", "Salinan kontrak dan adendum pekerjaan jalan dan jembatan.", SS, BOTH, "10 tahun", 2025, ""),
    ("dpupr", "Peta rawan banjir dan jalur evakuasi", "Peta daerah rawan genangan dan banjir serta jalur evakuasi.", SM, SOFT, "Selama berlaku", 2026, "file"),
    ("dpupr", "Status kerusakan jalan dan jembatan", "Pemberitahuan ruas jalan rusak dan penutupan sementara.", SM, SOFT, "1 tahun", 2026, ""),
    ("dpupr", "Rencana tata ruang wilayah (RTRW)", "Peraturan daerah RTRW beserta peta rencana pola ruang.", SS, BOTH, "Selama berlaku", 2023, ""),
    ("__kominfo", "Daftar informasi publik (DIP)", "Daftar seluruh informasi publik yang dikuasai badan publik.", B, SOFT, "Selama berlaku", 2026, ""),
    ("__kominfo", "Laporan layanan informasi publik 2025", "Jumlah permohonan, waktu layanan, permohonan yang dikabulkan dan ditolak beserta alasannya.", B, SOFT, "5 tahun", 2025, "file"),
    ("__kominfo", "Prosedur permohonan informasi dan keberatan", "Tata cara memperoleh informasi, mengajukan keberatan, dan sengketa informasi.", B, BOTH, "Selama berlaku", 2026, ""),
    ("__kominfo", "Maklumat pelayanan informasi publik", "Janji layanan PPID kepada masyarakat.", B, BOTH, "Selama berlaku", 2026, ""),
    ("__kominfo", "Peringatan gangguan layanan sistem elektronik", "Pemberitahuan gangguan layanan daring dan perkiraan pemulihannya.", SM, SOFT, "1 tahun", 2026, ""),
    ("__kominfo", "Data statistik sektoral", "Data statistik sektoral yang dihimpun dari perangkat daerah.", SS, SOFT, "5 tahun", 2025, "link"),
    ("", "Pengumuman penerimaan aparatur sipil negara", "Formasi, persyaratan dan jadwal seleksi.", B, SOFT, "1 tahun", 2026, ""),
    ("", "Surat-surat perjanjian dengan pihak ketiga", "Nota kesepahaman dan perjanjian kerja sama beserta dokumen pendukungnya.", SS, HARD, "10 tahun", None, ""),
]  # fmt: skip

EXEMPT = [
    ("bagian-hukum", "Berkas perkara pidana yang sedang dalam penyidikan", "Dikecualikan: menghambat proses penegakan hukum (UU 14/2008 Pasal 17 huruf a)."),
    ("dinkes", "Rekam medis pasien", "Dikecualikan: rahasia pribadi (UU 14/2008 Pasal 17 huruf h)."),
]  # fmt: skip


def _sheet(title: str) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Uraian", "Nilai"])
    ws.append([title, "lihat lampiran"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def seed_demo_dip(stdout: IO[Any] | None = None) -> None:
    for body in PublicBody.objects.filter(is_active=True).order_by("pk"):
        if DipEdition.objects.filter(body=body).exists():
            continue
        seed_body(body)
        if stdout is not None:
            stdout.write(f"DIP {body.slug}: edisi 1 diumumkan\n")


def seed_body(body: PublicBody) -> DipEdition:
    from terbuka.core.people import holders_of, today_in
    from terbuka.core.roles import Role

    units = {u.slug: u for u in Unit.objects.filter(body=body)}
    kominfo = next((u for s, u in units.items() if "kominfo" in s or "diskominfo" in s), None)
    items = []
    for slug, title, summary, cat, form, retention, year, att in ITEMS:
        unit: Unit | None = kominfo if slug == "__kominfo" else units.get(slug)
        item = services.item_create(
            actor=None, body=body, title=title, category=cat, source=Source.PETUGAS, unit=unit, summary=summary,
            form=form, retention=retention, year=year, responsible=f"PPID Pembantu {unit.name}" if unit else "PPID",
            official=f"Kepala {unit.name}" if unit else "PPID Utama", made_where=body.region.split(",")[0],
            made_when=str(year) if year else "Sewaktu-waktu",
        )  # fmt: skip
        if att == "file":
            services.attachment_add(
                actor=None, item=item, label=f"{title} (XLSX)", data=_sheet(title),
                filename=f"lampiran-{item.pk}.xlsx",
            )  # fmt: skip
        elif att == "link":
            services.attachment_add(
                actor=None, item=item, label=title, url=f"https://{body.slug}.go.id/info/{item.pk}"
            )
        items.append(item)
    for slug, title, summary in EXEMPT:
        services.item_create(
            actor=None,
            body=body,
            title=title,
            category=Category.DIKECUALIKAN,
            unit=units.get(slug),
            summary=summary,
        )
    edition = services.edition_draft(actor=None, body=body, title="Penetapan DIP 2026")
    services.edition_include(actor=None, edition=edition, items=items)
    ppid: User | None = next(iter(holders_of(body, Role.PPID)), None)
    if ppid is not None:
        edition = services.edition_set(actor=ppid, edition=edition)
    else:
        edition = services.edition_set(
            actor=None,
            edition=edition,
            decree_number=f"DIP/{body.slug}/2026",
            decree_date=today_in(body),
            sign=False,
        )
    services.edition_publish(actor=None, edition=edition)
    edition.refresh_from_db()
    return edition
