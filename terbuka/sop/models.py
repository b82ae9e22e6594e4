"""Running state of SOPs: the adopted definitions (versions) and the cases and tasks that walk them.

The definition is data (``schema.SopDefinition``, parsed from the YAML text stored in ``SopVersion``);
these models hold only what happens while a case runs (STYLE.md habit 4). Every change is made by a
function in ``services.py`` and recorded as an audit event plus a ``TaskEvent`` row (the outbox the
reminders read). Due dates are stored, indexed columns computed once when a task opens (habit 5).
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import Position, PublicBody, Unit
from terbuka.core.roles import Role

if TYPE_CHECKING:
    from .schema import SopDefinition


# Parsed definitions per process, keyed by the text's SHA-256: versions are immutable, so a hash names one
# definition forever, and a cache hit needs no read of the (possibly deferred) YAML text.
_DEFINITIONS: dict[str, SopDefinition] = {}


class Sop(models.Model):
    """One SOP of a body (e.g. "Penyusunan DIK"), with its successive versions."""

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="sops")
    slug = models.SlugField(max_length=100)
    title = models.CharField(_("judul"), max_length=300)
    is_active = models.BooleanField(_("aktif"), default=True)
    current_version = models.ForeignKey(
        "SopVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("SOP")
        verbose_name_plural = _("SOP")
        ordering = ["body_id", "title"]
        constraints = [models.UniqueConstraint(fields=["body", "slug"], name="sop_unique_body_slug")]

    def __str__(self) -> str:
        return self.title


class SopVersion(models.Model):
    """One adopted YAML text of a SOP. Immutable: a change is a new version; running cases keep theirs."""

    sop = models.ForeignKey(Sop, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("versi"))
    source = models.TextField(_("teks YAML"))
    filename = models.CharField(_("nama berkas"), max_length=255, blank=True)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("versi SOP")
        verbose_name_plural = _("versi SOP")
        ordering = ["sop_id", "-number"]
        constraints = [models.UniqueConstraint(fields=["sop", "number"], name="sopversion_unique_number")]

    def __str__(self) -> str:
        return f"{self.sop} v{self.number}"

    @staticmethod
    def digest(source: str) -> str:
        return hashlib.sha256(source.encode()).hexdigest()

    @cached_property
    def definition(self) -> SopDefinition:
        """The parsed definition; cached per process by hash, so hot paths may defer ``source``."""
        defn = _DEFINITIONS.get(self.sha256)
        if defn is None:
            from .actions import names
            from .loader import load_definition

            defn = load_definition(self.source, self.filename or "sop.yaml", actions=names())
            _DEFINITIONS[self.sha256] = defn
        return defn


class Case(models.Model):
    """One run of a SOP version (e.g. "Penyusunan DIK 2026")."""

    class Status(models.TextChoices):
        OPEN = "open", _("berjalan")
        DONE = "done", _("selesai")
        CANCELLED = "cancelled", _("dibatalkan")

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="sop_cases")
    sop_version = models.ForeignKey(SopVersion, on_delete=models.PROTECT, related_name="cases")
    title = models.CharField(_("judul"), max_length=300)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(_("alasan pembatalan"), blank=True)

    class Meta:
        verbose_name = _("proses SOP")
        verbose_name_plural = _("proses SOP")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["body", "status"], name="sop_case_body_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def definition(self) -> SopDefinition:
        return self.sop_version.definition


class Task(models.Model):
    """One step of a case for one lane (and, for fan-out or unit-bound roles, one unit)."""

    class Status(models.TextChoices):
        OPEN = "open", _("terbuka")
        DONE = "done", _("selesai")
        RETURNED = "returned", _("dikembalikan")
        CANCELLED = "cancelled", _("dibatalkan")
        EXPIRED = "expired", _("lewat waktu, tidak dijawab")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    step_no = models.PositiveIntegerField(_("langkah"))
    lane = models.CharField(_("pelaksana"), max_length=64)
    role = models.CharField(max_length=32, choices=Role.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="sop_tasks")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField()
    received_on = models.DateField(null=True, blank=True)  # the working day the clock starts from
    due_date = models.DateField(_("batas waktu"), null=True, blank=True, db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acting_for = models.ForeignKey(
        Position, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acting_kind = models.CharField(max_length=8, blank=True)  # "", "plt", "plh"
    decision = models.BooleanField(null=True, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sop_tasks_assigned",
        help_text=_("kosong: semua pemegang peran pelaksana"),
    )

    class Meta:
        verbose_name = _("tugas SOP")
        verbose_name_plural = _("tugas SOP")
        ordering = ["case_id", "opened_at", "id"]
        indexes = [
            models.Index(fields=["status", "due_date"], name="sop_task_status_due"),
            models.Index(fields=["case", "step_no"], name="sop_task_case_step"),
        ]
        constraints = [
            # one open task per step and unit; NULLs are distinct in SQL: unit-less tasks get their own rule
            models.UniqueConstraint(
                fields=["case", "step_no", "unit"],
                condition=Q(status="open", unit__isnull=False),
                name="sop_task_one_open_per_unit",
            ),
            models.UniqueConstraint(
                fields=["case", "step_no"],
                condition=Q(status="open", unit__isnull=True),
                name="sop_task_one_open_per_step",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} · langkah {self.step_no}"

    @property
    def step(self):  # -> schema.Step
        return self.case.definition.step(self.step_no)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class SignOff(models.Model):
    """One initial (paraf) or the signature (tanda tangan) inside a ``paraf`` step, in order."""

    class Kind(models.TextChoices):
        PARAF = "paraf", _("paraf")
        SIGN = "ttd", _("tanda tangan")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="signoffs")
    order = models.PositiveSmallIntegerField()
    lane = models.CharField(max_length=64)
    role = models.CharField(max_length=32, choices=Role.choices)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acting_for = models.ForeignKey(
        Position, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acting_kind = models.CharField(max_length=8, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("paraf/tanda tangan")
        verbose_name_plural = _("paraf/tanda tangan")
        ordering = ["task_id", "order"]
        constraints = [models.UniqueConstraint(fields=["task", "order"], name="sop_signoff_unique_order")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.lane}"


class TaskComment(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("komentar"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("komentar tugas")
        verbose_name_plural = _("komentar tugas")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class CaseEvent(models.Model):
    """The case's timeline: one row per transition (from, to, actor, note, time)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, null=True, blank=True, related_name="events")
    kind = models.CharField(max_length=32)  # started, opened, completed, returned, ...
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acting_label = models.CharField(max_length=300, blank=True)
    step_no = models.PositiveIntegerField(null=True, blank=True)
    to_step = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.step_no or ''}"


class Reminder(models.Model):
    """What ``send_reminders`` has sent, so a task is never e-mailed twice for the same reason."""

    class Reason(models.TextChoices):
        DUE_SOON = "due_soon", _("segera jatuh tempo")
        OVERDUE = "overdue", _("lewat batas waktu")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    reason = models.CharField(max_length=16, choices=Reason.choices)
    recipients = models.TextField(blank=True)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "reason"], name="sop_reminder_once_per_reason")
        ]

    def __str__(self) -> str:
        return f"{self.task_id} {self.reason}"


from .matrix_files import MatrixFile  # noqa: E402, F401  (the model lives beside its logic)
