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
    # When the content was last refreshed (berkala information: at least every 6 months, DOMAIN.md §2,
    # UU 14/2008 Pasal 9 ayat (4)). Set on create and by ``item_refresh``; an edit of the columns counts.
    refreshed_at = models.DateTimeField(_("terakhir diperbarui"), default=timezone.now)
    refresh_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Stemmed words of the title, summary and holders (search.py); indexed by FTS5 (SQLite) or a GIN
    # tsvector index (PostgreSQL), see migration 0002.
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("informasi")
        verbose_name_plural = _("daftar informasi")
        ordering = ["body_id", "category", "title", "pk"]
        indexes = [models.Index(fields=["body", "is_public", "category"], name="item_body_public_category")]

    def __str__(self) -> str:
        return self.title


class ItemAttachment(models.Model):
    """A file (through the archive: hashed, versioned, access-logged) or a link that carries an item."""

    item = models.ForeignKey(InformationItem, on_delete=models.CASCADE, related_name="attachments")
    label = models.CharField(_("nama lampiran"), max_length=300)
    stored_file = models.ForeignKey(
        "documents.StoredFile", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    url = models.URLField(_("tautan"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["item_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(stored_file__isnull=False) & models.Q(url=""))
                | (models.Q(stored_file__isnull=True) & ~models.Q(url="")),
                name="attachment_file_xor_link",
            )
        ]

    def __str__(self) -> str:
        return self.label


class DipEdition(models.Model):
    """One edition of a body's DIP: set (penetapan) or updated (pemutakhiran) by a decision with a number
    and a date (Perki 1/2021 Pasal 23: DIP establishment and updating is a service standard). Every edition
    is kept with a snapshot of its rows (``DipEntry``), so any two can be compared."""

    class Kind(models.TextChoices):
        PENETAPAN = "penetapan", _("Penetapan")
        PEMUTAKHIRAN = "pemutakhiran", _("Pemutakhiran")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Konsep")
        SET = "ditetapkan", _("Ditetapkan")
        PUBLISHED = "diumumkan", _("Diumumkan")

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="dip_editions")
    number = models.PositiveIntegerField(_("edisi ke"))
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(_("judul"), max_length=300, blank=True)
    decree_number = models.CharField(_("nomor keputusan"), max_length=200, blank=True)
    decree_date = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decree_file = models.ForeignKey(
        "documents.StoredFile", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    archive_file = models.ForeignKey(
        "documents.StoredFile", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    set_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("edisi DIP")
        verbose_name_plural = _("edisi DIP")
        ordering = ["body_id", "-number"]
        constraints = [models.UniqueConstraint(fields=["body", "number"], name="dip_edition_number")]

    def __str__(self) -> str:
        return f"DIP {self.body_id} #{self.number}"


class DipEntry(models.Model):
    """A row of an edition: the item it lists and, once the edition is set, a frozen copy of its columns."""

    edition = models.ForeignKey(DipEdition, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(
        InformationItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="dip_entries"
    )
    item_key = models.PositiveBigIntegerField()  # the item's pk, kept if the item is ever removed
    snapshot = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["edition_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["edition", "item_key"], name="dip_entry_once")]

    def __str__(self) -> str:
        return str(self.snapshot.get("title") or self.item_key)
