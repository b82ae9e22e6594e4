"""Running state of SOPs: the adopted definitions (versions) and the cases and tasks that walk them.

The definition is data (``schema.SopDefinition``, parsed from the YAML text stored in ``SopVersion``);
these models hold only what happens while a case runs (STYLE.md habit 4). Every change is made by a
function in ``services.py`` and recorded as an audit event plus a ``TaskEvent`` row (the outbox the
reminders read). Due dates are stored, indexed columns computed once when a task opens (habit 5).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import cached_property
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import Position, PublicBody, Unit

if TYPE_CHECKING:
    from .schema import SopDefinition
    from .steps import Step


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
    # The SLA of closed processes, folded in when each closes (issue #13: the SOP list stays flat however
    # many tasks a body has finished); open processes are counted live (selectors.sop_sla_many).
    sla_steps_done = models.PositiveIntegerField(default=0, editable=False)
    sla_steps_on_time = models.PositiveIntegerField(default=0, editable=False)
    sla_cases_done = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("SOP")
        verbose_name_plural = _("SOP")
        ordering = ["body_id", "title"]
        constraints = [models.UniqueConstraint(fields=["body", "slug"], name="sop_unique_body_slug")]

    def __str__(self) -> str:
        return self.title


class SopVersion(models.Model):
    """One uploaded YAML text of a SOP. Immutable: a change is a new version; running cases keep theirs.

    A new version is a draft until the PPID (or the body's administrator) approves it; only an approved
    version becomes the SOP's current version, is shown to the public and is used for new processes."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("konsep, menunggu persetujuan")
        APPROVED = "approved", _("disetujui")
        REJECTED = "rejected", _("ditolak")

    sop = models.ForeignKey(Sop, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("versi"))
    source = models.TextField(_("teks YAML"))
    filename = models.CharField(_("nama berkas"), max_length=255, blank=True)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

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
            from .loader import load_definition

            # Adopted versions were validated against the actions and roles of their day; a pinned version
            # loads again without re-checking them (renamed actions keep their aliases, see actions.py).
            defn = load_definition(self.source, self.filename or "sop.yaml")
            _DEFINITIONS[self.sha256] = defn
        return defn


class Case(models.Model):
    """One run of a SOP version (e.g. "Penyusunan DIK 2026"), optionally about a subject."""

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
    # What the process is about (a request, a DIK proposal round, a DIP edition, an objection); the domain
    # object also points back at its case.
    subject_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    # The unit the process is routed to (chosen by a step, e.g. the unit that holds the information):
    # steps whose lane is bound to a unit open for this unit only.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("proses SOP")
        verbose_name_plural = _("proses SOP")
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["body", "status"], name="sop_case_body_status"),
            models.Index(fields=["subject_type", "subject_id"], name="sop_case_subject"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def definition(self) -> SopDefinition:
        return self.sop_version.definition


class Task(models.Model):
    """One step of a case for one lane (and, for fan-out or unit-bound roles, one unit).

    A ``paraf`` step has two tasks in turn: the drafter's (``phase="konsep"``), then the sign-off
    (``phase="paraf"``), whose lane follows the document's chain and which completes when it is signed."""

    class Status(models.TextChoices):
        OPEN = "open", _("terbuka")
        DONE = "done", _("selesai")
        RETURNED = "returned", _("dikembalikan")
        CANCELLED = "cancelled", _("dibatalkan")
        EXPIRED = "expired", _("lewat waktu, tidak dijawab")

    class Phase(models.TextChoices):
        WORK = "", _("pelaksanaan")
        DRAFT = "konsep", _("penyusunan konsep naskah")
        SIGNOFF = "paraf", _("paraf dan tanda tangan")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    step_no = models.PositiveIntegerField(_("langkah"))
    phase = models.CharField(max_length=8, choices=Phase.choices, default="", blank=True)
    lane = models.CharField(_("pelaksana"), max_length=64)
    role = models.CharField(max_length=32)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="sop_tasks")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField()
    received_on = models.DateField(null=True, blank=True)  # the working day the clock starts from
    due_date = models.DateField(_("batas waktu"), null=True, blank=True, db_index=True)
    # The moment the task is late after: the body's closing time on the due date, in its own zone.
    due_at = models.DateTimeField(null=True, blank=True)
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
    data = models.JSONField(_("isian aksi"), null=True, blank=True)  # the action's validated input
    late = models.BooleanField(_("dijawab setelah ditutup"), default=False)
    # Stored when the task ends (STYLE.md habit 5), so SLA figures are counts, not scans: True when done by
    # its deadline, False when done late or left unanswered, None when the step set no limit.
    on_time = models.BooleanField(null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="sop_tasks"
    )
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
            models.Index(fields=["status", "due_at"], name="sop_task_status_due_at"),
            models.Index(fields=["case", "step_no"], name="sop_task_case_step"),
            models.Index(fields=["status", "role"], name="sop_task_status_role"),
            models.Index(fields=["status", "on_time"], name="sop_task_status_on_time"),
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
    def step(self) -> Step:
        return self.case.definition.step(self.step_no)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def finished_on_time(self, at: dt.datetime) -> bool | None:
        return None if self.due_at is None else at <= self.due_at

    def is_overdue(self, now: dt.datetime | None = None) -> bool:
        """Open past its deadline. The one definition of "overdue" (``due_at`` carries the body's zone)."""
        return (
            self.status == self.Status.OPEN
            and self.due_at is not None
            and (now or timezone.now()) > self.due_at
        )


