"""The proposal template (XLSX) and its import, and the register as XLSX.

Import is all or nothing: every problem is named by row and column ("Baris 4, kolom C (Huruf Pasal 17):
…") and nothing is saved unless every row is right. The file is checked as a zip first
(``core.safezip``: size, members, ratios) and read with openpyxl without formulas being evaluated.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from terbuka.core import safezip

from .grounds import GROUNDS, OTHER_STATUTES
from .models import Entry
from .periods import Period, PeriodKind
from .services import entry_problems

MAX_ROWS = 500

# (key, header, width) in column order A, B, …
COLUMNS: list[tuple[str, str, int]] = [
    ("title", "Informasi", 40),
    ("description", "Uraian", 30),
    ("ground_letter", "Huruf Pasal 17", 10),
    ("ground_point", "Angka", 8),
    ("statute", "Undang-undang lain", 30),
    ("legal_basis", "Dasar hukum", 30),
    ("consequence", "Konsekuensi bila dibuka", 40),
    ("consideration", "Pertimbangan bila ditutup", 40),
    ("period_kind", "Jenis jangka waktu", 20),
    ("until", "Sampai tanggal", 14),
    ("years", "Jumlah tahun", 10),
    ("start", "Tanggal mulai", 14),
    ("event", "Peristiwa", 30),
    ("review_on", "Tanggal peninjauan", 14),
    ("period_statute", "Undang-undang jangka waktu", 30),
]
HEADERS = [h for _k, h, _w in COLUMNS]
LETTER = {key: chr(ord("A") + i) for i, (key, _h, _w) in enumerate(COLUMNS)}
HEADER_OF = {key: h for key, h, _w in COLUMNS}
FIELD_COLUMN = {
    "title": "title",
    "ground_letter": "ground_letter",
    "ground_point": "ground_point",
    "statute": "statute",
    "consequence": "consequence",
    "consideration": "consideration",
    "period": "period_kind",
}


def template() -> bytes:
    """The empty template with its header, a guide sheet and drop-down lists."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Usulan DIK"
    ws.append(HEADERS)
    for i, (_k, _h, width) in enumerate(COLUMNS):
        cell = ws.cell(row=1, column=i + 1)
        cell.font = Font(bold=True)
        ws.column_dimensions[cell.column_letter].width = width
    letters = DataValidation(type="list", formula1='"' + ",".join(GROUNDS) + '"', allow_blank=True)
    kinds = DataValidation(type="list", formula1='"' + ",".join(PeriodKind.values) + '"', allow_blank=True)
    ws.add_data_validation(letters)
    ws.add_data_validation(kinds)
    letters.add(f"{LETTER['ground_letter']}2:{LETTER['ground_letter']}{MAX_ROWS + 1}")
    kinds.add(f"{LETTER['period_kind']}2:{LETTER['period_kind']}{MAX_ROWS + 1}")
    guide = wb.create_sheet("Petunjuk")
    guide.append(["Kolom", "Isi"])
    notes = {
        "ground_letter": "a sampai j (UU 14/2008 Pasal 17)",
        "ground_point": "angka dalam huruf itu, bila ada (mis. huruf h angka 2)",
        "statute": "wajib untuk huruf j: undang-undang yang melarang pengungkapan",
        "period_kind": ", ".join(f"{k} ({label})" for k, label in PeriodKind.choices),
        "until": "untuk sampai_tanggal (TTTT-BB-HH)",
        "years": "untuk tahun: jumlah tahun (huruf a paling lama 30)",
        "start": "tanggal mulai untuk tahun (dan huruf a)",
        "event": "untuk sampai_peristiwa: uraian peristiwa",
        "review_on": "untuk selama_diperlukan: tanggal peninjauan yang ditetapkan pimpinan",
        "period_statute": "untuk menurut_uu: nama undang-undang",
    }
    for key, header, _w in COLUMNS:
        guide.append([header, notes.get(key, "")])
    guide.append([])
    guide.append(["Huruf", "Alasan pengecualian"])
    for g in GROUNDS.values():
        guide.append([g.letter, g.text])
    guide.append([])
    guide.append(["Undang-undang yang sering dirujuk (huruf j)", ""])
    for s in OTHER_STATUTES:
        guide.append([s, ""])
    guide.column_dimensions["A"].width = 40
    guide.column_dimensions["B"].width = 100
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value: Any, where: str, errors: list[str]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_text(value))
    except ValueError:
        errors.append(_("%(w)s: tanggal tidak sah (tulis TTTT-BB-HH).") % {"w": where})
        return None


