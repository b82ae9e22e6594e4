"""DOCX rendering (docxtpl) and PDF conversion (LibreOffice headless).

``render_docx`` fills a kind's template (or a body's own) with a context; images (the body's logo and the
verification QR code) become docxtpl InlineImages. Jinja runs with StrictUndefined, so a template asking
for a field the context lacks fails loudly instead of printing a blank. Every render runs in the sandbox of
``sandbox.py`` (templates are data, never code). ``check_template`` is the gate for a body's uploaded
template: every expression is checked against the kind's declared fields before anything is rendered, then
the kind's SAMPLE must render; the error names the refused expression or every unknown field.

PDF comes from the same DOCX through ``soffice --headless --convert-to pdf`` with a throw-away profile per
call; without LibreOffice, ``pdf_available()`` is False and the UI says how to enable it.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import jinja2
import qrcode
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from qrcode.image.pil import PilImage

from terbuka.core import safezip
from terbuka.core.models import PublicBody, Unit
from terbuka.core.workdays import format_date_id

from . import sandbox
from .kinds import Kind, common

PDF_HINT = gettext_lazy(
    "Konversi PDF memerlukan LibreOffice. Pasang dengan: sudo apt-get install libreoffice-writer-nogui "
    "(atau atur TERBUKA_SOFFICE ke lokasi program soffice), lalu mulai ulang layanan."
)


PDF_FAILED = gettext_lazy(
    "PDF naskah ini gagal dibuat oleh LibreOffice. Berkas DOCX tetap sah dan dapat diunduh; "
    "minta admin memeriksa log server, lalu buat ulang PDF."
)

logger = logging.getLogger(__name__)


# -- context --------------------------------------------------------------------------------------------


def city_of(body: PublicBody) -> str:
    """The place written before the date: "Serang" for Kota/Kabupaten Serang, else the region's first part."""
    name = body.name
    for prefix in (
        "Pemerintah Kota ",
        "Pemerintah Kabupaten ",
        "Pemerintah Provinsi ",
        "Kota ",
        "Kabupaten ",
    ):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return (body.region.split(",")[0] if body.region else name).strip()


# Units that write under their own kop: perangkat daerah; a bagian or bidang writes under its parent's.
_KOP_UNITS = {"sekretariat", "dinas", "badan", "kecamatan", "rsud", "bumd"}


def _kop_unit(unit: Unit | None) -> Unit | None:
    seen = 0
    while unit is not None and not unit.letterhead.strip() and unit.kind not in _KOP_UNITS and seen < 10:
        unit, seen = unit.parent, seen + 1
    return unit


def kop_context(body: PublicBody, unit: Unit | None = None) -> dict[str, Any]:
    """The letterhead: the unit's own (a Dinas Kesehatan letter under the Dinas Kesehatan's kop), else the
    body's. A unit without its own lines prints the body's first line (PEMERINTAH KOTA …) and its name."""
    lines = body.letterhead_lines()
    address = body.address.rstrip(".")
    unit = _kop_unit(unit)
    if unit is not None:
        own = [line.strip() for line in unit.letterhead.splitlines() if line.strip()]
        lines = own or [lines[0], unit.name.upper()]
        address = (unit.address or address).rstrip(".")
    if body.postal_code and body.postal_code not in address:
        address = f"{address} {body.postal_code}"
    contact = []
    if body.phone:
        contact.append(f"Telepon {body.phone}")
    if body.email:
        contact.append(f"Surel {body.email}")
    if body.website:
        contact.append(f"Laman {body.website.removeprefix('https://').removeprefix('http://').rstrip('/')}")
    return {
        "logo": "",
        "pemerintah": lines[0],
        "instansi": lines[1:],
        "alamat": address,
        "kontak": " · ".join(contact),
        "kepala": "",
    }


def base_context(
    body: PublicBody,
    *,
    day: Any,
    number: str = "",
    register_number: str = "",
    verify_url: str = "",
    unit: Unit | None = None,
) -> dict[str, Any]:
    """The keys every kind shares (see kinds.common.COMMON_SAMPLE)."""
    return {
        **common.COMMON_STANDARD,
        "kop": kop_context(body, unit),
        "badan": body.name,
        "badan_upper": body.name.upper(),
        "nomor": number,
        "nomor_register": register_number,
        "tempat": city_of(body),
        "tanggal": format_date_id(day),
        "tahun": day.year,
        "hari": common.hari(day),
        "tanggal_terbilang": common.tanggal_terbilang(day),
        "ttd": {"an": "", "jabatan": "", "nama": "", "pangkat": "", "nip": "", "tanda": ""},
        "paraf": [],
        "qr": verify_url,
        "verifikasi_teks": verification_text(verify_url),
    }


