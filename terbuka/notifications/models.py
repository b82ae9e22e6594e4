"""Notifications: one row per thing that happened to someone's work, made from the timeline.

The source of truth is the process timeline (``sop.CaseEvent``, and the documents chain for letters outside
a process); ``collect.py`` turns each event into rows for the people it concerns (idempotent: one row per
user and source). Each user chooses e-mail per event, a daily digest, or none; the scheduled jobs send the
mail with retries. The in-app list and the unread count read these rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import PublicBody


class Notification(models.Model):
    class Kind(models.TextChoices):
        TASK = "tugas", _("tugas baru")
        SIGNOFF = "paraf", _("menunggu paraf/tanda tangan")
        RETURNED = "dikembalikan", _("naskah dikembalikan")
        SIGNED = "ditandatangani", _("naskah ditandatangani")
        ASSIGNED = "dialihkan", _("tugas dialihkan kepada Anda")
        FINISHED = "selesai", _("proses selesai")
        CANCELLED = "batal", _("proses dibatalkan")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    body = models.ForeignKey(PublicBody, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=80)  # "caseevent:123" or "document:45:paraf:2"
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    email_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("pemberitahuan")
        verbose_name_plural = _("pemberitahuan")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "source"], name="notification_once_per_source")
        ]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_user_unread"),
            models.Index(fields=["emailed_at", "next_attempt_at"], name="notification_outbox"),
        ]

    def __str__(self) -> str:
        return self.title


class Preference(models.Model):
    class Email(models.TextChoices):
        EACH = "segera", _("setiap pemberitahuan, segera")
        DAILY = "harian", _("ringkasan harian")
        NONE = "tidak", _("tidak perlu surel")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email = models.CharField(
        _("surel pemberitahuan"), max_length=8, choices=Email.choices, default=Email.EACH
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pengaturan pemberitahuan")
        verbose_name_plural = _("pengaturan pemberitahuan")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email}"


class Cursor(models.Model):
    """How far the collector has read the timeline (the outbox position)."""

    name = models.CharField(max_length=40, unique=True)
    last_id = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}: {self.last_id}"
