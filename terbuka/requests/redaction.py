"""Given in part: a blacked-out copy of a PDF with the text really removed, the original kept exempted.

The copy is made by rasterising every page (``pdftoppm``, poppler), painting the boxes black with the ground
written in white inside each box, and rebuilding the PDF from the images (Pillow). No text layer survives,
so nothing under a box can be selected, searched or extracted (``pdftotext`` finds no text at all). The
original is archived with the classification "dikecualikan" (opened only under the exempted-file rules and
logged); the copy and the list of parts (page, box, ground) are kept on the request.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from terbuka.core import audit
from terbuka.core.models import User
from terbuka.documents import archive
from terbuka.documents.models import Classification

from . import policies
from .models import InformationRequest, RedactedCopy

DPI = 150
MAX_PAGES = 200
MAX_BYTES = 50 * 1024 * 1024  # the original PDF; a larger one is split by the desk before redaction


@dataclass(frozen=True)
class Part:
    page: int  # 1-based
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 as fractions of the page, top-left origin
    ground: str


def parse_parts(text: str) -> list[Part]:
    """``1; 10,20,90,30; Pasal 17 huruf h`` per line (percent of the page); errors name the line."""
    parts, errors = [], []
    for no, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        bits = [b.strip() for b in line.split(";", 2)]
        try:
            if len(bits) != 3 or not bits[2]:
                raise ValueError
            page = int(bits[0])
            nums = [float(x) for x in bits[1].split(",")]
            if page < 1 or len(nums) != 4 or not all(0 <= n <= 100 for n in nums):
                raise ValueError
            x0, y0, x1, y1 = nums
            if x1 <= x0 or y1 <= y0:
                raise ValueError
        except ValueError:
            errors.append(
                _("Baris %(n)s: tulis 'halaman; x0,y0,x1,y1; alasan' dengan angka persen 0-100.") % {"n": no}
            )
            continue
        parts.append(Part(page, (x0 / 100, y0 / 100, x1 / 100, y1 / 100), bits[2][:200]))
    if errors:
        raise ValidationError(errors)
    if not parts:
        raise ValidationError(_("Tuliskan sekurang-kurangnya satu bagian yang dihitamkan."))
    return parts


def redact_pdf(data: bytes, parts: list[Part]) -> bytes:
    """The blacked-out copy as a PDF of page images (no text layer)."""
    _check_size(len(data))
    with tempfile.TemporaryDirectory(prefix="terbuka-redact-") as tmp:
        src = Path(tmp) / "asli.pdf"
        src.write_bytes(data)
        try:
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    str(DPI),
                    "-png",
                    "-l",
                    str(MAX_PAGES + 1),
                    str(src),
                    str(Path(tmp) / "hlm"),
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise ValidationError(_("PDF tidak dapat dibaca untuk dihitamkan.")) from exc
        files = sorted(Path(tmp).glob("hlm*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[-1]))
        if not files:
            raise ValidationError(_("PDF tidak memiliki halaman."))
        if len(files) > MAX_PAGES:
            # Never a silently shortened copy: a longer document is refused whole.
            raise ValidationError(
                _("PDF lebih dari %(n)s halaman: pisahkan bagian yang diminta lalu hitamkan.")
                % {"n": MAX_PAGES}
            )
        too_far = [p.page for p in parts if p.page > len(files)]
        if too_far:
            raise ValidationError(
                _("Halaman %(p)s tidak ada; dokumen ini %(n)s halaman.") % {"p": too_far[0], "n": len(files)}
            )
        pages = []
        for index, path in enumerate(files, start=1):
            with Image.open(path) as img:
                page = img.convert("RGB")
            draw = ImageDraw.Draw(page)
            w, h = page.size
            for part in (p for p in parts if p.page == index):
                x0, y0, x1, y1 = part.box
                draw.rectangle([x0 * w, y0 * h, x1 * w, y1 * h], fill="black")
                size = max(10, min(28, int((y1 - y0) * h * 0.35)))
                font = ImageFont.load_default(size=size)
                draw.text((x0 * w + 6, y0 * h + 4), part.ground[:80], fill="white", font=font)
            pages.append(page)
        out = io.BytesIO()
        pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=DPI)
        return out.getvalue()


@transaction.atomic
def _check_size(size: int | None) -> None:
    if size is not None and size > MAX_BYTES:
        raise ValidationError(
            _("PDF paling besar %(m)s MB untuk dihitamkan.") % {"m": MAX_BYTES // (1024 * 1024)}
        )


def redact(
    *, actor: User, request: InformationRequest, original: UploadedFile, parts_text: str
) -> RedactedCopy:
    if not policies.can_view(actor, request):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("Anda tidak berwenang menangani permohonan ini."))
    parts = parse_parts(parts_text)
    _check_size(original.size)
    head = original.read(8)
    original.seek(0)
    if not head.startswith(b"%PDF-"):
        raise ValidationError(_("Penghitaman hanya untuk berkas PDF."))
    stored = archive.store_upload(
        actor=actor,
        body=request.body,
        file=original,
        label=_("Dokumen asli permohonan %(n)s (dikecualikan sebagian)") % {"n": request.number},
        case=request.case,
        classification=Classification.DIKECUALIKAN,
        unit=request.unit,
        note=_("asli; salinan yang dihitamkan diberikan kepada pemohon"),
    )
    with stored.file.open("rb") as fh:
        data = fh.read()
    copy = redact_pdf(data, parts)
    redacted = archive.store_bytes(
        actor=actor,
        body=request.body,
        data=copy,
        name=f"{request.number}-dihitamkan.pdf",
        label=_("Salinan yang dihitamkan untuk %(n)s") % {"n": request.number},
        case=request.case,
        classification=Classification.INTERNAL,
        unit=request.unit,
        source=stored,
        note="; ".join(f"hlm. {p.page}: {p.ground}" for p in parts),
    )
    row = RedactedCopy.objects.create(
        request=request,
        original=stored,
        redacted=redacted,
        parts=[{"page": p.page, "box": list(p.box), "ground": p.ground} for p in parts],
        created_by=actor,
    )
    audit.record(
        actor=actor,
        body=request.body,
        action="requests.request.redact",
        obj=request,
        new={"original": stored.pk, "copy": redacted.pk, "parts": row.parts},
    )
    return row
