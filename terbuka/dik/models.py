"""The DIK as a living register (DOMAIN.md §3, §6): entries with their ground, consequence, consideration and
structured period; the consequence-test sessions that decide them; the decree that fixes them; the proposal
rounds that collect them from the units; the declassification of entries whose period ends.

Nothing is deleted: every status change of an entry is a row of ``EntryEvent`` (shown on the entry).
All writes go through ``services.py``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import PublicBody, Unit
from terbuka.registry.models import InformationItem

from .grounds import GROUNDS
from .periods import Period, PeriodKind

USER = settings.AUTH_USER_MODEL


class DikPolicy(models.Model):
    """What a body decided for its DIK (DOMAIN.md §3 [?]: configurable)."""

    class DecreeBy(models.TextChoices):
        KEPALA_DAERAH = "kepala_daerah", _("Kepala daerah / pimpinan badan publik")
        PPID = "ppid", _("PPID")

    body = models.OneToOneField(PublicBody, on_delete=models.CASCADE, related_name="dik_policy")
    decree_by = models.CharField(
        _("DIK ditetapkan oleh"), max_length=20, choices=DecreeBy.choices, default=DecreeBy.KEPALA_DAERAH
    )
    # PP 61/2010 Pasal 11: an entry whose period ends without a decision opens by itself.
    auto_open = models.BooleanField(
        _("dibuka otomatis bila jangka waktu berakhir tanpa keputusan"), default=True
    )
    # Seed 002: "dengan persetujuan pimpinan badan publik".
    declass_needs_approval = models.BooleanField(_("deklasifikasi perlu persetujuan pimpinan"), default=True)
    declass_sop = models.SlugField(_("SOP deklasifikasi"), max_length=80, default="pengamanan-dik")
    warn_working_days = models.PositiveSmallIntegerField(
        _("mulai deklasifikasi (hari kerja sebelum)"), default=30
    )
    dprd_name = models.CharField(_("DPRD"), max_length=200, blank=True)
    dprd_email = models.EmailField(_("surel DPRD"), blank=True)

    class Meta:
        verbose_name = _("kebijakan DIK")

    def __str__(self) -> str:
        return f"{self.body}: {self.get_decree_by_display()}"


class Status(models.TextChoices):
    DIUSULKAN = "diusulkan", _("Diusulkan")
    DIUJI = "diuji", _("Sedang diuji")
    DIKECUALIKAN = "dikecualikan", _("Dikecualikan (menunggu penetapan)")
    TIDAK_DIKECUALIKAN = "tidak_dikecualikan", _("Tidak dikecualikan (informasi publik)")
    DITETAPKAN = "ditetapkan", _("Ditetapkan")
    DEKLASIFIKASI = "deklasifikasi", _("Dalam proses deklasifikasi")
    DIBUKA = "dibuka", _("Dibuka (menjadi informasi publik)")
    DIGANTI = "diganti", _("Diganti hasil reklasifikasi")
    DITARIK = "ditarik", _("Ditarik pengusul")


# Statuses in which an entry keeps information closed (a refusal may cite it).
CLOSED = (Status.DIKECUALIKAN, Status.DITETAPKAN, Status.DEKLASIFIKASI)


class ProposalRound(models.Model):
    """One proposal round of a body (Serang/Kupang steps 1–3): the letter to every PPID Pembantu with its
    deadline, each unit's answer, the recap."""

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="dik_rounds")
    year = models.PositiveSmallIntegerField(_("tahun"))
    title = models.CharField(_("judul"), max_length=300)
    deadline = models.DateField(_("batas usulan"), null=True, blank=True)
    case = models.ForeignKey("sop.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    letter = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recap = models.ForeignKey(
        "documents.StoredFile", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("putaran usulan DIK")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class UnitProposal(models.Model):
    """A unit's answer to a round: rows (entries), or "nothing to propose" with a note."""

    class State(models.TextChoices):
        MENUNGGU = "menunggu", _("Belum menjawab")
        DIAJUKAN = "diajukan", _("Mengusulkan")
        NIHIL = "nihil", _("Tidak ada usulan")

    round = models.ForeignKey(ProposalRound, on_delete=models.CASCADE, related_name="proposals")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.MENUNGGU)
    note = models.TextField(_("keterangan"), blank=True)
    late = models.BooleanField(_("terlambat"), default=False)
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    upload = models.ForeignKey(
        "documents.StoredFile", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("usulan unit")
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="dik_proposal_round_unit")]
        ordering = ["round_id", "unit__name"]

    def __str__(self) -> str:
        return f"{self.round}: {self.unit}"


