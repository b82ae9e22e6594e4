"""Information items: the rows of the public information list (DIP) and the things the exempted-information
list (DIK) is about (DOMAIN.md §2 and §6).

An item is one piece of information a body holds, with the DIP columns of Perki 1/2010 Lampiran II kept in
practice (summary, the official or unit holding it, who is responsible for making it, when and where it was
made, the form it is available in, how long it is kept) plus its category (UU 14/2008 Pasal 9-12), year and
whether it is public. Items are created by officers, by a consequence test that decides "not exempt", by
declassification, and by spreadsheet import; every change goes through ``services.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import PublicBody, Unit


class Category(models.TextChoices):
    """UU 14/2008 Pasal 9-12 (DOMAIN.md §2)."""

    BERKALA = "berkala", _("Informasi berkala")
    SERTA_MERTA = "serta_merta", _("Informasi serta merta")
    SETIAP_SAAT = "setiap_saat", _("Informasi tersedia setiap saat")
    DIKECUALIKAN = "dikecualikan", _("Informasi yang dikecualikan")


class Form(models.TextChoices):
    """Bentuk informasi yang tersedia (DIP column)."""

    SOFTCOPY = "softcopy", _("Softcopy")
    HARDCOPY = "hardcopy", _("Hardcopy")
    KEDUANYA = "keduanya", _("Softcopy dan hardcopy")


class Source(models.TextChoices):
    PETUGAS = "petugas", _("dicatat petugas")
    UJI = "uji", _("hasil uji konsekuensi: tidak dikecualikan")
    DEKLASIFIKASI = "deklasifikasi", _("dibuka setelah masa pengecualian")
    IMPOR = "impor", _("impor lembar kerja")
    USULAN = "usulan", _("usulan unit kerja")


class InformationItem(models.Model):
    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="information_items")
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="information_items",
        verbose_name=_("unit yang menguasai"),
    )
    title = models.CharField(_("judul informasi"), max_length=500)
    summary = models.TextField(_("ringkasan isi informasi"), blank=True)
    official = models.CharField(_("pejabat yang menguasai informasi"), max_length=300, blank=True)
    responsible = models.CharField(_("penanggung jawab pembuatan/penerbitan"), max_length=300, blank=True)
    made_when = models.CharField(_("waktu pembuatan"), max_length=120, blank=True)
    made_where = models.CharField(_("tempat pembuatan"), max_length=200, blank=True)
    form = models.CharField(_("bentuk informasi"), max_length=10, choices=Form.choices, default=Form.KEDUANYA)
    retention = models.CharField(_("jangka waktu penyimpanan"), max_length=200, blank=True)
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    year = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True, db_index=True)
    is_public = models.BooleanField(_("terbuka untuk publik"), default=False)
    source = models.CharField(_("asal"), max_length=20, choices=Source.choices, default=Source.PETUGAS)
    # Where the item came from, as "<app>.<model>:<pk>" (e.g. the consequence-test decision that opened it).
    source_ref = models.CharField(max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("informasi")
        verbose_name_plural = _("daftar informasi")
        ordering = ["body_id", "category", "title", "pk"]
        indexes = [models.Index(fields=["body", "is_public", "category"], name="item_body_public_category")]

    def __str__(self) -> str:
        return self.title
