"""Information requests, objections and disputes (UU 14/2008 Pasal 21-22, 35-38; DOMAIN.md §4 and §6).

A request (permohonan informasi) is registered with a number at once (``core.sequences``), carries the
fields of the request form of DOMAIN.md §6, and is answered by a written notice within 10 working days
(the ``pemberitahuan_tertulis`` clock of ``core.clocks``, owned by the request). The requester's NIK (or
the legal entity's deed number) and any ID scan are stored encrypted (``crypto.py``); only a masked form
is kept in clear. The private status link carries a secret whose SHA-256 alone is stored.

An objection (keberatan) is filed on a ground of Pasal 35(1) a-g, registered, and answered by the Atasan
PPID within 30 working days (``tanggapan_keberatan``). A dispute (sengketa) at the Komisi Informasi is
recorded with its case number, its mediation or adjudication outcome and any order that flows back.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import PublicBody, Unit


class Channel(models.TextChoices):
    WEB = "web", _("formulir daring")
    API = "api", _("API")
    LANGSUNG = "langsung", _("datang langsung")
    POS = "pos", _("pos/surat")
    SUREL = "surel", _("surel")


class IdKind(models.TextChoices):
    NIK = "nik", _("NIK (perorangan)")
    AKTA = "akta", _("nomor akta pendirian badan hukum")


class Obtain(models.TextChoices):
    """Cara memperoleh informasi (DOMAIN.md §6)."""

    MELIHAT = "melihat", _("melihat/membaca/mendengarkan/mencatat")
    SOFTCOPY = "softcopy", _("mendapatkan salinan softcopy")
    HARDCOPY = "hardcopy", _("mendapatkan salinan hardcopy")


class Send(models.TextChoices):
    """Cara mengirimkan informasi (DOMAIN.md §6)."""

    LANGSUNG = "langsung", _("mengambil langsung")
    POS = "pos", _("pos")
    FAKSIMILI = "faksimili", _("faksimili")
    SUREL = "surel", _("surel")


class Outcome(models.TextChoices):
    """The answer (Pasal 22(7), Pasal 6(3))."""

    DIBERIKAN = "diberikan", _("diberikan seluruhnya")
    SEBAGIAN = "diberikan_sebagian", _("diberikan sebagian")
    DITOLAK = "ditolak", _("ditolak (Pasal 17)")
    TIDAK_DIKUASAI = "tidak_dikuasai", _("informasi tidak dikuasai")
    BELUM_DIDOKUMENTASIKAN = "belum_didokumentasikan", _("informasi belum didokumentasikan")


class Basis(models.TextChoices):
    """Where the answer comes from: the DIP, the DIK, or a consequence test for this request."""

    DIP = "dip", _("sudah ada dalam Daftar Informasi Publik")
    DIK = "dik", _("tercantum dalam Daftar Informasi yang Dikecualikan")
    UJI = "uji", _("belum ada di keduanya: uji konsekuensi")
    LAIN = "lain", _("tidak dikuasai / belum didokumentasikan")


class InformationRequest(models.Model):
    class Status(models.TextChoices):
        TERDAFTAR = "terdaftar", _("terdaftar")
        DIPROSES = "diproses", _("sedang diproses")
        DIJAWAB = "dijawab", _("sudah dijawab")
        DITERIMA_PEMOHON = "diterima_pemohon", _("jawaban diterima pemohon")
        SELESAI = "selesai", _("selesai dan diarsipkan")

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="information_requests")
    number = models.CharField(_("nomor registrasi"), max_length=60)
    year = models.PositiveSmallIntegerField()
    seq = models.PositiveIntegerField()
    secret_hash = models.CharField(max_length=64)
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    submitted_at = models.DateTimeField(_("diajukan"), default=timezone.now)
    received_on = models.DateField(_("dianggap diterima"))
    # The requester (DOMAIN.md §6 request form).
    name = models.CharField(_("nama pemohon"), max_length=200)
    id_kind = models.CharField(_("jenis identitas"), max_length=4, choices=IdKind.choices, default=IdKind.NIK)
    id_number_enc = models.TextField(_("nomor identitas (terenkripsi)"))
    id_masked = models.CharField(_("nomor identitas (disamarkan)"), max_length=120)
    id_scan_enc = models.BinaryField(_("pindaian identitas (terenkripsi)"), null=True, blank=True)
    id_scan_type = models.CharField(max_length=40, blank=True)
    address = models.TextField(_("alamat"))
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    occupation = models.CharField(_("pekerjaan"), max_length=120, blank=True)
    proxy_note = models.CharField(_("kuasa (bila diwakili)"), max_length=300, blank=True)
    information = models.TextField(_("informasi yang dibutuhkan"))
    purpose = models.TextField(_("tujuan penggunaan informasi"))
    obtain = models.CharField(_("cara memperoleh"), max_length=10, choices=Obtain.choices)
    send = models.CharField(_("cara mengirimkan"), max_length=10, choices=Send.choices)
    # Handling.
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.TERDAFTAR, db_index=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    case = models.ForeignKey("sop.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    basis = models.CharField(_("dasar jawaban"), max_length=4, choices=Basis.choices, blank=True)
    dip_item = models.ForeignKey(
        "registry.InformationItem", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dik_entry_ref = models.CharField(_("entri DIK"), max_length=200, blank=True)
    test_ref = models.CharField(_("uji konsekuensi"), max_length=200, blank=True)
    superior_approved_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("keputusan"), max_length=24, choices=Outcome.choices, blank=True)
    refusal_ground = models.CharField(_("alasan penolakan (Pasal 17)"), max_length=300, blank=True)
    holder_body = models.CharField(_("badan publik yang menguasai"), max_length=300, blank=True)
    answer_note = models.TextField(_("keterangan jawaban"), blank=True)
    fee = models.CharField(_("biaya"), max_length=100, blank=True, default="Tanpa biaya")
    notice = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    extension_letter = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("tanggal pemberitahuan"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("diserahkan"), null=True, blank=True)
    delivery_note = models.CharField(_("cara penyerahan"), max_length=300, blank=True)
    receipt_by_requester = models.BooleanField(_("tanda terima ditandatangani pemohon"), default=False)
    archived_at = models.DateTimeField(null=True, blank=True)
    overdue_reminded_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("permohonan informasi")
        verbose_name_plural = _("permohonan informasi")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="request_number_unique"),
            models.UniqueConstraint(fields=["body", "year", "seq"], name="request_seq_unique"),
        ]
        indexes = [models.Index(fields=["body", "status", "submitted_at"], name="request_body_status")]

    def __str__(self) -> str:
        return self.number


class Ground(models.TextChoices):
    """Pasal 35 ayat (1) huruf a-g."""

    A = "a", _("a. penolakan atas permintaan informasi berdasarkan alasan pengecualian Pasal 17")
    B = "b", _("b. tidak disediakannya informasi berkala (Pasal 9)")
    C = "c", _("c. tidak ditanggapinya permintaan informasi")
    D = "d", _("d. permintaan informasi ditanggapi tidak sebagaimana yang diminta")
    E = "e", _("e. tidak dipenuhinya permintaan informasi")
    F = "f", _("f. pengenaan biaya yang tidak wajar")
    G = "g", _("g. penyampaian informasi yang melebihi waktu yang diatur")


class Objection(models.Model):
    class Status(models.TextChoices):
        TERDAFTAR = "terdaftar", _("terdaftar, menunggu tanggapan Atasan PPID")
        DIJAWAB = "dijawab", _("sudah ditanggapi")

    class Decision(models.TextChoices):
        DITERIMA = "diterima", _("keberatan diterima")
        DITOLAK = "ditolak", _("keberatan ditolak")

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="objections")
    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT, related_name="objections")
    number = models.CharField(_("nomor keberatan"), max_length=60)
    year = models.PositiveSmallIntegerField()
    seq = models.PositiveIntegerField()
    grounds = models.JSONField(_("alasan keberatan (Pasal 35 ayat (1))"), default=list)
    reasons = models.TextField(_("kasus posisi"))
    filed_at = models.DateTimeField(default=timezone.now)
    received_on = models.DateField()
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    late = models.BooleanField(_("diajukan melewati 30 hari kerja"), default=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.TERDAFTAR)
    decision = models.CharField(_("putusan Atasan PPID"), max_length=10, choices=Decision.choices, blank=True)
    answer = models.TextField(_("tanggapan Atasan PPID"), blank=True)
    answered_at = models.DateTimeField(_("tanggal tanggapan"), null=True, blank=True)
    answer_letter = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requester_response = models.TextField(_("tanggapan pemohon"), blank=True)

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-filed_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["body", "number"], name="objection_number_unique")]

    def __str__(self) -> str:
        return self.number


class Dispute(models.Model):
    """A dispute at the Komisi Informasi (Pasal 37-38, Perki 1/2013)."""

    class Stage(models.TextChoices):
        DIAJUKAN = "diajukan", _("diajukan ke Komisi Informasi")
        MEDIASI = "mediasi", _("mediasi")
        AJUDIKASI = "ajudikasi", _("ajudikasi nonlitigasi")
        SELESAI = "selesai", _("selesai")

    class Result(models.TextChoices):
        MEDIASI_BERHASIL = "mediasi_berhasil", _("mediasi berhasil (kesepakatan)")
        DIKABULKAN = "dikabulkan", _("putusan: permohonan dikabulkan")
        DIKABULKAN_SEBAGIAN = "dikabulkan_sebagian", _("putusan: dikabulkan sebagian")
        DITOLAK = "ditolak", _("putusan: permohonan ditolak")
        DICABUT = "dicabut", _("dicabut oleh pemohon")

    class Order(models.TextChoices):
        TIDAK_ADA = "", _("tidak ada perintah")
        BUKA = "buka_informasi", _("membuka/memberikan informasi")
        UJI = "uji_konsekuensi", _("melakukan uji konsekuensi")

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="disputes")
    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT, related_name="disputes")
    objection = models.ForeignKey(
        Objection, on_delete=models.PROTECT, null=True, blank=True, related_name="disputes"
    )
    filed_on = models.DateField(_("tanggal pengajuan ke Komisi Informasi"))
    late = models.BooleanField(_("diajukan melewati 14 hari kerja"), default=False)
    commission = models.CharField(_("Komisi Informasi"), max_length=200)
    case_number = models.CharField(_("nomor register sengketa"), max_length=120)
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.DIAJUKAN)
    result = models.CharField(_("hasil"), max_length=24, choices=Result.choices, blank=True)
    result_on = models.DateField(null=True, blank=True)
    order = models.CharField(_("perintah"), max_length=20, choices=Order.choices, blank=True)
    order_note = models.TextField(blank=True)
    order_done_at = models.DateTimeField(null=True, blank=True)
    order_done_ref = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("sengketa informasi")
        verbose_name_plural = _("sengketa informasi")
        ordering = ["-filed_on", "-pk"]

    def __str__(self) -> str:
        return self.case_number


class RedactedCopy(models.Model):
    """A blacked-out copy of a PDF for an answer given in part; the original stays, exempted."""

    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT, related_name="redactions")
    original = models.ForeignKey("documents.StoredFile", on_delete=models.PROTECT, related_name="+")
    redacted = models.ForeignKey("documents.StoredFile", on_delete=models.PROTECT, related_name="+")
    # [{"page": 1, "box": [x0, y0, x1, y1] (fractions of the page, top-left origin), "ground": "..."}]
    parts = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("salinan yang dihitamkan")
        verbose_name_plural = _("salinan yang dihitamkan")

    def __str__(self) -> str:
        return f"{self.request} – {self.redacted}"


class Attempt(models.Model):
    """A public submission attempt, per hashed address: the rate limit and the one-time challenges."""

    body = models.ForeignKey(PublicBody, on_delete=models.CASCADE, related_name="+")
    address_hash = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)
    challenge = models.CharField(max_length=64, blank=True)

    class Meta:
        indexes = [models.Index(fields=["address_hash", "at"], name="attempt_address_at")]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge"], condition=~Q(challenge=""), name="attempt_challenge_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.address_hash[:8]} {self.at}"