class StepOutput(models.Model):
    """What a step produced, by step and key (the normalised output name), never by a file's label.

    An output is a stored file (an upload), a document (a letter signed in its chain), or an object a domain
    action made (proposal rows, a consequence-test session, a decree), or several of these. In a fan-out
    each unit's task records its own. Later steps find their kelengkapan here."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="outputs")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="outputs")
    step_no = models.PositiveIntegerField()
    key = models.CharField(max_length=200)
    name = models.CharField(_("output"), max_length=300)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    stored_file = models.ForeignKey(
        "documents.StoredFile", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    item_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    item_id = models.PositiveBigIntegerField(null=True, blank=True)
    item = GenericForeignKey("item_type", "item_id")
    summary = models.CharField(max_length=500, blank=True)
    late = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("output langkah")
        verbose_name_plural = _("output langkah")
        ordering = ["case_id", "created_at", "pk"]
        indexes = [models.Index(fields=["case", "key"], name="sop_output_case_key")]

    def __str__(self) -> str:
        return f"{self.step_no}: {self.name}"


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
    """The case's timeline: one row per transition (from, to, actor, note, time).

    It is also the outbox of notifications: each row is one thing that happened to someone's work."""

    class Kind(models.TextChoices):
        STARTED = "started", _("proses dimulai")
        OPENED = "opened", _("tugas dibuka")
        COMPLETED = "completed", _("tugas diselesaikan")
        LATE_ANSWER = "late_answer", _("dijawab setelah pengumpulan ditutup")
        DRAFTED = "drafted", _("konsep naskah dibuat")
        PARAF = "paraf", _("naskah diparaf")
        SIGNED = "signed", _("naskah ditandatangani")
        DOC_RETURNED = "doc_returned", _("naskah dikembalikan untuk diperbaiki")
        DOC_REVISED = "doc_revised", _("konsep naskah diperbaiki")
        RETURNED = "returned", _("dikembalikan ke langkah sebelumnya")
        REASSIGNED = "reassigned", _("dialihkan")
        DELEGATED = "delegated", _("didelegasikan kepada Plt./Plh.")
        COMMENT = "comment", _("komentar")
        EXPIRED = "expired", _("tidak dijawab sampai batas waktu")
        JOINED = "joined", _("pengumpulan ditutup")
        FANOUT_EMPTY = "fanout_empty", _("tidak ada unit yang dituju")
        ROUTED = "routed", _("diteruskan ke unit")
        CANCELLED = "cancelled", _("proses dibatalkan")
        FINISHED = "finished", _("proses selesai")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, null=True, blank=True, related_name="events")
    kind = models.CharField(max_length=32, choices=Kind.choices)
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