def _int(value: Any, where: str, errors: list[str]) -> int | None:
    text = _text(value)
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        errors.append(_("%(w)s: harus berupa angka.") % {"w": where})
        return None


def _where(row: int, key: str) -> str:
    return _("Baris %(r)s, kolom %(c)s (%(h)s)") % {"r": row, "c": LETTER[key], "h": HEADER_OF[key]}


def read_rows(data: bytes) -> list[dict[str, Any]]:
    """The proposal rows of an uploaded template, or ``ValidationError`` naming every problem by row and
    column (nothing is returned unless every row is right)."""
    from openpyxl import load_workbook

    stream = safezip.checked_stream(data)
    try:
        wb = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken workbook
        raise ValidationError(_("Berkas bukan lembar kerja XLSX yang dapat dibaca.")) from exc
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = [_text(v) for v in next(rows, ())]
    missing = [h for h in HEADERS if h not in header]
    if missing:
        raise ValidationError(
            _("Baris 1: kolom templat tidak ditemukan: %(m)s. Unduh templat terbaru.")
            % {"m": ", ".join(missing)}
        )
    index = {h: header.index(h) for h in HEADERS}
    out: list[dict[str, Any]] = []
    errors: list[str] = []
    for number, values in enumerate(rows, start=2):
        cells = {key: (values[index[h]] if index[h] < len(values) else None) for key, h, _w in COLUMNS}
        if all(_text(v) == "" for v in cells.values()):
            continue
        if len(out) >= MAX_ROWS:
            errors.append(_("Paling banyak %(n)s baris per unggahan.") % {"n": MAX_ROWS})
            break
        row_errors: list[str] = []
        letter = _text(cells["ground_letter"]).lower()
        kind = _text(cells["period_kind"])
        point = _int(cells["ground_point"], _where(number, "ground_point"), row_errors)
        period = None
        if kind not in PeriodKind.values:
            row_errors.append(
                _("%(w)s: isi salah satu dari %(k)s.")
                % {"w": _where(number, "period_kind"), "k": ", ".join(PeriodKind.values)}
            )
        else:
            period = Period(
                kind=kind,
                letter=letter,
                until=_date(cells["until"], _where(number, "until"), row_errors),
                years=_int(cells["years"], _where(number, "years"), row_errors),
                start=_date(cells["start"], _where(number, "start"), row_errors),
                event=_text(cells["event"]),
                review_on=_date(cells["review_on"], _where(number, "review_on"), row_errors),
                statute=_text(cells["period_statute"]),
            )
        row = {
            "title": _text(cells["title"]),
            "description": _text(cells["description"]),
            "ground_letter": letter,
            "ground_point": point,
            "statute": _text(cells["statute"]),
            "legal_basis": _text(cells["legal_basis"]),
            "consequence": _text(cells["consequence"]),
            "consideration": _text(cells["consideration"]),
            "period": period,
        }
        for field, message in entry_problems(
            title=str(row["title"]),
            ground_letter=letter,
            ground_point=point,
            statute=str(row["statute"]),
            consequence=str(row["consequence"]),
            consideration=str(row["consideration"]),
            period=period,
        ):
            row_errors.append(f"{_where(number, FIELD_COLUMN.get(field, 'title'))}: {message}")
        errors += row_errors
        out.append(row)
    wb.close()
    if errors:
        raise ValidationError(errors)
    if not out:
        raise ValidationError(_("Templat tidak berisi satu baris usulan pun."))
    return out


def register_xlsx(entries: Iterable[Entry], title: str) -> bytes:
    """The DIK register as a spreadsheet (DOMAIN.md §6 DIK columns)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "DIK"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    head = [
        "No",
        "Informasi",
        "Unit",
        "Dasar hukum",
        "Konsekuensi bila dibuka",
        "Pertimbangan bila ditutup",
        "Jangka waktu",
        "Berakhir/ditinjau",
        "Tanggal uji",
        "Nomor SK",
        "Status",
    ]
    ws.append(head)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for i, e in enumerate(entries, start=1):
        ws.append(
            [
                i,
                e.title,
                e.unit.name if e.unit else "",
                e.legal_basis or e.citation(),
                e.consequence,
                e.consideration,
                e.period_text(),
                e.watch_on,
                e.tested_on,
                (e.decree.register_number or e.decree.number) if e.decree else "",
                e.get_status_display(),
            ]
        )
    for col, width in zip("ABCDEFGHIJK", (5, 40, 25, 30, 40, 40, 35, 14, 12, 28, 20), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD-MM-YYYY"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