def verification_text(url: str) -> str:
    """The line printed under the QR code: the link, and the code to type at /verifikasi/ (issue 9 item 3)."""
    if not url:
        return ""
    token = url.rstrip("/").rsplit("/", 1)[-1]
    lookup = settings.SITE_URL.rstrip("/") + reverse("portal:verifikasi:lookup")
    return f"Periksa keaslian naskah ini: {url} — atau buka {lookup} dan ketik kode {token}"


def verify_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("portal:verifikasi:verify", args=[token])


# -- DOCX -----------------------------------------------------------------------------------------------


def _env() -> jinja2.Environment:
    """Every render (letters, previews, the upload check) runs in the sandbox: see sandbox.py."""
    return sandbox.environment()


def qr_png(url: str) -> bytes:
    qr = qrcode.QRCode(border=1, box_size=6, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(url)
    qr.make(fit=True)
    buf = io.BytesIO()
    qr.make_image(image_factory=PilImage).save(buf, format="PNG")
    return buf.getvalue()


def _with_images(tpl: DocxTemplate, context: dict[str, Any], body: PublicBody | None) -> dict[str, Any]:
    ctx = dict(context)
    kop = dict(ctx.get("kop") or {})
    if body is not None and body.logo:
        try:
            with body.logo.open("rb") as fh:
                kop["logo"] = InlineImage(tpl, io.BytesIO(fh.read()), height=Mm(24))
        except (OSError, ValueError):
            kop["logo"] = ""
    elif not isinstance(kop.get("logo"), InlineImage):
        kop["logo"] = ""
    ctx["kop"] = kop
    qr = ctx.get("qr")
    if isinstance(qr, str) and qr:
        ctx["qr"] = InlineImage(tpl, io.BytesIO(qr_png(qr)), width=Mm(24))
    return ctx


def render_docx(
    kind: Kind,
    context: dict[str, Any],
    *,
    body: PublicBody | None = None,
    template: bytes | Path | None = None,
) -> bytes:
    """The filled DOCX as bytes. The context must be plain data (sandbox.plain_context); the template is
    rendered in the sandbox, so even a template that never passed the upload gate cannot run code."""
    plain = sandbox.plain_context(context)
    if isinstance(template, bytes):
        safezip.check_zip(template)  # a body's template stored before the upload checked it
    source: Any = io.BytesIO(template) if isinstance(template, bytes) else (template or kind.template_path)
    tpl = DocxTemplate(source)
    tpl.render(_with_images(tpl, plain, body), jinja_env=_env(), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def template_sources(tpl: DocxTemplate) -> list[tuple[str, str]]:
    """Every Jinja source ``DocxTemplate.render`` renders, as (part, source): the document body, headers,
    footers, the core properties (title, subject, ...) and footnotes, patched the way docxtpl patches them."""
    tpl.init_docx()
    sources = [("document", tpl.patch_xml(tpl.get_xml()))]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _rel, part in tpl.get_headers_footers(uri):
            sources.append((str(part.partname), tpl.patch_xml(tpl.get_part_xml(part))))
    props = tpl.docx.core_properties
    sources += [(f"docProps/core.xml:{name}", getattr(props, name) or "") for name in _PROPERTIES]
    for part in tpl.docx.part.package.parts:
        if part.content_type == _FOOTNOTES:
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            sources.append((str(part.partname), tpl.patch_xml(blob)))
    return sources


def _syntax_error(exc: jinja2.TemplateSyntaxError) -> ValidationError:
    logger.info("template syntax error: %s", exc)
    return ValidationError(
        _(
            "Templat tidak valid: penulisan isian salah pada baris %(line)s. Periksa pasangan {{ … }} "
            "dan {%% … %%} (mis. setiap {%% for %%} ditutup dengan {%% endfor %%})."
        )
        % {"line": exc.lineno}
    )


def check_template(kind: Kind, data: bytes) -> None:
    """The gate for a body's own template (see sandbox.py). Nothing is rendered before every expression
    of every part has been checked against the kind's declared fields; then the kind's SAMPLE must render.

    Errors: the first expression outside the template language ("Templat ditolak: ungkapan
    `badan.__class__` tidak diizinkan: …"), or every unknown field with the available ones.
    """
    safezip.check_zip(data)
    try:
        tpl = DocxTemplate(io.BytesIO(data))
        sources = template_sources(tpl)
    except Exception as exc:
        logger.info("template unreadable: %r", exc)
        raise ValidationError(
            _("Templat tidak dapat dibaca sebagai dokumen Word (DOCX). Simpan ulang dari Word sebagai .docx.")
        ) from exc
    env = sandbox.environment()
    sample = kind.sample
    unknown: set[str] = set()
    for _part, source in sources:
        try:
            parsed = env.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            raise _syntax_error(exc) from exc
        try:
            unknown |= sandbox.check_source(parsed, sample)
        except sandbox.Refused as exc:
            raise ValidationError(
                _("Templat ditolak: ungkapan `%(expr)s` tidak diizinkan (%(reason)s).")
                % {"expr": exc.expression[:200], "reason": sandbox.reason_text(exc.reason)},
                code="refused_expression",
            ) from exc
    if unknown:
        raise ValidationError(
            "Templat memakai isian yang tidak dikenal untuk jenis %(kind)s: %(fields)s. Isian yang tersedia: "
            "%(known)s.",
            params={
                "kind": kind.title,
                "fields": ", ".join(sorted(unknown)),
                "known": ", ".join(sorted(sample)),
            },
            code="unknown_fields",
        )
    try:
        render_docx(kind, sample, template=data)
    except jinja2.TemplateSyntaxError as exc:
        raise _syntax_error(exc) from exc
    except jinja2.UndefinedError as exc:
        name = re.search(r"'([^']+)'", exc.message or "")
        raise ValidationError(
            _("Templat memakai isian yang tidak dikenal: %(name)s.")
            % {"name": name.group(1) if name else "?"}
        ) from exc
    except (jinja2.TemplateError, TypeError, ValueError) as exc:
        logger.info("template failed with the sample: %s", exc)
        raise ValidationError(
            _(
                "Templat gagal diisi dengan contoh isian. Periksa penulisan isian {{ … }} dan {%% … %%} "
                "di dalam templat."
            )
        ) from exc


# -- PDF ------------------------------------------------------------------------------------------------


def soffice_path() -> str | None:
    configured = getattr(settings, "TERBUKA_SOFFICE", "")
    if configured:
        return configured if os.path.exists(configured) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    return bool(getattr(settings, "TERBUKA_DOCUMENTS_PDF", True)) and soffice_path() is not None


class PdfUnavailable(RuntimeError):
    pass


class PdfFailed(RuntimeError):
    """LibreOffice could not convert; the message is for users, the details go to the log."""


PDF_LOST = gettext_lazy(
    "Pembuatan PDF naskah ini terhenti karena pekerja latar berhenti di tengah jalan. Berkas DOCX tetap sah "
    'dan dapat diunduh; tekan "Coba lagi" untuk membuat ulang PDF.'
)

PDF_TIMEOUT = gettext_lazy(
    "PDF naskah ini tidak selesai dibuat oleh LibreOffice dalam batas waktu dan dihentikan. Berkas DOCX "
    "tetap sah dan dapat diunduh; coba lagi, atau minta admin memeriksa log server."
)


def docx_to_pdf(data: bytes, *, timeout: int | None = None) -> bytes:
    """Convert with LibreOffice headless, in a throw-away profile so parallel calls never collide.

    LibreOffice runs in its own process group, guarded (terbuka/core/processes.py): the whole group is
    killed on timeout (``TERBUKA_SOFFICE_TIMEOUT``) and when the worker running it exits, even by kill -9.
    """
    from terbuka.core.processes import GroupTimeout, run_group

    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable(str(PDF_HINT))
    timeout = timeout or int(getattr(settings, "TERBUKA_SOFFICE_TIMEOUT", 120))
    with tempfile.TemporaryDirectory(prefix="terbuka-pdf-") as tmp:
        src = Path(tmp) / "naskah.docx"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        log = Path(tmp) / "soffice.log"
        cmd = [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            str(src),
        ]
        try:
            result = run_group(cmd, timeout=timeout, cwd=tmp, output=log)
        except GroupTimeout as exc:
            logger.error("LibreOffice timed out: %s", exc)
            raise PdfFailed(str(PDF_TIMEOUT)) from exc
        out = Path(tmp) / "naskah.pdf"
        if result.returncode != 0 or not out.exists():
            logger.error(
                "LibreOffice failed (exit %s): %s",
                result.returncode,
                log.read_bytes().decode(errors="replace")[-2000:] if log.exists() else "",
            )
            raise PdfFailed(str(PDF_FAILED))
        return out.read_bytes()
