"""Official documents (naskah dinas) and the archive of every file a body keeps.

* ``StoredFile`` is one archived file: an upload or a rendered document. Rows are never updated in a way
  that changes their content and never deleted; a change is a new row whose ``previous`` points at the
  row it supersedes (a version chain).
* ``Document`` is one generated letter/decree (its kind, number, date, context) with its ``SignOff`` rows
  (paraf and signatures) and a public verification token.
* ``NumberPattern`` is a body's numbering pattern per kind; the numbers come from ``core.sequences``.
* ``BodyTemplate`` is a body's own DOCX template for a kind.
* ``FileAccess`` logs every opening of an archived file (UU 14/2008 Pasal 54).
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import PublicBody, Unit
from terbuka.core.people import ACTING_PREFIX


class Classification(models.TextChoices):
    PUBLIK = "publik", _("Publik")
    INTERNAL = "internal", _("Internal")
    DIKECUALIKAN = "dikecualikan", _("Dikecualikan")


class StoredFileQuerySet(models.QuerySet["StoredFile"]):
    """Archived files are append-only: bulk deletes are refused at the ORM level."""

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Arsip tidak boleh dihapus; perubahan disimpan sebagai versi baru.")

    def current(self) -> StoredFileQuerySet:
        """Only the newest version of each chain."""
        return self.filter(next_version__isnull=True)


def _default_token() -> str:
    return secrets.token_urlsafe(18)


class StoredFile(models.Model):
    """One archived file (upload or generated document). Never overwritten, never deleted."""

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="stored_files")
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stored_files",
        help_text=_("Unit pengunggah/pemilik berkas (menentukan PPID Pembantu yang boleh membuka)."),
    )
    case = models.ForeignKey(
        "sop.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="files",
        verbose_name=_("proses SOP"),
    )
    step_no = models.PositiveSmallIntegerField(_("nomor langkah SOP"), null=True, blank=True)
    label = models.CharField(
        _("label"),
        max_length=200,
        blank=True,
        help_text=_("Kelengkapan atau output yang dipenuhi berkas ini."),
    )
    kind = models.CharField(_("jenis naskah"), max_length=60, blank=True, db_index=True)
    document = models.ForeignKey(
        "Document", on_delete=models.PROTECT, null=True, blank=True, related_name="files"
    )
    original_name = models.CharField(_("nama berkas asli"), max_length=255)
    file = models.FileField(_("berkas"), max_length=400)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    content_type = models.CharField(_("jenis isi"), max_length=120)
    classification = models.CharField(
        _("klasifikasi"), max_length=20, choices=Classification.choices, default=Classification.INTERNAL
    )
    retention_years = models.PositiveSmallIntegerField(_("masa retensi (tahun)"), default=10)
    retention_until = models.DateField(_("retensi sampai"), null=True, blank=True)
    box = models.CharField(_("boks"), max_length=60, blank=True)
    cabinet = models.CharField(_("lemari"), max_length=60, blank=True)
    shelf = models.CharField(_("rak"), max_length=60, blank=True)
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
        verbose_name=_("versi sebelumnya"),
    )
    version = models.PositiveIntegerField(_("versi"), default=1)
    source = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derived",
        verbose_name=_("dibuat dari berkas"),
        help_text=_("Berkas asal, mis. DOCX yang dikonversi menjadi PDF ini."),
    )
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = StoredFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("berkas arsip")
        verbose_name_plural = _("arsip berkas")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["file"], name="storedfile_path_unique"),
            models.CheckConstraint(
                condition=Q(previous__isnull=True, version=1) | Q(previous__isnull=False, version__gt=1),
                name="storedfile_version_chain",
            ),
        ]
        indexes = [models.Index(fields=["body", "kind", "-created_at"], name="storedfile_body_kind")]

    def __str__(self) -> str:
        if self.is_exempt:  # the label may say what the exempted file holds (admin titles, audit object_repr)
            label = _("Berkas dikecualikan")
            return f"{label} #{self.pk} (v{self.version})"
        return f"{self.label or self.original_name} (v{self.version})"

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Arsip tidak boleh dihapus; perubahan disimpan sebagai versi baru.")

    @property
    def is_exempt(self) -> bool:
        return self.classification == Classification.DIKECUALIKAN

    @property
    def physical_location(self) -> str:
        parts = [
            f"{_('Lemari')} {self.cabinet}" if self.cabinet else "",
            f"{_('Rak')} {self.shelf}" if self.shelf else "",
            f"{_('Boks')} {self.box}" if self.box else "",
        ]
        return ", ".join(p for p in parts if p)

    def versions(self) -> list[StoredFile]:
        """The whole chain, oldest first."""
        first: StoredFile = self
        guard = 0
        while first.previous_id is not None and guard < 1000:
            first = first.previous  # type: ignore[assignment]
            guard += 1
        chain = [first]
        node = first
        while guard < 2000:
            nxt = StoredFile.objects.filter(previous=node).first()
            if nxt is None:
                break
            chain.append(nxt)
            node = nxt
            guard += 1
        return chain


class FileAccess(models.Model):
    """Every opening of an archived file, allowed or refused (UU 14/2008 Pasal 54)."""

    stored_file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="accesses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    allowed = models.BooleanField(_("diizinkan"))
    reason = models.CharField(_("alasan"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # Refusals of users outside the body are counted on one row per user, file and window (issue #7 item 9).
    count = models.PositiveIntegerField(_("jumlah percobaan"), default=1)
    last_at = models.DateTimeField(_("percobaan terakhir"), null=True, blank=True)

    class Meta:
        verbose_name = _("akses berkas")
        verbose_name_plural = _("log akses berkas")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.stored_file_id} {self.user_id} {'ok' if self.allowed else 'ditolak'}"


class Document(models.Model):
    """One generated naskah dinas: kind, number, date, the context it was rendered from, its sign-offs."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Konsep")
        RETURNED = "returned", _("Dikembalikan untuk perbaikan")
        FINAL = "final", _("Final (ditandatangani)")

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="documents")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="documents")
    kind = models.CharField(_("jenis naskah"), max_length=60, db_index=True)
    number = models.CharField(_("nomor"), max_length=200, blank=True)
    register_number = models.CharField(_("nomor register"), max_length=200, blank=True)
    date = models.DateField(_("tanggal"))
    subject = models.CharField(_("hal/tentang"), max_length=500, blank=True)
    context = models.JSONField(_("isi"), default=dict)
    case = models.ForeignKey(
        "sop.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    step_no = models.PositiveSmallIntegerField(null=True, blank=True)
    label = models.CharField(max_length=200, blank=True)
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.INTERNAL
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The sign-off round: returning a draft for revision starts a new round (the chain starts over; the
    # earlier rounds' sign-offs stay on record).
    round = models.PositiveSmallIntegerField(_("putaran paraf"), default=1)
    return_note = models.TextField(_("catatan pengembalian"), blank=True)
    signed_at = models.DateTimeField(_("ditandatangani pada"), null=True, blank=True)
    verify_token = models.CharField(max_length=40, unique=True, default=_default_token)
    render_error = models.TextField(blank=True)
    # The signed files, set only by document_sign / document_render_pdf: the verification page shows these
    # and nothing else (a later upload can never take their place).
    final_docx = models.ForeignKey(
        "StoredFile", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    final_pdf = models.ForeignKey(
        "StoredFile", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("naskah dinas")
        verbose_name_plural = _("naskah dinas")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "number"], condition=~Q(number=""), name="document_number_unique"
            ),
            models.UniqueConstraint(
                fields=["body", "register_number"],
                condition=~Q(register_number=""),
                name="document_register_unique",
            ),
            models.CheckConstraint(
                condition=~Q(status="final") | ~Q(number=""), name="document_final_has_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.number or '(tanpa nomor)'}"

    @property
    def kind_title(self) -> str:
        from .kinds import REGISTRY

        spec = REGISTRY.get(self.kind)
        return spec.title if spec is not None else self.kind

    def current_signoffs(self) -> models.QuerySet[SignOff]:
        """Sign-offs of the current round (all of them once final)."""
        return self.signoffs.filter(round=self.round)

    def docx(self) -> StoredFile | None:
        return self.files.filter(content_type=DOCX_MIME).order_by("-version", "-pk").first()

    def pdf(self) -> StoredFile | None:
        return self.files.filter(content_type="application/pdf").order_by("-version", "-pk").first()

    def final_files(self) -> list[StoredFile]:
        """The signed DOCX and the PDF made from it (drafts' files are not shown on the public page)."""
        if self.status != self.Status.FINAL or self.final_docx is None:
            return []
        return [self.final_docx] + ([self.final_pdf] if self.final_pdf is not None else [])


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class SignStep(models.Model):
    """One planned step of a document's sign-off chain: paraf by one official, or the signature.

    The official is named by user, or by role (and unit) so that whoever holds the role that day (the
    holder or a Plt./Plh.) may act. Steps run in ``order``; the signature (``ttd``) is the last step.
    """

    document = models.ForeignKey("Document", on_delete=models.PROTECT, related_name="steps")
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=5, choices=[("paraf", _("Paraf")), ("ttd", _("Tanda tangan"))])
    role = models.CharField(_("peran"), max_length=40)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    on_behalf_of = models.CharField(_("atas nama"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("langkah paraf/tanda tangan")
        verbose_name_plural = _("rantai paraf dan tanda tangan")
        ordering = ["document", "order"]
        constraints = [models.UniqueConstraint(fields=["document", "order"], name="signstep_order_unique")]

    def __str__(self) -> str:
        return f"{self.document_id}#{self.order} {self.kind} {self.role}"


class SignOff(models.Model):
    """A paraf (initial) or signature on a document: who, in which position, acting for whom, when."""

    class Kind(models.TextChoices):
        PARAF = "paraf", _("Paraf")
        TTD = "ttd", _("Tanda tangan")

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="signoffs")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(default=0)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    position = models.ForeignKey(
        "core.Position", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    position_title = models.CharField(_("jabatan"), max_length=200)
    acting_kind = models.CharField(_("Plt./Plh."), max_length=3, blank=True)
    on_behalf_of = models.CharField(
        _("atas nama"), max_length=200, blank=True, help_text=_("a.n. (atas nama) pejabat lain, bila ada")
    )
    name = models.CharField(_("nama"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=30, blank=True)
    rank = models.CharField(_("pangkat"), max_length=100, blank=True)
    signed_at = models.DateTimeField(default=timezone.now)
    step = models.ForeignKey(
        SignStep, on_delete=models.PROTECT, null=True, blank=True, related_name="signoffs"
    )
    round = models.PositiveSmallIntegerField(default=1)
    note = models.CharField(_("catatan"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("paraf/tanda tangan")
        verbose_name_plural = _("paraf dan tanda tangan")
        ordering = ["document", "kind", "order", "pk"]
        constraints = [
            # A step is performed once per round, whatever the application does (double clicks).
            models.UniqueConstraint(
                fields=["step", "round"], condition=Q(step__isnull=False), name="signoff_once_per_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"

    @property
    def acting_prefix(self) -> str:
        return ACTING_PREFIX.get(self.acting_kind, "")

    @property
    def title_line(self) -> str:
        return f"{self.acting_prefix}{self.position_title}"


class NumberPattern(models.Model):
    """A body's numbering pattern for one kind, see numbering.py."""

    body = models.ForeignKey(PublicBody, on_delete=models.CASCADE, related_name="number_patterns")
    kind = models.CharField(max_length=60)
    pattern = models.CharField(_("pola nomor"), max_length=200)
    klasifikasi = models.CharField(_("kode klasifikasi"), max_length=40, blank=True)
    register_pattern = models.CharField(_("pola nomor register"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("pola penomoran")
        verbose_name_plural = _("pola penomoran")
        constraints = [models.UniqueConstraint(fields=["body", "kind"], name="numberpattern_body_kind")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.pattern}"


class BodyTemplate(models.Model):
    """A body's own DOCX template for a kind. Only accepted after it rendered the kind's sample."""

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="document_templates")
    kind = models.CharField(max_length=60)
    file = models.FileField(max_length=400)
    sha256 = models.CharField(max_length=64)
    is_active = models.BooleanField(default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("templat naskah badan")
        verbose_name_plural = _("templat naskah badan")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "kind"], condition=Q(is_active=True), name="bodytemplate_one_active"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body_id} {self.kind}"
