"""System checks of the deployment (``terbuka check --deploy``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_given(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """Letters print SITE_URL in their QR code and verification link, e-mails link to it: a production
    without it would send citizens to http://127.0.0.1:8000 (issue 9 item 3)."""
    if getattr(settings, "SITE_URL_GIVEN", True):
        return []
    return [
        Warning(
            "SITE_URL belum diatur: kode QR dan tautan verifikasi pada naskah serta tautan dalam surel akan "
            f"menunjuk ke {settings.SITE_URL}.",
            hint="Atur SITE_URL ke alamat publik Terbuka, mis. SITE_URL=https://ppid.kotakupang.go.id",
            id="terbuka.W001",
        )
    ]
