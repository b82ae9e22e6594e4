"""Bot resistance for the public request form and API, without third parties and without image puzzles.

* **Rate limit per address**: at most ``TERBUKA_REQUEST_RATE`` submissions per hashed client address per
  hour (the address itself is not stored, only an HMAC of it).
* **Honeypot**: a field hidden from people (and from screen readers: ``aria-hidden`` and ``tabindex=-1``,
  labelled "leave empty") that bots fill in.
* **Proof of work**: the form carries a signed challenge; a small static script (``static/requests/pow.js``,
  no inline script, no CDN) finds a nonce such that SHA-256(challenge ":" nonce) starts with
  ``TERBUKA_REQUEST_POW_BITS`` zero bits; the server checks the signature, the age, the work and that the
  challenge is used once. About 65 000 hashes at 16 bits: a second on a phone, costly at bot scale.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core.models import PublicBody

from .models import Attempt

MAX_AGE = dt.timedelta(hours=2)


def pow_bits() -> int:
    return int(getattr(settings, "TERBUKA_REQUEST_POW_BITS", 16))


def rate_per_hour() -> int:
    return int(getattr(settings, "TERBUKA_REQUEST_RATE", 5))


def _sign(text: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"pow:{text}".encode(), hashlib.sha256).hexdigest()[:32]


def new_challenge(now: dt.datetime | None = None) -> str:
    """``<bits>.<unix time>.<random>.<signature>``: self-contained, nothing stored until it is used."""
    now = now or timezone.now()
    body = f"{pow_bits()}.{int(now.timestamp())}.{secrets.token_hex(8)}"
    return f"{body}.{_sign(body)}"


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + (8 - byte.bit_length())
    return bits


def solve(challenge: str) -> str:
    """What the browser script does (tests, and API clients written in Python)."""
    bits = int(challenge.split(".", 1)[0])
    nonce = 0
    while leading_zero_bits(hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()) < bits:
        nonce += 1
    return str(nonce)


def check_work(challenge: str, nonce: str, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    parts = (challenge or "").split(".")
    if len(parts) != 4 or not hmac.compare_digest(_sign(".".join(parts[:3])), parts[3]):
        raise ValidationError(_("Pemeriksaan anti-robot gagal: muat ulang formulir lalu kirim lagi."))
    bits, issued = int(parts[0]) if parts[0].isdigit() else 0, parts[1]
    if bits < pow_bits() or not issued.isdigit():
        raise ValidationError(_("Pemeriksaan anti-robot gagal: muat ulang formulir lalu kirim lagi."))
    age = now - dt.datetime.fromtimestamp(int(issued), tz=dt.UTC)
    if age > MAX_AGE or age < -dt.timedelta(minutes=5):
        raise ValidationError(_("Formulir sudah terlalu lama dibuka: muat ulang lalu kirim lagi."))
    nonce = (nonce or "").strip()
    if not nonce.isdigit() or len(nonce) > 12:
        raise ValidationError(_("Pemeriksaan anti-robot belum selesai: tunggu sebentar lalu kirim lagi."))
    digest = hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()
    if leading_zero_bits(digest) < bits:
        raise ValidationError(_("Pemeriksaan anti-robot gagal: muat ulang formulir lalu kirim lagi."))


def address_hash(address: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"addr:{address}".encode(), hashlib.sha256).hexdigest()


class RateLimited(ValidationError):
    pass


def admit(*, body: PublicBody, address: str, challenge: str, nonce: str, honeypot: str = "") -> None:
    """Check a public submission before anything is stored.

    Counted towards the hourly limit: submissions that were registered (``count_submission``) and attempts
    that failed the honeypot or the proof of work (bots). A person correcting a form error is not counted.
    Each row is written in its own transaction, so a refused attempt still counts."""
    now = timezone.now()
    key = address_hash(address or "-")
    since = now - dt.timedelta(hours=1)
    if Attempt.objects.filter(address_hash=key, at__gte=since).count() >= rate_per_hour():
        raise RateLimited(
            _("Terlalu banyak permohonan dari alamat Anda dalam satu jam. Coba lagi nanti atau hubungi PPID.")
        )
    try:
        if honeypot.strip():
            raise ValidationError(_("Permohonan tidak dapat diterima."))
        check_work(challenge, nonce, now)
    except ValidationError:
        with transaction.atomic():
            Attempt.objects.create(body=body, address_hash=key, at=now)
        raise
    used = hashlib.sha256((challenge or "").encode()).hexdigest()
    try:
        with transaction.atomic():
            # Kept outside the counted hour: it only makes the challenge single-use until it expires.
            Attempt.objects.create(body=body, address_hash=key, at=now - MAX_AGE * 2, challenge=used)
    except IntegrityError:
        raise ValidationError(
            _("Formulir ini sudah dikirim. Muat ulang untuk mengirim permohonan baru.")
        ) from None


def count_submission(*, body: PublicBody, address: str) -> None:
    """A registered public submission counts towards the address's hourly limit."""
    with transaction.atomic():
        Attempt.objects.create(body=body, address_hash=address_hash(address or "-"), at=timezone.now())


def purge(now: dt.datetime | None = None) -> int:
    """Drop attempts older than a day (the scheduled job)."""
    now = now or timezone.now()
    deleted, _x = Attempt.objects.filter(at__lt=now - dt.timedelta(days=1)).delete()
    return deleted
