"""The request register and the objection register (DOMAIN.md §6), as rows, XLSX and PDF.

XLSX is written directly (a minimal SpreadsheetML package: one sheet, inline strings, a bold header row),
so no spreadsheet library is needed; PDF is rendered from HTML with WeasyPrint (already a dependency).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any
from xml.sax.saxutils import escape

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from terbuka.core import clocks
from terbuka.core.models import PublicBody
from terbuka.core.workdays import format_date_id

from .models import Ground, InformationRequest, Objection, Outcome


def _d(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and callable(value.date):
        value = value.date()
    return format_date_id(value)


def request_columns() -> list[str]:
    return [
        _("No"), _("Nomor registrasi"), _("Tanggal"), _("Nama"), _("Alamat"), _("Kontak"), _("Pekerjaan"),
        _("Informasi yang diminta"), _("Tujuan"), _("Dikuasai / tidak dikuasai / belum didokumentasikan"),
        _("Bentuk informasi"), _("Keputusan"), _("Alasan penolakan"), _("Tanggal pemberitahuan"), _("Biaya"),
        _("Batas waktu"), _("Status"),
    ]  # fmt: skip


def request_rows(qs: QuerySet[InformationRequest]) -> list[list[str]]:
    rows = []
    for i, r in enumerate(qs.select_related("body"), start=1):
        clock = clocks.get(r, "pemberitahuan_tertulis")
        held = ""
        if r.outcome == Outcome.TIDAK_DIKUASAI:
            held = _("tidak dikuasai") + (f" ({r.holder_body})" if r.holder_body else "")
        elif r.outcome == Outcome.BELUM_DIDOKUMENTASIKAN:
            held = _("belum didokumentasikan")
        elif r.outcome:
            held = _("dikuasai")
        late = clock is not None and clocks.is_late(clock)
        contact = " / ".join(x for x in (r.phone, r.email) if x)
        rows.append([
            str(i), r.number, _d(r.submitted_at), r.name, r.address, contact,
            r.occupation, r.information, r.purpose, held, r.get_obtain_display(), r.get_outcome_display(),
            r.refusal_ground, _d(r.answered_at), r.fee if r.outcome else "",
            (_d(clock.due_date) if clock and clock.due_date else "")
            + (" " + _("(terlambat)") if late else ""),
            r.get_status_display(),
        ])  # fmt: skip
    return rows


def objection_columns() -> list[str]:
    return [
        _("No"), _("Nomor keberatan"), _("Nomor permohonan"), _("Tujuan penggunaan"), _("Identitas pemohon"),
        _("Alasan (Pasal 35 ayat (1))"), _("Kasus posisi"), _("Tanggal diterima"), _("Batas tanggapan"),
        _("Tanggal tanggapan"), _("Putusan Atasan PPID"), _("Tanggapan pemohon"),
    ]  # fmt: skip


def objection_rows(qs: QuerySet[Objection]) -> list[list[str]]:
    rows = []
    for i, o in enumerate(qs.select_related("request"), start=1):
        clock = clocks.get(o, "tanggapan_keberatan")
        rows.append([
            str(i), o.number, o.request.number, o.request.purpose,
            f"{o.request.name}, {o.request.address} ({o.request.id_masked})",
            "; ".join(str(Ground(g).label) for g in o.grounds), o.reasons, _d(o.received_on),
            _d(clock.due_date) if clock and clock.due_date else "", _d(o.answered_at),
            o.get_decision_display(), o.requester_response,
        ])  # fmt: skip
    return rows


def _col(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _clean(text: str) -> str:
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 32)


def xlsx(title: str, columns: list[str], rows: list[list[str]]) -> bytes:
    """One sheet: a title row, the header row (bold) and the rows, all as inline strings."""

    def row_xml(r: int, values: list[str], style: int = 0) -> str:
        attr = f' s="{style}"' if style else ""
        cells = "".join(
            f'<c r="{_col(c)}{r}" t="inlineStr"{attr}>'
            f'<is><t xml:space="preserve">{escape(_clean(str(v)))}</t></is></c>'
            for c, v in enumerate(values, start=1)
        )
        return f'<row r="{r}">{cells}</row>'

    body = row_xml(1, [title], 1) + row_xml(2, columns, 1)
    body += "".join(row_xml(i, row) for i, row in enumerate(rows, start=3))
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    )
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Register" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
            'Target="styles.xml"/></Relationships>'
        ),
        "xl/styles.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
            '<cellXfs count="2"><xf fontId="0"/><xf fontId="1" applyFont="1"/></cellXfs>'
            "</styleSheet>"
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return out.getvalue()


def pdf(body: PublicBody, title: str, columns: list[str], rows: list[list[str]]) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "requests/register_pdf.html", {"body": body, "title": title, "columns": columns, "rows": rows}
    )
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return,unused-ignore]
