"""The archive: every uploaded or generated file, checked by content, stored once, never overwritten.

Public entry points (used by the SOP engine and by this app's views):

* ``store_upload(*, actor, body, file, label, case=None, step_no=None, classification="internal", ...)``
* ``store_bytes(...)`` for files the system generates (rendered documents)
* ``store_new_version(*, actor, previous, file, note="")`` — a change is a new version, never an overwrite
  (not for a generated document's files: those change only through the sign-off chain)
* ``files_for_case(case)`` and ``usable_files_for_case(case)`` (what can stand as an SOP step's document)

Uploads are identified by their bytes, not by their name: PDF, DOCX, XLSX, PNG and JPEG only; Office files
with macros (a ``vbaProject.bin`` part or a macro-enabled content type) are refused; the size limit is the
body's ``max_upload_mb``. Every stored path contains a fresh random directory, so a path is never reused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import uuid
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from terbuka.core import audit, safezip
from terbuka.core.models import PublicBody, Unit, User
from terbuka.core.people import today_in

from .models import Classification, StoredFile

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"
JPEG = "image/jpeg"

EXTENSIONS = {PDF: "pdf", DOCX: "docx", XLSX: "xlsx", PNG: "png", JPEG: "jpg"}
ALLOWED_LABEL = "PDF, DOCX, XLSX, PNG, JPEG"
MACRO_EXTENSIONS = {"docm", "dotm", "xlsm", "xltm", "xlsb", "xlam", "pptm", "potm", "ppsm", "doc", "xls"}
KNOWN_EXTENSIONS = {"pdf": PDF, "docx": DOCX, "xlsx": XLSX, "png": PNG, "jpg": JPEG, "jpeg": JPEG}


@dataclass(frozen=True)
class Sniffed:
    content_type: str
    extension: str


def _zip_office_type(data: bytes) -> str:
    """DOCX or XLSX for a clean OOXML package; ValidationError for macros, other zips, broken files."""
    safezip.check_zip(data)  # zip bombs, nested archives, path tricks: judged before any member is read
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = zf.namelist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ValidationError(_("Berkas ZIP/Office rusak dan tidak dapat dibaca.")) from exc
    lowered = [n.lower() for n in names]
    if any(n.endswith("vbaproject.bin") or n.endswith("vbadata.xml") for n in lowered):
        raise ValidationError(
            _(
                "Berkas Office berisi makro (vbaProject.bin) dan ditolak. "
                "Simpan ulang sebagai .docx/.xlsx tanpa makro."
            )
        )
    if "[content_types].xml" not in lowered:
        raise ValidationError(
            _("Jenis berkas tidak diizinkan. Yang diterima hanya %(allowed)s.") % {"allowed": ALLOWED_LABEL}
        )
    ct_name = names[lowered.index("[content_types].xml")]
    try:
        content_types = zf.read(ct_name).decode("utf-8", "replace").lower()
    except (KeyError, zipfile.BadZipFile, RuntimeError) as exc:
        raise ValidationError(_("Berkas Office rusak dan tidak dapat dibaca.")) from exc
    if "macroenabled" in content_types or "vbaproject" in content_types:
        raise ValidationError(
            _(
                "Berkas Office dengan makro (macro-enabled) ditolak. "
                "Simpan ulang sebagai .docx/.xlsx tanpa makro."
            )
        )
    if "wordprocessingml.document.main+xml" in content_types and "word/document.xml" in lowered:
        return DOCX
    if "spreadsheetml.sheet.main+xml" in content_types and "xl/workbook.xml" in lowered:
        return XLSX
    raise ValidationError(
        _("Jenis berkas tidak diizinkan. Yang diterima hanya %(allowed)s.") % {"allowed": ALLOWED_LABEL}
    )


def sniff(data: bytes) -> Sniffed:
    """The content type of ``data`` judged by its bytes; ValidationError if it is not an allowed type."""
    head = data[:16]
    if head.startswith(b"%PDF-"):
        ct = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        ct = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        ct = JPEG
    elif head.startswith(b"PK\x03\x04"):
        ct = _zip_office_type(data)
    elif head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(
            _(
                "Format Office lama (.doc/.xls) tidak diterima karena dapat "
                "berisi makro. Simpan sebagai .docx/.xlsx."
            )
        )
    elif head.startswith(b"MZ") or head.startswith(b"\x7fELF"):
        raise ValidationError(
            _(
                "Berkas ini adalah program (executable), bukan dokumen, dan "
                "ditolak. Yang diterima hanya %(allowed)s."
            )
            % {"allowed": ALLOWED_LABEL}
        )
    else:
        raise ValidationError(
            _("Jenis berkas tidak dikenali dari isinya. Yang diterima hanya %(allowed)s.")
            % {"allowed": ALLOWED_LABEL}
        )
    return Sniffed(ct, EXTENSIONS[ct])


def _check_name(name: str, sniffed: Sniffed) -> None:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext in MACRO_EXTENSIONS:
        raise ValidationError(
            _("Berkas .%(ext)s (format dengan makro atau format lama) ditolak. Simpan sebagai .docx/.xlsx.")
            % {"ext": ext}
        )
    declared = KNOWN_EXTENSIONS.get(ext)
    if ext and declared != sniffed.content_type:
        raise ValidationError(
            _(
                "Nama berkas berakhiran .%(ext)s, tetapi isinya %(real)s. "
                "Periksa kembali berkas yang diunggah."
            )
            % {"ext": ext, "real": sniffed.extension.upper()}
        )


def _read_upload(file: UploadedFile, limit: int) -> bytes:
    size = file.size or 0
    if size > limit:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s MB). Batas unggahan badan ini %(limit)s MB.")
            % {"size": f"{size / 1024 / 1024:.1f}", "limit": limit // (1024 * 1024)}
        )
    file.seek(0)
    chunks: list[bytes] = []
    total = 0
    for chunk in file.chunks():
        total += len(chunk)
        if total > limit:
            raise ValidationError(
                _("Berkas terlalu besar. Batas unggahan badan ini %(limit)s MB.")
                % {"limit": limit // (1024 * 1024)}
            )
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data:
        raise ValidationError(_("Berkas kosong."))
    return data


def storage_path(body: PublicBody, name: str, extension: str) -> str:
    """A fresh path: the random directory makes every path unique and never reused."""
    now = timezone.now()
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", get_valid_filename(stem) or "berkas").strip("-")[:80] or "berkas"
    return f"arsip/{body.slug}/{now:%Y}/{now:%m}/{uuid.uuid4().hex}/{stem}.{extension}"


def default_retention_years() -> int:
    return int(getattr(settings, "TERBUKA_DOCUMENTS_RETENTION_YEARS", 10))


def _retention_until(years: int, start: dt.date) -> dt.date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def _validate_classification(classification: str) -> None:
    if classification not in Classification.values:
        raise ValidationError(_("Klasifikasi tidak dikenal: %(c)s.") % {"c": classification})


def _save(
    *,
    actor: User | None,
    body: PublicBody,
    data: bytes,
    sniffed: Sniffed,
    original_name: str,
    label: str,
    case: Any,
    step_no: int | None,
    classification: str,
    kind: str = "",
    unit: Unit | None = None,
    document: Any = None,
    previous: StoredFile | None = None,
    retention_years: int | None = None,
    box: str = "",
    cabinet: str = "",
    shelf: str = "",
    note: str = "",
    source: StoredFile | None = None,
    action: str = "documents.file_stored",
) -> StoredFile:
    _validate_classification(classification)
    path = storage_path(body, original_name, sniffed.extension)
    saved_name = default_storage.save(path, ContentFile(data))
    years = retention_years if retention_years is not None else default_retention_years()
    today = today_in(body)
    fields: dict[str, Any] = {}
    if case is not None:
        fields["case"] = case
    stored = StoredFile(
        body=body,
        unit=unit,
        step_no=step_no,
        label=label,
        kind=kind,
        document=document,
        original_name=original_name[:255],
        file=saved_name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        content_type=sniffed.content_type,
        classification=classification,
        retention_years=years,
        retention_until=_retention_until(years, today),
        box=box,
        cabinet=cabinet,
        shelf=shelf,
        previous=previous,
        version=(previous.version + 1) if previous is not None else 1,
        source=source,
        note=note,
        created_by=actor if actor is not None and actor.pk else None,
        **fields,
    )
    try:
        with transaction.atomic():
            stored.full_clean(exclude=["file", "case"])
            stored.save(force_insert=True)
            audit.record(
                actor=actor,
                body=body,
                action=action,
                obj=stored,
                new=audit.snapshot(
                    # an exempted file's label may say what it holds: the audit trail is read outside the
                    # exemption (body admins), so it keeps the label only of files that are not exempted
                    stored,
                    ["kind", "sha256", "size", "classification", "version", "step_no"]
                    + ([] if stored.is_exempt else ["label"]),
                ),
            )
    except Exception:
        # The row was not written: do not leave an orphan file behind.
        default_storage.delete(saved_name)
        raise
    return stored


@transaction.atomic
def store_upload(
    *,
    actor: User | None,
    body: PublicBody,
    file: UploadedFile,
    label: str,
    case: Any = None,
    step_no: int | None = None,
    classification: str = "internal",
    kind: str = "",
    unit: Unit | None = None,
    retention_years: int | None = None,
    box: str = "",
    cabinet: str = "",
    shelf: str = "",
    note: str = "",
) -> StoredFile:
    """Check an upload by its content and archive it. Raises ValidationError with an Indonesian message."""
    limit = int(body.max_upload_mb) * 1024 * 1024
    data = _read_upload(file, limit)
    sniffed = sniff(data)
    name = file.name or f"berkas.{sniffed.extension}"
    _check_name(name, sniffed)
    if case is not None and getattr(case, "body_id", body.pk) != body.pk:
        raise ValidationError(_("Proses SOP ini milik badan publik lain."))
    return _save(
        actor=actor,
        body=body,
        data=data,
        sniffed=sniffed,
        original_name=name,
        label=label,
        case=case,
        step_no=step_no,
        classification=classification,
        kind=kind,
        unit=unit,
        retention_years=retention_years,
        box=box,
        cabinet=cabinet,
        shelf=shelf,
        note=note,
    )


@transaction.atomic
def store_bytes(
    *,
    actor: User | None,
    body: PublicBody,
    data: bytes,
    name: str,
    label: str,
    kind: str = "",
    case: Any = None,
    step_no: int | None = None,
    classification: str = "internal",
    unit: Unit | None = None,
    document: Any = None,
    previous: StoredFile | None = None,
    source: StoredFile | None = None,
    note: str = "",
) -> StoredFile:
    """Archive bytes the system produced (a rendered document). Same content check, no size limit."""
    sniffed = sniff(data)
    return _save(
        actor=actor,
        body=body,
        data=data,
        sniffed=sniffed,
        original_name=name,
        label=label,
        case=case,
        step_no=step_no,
        classification=classification,
        kind=kind,
        unit=unit,
        document=document,
        previous=previous,
        source=source,
        note=note,
        action="documents.file_generated",
    )


def _lock_latest(previous: StoredFile) -> StoredFile:
    previous = StoredFile.objects.select_for_update().get(pk=previous.pk)
    if StoredFile.objects.filter(previous=previous).exists():
        raise ValidationError(
            _("Berkas ini sudah punya versi yang lebih baru; unggah perubahan pada versi terakhir.")
        )
    return previous


def _version_of(
    *,
    actor: User | None,
    previous: StoredFile,
    data: bytes,
    sniffed: Sniffed,
    name: str,
    note: str,
    classification: str | None = None,
    action: str = "documents.file_versioned",
) -> StoredFile:
    return _save(
        actor=actor,
        body=previous.body,
        data=data,
        sniffed=sniffed,
        original_name=name,
        label=previous.label,
        case=getattr(previous, "case", None),
        step_no=previous.step_no,
        classification=classification or previous.classification,
        kind=previous.kind,
        unit=previous.unit,
        document=previous.document,
        previous=previous,
        retention_years=previous.retention_years,
        box=previous.box,
        cabinet=previous.cabinet,
        shelf=previous.shelf,
        note=note,
        action=action,
    )


@transaction.atomic
def store_new_version(
    *,
    actor: User | None,
    previous: StoredFile,
    file: UploadedFile,
    note: str = "",
    classification: str | None = None,
) -> StoredFile:
    """A changed upload: a new row pointing at the one it supersedes. The old file stays as it was.

    Files of a generated document (its drafts, the signed DOCX, the PDF) are refused: they change only
    through the sign-off chain (``services.document_revise`` / ``document_sign``), so nobody can swap a
    draft mid-chain or a signed letter after the fact.
    """
    previous = _lock_latest(previous)
    if previous.document_id is not None:
        raise ValidationError(
            _(
                "Berkas ini adalah berkas naskah dinas; perubahannya hanya melalui perbaikan konsep "
                "dan paraf/tanda tangan pada halaman naskah, bukan dengan mengunggah versi baru."
            )
        )
    if actor is not None:
        from .policies import can_open_file

        if not can_open_file(actor, previous)[0]:
            raise PermissionDenied(_("Anda tidak berwenang mengubah berkas ini."))
    limit = int(previous.body.max_upload_mb) * 1024 * 1024
    data = _read_upload(file, limit)
    sniffed = sniff(data)
    name = file.name or previous.original_name
    _check_name(name, sniffed)
    return _version_of(
        actor=actor,
        previous=previous,
        data=data,
        sniffed=sniffed,
        name=name,
        note=note,
        classification=classification,
    )


@transaction.atomic
def store_document_version(
    *, actor: User | None, previous: StoredFile, data: bytes, name: str, note: str
) -> StoredFile:
    """A new rendering of a document's file (revised draft, signed final). Only the document services call
    this; users cannot post versions of a document's files (see ``store_new_version``)."""
    previous = _lock_latest(previous)
    if previous.document_id is None:
        raise ValueError("store_document_version is only for files of a generated document")
    return _version_of(actor=actor, previous=previous, data=data, sniffed=sniff(data), name=name, note=note)


def files_for_case(case: Any) -> QuerySet[StoredFile]:
    """Every archived file of a case (all versions), newest first."""
    return StoredFile.objects.filter(case=case).select_related("created_by").order_by("-created_at", "-pk")


def usable_files_for_case(case: Any) -> QuerySet[StoredFile]:
    """Files of a case that can stand as an SOP step's document: uploads, and generated letters once signed.

    A konsep (draft) awaiting paraf or signature does not count: "Surat Dinas yang sudah diparaf serta
    ditandatangani" is only there once the signature is.
    """
    from .models import Document

    return StoredFile.objects.filter(case=case).filter(
        Q(document__isnull=True) | Q(document__status=Document.Status.FINAL)
    )
