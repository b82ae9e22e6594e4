"""The DIP as a spreadsheet (officials live in Excel): a template to fill, import, and export to XLSX and
CSV. The columns are the DIP columns of DOMAIN.md §6 plus the category and year, in this order.

Import is all or nothing: every row is checked first and every problem is named by row and column in
Indonesian ("Baris 7, kolom Kategori: ..."); only a file without problems changes anything, in one
transaction. The upload is bounded in size and checked as a zip (core/safezip.py) before openpyxl opens it.

Export then import gives the same edition: a row with an ``ID`` of an item of the same body updates that
item; a row without one creates an item.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from terbuka.core.models import PublicBody, Unit, User

from . import services
from .models import Category, DipEdition, Form, InformationItem, Source

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000

# (header, field): the header as printed in the template; field on the item (or a derived one).
COLUMNS: list[tuple[str, str]] = [
    ("ID", "id"),
    ("Judul Informasi", "title"),
    ("Ringkasan Isi Informasi", "summary"),
    ("Unit Kerja", "unit"),
    ("Pejabat yang Menguasai Informasi", "official"),
    ("Penanggung Jawab Pembuatan/Penerbitan", "responsible"),
    ("Waktu Pembuatan", "made_when"),
    ("Tempat Pembuatan", "made_where"),
    ("Bentuk Informasi", "form"),
    ("Jangka Waktu Penyimpanan", "retention"),
    ("Kategori", "category"),
    ("Tahun", "year"),
]
HEADERS = [h for h, _f in COLUMNS]

CATEGORY_WORDS = {
    "berkala": Category.BERKALA,
    "informasi berkala": Category.BERKALA,
    "serta merta": Category.SERTA_MERTA,
    "serta_merta": Category.SERTA_MERTA,
    "sertamerta": Category.SERTA_MERTA,
    "informasi serta merta": Category.SERTA_MERTA,
    "setiap saat": Category.SETIAP_SAAT,
    "setiap_saat": Category.SETIAP_SAAT,
    "tersedia setiap saat": Category.SETIAP_SAAT,
    "informasi tersedia setiap saat": Category.SETIAP_SAAT,
}
CATEGORY_OUT = {
    Category.BERKALA: "Berkala",
    Category.SERTA_MERTA: "Serta merta",
    Category.SETIAP_SAAT: "Setiap saat",
    Category.DIKECUALIKAN: "Dikecualikan",
}
FORM_WORDS = {
    "softcopy": Form.SOFTCOPY,
    "soft copy": Form.SOFTCOPY,
    "hardcopy": Form.HARDCOPY,
    "hard copy": Form.HARDCOPY,
    "keduanya": Form.KEDUANYA,
    "softcopy dan hardcopy": Form.KEDUANYA,
    "soft copy dan hard copy": Form.KEDUANYA,
    "softcopy/hardcopy": Form.KEDUANYA,
}
FORM_OUT = {Form.SOFTCOPY: "Softcopy", Form.HARDCOPY: "Hardcopy", Form.KEDUANYA: "Softcopy dan hardcopy"}


def _norm(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return " ".join(str(v).split())


def item_row(item: InformationItem) -> list[Any]:
    return [
        item.pk,
        item.title,
        item.summary,
        item.unit.name if item.unit_id and item.unit else "",
        item.official,
        item.responsible,
        item.made_when,
        item.made_where,
        FORM_OUT.get(Form(item.form), item.form),
        item.retention,
        CATEGORY_OUT.get(Category(item.category), item.category),
        item.year or "",
    ]


def edition_items(edition: DipEdition) -> list[InformationItem]:
    return [e.item for e in edition.entries.select_related("item", "item__unit") if e.item is not None]


def _workbook(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "DIP"
    ws.append(HEADERS)
    for c in ws[1]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        ws.append(row)
    widths = [8, 40, 50, 24, 28, 28, 16, 16, 20, 22, 16, 8]
    for i, w in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = w
    ws.freeze_panes = "B2"
    cat = DataValidation(type="list", formula1='"Berkala,Serta merta,Setiap saat"', allow_blank=False)
    form = DataValidation(type="list", formula1='"Softcopy,Hardcopy,Softcopy dan hardcopy"', allow_blank=True)
    ws.add_data_validation(cat)
    ws.add_data_validation(form)
    cat.add(f"K2:K{max(len(rows) + 1, 500)}")
    form.add(f"I2:I{max(len(rows) + 1, 500)}")
    help_ws = wb.create_sheet("Petunjuk")
    for line in [
        "Isi satu baris per informasi pada lembar DIP. Jangan ubah judul kolom.",
        "ID: kosongkan untuk informasi baru; biarkan terisi untuk memperbarui informasi yang ada.",
        "Kategori: Berkala, Serta merta, atau Setiap saat (wajib).",
        "Bentuk Informasi: Softcopy, Hardcopy, atau Softcopy dan hardcopy.",
        "Unit Kerja: nama unit persis seperti di Terbuka (boleh kosong).",
        "Tahun: empat angka, mis. 2026.",
    ]:
        help_ws.append([line])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def template_xlsx() -> bytes:
    return _workbook([])


def export_xlsx(items: list[InformationItem]) -> bytes:
    return _workbook([item_row(i) for i in items])


def export_csv(items: list[InformationItem]) -> bytes:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(HEADERS)
    for i in items:
        w.writerow(item_row(i))
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 CSV correctly


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Baris %(row)s, kolom %(col)s: %(msg)s") % {
            "row": self.row,
            "col": self.column,
            "msg": self.message,
        }


class ImportErrors(ValidationError):
    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__([str(e) for e in errors])


def _read_rows(data: bytes, filename: str) -> list[list[Any]]:
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("Berkas terlalu besar (paling besar %(mb)s MB).") % {"mb": MAX_BYTES // 1024 // 1024}
        )
    if filename.lower().endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("Berkas CSV harus berkodean UTF-8.")) from None
        return [list(r) for r in csv.reader(io.StringIO(text))]
    if not data.startswith(b"PK"):
        raise ValidationError(_("Berkas bukan lembar kerja XLSX atau CSV."))
    from openpyxl import load_workbook

    from terbuka.core import safezip

    try:
        wb = load_workbook(safezip.checked_stream(data), read_only=True, data_only=True)
    except ValidationError:
        raise
    except Exception:
        raise ValidationError(_("Lembar kerja XLSX tidak dapat dibaca.")) from None
    ws = wb["DIP"] if "DIP" in wb.sheetnames else wb.worksheets[0]
    rows = []
    for r in ws.iter_rows(values_only=True):
        rows.append(list(r))
        if len(rows) > MAX_ROWS + 1:
            raise ValidationError(_("Terlalu banyak baris (paling banyak %(n)s).") % {"n": MAX_ROWS})
    wb.close()
    return rows


@dataclass
class ImportResult:
    created: list[InformationItem]
    updated: list[InformationItem]
    unchanged: int


def import_items(
    *,
    actor: User | None,
    body: PublicBody,
    data: bytes,
    filename: str = "dip.xlsx",
    edition: DipEdition | None = None,
) -> ImportResult:
    """Import a DIP spreadsheet into a body (and, if given, onto a draft edition). All or nothing: raises
    ``ImportErrors`` naming every problem by row and column, and then nothing has changed."""
    rows = _read_rows(data, filename)
    if not rows:
        raise ImportErrors([RowError(1, "-", _("Lembar kerja kosong."))])
    header = [_norm(h) for h in rows[0]]
    errors: list[RowError] = []
    index: dict[str, int] = {}
    for h, _f in COLUMNS:
        if h in header:
            index[h] = header.index(h)
        elif h != "ID":
            errors.append(RowError(1, h, _("kolom tidak ada; gunakan templat DIP.")))
    if errors:
        raise ImportErrors(errors)
    units = {u.name.lower(): u for u in Unit.objects.filter(body=body)}
    existing = {i.pk: i for i in InformationItem.objects.filter(body=body).select_related("unit")}
    plans: list[tuple[InformationItem | None, dict[str, Any]]] = []
    for n, raw in enumerate(rows[1:], start=2):
        cell = {h: _norm(raw[i]) if i < len(raw) else "" for h, i in index.items()}
        if not any(cell.values()):
            continue
        fields: dict[str, Any] = {}
        item = None
        if cell.get("ID"):
            try:
                item = existing[int(cell["ID"])]
            except (ValueError, KeyError):
                errors.append(
                    RowError(
                        n,
                        "ID",
                        _("tidak ada informasi dengan ID %(v)s di badan publik ini.") % {"v": cell["ID"]},
                    )
                )
        title = cell["Judul Informasi"]
        if not title:
            errors.append(RowError(n, "Judul Informasi", _("wajib diisi.")))
        elif len(title) > 500:
            errors.append(RowError(n, "Judul Informasi", _("paling panjang 500 huruf.")))
        fields["title"] = title
        fields["summary"] = cell["Ringkasan Isi Informasi"]
        unit_name = cell["Unit Kerja"]
        fields["unit"] = None
        if unit_name:
            u = units.get(unit_name.lower())
            if u is None:
                errors.append(RowError(n, "Unit Kerja", _("unit '%(v)s' tidak dikenal.") % {"v": unit_name}))
            fields["unit"] = u
        for h, f, limit in [
            ("Pejabat yang Menguasai Informasi", "official", 300),
            ("Penanggung Jawab Pembuatan/Penerbitan", "responsible", 300),
            ("Waktu Pembuatan", "made_when", 120),
            ("Tempat Pembuatan", "made_where", 200),
            ("Jangka Waktu Penyimpanan", "retention", 200),
        ]:
            if len(cell[h]) > limit:
                errors.append(RowError(n, h, _("paling panjang %(n)s huruf.") % {"n": limit}))
            fields[f] = cell[h]
        form = cell["Bentuk Informasi"].lower()
        if form and form not in FORM_WORDS:
            errors.append(
                RowError(
                    n,
                    "Bentuk Informasi",
                    _("'%(v)s' tidak dikenal; tulis Softcopy, Hardcopy, atau Softcopy dan hardcopy.")
                    % {"v": cell["Bentuk Informasi"]},
                )
            )
        fields["form"] = FORM_WORDS.get(form, Form.KEDUANYA)
        cat = cell["Kategori"].lower()
        if not cat:
            errors.append(RowError(n, "Kategori", _("wajib diisi (Berkala, Serta merta, atau Setiap saat).")))
        elif cat not in CATEGORY_WORDS:
            errors.append(
                RowError(
                    n,
                    "Kategori",
                    _("'%(v)s' tidak dikenal; tulis Berkala, Serta merta, atau Setiap saat.")
                    % {"v": cell["Kategori"]},
                )
            )
        fields["category"] = CATEGORY_WORDS.get(cat, Category.SETIAP_SAAT)
        year = cell["Tahun"]
        fields["year"] = None
        if year:
            if not (year.isdigit() and len(year) == 4 and 1945 <= int(year) <= 2100):
                errors.append(
                    RowError(
                        n, "Tahun", _("'%(v)s' bukan tahun; tulis empat angka, mis. 2026.") % {"v": year}
                    )
                )
            else:
                fields["year"] = int(year)
        if actor is not None and not services.can_manage_items(
            actor, body, fields["unit"] or (item.unit if item else None)
        ):
            errors.append(RowError(n, "Unit Kerja", _("Anda tidak berwenang mencatat informasi unit ini.")))
        plans.append((item, fields))
    if not plans and not errors:
        errors.append(RowError(2, "-", _("tidak ada baris informasi.")))
    if errors:
        raise ImportErrors(errors)
    created: list[InformationItem] = []
    updated: list[InformationItem] = []
    unchanged = 0
    with transaction.atomic():
        for item, fields in plans:
            if item is None:
                title, category = fields.pop("title"), fields.pop("category")
                new = services.item_create(
                    actor=actor, body=body, title=title, category=category, source=Source.IMPOR, **fields
                )
                created.append(new)
                item = new
            else:
                changed = {k: v for k, v in fields.items() if getattr(item, k) != v}
                if changed:
                    updated.append(services.item_update(actor=actor, item=item, **changed))
                else:
                    unchanged += 1
            if edition is not None:
                services.edition_include(actor=actor, edition=edition, items=[item])
    return ImportResult(created=created, updated=updated, unchanged=unchanged)
