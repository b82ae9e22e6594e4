"""Demo step: each demo body's public page texts (service charter, hours note). Idempotent."""

from __future__ import annotations

from typing import IO, Any

from terbuka.core.models import PublicBody

from .models import BodyPage

CHARTER = (
    "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan informasi publik sesuai standar "
    "layanan yang telah ditetapkan, dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai "
    "peraturan perundang-undangan yang berlaku.\n\n"
    "Permohonan informasi dijawab paling lambat 10 hari kerja dan dapat diperpanjang 7 hari kerja "
    "(UU 14/2008 Pasal 22). Layanan informasi tidak dipungut biaya; salinan dapat dikenakan biaya "
    "penggandaan sesuai ketentuan."
)


def seed_demo_portal(stdout: IO[Any] | None = None) -> None:
    for body in PublicBody.objects.filter(is_active=True):
        _page, created = BodyPage.objects.get_or_create(
            body=body,
            defaults={
                "charter": f"MAKLUMAT PELAYANAN {body.name.upper()}\n\n{CHARTER}",
                "hours_note": "Istirahat 12.00–13.00; Jumat 11.30–13.00.",
            },
        )
        if created and stdout is not None:
            stdout.write(f"Halaman publik {body.slug}: maklumat pelayanan\n")
