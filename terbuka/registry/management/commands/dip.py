"""``terbuka dip``: the DIP from the command line.

terbuka dip generate --body kabupaten-serang --count 10000   # synthetic public items (benchmarks)
terbuka dip overdue [--body SLUG]                             # berkala items not refreshed for 6 months
terbuka dip reindex                                           # recompute the stemmed search text
"""

from __future__ import annotations

import random
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from terbuka.core.models import PublicBody, Unit

WORDS = [
    "laporan",
    "keuangan",
    "anggaran",
    "pendapatan",
    "belanja",
    "daerah",
    "profil",
    "pelayanan",
    "permohonan",
    "informasi",
    "kesehatan",
    "pendidikan",
    "jalan",
    "jembatan",
    "pengadaan",
    "kontrak",
    "rencana",
    "strategis",
    "kinerja",
    "statistik",
    "penduduk",
    "bantuan",
    "sosial",
    "perizinan",
    "pajak",
    "retribusi",
    "aset",
    "peraturan",
    "keputusan",
    "pengumuman",
    "jadwal",
    "kegiatan",
    "evaluasi",
    "pengawasan",
    "pembangunan",
    "lingkungan",
    "hidup",
    "pertanian",
    "perikanan",
    "pariwisata",
    "kebudayaan",
    "perhubungan",
    "kepegawaian",
]


class Command(BaseCommand):
    help = "DIP: synthetic items for benchmarks, the overdue berkala list, the search index"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        gen = sub.add_parser("generate", help="buat informasi publik sintetis (benchmark)")
        gen.add_argument("--body", required=True)
        gen.add_argument("--count", type=int, default=10_000)
        gen.add_argument("--seed", type=int, default=20261129)
        over = sub.add_parser("overdue", help="informasi berkala yang belum diperbarui 6 bulan")
        over.add_argument("--body", default="")
        sub.add_parser("reindex", help="hitung ulang teks pencarian berimbuhan")

    def handle(self, *args: Any, **opts: Any) -> None:
        getattr(self, "do_" + opts["action"])(**opts)

    def do_generate(self, *, body: str, count: int, seed: int, **_: Any) -> None:
        """Bulk rows (not through item_create: 10,000 audited writes would take minutes), with the same
        stemmed search text the services compute; then ``items_changed`` is sent once (the portal drops
        its cached pages)."""
        from terbuka.registry import search
        from terbuka.registry.models import Category, Form, InformationItem, Source

        target = PublicBody.objects.filter(slug=body).first()
        if target is None:
            raise CommandError(f"Badan publik '{body}' tidak ada.")
        if not 1 <= count <= 200_000:
            raise CommandError("--count harus 1 sampai 200000.")
        rnd = random.Random(seed)
        units = list(Unit.objects.filter(body=target))
        cats = [Category.BERKALA, Category.SERTA_MERTA, Category.SETIAP_SAAT]
        rows = []
        for n in range(count):
            title = " ".join(rnd.sample(WORDS, 4)).capitalize() + f" {n}"
            item = InformationItem(
                body=target, unit=rnd.choice(units) if units else None, title=title,
                summary=" ".join(rnd.sample(WORDS, 12)), category=cats[n % 3], year=2020 + n % 7,
                form=rnd.choice(Form.values), retention="5 tahun", is_public=True, source=Source.IMPOR,
                official="Kepala unit", responsible="PPID Pembantu",
            )  # fmt: skip
            item.search_text = search.index_text(item)
            rows.append(item)
        with transaction.atomic():
            InformationItem.objects.bulk_create(rows, batch_size=1000)
            from terbuka.registry.signals import items_changed

            items_changed.send(sender=InformationItem, body_id=target.pk)  # the portal drops its pages
        self.stdout.write(f"{count} informasi dibuat untuk {target.slug}")

    def do_overdue(self, *, body: str, **_: Any) -> None:
        from terbuka.registry.services import overdue_berkala

        target = PublicBody.objects.filter(slug=body).first() if body else None
        for item in overdue_berkala(target):
            self.stdout.write(f"{item.body.slug}\t{item.pk}\t{item.refreshed_at:%Y-%m-%d}\t{item.title}")

    def do_reindex(self, **_: Any) -> None:
        from terbuka.registry import search
        from terbuka.registry.models import InformationItem

        n = 0
        for item in InformationItem.objects.select_related("unit").iterator():
            text = search.index_text(item)
            if text != item.search_text:
                InformationItem.objects.filter(pk=item.pk).update(search_text=text)
                n += 1
        self.stdout.write(f"{n} informasi diindeks ulang")