class Entry(models.Model):
    """One row of the DIK register (DOMAIN.md §6 DIK columns)."""

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="dik_entries")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    item = models.ForeignKey(
        InformationItem, on_delete=models.PROTECT, null=True, blank=True, related_name="dik_entries"
    )
    title = models.CharField(_("informasi"), max_length=500)
    description = models.TextField(_("uraian"), blank=True)
    ground_letter = models.CharField(_("huruf Pasal 17"), max_length=1)
    ground_point = models.PositiveSmallIntegerField(_("angka"), null=True, blank=True)
    statute = models.CharField(_("undang-undang lain"), max_length=300, blank=True)
    legal_basis = models.CharField(_("dasar hukum"), max_length=500, blank=True)
    consequence = models.TextField(_("konsekuensi bila dibuka"))
    consideration = models.TextField(_("pertimbangan bila ditutup"))
    # The period (periods.Period), never free text only.
    period_kind = models.CharField(_("jenis jangka waktu"), max_length=20, choices=PeriodKind.choices)
    period_until = models.DateField(null=True, blank=True)
    period_years = models.PositiveSmallIntegerField(null=True, blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_event = models.CharField(max_length=300, blank=True)
    period_event_on = models.DateField(null=True, blank=True)
    period_review_on = models.DateField(null=True, blank=True)
    period_review_by = models.CharField(max_length=200, blank=True)
    period_statute = models.CharField(max_length=300, blank=True)
    ends_on = models.DateField(_("berakhir"), null=True, blank=True, db_index=True)  # Period.end(), stored
    watch_on = models.DateField(null=True, blank=True, db_index=True)  # Period.watch_date(), stored
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DIUSULKAN, db_index=True)
    warnings = models.JSONField(default=list, blank=True)  # Pasal 18(1) look-alikes
    warning_answer = models.TextField(_("jawaban tertulis atas peringatan Pasal 18 ayat (1)"), blank=True)
    proposal = models.ForeignKey(
        UnitProposal, on_delete=models.PROTECT, null=True, blank=True, related_name="entries"
    )
    decree = models.ForeignKey(
        "Decree", on_delete=models.PROTECT, null=True, blank=True, related_name="entries"
    )
    tested_on = models.DateField(_("tanggal uji"), null=True, blank=True)
    exempt_parts = models.TextField(_("bagian yang dikecualikan"), blank=True)
    open_parts = models.TextField(_("bagian yang dibuka"), blank=True)
    replaces = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("informasi yang dikecualikan")
        verbose_name_plural = _("daftar informasi yang dikecualikan")
        ordering = ["body_id", "ends_on", "title", "pk"]
        indexes = [models.Index(fields=["body", "status", "watch_on"], name="dik_entry_watch")]

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> Period:
        return Period(
            kind=self.period_kind,
            letter=self.ground_letter,
            until=self.period_until,
            years=self.period_years,
            start=self.period_start,
            event=self.period_event,
            event_on=self.period_event_on,
            review_on=self.period_review_on,
            review_by=self.period_review_by,
            statute=self.period_statute,
        )

    def set_period(self, period: Period) -> None:
        self.period_kind = period.kind
        self.period_until = period.until
        self.period_years = period.years
        self.period_start = period.start
        self.period_event = period.event
        self.period_event_on = period.event_on
        self.period_review_on = period.review_on
        self.period_review_by = period.review_by
        self.period_statute = period.statute
        self.ends_on = period.end()
        self.watch_on = period.watch_date()

    @property
    def ground(self) -> str:
        g = GROUNDS.get(self.ground_letter)
        return g.text if g else ""

    def citation(self) -> str:
        g = GROUNDS.get(self.ground_letter)
        cite = g.citation(self.ground_point) if g else ""
        if self.statute:
            cite = f"{cite}; {self.statute}" if cite else self.statute
        return cite

    def period_text(self) -> str:
        return self.period.describe()

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED


