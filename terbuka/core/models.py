"""Tenants, people, roles, the working-day calendar and the audit trail."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person. Civil-servant identity (NIP, rank) is the person's; the title belongs to the position."""

    full_name = models.CharField(_("nama lengkap"), max_length=200, blank=True)
    nip = models.CharField(_("NIP"), max_length=30, blank=True)
    rank = models.CharField(_("pangkat/golongan"), max_length=100, blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class PublicBody(models.Model):
    """A Badan Publik: the tenant. Every owned row carries one."""

    class Kind(models.TextChoices):
        PROVINSI = "provinsi", _("Pemerintah Provinsi")
        KABUPATEN = "kabupaten", _("Pemerintah Kabupaten")
        KOTA = "kota", _("Pemerintah Kota")
        KEMENTERIAN = "kementerian", _("Kementerian")
        LEMBAGA = "lembaga", _("Lembaga")
        BUMN = "bumn", _("BUMN")
        BUMD = "bumd", _("BUMD")
        OTHER = "lainnya", _("Lainnya")

    class TimeZone(models.TextChoices):
        # The three Indonesian time zones; deadlines and office hours are local.
        WIB = "Asia/Jakarta", _("WIB (UTC+7)")
        WITA = "Asia/Makassar", _("WITA (UTC+8)")
        WIT = "Asia/Jayapura", _("WIT (UTC+9)")

    name = models.CharField(_("nama"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    region = models.CharField(_("wilayah"), max_length=120, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    postal_code = models.CharField(_("kode pos"), max_length=10, blank=True)
    phone = models.CharField(_("telepon"), max_length=60, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    website = models.URLField(_("laman"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    letterhead = models.TextField(
        _("kop surat"),
        blank=True,
        help_text=_("Baris-baris kop surat, satu per baris, mis. PEMERINTAH KOTA SERANG."),
    )
    head_title = models.CharField(
        _("sebutan kepala daerah/pimpinan"), max_length=80, blank=True, help_text=_("mis. Wali Kota Serang")
    )
    time_zone = models.CharField(
        _("zona waktu"), max_length=20, choices=TimeZone.choices, default=TimeZone.WIB
    )
    office_opens = models.TimeField(_("jam layanan mulai"), default=dt.time(8, 0))
    office_closes = models.TimeField(_("jam layanan selesai"), default=dt.time(16, 0))
    max_upload_mb = models.PositiveSmallIntegerField(_("batas unggahan (MB)"), default=20)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("badan publik")
        verbose_name_plural = _("badan publik")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(office_opens__lt=models.F("office_closes")), name="body_office_hours_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def tz_label(self) -> str:
        return {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}[self.time_zone]

    def letterhead_lines(self) -> list[str]:
        return [line.strip() for line in self.letterhead.splitlines() if line.strip()] or [self.name.upper()]


class Unit(models.Model):
    """A perangkat daerah, bagian, bidang or komponen inside a body, in a hierarchy."""

    class Kind(models.TextChoices):
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        BAGIAN = "bagian", _("Bagian")
        BIDANG = "bidang", _("Bidang")
        KECAMATAN = "kecamatan", _("Kecamatan")
        RSUD = "rsud", _("Rumah Sakit Daerah")
        BUMD = "bumd", _("BUMD")
        OTHER = "lainnya", _("Lainnya")

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name = models.CharField(_("nama"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    short_name = models.CharField(_("singkatan"), max_length=40, blank=True)
    code = models.CharField(_("kode (penomoran surat)"), max_length=40, blank=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices, default=Kind.DINAS)
    is_active = models.BooleanField(_("aktif"), default=True)
    # A perangkat daerah writes under its own kop surat (issue 9 item 3); empty: the body's first line and
    # the unit's name (documents/rendering.kop_context).
    letterhead = models.TextField(
        _("kop surat"),
        blank=True,
        help_text=_("Kop surat unit ini, satu baris per baris; kosong: kop badan publik dengan nama unit."),
    )
    address = models.CharField(_("alamat"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["body", "name"]
        constraints = [models.UniqueConstraint(fields=["body", "slug"], name="unit_slug_unique_in_body")]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[Unit]:
        chain: list[Unit] = []
        node = self.parent
        while node is not None and len(chain) < 20:
            chain.append(node)
            node = node.parent
        return chain


class Position(models.Model):
    """A jabatan in a body (or one of its units), held by one person, carrying roles."""

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="positions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="positions")
    title = models.CharField(_("nama jabatan"), max_length=200)
    holder = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="positions"
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["body", "title"]

    def __str__(self) -> str:
        return self.title

    def role_list(self) -> list[str]:
        return [r.role for r in self.roles.all()]


class PositionRole(models.Model):
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="roles")
    # A built-in role (``roles.Role``) or one of the body's own (``BodyRole.code``); checked by the services.
    role = models.CharField(_("peran"), max_length=30)

    class Meta:
        verbose_name = _("peran jabatan")
        verbose_name_plural = _("peran jabatan")
        constraints = [models.UniqueConstraint(fields=["position", "role"], name="position_role_unique")]

    def __str__(self) -> str:
        from .roles import role_label

        return role_label(self.role)


class ActingAssignmentQuerySet(models.QuerySet["ActingAssignment"]):
    def active_on(self, day: dt.date) -> ActingAssignmentQuerySet:
        """Assignments in force on ``day`` (not revoked, ``starts_on <= day <= ends_on``): the one rule."""
        return self.filter(revoked_at__isnull=True, starts_on__lte=day, ends_on__gte=day)


class ActingAssignment(models.Model):
    """Plt. (pelaksana tugas) or Plh. (pelaksana harian): someone acts in a position for a date range."""

    class Kind(models.TextChoices):
        PLT = "plt", _("Plt.")
        PLH = "plh", _("Plh.")

    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="acting_assignments")
    acting_user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="acting_assignments")
    kind = models.CharField(_("jenis"), max_length=3, choices=Kind.choices)
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("sampai"))
    decree = models.CharField(_("dasar penunjukan"), max_length=200, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ActingAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("pelaksana tugas/harian")
        verbose_name_plural = _("pelaksana tugas/harian")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__lte=models.F("ends_on")), name="acting_range_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.position.title}"

    def is_active_on(self, day: dt.date) -> bool:
        return self.revoked_at is None and self.starts_on <= day <= self.ends_on


class Holiday(models.Model):
    """A day off: national (body empty) or for one body. Seeded from `holidays`, editable (DOMAIN.md §5)."""

    class Kind(models.TextChoices):
        NASIONAL = "nasional", _("Libur nasional")
        CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
        DAERAH = "daerah", _("Libur daerah")
        KHUSUS = "khusus", _("Libur khusus (mis. hari pemungutan suara)")

    class Source(models.TextChoices):
        PACKAGE = "package", _("paket holidays")
        MANUAL = "manual", _("diisi petugas")

    date = models.DateField(_("tanggal"), db_index=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    decree = models.CharField(_("dasar penetapan"), max_length=250, blank=True)
    body = models.ForeignKey(
        PublicBody, on_delete=models.CASCADE, null=True, blank=True, related_name="holidays"
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date"], condition=Q(body__isnull=True), name="holiday_national_date_unique"
            ),
            models.UniqueConstraint(
                fields=["body", "date"], condition=Q(body__isnull=False), name="holiday_body_date_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class CalendarVersion(models.Model):
    """One row; bumped on every holiday change so every process can drop its cached calendars."""

    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"kalender v{self.version}"


class EventQuerySet(models.QuerySet["Event"]):
    """The audit log is append-only: bulk updates and deletes are refused at the ORM level."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Jejak audit hanya dapat ditambah: peristiwa tidak dapat diubah atau dihapus.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Jejak audit hanya dapat ditambah: peristiwa tidak dapat diubah atau dihapus.")


class Event(models.Model):
    """One audit event, hash-chained to the previous event of the same chain (one chain per body)."""

    chain = models.CharField(max_length=40, db_index=True)
    seq = models.PositiveBigIntegerField()
    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    acting_for = models.ForeignKey(
        Position, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acting_kind = models.CharField(max_length=3, blank=True)
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=250, blank=True)
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("peristiwa audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["chain", "seq"]
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="event_chain_seq_unique")]
        indexes = [
            models.Index(fields=["body", "-created_at"], name="event_body_time"),
            # the audit page filtered by action, newest first (issue #13: no scan of the body's events)
            models.Index(fields=["body", "action", "-created_at"], name="event_body_action_time"),
        ]

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq} {self.action}"


class ChainHead(models.Model):
    """The last link of each audit chain; locked while appending so links never fork."""

    chain = models.CharField(max_length=40, unique=True)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq}"


class ChainCheck(models.Model):
    """How far each audit chain has been verified (issue #13: the audit page checks only the events since the
    last check, and a daily job walks every chain whole). Kept apart from ``ChainHead`` so that checking never
    waits on the lock appends hold."""

    chain = models.CharField(max_length=40, unique=True)
    verified_seq = models.PositiveBigIntegerField(default=0)
    verified_hash = models.CharField(max_length=64, default="0" * 64)
    checked_at = models.DateTimeField(null=True, blank=True)
    full_checked_at = models.DateTimeField(null=True, blank=True)
    broken_seq = models.PositiveBigIntegerField(null=True, blank=True)
    problem = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.chain} ✓#{self.verified_seq}"


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Set when created (settings.TERBUKA_API_TOKEN_DAYS); an expired token is refused with 401.
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "tbk_" + secrets.token_urlsafe(32)

    def is_expired(self, now: dt.datetime | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "dicabut"
        return "kedaluwarsa" if self.is_expired() else "aktif"


class BodyRole(models.Model):
    """A role a body defines for its own SOP lanes (e.g. "tim_keberatan"), beside the built-in ones.

    Positions carry it like any built-in role (``PositionRole.role`` holds the code); SOP files of the body
    may bind lanes to it. Codes never collide with the built-in roles (``services.body_role_save``)."""

    body = models.ForeignKey(PublicBody, on_delete=models.CASCADE, related_name="custom_roles")
    code = models.SlugField(_("kode peran"), max_length=30)
    name = models.CharField(_("nama peran"), max_length=120)
    unit_bound = models.BooleanField(
        _("terikat unit"), default=False, help_text=_("dipegang per unit, seperti PPID Pembantu")
    )
    description = models.TextField(_("uraian"), blank=True)

    class Meta:
        verbose_name = _("peran khusus badan")
        verbose_name_plural = _("peran khusus badan")
        ordering = ["body_id", "name"]
        constraints = [models.UniqueConstraint(fields=["body", "code"], name="bodyrole_unique_code")]

    def __str__(self) -> str:
        return self.name


class Sequence(models.Model):
    """A gap-free counter per (body, series, scope, year): letter numbers, decree registers, request and
    objection registration numbers, DIK register numbers. See ``core.sequences``."""

    body = models.ForeignKey(PublicBody, on_delete=models.CASCADE, related_name="+")
    series = models.CharField(max_length=40)
    scope = models.CharField(max_length=300, default="", blank=True)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("urutan nomor")
        verbose_name_plural = _("urutan nomor")
        constraints = [
            models.UniqueConstraint(fields=["body", "series", "scope", "year"], name="sequence_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.series}/{self.scope}/{self.year}: {self.last}"


class Clock(models.Model):
    """A statutory deadline (DOMAIN.md §4) of one owner (a process, a request, an objection, a dispute).

    Stored and indexed (STYLE.md habit 5): ``due_date``/``due_at`` are computed by ``core.clocks`` when the
    clock starts, is extended, paused or resumed, and never on read. Kinds and their legal basis are data in
    ``core.clocks.KINDS``.
    """

    class Status(models.TextChoices):
        RUNNING = "running", _("berjalan")
        PAUSED = "paused", _("ditangguhkan")
        STOPPED = "stopped", _("selesai")

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="clocks")
    owner_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    owner_id = models.PositiveBigIntegerField()
    kind = models.CharField(_("jenis"), max_length=40)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(_("dimulai"))
    received_on = models.DateField(_("dihitung sejak"))
    days = models.PositiveSmallIntegerField(_("hari kerja"))
    extension_days = models.PositiveSmallIntegerField(_("perpanjangan (hari kerja)"), default=0)
    extension_reason = models.TextField(_("alasan perpanjangan"), blank=True)
    extended_at = models.DateTimeField(null=True, blank=True)
    paused_since = models.DateField(_("ditangguhkan sejak"), null=True, blank=True)
    pause_reason = models.TextField(_("alasan penangguhan"), blank=True)
    paused_days = models.PositiveSmallIntegerField(_("hari kerja ditangguhkan"), default=0)
    pauses = models.JSONField(default=list, blank=True)  # [{"from", "to", "days", "reason"}]
    due_date = models.DateField(_("batas waktu"), null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    stop_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("tenggat menurut undang-undang")
        verbose_name_plural = _("tenggat menurut undang-undang")
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["owner_type", "owner_id"], name="clock_owner"),
            models.Index(fields=["body", "status", "due_at"], name="clock_body_status_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner_type", "owner_id", "kind"], name="clock_one_kind_per_owner"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.due_date}"


class ScheduledRun(models.Model):
    """The last run of each scheduled job (``core.scheduler``): when, and what it reported."""

    name = models.CharField(max_length=60, unique=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    ok = models.BooleanField(default=True)
    result = models.TextField(blank=True)

    class Meta:
        verbose_name = _("tugas terjadwal")
        verbose_name_plural = _("tugas terjadwal")

    def __str__(self) -> str:
        return self.name


class LoginThrottle(models.Model):
    """Failed logins of one account name or one client address within the window, and the lock they earned
    (``terbuka/core/login_guard.py``). The row is locked (``SELECT … FOR UPDATE``) while a login is judged,
    so two parallel tries cannot both pass the limit."""

    key = models.CharField(max_length=200, unique=True)  # "akun:<username>" or "alamat:<ip>" or "reset:<ip>"
    failures = models.JSONField(default=list)  # ISO moments of the failures still inside the window
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pembatas masuk")
        verbose_name_plural = _("pembatas masuk")

    def __str__(self) -> str:
        return self.key

    @property
    def scope(self) -> str:
        return self.key.split(":", 1)[0]

    @property
    def subject(self) -> str:
        return self.key.split(":", 1)[1]
