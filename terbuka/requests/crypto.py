"""Personal data at rest: the requester's NIK (or deed number) and ID scan, encrypted with Fernet.

The key is derived (HKDF-SHA256) from ``TERBUKA_PII_KEY`` when set, else from ``SECRET_KEY``, so a copy of
the database alone does not reveal identity numbers. Rotating the secret makes old values unreadable:
set ``TERBUKA_PII_KEY`` once in production and keep it (docs/requests.md).
"""

from __future__ import annotations

import base64
import functools
import re

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@functools.cache
def _fernet(secret: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"terbuka-requests", info=b"pii-v1").derive(
        secret.encode("utf-8")
    )
    return Fernet(base64.urlsafe_b64encode(key))


def fernet() -> Fernet:
    return _fernet(getattr(settings, "TERBUKA_PII_KEY", "") or settings.SECRET_KEY)


def encrypt_text(value: str) -> str:
    return fernet().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt_text(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise ValidationError(_("Data identitas tidak dapat dibuka: kunci enkripsi berubah.")) from None


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return fernet().decrypt(bytes(token))
    except InvalidToken:
        raise ValidationError(_("Data identitas tidak dapat dibuka: kunci enkripsi berubah.")) from None


NIK_RE = re.compile(r"^\d{16}$")


def check_nik(value: str) -> str:
    """A NIK: 16 digits; province code 11-94, day of birth 01-31 (41-71 for women), month 01-12."""
    nik = re.sub(r"[\s.-]", "", value or "")
    if not NIK_RE.match(nik):
        raise ValidationError(_("NIK harus 16 angka."), code="nik")
    province, day, month = int(nik[0:2]), int(nik[6:8]), int(nik[8:10])
    if not 11 <= province <= 94:
        raise ValidationError(_("NIK tidak sah: kode provinsi (2 angka pertama) tidak dikenal."), code="nik")
    if not (1 <= day <= 31 or 41 <= day <= 71):
        raise ValidationError(_("NIK tidak sah: tanggal lahir (angka ke-7 dan ke-8) keliru."), code="nik")
    if not 1 <= month <= 12:
        raise ValidationError(_("NIK tidak sah: bulan lahir (angka ke-9 dan ke-10) keliru."), code="nik")
    return nik


def mask(value: str) -> str:
    """Only the last four characters are shown: ``************0001``."""
    value = value.strip()
    if len(value) <= 4:
        return "*" * len(value)
    return "*" * (len(value) - 4) + value[-4:]