class EntryEvent(models.Model):
    """One status change of an entry (its history, shown on the entry page)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="events")
    old = models.CharField(max_length=20, blank=True)
    new = models.CharField(max_length=20)
    note = models.TextField(blank=True)
    ref = models.CharField(max_length=100, blank=True)  # what caused it ("dik.consequencetest:3")
    actor = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.old} → {self.new}"

    def new_label(self) -> str:
        return str(Status(self.new).label) if self.new in Status.values else self.new


class ConsequenceTest(models.Model):
    """A consequence-test session (Pasal 2(4), 19; Perki 1/2017): date, place, trigger, team, attendance."""

    class Trigger(models.TextChoices):
        PROAKTIF = "proaktif", _("Proaktif (sebelum ada permohonan)")
        PERMOHONAN = "permohonan", _("Atas permohonan informasi")
        PERINTAH_KOMISI = "perintah_komisi", _("Atas perintah Komisi Informasi")

    class State(models.TextChoices):
        BERLANGSUNG = "berlangsung", _("Berlangsung")
        SELESAI = "selesai", _("Selesai")

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="dik_tests")
    held_on = models.DateField(_("tanggal"))
    place = models.CharField(_("tempat"), max_length=300)
    trigger = models.CharField(_("pemicu"), max_length=20, choices=Trigger.choices, default=Trigger.PROAKTIF)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    round = models.ForeignKey(
        ProposalRound, on_delete=models.PROTECT, null=True, blank=True, related_name="tests"
    )
    case = models.ForeignKey("sop.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    team_basis = models.CharField(_("dasar pembentukan tim"), max_length=300, blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.BERLANGSUNG)
    sheet = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    minutes = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    determination = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uji konsekuensi")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Uji konsekuensi {self.held_on:%d-%m-%Y} ({self.body})"


class TestMember(models.Model):
    """A member of the team at a session, and whether they attended (they sign the minutes)."""

    test = models.ForeignKey(ConsequenceTest, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(_("nama"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=30, blank=True)
    role = models.CharField(_("peran dalam tim"), max_length=200)
    present = models.BooleanField(_("hadir"), default=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Decision(models.TextChoices):
    DIKECUALIKAN = "dikecualikan", _("Dikecualikan")
    DIKECUALIKAN_SEBAGIAN = "dikecualikan_sebagian", _("Dikecualikan sebagian")
    TIDAK_DIKECUALIKAN = "tidak_dikecualikan", _("Tidak dikecualikan")


class TestItem(models.Model):
    """One item examined at a session, with the three questions and the decision."""

    test = models.ForeignKey(ConsequenceTest, on_delete=models.CASCADE, related_name="items")
    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="test_items")
    basis_ok = models.BooleanField(_("dasar hukum sesuai"), null=True)
    basis_note = models.TextField(_("catatan dasar hukum"), blank=True)
    harm = models.TextField(_("konsekuensi bila dibuka"), blank=True)
    public_interest = models.TextField(_("pertimbangan kepentingan publik"), blank=True)
    decision = models.CharField(max_length=24, choices=Decision.choices, blank=True)
    exempt_parts = models.TextField(_("bagian yang dikecualikan"), blank=True)
    open_parts = models.TextField(_("bagian yang dibuka"), blank=True)
    warning_answer = models.TextField(_("jawaban atas peringatan Pasal 18 ayat (1)"), blank=True)
    # The decided period (copied to the entry at closing).
    period = models.JSONField(null=True, blank=True)
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    public_item = models.ForeignKey(
        InformationItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["test", "entry"], name="dik_testitem_once")]

    def __str__(self) -> str:
        return f"{self.test_id}: {self.entry}"


class Decree(models.Model):
    """The SK on the DIK (of the regional head or the PPID), its number and lampiran from the register."""

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="dik_decrees")
    year = models.PositiveSmallIntegerField()
    decreed_by = models.CharField(max_length=20, choices=DikPolicy.DecreeBy.choices)
    document = models.OneToOneField(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="dik_decree"
    )
    number = models.CharField(_("nomor"), max_length=120, blank=True)
    register_number = models.CharField(_("nomor register"), max_length=120, blank=True)
    signed_on = models.DateField(_("tanggal ditetapkan"), null=True, blank=True)
    case = models.ForeignKey("sop.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    round = models.ForeignKey(
        ProposalRound, on_delete=models.PROTECT, null=True, blank=True, related_name="decrees"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("keputusan DIK")
        ordering = ["-signed_on", "-pk"]

    def __str__(self) -> str:
        return self.register_number or self.number or f"SK DIK {self.year}"

    @property
    def is_signed(self) -> bool:
        return self.signed_on is not None


class Distribution(models.Model):
    """The decree sent to a PPID Pembantu or the DPRD (seed 000 step 10)."""

    decree = models.ForeignKey(Decree, on_delete=models.CASCADE, related_name="distributions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recipient = models.CharField(_("penerima"), max_length=300)
    email = models.EmailField(blank=True)
    emailed = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.recipient


class Declassification(models.Model):
    """An entry whose period ends (PP 61/2010 Pasal 11): a process on the body's SOP, or opened by itself."""

    class State(models.TextChoices):
        BERJALAN = "berjalan", _("Berjalan")
        DIBUKA = "dibuka", _("Disetujui: dibuka")
        DIPERPANJANG = "direklasifikasi", _("Tidak disetujui: diuji ulang (reklasifikasi)")
        OTOMATIS = "otomatis", _("Dibuka otomatis (PP 61/2010 Pasal 11)")

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="declassifications")
    ends_on = models.DateField()  # the end it was opened for (idempotency: one per entry and end)
    case = models.ForeignKey("sop.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    state = models.CharField(max_length=20, choices=State.choices, default=State.BERJALAN)
    opened_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "ends_on"], name="dik_declass_once")]
        ordering = ["ends_on", "pk"]

    def __str__(self) -> str:
        return f"Deklasifikasi {self.entry} ({self.ends_on})"


def today() -> dt.date:
    return timezone.localdate()
