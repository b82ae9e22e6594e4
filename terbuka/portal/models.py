"""The portal's own data: what a body says on its public home beyond its identity (service charter, service
hours note)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import PublicBody


class BodyPage(models.Model):
    """The public home's texts of a body: the service charter (maklumat pelayanan, Perki 1/2021 Pasal 23)
    and a note on service hours (breaks, Friday hours)."""

    body = models.OneToOneField(PublicBody, on_delete=models.CASCADE, related_name="portal_page")
    charter = models.TextField(_("maklumat pelayanan"), blank=True)
    hours_note = models.CharField(_("catatan jam layanan"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("halaman publik badan")
        verbose_name_plural = _("halaman publik badan")

    def __str__(self) -> str:
        return str(self.body)
